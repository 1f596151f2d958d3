/* POST /beheer/steekproef - draw a spot check, or record the outcome of
 * one of its potjes.
 *
 *   actie=trekken   beheerder: jaar, percentage. A random 64-bit seed is
 *                   stored with the draw, and the potjes are chosen from
 *                   it in the database (db_spot_check.h), so the draw can
 *                   be repeated by anyone from the record.
 *   actie=uitkomst  makelaar of the potje's wijk: steekproef, potje,
 *                   uitkomst (in_orde | deels | niet_in_orde), bedrag (a
 *                   lower final amount, only when not in order),
 *                   toelichting (optional).
 *
 * Another role, or a potje outside the makelaar's wijken, answers 404.
 * Each writes its audit event in the same transaction. A settlement is
 * final (it is what was accounted for), so the lower amount is recorded
 * on the check itself, next to the settlement. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_audit.h"
#include "db_spot_check.h"
#include "form_render.h"
#include "log.h"
#include "money.h"
#include "pages.h"
#include "staff_csrf.h"
#include "staff_layout.h"
#include "staff_session.h"
#include "text_field.h"

#define EXPIRED                                                                \
    "Het formulier is verlopen of hoort bij een andere pagina. Ga terug, "     \
    "laad de pagina opnieuw en probeer het nog een keer."

static const struct option_view outcomes[] = {
    {"in_orde", "In orde: de bonnen kloppen"},
    {"deels", "Deels in orde"},
    {"niet_in_orde", "Niet in orde"},
};

/* A whole number lo..hi written as plain digits; false otherwise. */
static bool
small_int(const char *s, long lo, long hi, long *out)
{
    long v = 0;
    size_t i, n;

    if (s == NULL)
        return false;
    while (*s == ' ')
        s++;
    n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0 || n > 6)
        return false;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static long long
id_of(const char *s)
{
    long long v = 0;
    size_t i;

    if (s == NULL || s[0] == '\0' || strlen(s) > 18)
        return -1;
    for (i = 0; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v > 0 ? v : -1;
}

/* A short page in the staff layout: a concurrent or repeated action. */
static enum MHD_Result
message_page(struct request *rq, const struct staff *me, unsigned status,
             const char *text, long long check_id)
{
    struct html h;
    char back[48];

    snprintf(back, sizeof(back), "/beheer/steekproef?id=%lld", check_id);
    html_init(&h);
    staff_layout_begin(rq, &h, me, "Niet gelukt", NULL);
    HTML(&h,
         "<h1 class=\"utrecht-heading-1\">Niet gelukt</h1>\n"
         "<p class=\"utrecht-paragraph\">{}</p>\n"
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\">Terug naar de steekproef</a></p>\n",
         text, back);
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}

/* ---- drawing ---- */

struct draw {
    long long by;
    int year, percent;
    long long seed;
    long long id, population, items;
};

static enum db_status
draw_tx(struct db_conn *c, void *cls)
{
    struct draw *d = cls;
    char details[256];
    int r;

    d->id = d->population = d->items = 0;
    r = db_spot_check_insert(c, d->year, d->percent, d->seed, d->by, &d->id,
                             &d->population);
    if (r <= 0)
        return (enum db_status)r;
    r = db_spot_check_draw_items(c, d->id);
    if (r < 0)
        return (enum db_status)r;
    d->items = r;
    snprintf(details, sizeof(details),
             "{\"year\": %d, \"percent\": %d, \"seed\": \"%lld\","
             " \"population\": %lld, \"items\": %lld}",
             d->year, d->percent, d->seed, d->population, d->items);
    r = db_audit_insert(c, "staff", d->by, "spot_check.draw", "spot_check",
                        d->id, details);
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

static enum MHD_Result
draw_form_again(struct request *rq, const struct staff *me, unsigned status,
                const char *year, const char *year_err, const char *percent,
                const char *percent_err)
{
    struct form_error errs[2];
    struct field_view f;
    struct html h;
    char csrf[CSRF_TOKEN_MAX];
    size_t n = 0;

    if (year_err)
        errs[n++] = (struct form_error){"jaar", year_err};
    if (percent_err)
        errs[n++] = (struct form_error){"percentage", percent_err};
    staff_csrf_issue(me, "spot_check:draw", csrf);
    html_init(&h);
    staff_layout_begin(rq, &h, me, "Steekproef trekken", NULL);
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Steekproef trekken</h1>\n");
    form_error_summary(&h, "Er is geen steekproef getrokken", errs, n);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" "
         "action=\"/beheer/steekproef\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"actie\" value=\"trekken\">\n",
         csrf);
    memset(&f, 0, sizeof(f));
    f.kind = FIELD_NUMBER;
    f.name = "jaar";
    f.label = "Jaar";
    f.value = year;
    f.error = year_err;
    f.required = true;
    form_field(&h, &f);
    memset(&f, 0, sizeof(f));
    f.kind = FIELD_NUMBER;
    f.name = "percentage";
    f.label = "Percentage";
    f.description = "Een heel getal van 1 tot en met 100, bijvoorbeeld 10.";
    f.value = percent;
    f.error = percent_err;
    f.required = true;
    form_field(&h, &f);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Steekproef trekken</button></p>\n</form>\n"
                 "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
                 "href=\"/beheer/steekproef\">Alle steekproeven</a></p>\n");
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}

