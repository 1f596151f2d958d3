#include "staff_csrf.h"

#include <sodium.h>
#include <time.h>

/* csrf.h binds a token to a cookie value; here the binding is to the
 * session itself: the first half of its hash, in csrf.h's cookie form. */
static void
session_binding(const struct staff *me, char out[CSRF_COOKIE_CHARS + 1])
{
    sodium_bin2hex(out, CSRF_COOKIE_CHARS + 1, me->session_hash,
                   CSRF_COOKIE_CHARS / 2);
}

void
staff_csrf_issue(const struct staff *me, const char *purpose,
                 char token[CSRF_TOKEN_MAX])
{
    char binding[CSRF_COOKIE_CHARS + 1];

    session_binding(me, binding);
    csrf_make(me->csrf_secret, purpose, binding, time(NULL), token);
}

bool
staff_csrf_valid(const struct staff *me, const char *purpose, const char *token)
{
    char binding[CSRF_COOKIE_CHARS + 1];

    if (token == NULL)
        return false;
    session_binding(me, binding);
    return csrf_check(me->csrf_secret, purpose, binding, token, time(NULL),
                      STAFF_CSRF_MAX_AGE_S) == CSRF_OK;
}
