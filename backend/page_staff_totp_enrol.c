/* POST /beheer/tweestaps - link the app: the code typed back proves the
 * app holds the sealed secret; only then is it stored (and that code's
 * step marked used), on the record. */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "db_audit.h"
#include "db_staff_session.h"
#include "db_staff_totp.h"
#include "log.h"
#include "pages.h"
#include "seal.h"
#include "staff_csrf.h"
#include "staff_session.h"
#include "staff_totp_form.h"

struct enrol {
    const struct staff *me;
    const unsigned char *secret;
    int64_t step;         /* of the new app's code */
    int64_t current_step; /* of the linked app's code; -1: none linked */
    bool replayed;        /* that code was used meanwhile */
    int sessions_ended;
};

static enum db_status
enrol_tx(struct db_conn *c, void *cls)
{
    struct enrol *e = cls;
    long long id = e->me->id;
    int r;

    e->replayed = false;
    e->sessions_ended = 0;
    if (e->current_step >= 0) {
        r = db_staff_totp_use(c, id, e->current_step);
        if (r < 0)
            return (enum db_status)r;
        if (r == 0) {
            e->replayed = true;
            return DB_CONFLICT;
        }
        /* whoever holds another session of this account loses it with
         * the old app */
        r = db_staff_session_end_others(c, id, e->me->session_hash);
        if (r < 0)
            return (enum db_status)r;
        e->sessions_ended = r;
    }
    r = db_staff_totp_set(c, id, e->secret, TOTP_SECRET_BYTES, e->step);
    if (r <= 0)
        return r < 0 ? (enum db_status)r : DB_HARD_ERROR;
    return db_audit_insert(c, "staff", id, "user.totp_enrol", "staff_user", id,
                           e->current_step >= 0 ? "{\"replaced\": true}"
                                                : "{\"replaced\": false}");
}

/* The step of the linked app's code typed in huidige_code, or -1. */
static int64_t
current_code_step(struct db_conn *db, const struct staff *me, const char *code,
                  int *status)
{
    unsigned char key[DB_TOTP_SECRET_MAX];
    size_t keylen = 0;
    int64_t last = -1, step;
    int r = db_staff_totp_get(db, me->id, key, &keylen, &last);

    *status = r;
    if (r <= 0)
        return -1;
    step = totp_match(key, keylen, code, time(NULL), last);
    sodium_memzero(key, sizeof(key));
    return step;
}

static enum MHD_Result
enrol(struct request *rq, const struct staff *me, struct urlenc_pairs *form)
{
    unsigned char secret[TOTP_SECRET_BYTES];
    char purpose[48];
    const char *sealed = urlenc_get(form, "sleutel");
    struct enrol e = {me, secret, -1, -1, false, 0};
    const char *new_error = NULL, *current_error = NULL;
    struct db_conn *db = request_db(rq);
    enum MHD_Result ret;
    int st = 0;

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
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    e.step = totp_match(secret, sizeof(secret), urlenc_get(form, "code"),
                        time(NULL), -1);
    if (e.step < 0)
        new_error = "Deze code klopt niet. Typ de 6 cijfers die de app nu "
                    "laat zien.";
    if (me->totp_enrolled) {
        e.current_step =
            current_code_step(db, me, urlenc_get(form, "huidige_code"), &st);
        if (st < 0) {
            log_error("totp enrol: %s", db_last_error(db));
            sodium_memzero(secret, sizeof(secret));
            return reply_error(rq, 503, NULL);
        }
        if (st > 0 && e.current_step < 0)
            current_error = "Deze code klopt niet. Typ de code die uw "
                            "huidige app nu laat zien.";
    }
    if (new_error == NULL && current_error == NULL &&
        db_transaction(db, enrol_tx, &e) < 0) {
        if (!e.replayed) {
            log_error("totp enrol: %s", db_last_error(db));
            sodium_memzero(secret, sizeof(secret));
            return reply_error(rq, 503, NULL);
        }
        current_error = "Deze code is al gebruikt. Wacht op de volgende code "
                        "in uw huidige app.";
    }
    if (new_error != NULL || current_error != NULL) {
        ret = staff_totp_render(rq, me, 422, secret, sealed, new_error,
                                current_error);
        sodium_memzero(secret, sizeof(secret));
        return ret;
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