static enum MHD_Result
draw(struct request *rq, const struct staff *me,
     const struct urlenc_pairs *form)
{
    const char *year = urlenc_get(form, "jaar");
    const char *percent = urlenc_get(form, "percentage");
    const char *year_err = NULL, *percent_err = NULL;
    struct draw d;
    struct db_conn *db;
    char where[64];
    long v;
    enum db_status st;

    if (!staff_csrf_valid(me, "spot_check:draw", urlenc_get(form, "csrf")))
        return reply_error(rq, 400, EXPIRED);
    memset(&d, 0, sizeof(d));
    d.by = me->id;
    if (small_int(year, 2000, 2100, &v))
        d.year = (int)v;
    else
        year_err = "Vul een jaar in, bijvoorbeeld 2026.";
    if (small_int(percent, 1, 100, &v))
        d.percent = (int)v;
    else
        percent_err = "Vul een heel getal van 1 tot en met 100 in.";
    if (year_err || percent_err)
        return draw_form_again(rq, me, 422, year, year_err, percent,
                               percent_err);
    /* 64 random bits; stored, so the draw can be repeated from the record */
    randombytes_buf(&d.seed, sizeof(d.seed));
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    st = db_transaction(db, draw_tx, &d);
    if (st < 0) {
        log_error("spot check draw: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    if (d.id == 0) {
        char none[128];

        snprintf(none, sizeof(none),
                 "In %d is nog geen potje vastgesteld. Een steekproef kan "
                 "pas als er vastgestelde potjes zijn.",
                 d.year);
        return draw_form_again(rq, me, 422, year, none, percent, NULL);
    }
    snprintf(where, sizeof(where),
             "/beheer/steekproef?id=%lld&gedaan=getrokken", d.id);
    return reply_redirect(rq, where);
}

/* ---- recording an outcome ---- */

struct outcome {
    long long check_id, award_id, by;
    const char *wijken;
    const char *outcome;
    long long lower; /* -1: none */
    const char *note;
    long long settled;
    int done;
};

static enum db_status
outcome_tx(struct db_conn *c, void *cls)
{
    struct outcome *o = cls;
    char details[256], lower[24];
    int r;

    o->done = 0;
    r = db_spot_check_record(c, o->check_id, o->award_id, o->outcome, o->lower,
                             o->note, o->by, o->wijken);
    if (r <= 0)
        return (enum db_status)r;
    if (o->lower >= 0)
        snprintf(lower, sizeof(lower), "%lld", o->lower);
    else
        snprintf(lower, sizeof(lower), "null");
    /* states and amounts only: the note is free text and stays out */
    snprintf(details, sizeof(details),
             "{\"award_id\": %lld, \"outcome\": \"%s\", \"settled_cents\":"
             " %lld, \"lower_final_cents\": %s}",
             o->award_id, o->outcome, o->settled, lower);
    r = db_audit_insert(c, "staff", o->by, "spot_check.outcome", "spot_check",
                        o->check_id, details);
    if (r < 0)
        return (enum db_status)r;
    o->done = 1;
    return DB_ONE_RESULT;
}

struct outcome_form {
    const char *outcome, *amount, *note;
    const char *outcome_err, *amount_err, *note_err;
    char amount_msg[160];
};

static enum MHD_Result
outcome_form_again(struct request *rq, const struct staff *me,
                   const struct spot_check_item_row *it,
                   const struct outcome_form *f, unsigned status)
{
    struct form_error errs[3];
    struct field_view v;
    struct html h;
    char title[96], st[MONEY_TEXT_SIZE], purpose[64], csrf[CSRF_TOKEN_MAX],
        ids[24], awards[24], back[48];
    size_t n = 0;

    if (f->outcome_err)
        errs[n++] = (struct form_error){"uitkomst", f->outcome_err};
    if (f->amount_err)
        errs[n++] = (struct form_error){"bedrag", f->amount_err};
    if (f->note_err)
        errs[n++] = (struct form_error){"toelichting", f->note_err};
    snprintf(purpose, sizeof(purpose), "spot_check_item:%lld:%lld",
             it->spot_check_id, it->award_id);
    staff_csrf_issue(me, purpose, csrf);
    snprintf(ids, sizeof(ids), "%lld", it->spot_check_id);
    snprintf(awards, sizeof(awards), "%lld", it->award_id);
    snprintf(title, sizeof(title), "Controle %s", it->reference);
    money_format_euro(it->settled_cents, st, sizeof(st));
    html_init(&h);
    staff_layout_begin(rq, &h, me, title, NULL);
    HTML(&h,
         "<h1 class=\"utrecht-heading-1\">{}</h1>\n"
         "<dl class=\"ll-facts\"><dt>Straat</dt><dd>{}</dd>"
         "<dt>Wijk</dt><dd>{}</dd><dt>Vastgesteld</dt><dd>{}</dd></dl>\n",
         title, it->street, it->wijk, st);
    form_error_summary(&h, "De uitkomst is niet vastgelegd", errs, n);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" "
         "action=\"/beheer/steekproef\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"actie\" value=\"uitkomst\">\n"
         "<input type=\"hidden\" name=\"steekproef\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"potje\" value=\"{}\">\n",
         csrf, ids, awards);
    memset(&v, 0, sizeof(v));
    v.name = "uitkomst";
    v.label = "Uitkomst van de controle";
    v.value = f->outcome;
    v.error = f->outcome_err;
    v.required = true;
    form_radios(&h, &v, outcomes, sizeof(outcomes) / sizeof(outcomes[0]));
    memset(&v, 0, sizeof(v));
    v.kind = FIELD_TEXT;
    v.name = "bedrag";
    v.label = "Lager vastgesteld bedrag";
    v.optional = "(niet verplicht)";
    v.description = "Alleen bij deels of niet in orde: het bedrag dat na de "
                    "controle overblijft, lager dan het vastgestelde "
                    "bedrag.";
    v.value = f->amount;
    v.error = f->amount_err;
    form_field(&h, &v);
    memset(&v, 0, sizeof(v));
    v.kind = FIELD_TEXTAREA;
    v.name = "toelichting";
    v.label = "Toelichting";
    v.optional = "(niet verplicht)";
    v.description = "Schrijf geen namen of gezondheid van bewoners op.";
    v.value = f->note;
    v.error = f->note_err;
    v.maxlength = 1000;
    form_field(&h, &v);
    snprintf(back, sizeof(back), "/beheer/steekproef?id=%lld",
             it->spot_check_id);
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--primary-action\">"
         "Uitkomst vastleggen</button></p>\n</form>\n"
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\">Terug naar de steekproef</a></p>\n",
         back);
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}

