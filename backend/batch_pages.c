#include "batch_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_create.h"
#include "db_batch.h"
#include "form_render.h"
#include "iban.h"
#include "log.h"
#include "money.h"
#include "staff_csrf.h"
#include "staff_layout.h"

/* A batch page lists at most this many lines; the files hold all. */
#define BATCH_PAGE_MAX_LINES 1000
#define BATCH_LIST_LIMIT 50

const char *
batch_status_word(const char *status)
{
    if (strcmp(status, "live") == 0)
        return "klaar voor betaling";
    if (strcmp(status, "cancelled") == 0)
        return "geannuleerd";
    if (strcmp(status, "imported") == 0)
        return "verwerkt";
    return status;
}

static const char *
payout_status_word(const char *status)
{
    if (strcmp(status, "te_betalen") == 0)
        return "te betalen";
    if (strcmp(status, "in_batch") == 0)
        return "in batch";
    return status; /* betaald, mislukt */
}

static void
euro(long long cents, char out[MONEY_TEXT_SIZE])
{
    money_format_euro(cents, out, MONEY_TEXT_SIZE);
}

static void
num(long long v, char out[24])
{
    snprintf(out, 24, "%lld", v);
}

static void
banner(struct html *h, const char *text, bool error)
{
    if (text == NULL)
        return;
    if (error)
        HTML(h,
             "<div class=\"utrecht-alert utrecht-alert--error\" "
             "role=\"alert\"><p class=\"utrecht-paragraph\">{}</p></div>\n",
             text);
    else
        HTML(h,
             "<div class=\"utrecht-alert utrecht-alert--ok\" "
             "role=\"status\"><p class=\"utrecht-paragraph\">{}</p></div>\n",
             text);
}

#define TH(label)                                                              \
    "<th class=\"utrecht-table__header-cell\" scope=\"col\">" label "</th>"
#define THN(label)                                                             \
    "<th class=\"utrecht-table__header-cell "                                  \
    "utrecht-table__header-cell--numeric-column\" scope=\"col\">" label        \
    "</th>"
#define TD "<td class=\"utrecht-table__cell\">{}</td>"
#define TDN                                                                    \
    "<td class=\"utrecht-table__cell "                                         \
    "utrecht-table__cell--numeric-data\">{}</td>"

/* ---- the overview ---- */

struct pending_ctx {
    struct html *h;
    int n;
    struct batch_pending_row sum;
};

static void
pending_cells(struct html *h, const struct batch_pending_row *r)
{
    char count[24], bank[24], cards[24], waiting[24];
    char cents[MONEY_TEXT_SIZE], wcents[MONEY_TEXT_SIZE];

    num(r->count, count);
    num(r->bank, bank);
    num(r->cards, cards);
    num(r->waiting, waiting);
    euro(r->cents, cents);
    euro(r->waiting_cents, wcents);
    HTML(h, TDN TDN TDN TDN TDN TDN "</tr>\n", count, cents, bank, cards,
         waiting, wcents);
}

static void
pending_row(void *cls, const struct batch_pending_row *r)
{
    struct pending_ctx *x = cls;

    if (x->n++ == 0)
        HTML_LIT(x->h,
                 "<table class=\"utrecht-table utrecht-table--html-table\" "
                 "id=\"te-betalen\">\n"
                 "<caption class=\"utrecht-table__caption\">Uitbetalingen "
                 "die klaarstaan, per wijk</caption>\n"
                 "<thead class=\"utrecht-table__header\"><tr "
                 "class=\"utrecht-table__row\">" TH("Wijk") THN("Aantal")
                     THN("Bedrag") THN("Per bank") THN("Prepaidkaart")
                         THN("Wacht op bevestiging IBAN")
                             THN("Bedrag dat wacht") "</tr></thead>\n"
                                                     "<tbody "
                                                     "class=\"utrecht-table__"
                                                     "body\">\n");
    HTML(x->h,
         "<tr class=\"utrecht-table__row\"><th "
         "class=\"utrecht-table__header-cell\" scope=\"row\">{} {}</th>",
         r->wijk_code, r->wijk_name);
    pending_cells(x->h, r);
    x->sum.count += r->count;
    x->sum.cents += r->cents;
    x->sum.bank += r->bank;
    x->sum.cards += r->cards;
    x->sum.waiting += r->waiting;
    x->sum.waiting_cents += r->waiting_cents;
}

