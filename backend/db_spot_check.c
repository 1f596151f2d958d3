#include "db_spot_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* Scope: a makelaar counts and sees the items of their own wijken
 * ($role = 'makelaar', $wijken = "03,04"); a beheerder all of them. */
#define SPOT_CHECK_COLS                                                        \
    "SELECT sc.id, sc.year, sc.percent, sc.seed, sc.population,"               \
    " (SELECT count(*) FROM spot_check_item i JOIN award w ON w.id ="          \
    "  i.award_id WHERE i.spot_check_id = sc.id AND ($1 = 'beheerder' OR"      \
    "  w.wijk_code = ANY(string_to_array($2, ',')))),"                         \
    " (SELECT count(*) FROM spot_check_item i JOIN award w ON w.id ="          \
    "  i.award_id WHERE i.spot_check_id = sc.id AND i.outcome IS NOT NULL"     \
    "  AND ($1 = 'beheerder' OR"                                               \
    "  w.wijk_code = ANY(string_to_array($2, ',')))),"                         \
    " u.name, to_char(sc.drawn_at AT TIME ZONE 'Europe/Amsterdam',"            \
    " 'DD-MM-YYYY HH24:MI')"                                                   \
    " FROM spot_check sc JOIN staff_user u ON u.id = sc.drawn_by"

static void
spot_check_row_of(PGresult *res, int i, struct spot_check_row *r)
{
    memset(r, 0, sizeof(*r));
    r->id = db_ll(PQgetvalue(res, i, 0));
    r->year = (int)db_ll(PQgetvalue(res, i, 1));
    r->percent = (int)db_ll(PQgetvalue(res, i, 2));
    snprintf(r->seed, sizeof(r->seed), "%s", PQgetvalue(res, i, 3));
    r->population = db_ll(PQgetvalue(res, i, 4));
    r->items = db_ll(PQgetvalue(res, i, 5));
    r->checked = db_ll(PQgetvalue(res, i, 6));
    snprintf(r->drawn_by, sizeof(r->drawn_by), "%s", PQgetvalue(res, i, 7));
    snprintf(r->drawn_at, sizeof(r->drawn_at), "%s", PQgetvalue(res, i, 8));
}

static struct db_stmt stmt_db_spot_check_list = DB_STMT(
    "db_spot_check_list",
    SPOT_CHECK_COLS " ORDER BY sc.drawn_at DESC, sc.id DESC LIMIT 200", 2);

