/* file_read.h - read a whole file into memory, up to a ceiling.
 *
 * For the command line importers: a file larger than the ceiling is
 * refused before it is all read, so a wrong path (a disk image, /dev/zero)
 * cannot make the program allocate without bound.
 */
#ifndef LIEFLEED_FILE_READ_H
#define LIEFLEED_FILE_READ_H

#include <stddef.h>

/* Read path (or standard input when path is "-") completely. On success
 * returns the contents, NUL-terminated (the terminator is not counted in
 * *len), which the caller must free(). On failure returns NULL and writes
 * one line in Dutch with English in parentheses to err: cannot open, read
 * error, or larger than max bytes. */
char *file_read(const char *path, size_t max, size_t *len, char *err,
                size_t errlen);

#endif
