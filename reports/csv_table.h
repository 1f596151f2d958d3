/* csv_table.h - read a `;`-separated table with a header row (libcsv).
 *
 * The city's reference files and the street lists a beheerder imports all
 * look alike: UTF-8 (a leading byte order mark is skipped), `;` between
 * fields, CRLF or LF line ends, RFC 4180 quoting, and a first row that
 * names the columns. This reader finds the columns a caller asks for by
 * name, in any order, and hands each data record to the caller.
 *
 * It tells two kinds of trouble apart:
 *
 *  - A malformed file: larger than CSV_TABLE_MAX_BYTES, empty, not UTF-8,
 *    broken quoting, a header without a column the caller needs, or more
 *    than CSV_TABLE_MAX_REJECTS bad records. That is
 *    fatal: csv_table_read() returns false and describes the first problem
 *    in a struct csv_error. Nothing of such a file may be used.
 *  - A bad record: a record whose number of fields differs from the header
 *    is rejected here; the caller rejects records whose values it refuses.
 *    Each rejection carries its line number and a reason in Dutch, and the
 *    rest of the file stands.
 *
 * Pure code: no I/O, no database. Line numbers are physical lines counted
 * from 1 (the header is line 1 unless blank lines precede it); a record
 * whose quoted field spans lines is numbered by the line it starts on.
 */
#ifndef LIEFLEED_CSV_TABLE_H
#define LIEFLEED_CSV_TABLE_H

#include <stdbool.h>
#include <stddef.h>

/* The largest file any reader accepts, in bytes (BOM included). */
#define CSV_TABLE_MAX_BYTES ((size_t)16 * 1024 * 1024)
/* More rejected records than this make the whole file malformed: it is
 * not the file the user meant, and the list of reasons must stay small. */
#define CSV_TABLE_MAX_REJECTS 10000
/* The most columns a caller may ask for. */
#define CSV_TABLE_MAX_COLUMNS 8

/* Why a whole file was refused. */
enum csv_fatal {
    CSV_FATAL_NONE = 0,
    CSV_FATAL_TOO_LARGE, /* more than CSV_TABLE_MAX_BYTES */
    CSV_FATAL_EMPTY,     /* no header row */
    CSV_FATAL_NOT_UTF8,  /* a line that is not valid UTF-8 */
    CSV_FATAL_SYNTAX,    /* misplaced or unterminated quote */
    CSV_FATAL_HEADER,    /* a needed column missing, or named twice */
    CSV_FATAL_REJECTS,   /* more than CSV_TABLE_MAX_REJECTS bad records */
    CSV_FATAL_NO_MEMORY,
};

struct csv_error {
    enum csv_fatal kind;
    unsigned line;     /* the line at fault; 0 when not about one line */
    char message[256]; /* Dutch, English in parentheses; includes line */
};

/* One rejected record. */
struct csv_reject {
    unsigned line;
    char reason[160]; /* Dutch, without the line number */
};

/* A growing list of rejected records; start it zeroed ({0}). */
struct csv_rejects {
    struct csv_reject *item; /* owned */
    size_t count;
    size_t cap;
};

/* Append a rejection with a printf-style reason (truncated to fit).
 * Returns false when out of memory; the list is unchanged then. */
bool csv_rejects_add(struct csv_rejects *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Free the items; the list is empty and reusable afterwards. */
void csv_rejects_free(struct csv_rejects *r);

/* Make room for at least need elements of size bytes in the array *items
 * of capacity *cap, growing it geometrically. Returns false (leaving the
 * array alone) on overflow or out of memory. Shared by the list readers. */
bool csv_array_grow(void **items, size_t *cap, size_t need, size_t size);

/* One data record, as handed to a csv_record_fn. field[k] is the value of
 * the k-th requested column, NUL-terminated, with its length in len[k]; an
 * empty field is "" (never NULL). Fields may hold any bytes except invalid
 * UTF-8, including NUL and line breaks from quoted fields: check them.
 * Unquoted fields have their leading and trailing blanks removed by libcsv;
 * quoted ones keep them. Everything is borrowed: valid during the call. */
struct csv_record {
    unsigned line;
    const char *field[CSV_TABLE_MAX_COLUMNS];
    size_t len[CSV_TABLE_MAX_COLUMNS];
};

/* Called for every data record whose field count matches the header.
 * Return false only when out of memory: reading stops and the file counts
 * as failed (CSV_FATAL_NO_MEMORY). */
typedef bool (*csv_record_fn)(void *cls, const struct csv_record *rec);

/* What to read. columns[k] names the k-th wanted column; several accepted
 * spellings are separated by '|' ("buurtnaam|buurtnaam_afgekapt_20").
 * Header names compare without regard to ASCII case or surrounding blanks.
 * Columns that are not asked for are skipped. */
struct csv_table_spec {
    const char *const *columns;
    size_t ncolumns; /* 1 .. CSV_TABLE_MAX_COLUMNS */
    csv_record_fn on_record;
    void *cls;
};

/* Read data[0..len). Calls spec->on_record for each good record, in file
 * order, and adds records with the wrong number of fields to *rejects
 * (which should start empty: its size counts toward the limit).
 * Returns true when the file was read to the end; false when it is
 * malformed, with *err filled (the callback may have seen some records by
 * then: the caller discards its results). *err is always initialised. */
bool csv_table_read(const char *data, size_t len,
                    const struct csv_table_spec *spec,
                    struct csv_rejects *rejects, struct csv_error *err);

#endif
