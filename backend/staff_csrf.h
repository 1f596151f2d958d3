/* staff_csrf.h - CSRF tokens of the staff pages, bound to the session.
 *
 * Every staff form carries a token made with the session's own secret
 * (staff_session.csrf_secret, fresh at each login), so a token dies with
 * its session: after logout or a new login it is refused. The purpose
 * names the form and, where there is one, its object ("award:42"), so a
 * token for one application cannot be replayed against another.
 */
#ifndef LIEFLEED_STAFF_CSRF_H
#define LIEFLEED_STAFF_CSRF_H

#include <stdbool.h>

#include "csrf.h"
#include "db_staff_session.h"

/* Staff forms stay valid for a working day. */
#define STAFF_CSRF_MAX_AGE_S (12 * 3600)

/* The token for a form with purpose in me's session. */
void staff_csrf_issue(const struct staff *me, const char *purpose,
                      char token[CSRF_TOKEN_MAX]);

/* Whether token (may be NULL) was issued for purpose in me's session. */
bool staff_csrf_valid(const struct staff *me, const char *purpose,
                      const char *token);

#endif