struct list_ctx {
    struct html *h;
    int n;
};

static void
list_row(void *cls, const struct batch_row *r)
{
    struct list_ctx *x = cls;
    char href[80], lines[24], total[MONEY_TEXT_SIZE];

    if (x->n++ == 0)
        HTML_LIT(x->h,
                 "<table class=\"utrecht-table utrecht-table--html-table\" "
                 "id=\"batches\">\n"
                 "<caption class=\"utrecht-table__caption\">Betaalbatches, "
                 "nieuwste eerst</caption>\n"
                 "<thead class=\"utrecht-table__header\"><tr "
                 "class=\"utrecht-table__row\">" TH("Batch") TH("Gemaakt")
                     TH("Door") THN("Regels") THN("Totaal")
                         TH("Status") "</tr></thead>\n"
                                      "<tbody "
                                      "class=\"utrecht-table__body\">\n");
    snprintf(href, sizeof(href), "/beheer/batches/%s", r->number);
    num(r->lines, lines);
    euro(r->total_cents, total);
    HTML(x->h,
         "<tr class=\"utrecht-table__row\"><th "
         "class=\"utrecht-table__header-cell\" scope=\"row\"><a "
         "class=\"utrecht-link\" href=\"{}\">{}</a></th>" TD TD TDN TDN TD
         "</tr>\n",
         href, r->number, r->created_at, r->created_by, lines, total,
         batch_status_word(r->status));
}

static void
create_form(struct html *h, const struct staff *me,
            const struct batch_overview_view *v)
{
    char csrf[CSRF_TOKEN_MAX];
    struct field_view f;

    staff_csrf_issue(me, BATCH_CREATE_PURPOSE, csrf);
    HTML(h,
         "<h2 class=\"utrecht-heading-2\">Nieuwe betaalbatch</h2>\n"
         "<p class=\"utrecht-paragraph\">Een betaalbatch zet alle "
         "uitbetalingen die klaarstaan vast in drie bestanden: de CSV voor "
         "de financi\xc3\xable administratie, het SEPA-bestand voor de bank "
         "en de verantwoording (PDF). Uitbetalingen die u zelf hebt "
         "goedgekeurd, zet een collega in een batch. Uitbetalingen met een "
         "nieuw rekeningnummer dat de makelaar nog niet heeft bevestigd, "
         "blijven staan.</p>\n"
         "<form class=\"utrecht-form\" method=\"post\" "
         "action=\"/beheer/betalingen\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
         csrf);
    memset(&f, 0, sizeof(f));
    f.kind = FIELD_TEXT;
    f.name = "tot";
    f.label = "Toegekend tot en met";
    f.description = "Laat leeg voor alle uitbetalingen die klaarstaan. Of "
                    "vul een datum in als dd-mm-jjjj, bijvoorbeeld "
                    "31-03-2026.";
    f.optional = "(niet verplicht)";
    f.value = v->tot;
    f.error = v->tot_error;
    f.maxlength = 10;
    form_field(h, &f);
    HTML_LIT(h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                "class=\"utrecht-button utrecht-button--primary-action\">"
                "Betaalbatch maken</button></p>\n</form>\n");
}

enum MHD_Result
batch_overview_reply(struct request *rq, const struct staff *me,
                     unsigned status, const struct batch_overview_view *v)
{
    struct db_conn *db = request_db(rq);
    struct pending_ctx p;
    struct list_ctx l;
    struct html h;
    int r;

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    html_init(&h);
    staff_layout_begin(rq, &h, me, "Betalingen", "betalingen");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Betalingen</h1>\n");
    if (v->tot_error != NULL) {
        struct form_error e = {"tot", v->tot_error};
        form_error_summary(&h, "Er is geen batch gemaakt", &e, 1);
    }
    banner(&h, v->banner, v->banner_is_error);

    memset(&p, 0, sizeof(p));
    p.h = &h;
    r = db_batch_pending_by_wijk(db, pending_row, &p);
    if (r < 0)
        goto fail;
    if (p.n == 0) {
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\" id=\"te-betalen\">Er "
                     "staan geen uitbetalingen klaar.</p>\n");
    } else {
        HTML_LIT(&h, "</tbody><tfoot class=\"utrecht-table__footer\"><tr "
                     "class=\"utrecht-table__row\"><th "
                     "class=\"utrecht-table__header-cell\" "
                     "scope=\"row\">Totaal</th>");
        pending_cells(&h, &p.sum);
        HTML_LIT(&h, "</tfoot></table>\n");
    }
    create_form(&h, me, v);

    HTML_LIT(&h, "<h2 class=\"utrecht-heading-2\">Betaalbatches</h2>\n");
    memset(&l, 0, sizeof(l));
    l.h = &h;
    r = db_batch_list(db, BATCH_LIST_LIMIT, list_row, &l);
    if (r < 0)
        goto fail;
    if (l.n == 0)
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Er is nog geen "
                     "betaalbatch gemaakt.</p>\n");
    else
        HTML_LIT(&h, "</tbody></table>\n");
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
fail:
    log_error("finance overview: %s", db_last_error(db));
    html_free(&h);
    return reply_error(rq, 503, NULL);
}

