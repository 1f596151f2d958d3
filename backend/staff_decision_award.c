/* GET/POST /beheer/aanvragen/<id>/toekennen - award the default potje of
 * the year, or a lower amount with a reason.
 *
 * The award letter is made before the transaction, from the data read
 * with the application (the transaction may run more than once; it only
 * stores the same bytes). One transaction then writes: the application
 * toegekend (only at the version the form was made from), the award, its
 * payout te_betalen, the letter, the audit record and the message to the
 * resident. The schema refuses what the money rules forbid (budget of the
 * wijk or the city, the street's yearly maximum, the makelaar who entered
 * it); each refusal becomes a Dutch message on the form with the figures,
 * and nothing is written. No letter, no award. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_application.h"
#include "db_audit.h"
#include "form_render.h"
#include "iban.h"
#include "log.h"
#include "money.h"
#include "staff_decision_common.h"
#include "text_field.h"

#define TITLE "Potje toekennen"

static void
figure(struct html *h, const char *label, const char *value)
{
    HTML(h,
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">{}</dt>"
         "<dd class=\"utrecht-data-list__item-value\">{}</dd></div>\n",
         label, value);
}

/* The figures the decision rests on: the default, what is left of the
 * wijk's and the city's budget, the street's potjes this year. */
static void
figures(struct html *h, const struct decision_app *a)
{
    char def[MONEY_TEXT_SIZE], wijk[MONEY_TEXT_SIZE + 64],
        city[MONEY_TEXT_SIZE + 64], street[64], m1[MONEY_TEXT_SIZE],
        m2[MONEY_TEXT_SIZE], year[64];

    decision_euro(a->default_cents, def, sizeof(def));
    if (a->has_wijk_budget) {
        decision_euro(a->wijk_remaining_cents, m1, sizeof(m1));
        decision_euro(a->wijk_budget_cents, m2, sizeof(m2));
        snprintf(wijk, sizeof(wijk), "%s over van %s", m1, m2);
    } else {
        snprintf(wijk, sizeof(wijk), "geen budget ingesteld");
    }
    if (a->has_city_budget) {
        decision_euro(a->city_remaining_cents, m1, sizeof(m1));
        decision_euro(a->city_budget_cents, m2, sizeof(m2));
        snprintf(city, sizeof(city), "%s over van %s", m1, m2);
    } else {
        snprintf(city, sizeof(city), "geen budget ingesteld");
    }
    snprintf(street, sizeof(street), "%lld van de %lld", a->street_potjes,
             a->street_max);
    snprintf(year, sizeof(year), "Standaardbedrag %d", a->year);
    HTML_LIT(h, "<dl class=\"utrecht-data-list utrecht-data-list--rows\">\n");
    figure(h, year, def);
    HTML(h,
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">Budget wijk "
         "{}</dt><dd class=\"utrecht-data-list__item-value\">{}</dd></div>\n",
         a->wijk_name, wijk);
    figure(h, "Budget stad", city);
    figure(h, "Potjes van deze straat dit jaar", street);
    HTML_LIT(h, "</dl>\n");
}

static enum MHD_Result
render(struct request *rq, const struct staff *me, const struct decision_app *a,
       unsigned status, const struct decision_amount_form *f)
{
    struct html h;
    struct form_error errs[3];
    size_t n = 0;
    char def[MONEY_TEXT_SIZE], action[64];

    html_init(&h);
    decision_page_begin(rq, &h, me, a, TITLE);
    if (f->banner)
        errs[n++] = (struct form_error){"bedrag", f->banner};
    if (f->amount_error)
        errs[n++] = (struct form_error){"bedrag", f->amount_error};
    if (f->reason_error)
        errs[n++] = (struct form_error){"reden", f->reason_error};
    form_error_summary(&h, "Het potje is niet toegekend", errs, n);
    figures(&h, a);
    money_format(a->default_cents, def, sizeof(def));
    snprintf(action, sizeof(action), "/beheer/aanvragen/%lld/toekennen", a->id);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" action=\"{}\" "
         "novalidate>\n",
         action);
    decision_hidden(&h, me, "award", a->id, a->version);
    struct field_view amount = {
        FIELD_TEXT,
        "bedrag",
        "Bedrag in euro",
        "Het standaardbedrag, of minder. Bijvoorbeeld 150,00.",
        f->amount ? f->amount : def,
        f->amount_error,
        "off",
        NULL,
        NULL,
        true,
        20,
    };
    form_field(&h, &amount);
    struct field_view reason = {
        FIELD_TEXTAREA,
        "reden",
        "Waarom minder dan het standaardbedrag?",
        "Alleen nodig bij een lager bedrag. De bewoner leest dit in de "
        "toekenningsbrief.",
        f->reason,
        f->reason_error,
        NULL,
        NULL,
        "(alleen bij een lager bedrag)",
        false,
        2000,
    };
    form_field(&h, &reason);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Toekennen</button></p>\n</form>\n");
    decision_page_end(&h);
    return reply_html(rq, status, &h);
}

