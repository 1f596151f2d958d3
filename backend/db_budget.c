#include "db_budget.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

static struct db_stmt stmt_budget_year_get = DB_STMT(
    "budget_year_get",
    "SELECT b.year IS NOT NULL, coalesce(b.city_budget_cents, 0),"
    " coalesce(b.potje_default_cents, -1),"
    " coalesce(b.max_potjes_per_street, -1),"
    " (SELECT coalesce(sum(a.amount_cents), 0) FROM award a"
    "   WHERE a.budget_year = $1::smallint)"
    " FROM (SELECT 1) one LEFT JOIN budget_year b ON b.year = $1::smallint",
    1);

int
db_budget_year_get(struct db_conn *c, int year, struct budget_year_row *out)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_budget_year_get, year, &res);

    if (r < 0)
        return r;
    memset(out, 0, sizeof(*out));
    if (r != 1)
        r = DB_HARD_ERROR;
    else {
        out->exists = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
        out->city_cents = db_ll(PQgetvalue(res, 0, 1));
        out->potje_default_cents = db_ll(PQgetvalue(res, 0, 2));
        out->max_potjes = db_ll(PQgetvalue(res, 0, 3));
        out->awarded_cents = db_ll(PQgetvalue(res, 0, 4));
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_budget_wijk_list = DB_STMT(
    "budget_wijk_list",
    "SELECT w.code, w.name, u.year IS NOT NULL, coalesce(u.budget_cents, 0),"
    " coalesce(u.awarded_cents, 0), coalesce(u.remaining_cents, 0)"
    " FROM wijk w LEFT JOIN wijk_budget_usage u"
    "   ON u.wijk_code = w.code AND u.year = $1::smallint"
    " ORDER BY w.code",
    1);

int
db_budget_wijk_list(struct db_conn *c, int year, db_budget_wijk_cb cb,
                    void *cls)
{
    PGresult *res;
    struct budget_wijk_row w;
    int r = db_query_id(c, &stmt_budget_wijk_list, year, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&w, 0, sizeof(w));
        snprintf(w.code, sizeof(w.code), "%s", PQgetvalue(res, i, 0));
        snprintf(w.name, sizeof(w.name), "%s", PQgetvalue(res, i, 1));
        w.has_budget = strcmp(PQgetvalue(res, i, 2), "t") == 0;
        w.budget_cents = db_ll(PQgetvalue(res, i, 3));
        w.awarded_cents = db_ll(PQgetvalue(res, i, 4));
        w.remaining_cents = db_ll(PQgetvalue(res, i, 5));
        cb(cls, &w);
    }
    PQclear(res);
    return r;
}

/* The update path of the upsert fires the BEFORE UPDATE trigger that
 * refuses a budget below the awards. */
static struct db_stmt stmt_budget_year_save = DB_STMT(
    "budget_year_save",
    "INSERT INTO budget_year (year, city_budget_cents, potje_default_cents,"
    " max_potjes_per_street, updated_by)"
    " VALUES ($1::smallint, $2::bigint, $3::bigint, $4::integer, $5::bigint)"
    " ON CONFLICT (year) DO UPDATE SET"
    " city_budget_cents = EXCLUDED.city_budget_cents,"
    " potje_default_cents = EXCLUDED.potje_default_cents,"
    " max_potjes_per_street = EXCLUDED.max_potjes_per_street,"
    " updated_by = EXCLUDED.updated_by",
    5);

int
db_budget_year_save(struct db_conn *c, int year, long long city_cents,
                    long long potje_default_cents, long long max_potjes,
                    long long updated_by)
{
    char y[12], city[24], def[24], max[24], by[24];
    const char *p[5] = {y, city, potje_default_cents < 0 ? NULL : def,
                        max_potjes < 0 ? NULL : max, by};

    snprintf(y, sizeof(y), "%d", year);
    snprintf(city, sizeof(city), "%lld", city_cents);
    snprintf(def, sizeof(def), "%lld", potje_default_cents);
    snprintf(max, sizeof(max), "%lld", max_potjes);
    snprintf(by, sizeof(by), "%lld", updated_by);
    return db_query(c, &stmt_budget_year_save, p, NULL);
}

static struct db_stmt stmt_budget_wijk_save = DB_STMT(
    "budget_wijk_save",
    "INSERT INTO wijk_budget (year, wijk_code, budget_cents, updated_by)"
    " VALUES ($1::smallint, $2, $3::bigint, $4::bigint)"
    " ON CONFLICT (year, wijk_code) DO UPDATE SET"
    " budget_cents = EXCLUDED.budget_cents, updated_by = EXCLUDED.updated_by",
    4);

int
db_budget_wijk_save(struct db_conn *c, int year, const char *wijk_code,
                    long long cents, long long updated_by)
{
    char y[12], amount[24], by[24];
    const char *p[4] = {y, wijk_code, amount, by};

    snprintf(y, sizeof(y), "%d", year);
    snprintf(amount, sizeof(amount), "%lld", cents);
    snprintf(by, sizeof(by), "%lld", updated_by);
    return db_query(c, &stmt_budget_wijk_save, p, NULL);
}