/* ---- a batch ---- */

static void
field(struct html *h, const char *key, const char *value)
{
    HTML(h,
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">{}</dt><dd "
         "class=\"utrecht-data-list__item-value\">{}</dd></div>\n",
         key, value);
}

static void
count_and_sum(char *out, size_t n, long long count, long long cents)
{
    char e[MONEY_TEXT_SIZE];

    euro(cents, e);
    snprintf(out, n, "%lld, samen %s", count, e);
}

static void
summary(struct html *h, const struct batch_row *b)
{
    char text[128], total[MONEY_TEXT_SIZE], lines[24];

    HTML_LIT(h, "<dl class=\"utrecht-data-list utrecht-data-list--rows\" "
                "id=\"samenvatting\">\n");
    field(h, "Status", batch_status_word(b->status));
    snprintf(text, sizeof(text), "%s door ", b->created_at);
    HTML(h,
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">Gemaakt</dt><dd "
         "class=\"utrecht-data-list__item-value\">{}{}</dd></div>\n",
         text, b->created_by);
    num(b->lines, lines);
    field(h, "Aantal regels", lines);
    euro(b->total_cents, total);
    field(h, "Totaal", total);
    count_and_sum(text, sizeof(text), b->bank, b->bank_cents);
    field(h, "Per bank (SEPA)", text);
    count_and_sum(text, sizeof(text), b->cards, b->card_cents);
    field(h, "Prepaidkaart (bestellen)", text);
    num(b->results, lines);
    field(h, "Regels met resultaat van financi\xc3\xabn", lines);
    if (b->imported_at[0])
        field(h, "Resultaat verwerkt", b->imported_at);
    HTML_LIT(h, "</dl>\n");
}

static void
downloads(struct html *h, const struct batch_row *b)
{
    const char *mark = strcmp(b->status, "cancelled") == 0
                           ? " (geannuleerd, niet meer gebruiken)"
                           : "";
    char href[160], name[80];

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Bestanden</h2>\n"
                "<ul class=\"utrecht-unordered-list\" id=\"bestanden\">\n");
    if (b->has_csv) {
        batch_file_name(b->number, BATCH_FILE_CSV, name, sizeof(name));
        snprintf(href, sizeof(href), "/beheer/batches/%s/%s", b->number, name);
        HTML(h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"{}\" download>CSV voor de "
             "financi\xc3\xable administratie: {}</a>{}</li>\n",
             href, name, mark);
    }
    if (b->has_sepa) {
        batch_file_name(b->number, BATCH_FILE_SEPA, name, sizeof(name));
        snprintf(href, sizeof(href), "/beheer/batches/%s/%s", b->number, name);
        HTML(h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"{}\" download>SEPA-bestand "
             "voor de bank: {}</a>{}</li>\n",
             href, name, mark);
    }
    if (b->has_pdf) {
        batch_file_name(b->number, BATCH_FILE_PDF, name, sizeof(name));
        snprintf(href, sizeof(href), "/beheer/batches/%s/%s", b->number, name);
        HTML(h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"{}\" download>Verantwoording "
             "(PDF): {}</a>{}</li>\n",
             href, name, mark);
    }
    if (!b->has_csv && !b->has_sepa && !b->has_pdf)
        HTML_LIT(h, "<li class=\"utrecht-unordered-list__item\">Geen "
                    "bestanden bewaard (verwijderd na de bewaartermijn, of "
                    "een batch van voor deze versie).</li>\n");
    else if (!b->has_sepa && b->bank == 0)
        HTML_LIT(h, "<li class=\"utrecht-unordered-list__item\">Geen "
                    "SEPA-bestand: deze batch heeft alleen "
                    "prepaidkaarten.</li>\n");
    HTML_LIT(h, "</ul>\n");
}

