/* GET/POST /beheer/aanvragen/<id>/vaststellen - set the final amount of a
 * paid potje (vaststelling, Awb 4:46): the awarded amount or less, with a
 * reason when less. The page shows the spending report (which may not be
 * handed in yet). The settlement is written once; the schema bounds it by
 * the award. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_audit.h"
#include "db_expense.h"
#include "expense_fields.h"
#include "form_render.h"
#include "log.h"
#include "money.h"
#include "staff_decision_common.h"
#include "text_field.h"

#define TITLE "Potje vaststellen"

static bool
may_settle(const struct decision_app *a)
{
    return a->award_id != 0 && strcmp(a->payout_status, "betaald") == 0 &&
           !a->settled;
}

struct lines_ctx {
    struct html *h;
};

static void
line_row(void *cls, const struct expense_line_row *l)
{
    struct lines_ctx *x = cls;
    char amount[MONEY_TEXT_SIZE];

    money_format_euro(l->amount_cents, amount, sizeof(amount));
    HTML(x->h,
         "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"
         "{}</td><td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell utrecht-table__cell--numeric\">{}"
         "</td></tr>\n",
         l->spent_on, expense_occasion_label(l->occasion, "nl"), l->note,
         amount);
}

/* The spending report: its lines and total. Returns the reported total
 * (0 without a report) and whether it was handed in, or -1 on a database
 * error. */
static long long
report(struct request *rq, struct html *h, const struct decision_app *a,
       bool *submitted)
{
    struct db_conn *db = request_db(rq);
    struct expense_report_view v;
    struct lines_ctx x = {h};
    char total[MONEY_TEXT_SIZE];
    int r = db_expense_report_of(db, a->id, &v);

    *submitted = false;
    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Kostenoverzicht</h2>\n");
    if (r < 0)
        return -1;
    if (r == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Er is geen "
                    "kostenoverzicht.</p>\n");
        return 0;
    }
    *submitted = v.submitted;
    if (v.submitted)
        HTML(h, "<p class=\"utrecht-paragraph\">Ingediend op {}.</p>\n",
             v.submitted_text);
    else
        HTML(h,
             "<p class=\"utrecht-paragraph\">Nog niet ingediend. De "
             "gangmaker moet het inleveren vóór {}.</p>\n",
             v.due_on_text);
    HTML_LIT(h, "<table class=\"utrecht-table\">\n<thead "
                "class=\"utrecht-table__header\"><tr "
                "class=\"utrecht-table__row\"><th "
                "class=\"utrecht-table__header-cell\">Datum</th><th "
                "class=\"utrecht-table__header-cell\">Gelegenheid</th><th "
                "class=\"utrecht-table__header-cell\">Toelichting</th><th "
                "class=\"utrecht-table__header-cell "
                "utrecht-table__header-cell--numeric\">Bedrag</th></tr>"
                "</thead>\n<tbody class=\"utrecht-table__body\">\n");
    if (db_expense_lines(db, v.id, line_row, &x) < 0)
        return -1;
    money_format_euro(v.spent_cents, total, sizeof(total));
    HTML(
        h,
        "</tbody>\n<tfoot class=\"utrecht-table__footer\"><tr "
        "class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
        "colspan=\"3\">Totaal</th><td class=\"utrecht-table__cell "
        "utrecht-table__cell--numeric\">{}</td></tr></tfoot>\n</table>\n",
        total);
    return v.spent_cents;
}

static enum MHD_Result
render(struct request *rq, const struct staff *me, const struct decision_app *a,
       unsigned status, const struct decision_amount_form *f)
{
    struct html h;
    struct form_error errs[3];
    size_t n = 0;
    char awarded[MONEY_TEXT_SIZE], def[MONEY_TEXT_SIZE], action[64];
    bool submitted;
    long long reported, proposal;

    html_init(&h);
    decision_page_begin(rq, &h, me, a, TITLE);
    if (f->banner)
        errs[n++] = (struct form_error){"bedrag", f->banner};
    if (f->amount_error)
        errs[n++] = (struct form_error){"bedrag", f->amount_error};
    if (f->reason_error)
        errs[n++] = (struct form_error){"reden", f->reason_error};
    form_error_summary(&h, "Het potje is niet vastgesteld", errs, n);
    money_format_euro(a->award_cents, awarded, sizeof(awarded));
    HTML(&h, "<p class=\"utrecht-paragraph\">Toegekend op {}: {}.</p>\n",
         a->awarded_on, awarded);
    reported = report(rq, &h, a, &submitted);
    if (reported < 0) {
        html_free(&h);
        return reply_error(rq, 503, NULL);
    }
    /* proposal: what was spent, when the report is in; else the award */
    proposal =
        submitted && reported < a->award_cents ? reported : a->award_cents;
    money_format(proposal, def, sizeof(def));
    snprintf(action, sizeof(action), "/beheer/aanvragen/%lld/vaststellen",
             a->id);
    HTML(&h,
         "<h2 class=\"utrecht-heading-2\">Vaststelling</h2>\n"
         "<form class=\"utrecht-form\" method=\"post\" action=\"{}\" "
         "novalidate>\n",
         action);
    decision_hidden(&h, me, "settle", a->id, a->version);
    struct field_view amount = {
        FIELD_TEXT,
        "bedrag",
        "Definitief bedrag in euro",
        "Het toegekende bedrag, of minder als er minder is uitgegeven.",
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
        "Waarom minder dan toegekend?",
        "Alleen nodig bij een lager bedrag.",
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
                 "Vaststellen</button></p>\n</form>\n");
    decision_page_end(&h);
    return reply_html(rq, status, &h);
}