int
db_spot_check_list(struct db_conn *c, const char *role, const char *wijken,
                   spot_check_cb cb, void *cls)
{
    const char *p[2] = {role, wijken};
    struct spot_check_row row;
    PGresult *res;
    int r = db_query(c, &stmt_db_spot_check_list, p, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        spot_check_row_of(res, i, &row);
        cb(cls, &row);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_spot_check_get = DB_STMT(
    "db_spot_check_get", SPOT_CHECK_COLS " WHERE sc.id = $3::bigint", 3);

int
db_spot_check_get(struct db_conn *c, long long id, const char *role,
                  const char *wijken, struct spot_check_row *out)
{
    char ids[24];
    const char *p[3] = {role, wijken, ids};
    PGresult *res;
    int r;

    snprintf(ids, sizeof(ids), "%lld", id);
    r = db_query(c, &stmt_db_spot_check_get, p, &res);
    if (r < 0)
        return r;
    if (r == 1)
        spot_check_row_of(res, 0, out);
    PQclear(res);
    return r;
}

#define SPOT_ITEM_COLS                                                         \
    "SELECT i.spot_check_id, i.award_id, a.reference,"                         \
    " coalesce(st.name, a.street_name), w.wijk_code, w.amount_cents,"          \
    " s.amount_cents, coalesce(i.outcome, ''), i.lower_final_cents IS NOT"     \
    " NULL, coalesce(i.lower_final_cents, 0), coalesce(u.name, ''),"           \
    " coalesce(to_char(i.checked_at AT TIME ZONE 'Europe/Amsterdam',"          \
    " 'DD-MM-YYYY HH24:MI'), ''), i.note IS NOT NULL, coalesce(i.note, '')"    \
    " FROM spot_check_item i"                                                  \
    " JOIN award w ON w.id = i.award_id"                                       \
    " JOIN settlement s ON s.award_id = i.award_id"                            \
    " JOIN application a ON a.id = w.application_id"                           \
    " LEFT JOIN street st ON st.id = a.street_id"                              \
    " LEFT JOIN staff_user u ON u.id = i.checked_by"

static void
spot_item_row_of(PGresult *res, int i, struct spot_check_item_row *r)
{
    memset(r, 0, sizeof(*r));
    r->spot_check_id = db_ll(PQgetvalue(res, i, 0));
    r->award_id = db_ll(PQgetvalue(res, i, 1));
    snprintf(r->reference, sizeof(r->reference), "%s", PQgetvalue(res, i, 2));
    snprintf(r->street, sizeof(r->street), "%s", PQgetvalue(res, i, 3));
    snprintf(r->wijk, sizeof(r->wijk), "%s", PQgetvalue(res, i, 4));
    r->awarded_cents = db_ll(PQgetvalue(res, i, 5));
    r->settled_cents = db_ll(PQgetvalue(res, i, 6));
    snprintf(r->outcome, sizeof(r->outcome), "%s", PQgetvalue(res, i, 7));
    r->has_lower = PQgetvalue(res, i, 8)[0] == 't';
    r->lower_cents = db_ll(PQgetvalue(res, i, 9));
    snprintf(r->checked_by, sizeof(r->checked_by), "%s",
             PQgetvalue(res, i, 10));
    snprintf(r->checked_at, sizeof(r->checked_at), "%s",
             PQgetvalue(res, i, 11));
    r->has_note = PQgetvalue(res, i, 12)[0] == 't';
    snprintf(r->note, sizeof(r->note), "%s", PQgetvalue(res, i, 13));
}

static struct db_stmt stmt_db_spot_check_items =
    DB_STMT("db_spot_check_items",
            SPOT_ITEM_COLS
            " WHERE i.spot_check_id = $1::bigint AND ($2 = 'beheerder' OR"
            " w.wijk_code = ANY(string_to_array($3, ',')))"
            " ORDER BY w.wijk_code, a.reference",
            3);

int
db_spot_check_items(struct db_conn *c, long long id, const char *role,
                    const char *wijken, spot_check_item_cb cb, void *cls)
{
    char ids[24];
    const char *p[3] = {ids, role, wijken};
    struct spot_check_item_row *row;
    PGresult *res;
    int r, i;

    snprintf(ids, sizeof(ids), "%lld", id);
    r = db_query(c, &stmt_db_spot_check_items, p, &res);
    if (r < 0)
        return r;
    row = malloc(sizeof(*row)); /* a note of 4000 bytes: not on the stack */
    if (row == NULL) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (i = 0; i < r; i++) {
        spot_item_row_of(res, i, row);
        cb(cls, row);
    }
    free(row);
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_spot_check_item_get =
    DB_STMT("db_spot_check_item_get",
            SPOT_ITEM_COLS
            " WHERE i.spot_check_id = $1::bigint AND i.award_id = $2::bigint"
            " AND ($3 = 'beheerder' OR"
            " w.wijk_code = ANY(string_to_array($4, ',')))",
            4);

int
db_spot_check_item_get(struct db_conn *c, long long spot_check_id,
                       long long award_id, const char *role, const char *wijken,
                       struct spot_check_item_row *out)
{
    char sid[24], aid[24];
    const char *p[4] = {sid, aid, role, wijken};
    PGresult *res;
    int r;

    snprintf(sid, sizeof(sid), "%lld", spot_check_id);
    snprintf(aid, sizeof(aid), "%lld", award_id);
    r = db_query(c, &stmt_db_spot_check_item_get, p, &res);
    if (r < 0)
        return r;
    if (r == 1)
        spot_item_row_of(res, 0, out);
    PQclear(res);
    return r;
}

/* The population: potjes of the year settled before this moment (the
 * transaction's now(), the same as drawn_at), so a redraw from the seed
 * can select the same set. Nothing is written when there are none. */
static struct db_stmt stmt_db_spot_check_insert = DB_STMT(
    "db_spot_check_insert",
    "INSERT INTO spot_check (year, percent, seed, population, drawn_by,"
    " drawn_at)"
    " SELECT $1::smallint, $2::smallint, $3::bigint, count(*), $4::bigint,"
    " now() FROM settlement s JOIN award w ON w.id = s.award_id"
    " WHERE w.budget_year = $1::smallint AND s.settled_at <= now()"
    " HAVING count(*) > 0 RETURNING id, population",
    4);

int
db_spot_check_insert(struct db_conn *c, int year, int percent, long long seed,
                     long long drawn_by, long long *id, long long *population)
{
    char y[8], pc[8], sd[24], by[24];
    const char *p[4] = {y, pc, sd, by};
    PGresult *res;
    int r;

    snprintf(y, sizeof(y), "%d", year);
    snprintf(pc, sizeof(pc), "%d", percent);
    snprintf(sd, sizeof(sd), "%lld", seed);
    snprintf(by, sizeof(by), "%lld", drawn_by);
    r = db_query(c, &stmt_db_spot_check_insert, p, &res);
    if (r < 0)
        return r;
    if (r == 1) {
        *id = db_ll(PQgetvalue(res, 0, 0));
        *population = db_ll(PQgetvalue(res, 0, 1));
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_spot_check_draw_items = DB_STMT(
    "db_spot_check_draw_items",
    "INSERT INTO spot_check_item (spot_check_id, award_id)"
    " SELECT sc.id, s.award_id FROM spot_check sc"
    " JOIN award w ON w.budget_year = sc.year"
    " JOIN settlement s ON s.award_id = w.id AND s.settled_at <= sc.drawn_at"
    " WHERE sc.id = $1::bigint"
    " ORDER BY sha256(int8send(sc.seed) || int8send(s.award_id))"
    " LIMIT (SELECT ceil(population * percent / 100.0)::bigint"
    "  FROM spot_check WHERE id = $1::bigint)",
    1);

int
db_spot_check_draw_items(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_spot_check_draw_items, id, NULL);
}

static struct db_stmt stmt_db_spot_check_record = DB_STMT(
    "db_spot_check_record",
    "UPDATE spot_check_item i SET outcome = $3, lower_final_cents ="
    " $4::bigint, note = $5, checked_by = $6::bigint, checked_at = now()"
    " FROM award w WHERE w.id = i.award_id AND i.spot_check_id = $1::bigint"
    " AND i.award_id = $2::bigint AND i.outcome IS NULL"
    " AND w.wijk_code = ANY(string_to_array($7, ','))",
    7);

int
db_spot_check_record(struct db_conn *c, long long spot_check_id,
                     long long award_id, const char *outcome,
                     long long lower_cents, const char *note,
                     long long checked_by, const char *wijken)
{
    char sid[24], aid[24], low[24], by[24];
    const char *p[7] = {sid,  aid, outcome, lower_cents >= 0 ? low : NULL,
                        note, by,  wijken};

    snprintf(sid, sizeof(sid), "%lld", spot_check_id);
    snprintf(aid, sizeof(aid), "%lld", award_id);
    snprintf(low, sizeof(low), "%lld", lower_cents);
    snprintf(by, sizeof(by), "%lld", checked_by);
    return db_query(c, &stmt_db_spot_check_record, p, NULL);
}
