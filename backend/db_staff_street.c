/* db_staff_street.c - see db_staff_street.h. One function per statement;
 * the statement of each is named like its function. */
#include "db_staff_street.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* A makelaar sees a street that runs through one of their wijken ($3);
 * the same test in every read statement, for the street s. */
#define SCOPE_STREET_S                                                         \
    " ($2 <> 'makelaar' OR EXISTS (SELECT 1 FROM street_wijk sw"               \
    " WHERE sw.street_id = s.id"                                               \
    " AND sw.wijk_code = ANY(string_to_array($3, ','))))"

#define LOCAL_DATE(col)                                                        \
    "coalesce(to_char(" col " AT TIME ZONE 'Europe/Amsterdam',"                \
    " 'DD-MM-YYYY'), '')"

static void
copy(char *out, size_t outlen, const PGresult *res, int row, int col)
{
    snprintf(out, outlen, "%s", PQgetvalue(res, row, col));
}

static bool
is_true(const PGresult *res, int row, int col)
{
    return PQgetvalue(res, row, col)[0] == 't';
}

static struct db_stmt stmt_db_staff_street_list = DB_STMT(
    "db_staff_street_list",
    "WITH ws AS ("
    " SELECT s.id, s.name FROM street s"
    " WHERE s.merged_into IS NULL"
    " AND s.id IN (SELECT x.street_id FROM street_wijk x"
    " WHERE x.wijk_code = $1)"
    " AND ($2 <> 'makelaar' OR $1 = ANY(string_to_array($3, ',')))"
    "), apps AS ("
    " SELECT a.street_id, count(*) AS applications, count(w.id) AS awarded,"
    " coalesce(sum(p.amount_cents) FILTER (WHERE p.status = 'betaald'), 0)"
    " AS paid_cents"
    " FROM application a LEFT JOIN award w ON w.application_id = a.id"
    " LEFT JOIN payout p ON p.award_id = w.id"
    " WHERE a.street_id IN (SELECT id FROM ws) GROUP BY a.street_id"
    "), listed AS ("
    " SELECT ws.id, ws.name, coalesce(apps.applications, 0) AS applications,"
    " coalesce(apps.awarded, 0) AS awarded, st.paid_count,"
    " coalesce(apps.paid_cents, 0) AS paid_cents,"
    " st.is_lief_en_leedstraat, st.lief_en_leed_since"
    " FROM ws JOIN street_potje_status st ON st.street_id = ws.id"
    " LEFT JOIN apps ON apps.street_id = ws.id"
    " WHERE $4::boolean OR apps.applications > 0"
    ") SELECT id, name, applications, awarded, paid_count, paid_cents,"
    " is_lief_en_leedstraat, " LOCAL_DATE(
        "lief_en_leed_since") ","
                              " count(*) OVER (),"
                              " count(*) FILTER (WHERE is_lief_en_leedstraat) "
                              "OVER (),"
                              " sum(paid_count) OVER ()"
                              " FROM listed ORDER BY lower(name), id OFFSET $5 "
                              "LIMIT $6",
    6);

