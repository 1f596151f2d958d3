/* db_util.h - small conversions shared by the db_*.c files. */
#ifndef LIEFLEED_DB_UTIL_H
#define LIEFLEED_DB_UTIL_H

#include <stddef.h>

/* Binary to PostgreSQL's bytea text input ("\x0a1b..."), NUL-terminated.
 * out must hold 2 + 2 * n + 1 bytes. */
void db_bytea_hex(const unsigned char *in, size_t n, char *out);

/* A decimal string to long long; 0 on anything else. */
long long db_ll(const char *s);

#endif
