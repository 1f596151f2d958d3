/* GET /beheer/afstemming - the reconciliation page for financien and
 * beheerder (issue 5, SPEC section 4).
 *
 * Per budget year the money-conservation line of view
 * budget_year_reconciliation: awarded = te betalen + in betaalbatch +
 * betaald + mislukt, with the difference. Per payout batch (newest first,
 * RECON_PAGE a page, ?pagina=N): what was exported (the control totals
 * fixed with the files) beside what finance confirmed paid, refused, what
 * is still open and what went back when the batch was cancelled.
 *
 * A difference is shown in red (ll-alarm) and always in words too
 * ("verschil"), with the payouts involved: reference, state and amount.
 * No names or IBANs: the beheerder sees this page as well. The schema
 * keeps these figures equal; the page is there to make a difference that
 * slipped past it visible, not to repair it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_reconciliation.h"
#include "log.h"
#include "money.h"
#include "pages.h"
#include "staff_layout.h"
#include "staff_session.h"
#include "staff_street_view.h"

#define RECON_PAGE 25
/* budget_year.year is 2000..2100 */
#define RECON_YEARS 101
/* mismatching payouts listed at most, per section */
#define RECON_LIST_MAX 200

#define TD_NUM                                                                 \
    "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">"
#define TH_COL "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
#define TH_NUM                                                                 \
    "<th class=\"utrecht-table__header-cell "                                  \
    "utrecht-table__header-cell--numeric-column\" scope=\"col\">"

struct recon_data {
    struct recon_year years[RECON_YEARS];
    int nyears;
    long unbalanced;
    struct recon_batch batches[RECON_PAGE];
    int nbatches;
    struct recon_batch_totals tot;
    bool financien;
};

static void
keep_year(void *cls, const struct recon_year *y)
{
    struct recon_data *d = cls;

    if (!y->balanced)
        d->unbalanced++;
    if (d->nyears < RECON_YEARS)
        d->years[d->nyears++] = *y;
}

static void
keep_batch(void *cls, const struct recon_batch *b)
{
    struct recon_data *d = cls;

    if (d->nbatches < RECON_PAGE)
        d->batches[d->nbatches++] = *b;
}

static void
euro(struct html *h, long long cents)
{
    char m[MONEY_TEXT_SIZE];

    money_format_euro(cents, m, sizeof(m));
    HTML(h, "{}", m);
}

/* "3 (€ 450,00)" in a numeric cell */
static void
count_cell(struct html *h, long n, long long cents)
{
    HTML_LIT(h, TD_NUM);
    html_long(h, n);
    HTML_LIT(h, " (");
    euro(h, cents);
    HTML_LIT(h, ")</td>");
}

static void
money_cell(struct html *h, long long cents)
{
    HTML_LIT(h, TD_NUM);
    euro(h, cents);
    HTML_LIT(h, "</td>");
}

static const char *
batch_status_label(const char *s)
{
    if (strcmp(s, "live") == 0)
        return "Wacht op resultaat";
    if (strcmp(s, "cancelled") == 0)
        return "Geannuleerd";
    if (strcmp(s, "imported") == 0)
        return "Verwerkt";
    return s;
}

static const char *
line_problem_text(const char *p)
{
    static const char *const texts[][2] = {
        {"open_not_in_batch", "De batch wacht nog op het resultaat, maar de "
                              "uitbetaling staat niet op in betaalbatch."},
        {"imported_without_result",
         "De batch is verwerkt, maar deze regel heeft geen resultaat."},
        {"cancelled_still_in_batch", "De batch is geannuleerd, maar de "
                                     "uitbetaling staat nog op in "
                                     "betaalbatch."},
        {"result_still_in_batch", "Het resultaat is ingelezen, maar de "
                                  "uitbetaling staat nog op in betaalbatch."},
        {"paid_not_paid", "Volgens het resultaat betaald, maar de uitbetaling "
                          "staat op te betalen."},
        {"refused_but_paid", "Volgens het resultaat geweigerd, maar de "
                             "uitbetaling staat op betaald."},
        {"no_payout", "Toegekend, maar er is geen uitbetaling."},
        {"amount_differs",
         "De uitbetaling heeft een ander bedrag dan de toekenning."},
    };
    size_t i;

    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        if (strcmp(p, texts[i][0]) == 0)
            return texts[i][1];
    return "Dit klopt niet.";
}

/* A mismatching batch line, with its batch's number from the page. */
struct line_rows {
    struct html *h;
    const struct recon_data *d;
};