struct wijk_sum {
    const char *code, *name;
    long long count, cents;
};

static void
per_wijk(struct html *h, const struct batch_lines *l)
{
    struct wijk_sum w[64];
    size_t nw = 0, i, k;
    char count[24], cents[MONEY_TEXT_SIZE];

    /* lines are ordered by wijk, but count without relying on it */
    for (i = 0; i < l->n; i++) {
        for (k = 0; k < nw; k++)
            if (strcmp(w[k].code, l->line[i].wijk_code) == 0)
                break;
        if (k == nw) {
            if (nw == sizeof(w) / sizeof(w[0]))
                continue;
            w[nw].code = l->line[i].wijk_code;
            w[nw].name = l->line[i].wijk_name;
            w[nw].count = 0;
            w[nw].cents = 0;
            nw++;
        }
        w[k].count++;
        w[k].cents += l->line[i].amount_cents;
    }
    if (nw == 0)
        return;
    HTML_LIT(h, "<table class=\"utrecht-table utrecht-table--html-table\" "
                "id=\"per-wijk\">\n"
                "<caption class=\"utrecht-table__caption\">Per "
                "wijk</caption>\n"
                "<thead class=\"utrecht-table__header\"><tr "
                "class=\"utrecht-table__row\">" TH("Wijk") THN("Aantal")
                    THN("Bedrag") "</tr></thead>\n"
                                  "<tbody class=\"utrecht-table__body\">\n");
    for (k = 0; k < nw; k++) {
        num(w[k].count, count);
        euro(w[k].cents, cents);
        HTML(h,
             "<tr class=\"utrecht-table__row\"><th "
             "class=\"utrecht-table__header-cell\" scope=\"row\">{} "
             "{}</th>" TDN TDN "</tr>\n",
             w[k].code, w[k].name, count, cents);
    }
    HTML_LIT(h, "</tbody></table>\n");
}

static void
line_table(struct html *h, const struct batch_lines *l)
{
    size_t i, n = l->n;
    char no[24], amount[MONEY_TEXT_SIZE], masked[IBAN_TEXT_SIZE];

    if (n > BATCH_PAGE_MAX_LINES)
        n = BATCH_PAGE_MAX_LINES;
    HTML_LIT(h, "<table class=\"utrecht-table utrecht-table--html-table\" "
                "id=\"regels\">\n"
                "<caption class=\"utrecht-table__caption\">De regels van de "
                "batch</caption>\n"
                "<thead class=\"utrecht-table__header\"><tr "
                "class=\"utrecht-table__row\">" THN("Regel") TH("Referentie")
                    TH("Wijk") TH("Straat") TH("Ontvanger") TH("Rekening")
                        THN("Bedrag") TH("Uitbetaling")
                            TH("Resultaat") "</tr></thead>\n"
                                            "<tbody "
                                            "class=\"utrecht-table__body\">\n");
    for (i = 0; i < n; i++) {
        const struct batch_file_line *x = &l->line[i];

        num(x->line_no, no);
        euro(x->amount_cents, amount);
        if (x->channel == BATCH_BANK && x->iban != NULL)
            iban_mask(x->iban, masked, sizeof(masked));
        else
            snprintf(masked, sizeof(masked), "%s",
                     x->channel == BATCH_BANK ? "" : "prepaidkaart");
        HTML(h,
             "<tr class=\"utrecht-table__row\">" TDN TD TD TD TD TD TDN TD TD
             "</tr>\n",
             no, x->reference, x->wijk_code, x->street, x->payee_name, masked,
             amount, payout_status_word(l->payout_status[i]),
             l->result[i][0] ? l->result[i] : "-");
    }
    HTML_LIT(h, "</tbody></table>\n");
    if (l->n > n) {
        char more[160];

        snprintf(more, sizeof(more),
                 "Hier staan de eerste %zu van %zu regels. Alle regels staan "
                 "in de CSV en de verantwoording.",
                 n, l->n);
        HTML(h, "<p class=\"utrecht-paragraph\">{}</p>\n", more);
    }
}

