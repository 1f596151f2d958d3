/* staff_session.h - who is logged in: the session cookie of the staff
 * pages and the checks every staff handler starts with.
 *
 * The cookie ll_sessie holds 32 random bytes (base64url); the database
 * knows only their SHA-256 (db_staff_session.h). It is HttpOnly,
 * SameSite=Strict, Path=/, and Secure when LIEFLEED_BASE_URL is https.
 */
#ifndef LIEFLEED_STAFF_SESSION_H
#define LIEFLEED_STAFF_SESSION_H

#include <stdbool.h>

#include "db_staff_session.h"
#include "http.h"

#define STAFF_SESSION_COOKIE "ll_sessie"
#define STAFF_SESSION_ID_BYTES 32
/* where a staff member sets up their second factor */
#define STAFF_TOTP_PATH "/beheer/tweestaps"

enum staff_auth {
    STAFF_AUTH_OK,       /* logged in; *out is filled */
    STAFF_AUTH_NONE,     /* no cookie, or the session is not open */
    STAFF_AUTH_DB_ERROR, /* the database cannot say: answer 503 */
};

/* The staff member whose open session this request carries. Checks the
 * cookie, the idle and absolute limits and that the account is enabled,
 * and records the request (last_seen_at, at most once a minute). */
enum staff_auth staff_session_current(struct request *rq, struct staff *out);

/* For staff handlers. Returns true with *out filled when the visitor is
 * logged in and has one of roles (comma-separated, e.g.
 * "makelaar,beheerder"; NULL: any role). Otherwise queues the answer in
 * *ret and returns false: 303 to /inloggen when not logged in, 404 for
 * another role (the route does not exist for them), 503 when the database
 * is unreachable. A financien or beheerder account without the second
 * factor that the setting totp_required asks for is sent (303) to
 * STAFF_TOTP_PATH, whatever it asked for. */
bool staff_require(struct request *rq, const char *roles, struct staff *out,
                   enum MHD_Result *ret);

/* The SHA-256 of the session cookie of this request. Returns false when
 * there is no well-formed cookie. */
bool staff_session_cookie_hash(struct request *rq,
                               unsigned char hash[STAFF_SESSION_HASH_BYTES]);

/* Make a new random session id: id goes into the cookie (set on this
 * reply), hash into the database. */
void staff_session_new(struct request *rq,
                       unsigned char hash[STAFF_SESSION_HASH_BYTES]);

/* Tell the browser to forget its session cookie (on this reply). */
void staff_session_cookie_clear(struct request *rq);

#endif
