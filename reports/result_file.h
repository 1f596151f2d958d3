/* result_file.h - read finance's result file: what the bank did with each
 * payout of a batch.
 *
 * The format (SPEC section 5, issue 5):
 *
 *   referentie;status;datum;bedrag;reden
 *   LL-2026-00001-U1;betaald;17-11-2026;150,00;
 *   LL-2026-00002-U1;geweigerd;17-11-2026;150,00;rekening opgeheven
 *
 *  - UTF-8, with or without a byte order mark. A line that is not valid
 *    UTF-8 (a file saved as Latin-1) is a problem on that line.
 *  - The delimiter is ';' or ',', taken from the first line: the one that
 *    occurs more often there outside quotes (';' on a tie). Any other
 *    (a tab, '|') is refused with a message naming both.
 *  - The header row is optional. The first row is a header when its first
 *    cell is a known column name (referentie, reference, kenmerk) or does
 *    not look like a payout reference at all. With a header the columns
 *    are found by name in any order (referentie, status, datum, bedrag,
 *    and optionally reden; other columns are ignored); without one they
 *    are in that order, the reason optional.
 *  - status: betaald or geweigerd (any ASCII case).
 *  - datum: dd-mm-yyyy or yyyy-mm-dd, a date that exists.
 *  - bedrag: euros, the decimal mark given by the caller (the setting
 *    csv_decimal_mark, ',' by default), and exactly two decimals: 150,00.
 *    "150.00" where a comma is expected is refused with a message naming
 *    the expected mark, never read as 15000 or 150. So is "150" (the
 *    cents would be a guess) and a thousands separator ("1.500,00").
 *  - reden: optional, at most 500 characters, no line breaks.
 *  - A reference named twice is a problem on the second line.
 *  - At most RESULT_FILE_MAX_ROWS rows; RFC 4180 quoting; a misplaced or
 *    unterminated quote stops the reading with the line where it is.
 *
 * Every problem is listed with its line number (the header is line 1),
 * not only the first, up to RESULT_FILE_MAX_PROBLEMS; beyond that they are
 * still counted. A row with a problem is not in the list of rows.
 *
 * Pure code: no I/O, no database.
 */
#ifndef LIEFLEED_RESULT_FILE_H
#define LIEFLEED_RESULT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#define RESULT_FILE_MAX_ROWS 200000
#define RESULT_FILE_MAX_PROBLEMS 1000
#define RESULT_REF_MAX 35
#define RESULT_REASON_MAX 500

enum result_status { RESULT_BETAALD = 1, RESULT_GEWEIGERD = 2 };

struct result_row {
    unsigned line; /* where the row starts in the file */
    char reference[RESULT_REF_MAX + 1];
    enum result_status status;
    char date[11]; /* ISO yyyy-mm-dd */
    long long amount_cents;
    char *reason; /* owned; NULL when none was given */
};

struct result_problem {
    unsigned line; /* 0: about the whole file */
    char message[256];
};

struct result_file {
    struct result_row *row; /* good rows, in file order */
    size_t count;
    size_t cap;
    struct result_problem *problem; /* the first RESULT_FILE_MAX_PROBLEMS */
    size_t nproblems;
    size_t problems_cap;
    size_t problems_total; /* all problems, also those not listed */
    size_t records;        /* data rows read (good or not) */
    char delimiter;        /* ';' or ',' (0 when none was found) */
    bool header;           /* the first row was a header */
    bool no_memory;        /* out of memory: the result is incomplete */
};

/* Read data[0..len) into *out (initialised here). decimal_mark is ',' or
 * '.'. Returns true when the file has at least one row and no problem at
 * all. Call result_file_free() in every case. */
bool result_file_parse(const char *data, size_t len, char decimal_mark,
                       struct result_file *out);

/* Add a problem (printf-style message, truncated to fit); counted always,
 * listed while there is room. For the database checks that follow. */
void result_file_problem(struct result_file *f, unsigned line, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));

/* Order the listed problems by line (stable: same-line problems keep
 * their order). */
void result_file_sort_problems(struct result_file *f);

/* Copy a short, printable excerpt of s[0..n) into out for a message: at
 * most 40 bytes cut at a character boundary, control characters as '?',
 * "..." when cut. s must be valid UTF-8. */
void result_file_excerpt(const char *s, size_t n, char *out, size_t outlen);

void result_file_free(struct result_file *f);

#endif
