#include "form_csrf.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"

void
form_csrf_issue(struct request *rq, const char *purpose,
                char token[CSRF_TOKEN_MAX])
{
    char fresh[CSRF_COOKIE_CHARS + 1];
    const char *cookie = request_cookie(rq, CSRF_COOKIE_NAME);

    if (!csrf_cookie_valid(cookie)) {
        csrf_new_cookie(fresh);
        snprintf(
            rq->set_cookie, sizeof(rq->set_cookie),
            CSRF_COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Strict%s", fresh,
            strncmp(rq->app->cfg.base_url, "https:", 6) == 0 ? "; Secure" : "");
        cookie = fresh;
    }
    csrf_make(rq->app->csrf_key, purpose, cookie, time(NULL), token);
}

bool
form_csrf_valid(struct request *rq, const char *purpose, const char *token)
{
    return csrf_check(rq->app->csrf_key, purpose,
                      request_cookie(rq, CSRF_COOKIE_NAME), token, time(NULL),
                      FORM_CSRF_MAX_AGE_S) == CSRF_OK;
}