int
db_staff_street_list(struct db_conn *c, const char *wijk, const char *role,
                     const char *wijken, bool all, long offset, long limit,
                     void (*fn)(void *cls, const struct street_row *row),
                     void *cls, struct street_list_totals *tot)
{
    char off[24], lim[24];
    const char *p[6] = {wijk, role, wijken, all ? "true" : "false", off, lim};
    PGresult *res;
    struct street_row row;
    int r, i;

    memset(tot, 0, sizeof(*tot));
    snprintf(off, sizeof(off), "%ld", offset);
    snprintf(lim, sizeof(lim), "%ld", limit);
    r = db_query(c, &stmt_db_staff_street_list, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&row, 0, sizeof(row));
        row.id = db_ll(PQgetvalue(res, i, 0));
        copy(row.name, sizeof(row.name), res, i, 1);
        row.applications = (long)db_ll(PQgetvalue(res, i, 2));
        row.awarded = (long)db_ll(PQgetvalue(res, i, 3));
        row.paid = (long)db_ll(PQgetvalue(res, i, 4));
        row.paid_cents = db_ll(PQgetvalue(res, i, 5));
        row.badge = is_true(res, i, 6);
        copy(row.since, sizeof(row.since), res, i, 7);
        if (i == 0) {
            tot->streets = (long)db_ll(PQgetvalue(res, 0, 8));
            tot->badges = (long)db_ll(PQgetvalue(res, 0, 9));
            tot->paid = (long)db_ll(PQgetvalue(res, 0, 10));
        }
        fn(cls, &row);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_street_get = DB_STMT(
    "db_staff_street_get",
    "SELECT s.id, s.name, coalesce(s.merged_into, 0), coalesce(t.name, ''),"
    " " LOCAL_DATE(
        "s.merged_at") ","
                       " coalesce((SELECT string_agg(x.wijk_code, ',' ORDER BY "
                       "x.wijk_code)"
                       " FROM street_wijk x WHERE x.street_id = s.id), ''),"
                       " coalesce((SELECT string_agg(w.name || ' (' || w.code "
                       "|| ')', ', '"
                       " ORDER BY w.code) FROM wijk w WHERE w.code IN"
                       " (SELECT x.wijk_code FROM street_wijk x WHERE "
                       "x.street_id = s.id)), ''),"
                       " coalesce((SELECT string_agg(b.name, ', ' ORDER BY "
                       "b.name)"
                       " FROM street_buurt sb JOIN buurt b ON b.code = "
                       "sb.buurt_code"
                       " WHERE sb.street_id = s.id), ''),"
                       " (SELECT count(*) FROM application a WHERE a.street_id "
                       "= s.id),"
                       " st.paid_count, st.is_lief_en_leedstraat,"
                       " " LOCAL_DATE(
                           "st.lief_en_leed_since") ","
                                                    " (SELECT count(*) FROM "
                                                    "street m WHERE "
                                                    "m.merged_into = s.id)"
                                                    " FROM street s JOIN "
                                                    "street_potje_status st ON "
                                                    "st.street_id = s.id"
                                                    " LEFT JOIN street t ON "
                                                    "t.id = s.merged_into"
                                                    " WHERE s.id = $1 "
                                                    "AND" SCOPE_STREET_S,
    3);

int
db_staff_street_get(struct db_conn *c, long long id, const char *role,
                    const char *wijken, struct street_detail *out)
{
    char v[24];
    const char *p[3] = {v, role, wijken};
    PGresult *res;
    int r;

    memset(out, 0, sizeof(*out));
    snprintf(v, sizeof(v), "%lld", id);
    r = db_query(c, &stmt_db_staff_street_get, p, &res);
    if (r <= 0) {
        PQclear(res);
        return r;
    }
    out->id = db_ll(PQgetvalue(res, 0, 0));
    copy(out->name, sizeof(out->name), res, 0, 1);
    out->merged_into = db_ll(PQgetvalue(res, 0, 2));
    copy(out->merged_into_name, sizeof(out->merged_into_name), res, 0, 3);
    copy(out->merged_on, sizeof(out->merged_on), res, 0, 4);
    copy(out->wijk_codes, sizeof(out->wijk_codes), res, 0, 5);
    copy(out->wijk_names, sizeof(out->wijk_names), res, 0, 6);
    copy(out->buurt_names, sizeof(out->buurt_names), res, 0, 7);
    out->applications = (long)db_ll(PQgetvalue(res, 0, 8));
    out->paid = (long)db_ll(PQgetvalue(res, 0, 9));
    out->badge = is_true(res, 0, 10);
    copy(out->since, sizeof(out->since), res, 0, 11);
    out->merged_from = (long)db_ll(PQgetvalue(res, 0, 12));
    PQclear(res);
    return 1;
}

/* own: the application is in one of the makelaar's wijken. Only then the
 * gangmaker's name leaves the database. */
#define OWN_APPLICATION                                                        \
    "($2 = 'makelaar' AND a.wijk_code = ANY(string_to_array($3, ',')))"

static struct db_stmt stmt_db_staff_street_history = DB_STMT(
    "db_staff_street_history",
    "SELECT a.id, a.reference, a.status, a.wijk_code, " OWN_APPLICATION ","
    " CASE WHEN " OWN_APPLICATION " THEN coalesce(o.name, '') ELSE '' END,"
    " " OWN_APPLICATION " AND o.name IS NULL,"
    " " LOCAL_DATE("a.submitted_at") ", " LOCAL_DATE(
        "a.decided_at") ","
                        " w.id IS NOT NULL, coalesce(w.amount_cents, 0), "
                        "coalesce(p.status, ''),"
                        " CASE WHEN p.status = 'betaald' THEN " LOCAL_DATE(
                            "p.paid_at") " ELSE ''"
                                         " END,"
                                         " se.award_id IS NOT NULL, "
                                         "coalesce(se.amount_cents, 0)"
                                         " FROM street s JOIN application a ON "
                                         "a.street_id = s.id"
                                         " JOIN organiser o ON o.id = "
                                         "a.organiser_id"
                                         " LEFT JOIN award w ON "
                                         "w.application_id = a.id"
                                         " LEFT JOIN payout p ON p.award_id = "
                                         "w.id"
                                         " LEFT JOIN settlement se ON "
                                         "se.award_id = w.id"
                                         " WHERE s.id = $1 AND" SCOPE_STREET_S
                                         " ORDER BY a.submitted_at, a.id "
                                         "OFFSET $4 LIMIT $5",
    5);

int
db_staff_street_history(struct db_conn *c, long long id, const char *role,
                        const char *wijken, long offset, long limit,
                        void (*fn)(void *cls,
                                   const struct street_history_row *row),
                        void *cls)
{
    char v[24], off[24], lim[24];
    const char *p[5] = {v, role, wijken, off, lim};
    struct street_history_row row;
    PGresult *res;
    int r, i;

    snprintf(v, sizeof(v), "%lld", id);
    snprintf(off, sizeof(off), "%ld", offset);
    snprintf(lim, sizeof(lim), "%ld", limit);
    r = db_query(c, &stmt_db_staff_street_history, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&row, 0, sizeof(row));
        row.application_id = db_ll(PQgetvalue(res, i, 0));
        copy(row.reference, sizeof(row.reference), res, i, 1);
        copy(row.status, sizeof(row.status), res, i, 2);
        copy(row.wijk, sizeof(row.wijk), res, i, 3);
        row.own = is_true(res, i, 4);
        copy(row.organiser, sizeof(row.organiser), res, i, 5);
        row.organiser_removed = is_true(res, i, 6);
        copy(row.submitted, sizeof(row.submitted), res, i, 7);
        copy(row.decided, sizeof(row.decided), res, i, 8);
        row.awarded = is_true(res, i, 9);
        row.award_cents = db_ll(PQgetvalue(res, i, 10));
        copy(row.payout_status, sizeof(row.payout_status), res, i, 11);
        copy(row.paid_on, sizeof(row.paid_on), res, i, 12);
        row.settled = is_true(res, i, 13);
        row.settlement_cents = db_ll(PQgetvalue(res, i, 14));
        fn(cls, &row);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_street_merge_candidates = DB_STMT(
    "db_staff_street_merge_candidates",
    "SELECT s.id, s.name,"
    " string_agg(DISTINCT x.wijk_code, ',' ORDER BY x.wijk_code)"
    " FROM street s JOIN street_wijk x ON x.street_id = s.id"
    " WHERE s.id <> $1 AND s.merged_into IS NULL"
    " AND s.id IN (SELECT y.street_id FROM street_wijk y WHERE y.wijk_code IN"
    " (SELECT z.wijk_code FROM street_wijk z WHERE z.street_id = $1))"
    " GROUP BY s.id, s.name ORDER BY lower(s.name), s.id",
    1);

int
db_staff_street_merge_candidates(struct db_conn *c, long long id,
                                 void (*fn)(void *cls, long long id,
                                            const char *name,
                                            const char *wijken),
                                 void *cls)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_db_staff_street_merge_candidates, id, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++)
        fn(cls, db_ll(PQgetvalue(res, i, 0)), PQgetvalue(res, i, 1),
           PQgetvalue(res, i, 2));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_street_lock =
    DB_STMT("db_staff_street_lock",
            "SELECT coalesce(merged_into, 0) FROM street WHERE id = $1"
            " FOR UPDATE",
            1);

int
db_staff_street_lock(struct db_conn *c, long long id, long long *merged_into)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_db_staff_street_lock, id, &res);

    *merged_into = 0;
    if (r == 1)
        *merged_into = db_ll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_street_share_wijk =
    DB_STMT("db_staff_street_share_wijk",
            "SELECT EXISTS (SELECT 1 FROM street_wijk x JOIN street_wijk y"
            " ON y.wijk_code = x.wijk_code"
            " WHERE x.street_id = $1 AND y.street_id = $2)",
            2);

