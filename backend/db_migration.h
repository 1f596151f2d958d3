/* db_migration.h - the schema_migration table, one function per statement. */
#ifndef LIEFLEED_DB_MIGRATION_H
#define LIEFLEED_DB_MIGRATION_H

#include "db.h"

struct applied_migration {
    int version;
    char name[128];
    char sha256[65];
};

/* Create schema_migration when missing and take the migration advisory
 * lock (waits for another migrating process). Returns >= 0 or an error. */
int db_migration_prepare(struct db_conn *c);

/* Release the advisory lock. */
void db_migration_unlock(struct db_conn *c);

/* 1 when schema_migration exists, 0 when not, negative on error. */
int db_migration_table_exists(struct db_conn *c);

/* The applied migrations in *out (malloc()ed array; caller frees).
 * Returns the count or a negative db_status (then *out is NULL). */
int db_migration_list(struct db_conn *c, struct applied_migration **out);

/* 1 when version is applied, 0 when not, negative on error. */
int db_migration_is_applied(struct db_conn *c, int version);

/* Record version as applied (inside the migration's transaction). */
enum db_status db_migration_record(struct db_conn *c, int version,
                                   const char *name, const char *sha256);

/* Run the trusted text of a migration file (no parameters). */
enum db_status db_exec_sql_text(struct db_conn *c, const char *sql);

#endif
