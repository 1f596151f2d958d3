#include "db_street.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

static struct db_stmt stmt_db_street_find = DB_STMT(
    "db_street_find",
    "SELECT s.id, s.name,"
    " coalesce(string_agg(DISTINCT b.wijk_code, ',' ORDER BY b.wijk_code),"
    " ''),"
    " CASE WHEN count(DISTINCT b.code) = 1 THEN min(b.code) ELSE '' END"
    " FROM street s LEFT JOIN street_buurt sb ON sb.street_id = s.id"
    " LEFT JOIN buurt b ON b.code = sb.buurt_code"
    " WHERE lower(s.name) = lower($1) GROUP BY s.id, s.name",
    1);

int
db_street_find(struct db_conn *c, const char *name, struct street_match *out)
{
    const char *p[1] = {name};
    PGresult *res;
    int r = db_query(c, &stmt_db_street_find, p, &res);

    memset(out, 0, sizeof(*out));
    if (r <= 0) {
        PQclear(res);
        return r;
    }
    out->id = db_ll(PQgetvalue(res, 0, 0));
    snprintf(out->name, sizeof(out->name), "%s", PQgetvalue(res, 0, 1));
    snprintf(out->wijken, sizeof(out->wijken), "%s", PQgetvalue(res, 0, 2));
    snprintf(out->buurt, sizeof(out->buurt), "%s", PQgetvalue(res, 0, 3));
    PQclear(res);
    return 1;
}

/* a merged spelling is no longer offered (sql/009) */
static struct db_stmt stmt_db_street_names =
    DB_STMT("db_street_names",
            "SELECT name FROM street WHERE merged_into IS NULL"
            " ORDER BY lower(name)",
            0);

int
db_street_names(struct db_conn *c, void (*fn)(void *cls, const char *name),
                void *cls)
{
    PGresult *res;
    int r = db_query(c, &stmt_db_street_names, NULL, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++)
        fn(cls, PQgetvalue(res, i, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_wijk_names =
    DB_STMT("db_wijk_names", "SELECT code, name FROM wijk ORDER BY code", 0);

int
db_wijk_names(struct db_conn *c,
              void (*fn)(void *cls, const char *code, const char *name),
              void *cls)
{
    PGresult *res;
    int r = db_query(c, &stmt_db_wijk_names, NULL, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++)
        fn(cls, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_wijk_name =
    DB_STMT("db_wijk_name", "SELECT name FROM wijk WHERE code = $1", 1);

int
db_wijk_name(struct db_conn *c, const char *code, char *out, size_t outlen)
{
    const char *p[1] = {code};
    PGresult *res;
    int r = db_query(c, &stmt_db_wijk_name, p, &res);

    if (r == 1)
        snprintf(out, outlen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}
