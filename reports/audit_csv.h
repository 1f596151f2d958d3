/* audit_csv.h - the audit log as CSV for the beheerder's download.
 *
 * The conventions of every CSV we hand out (SPEC section 5): UTF-8
 * without a byte order mark, ';' between fields, CRLF after every record
 * including the last, a header row, RFC 4180 quoting (by libcsv) for a
 * field holding ';', '"', CR or LF or starting or ending with a space,
 * and dates as dd-mm-yyyy HH:MM. A field that a spreadsheet would run as
 * a formula (starting with = + - @, TAB or CR) gets a leading apostrophe.
 *
 * Pure code: no I/O, no database.
 */
#ifndef LIEFLEED_AUDIT_CSV_H
#define LIEFLEED_AUDIT_CSV_H

#include <stdbool.h>

#include "buf.h"

/* The header record, exactly. */
#define AUDIT_CSV_HEADER                                                       \
    "id;tijdstip;wie;medewerker_id;actie;objecttype;object_id;details\r\n"

/* One event; strings are borrowed and never NULL. */
struct audit_csv_row {
    long long id;
    const char *at;          /* "dd-mm-yyyy HH:MM" */
    const char *who;         /* staff name, or bewoner/systeem/anoniem */
    long long actor_id;      /* 0: none (written as an empty field) */
    const char *action;      /* "application.award" */
    const char *object_type; /* "application" */
    const char *object_id;   /* "" when none */
    const char *details;     /* JSON text */
};

/* Append the header record. Returns false when out is full. */
bool audit_csv_header(struct buf *out);

/* Append one record. Returns false when out is full. */
bool audit_csv_row(struct buf *out, const struct audit_csv_row *row);

/* Append one field (no delimiter), quoted and guarded as described. */
bool audit_csv_field(struct buf *out, const char *s);

#endif