static enum MHD_Result
not_now(struct request *rq, const struct staff *me,
        const struct decision_app *a)
{
    const char *msg;

    if (a->settled)
        msg = "Dit potje is al vastgesteld.";
    else if (a->award_id == 0)
        msg = "Deze aanvraag heeft geen toegekend potje.";
    else
        msg = "Een potje kunt u vaststellen als het is uitbetaald.";
    return decision_notice(rq, me, a, 409, TITLE, msg);
}

enum MHD_Result
decision_settle_get(struct request *rq, const struct staff *me, long long id)
{
    unsigned code;
    struct decision_app *a = decision_load(rq, me, id, &code);
    struct decision_amount_form f;
    enum MHD_Result ret;

    if (a == NULL)
        return reply_error(rq, code, NULL);
    memset(&f, 0, sizeof(f));
    ret = may_settle(a) ? render(rq, me, a, 200, &f) : not_now(rq, me, a);
    free(a);
    return ret;
}

struct settle_tx {
    const struct decision_app *a;
    const struct staff *me;
    long long cents;
    const char *reason;
    bool changed;
};

static enum db_status
settle_tx(struct db_conn *c, void *cls)
{
    struct settle_tx *x = cls;
    char details[192];
    int r;

    x->changed = false;
    r = db_decision_settlement_insert(c, x->a->award_id, x->cents, x->reason,
                                      x->me->id, x->me->wijken);
    if (r <= 0) {
        x->changed = r == 0;
        return r < 0 ? (enum db_status)r : DB_NO_RESULTS;
    }
    snprintf(details, sizeof(details),
             "{\"application_id\":%lld,\"awarded_cents\":%lld,"
             "\"amount_cents\":%lld}",
             x->a->id, x->a->award_cents, x->cents);
    return db_audit_insert(c, "staff", x->me->id, "award.settle", "award",
                           x->a->award_id, details);
}

static bool
check_input(const struct decision_app *a, struct decision_amount_form *f,
            long long *cents, const char **reason)
{
    return decision_amount_check(f, a->award_cents, false,
                                 "het toegekende bedrag",
                                 "Schrijf op waarom het bedrag lager is dan "
                                 "toegekend.",
                                 cents, reason);
}

enum MHD_Result
decision_settle_post(struct request *rq, const struct staff *me, long long id)
{
    struct urlenc_pairs form;
    struct decision_app *a;
    struct decision_amount_form f;
    struct settle_tx x;
    long long cents = 0;
    const char *reason = NULL;
    struct db_conn *db;
    enum db_status st;
    enum MHD_Result ret;

    if (!decision_post_begin(rq, me, id, "settle", &form, &a, &ret))
        return ret;
    memset(&f, 0, sizeof(f));
    f.amount = urlenc_get(&form, "bedrag");
    f.reason = urlenc_get(&form, "reden");
    if (!decision_version_is(&form, a->version) || !may_settle(a)) {
        ret = a->settled ? not_now(rq, me, a)
                         : decision_changed(rq, me, id, TITLE);
        goto out;
    }
    if (!check_input(a, &f, &cents, &reason)) {
        ret = render(rq, me, a, 422, &f);
        goto out;
    }
    memset(&x, 0, sizeof(x));
    x.a = a;
    x.me = me;
    x.cents = cents;
    x.reason = reason;
    db = request_db(rq);
    st = db_transaction(db, settle_tx, &x);
    if (st >= 0 && !x.changed) {
        char to[64];

        snprintf(to, sizeof(to), "/beheer/aanvragen/%lld", id);
        ret = reply_redirect(rq, to);
    } else if (x.changed || st == DB_CONFLICT) {
        ret = decision_notice(rq, me, a, 409, TITLE,
                              "Dit potje is intussen al vastgesteld, of het "
                              "is niet meer uitbetaald. Er is niets "
                              "veranderd. Bekijk de aanvraag opnieuw.");
    } else if (st == DB_REFUSED) {
        f.banner = "Het potje kan zo niet worden vastgesteld. Kijk het "
                   "bedrag en de reden na.";
        ret = render(rq, me, a, 422, &f);
    } else {
        log_error("decision: settlement of application %lld: %s", id,
                  db_last_error(db));
        ret = reply_error(rq, 503, NULL);
    }
out:
    free(a);
    urlenc_pairs_free(&form);
    return ret;
}
