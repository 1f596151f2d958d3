/* batch_statement_pdf.c - the statement of a payout batch, as PDF.
 *
 * What finance signs before it uploads the SEPA file: the control totals
 * (count and sum, bank and cards apart and together), the subtotals per
 * wijk, the SHA-256 of the CSV (so the signed paper names exactly one
 * file), every bank transfer with the IBAN masked, the prepaid cards to
 * order, and two signatures (drawn up by / checked by).
 *
 * A batch of 10,000 lines is a table of some 250 pages; pdf_doc repeats
 * its header on every page. Bold is synthetic (one embedded font), which
 * halves the time and size of such a document. */
#include "batch_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iban_masked.h"

#define EURO "\xE2\x82\xAC "

struct wijk_total {
    const char *code, *name;
    size_t count;
    long long cents;
};

static bool
given(const char *s)
{
    return s != NULL && *s != '\0';
}

static void
euro(long long cents, char *out, size_t outlen)
{
    char amount[32]; /* 19 digits, 6 separators, the cents */

    batch_amount_text(cents, ',', '.', amount, sizeof(amount));
    snprintf(out, outlen, EURO "%s", amount);
}

/* 64 hex digits, else NULL; in groups of eight, four to a line. */
static bool
sha_text(const char *hex, char *out, size_t outlen)
{
    size_t i, o = 0;

    if (hex == NULL || strlen(hex) != 64 || outlen < 64 + 8)
        return false;
    for (i = 0; i < 64; i++) {
        char c = hex[i];

        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
              (c >= 'A' && c <= 'F')))
            return false;
        if (i > 0 && i % 8 == 0)
            out[o++] = i == 32 ? '\n' : ' ';
        out[o++] = c;
    }
    out[o] = '\0';
    return true;
}

static const char *
str(const char *s)
{
    return s ? s : "";
}

static int
by_wijk(const void *a, const void *b)
{
    const struct batch_file_line *x = *(const struct batch_file_line *const *)a;
    const struct batch_file_line *y = *(const struct batch_file_line *const *)b;
    int c = strcmp(str(x->wijk_code), str(y->wijk_code));

    return c != 0 ? c : strcmp(str(x->wijk_name), str(y->wijk_name));
}

/* The subtotals per wijk, ordered by code: malloc()ed, *count entries;
 * NULL when out of memory. */
static struct wijk_total *
per_wijk(const struct batch_file_line *lines, size_t n, size_t *count)
{
    const struct batch_file_line **sorted = malloc(n * sizeof(*sorted));
    struct wijk_total *w = calloc(n, sizeof(*w));
    size_t i, k = 0;

    if (sorted == NULL || w == NULL) {
        free(sorted);
        free(w);
        return NULL;
    }
    for (i = 0; i < n; i++)
        sorted[i] = &lines[i];
    qsort(sorted, n, sizeof(*sorted), by_wijk);
    for (i = 0; i < n; i++) {
        if (k == 0 || by_wijk(&sorted[i], &sorted[i - 1]) != 0) {
            w[k].code = str(sorted[i]->wijk_code);
            w[k].name = str(sorted[i]->wijk_name);
            k++;
        }
        w[k - 1].count++;
        w[k - 1].cents += sorted[i]->amount_cents;
    }
    free(sorted);
    *count = k;
    return w;
}

static void
totals_table(struct pdf_doc *d, const struct batch_totals *t)
{
    static const struct pdf_doc_column cols[] = {
        {"", 3, false}, {"Aantal", 1, true}, {"Bedrag", 1.5f, true}};
    char count[3][24], sum[3][48];
    const char *row[3];

    snprintf(count[0], sizeof(count[0]), "%zu", t->bank_count);
    snprintf(count[1], sizeof(count[1]), "%zu", t->card_count);
    snprintf(count[2], sizeof(count[2]), "%zu", t->bank_count + t->card_count);
    euro(t->bank_cents, sum[0], sizeof(sum[0]));
    euro(t->card_cents, sum[1], sizeof(sum[1]));
    euro(t->total_cents, sum[2], sizeof(sum[2]));
    pdf_doc_table_begin(d, cols, 3);
    row[0] = "Overboekingen (bank)";
    row[1] = count[0];
    row[2] = sum[0];
    pdf_doc_table_row(d, row);
    row[0] = "Prepaidkaarten";
    row[1] = count[1];
    row[2] = sum[1];
    pdf_doc_table_row(d, row);
    row[0] = "Totaal";
    row[1] = count[2];
    row[2] = sum[2];
    pdf_doc_table_row(d, row);
    pdf_doc_table_end(d);
}

