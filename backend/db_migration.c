#include "db_migration.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

/* Any constant will do; it only has to be the same in every process. */
#define MIGRATION_LOCK "7423901"

static struct db_stmt stmt_db_migration_create =
    DB_STMT("db_migration_create",
            "CREATE TABLE IF NOT EXISTS schema_migration ("
            " version integer PRIMARY KEY CHECK (version > 0),"
            " name text NOT NULL,"
            " sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
            " applied_at timestamptz NOT NULL DEFAULT now())",
            0);
static struct db_stmt stmt_db_migration_lock = DB_STMT(
    "db_migration_lock", "SELECT pg_advisory_lock(" MIGRATION_LOCK ")", 0);
static struct db_stmt stmt_db_migration_unlock = DB_STMT(
    "db_migration_unlock", "SELECT pg_advisory_unlock(" MIGRATION_LOCK ")", 0);

int
db_migration_prepare(struct db_conn *c)
{
    int r = db_query(c, &stmt_db_migration_lock, NULL, NULL);

    if (r < 0)
        return r;
    /* CREATE IF NOT EXISTS can still race on the catalog; the lock above
     * makes it safe. */
    return db_query(c, &stmt_db_migration_create, NULL, NULL);
}

void
db_migration_unlock(struct db_conn *c)
{
    (void)db_query(c, &stmt_db_migration_unlock, NULL, NULL);
}

static struct db_stmt stmt_db_migration_table_exists =
    DB_STMT("db_migration_table_exists",
            "SELECT to_regclass('schema_migration') IS NOT NULL", 0);

int
db_migration_table_exists(struct db_conn *c)
{
    PGresult *res;
    int r = db_query(c, &stmt_db_migration_table_exists, NULL, &res);

    if (r < 0)
        return r;
    r = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_migration_list =
    DB_STMT("db_migration_list",
            "SELECT version, name, sha256 FROM schema_migration "
            "ORDER BY version",
            0);

int
db_migration_list(struct db_conn *c, struct applied_migration **out)
{
    PGresult *res;
    int n = db_query(c, &stmt_db_migration_list, NULL, &res), i;

    *out = NULL;
    if (n < 0)
        return n;
    *out = calloc(n > 0 ? (size_t)n : 1, sizeof(**out));
    if (*out == NULL) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (i = 0; i < n; i++) {
        (*out)[i].version = (int)strtol(PQgetvalue(res, i, 0), NULL, 10);
        snprintf((*out)[i].name, sizeof((*out)[i].name), "%s",
                 PQgetvalue(res, i, 1));
        snprintf((*out)[i].sha256, sizeof((*out)[i].sha256), "%s",
                 PQgetvalue(res, i, 2));
    }
    PQclear(res);
    return n;
}

static struct db_stmt stmt_db_migration_is_applied =
    DB_STMT("db_migration_is_applied",
            "SELECT 1 FROM schema_migration WHERE version = $1::integer", 1);

int
db_migration_is_applied(struct db_conn *c, int version)
{
    char v[16];
    const char *params[1] = {v};

    snprintf(v, sizeof(v), "%d", version);
    return db_query(c, &stmt_db_migration_is_applied, params, NULL);
}

static struct db_stmt stmt_db_migration_record =
    DB_STMT("db_migration_record",
            "INSERT INTO schema_migration (version, name, sha256) VALUES "
            "($1::integer, $2, $3)",
            3);

enum db_status
db_migration_record(struct db_conn *c, int version, const char *name,
                    const char *sha256)
{
    char v[16];
    const char *params[3] = {v, name, sha256};
    int r;

    snprintf(v, sizeof(v), "%d", version);
    r = db_query(c, &stmt_db_migration_record, params, NULL);
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

enum db_status
db_exec_sql_text(struct db_conn *c, const char *sql)
{
    return db_exec_script(c, sql);
}
