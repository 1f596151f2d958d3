/* form_csrf.h - CSRF for the HTTP layer: the cookie that binds a token to
 * this browser, issued on first sight, and the token every form carries
 * (csrf.h does the cryptography). */
#ifndef LIEFLEED_FORM_CSRF_H
#define LIEFLEED_FORM_CSRF_H

#include <stdbool.h>

#include "csrf.h"
#include "http.h"

#define FORM_CSRF_MAX_AGE_S (24 * 3600)

/* A token for a form with purpose; sets the cookie on the reply when the
 * browser has none yet. */
void form_csrf_issue(struct request *rq, const char *purpose,
                     char token[CSRF_TOKEN_MAX]);

/* Whether token is valid for purpose with this browser's cookie. */
bool form_csrf_valid(struct request *rq, const char *purpose,
                     const char *token);

#endif