static void
wijk_table(struct pdf_doc *d, const struct wijk_total *w, size_t nw,
           const struct batch_totals *t)
{
    static const struct pdf_doc_column cols[] = {
        {"Wijk", 3, false}, {"Aantal", 1, true}, {"Bedrag", 1.5f, true}};
    char name[256], count[24], sum[48];
    const char *row[3] = {name, count, sum};
    size_t i;

    pdf_doc_table_begin(d, cols, 3);
    for (i = 0; i < nw; i++) {
        if (given(w[i].code) && given(w[i].name))
            snprintf(name, sizeof(name), "%s %s", w[i].code, w[i].name);
        else
            snprintf(name, sizeof(name), "%s",
                     given(w[i].name)   ? w[i].name
                     : given(w[i].code) ? w[i].code
                                        : "(geen wijk)");
        snprintf(count, sizeof(count), "%zu", w[i].count);
        euro(w[i].cents, sum, sizeof(sum));
        pdf_doc_table_row(d, row);
    }
    snprintf(name, sizeof(name), "Totaal");
    snprintf(count, sizeof(count), "%zu", t->bank_count + t->card_count);
    euro(t->total_cents, sum, sizeof(sum));
    pdf_doc_table_row(d, row);
    pdf_doc_table_end(d);
}

static void
bank_table(struct pdf_doc *d, const struct batch_file_line *lines, size_t n)
{
    static const struct pdf_doc_column cols[] = {{"Regel", 0.7f, true},
                                                 {"Referentie", 1.7f, false},
                                                 {"Naam", 2.2f, false},
                                                 {"IBAN", 2.0f, false},
                                                 {"Bedrag", 1.1f, true}};
    char no[24], iban[IBAN_MASKED_SIZE], sum[48];
    const char *row[5];
    size_t i;

    pdf_doc_table_begin(d, cols, 5);
    for (i = 0; i < n; i++) {
        const struct batch_file_line *l = &lines[i];

        if (l->channel != BATCH_BANK)
            continue;
        snprintf(no, sizeof(no), "%d", l->line_no);
        /* never the full IBAN: "" when it cannot be masked */
        iban_masked(l->iban, iban, sizeof(iban));
        euro(l->amount_cents, sum, sizeof(sum));
        row[0] = no;
        row[1] = l->reference;
        row[2] = l->payee_name;
        row[3] = iban;
        row[4] = sum;
        pdf_doc_table_row(d, row);
    }
    pdf_doc_table_end(d);
}

static void
card_table(struct pdf_doc *d, const struct batch_file_line *lines, size_t n)
{
    static const struct pdf_doc_column cols[] = {
        {"Regel", 0.7f, true},   {"Referentie", 1.7f, false},
        {"Naam", 1.9f, false},   {"Wijk", 1.2f, false},
        {"Straat", 1.5f, false}, {"Bedrag", 1.1f, true}};
    char no[24], sum[48];
    const char *row[6];
    size_t i;

    pdf_doc_table_begin(d, cols, 6);
    for (i = 0; i < n; i++) {
        const struct batch_file_line *l = &lines[i];

        if (l->channel != BATCH_PREPAID_CARD)
            continue;
        snprintf(no, sizeof(no), "%d", l->line_no);
        euro(l->amount_cents, sum, sizeof(sum));
        row[0] = no;
        row[1] = l->reference;
        row[2] = l->payee_name;
        row[3] = given(l->wijk_name) ? l->wijk_name : l->wijk_code;
        row[4] = l->street;
        row[5] = sum;
        pdf_doc_table_row(d, row);
    }
    pdf_doc_table_end(d);
}

/* One signature: a caption, the name and date (or lines to fill in), and
 * a line to sign on, in the column starting at x of width w. */
static void
signature(struct pdf_doc *d, const struct pdf_doc_box *box, float x, float w,
          const char *caption, const char *name, const char *date)
{
    float top = box->y + box->height;
    float line_x = x + 60;

    pdf_doc_text_at(d, x, top - 12, 10, true, caption);
    pdf_doc_text_at(d, x, top - 32, 10, false, "Naam");
    pdf_doc_text_at(d, x, top - 52, 10, false, "Datum");
    pdf_doc_text_at(d, x, top - 92, 10, false, "Handtekening");
    if (given(name))
        pdf_doc_text_at(d, line_x, top - 32, 10, false, name);
    if (given(date))
        pdf_doc_text_at(d, line_x, top - 52, 10, false, date);
    HPDF_Page_GSave(box->page);
    HPDF_Page_SetGrayStroke(box->page, 0);
    HPDF_Page_SetLineWidth(box->page, 0.5f);
    if (!given(name)) {
        HPDF_Page_MoveTo(box->page, line_x, top - 35);
        HPDF_Page_LineTo(box->page, x + w - 20, top - 35);
    }
    if (!given(date)) {
        HPDF_Page_MoveTo(box->page, line_x, top - 55);
        HPDF_Page_LineTo(box->page, x + w - 20, top - 55);
    }
    HPDF_Page_MoveTo(box->page,
                     x + pdf_doc_text_width(d, 10, false, "Handtekening") + 6,
                     top - 95);
    HPDF_Page_LineTo(box->page, x + w - 20, top - 95);
    HPDF_Page_Stroke(box->page);
    HPDF_Page_GRestore(box->page);
}

