/* csv_field.h - one field of every CSV we hand out (batch, audit log,
 * monitoring): RFC 4180 quoting by libcsv's csv_write() when the field
 * holds the delimiter, '"', CR or LF or starts or ends with a space, and a
 * leading apostrophe for a field a spreadsheet would run as a formula
 * (starting with = + - @, TAB or CR). Pure. */
#ifndef LIEFLEED_CSV_FIELD_H
#define LIEFLEED_CSV_FIELD_H

#include <stdbool.h>

#include "buf.h"

/* Append s (NULL: empty) to out as one field for delimiter delim.
 * Returns false when out of memory. */
bool csv_field(struct buf *out, const char *s, char delim);

#endif
