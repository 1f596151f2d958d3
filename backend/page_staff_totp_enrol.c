/* POST /beheer/tweestaps - link the app: the code typed back proves the
 * app holds the sealed secret; only then is it stored (and that code's
 * step marked used), on the record. */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "db_audit.h"
#include "db_staff_totp.h"
#include "log.h"
#include "pages.h"
#include "seal.h"
#include "staff_csrf.h"
#include "staff_session.h"
#include "staff_totp_form.h"

struct enrol {
    long long user_id;
    const unsigned char *secret;
    int64_t step;
};

static enum db_status
enrol_tx(struct db_conn *c, void *cls)
{
    struct enrol *e = cls;
    int r =
        db_staff_totp_set(c, e->user_id, e->secret, TOTP_SECRET_BYTES, e->step);

    if (r <= 0)
        return r < 0 ? (enum db_status)r : DB_HARD_ERROR;
    return db_audit_insert(c, "staff", e->user_id, "user.totp_enrol",
                           "staff_user", e->user_id, "{}");
}

static enum MHD_Result
enrol(struct request *rq, const struct staff *me, struct urlenc_pairs *form)
{
    unsigned char secret[TOTP_SECRET_BYTES];
    char purpose[48];
    const char *sealed = urlenc_get(form, "sleutel");
    struct enrol e = {me->id, secret, -1};
    struct db_conn *db;
    enum MHD_Result ret;

    if (!staff_csrf_valid(me, "totp-enrol", urlenc_get(form, "csrf")))
        return reply_error(rq, 400,
                           "Het formulier is verlopen. Ga terug en probeer "
                           "het nog een keer.");
    staff_totp_purpose(me, purpose, sizeof(purpose));
    if (!seal_open(rq->app->box_key, purpose, sealed, time(NULL), secret,
                   sizeof(secret)))
        return reply_error(rq, 400,
                           "De sleutel is verlopen (na 15 minuten). Open de "
                           "pagina opnieuw voor een nieuwe sleutel.");
    e.step = totp_match(secret, sizeof(secret), urlenc_get(form, "code"),
                        time(NULL), -1);
    if (e.step < 0) {
        ret = staff_totp_render(rq, me, 422, secret, sealed,
                                "Deze code klopt niet. Typ de 6 cijfers die "
                                "de app nu laat zien.");
        sodium_memzero(secret, sizeof(secret));
        return ret;
    }
    db = request_db(rq);
    if (db == NULL || db_transaction(db, enrol_tx, &e) < 0) {
        if (db != NULL)
            log_error("totp enrol: %s", db_last_error(db));
        sodium_memzero(secret, sizeof(secret));
        return reply_error(rq, 503, NULL);
    }
    sodium_memzero(secret, sizeof(secret));
    return reply_redirect(rq, "/beheer?tweestaps=1");
}

enum MHD_Result
page_staff_totp_enrol(struct request *rq)
{
    struct urlenc_pairs form = {NULL, 0};
    struct staff me;
    enum MHD_Result ret;

    if (!staff_require(rq, NULL, &me, &ret))
        return ret;
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 8, 4096,
                     &form) != URLENC_OK)
        return reply_error(rq, 400, NULL);
    ret = enrol(rq, &me, &form);
    urlenc_pairs_free(&form);
    return ret;
}
