/* migrations.h - the numbered SQL files in sql/ and their state in the
 * database.
 *
 * A migration is sql/NNN_name.sql. Each is applied once, in one
 * transaction, and recorded with the SHA-256 of its text in
 * schema_migration. A file edited after it was applied is refused: the
 * database would no longer match what the file says.
 */
#ifndef LIEFLEED_MIGRATIONS_H
#define LIEFLEED_MIGRATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "db.h"

struct migration {
    int version;
    char name[256];  /* file name */
    char sha256[65]; /* hex */
    char *sql;       /* owned */
};

struct migration_set {
    struct migration *items; /* owned, sorted by version */
    size_t count;
};

/* Read every NNN_*.sql in dir. False with err filled on a read error, a
 * duplicate number or a badly named file. */
bool migrations_read(const char *dir, struct migration_set *out, char *err,
                     size_t errlen);
void migrations_free(struct migration_set *set);

/* Apply what is not yet applied, after checking that every applied one is
 * unchanged. Holds an advisory lock so two servers cannot migrate at once.
 * Prints one line per applied file to out. Returns false with err set. */
bool migrations_apply(struct db_conn *c, const struct migration_set *set,
                      FILE *out, char *err, size_t errlen);

/* True when every file is applied and unchanged; otherwise false with the
 * reason in err (for `serve`, which will not run on a stale schema). */
bool migrations_current(struct db_conn *c, const struct migration_set *set,
                        char *err, size_t errlen);

#endif
