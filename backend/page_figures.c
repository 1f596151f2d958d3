/* GET /cijfers - the city's figures for everyone, no login: for a year
 * (?jaar=, default this year) the headline "N Lief en Leedstraten, M
 * potjes uitbetaald", a table per wijk and what each figure means, in
 * Dutch or (?taal=en) English. Aggregates only (db_monitoring.h): never a
 * person or a street. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_monitoring.h"
#include "figures_csv.h"
#include "lang.h"
#include "layout.h"
#include "money.h"
#include "pages.h"

#define MAX_YEARS 200
#define MAX_ROWS 16

struct rows {
    struct monitoring_row r[MAX_ROWS];
    int n;
};

static void
collect(void *cls, const struct monitoring_row *r)
{
    struct rows *x = cls;

    if (x->n < MAX_ROWS)
        x->r[x->n++] = *r;
}

/* ?jaar= as a year of four digits; 0 when absent, -1 when not a year. */
static int
year_param(struct request *rq)
{
    const char *s = urlenc_get(&rq->query, "jaar");
    char *end;
    long y;

    if (s == NULL || *s == '\0')
        return 0;
    if (strlen(s) != 4 || s[0] < '1' || s[0] > '9')
        return -1;
    y = strtol(s, &end, 10);
    if (*end != '\0' || y < 1900 || y > 2999)
        return -1;
    return (int)y;
}

#define TH(label)                                                              \
    "<th class=\"utrecht-table__header-cell "                                  \
    "utrecht-table__header-cell--numeric-column\" scope=\"col\">" label        \
    "</th>"
#define TDN                                                                    \
    "<td class=\"utrecht-table__cell "                                         \
    "utrecht-table__cell--numeric-data\">{}</td>"

/* The cells after the row header; "–" for a figure with nothing to
 * measure. */
static void
cells(struct html *h, const struct monitoring_row *r)
{
    char a[24], w[24], rj[24], p[24], e[MONEY_TEXT_SIZE], s[24], sn[24], g[24],
        fu[32], dd[32], dp[32];

    snprintf(a, sizeof(a), "%lld", r->applications);
    snprintf(w, sizeof(w), "%lld", r->awards);
    snprintf(rj, sizeof(rj), "%lld", r->rejections);
    snprintf(p, sizeof(p), "%lld", r->potjes_paid);
    money_format_euro(r->cents_paid, e, sizeof(e));
    snprintf(s, sizeof(s), "%lld", r->streets);
    snprintf(sn, sizeof(sn), "%lld", r->streets_new);
    snprintf(g, sizeof(g), "%lld", r->gangmakers);
    figures_tenths(r->follow_up_pm, fu, sizeof(fu));
    if (r->follow_up_pm >= 0) {
        size_t n = strlen(fu);
        snprintf(fu + n, sizeof(fu) - n, "%s", " %");
    }
    figures_tenths(r->days_decision_x10, dd, sizeof(dd));
    figures_tenths(r->days_payment_x10, dp, sizeof(dp));
    HTML(h, TDN TDN TDN TDN TDN TDN TDN TDN TDN TDN TDN "</tr>\n", a, w, rj, p,
         e, s, sn, g, fu[0] ? fu : "–", dd[0] ? dd : "–", dp[0] ? dp : "–");
}

static void
year_form(struct html *h, const char *lang, const int *years, int n, int year)
{
    char y[16];
    int i;

    HTML(h,
         "<form class=\"utrecht-form\" method=\"get\" action=\"/cijfers\">\n"
         "<div class=\"utrecht-form-field utrecht-form-field--select\">"
         "<div class=\"utrecht-form-field__label\"><label "
         "class=\"utrecht-form-label\" for=\"jaar\">{}</label></div>"
         "<div class=\"utrecht-form-field__input\"><select "
         "class=\"utrecht-select utrecht-select--html-select\" id=\"jaar\" "
         "name=\"jaar\">",
         tr(lang, "Jaar", "Year"));
    for (i = 0; i < n; i++) {
        snprintf(y, sizeof(y), "%d", years[i]);
        if (years[i] == year)
            HTML(h, "<option value=\"{}\" selected>{}</option>", y, y);
        else
            HTML(h, "<option value=\"{}\">{}</option>", y, y);
    }
    HTML_LIT(h, "</select></div></div>\n");
    if (strcmp(lang, "en") == 0)
        HTML_LIT(h, "<input type=\"hidden\" name=\"taal\" value=\"en\">\n");
    HTML(h,
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--secondary-action\">{}"
         "</button></p>\n</form>\n",
         tr(lang, "Toon de cijfers", "Show the figures"));
}

