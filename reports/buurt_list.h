/* buurt_list.h - read the city's list of buurten (utrecht_buurten_2013.csv).
 *
 * UTF-8 (optional BOM), `;`-separated, CRLF or LF, a header row with the
 * columns buurtcode, wijkcode and buurtnaam (the city's file calls it
 * buurtnaam_afgekapt_20: names cut at 20 characters; both are accepted).
 * A row is accepted when its wijkcode is 01..10, its buurtcode four digits
 * starting with the wijkcode, and its name (spaces around it dropped)
 * 1..100 characters of UTF-8 without control characters; a buurtcode that
 * an earlier row already had is rejected as a duplicate.
 *
 * Pure code: no I/O, no database. Malformed files: see csv_table.h.
 */
#ifndef LIEFLEED_BUURT_LIST_H
#define LIEFLEED_BUURT_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "csv_table.h"

struct buurt_row {
    unsigned line;
    char code[5]; /* four digits */
    char wijk[3]; /* the first two digits of code */
    char *name;   /* owned by the list; trimmed */
};

struct buurt_list {
    struct buurt_row *row; /* accepted rows, in file order */
    size_t count;
    size_t cap;
    struct csv_rejects rejects;
};

/* Parse data[0..len) into *out, which the function initialises. Returns
 * true for a readable file (rows and rejects in *out), false for a
 * malformed one (*err says why, *out empty). Either way the caller calls
 * buurt_list_free(out). */
bool buurt_list_parse(const char *data, size_t len, struct buurt_list *out,
                      struct csv_error *err);

void buurt_list_free(struct buurt_list *l);

#endif
