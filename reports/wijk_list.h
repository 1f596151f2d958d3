/* wijk_list.h - read the city's list of wijken (utrecht_wijken_2013.csv).
 *
 * UTF-8 (optional BOM), `;`-separated, CRLF or LF, a header row with the
 * columns wijkcode and wijknaam. A row is accepted when its code is 01..10
 * and its name (spaces around it dropped) is 1..100 characters of UTF-8
 * without control characters; a code or a name (ignoring ASCII case) that
 * an earlier row already had is rejected as a duplicate.
 *
 * Pure code: no I/O, no database. Malformed files: see csv_table.h.
 */
#ifndef LIEFLEED_WIJK_LIST_H
#define LIEFLEED_WIJK_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "csv_table.h"

struct wijk_row {
    unsigned line;
    char code[3]; /* "01" .. "10" */
    char *name;   /* owned by the list; trimmed */
};

struct wijk_list {
    struct wijk_row *row; /* accepted rows, in file order */
    size_t count;
    size_t cap;
    struct csv_rejects rejects;
};

/* Parse data[0..len) into *out, which the function initialises. Returns
 * true for a readable file (rows and rejects in *out), false for a
 * malformed one (*err says why, *out empty). Either way the caller calls
 * wijk_list_free(out). */
bool wijk_list_parse(const char *data, size_t len, struct wijk_list *out,
                     struct csv_error *err);

void wijk_list_free(struct wijk_list *l);

#endif