static void
signatures(struct pdf_doc *d, const struct batch_file_meta *m)
{
    struct pdf_doc_box box;
    char date[16];

    /* the date part of "27-11-2026 23:50" */
    snprintf(date, sizeof(date), "%.10s", str(m->created_at_text));
    pdf_doc_heading(d, 2, "Ondertekening");
    pdf_doc_paragraph(d, "Gecontroleerd door een tweede medewerker van "
                         "financi\xC3\xAB"
                         "n, voordat het SEPA-bestand naar de bank gaat.");
    if (!pdf_doc_reserve(d, 105, &box))
        return;
    signature(d, &box, box.x, box.width / 2, "Opgesteld door", m->created_by,
              date);
    signature(d, &box, box.x + box.width / 2, box.width / 2,
              "Gecontroleerd door", NULL, NULL);
}

/* The creation moment from "2026-11-27T23:50:00" (local time), so the
 * PDF's dates come from the batch and not from the clock; 0 when it does
 * not parse. */
static time_t
created_time(const char *iso)
{
    struct tm tm;
    int v[6], k, i;
    const char *p = iso;

    if (iso == NULL || strlen(iso) < 19)
        return 0;
    for (k = 0; k < 6; k++) {
        int width = k == 0 ? 4 : 2;

        v[k] = 0;
        for (i = 0; i < width; i++, p++) {
            if (*p < '0' || *p > '9')
                return 0;
            v[k] = v[k] * 10 + (*p - '0');
        }
        if (k < 5)
            p++; /* the separator */
    }
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = v[0] - 1900;
    tm.tm_mon = v[1] - 1;
    tm.tm_mday = v[2];
    tm.tm_hour = v[3];
    tm.tm_min = v[4];
    tm.tm_sec = v[5];
    tm.tm_isdst = -1;
    return mktime(&tm);
}

bool
batch_statement_pdf(const struct batch_file_meta *m,
                    const struct batch_file_line *lines, size_t n,
                    const char *csv_sha256_hex,
                    const struct pdf_doc_options *opt, unsigned char **out,
                    size_t *len, char *err, size_t errlen)
{
    struct pdf_doc_options o = {0};
    struct batch_totals t;
    struct wijk_total *w;
    struct pdf_doc *d;
    size_t nw = 0;
    char title[128], generated[256], sha[80], count[24], sum[48];

    *out = NULL;
    *len = 0;
    if (!batch_files_check(m, lines, n, &t, err, errlen))
        return false;
    if (!sha_text(csv_sha256_hex, sha, sizeof(sha))) {
        snprintf(err, errlen,
                 "verantwoording: de SHA-256 van het CSV-bestand moet 64 "
                 "hexadecimale tekens zijn");
        return false;
    }
    w = per_wijk(lines, n, &nw);
    if (w == NULL) {
        snprintf(err, errlen, "onvoldoende geheugen voor de verantwoording");
        return false;
    }

    if (opt != NULL)
        o = *opt;
    snprintf(title, sizeof(title), "Betaalbatch %s", m->number);
    o.title = title;
    o.subject = "Verantwoording van een betaalbatch";
    o.lang = "nl";
    o.synthetic_bold = true;
    if (!given(o.generated)) {
        snprintf(generated, sizeof(generated),
                 "Gemaakt op %s bij het aanmaken van betaalbatch %s",
                 str(m->created_at_text), m->number);
        o.generated = generated;
    }
    if (o.created == 0)
        o.created = created_time(m->created_at_iso);
    if (o.created == 0 || o.created == (time_t)-1)
        o.created = 1; /* reproducible even without a time */

    d = pdf_doc_new(&o, err, errlen);
    if (d == NULL) {
        free(w);
        return false;
    }
    /* Errors are sticky: pdf_doc_finish() reports the first one. */
    pdf_doc_heading(d, 1, title);
    pdf_doc_field(d, "Batchnummer", m->number);
    pdf_doc_field(d, "Gemaakt op", str(m->created_at_text));
    pdf_doc_field(d, "Gemaakt door", str(m->created_by));
    snprintf(count, sizeof(count), "%zu", n);
    pdf_doc_field(d, "Aantal regels", count);
    euro(t.total_cents, sum, sizeof(sum));
    pdf_doc_field(d, "Totaalbedrag", sum);
    pdf_doc_field(d, "SHA-256 van het CSV-bestand", sha);

    pdf_doc_heading(d, 2, "Controletotalen");
    totals_table(d, &t);

    pdf_doc_heading(d, 2, "Per wijk");
    wijk_table(d, w, nw, &t);
    free(w);

    pdf_doc_heading(d, 2, "Overboekingen");
    if (t.bank_count > 0)
        bank_table(d, lines, n);
    else
        pdf_doc_paragraph(d, "Geen overboekingen in deze batch.");

    pdf_doc_heading(d, 2, "Prepaidkaarten te bestellen");
    if (t.card_count > 0)
        card_table(d, lines, n);
    else
        pdf_doc_paragraph(d, "Geen prepaidkaarten in deze batch.");

    signatures(d, m);
    return pdf_doc_finish(d, out, len, err, errlen);
}