static enum MHD_Result
not_now(struct request *rq, const struct staff *me,
        const struct decision_app *a)
{
    char msg[256];

    snprintf(msg, sizeof(msg),
             "Deze aanvraag kan nu niet worden toegekend: de status is %s. "
             "Toekennen kan alleen als de aanvraag in behandeling is.",
             decision_status_label(a->status));
    return decision_notice(rq, me, a, 409, TITLE, msg);
}

enum MHD_Result
decision_award_get(struct request *rq, const struct staff *me, long long id)
{
    unsigned code;
    struct decision_app *a = decision_load(rq, me, id, &code);
    struct decision_amount_form f = {0};
    enum MHD_Result ret;

    if (a == NULL)
        return reply_error(rq, code, NULL);
    if (strcmp(a->status, "in_behandeling") != 0)
        ret = not_now(rq, me, a);
    else
        ret = render(rq, me, a, 200, &f);
    free(a);
    return ret;
}

/* ---- the transaction ---- */

struct award_tx {
    const struct decision_app *a;
    const struct staff *me;
    long long cents;
    const char *reason; /* NULL at the default */
    const unsigned char *pdf;
    size_t len;
    unsigned char hash[crypto_hash_sha256_BYTES];
    /* out */
    bool changed;
    long long award_id, payout_id;
};

static enum db_status
award_tx(struct db_conn *c, void *cls)
{
    struct award_tx *x = cls;
    const struct decision_app *a = x->a;
    char details[256];
    int r;

    x->changed = false;
    r = db_decision_mark_awarded(c, a->id, a->version, x->me->id,
                                 x->me->wijken);
    if (r <= 0) {
        x->changed = r == 0;
        return r < 0 ? (enum db_status)r : DB_NO_RESULTS;
    }
    r = db_decision_award_insert(c, a->id, a->year, x->cents, a->default_cents,
                                 x->reason, x->me->id, &x->award_id);
    if (r != 1)
        return r < 0 ? (enum db_status)r : DB_HARD_ERROR;
    r = db_decision_payout_insert(c, x->award_id, &x->payout_id);
    if (r != 1)
        return r < 0 ? (enum db_status)r : DB_HARD_ERROR;
    if ((r = db_document_insert(c, a->id, "award_letter", x->pdf, x->len,
                                x->hash)) < 0)
        return (enum db_status)r;
    snprintf(details, sizeof(details),
             "{\"from\":\"in_behandeling\",\"to\":\"toegekend\","
             "\"amount_cents\":%lld,\"default_cents\":%lld,\"award_id\":%lld,"
             "\"payout_id\":%lld,\"budget_year\":%d}",
             x->cents, a->default_cents, x->award_id, x->payout_id, a->year);
    if ((r = db_audit_insert(c, "staff", x->me->id, "application.award",
                             "application", a->id, details)) < 0)
        return (enum db_status)r;
    return db_outbox_insert(c, a->id, "awarded",
                            a->has_email ? "email" : "letter");
}

/* A refusal of the schema, in words, with the figures as they are now. */
static void
refusal(const char *rule, const struct decision_app *a, long long cents,
        char *msg, size_t n, unsigned *status)
{
    char want[MONEY_TEXT_SIZE], left[MONEY_TEXT_SIZE];

    decision_euro(cents, want, sizeof(want));
    *status = 409;
    if (strcmp(rule, "award_within_wijk_budget") == 0) {
        decision_euro(a->wijk_remaining_cents, left, sizeof(left));
        snprintf(msg, n,
                 "Er is niet genoeg budget over in wijk %s: nog %s over in "
                 "%d, en u wilt %s toekennen. Kies een lager bedrag of vraag "
                 "de beheerder om meer budget.",
                 a->wijk_name, left, a->year, want);
    } else if (strcmp(rule, "award_within_city_budget") == 0) {
        decision_euro(a->city_remaining_cents, left, sizeof(left));
        snprintf(msg, n,
                 "Er is niet genoeg budget over voor de hele stad: nog %s "
                 "over in %d, en u wilt %s toekennen.",
                 left, a->year, want);
    } else if (strcmp(rule, "award_street_yearly_maximum") == 0) {
        snprintf(msg, n,
                 "Deze straat heeft in %d al %lld potjes gekregen. Meer dan "
                 "%lld per jaar kan niet.",
                 a->year, a->street_potjes, a->street_max);
    } else if (strcmp(rule, "award_segregation_of_duties") == 0 ||
               strcmp(rule, "application_segregation_of_duties") == 0) {
        snprintf(msg, n,
                 "U hebt deze aanvraag zelf ingevoerd voor de bewoner. Een "
                 "andere sociaal makelaar moet erover beslissen.");
    } else if (strcmp(rule, "award_budget_year_wijk_code_fkey") == 0) {
        snprintf(msg, n,
                 "Er is nog geen budget voor wijk %s in %d. Vraag de "
                 "beheerder om het budget in te stellen.",
                 a->wijk_name, a->year);
    } else if (strcmp(rule, "award_by_makelaar_of_wijk") == 0 ||
               strcmp(rule, "application_decided_by_makelaar") == 0) {
        snprintf(msg, n,
                 "U bent geen actieve sociaal makelaar van wijk %s en kunt "
                 "hier niet over beslissen.",
                 a->wijk_name);
    } else if (strcmp(rule, "application_awarded_has_street") == 0) {
        snprintf(msg, n,
                 "De straat van deze aanvraag staat niet in de stratenlijst. "
                 "Koppel eerst de aanvraag aan een straat.");
    } else if (strcmp(rule, "award_default_is_current") == 0) {
        snprintf(msg, n,
                 "Het standaardbedrag is intussen veranderd. Kijk het bedrag "
                 "opnieuw na.");
    } else if (strcmp(rule, "payout_bank_has_payee") == 0) {
        snprintf(msg, n,
                 "Er is geen rekeningnummer van de gangmaker bekend. Vraag de "
                 "bewoner eerst een rekeningnummer op te geven.");
    } else {
        *status = 422;
        snprintf(msg, n,
                 "Het potje kan zo niet worden toegekend. Kijk het bedrag en "
                 "de reden na.");
    }
}

