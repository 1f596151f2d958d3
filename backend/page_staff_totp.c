/* GET /beheer/tweestaps - set up (or replace) the authenticator app of the
 * logged-in staff member: a fresh secret each time the page is shown. */
#include <sodium.h>
#include <time.h>

#include "app.h"
#include "pages.h"
#include "seal.h"
#include "staff_session.h"
#include "staff_totp_form.h"

enum MHD_Result
page_staff_totp(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    unsigned char secret[TOTP_SECRET_BYTES];
    char purpose[48], sealed[SEAL_TOKEN_MAX];

    if (!staff_require(rq, NULL, &me, &ret))
        return ret;
    randombytes_buf(secret, sizeof(secret));
    staff_totp_purpose(&me, purpose, sizeof(purpose));
    if (!seal_make(rq->app->box_key, purpose, secret, sizeof(secret),
                   time(NULL) + STAFF_TOTP_SEAL_TTL_S, sealed))
        ret = reply_error(rq, 500, NULL);
    else
        ret = staff_totp_render(rq, &me, 200, secret, sealed, NULL, NULL);
    sodium_memzero(secret, sizeof(secret));
    return ret;
}
