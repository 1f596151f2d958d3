/* GET /beheer/steekproef - spot checks (steekproef) of settled potjes.
 *
 *   (no query)           the spot checks; a beheerder also gets the form
 *                        to draw a new one
 *   ?id=N                one spot check and its potjes
 *   ?id=N&potje=M        one potje of it; its makelaar records the outcome
 *
 * Beheerder: every spot check and every potje, read only. Makelaar: the
 * potjes of their own wijken (the statements apply the scope; a potje of
 * another wijk answers 404 like one that does not exist). Other roles 404.
 * The forms post to /beheer/steekproef (page_staff_spot_check_action.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_spot_check.h"
#include "form_render.h"
#include "log.h"
#include "money.h"
#include "pages.h"
#include "staff_csrf.h"
#include "staff_layout.h"
#include "staff_session.h"

static const struct option_view outcomes[] = {
    {"in_orde", "In orde: de bonnen kloppen"},
    {"deels", "Deels in orde"},
    {"niet_in_orde", "Niet in orde"},
};

static const char *
outcome_label(const char *o)
{
    if (strcmp(o, "in_orde") == 0)
        return "In orde";
    if (strcmp(o, "deels") == 0)
        return "Deels in orde";
    if (strcmp(o, "niet_in_orde") == 0)
        return "Niet in orde";
    return "Nog niet gecontroleerd";
}

/* A positive id from the query, 0 when absent, -1 when malformed. */
static long long
id_param(struct request *rq, const char *name)
{
    const char *s = urlenc_get(&rq->query, name);
    long long v = 0;
    size_t i;

    if (s == NULL)
        return 0;
    if (s[0] == '\0' || strlen(s) > 18)
        return -1;
    for (i = 0; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v > 0 ? v : -1;
}

static void
notice(struct html *h, const char *text)
{
    HTML(h,
         "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\">"
         "<p class=\"utrecht-paragraph\">{}</p></div>\n",
         text);
}

static void
draw_form(struct html *h, const struct staff *me)
{
    char csrf[CSRF_TOKEN_MAX], year[12];
    time_t now = time(NULL);
    struct tm tm;
    struct field_view f;

    localtime_r(&now, &tm);
    snprintf(year, sizeof(year), "%d", tm.tm_year + 1900);
    staff_csrf_issue(me, "spot_check:draw", csrf);
    HTML(h,
         "<h2 class=\"utrecht-heading-2\">Nieuwe steekproef</h2>\n"
         "<p class=\"utrecht-paragraph\">De steekproef kiest willekeurig "
         "een deel van de vastgestelde potjes van een jaar. De makelaar "
         "van de wijk controleert daarna de bonnen.</p>\n"
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
    f.required = true;
    form_field(h, &f);
    memset(&f, 0, sizeof(f));
    f.kind = FIELD_NUMBER;
    f.name = "percentage";
    f.label = "Percentage";
    f.description = "Een heel getal van 1 tot en met 100, bijvoorbeeld 10.";
    f.value = "10";
    f.required = true;
    form_field(h, &f);
    HTML_LIT(h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                "class=\"utrecht-button utrecht-button--primary-action\">"
                "Steekproef trekken</button></p>\n</form>\n");
}

struct list_ctx {
    struct html *h;
    int n;
};

static void
list_row(void *cls, const struct spot_check_row *r)
{
    struct list_ctx *x = cls;
    char href[48], name[64];

    if (x->n++ == 0) {
        HTML_LIT(x->h,
                 "<table class=\"utrecht-table utrecht-table--html-table\">\n"
                 "<caption class=\"utrecht-table__caption\">Getrokken "
                 "steekproeven, nieuwste eerst</caption>\n"
                 "<thead class=\"utrecht-table__header\"><tr "
                 "class=\"utrecht-table__row\">"
                 "<th class=\"utrecht-table__header-cell\" "
                 "scope=\"col\">Steekproef</th>"
                 "<th class=\"utrecht-table__header-cell\" "
                 "scope=\"col\">Getrokken</th>"
                 "<th class=\"utrecht-table__header-cell "
                 "utrecht-table__header-cell--numeric-column\" "
                 "scope=\"col\">Potjes</th>"
                 "<th class=\"utrecht-table__header-cell "
                 "utrecht-table__header-cell--numeric-column\" "
                 "scope=\"col\">Gecontroleerd</th>"
                 "</tr></thead>\n<tbody class=\"utrecht-table__body\">\n");
    }
    snprintf(href, sizeof(href), "/beheer/steekproef?id=%lld", r->id);
    snprintf(name, sizeof(name), "%d: %d%% van %lld potjes", r->year,
             r->percent, r->population);
    HTML(x->h,
         "<tr class=\"utrecht-table__row\"><th "
         "class=\"utrecht-table__header-cell\" scope=\"row\"><a "
         "class=\"utrecht-link\" href=\"{}\">{}</a></th>"
         "<td class=\"utrecht-table__cell\">{} door {}</td>"
         "<td class=\"utrecht-table__cell "
         "utrecht-table__cell--numeric-data\">",
         href, name, r->drawn_at, r->drawn_by);
    html_long(x->h, (long)r->items);
    HTML_LIT(x->h, "</td><td class=\"utrecht-table__cell "
                   "utrecht-table__cell--numeric-data\">");
    html_long(x->h, (long)r->checked);
    HTML_LIT(x->h, "</td></tr>\n");
}

static enum MHD_Result
overview(struct request *rq, struct db_conn *db, const struct staff *me)
{
    struct list_ctx x;
    struct html h;
    bool makelaar = strcmp(me->role, "makelaar") == 0;
    int r;

    html_init(&h);
    staff_layout_begin(rq, &h, me, "Steekproef", NULL);
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Steekproef</h1>\n");
    if (makelaar)
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Hier staan de "
                     "steekproeven met de potjes uit uw wijken. Open een "
                     "steekproef om de uitkomst van uw controles vast te "
                     "leggen.</p>\n");
    x.h = &h;
    x.n = 0;
    r = db_spot_check_list(db, me->role, me->wijken, list_row, &x);
    if (r < 0) {
        log_error("spot check list: %s", db_last_error(db));
        html_free(&h);
        return reply_error(rq, 503, NULL);
    }
    if (x.n == 0)
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Er is nog geen "
                     "steekproef getrokken.</p>\n");
    else
        HTML_LIT(&h, "</tbody></table>\n");
    if (!makelaar)
        draw_form(&h, me);
    staff_layout_end(&h);
    return reply_html(rq, 200, &h);
}