/* Check the typed amount and reason against the default. */
static bool
check_input(const struct decision_app *a, struct decision_amount_form *f,
            long long *cents, const char **reason)
{
    return decision_amount_check(
        f, a->default_cents, true, "het standaardbedrag",
        "Schrijf op waarom het bedrag lager is dan het standaardbedrag. De "
        "bewoner leest dit in de brief.",
        cents, reason);
}

static bool
make_letter(const struct decision_app *a, const struct staff *me,
            long long cents, const char *reason, unsigned char **pdf,
            size_t *len)
{
    struct decision_letter l;
    struct pdf_doc_options opt;
    char generated[128], masked[IBAN_TEXT_SIZE], err[256];
    bool en = strcmp(a->language, "en") == 0;
    bool card = strcmp(a->payout_method, "prepaid_card") == 0;

    decision_letter_base(&l, &opt, a, me, true, generated, sizeof(generated));
    l.amount_cents = cents;
    l.default_amount_cents = a->default_cents;
    l.reduction_reason = reason;
    l.expected_payout = en ? "within four weeks" : "binnen vier weken";
    l.prepaid_card = card;
    if (!card && a->iban[0]) {
        iban_mask(a->iban, masked, sizeof(masked));
        l.iban_masked = masked;
    }
    if (!award_letter_pdf(&l, &opt, pdf, len, err, sizeof(err))) {
        log_error("decision: award letter of application %lld: %s", a->id, err);
        return false;
    }
    return true;
}

enum MHD_Result
decision_award_post(struct request *rq, const struct staff *me, long long id)
{
    struct urlenc_pairs form;
    struct decision_app *a;
    struct decision_amount_form f;
    struct award_tx x;
    unsigned char *pdf = NULL;
    size_t len = 0;
    long long cents = 0;
    const char *reason = NULL;
    char msg[1024];
    unsigned status, code;
    enum db_status st;
    enum MHD_Result ret;
    struct db_conn *db;

    if (!decision_post_begin(rq, me, id, "award", &form, &a, &ret))
        return ret;
    memset(&f, 0, sizeof(f));
    f.amount = urlenc_get(&form, "bedrag");
    f.reason = urlenc_get(&form, "reden");
    if (!decision_version_is(&form, a->version) ||
        strcmp(a->status, "in_behandeling") != 0) {
        ret = decision_changed(rq, me, id, TITLE);
        goto out;
    }
    if (!check_input(a, &f, &cents, &reason)) {
        ret = render(rq, me, a, 422, &f);
        goto out;
    }
    if (!make_letter(a, me, cents, reason, &pdf, &len)) {
        f.banner = "De toekenningsbrief kon niet worden gemaakt. Er is niets "
                   "vastgelegd. Probeer het later nog een keer.";
        ret = render(rq, me, a, 503, &f);
        goto out;
    }
    memset(&x, 0, sizeof(x));
    x.a = a;
    x.me = me;
    x.cents = cents;
    x.reason = reason;
    x.pdf = pdf;
    x.len = len;
    crypto_hash_sha256(x.hash, pdf, len);
    db = request_db(rq);
    st = db_transaction(db, award_tx, &x);
    if (st >= 0 && !x.changed) {
        char to[64];

        snprintf(to, sizeof(to), "/beheer/aanvragen/%lld", id);
        ret = reply_redirect(rq, to);
    } else if (x.changed || st == DB_CONFLICT) {
        ret = decision_changed(rq, me, id, TITLE);
    } else if (st == DB_REFUSED) {
        char rule[64];

        snprintf(rule, sizeof(rule), "%s", db_last_constraint(db));
        /* the figures as they are now, after the refusal */
        free(a);
        a = decision_load(rq, me, id, &code);
        if (a == NULL) {
            ret = reply_error(rq, code, NULL);
            goto out;
        }
        refusal(rule, a, cents, msg, sizeof(msg), &status);
        f.banner = msg;
        ret = render(rq, me, a, status, &f);
    } else {
        log_error("decision: award of application %lld: %s", id,
                  db_last_error(db));
        ret = reply_error(rq, 503, NULL);
    }
out:
    free(pdf);
    free(a);
    urlenc_pairs_free(&form);
    return ret;
}
