/* db_idempotency.h - the one-time keys of submitted forms. */
#ifndef LIEFLEED_DB_IDEMPOTENCY_H
#define LIEFLEED_DB_IDEMPOTENCY_H

#include <stddef.h>

#include "db.h"

/* The stored result of key for purpose into out (NUL-terminated).
 * 1 found, 0 not, <0 error. */
int db_idempotency_get(struct db_conn *c, const char *key, const char *purpose,
                       char *out, size_t outlen);

/* Record key with its result (in the transaction that did the work).
 * DB_CONFLICT when another request recorded it first. */
enum db_status db_idempotency_put(struct db_conn *c, const char *key,
                                  const char *purpose, const char *result);

#endif