static void
line_row(void *cls, const struct recon_line *l)
{
    struct line_rows *x = cls;
    const char *number = "";
    int i;

    for (i = 0; i < x->d->nbatches; i++)
        if (x->d->batches[i].id == l->batch_id)
            number = x->d->batches[i].number;
    HTML(x->h,
         "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"
         "{}</td>",
         number);
    HTML_LIT(x->h, TD_NUM);
    html_long(x->h, l->line_no);
    HTML(x->h,
         "</td><td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>",
         l->reference, staff_street_status_label(l->payout_status),
         l->result[0] ? l->result : "geen");
    money_cell(x->h, l->amount_cents);
    HTML(x->h,
         "<td class=\"utrecht-table__cell\"><strong class=\"ll-alarm\">"
         "Verschil:</strong> {}</td></tr>\n",
         line_problem_text(l->problem));
}

static void
award_row(void *cls, const struct recon_award *a)
{
    struct html *h = cls;
    char year[8];

    snprintf(year, sizeof(year), "%d", a->year);
    HTML(h,
         "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"
         "{}</td><td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>",
         year, a->reference,
         a->payout_status[0] ? staff_street_status_label(a->payout_status)
                             : "geen uitbetaling");
    money_cell(h, a->awarded_cents);
    money_cell(h, a->payout_cents);
    HTML(h,
         "<td class=\"utrecht-table__cell\"><strong class=\"ll-alarm\">"
         "Verschil:</strong> {}</td></tr>\n",
         line_problem_text(a->problem));
}

static void
summary(struct html *h, const struct recon_data *d)
{
    if (d->unbalanced == 0 && d->tot.mismatched == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Alles klopt: elk "
                    "toegekend bedrag is te betalen, in een betaalbatch, "
                    "betaald of mislukt, en elke betaalbatch klopt met zijn "
                    "regels.</p>\n");
        return;
    }
    HTML_LIT(h, "<p class=\"utrecht-paragraph\"><strong class=\"ll-alarm\">"
                "Let op: er is een verschil.</strong> ");
    if (d->unbalanced > 0) {
        html_long(h, d->unbalanced);
        HTML(h, "{}",
             d->unbalanced == 1 ? " begrotingsjaar klopt niet. "
                                : " begrotingsjaren kloppen niet. ");
    }
    if (d->tot.mismatched > 0) {
        html_long(h, d->tot.mismatched);
        HTML(h, "{}",
             d->tot.mismatched == 1 ? " betaalbatch klopt niet. "
                                    : " betaalbatches kloppen niet. ");
    }
    HTML_LIT(h, "De uitbetalingen die het betreft staan hieronder. Meld het "
                "aan de beheerder van het systeem.</p>\n");
}

static int
years_section(struct html *h, struct db_conn *db, const struct recon_data *d)
{
    struct buf list = BUF_INIT;
    char y[8];
    int i, r = 0;

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Per begrotingsjaar</h2>\n"
                "<p class=\"utrecht-paragraph\">Toegekend moet gelijk zijn "
                "aan te betalen + in betaalbatch + betaald + mislukt, tot "
                "op de cent.</p>\n");
    if (d->nyears == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Er zijn nog geen "
                    "begrotingsjaren.</p>\n");
        return 0;
    }
    HTML_LIT(h, "<table class=\"utrecht-table utrecht-table--html-table\">\n"
                "<caption class=\"utrecht-table__caption\">Geldstroom per "
                "begrotingsjaar</caption>\n<thead class=\"utrecht-table__"
                "header\"><tr class=\"utrecht-table__row\">" TH_COL "Jaar</th>"
                "" TH_NUM "Toegekend</th>" TH_NUM "Te betalen</th>" TH_NUM
                "In betaalbatch</th>" TH_NUM "Betaald</th>" TH_NUM
                "Mislukt</th>" TH_NUM "Verschil</th></tr></thead>\n"
                "<tbody class=\"utrecht-table__body\">\n");
    for (i = 0; i < d->nyears; i++) {
        const struct recon_year *x = &d->years[i];
        char id[16];

        snprintf(y, sizeof(y), "%d", x->year);
        snprintf(id, sizeof(id), "jaar-%d", x->year);
        HTML(h,
             "<tr class=\"utrecht-table__row\" id=\"{}\"><th "
             "class=\"utrecht-table__header-cell\" scope=\"row\">{}</th>",
             id, y);
        count_cell(h, x->awards, x->awarded_cents);
        money_cell(h, x->te_betalen_cents);
        money_cell(h, x->in_batch_cents);
        money_cell(h, x->betaald_cents);
        money_cell(h, x->mislukt_cents);
        HTML_LIT(h, TD_NUM);
        if (x->balanced) {
            euro(h, 0);
            HTML_LIT(h, ", klopt");
        } else {
            HTML_LIT(h, "<strong class=\"ll-alarm\">Verschil ");
            euro(h, x->difference_cents);
            if (x->awards != x->payouts) {
                HTML_LIT(h, "; ");
                html_long(h, x->awards);
                HTML_LIT(h, " toekenningen, ");
                html_long(h, x->payouts);
                HTML_LIT(h, " uitbetalingen");
            }
            HTML_LIT(h, "</strong>");
            if (list.len > 0)
                buf_append(&list, ",", 1);
            buf_append(&list, y, strlen(y));
        }
        HTML_LIT(h, "</td></tr>\n");
    }
    HTML_LIT(h, "</tbody></table>\n");
    if (list.len > 0) {
        buf_append(&list, "", 1); /* NUL */
        HTML_LIT(h, "<h3 class=\"utrecht-heading-3\">Uitbetalingen bij het "
                    "verschil per jaar</h3>\n"
                    "<table class=\"utrecht-table utrecht-table--html-table "
                    "ll-mismatch\">\n<thead class=\"utrecht-table__header\">"
                    "<tr class=\"utrecht-table__row\">" TH_COL "Jaar</th>"
                    "" TH_COL "Kenmerk</th>" TH_COL "Status</th>" TH_NUM
                    "Toegekend</th>" TH_NUM "Uitbetaling</th>" TH_COL
                    "Wat niet klopt</th></tr></thead>\n"
                    "<tbody class=\"utrecht-table__body\">\n");
        r = db_reconciliation_year_awards(db, list.data, RECON_LIST_MAX,
                                          award_row, h);
        HTML_LIT(h, "</tbody></table>\n");
        if (r == RECON_LIST_MAX)
            HTML_LIT(h, "<p class=\"utrecht-paragraph\">Alleen de eerste 200 "
                        "staan hier.</p>\n");
    }
    buf_free(&list);
    return r;
}