struct items_ctx {
    struct html *h;
    int n;
};

static void
item_row(void *cls, const struct spot_check_item_row *r)
{
    struct items_ctx *x = cls;
    char href[80], aw[MONEY_TEXT_SIZE], st[MONEY_TEXT_SIZE],
        low[MONEY_TEXT_SIZE];

    if (x->n++ == 0)
        HTML_LIT(x->h,
                 "<table class=\"utrecht-table utrecht-table--html-table\">\n"
                 "<caption class=\"utrecht-table__caption\">Potjes in de "
                 "steekproef</caption>\n"
                 "<thead class=\"utrecht-table__header\"><tr "
                 "class=\"utrecht-table__row\">"
                 "<th class=\"utrecht-table__header-cell\" "
                 "scope=\"col\">Aanvraag</th>"
                 "<th class=\"utrecht-table__header-cell\" "
                 "scope=\"col\">Straat</th>"
                 "<th class=\"utrecht-table__header-cell\" "
                 "scope=\"col\">Wijk</th>"
                 "<th class=\"utrecht-table__header-cell "
                 "utrecht-table__header-cell--numeric-column\" "
                 "scope=\"col\">Vastgesteld</th>"
                 "<th class=\"utrecht-table__header-cell\" "
                 "scope=\"col\">Uitkomst</th>"
                 "<th class=\"utrecht-table__header-cell "
                 "utrecht-table__header-cell--numeric-column\" "
                 "scope=\"col\">Lager bedrag</th>"
                 "</tr></thead>\n<tbody class=\"utrecht-table__body\">\n");
    snprintf(href, sizeof(href), "/beheer/steekproef?id=%lld&potje=%lld",
             r->spot_check_id, r->award_id);
    money_format_euro(r->awarded_cents, aw, sizeof(aw));
    money_format_euro(r->settled_cents, st, sizeof(st));
    if (r->has_lower)
        money_format_euro(r->lower_cents, low, sizeof(low));
    else
        snprintf(low, sizeof(low), "-");
    HTML(x->h,
         "<tr class=\"utrecht-table__row\"><th "
         "class=\"utrecht-table__header-cell\" scope=\"row\"><a "
         "class=\"utrecht-link\" href=\"{}\">{}</a></th>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell "
         "utrecht-table__cell--numeric-data\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell "
         "utrecht-table__cell--numeric-data\">{}</td></tr>\n",
         href, r->reference, r->street, r->wijk, st, outcome_label(r->outcome),
         low);
}