static void
cancel_form(struct html *h, const struct staff *me, const struct batch_row *b,
            const struct batch_page_view *v)
{
    char purpose[80], csrf[CSRF_TOKEN_MAX], action[96];
    struct field_view f;

    snprintf(purpose, sizeof(purpose), BATCH_CANCEL_PURPOSE_PREFIX "%s",
             b->number);
    staff_csrf_issue(me, purpose, csrf);
    snprintf(action, sizeof(action), "/beheer/batches/%s/annuleren", b->number);
    HTML(h,
         "<h2 class=\"utrecht-heading-2\">Batch annuleren</h2>\n"
         "<p class=\"utrecht-paragraph\">Annuleer de batch alleen als de "
         "bestanden niet bij de bank of de financi\xc3\xable administratie "
         "zijn ingelezen. De uitbetalingen komen dan weer klaar te staan "
         "voor een volgende batch. De bestanden blijven bewaard en zijn "
         "gemarkeerd als geannuleerd.</p>\n"
         "<form class=\"utrecht-form\" method=\"post\" action=\"{}\" "
         "novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
         action, csrf);
    memset(&f, 0, sizeof(f));
    f.kind = FIELD_TEXTAREA;
    f.name = "reden";
    f.label = "Reden van annuleren";
    f.description = "Bijvoorbeeld: verkeerde uitvoeringsdatum. Hoogstens "
                    "500 tekens.";
    f.value = v->reden;
    f.error = v->reden_error;
    f.required = true;
    f.maxlength = 500;
    form_field(h, &f);
    HTML_LIT(h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                "class=\"utrecht-button utrecht-button--secondary-action\">"
                "Batch annuleren</button></p>\n</form>\n");
}

enum MHD_Result
batch_page_reply(struct request *rq, const struct staff *me, const char *number,
                 unsigned status, const struct batch_page_view *v)
{
    struct db_conn *db = request_db(rq);
    struct batch_row *b;
    struct batch_lines lines;
    struct html h;
    char title[64];
    int r;

    if (!batch_number_valid(number))
        return reply_error(rq, 404, NULL);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    b = malloc(sizeof(*b));
    if (b == NULL)
        return reply_error(rq, 503, NULL);
    r = db_batch_get(db, number, b);
    if (r <= 0) {
        if (r < 0)
            log_error("batch page: %s", db_last_error(db));
        free(b);
        return reply_error(rq, r < 0 ? 503 : 404, NULL);
    }
    r = db_batch_lines(db, b->id, &lines);
    if (r < 0) {
        log_error("batch page lines: %s", db_last_error(db));
        free(b);
        return reply_error(rq, 503, NULL);
    }
    snprintf(title, sizeof(title), "Betaalbatch %s", b->number);
    html_init(&h);
    staff_layout_begin(rq, &h, me, title, "betalingen");
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", title);
    if (v->reden_error != NULL) {
        struct form_error e = {"reden", v->reden_error};
        form_error_summary(&h, "De batch is niet geannuleerd", &e, 1);
    }
    banner(&h, v->notice, false);
    banner(&h, v->error, true);
    if (strcmp(b->status, "cancelled") == 0) {
        char text[3000];

        snprintf(text, sizeof(text),
                 "Deze batch is geannuleerd op %s door %s. Reden: %s. "
                 "Gebruik de bestanden niet meer; de uitbetalingen staan "
                 "weer klaar voor een volgende batch.",
                 b->cancelled_at, b->cancelled_by, b->cancel_reason);
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--warning\" "
             "role=\"status\" id=\"geannuleerd\"><p "
             "class=\"utrecht-paragraph\">{}</p></div>\n",
             text);
    }
    summary(&h, b);
    downloads(&h, b);
    per_wijk(&h, &lines);
    line_table(&h, &lines);
    if (strcmp(b->status, "live") == 0 && b->results == 0)
        cancel_form(&h, me, b, v);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
                 "href=\"/beheer/betalingen\">Terug naar "
                 "betalingen</a></p>\n");
    staff_layout_end(&h);
    db_batch_lines_free(&lines);
    free(b);
    return reply_html(rq, status, &h);
}
