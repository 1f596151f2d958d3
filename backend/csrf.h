/* csrf.h - tokens that prove a form was served by us to this browser.
 *
 * Double-submit with a MAC: the browser holds a random cookie value; the
 * form carries issued-at and HMAC-SHA256(secret, purpose | issued | cookie)
 * as one token. A forged cross-site POST has neither the cookie (SameSite)
 * nor a token that matches it. The secret lives in the database so every
 * server accepts every other's tokens. Pure functions; thread safe.
 */
#ifndef LIEFLEED_CSRF_H
#define LIEFLEED_CSRF_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define CSRF_SECRET_BYTES 32
#define CSRF_COOKIE_CHARS 32 /* 128 random bits, hex */
#define CSRF_TOKEN_MAX 96
#define CSRF_COOKIE_NAME "ll_form"

enum csrf_result { CSRF_OK, CSRF_MISSING, CSRF_BAD, CSRF_EXPIRED };

/* A fresh random cookie value (hex, NUL-terminated). */
void csrf_new_cookie(char out[CSRF_COOKIE_CHARS + 1]);

/* True when s looks like a cookie value we issue. */
bool csrf_cookie_valid(const char *s);

/* The token for a form with this purpose, bound to cookie, issued now. */
void csrf_make(const unsigned char secret[CSRF_SECRET_BYTES],
               const char *purpose, const char *cookie, time_t now,
               char out[CSRF_TOKEN_MAX]);

/* Check token against cookie and purpose; tokens older than max_age_s are
 * CSRF_EXPIRED (the form is shown again, values kept). */
enum csrf_result csrf_check(const unsigned char secret[CSRF_SECRET_BYTES],
                            const char *purpose, const char *cookie,
                            const char *token, time_t now, long max_age_s);

#endif
