/* street_list.h - read a street list: which streets lie in which buurt.
 *
 * The format is that of the city's utrecht_straten_partieel_2013.csv:
 * UTF-8 (optional BOM), `;`-separated, CRLF or LF, a header row with at
 * least the columns buurtcode, wijkcode and straatnaam (others, such as
 * wijknaam, are ignored), then one row per street and buurt. A street that
 * runs through several buurten has several rows.
 *
 * A row is accepted when its wijkcode is 01..10, its buurtcode is four
 * digits starting with the wijkcode, and its straatnaam (spaces around it
 * dropped) is 1..200 characters of UTF-8 without control characters.
 * A row naming the same street (ignoring ASCII case) and buurt as an
 * earlier row is rejected as a duplicate. Whether the buurt exists is for
 * the database to say (see street_import.h).
 *
 * Pure code: no I/O, no database.
 */
#ifndef LIEFLEED_STREET_LIST_H
#define LIEFLEED_STREET_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "csv_table.h"

struct street_row {
    unsigned line; /* where the row starts in the file */
    char buurt[5]; /* four digits */
    char wijk[3];  /* two digits, the first two of buurt */
    char *name;    /* owned by the list; trimmed, NUL-terminated */
};

struct street_list {
    struct street_row *row; /* accepted rows, in file order */
    size_t count;
    size_t cap;
    struct csv_rejects rejects; /* refused rows, in file order */
};

/* Parse data[0..len) into *out, which the function initialises.
 * Returns true when the file is a readable street list: *out then holds
 * the accepted rows and the rejected ones (either may be empty). Returns
 * false when the file is malformed (see csv_table.h): *err says why and
 * *out is empty. In both cases the caller calls street_list_free(out). */
bool street_list_parse(const char *data, size_t len, struct street_list *out,
                       struct csv_error *err);

/* Free the rows, their names and the rejects; *l is empty afterwards. */
void street_list_free(struct street_list *l);

#endif
