/* batch_files.h - the three files of a payout batch (SPEC section 5), made
 * once when the batch is created and stored with their SHA-256:
 *
 *   batch_csv()            the CSV finance imports (libcsv; delimiter and
 *                          decimal mark from settings; UTF-8 without BOM,
 *                          CRLF, header, RFC 4180 quoting, dd-mm-yyyy)
 *   batch_sepa()           SEPA credit transfer pain.001.001.03 of the
 *                          bank lines (prepaid cards are left out)
 *   batch_statement_pdf()  the statement: control totals, per-wijk
 *                          subtotals, SHA-256 of the CSV, the lines with
 *                          the IBAN masked, cards listed apart, signatures
 *
 * Pure functions from plain structs to bytes: no MHD, no libpq. The same
 * input always gives the same bytes (no clock, no randomness inside), so a
 * file can be made again and compared. Strings are UTF-8, borrowed for the
 * call. On success *out is malloc()ed for the caller to free; on failure
 * *out is NULL, *len 0, and err holds a Dutch message.
 */
#ifndef LIEFLEED_BATCH_FILES_H
#define LIEFLEED_BATCH_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "pdf_doc.h"

enum batch_channel { BATCH_BANK = 0, BATCH_PREPAID_CARD };

/* One payout of the batch. */
struct batch_file_line {
    int line_no;             /* 1.. in the batch */
    const char *reference;   /* payout reference, e.g. "LL-2026-00042-U1":
                                the CSV key and the SEPA EndToEndId */
    const char *award_date;  /* "27-11-2026" */
    const char *payee_name;  /* account holder (bank) or gangmaker (card) */
    const char *iban;        /* full IBAN, no spaces (bank); NULL for card */
    long long amount_cents;  /* > 0 */
    const char *description; /* remittance text, e.g. "Lief en Leed potje
                                LL-2026-00042 Verdilaan"; cut to 140
                                characters in SEPA with the reference kept */
    const char *wijk_code;   /* "03" */
    const char *wijk_name;   /* "Overvecht" */
    const char *street;      /* "Verdilaan" */
    enum batch_channel channel;
};

/* The batch as a whole and the settings its files need. */
struct batch_file_meta {
    const char *number;          /* "2026-0007": CSV column and file names */
    const char *msg_id;          /* SEPA MsgId, unique per batch, <= 35 */
    const char *created_at_iso;  /* "2026-11-27T23:50:00" (SEPA CreDtTm) */
    const char *created_at_text; /* "27-11-2026 23:50" (statement) */
    const char *created_by;      /* the financien user's name */
    const char *execution_date;  /* "2026-11-30" (SEPA ReqdExctnDt) */
    const char *debtor_name;     /* setting debtor_name */
    const char *debtor_iban;     /* setting debtor_iban (required for SEPA) */
    const char *debtor_bic;      /* setting debtor_bic; NULL/"": NOTPROVIDED */
    const char *kostenplaats;    /* setting; may be "" */
    const char *grootboekrekening; /* setting; may be "" */
    char delimiter;                /* ';' (setting csv_delimiter) */
    char decimal_mark;             /* ',' (setting csv_decimal_mark) */
};

/* The CSV: a header and one row per line (bank and card), columns as
 * documented in README.md ("Payout batch CSV"). */
bool batch_csv(const struct batch_file_meta *m,
               const struct batch_file_line *lines, size_t n,
               unsigned char **out, size_t *len, char *err, size_t errlen);

/* The pain.001.001.03 XML of the bank lines: one PmtInf, SvcLvl SEPA,
 * ChrgBr SLEV, NbOfTxs and CtrlSum of the bank lines only, names and
 * texts transliterated to the SEPA Latin set (é -> e, ß -> ss; what has
 * no equivalent becomes '.'), XML-escaped, cut to the schema's lengths.
 * Fails when there is no bank line or the debtor IBAN is missing. */
bool batch_sepa(const struct batch_file_meta *m,
                const struct batch_file_line *lines, size_t n,
                unsigned char **out, size_t *len, char *err, size_t errlen);

/* The statement PDF (pdf_doc.h layout): batch number, created at and by,
 * count and sum, per-wijk subtotals, csv_sha256_hex (64 hex digits), the
 * bank lines with the IBAN masked, the prepaid cards to order as a list
 * of their own, and a signature block. opt gives fonts and letterhead. */
bool batch_statement_pdf(const struct batch_file_meta *m,
                         const struct batch_file_line *lines, size_t n,
                         const char *csv_sha256_hex,
                         const struct pdf_doc_options *opt, unsigned char **out,
                         size_t *len, char *err, size_t errlen);

/* ---- shared by the three writers (and handy to callers) ----
 *
 * Added below the fixed interface above; nothing above changed. */

/* The most lines a batch file takes (the statement PDF would pass
 * PDF_DOC_MAX_PAGES long before a larger batch). */
#define BATCH_FILES_MAX_LINES 100000

/* cents >= 0 as "150,00" with the decimal mark mark (',' or '.'), no
 * thousands separator, into out[0..outlen). thousands: '\0' for none, or
 * the character between groups of three digits ("1.234,56"). */
void batch_amount_text(long long cents, char mark, char thousands, char *out,
                       size_t outlen);

/* The largest amount of one line in cents: 100,000 lines of it still sum
 * to fewer than the 18 digits of a SEPA CtrlSum, with no overflow. */
#define BATCH_FILES_MAX_CENTS 1000000000000LL

/* Check what every file needs: a batch number, 1..BATCH_FILES_MAX_LINES
 * lines with ascending line numbers > 0, each with a reference, an award
 * date dd-mm-yyyy, a payee name, an amount 1..BATCH_FILES_MAX_CENTS, a
 * known channel and, for a bank line, an IBAN; every text valid UTF-8.
 * Fills *t with the totals of the bank lines, the card lines and all.
 * Returns false with a Dutch message naming the line otherwise. */
struct batch_totals {
    size_t bank_count, card_count;
    long long bank_cents, card_cents, total_cents;
};
bool batch_files_check(const struct batch_file_meta *m,
                       const struct batch_file_line *lines, size_t n,
                       struct batch_totals *t, char *err, size_t errlen);

#endif