static bool
blank(const char *s)
{
    if (s == NULL)
        return true;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    return *s == '\0';
}

static enum MHD_Result
record(struct request *rq, const struct staff *me,
       const struct urlenc_pairs *form, struct spot_check_item_row *it)
{
    struct outcome_form f;
    struct outcome o;
    struct db_conn *db;
    char purpose[64], where[80], st_text[MONEY_TEXT_SIZE], *note = NULL;
    long long check_id = id_of(urlenc_get(form, "steekproef"));
    long long award_id = id_of(urlenc_get(form, "potje"));
    enum MHD_Result ret;
    enum db_status st;
    int r;
    size_t i;

    if (check_id < 0 || award_id < 0)
        return reply_error(rq, 404, NULL);
    snprintf(purpose, sizeof(purpose), "spot_check_item:%lld:%lld", check_id,
             award_id);
    if (!staff_csrf_valid(me, purpose, urlenc_get(form, "csrf")))
        return reply_error(rq, 400, EXPIRED);
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    r = db_spot_check_item_get(db, check_id, award_id, me->role, me->wijken,
                               it);
    if (r < 0) {
        log_error("spot check item: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    if (r == 0)
        return reply_error(rq, 404, NULL);
    if (it->outcome[0])
        return message_page(rq, me, 409,
                            "De uitkomst van deze controle is al "
                            "vastgelegd. Er is niets veranderd.",
                            check_id);

    memset(&f, 0, sizeof(f));
    memset(&o, 0, sizeof(o));
    f.outcome = urlenc_get(form, "uitkomst");
    f.amount = urlenc_get(form, "bedrag");
    f.note = urlenc_get(form, "toelichting");
    o.lower = -1;
    o.outcome = NULL;
    for (i = 0; f.outcome && i < sizeof(outcomes) / sizeof(outcomes[0]); i++)
        if (strcmp(f.outcome, outcomes[i].value) == 0)
            o.outcome = outcomes[i].value;
    if (o.outcome == NULL)
        f.outcome_err = "Kies de uitkomst van de controle.";
    money_format_euro(it->settled_cents, st_text, sizeof(st_text));
    if (!blank(f.amount)) {
        f.amount_err = money_check(f.amount, &o.lower, "nl");
        if (f.amount_err == NULL && o.outcome != NULL &&
            strcmp(o.outcome, "in_orde") == 0) {
            f.amount_err = "Bij in orde blijft het vastgestelde bedrag staan. "
                           "Laat dit veld leeg.";
        } else if (f.amount_err == NULL && o.lower >= it->settled_cents) {
            snprintf(f.amount_msg, sizeof(f.amount_msg),
                     "Het lagere bedrag moet lager zijn dan het vastgestelde "
                     "bedrag van %s.",
                     st_text);
            f.amount_err = f.amount_msg;
        }
        if (f.amount_err)
            o.lower = -1;
    }
    if (!blank(f.note))
        f.note_err = text_field_check(f.note, 0, 1000, true, "nl");
    if (f.outcome_err || f.amount_err || f.note_err)
        return outcome_form_again(rq, me, it, &f, 422);

    if (!blank(f.note)) {
        note = strdup(f.note);
        if (note == NULL)
            return reply_error(rq, 503, NULL);
        text_field_trim(note);
    }
    o.check_id = check_id;
    o.award_id = award_id;
    o.by = me->id;
    o.wijken = me->wijken;
    o.note = note;
    o.settled = it->settled_cents;
    st = db_transaction(db, outcome_tx, &o);
    if (st == DB_REFUSED && strcmp(db_last_constraint(db),
                                   "spot_check_item_lower_than_settled") == 0) {
        snprintf(f.amount_msg, sizeof(f.amount_msg),
                 "Het lagere bedrag moet lager zijn dan het vastgestelde "
                 "bedrag van %s.",
                 st_text);
        f.amount_err = f.amount_msg;
        ret = outcome_form_again(rq, me, it, &f, 422);
    } else if (st == DB_REFUSED) {
        /* no longer an active makelaar of the wijk */
        ret = reply_error(rq, 404, NULL);
    } else if (st < 0) {
        log_error("spot check outcome: %s", db_last_error(db));
        ret = reply_error(rq, 503, NULL);
    } else if (!o.done) {
        ret = message_page(rq, me, 409,
                           "Iemand anders heeft de uitkomst van deze "
                           "controle net vastgelegd. Er is niets veranderd.",
                           check_id);
    } else {
        snprintf(where, sizeof(where),
                 "/beheer/steekproef?id=%lld&gedaan=vastgelegd", check_id);
        ret = reply_redirect(rq, where);
    }
    free(note);
    return ret;
}

enum MHD_Result
page_staff_spot_check_action(struct request *rq)
{
    struct urlenc_pairs form = {NULL, 0};
    struct spot_check_item_row *it = NULL;
    struct staff me;
    enum MHD_Result ret;
    const char *actie;

    if (!staff_require(rq, "beheerder,makelaar", &me, &ret))
        return ret;
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 16, 8192,
                     &form) != URLENC_OK)
        return reply_error(rq, 400, NULL);
    actie = urlenc_get(&form, "actie");
    if (actie != NULL && strcmp(actie, "trekken") == 0 &&
        strcmp(me.role, "beheerder") == 0) {
        ret = draw(rq, &me, &form);
    } else if (actie != NULL && strcmp(actie, "uitkomst") == 0 &&
               strcmp(me.role, "makelaar") == 0) {
        it = malloc(sizeof(*it));
        ret = it ? record(rq, &me, &form, it) : reply_error(rq, 503, NULL);
        free(it);
    } else {
        /* not this role's action: as if it did not exist */
        ret = reply_error(rq, 404, NULL);
    }
    urlenc_pairs_free(&form);
    return ret;
}
