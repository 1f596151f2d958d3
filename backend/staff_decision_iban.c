/* GET/POST /beheer/aanvragen/<id>/iban - confirm the account number the
 * resident changed after the award. Until a makelaar confirms it, finance
 * cannot put the payout in a batch (sql/003); whoever confirms it cannot
 * batch it either. The confirmation holds only for the change that was
 * shown: a second change since then is not confirmed unseen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_audit.h"
#include "iban.h"
#include "log.h"
#include "staff_decision_common.h"

#define TITLE "Nieuw rekeningnummer bevestigen"

static bool
waiting(const struct decision_app *a)
{
    return a->payout_id != 0 && !a->iban_confirmed;
}

enum MHD_Result
decision_iban_get(struct request *rq, const struct staff *me, long long id)
{
    unsigned code;
    struct decision_app *a = decision_load(rq, me, id, &code);
    char masked[IBAN_TEXT_SIZE], action[64];
    struct html h;
    enum MHD_Result ret;

    if (a == NULL)
        return reply_error(rq, code, NULL);
    if (!waiting(a)) {
        ret = decision_notice(rq, me, a, 409, TITLE,
                              "Er is geen nieuw rekeningnummer dat op "
                              "bevestiging wacht.");
        free(a);
        return ret;
    }
    iban_mask(a->payout_iban, masked, sizeof(masked));
    snprintf(action, sizeof(action), "/beheer/aanvragen/%lld/iban", a->id);
    html_init(&h);
    decision_page_begin(rq, &h, me, a, TITLE);
    HTML(&h,
         "<p class=\"utrecht-paragraph\">De gangmaker heeft het "
         "rekeningnummer veranderd op {}, na de toekenning. Het geld wordt "
         "pas overgemaakt als u het nieuwe nummer bevestigt. Bel of mail de "
         "gangmaker als u twijfelt of de wijziging echt van hem of haar "
         "komt.</p>\n"
         "<dl class=\"utrecht-data-list utrecht-data-list--rows\">\n"
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">Nieuw "
         "rekeningnummer</dt><dd "
         "class=\"utrecht-data-list__item-value\">{}</dd></div>\n"
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">Op naam "
         "van</dt><dd class=\"utrecht-data-list__item-value\">{}</dd></div>\n"
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">Status "
         "uitbetaling</dt><dd "
         "class=\"utrecht-data-list__item-value\">{}</dd></div>\n"
         "</dl>\n"
         "<p class=\"utrecht-paragraph\">Het oude rekeningnummer bewaren wij "
         "niet meer; het staat gemaskeerd in de toekenningsbrief.</p>\n"
         "<form class=\"utrecht-form\" method=\"post\" action=\"{}\">\n",
         a->iban_changed_at, masked, a->payout_holder,
         strcmp(a->payout_status, "te_betalen") == 0 ? "te betalen"
                                                     : a->payout_status,
         action);
    decision_hidden(&h, me, "iban", a->id, a->iban_version);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Nieuw rekeningnummer bevestigen</button></p>\n</form>\n");
    decision_page_end(&h);
    ret = reply_html(rq, 200, &h);
    free(a);
    return ret;
}

struct iban_tx {
    const struct decision_app *a;
    const struct staff *me;
    bool changed;
};

static enum db_status
iban_tx(struct db_conn *c, void *cls)
{
    struct iban_tx *x = cls;
    char details[160];
    int r;

    x->changed = false;
    r = db_decision_iban_confirm(c, x->a->payout_id, x->a->iban_version,
                                 x->me->id, x->me->wijken);
    if (r <= 0) {
        x->changed = r == 0;
        return r < 0 ? (enum db_status)r : DB_NO_RESULTS;
    }
    snprintf(details, sizeof(details),
             "{\"application_id\":%lld,\"iban_confirmed\":{\"from\":false,"
             "\"to\":true},\"payout_status\":\"%s\"}",
             x->a->id, x->a->payout_status);
    return db_audit_insert(c, "staff", x->me->id, "payout.iban_confirm",
                           "payout", x->a->payout_id, details);
}

enum MHD_Result
decision_iban_post(struct request *rq, const struct staff *me, long long id)
{
    struct urlenc_pairs form;
    struct decision_app *a;
    struct iban_tx x;
    struct db_conn *db;
    enum db_status st;
    enum MHD_Result ret;

    if (!decision_post_begin(rq, me, id, "iban", &form, &a, &ret))
        return ret;
    if (!waiting(a) || !decision_version_is(&form, a->iban_version)) {
        ret = decision_notice(rq, me, a, 409, TITLE,
                              "Het rekeningnummer is intussen opnieuw "
                              "gewijzigd of al bevestigd. Er is niets "
                              "bevestigd. Bekijk de aanvraag opnieuw.");
        goto out;
    }
    memset(&x, 0, sizeof(x));
    x.a = a;
    x.me = me;
    db = request_db(rq);
    st = db_transaction(db, iban_tx, &x);
    if (st >= 0 && !x.changed) {
        char to[64];

        snprintf(to, sizeof(to), "/beheer/aanvragen/%lld", id);
        ret = reply_redirect(rq, to);
    } else if (x.changed || st == DB_CONFLICT || st == DB_REFUSED) {
        ret = decision_notice(rq, me, a, 409, TITLE,
                              "Het rekeningnummer is intussen opnieuw "
                              "gewijzigd of al bevestigd. Er is niets "
                              "bevestigd. Bekijk de aanvraag opnieuw.");
    } else {
        log_error("decision: iban confirm of application %lld: %s", id,
                  db_last_error(db));
        ret = reply_error(rq, 503, NULL);
    }
out:
    free(a);
    urlenc_pairs_free(&form);
    return ret;
}