static enum MHD_Result
one_check(struct request *rq, struct db_conn *db, const struct staff *me,
          long long id)
{
    struct spot_check_row sc;
    struct items_ctx x;
    struct html h;
    char title[96], line[160], pct[8];
    const char *done = urlenc_get(&rq->query, "gedaan");
    int r;

    r = db_spot_check_get(db, id, me->role, me->wijken, &sc);
    if (r < 0) {
        log_error("spot check: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    if (r == 0)
        return reply_error(rq, 404, NULL);
    html_init(&h);
    snprintf(title, sizeof(title), "Steekproef %d", sc.year);
    staff_layout_begin(rq, &h, me, title, NULL);
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", title);
    if (done != NULL && strcmp(done, "getrokken") == 0)
        notice(&h, "De steekproef is getrokken.");
    else if (done != NULL && strcmp(done, "vastgelegd") == 0)
        notice(&h, "De uitkomst is vastgelegd.");
    snprintf(line, sizeof(line),
             "%d%% van de %lld vastgestelde potjes van %d, getrokken op %s "
             "door ",
             sc.percent, sc.population, sc.year, sc.drawn_at);
    snprintf(pct, sizeof(pct), "%d", sc.percent);
    HTML(&h,
         "<p class=\"utrecht-paragraph\">{}{}.</p>\n"
         "<p class=\"utrecht-paragraph\">Startgetal (seed): <code>{}</code>. "
         "Met dit getal is de trekking te herhalen: de potjes die voor de "
         "trekking waren vastgesteld, gesorteerd op sha256(startgetal, "
         "nummer van de toekenning), de eerste {} procent (naar boven "
         "afgerond).</p>\n",
         line, sc.drawn_by, sc.seed, pct);
    x.h = &h;
    x.n = 0;
    r = db_spot_check_items(db, id, me->role, me->wijken, item_row, &x);
    if (r < 0) {
        log_error("spot check items: %s", db_last_error(db));
        html_free(&h);
        return reply_error(rq, 503, NULL);
    }
    if (x.n == 0)
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Er zijn geen potjes "
                     "uit uw wijken in deze steekproef.</p>\n");
    else
        HTML_LIT(&h, "</tbody></table>\n");
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
                 "href=\"/beheer/steekproef\">Alle steekproeven</a></p>\n");
    staff_layout_end(&h);
    return reply_html(rq, 200, &h);
}