int
db_staff_street_share_wijk(struct db_conn *c, long long a, long long b)
{
    char va[24], vb[24];
    const char *p[2] = {va, vb};
    PGresult *res;
    int r;

    snprintf(va, sizeof(va), "%lld", a);
    snprintf(vb, sizeof(vb), "%lld", b);
    r = db_query(c, &stmt_db_staff_street_share_wijk, p, &res);
    if (r == 1)
        r = is_true(res, 0, 0) ? 1 : 0;
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_street_over_maximum = DB_STMT(
    "db_staff_street_over_maximum",
    "SELECT w.budget_year, count(*), coalesce(max(y.max_potjes_per_street),"
    " setting_int('max_potjes_per_street_per_year'))"
    " FROM award w JOIN application a ON a.id = w.application_id"
    " LEFT JOIN budget_year y ON y.year = w.budget_year"
    " WHERE a.street_id IN ($1, $2)"
    " GROUP BY w.budget_year"
    " HAVING count(*) > coalesce(max(y.max_potjes_per_street),"
    " setting_int('max_potjes_per_street_per_year'))"
    " ORDER BY w.budget_year LIMIT 1",
    2);

int
db_staff_street_over_maximum(struct db_conn *c, long long a, long long b,
                             int *year, long *potjes, long *max)
{
    char va[24], vb[24];
    const char *p[2] = {va, vb};
    PGresult *res;
    int r;

    snprintf(va, sizeof(va), "%lld", a);
    snprintf(vb, sizeof(vb), "%lld", b);
    *year = 0;
    *potjes = *max = 0;
    r = db_query(c, &stmt_db_staff_street_over_maximum, p, &res);
    if (r == 1) {
        *year = (int)db_ll(PQgetvalue(res, 0, 0));
        *potjes = (long)db_ll(PQgetvalue(res, 0, 1));
        *max = (long)db_ll(PQgetvalue(res, 0, 2));
    }
    PQclear(res);
    return r;
}

/* Two ids and a statement that returns nothing: the three UPDATEs. */
static int
run_pair(struct db_conn *c, struct db_stmt *s, long long a, long long b)
{
    char va[24], vb[24];
    const char *p[2] = {va, vb};

    snprintf(va, sizeof(va), "%lld", a);
    snprintf(vb, sizeof(vb), "%lld", b);
    return db_query(c, s, p, NULL);
}

static struct db_stmt stmt_db_staff_street_move_applications =
    DB_STMT("db_staff_street_move_applications",
            "UPDATE application SET street_id = $2 WHERE street_id = $1", 2);

int
db_staff_street_move_applications(struct db_conn *c, long long from,
                                  long long into)
{
    return run_pair(c, &stmt_db_staff_street_move_applications, from, into);
}

static struct db_stmt stmt_db_staff_street_repoint_merged =
    DB_STMT("db_staff_street_repoint_merged",
            "UPDATE street SET merged_into = $2 WHERE merged_into = $1", 2);

int
db_staff_street_repoint_merged(struct db_conn *c, long long from,
                               long long into)
{
    return run_pair(c, &stmt_db_staff_street_repoint_merged, from, into);
}

static struct db_stmt stmt_db_staff_street_mark_merged = DB_STMT(
    "db_staff_street_mark_merged",
    "UPDATE street SET merged_into = $2, merged_at = now(), merged_by = $3"
    " WHERE id = $1 AND merged_into IS NULL",
    3);

int
db_staff_street_mark_merged(struct db_conn *c, long long from, long long into,
                            long long by)
{
    char va[24], vb[24], vc[24];
    const char *p[3] = {va, vb, vc};

    snprintf(va, sizeof(va), "%lld", from);
    snprintf(vb, sizeof(vb), "%lld", into);
    snprintf(vc, sizeof(vc), "%lld", by);
    return db_query(c, &stmt_db_staff_street_mark_merged, p, NULL);
}
