/* batch_csv.c - the CSV of a payout batch that finance imports.
 *
 * The conventions of every CSV we hand out (SPEC section 5, as
 * audit_csv.h): UTF-8 without a byte order mark, CRLF after every record
 * including the last, a header row, RFC 4180 quoting by libcsv's
 * csv_write() for a field holding the delimiter, '"', CR or LF or
 * starting or ending with a space, and a leading apostrophe for a field a
 * spreadsheet would run as a formula (= + - @, TAB, CR): csv_field.h.
 * The delimiter and the decimal mark are settings. */
#include "batch_files.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv_field.h"

/* The header record without its delimiters: README.md "Payout batch CSV". */
static const char *const columns[] = {
    "batch", "regel",  "referentie",   "toekenningsdatum", "naam",
    "iban",  "bedrag", "omschrijving", "kostenplaats",     "grootboekrekening",
    "wijk",  "straat", "kanaal",
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/* Append a record of fields f[0..NCOLUMNS). */
static bool
record(struct buf *out, const char *const *f, char delim)
{
    size_t k;

    for (k = 0; k < NCOLUMNS; k++)
        if ((k > 0 && !buf_putc(out, delim)) || !csv_field(out, f[k], delim))
            return false;
    return buf_puts(out, "\r\n");
}

static bool
row(struct buf *out, const struct batch_file_meta *m,
    const struct batch_file_line *l)
{
    char no[24], amount[48];
    const char *f[NCOLUMNS];

    snprintf(no, sizeof(no), "%d", l->line_no);
    batch_amount_text(l->amount_cents, m->decimal_mark, '\0', amount,
                      sizeof(amount));
    f[0] = m->number;
    f[1] = no;
    f[2] = l->reference;
    f[3] = l->award_date;
    f[4] = l->payee_name;
    f[5] = l->channel == BATCH_BANK ? l->iban : "";
    f[6] = amount;
    f[7] = l->description;
    f[8] = m->kostenplaats;
    f[9] = m->grootboekrekening;
    f[10] = l->wijk_name && *l->wijk_name ? l->wijk_name : l->wijk_code;
    f[11] = l->street;
    f[12] = l->channel == BATCH_BANK ? "bank" : "prepaidkaart";
    return record(out, f, m->delimiter);
}

/* Is the pair of delimiter and decimal mark usable? */
static bool
format_ok(const struct batch_file_meta *m, char *err, size_t errlen)
{
    char d = m->delimiter;

    if (m->decimal_mark != ',' && m->decimal_mark != '.') {
        snprintf(err, errlen,
                 "het decimaalteken moet een komma of een punt zijn");
        return false;
    }
    if (d == '\0' || d == '"' || d == '\r' || d == '\n') {
        snprintf(err, errlen,
                 "het scheidingsteken mag geen aanhalingsteken of regeleinde "
                 "zijn");
        return false;
    }
    if (d == m->decimal_mark) {
        snprintf(err, errlen,
                 "het scheidingsteken en het decimaalteken zijn allebei "
                 "'%c': kies verschillende tekens",
                 d);
        return false;
    }
    if ((unsigned char)d >= 0x80 || (d >= '0' && d <= '9') ||
        (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || d == '-') {
        snprintf(err, errlen,
                 "het scheidingsteken moet een leesteken zijn, zoals ; of ,");
        return false;
    }
    return true;
}

bool
batch_csv(const struct batch_file_meta *m, const struct batch_file_line *lines,
          size_t n, unsigned char **out, size_t *len, char *err, size_t errlen)
{
    struct batch_totals t;
    struct buf b;
    size_t i;
    char *data;

    *out = NULL;
    *len = 0;
    if (!batch_files_check(m, lines, n, &t, err, errlen) ||
        !format_ok(m, err, errlen))
        return false;
    buf_init(&b, 0);
    if (!record(&b, columns, m->delimiter))
        goto nomem;
    for (i = 0; i < n; i++)
        if (!row(&b, m, &lines[i]))
            goto nomem;
    data = buf_steal(&b, len);
    if (data == NULL)
        goto nomem;
    *out = (unsigned char *)data;
    return true;
nomem:
    buf_free(&b);
    *len = 0;
    snprintf(err, errlen, "onvoldoende geheugen voor het CSV-bestand");
    return false;
}