static void
batch_row(struct html *h, const struct recon_batch *b, bool link)
{
    char id[64], href[80];

    snprintf(id, sizeof(id), "batch-%s", b->number);
    snprintf(href, sizeof(href), "/beheer/batches/%s", b->number);
    HTML(h,
         "<tr class=\"utrecht-table__row\" id=\"{}\"><th "
         "class=\"utrecht-table__header-cell\" scope=\"row\">",
         id);
    if (link)
        HTML(h, "<a class=\"utrecht-link\" href=\"{}\">{}</a>", href,
             b->number);
    else
        HTML(h, "{}", b->number);
    HTML(h,
         "</th><td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>",
         b->created, batch_status_label(b->status));
    if (b->has_totals)
        count_cell(h, b->line_count, b->total_cents);
    else
        HTML_LIT(h, TD_NUM "nog niet</td>");
    HTML_LIT(h, TD_NUM);
    html_long(h, b->paid);
    HTML_LIT(h, " (");
    euro(h, b->paid_cents);
    HTML_LIT(h, ")");
    if (b->reversed > 0) {
        HTML_LIT(h, ", waarvan ");
        html_long(h, b->reversed);
        HTML_LIT(h, " teruggeboekt");
    }
    HTML_LIT(h, "</td>");
    count_cell(h, b->failed, b->failed_cents);
    count_cell(h, b->open, b->open_cents);
    count_cell(h, b->returned, b->returned_cents);
    HTML_LIT(h, "<td class=\"utrecht-table__cell\">");
    if (!b->mismatch) {
        HTML_LIT(h, "Klopt");
    } else {
        HTML_LIT(h, "<strong class=\"ll-alarm\">Verschil</strong>");
        if (b->has_totals &&
            (b->line_count != b->lines || b->total_cents != b->lines_cents)) {
            HTML_LIT(h, ": geëxporteerd ");
            html_long(h, b->line_count);
            HTML(h, "{}", b->line_count == 1 ? " regel (" : " regels (");
            euro(h, b->total_cents);
            HTML_LIT(h, "), in de batch ");
            html_long(h, b->lines);
            HTML(h, "{}", b->lines == 1 ? " regel (" : " regels (");
            euro(h, b->lines_cents);
            HTML_LIT(h, "), verschil ");
            euro(h, b->total_cents - b->lines_cents);
        }
        if (b->bad_lines > 0) {
            HTML_LIT(h, "; ");
            html_long(h, b->bad_lines);
            HTML(h, "{}",
                 b->bad_lines == 1 ? " regel klopt niet"
                                   : " regels kloppen niet");
        }
    }
    HTML_LIT(h, "</td></tr>\n");
}

