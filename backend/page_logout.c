/* POST /uitloggen - end the staff session: in the database (ended_at, on
 * the record) and in the browser (the cookie is cleared), then back to the
 * login page. Without a valid CSRF token nothing ends. */
#include <string.h>

#include "db_audit.h"
#include "form_csrf.h"
#include "log.h"
#include "pages.h"
#include "staff_session.h"

#define LOGOUT_CSRF_PURPOSE "logout"

struct logout {
    unsigned char hash[STAFF_SESSION_HASH_BYTES];
    long long user_id;
};

static enum db_status
logout_tx(struct db_conn *c, void *cls)
{
    struct logout *x = cls;
    int r = db_staff_session_end(c, x->hash, &x->user_id);

    if (r <= 0)
        return (enum db_status)r;
    return db_audit_insert(c, "staff", x->user_id, "login.logout", "staff_user",
                           x->user_id, "{}");
}

enum MHD_Result
page_logout(struct request *rq)
{
    struct urlenc_pairs form = {NULL, 0};
    struct logout x;
    struct db_conn *db;
    enum MHD_Result ret;

    memset(&x, 0, sizeof(x));
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 8, 4096,
                     &form) != URLENC_OK)
        return reply_error(rq, 400, NULL);
    if (!form_csrf_valid(rq, LOGOUT_CSRF_PURPOSE, urlenc_get(&form, "csrf"))) {
        ret = reply_error(rq, 400,
                          "Het formulier is verlopen. Ga terug en probeer "
                          "het nog een keer.");
        goto out;
    }
    if (staff_session_cookie_hash(rq, x.hash)) {
        db = request_db(rq);
        if (db == NULL || db_transaction(db, logout_tx, &x) < 0) {
            if (db != NULL)
                log_error("logout: %s", db_last_error(db));
            ret = reply_error(rq, 503, NULL);
            goto out;
        }
    }
    staff_session_cookie_clear(rq);
    ret = reply_redirect(rq, "/inloggen?uitgelogd=1");
out:
    urlenc_pairs_free(&form);
    return ret;
}
