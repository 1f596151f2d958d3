#include "db_reference.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

/* Parse a bigint column; false when it is not one (a bug in a statement). */
static bool
get_int(PGresult *res, int row, int col, long long *out)
{
    const char *s = PQgetvalue(res, row, col);
    char *end;

    errno = 0;
    *out = strtoll(s, &end, 10);
    return errno == 0 && end != s && *end == '\0';
}

static struct db_stmt stmt_wijk_insert =
    DB_STMT("wijk_insert",
            "INSERT INTO wijk (code, name) VALUES ($1, $2)"
            " ON CONFLICT (code) DO NOTHING",
            2);

int
db_wijk_insert(struct db_conn *c, const char *code, const char *name)
{
    const char *params[] = {code, name};

    return db_query(c, &stmt_wijk_insert, params, NULL);
}

static struct db_stmt stmt_buurt_insert =
    DB_STMT("buurt_insert",
            "INSERT INTO buurt (code, wijk_code, name) VALUES ($1, $2, $3)"
            " ON CONFLICT (code) DO NOTHING",
            3);

int
db_buurt_insert(struct db_conn *c, const char *code, const char *wijk_code,
                const char *name)
{
    const char *params[] = {code, wijk_code, name};

    return db_query(c, &stmt_buurt_insert, params, NULL);
}

static struct db_stmt stmt_buurt_exists =
    DB_STMT("buurt_exists", "SELECT 1 FROM buurt WHERE code = $1", 1);

int
db_buurt_exists(struct db_conn *c, const char *code)
{
    const char *params[] = {code};

    return db_query(c, &stmt_buurt_exists, params, NULL);
}

/* The insert and the look-up share one snapshot: when the insert adds the
 * street the look-up cannot see it, so exactly one branch gives a row. A
 * conflicting insert by a concurrent transaction is a serialization
 * failure under SERIALIZABLE, which db_transaction() retries. */
static struct db_stmt stmt_street_ensure =
    DB_STMT("street_ensure",
            "WITH ins AS (INSERT INTO street (name) VALUES ($1)"
            "  ON CONFLICT ((lower(name))) DO NOTHING RETURNING id)"
            " SELECT id, true FROM ins"
            " UNION ALL"
            " SELECT id, false FROM street WHERE lower(name) = lower($1)"
            " LIMIT 1",
            1);

int
db_street_ensure(struct db_conn *c, const char *name, long long *id,
                 bool *created)
{
    const char *params[] = {name};
    PGresult *res = NULL;
    int r = db_query(c, &stmt_street_ensure, params, &res);

    if (r == 1) {
        *created = PQgetvalue(res, 0, 1)[0] == 't';
        if (!get_int(res, 0, 0, id))
            r = DB_HARD_ERROR;
    } else if (r == 0) {
        r = DB_HARD_ERROR; /* cannot happen: one branch always answers */
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_street_buurt_insert =
    DB_STMT("street_buurt_insert",
            "INSERT INTO street_buurt (street_id, buurt_code)"
            " VALUES ($1, $2) ON CONFLICT DO NOTHING",
            2);

int
db_street_buurt_insert(struct db_conn *c, long long street_id,
                       const char *buurt_code)
{
    char id[24];
    const char *params[] = {id, buurt_code};

    snprintf(id, sizeof(id), "%lld", street_id);
    return db_query(c, &stmt_street_buurt_insert, params, NULL);
}

static struct db_stmt stmt_reference_count =
    DB_STMT("reference_count",
            "SELECT (SELECT count(*) FROM wijk),"
            " (SELECT count(*) FROM buurt),"
            " (SELECT count(*) FROM street),"
            " (SELECT count(*) FROM street_buurt)",
            0);

int
db_reference_count(struct db_conn *c, struct db_reference_counts *out)
{
    PGresult *res = NULL;
    int r = db_query(c, &stmt_reference_count, NULL, &res);

    if (r == 1 &&
        !(get_int(res, 0, 0, &out->wijk) && get_int(res, 0, 1, &out->buurt) &&
          get_int(res, 0, 2, &out->street) &&
          get_int(res, 0, 3, &out->street_buurt)))
        r = DB_HARD_ERROR;
    PQclear(res);
    return r;
}