static void
headline(struct html *h, const char *lang, int year,
         const struct monitoring_row *city)
{
    char y[16], s[24], p[24], e[MONEY_TEXT_SIZE];

    snprintf(y, sizeof(y), "%d", year);
    snprintf(s, sizeof(s), "%lld", city->streets);
    snprintf(p, sizeof(p), "%lld", city->potjes_paid);
    money_format_euro(city->cents_paid, e, sizeof(e));
    HTML(h,
         "<p class=\"utrecht-paragraph utrecht-paragraph--lead\" "
         "id=\"kerncijfers\">{} {}: <strong>{} {}</strong>, <strong>{} "
         "{}</strong> ({} {}).</p>\n",
         tr(lang, "Utrecht in", "Utrecht in"), y, s,
         tr(lang, "Lief en Leedstraten", "Lief en Leed streets"), p,
         tr(lang, "potjes uitbetaald", "potjes paid"), e,
         tr(lang, "in totaal", "in total"));
}

static void
table(struct html *h, const char *lang, int year, const struct rows *x)
{
    char y[16];
    int i;

    snprintf(y, sizeof(y), "%d", year);
    HTML(
        h,
        "<div class=\"ll-table-scroll\">\n"
        "<table class=\"utrecht-table utrecht-table--html-table\" "
        "id=\"cijfers\">\n"
        "<caption class=\"utrecht-table__caption\">{} {}</caption>\n"
        "<thead class=\"utrecht-table__header\"><tr "
        "class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" "
        "scope=\"col\">{}</th>" TH("{}") TH("{}") TH("{}") TH("{}") TH("{}")
            TH("{}") TH("{}") TH("{}") TH("{}") TH("{}") TH(
                "{}") "</tr></thead>\n<tbody class=\"utrecht-table__body\">\n",
        tr(lang, "Cijfers per wijk in", "Figures per district in"), y,
        tr(lang, "Wijk", "District"), tr(lang, "Aanvragen", "Applications"),
        tr(lang, "Toekenningen", "Awards"),
        tr(lang, "Afwijzingen", "Rejections"),
        tr(lang, "Potjes uitbetaald", "Potjes paid"),
        tr(lang, "Bedrag uitbetaald", "Amount paid"),
        tr(lang, "Lief en Leedstraten", "Lief en Leed streets"),
        tr(lang, "Nieuwe Lief en Leedstraten", "New Lief en Leed streets"),
        tr(lang, "Actieve gangmakers", "Active organisers"),
        tr(lang, "Vervolgpotjes", "Follow-up potjes"),
        tr(lang, "Mediaan dagen tot besluit", "Median days to decision"),
        tr(lang, "Mediaan dagen tot betaling", "Median days to payment"));
    for (i = 0; i < x->n; i++) {
        if (strcmp(x->r[i].code, "00") == 0)
            continue;
        HTML(h,
             "<tr class=\"utrecht-table__row\"><th "
             "class=\"utrecht-table__header-cell\" scope=\"row\">{}</th>",
             x->r[i].name);
        cells(h, &x->r[i]);
    }
    HTML_LIT(h, "</tbody>\n<tfoot class=\"utrecht-table__footer\">\n");
    for (i = 0; i < x->n; i++) {
        if (strcmp(x->r[i].code, "00") != 0)
            continue;
        HTML(h,
             "<tr class=\"utrecht-table__row\"><th "
             "class=\"utrecht-table__header-cell\" scope=\"row\">{}</th>",
             tr(lang, "Heel Utrecht", "All of Utrecht"));
        cells(h, &x->r[i]);
    }
    HTML_LIT(h, "</tfoot>\n</table>\n</div>\n");
}

static void
explain_nl(struct html *h)
{
    HTML_LIT(
        h,
        "<h2 class=\"utrecht-heading-2\">Wat betekenen de cijfers?</h2>\n"
        "<dl class=\"ll-explain\">\n"
        "<dt>Aanvragen</dt><dd>Hoeveel aanvragen bewoners in dat jaar "
        "stuurden.</dd>\n"
        "<dt>Toekenningen en afwijzingen</dt><dd>Hoeveel aanvragen een "
        "sociaal makelaar in dat jaar goedkeurde of afwees.</dd>\n"
        "<dt>Potjes uitbetaald</dt><dd>Hoeveel potjes de gemeente in dat jaar "
        "echt heeft betaald, en het bedrag samen.</dd>\n"
        "<dt>Lief en Leedstraten</dt><dd>Straten waar tot het einde van het "
        "jaar minstens twee potjes zijn betaald. Nieuwe Lief en Leedstraten "
        "werden dat in dit jaar.</dd>\n"
        "<dt>Actieve gangmakers</dt><dd>Hoeveel verschillende bewoners in dat "
        "jaar een potje kregen.</dd>\n"
        "<dt>Vervolgpotjes</dt><dd>Welk deel van de toegekende potjes een "
        "tweede of later potje voor dezelfde straat was.</dd>\n"
        "<dt>Mediaan dagen</dt><dd>Hoe lang het duurde van aanvraag tot "
        "besluit, en van besluit tot betaling. De helft ging sneller, de "
        "helft duurde langer. Een streepje betekent: nog niets om te "
        "meten.</dd>\n"
        "</dl>\n"
        "<p class=\"utrecht-paragraph\">Dit zijn alleen totalen per wijk en "
        "voor de hele stad. Er staan geen namen, adressen of straten "
        "in.</p>\n");
}

