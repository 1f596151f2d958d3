/* GET/POST /beheer/aanvragen/<id>/afwijzen - reject an application with a
 * reason the resident reads on the status page and in the rejection
 * letter. One transaction: the application afgewezen (only at the version
 * the form was made from), the letter, the audit record, the message to
 * the resident. The letter is made first; without it nothing changes. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_application.h"
#include "db_audit.h"
#include "form_render.h"
#include "log.h"
#include "staff_decision_common.h"
#include "text_field.h"

#define TITLE "Aanvraag afwijzen"

static bool
may_reject(const struct decision_app *a)
{
    return strcmp(a->status, "in_behandeling") == 0 ||
           strcmp(a->status, "aanvulling_gevraagd") == 0;
}

static enum MHD_Result
render(struct request *rq, const struct staff *me, const struct decision_app *a,
       unsigned status, const char *reason, const char *error,
       const char *banner)
{
    struct html h;
    struct form_error errs[2];
    size_t n = 0;
    char action[64];

    html_init(&h);
    decision_page_begin(rq, &h, me, a, TITLE);
    if (banner)
        errs[n++] = (struct form_error){"reden", banner};
    if (error)
        errs[n++] = (struct form_error){"reden", error};
    form_error_summary(&h, "De aanvraag is niet afgewezen", errs, n);
    snprintf(action, sizeof(action), "/beheer/aanvragen/%lld/afwijzen", a->id);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" action=\"{}\" "
         "novalidate>\n",
         action);
    decision_hidden(&h, me, "reject", a->id, a->version);
    struct field_view f = {
        FIELD_TEXTAREA,
        "reden",
        "Waarom wijst u de aanvraag af?",
        "De bewoner leest dit op de statuspagina en in de afwijzingsbrief. "
        "Schrijf in gewone woorden; geen namen of gezondheid van buren.",
        reason,
        error,
        NULL,
        NULL,
        NULL,
        true,
        2000,
    };
    form_field(&h, &f);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Afwijzen</button></p>\n</form>\n");
    decision_page_end(&h);
    return reply_html(rq, status, &h);
}

enum MHD_Result
decision_reject_get(struct request *rq, const struct staff *me, long long id)
{
    unsigned code;
    struct decision_app *a = decision_load(rq, me, id, &code);
    enum MHD_Result ret;

    if (a == NULL)
        return reply_error(rq, code, NULL);
    if (!may_reject(a)) {
        char msg[256];

        snprintf(msg, sizeof(msg),
                 "Deze aanvraag kan nu niet worden afgewezen: de status is "
                 "%s.",
                 decision_status_label(a->status));
        ret = decision_notice(rq, me, a, 409, TITLE, msg);
    } else {
        ret = render(rq, me, a, 200, NULL, NULL, NULL);
    }
    free(a);
    return ret;
}

struct reject_tx {
    const struct decision_app *a;
    const struct staff *me;
    const char *reason;
    const unsigned char *pdf;
    size_t len;
    unsigned char hash[crypto_hash_sha256_BYTES];
    bool changed;
};

static enum db_status
reject_tx(struct db_conn *c, void *cls)
{
    struct reject_tx *x = cls;
    char from[24] = "", details[128];
    int r;

    x->changed = false;
    r = db_decision_mark_rejected(c, x->a->id, x->a->version, x->me->id,
                                  x->me->wijken, x->reason, from);
    if (r <= 0) {
        x->changed = r == 0;
        return r < 0 ? (enum db_status)r : DB_NO_RESULTS;
    }
    if ((r = db_document_insert(c, x->a->id, "rejection_letter", x->pdf, x->len,
                                x->hash)) < 0)
        return (enum db_status)r;
    snprintf(details, sizeof(details), "{\"from\":\"%s\",\"to\":\"afgewezen\"}",
             from);
    if ((r = db_audit_insert(c, "staff", x->me->id, "application.reject",
                             "application", x->a->id, details)) < 0)
        return (enum db_status)r;
    return db_outbox_insert(c, x->a->id, "rejected",
                            x->a->has_email ? "email" : "letter");
}

enum MHD_Result
decision_reject_post(struct request *rq, const struct staff *me, long long id)
{
    struct urlenc_pairs form;
    struct decision_app *a;
    struct decision_letter l;
    struct pdf_doc_options opt;
    struct reject_tx x;
    unsigned char *pdf = NULL;
    size_t len = 0;
    char generated[128], err[256], reason[8192];
    const char *typed, *error;
    struct db_conn *db;
    enum db_status st;
    enum MHD_Result ret;

    if (!decision_post_begin(rq, me, id, "reject", &form, &a, &ret))
        return ret;
    typed = urlenc_get(&form, "reden");
    if (!decision_version_is(&form, a->version) || !may_reject(a)) {
        ret = decision_changed(rq, me, id, TITLE);
        goto out;
    }
    error = text_field_check(typed ? typed : "", 1, 2000, true, "nl");
    if (error != NULL) {
        if (typed == NULL || strspn(typed, " \t\r\n") == strlen(typed))
            error = "Schrijf op waarom u de aanvraag afwijst. De bewoner "
                    "leest dit.";
        ret = render(rq, me, a, 422, typed, error, NULL);
        goto out;
    }
    /* stored without the white space around it, as the check counted */
    snprintf(reason, sizeof(reason), "%s", typed);
    text_field_trim(reason);

    decision_letter_base(&l, &opt, a, me, false, generated, sizeof(generated));
    l.rejection_reason = reason;
    if (!rejection_letter_pdf(&l, &opt, &pdf, &len, err, sizeof(err))) {
        log_error("decision: rejection letter of application %lld: %s", id,
                  err);
        ret = render(rq, me, a, 503, typed, NULL,
                     "De afwijzingsbrief kon niet worden gemaakt. Er is "
                     "niets vastgelegd. Probeer het later nog een keer.");
        goto out;
    }
    memset(&x, 0, sizeof(x));
    x.a = a;
    x.me = me;
    x.reason = reason;
    x.pdf = pdf;
    x.len = len;
    crypto_hash_sha256(x.hash, pdf, len);
    db = request_db(rq);
    st = db_transaction(db, reject_tx, &x);
    if (st >= 0 && !x.changed) {
        char to[64];

        snprintf(to, sizeof(to), "/beheer/aanvragen/%lld", id);
        ret = reply_redirect(rq, to);
    } else if (x.changed || st == DB_CONFLICT) {
        ret = decision_changed(rq, me, id, TITLE);
    } else if (st == DB_REFUSED) {
        const char *rule = db_last_constraint(db);

        ret = render(rq, me, a, 409, typed, NULL,
                     strcmp(rule, "application_segregation_of_duties") == 0
                         ? "U hebt deze aanvraag zelf ingevoerd voor de "
                           "bewoner. Een andere sociaal makelaar moet erover "
                           "beslissen."
                         : "U kunt over deze aanvraag niet beslissen: u bent "
                           "geen actieve sociaal makelaar van deze wijk.");
    } else {
        log_error("decision: rejection of application %lld: %s", id,
                  db_last_error(db));
        ret = reply_error(rq, 503, NULL);
    }
out:
    free(pdf);
    free(a);
    urlenc_pairs_free(&form);
    return ret;
}
