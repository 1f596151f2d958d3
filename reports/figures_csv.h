/* figures_csv.h - the city's figures (SPEC section 7) as the open-data
 * CSV of /cijfers.csv.
 *
 * The conventions of every CSV we hand out: UTF-8 without a byte order
 * mark, ';' between fields, CRLF after every record including the last, a
 * header row, quoting by csv_field(). Numbers with a decimal comma and no
 * thousands separator ("1234,50"), so a spreadsheet reads them as
 * numbers; a figure with nothing to measure is an empty field.
 *
 * Pure code: no I/O, no database. Aggregates only by construction: the
 * row has no field that could hold a name, street or reference.
 */
#ifndef LIEFLEED_FIGURES_CSV_H
#define LIEFLEED_FIGURES_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define FIGURES_CSV_HEADER                                                     \
    "jaar;wijkcode;wijk;aanvragen;toekenningen;afwijzingen;"                   \
    "potjes_uitbetaald;euro_uitbetaald;lief_en_leedstraten;"                   \
    "nieuwe_lief_en_leedstraten;actieve_gangmakers;vervolg_percentage;"        \
    "mediaan_dagen_tot_besluit;mediaan_dagen_tot_betaling\r\n"

/* One year and wijk (or the city: code "00", name "Utrecht"). Strings
 * are borrowed. The fields marked "-1: empty" are written as an empty
 * field when negative. */
struct figures_csv_row {
    int year;
    const char *wijk_code;
    const char *wijk_name;
    long long applications;
    long long awards;
    long long rejections;
    long long potjes_paid;
    long long cents_paid;
    long long streets;
    long long streets_new;
    long long gangmakers;
    long long follow_up_pm;      /* per mille; -1: empty; "33,3" */
    long long days_decision_x10; /* tenths of a day; -1: empty; "12,5" */
    long long days_payment_x10;  /* tenths of a day; -1: empty */
};

/* Append the header record. Returns false when out is full. */
bool figures_csv_header(struct buf *out);

/* Append one record. Returns false when out is full. */
bool figures_csv_row(struct buf *out, const struct figures_csv_row *row);

/* Tenths as "12,5" ("0,0"; negative: ""), into out (at least 24 bytes). */
void figures_tenths(long long tenths, char *out, size_t outlen);

/* Cents as "1234,50" with no thousands separator ("-": negative sign). */
void figures_cents(long long cents, char *out, size_t outlen);

#endif