static enum MHD_Result
one_item(struct request *rq, struct db_conn *db, const struct staff *me,
         long long id, long long award)
{
    struct spot_check_item_row *it;
    struct html h;
    char title[96], aw[MONEY_TEXT_SIZE], st[MONEY_TEXT_SIZE], back[48];
    int r;

    it = malloc(sizeof(*it));
    if (it == NULL)
        return reply_error(rq, 503, NULL);
    r = db_spot_check_item_get(db, id, award, me->role, me->wijken, it);
    if (r <= 0) {
        free(it);
        if (r < 0) {
            log_error("spot check item: %s", db_last_error(db));
            return reply_error(rq, 503, NULL);
        }
        return reply_error(rq, 404, NULL);
    }
    html_init(&h);
    snprintf(title, sizeof(title), "Controle %s", it->reference);
    staff_layout_begin(rq, &h, me, title, NULL);
    money_format_euro(it->awarded_cents, aw, sizeof(aw));
    money_format_euro(it->settled_cents, st, sizeof(st));
    HTML(&h,
         "<h1 class=\"utrecht-heading-1\">{}</h1>\n"
         "<dl class=\"ll-facts\"><dt>Straat</dt><dd>{}</dd>"
         "<dt>Wijk</dt><dd>{}</dd><dt>Toegekend</dt><dd>{}</dd>"
         "<dt>Vastgesteld</dt><dd>{}</dd><dt>Uitkomst</dt><dd>{}</dd>",
         title, it->street, it->wijk, aw, st, outcome_label(it->outcome));
    if (it->has_lower) {
        char low[MONEY_TEXT_SIZE];

        money_format_euro(it->lower_cents, low, sizeof(low));
        HTML(&h, "<dt>Lager bedrag na controle</dt><dd>{}</dd>", low);
    }
    if (it->outcome[0])
        HTML(&h, "<dt>Gecontroleerd</dt><dd>{} door {}</dd>", it->checked_at,
             it->checked_by);
    if (it->has_note)
        HTML(&h, "<dt>Toelichting</dt><dd>{}</dd>", it->note);
    HTML_LIT(&h, "</dl>\n");
    if (it->outcome[0] == '\0' && strcmp(me->role, "makelaar") == 0) {
        char purpose[64], csrf[CSRF_TOKEN_MAX], ids[24], awards[24];
        struct field_view f;

        snprintf(purpose, sizeof(purpose), "spot_check_item:%lld:%lld", id,
                 award);
        staff_csrf_issue(me, purpose, csrf);
        snprintf(ids, sizeof(ids), "%lld", id);
        snprintf(awards, sizeof(awards), "%lld", award);
        HTML(&h,
             "<h2 class=\"utrecht-heading-2\">Uitkomst vastleggen</h2>\n"
             "<form class=\"utrecht-form\" method=\"post\" "
             "action=\"/beheer/steekproef\" novalidate>\n"
             "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
             "<input type=\"hidden\" name=\"actie\" value=\"uitkomst\">\n"
             "<input type=\"hidden\" name=\"steekproef\" value=\"{}\">\n"
             "<input type=\"hidden\" name=\"potje\" value=\"{}\">\n",
             csrf, ids, awards);
        memset(&f, 0, sizeof(f));
        f.name = "uitkomst";
        f.label = "Uitkomst van de controle";
        f.required = true;
        form_radios(&h, &f, outcomes, sizeof(outcomes) / sizeof(outcomes[0]));
        memset(&f, 0, sizeof(f));
        f.kind = FIELD_TEXT;
        f.name = "bedrag";
        f.label = "Lager vastgesteld bedrag";
        f.optional = "(niet verplicht)";
        f.description = "Alleen bij deels of niet in orde: het bedrag dat "
                        "na de controle overblijft, lager dan het "
                        "vastgestelde bedrag.";
        form_field(&h, &f);
        memset(&f, 0, sizeof(f));
        f.kind = FIELD_TEXTAREA;
        f.name = "toelichting";
        f.label = "Toelichting";
        f.optional = "(niet verplicht)";
        f.description = "Schrijf geen namen of gezondheid van bewoners op.";
        f.maxlength = 1000;
        form_field(&h, &f);
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                     "class=\"utrecht-button utrecht-button--primary-action\">"
                     "Uitkomst vastleggen</button></p>\n</form>\n");
    }
    snprintf(back, sizeof(back), "/beheer/steekproef?id=%lld", id);
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\">Terug naar de steekproef</a></p>\n",
         back);
    free(it);
    staff_layout_end(&h);
    return reply_html(rq, 200, &h);
}

enum MHD_Result
page_staff_spot_check(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct db_conn *db;
    long long id, award;

    if (!staff_require(rq, "beheerder,makelaar", &me, &ret))
        return ret;
    id = id_param(rq, "id");
    award = id_param(rq, "potje");
    if (id < 0 || award < 0 || (award > 0 && id == 0))
        return reply_error(rq, 404, NULL);
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    if (id == 0)
        return overview(rq, db, &me);
    if (award == 0)
        return one_check(rq, db, &me, id);
    return one_item(rq, db, &me, id, award);
}