static int
batches_section(struct html *h, struct db_conn *db, const struct recon_data *d,
                long page)
{
    struct buf ids = BUF_INIT;
    struct line_rows x = {h, d};
    char id[24];
    long pages;
    int i, r = 0;

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Per betaalbatch</h2>\n"
                "<p class=\"utrecht-paragraph\">Geëxporteerd is wat in de "
                "bestanden van de batch staat. Dat moet gelijk zijn aan "
                "betaald + mislukt + open + teruggezet (bij een geannuleerde "
                "batch).</p>\n");
    if (d->tot.batches == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Er zijn nog geen "
                    "betaalbatches.</p>\n");
        return 0;
    }
    HTML_LIT(h, "<table class=\"utrecht-table utrecht-table--html-table\">\n"
                "<caption class=\"utrecht-table__caption\">");
    html_long(h, d->tot.batches);
    HTML(h, "{}", d->tot.batches == 1 ? " betaalbatch" : " betaalbatches");
    HTML_LIT(h, ", nieuwste eerst</caption>\n<thead class=\"utrecht-table__"
                "header\"><tr class=\"utrecht-table__row\">" TH_COL "Batch</th>"
                "" TH_COL "Gemaakt</th>" TH_COL "Status</th>" TH_NUM
                "Geëxporteerd</th>" TH_NUM "Betaald</th>" TH_NUM
                "Mislukt</th>" TH_NUM "Open</th>" TH_NUM "Teruggezet</th>"
                "" TH_COL "Afstemming</th></tr></thead>\n"
                "<tbody class=\"utrecht-table__body\">\n");
    for (i = 0; i < d->nbatches; i++) {
        batch_row(h, &d->batches[i], d->financien);
        if (d->batches[i].bad_lines > 0) {
            snprintf(id, sizeof(id), "%s%lld", ids.len > 0 ? "," : "",
                     d->batches[i].id);
            buf_append(&ids, id, strlen(id));
        }
    }
    HTML_LIT(h, "</tbody></table>\n");
    pages = (d->tot.batches + RECON_PAGE - 1) / RECON_PAGE;
    staff_street_pager(h, "/beheer/afstemming?", page, pages);
    if (ids.len > 0) {
        buf_append(&ids, "", 1); /* NUL */
        HTML_LIT(h, "<h3 class=\"utrecht-heading-3\">Uitbetalingen bij het "
                    "verschil per batch</h3>\n"
                    "<table class=\"utrecht-table utrecht-table--html-table "
                    "ll-mismatch\">\n<thead class=\"utrecht-table__header\">"
                    "<tr class=\"utrecht-table__row\">" TH_COL "Batch</th>"
                    "" TH_NUM "Regel</th>" TH_COL "Kenmerk</th>" TH_COL
                    "Status uitbetaling</th>" TH_COL "Resultaat</th>" TH_NUM
                    "Bedrag</th>" TH_COL "Wat niet klopt</th></tr></thead>\n"
                    "<tbody class=\"utrecht-table__body\">\n");
        r = db_reconciliation_batch_lines(db, ids.data, RECON_LIST_MAX,
                                          line_row, &x);
        HTML_LIT(h, "</tbody></table>\n");
        if (r == RECON_LIST_MAX)
            HTML_LIT(h, "<p class=\"utrecht-paragraph\">Alleen de eerste 200 "
                        "staan hier.</p>\n");
    }
    buf_free(&ids);
    return r;
}

enum MHD_Result
page_finance_reconciliation(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct db_conn *db;
    struct recon_data *d;
    struct html h;
    long page;
    int r;

    if (!staff_require(rq, "financien,beheerder", &me, &ret))
        return ret;
    if (!staff_street_page_param(rq, &page))
        return reply_error(rq, 400, "Dit paginanummer bestaat niet.");
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    d = calloc(1, sizeof(*d));
    if (d == NULL)
        return reply_error(rq, 503, NULL);
    d->financien = strcmp(me.role, "financien") == 0;
    r = db_reconciliation_years(db, keep_year, d);
    if (r >= 0)
        r = db_reconciliation_batches(db, (page - 1) * RECON_PAGE, RECON_PAGE,
                                      keep_batch, d, &d->tot);
    if (r < 0) {
        log_error("reconciliation: %s", db_last_error(db));
        free(d);
        return reply_error(rq, 503, NULL);
    }
    if (d->nbatches == 0 && page > 1) {
        free(d);
        return reply_error(rq, 404, "Deze pagina van de lijst bestaat niet.");
    }

    html_init(&h);
    staff_layout_begin(rq, &h, &me, "Afstemming", "afstemming");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Afstemming</h1>\n"
                 "<p class=\"utrecht-paragraph\">Klopt het geld? Hier staat "
                 "per begrotingsjaar waar elke toegekende euro is, en per "
                 "betaalbatch wat naar de bank ging en wat de bank "
                 "terugmeldde.</p>\n");
    summary(&h, d);
    r = years_section(&h, db, d);
    if (r >= 0)
        r = batches_section(&h, db, d, page);
    free(d);
    if (r < 0) {
        log_error("reconciliation: %s", db_last_error(db));
        html_free(&h);
        return reply_error(rq, 503, NULL);
    }
    staff_layout_end(&h);
    return reply_html(rq, 200, &h);
}