static void
explain_en(struct html *h)
{
    HTML_LIT(
        h,
        "<h2 class=\"utrecht-heading-2\">What do the figures mean?</h2>\n"
        "<dl class=\"ll-explain\">\n"
        "<dt>Applications</dt><dd>How many applications residents sent in "
        "that year.</dd>\n"
        "<dt>Awards and rejections</dt><dd>How many applications a social "
        "broker approved or turned down in that year.</dd>\n"
        "<dt>Potjes paid</dt><dd>How many potjes the city actually paid in "
        "that year, and the total amount.</dd>\n"
        "<dt>Lief en Leed streets</dt><dd>Streets where at least two potjes "
        "were paid by the end of the year. New ones became one in this "
        "year.</dd>\n"
        "<dt>Active organisers</dt><dd>How many different residents received "
        "a potje in that year.</dd>\n"
        "<dt>Follow-up potjes</dt><dd>Which share of the awarded potjes was a "
        "second or later potje for the same street.</dd>\n"
        "<dt>Median days</dt><dd>How long it took from application to "
        "decision, and from decision to payment. Half went faster, half took "
        "longer. A dash means: nothing to measure yet.</dd>\n"
        "</dl>\n"
        "<p class=\"utrecht-paragraph\">These are totals per district and for "
        "the whole city only. They hold no names, addresses or streets.</p>\n");
}

enum MHD_Result
page_figures(struct request *rq)
{
    const char *lang = request_lang(rq);
    struct db_conn *db = request_db(rq);
    int years[MAX_YEARS], ny, year = year_param(rq), i;
    char from[16], to[16];
    struct rows *x;
    const struct monitoring_row *city = NULL;
    struct html h;
    bool en = strcmp(lang, "en") == 0;

    if (year < 0)
        return reply_error(rq, 400,
                           tr(lang, "Kies een jaar uit de lijst, zoals 2024.",
                              "Choose a year from the list, such as 2024."));
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    ny = db_monitoring_years(db, years, MAX_YEARS);
    if (ny <= 0)
        return reply_error(rq, 503, NULL);
    if (year == 0)
        year = years[0]; /* this year: no payment lies in the future */
    x = calloc(1, sizeof(*x));
    if (x == NULL)
        return reply_error(rq, 503, NULL);
    snprintf(from, sizeof(from), "%d-01-01", year);
    snprintf(to, sizeof(to), "%d-12-31", year);
    if (db_monitoring_figures(db, from, to, collect, x) < 0) {
        free(x);
        return reply_error(rq, 503, NULL);
    }
    for (i = 0; i < x->n; i++)
        if (strcmp(x->r[i].code, "00") == 0)
            city = &x->r[i];
    if (city == NULL) {
        free(x);
        return reply_error(rq, 503, NULL);
    }

    html_init(&h);
    layout_begin(&h, tr(lang, "Cijfers Lief en Leed", "Lief en Leed figures"));
    if (en)
        HTML_LIT(&h, "<div lang=\"en\">\n");
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n",
         tr(lang, "Lief en Leed in cijfers", "Lief en Leed in figures"));
    if (en)
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
                     "href=\"/cijfers\" lang=\"nl\">Lees deze pagina in het "
                     "Nederlands</a></p>\n");
    else
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
                     "href=\"/cijfers?taal=en\" lang=\"en\">Read this page in "
                     "English</a></p>\n");
    year_form(&h, lang, years, ny, year);
    headline(&h, lang, year, city);
    table(&h, lang, year, x);
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"/cijfers.csv\" download>{}</a></p>\n",
         tr(lang, "Download alle cijfers van alle jaren als CSV (open data)",
            "Download all figures of all years as CSV (open data)"));
    if (en)
        explain_en(&h);
    else
        explain_nl(&h);
    if (en)
        HTML_LIT(&h, "</div>\n");
    layout_end(&h);
    free(x);
    return reply_html(rq, 200, &h);
}
