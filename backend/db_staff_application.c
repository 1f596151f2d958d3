#include "db_staff_application.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* Every statement naming an application repeats this condition, so an id
 * of another wijk is simply not found. */
#define IN_WIJKEN(col) " " col " = ANY (string_to_array($2, ','))"
#define AMS(col, fmt)                                                          \
    "to_char(" col " AT TIME ZONE 'Europe/Amsterdam', '" fmt "')"
#define THIS_YEAR "date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')"

static void
copy(char *dst, size_t n, const PGresult *res, int row, int col)
{
    snprintf(dst, n, "%s", PQgetvalue(res, row, col));
}
#define COPY(dst, res, row, col) copy((dst), sizeof(dst), (res), (row), (col))

static bool
yes(const PGresult *res, int row, int col)
{
    return PQgetvalue(res, row, col)[0] == 't';
}

static long long
num(const PGresult *res, int row, int col)
{
    return db_ll(PQgetvalue(res, row, col));
}

/* Run a statement whose parameters are an application id and wijken. */
static int
query_app(struct db_conn *c, struct db_stmt *s, long long id,
          const char *wijken, PGresult **res)
{
    char v[24];
    const char *p[2] = {v, wijken};

    snprintf(v, sizeof(v), "%lld", id);
    return db_query(c, s, p, res);
}

static struct db_stmt stmt_db_staff_app_get = DB_STMT(
    "db_staff_app_get",
    "SELECT a.id, a.version, a.reference, a.kind, a.status,"
    " coalesce(a.previous_application_id, 0), coalesce(pa.reference, ''),"
    " coalesce(a.street_id, 0), a.street_name, a.wijk_code, wk.name,"
    " coalesce(a.buurt_code, ''), coalesce(bu.name, ''), coalesce(a.plan, ''),"
    " coalesce(a.households, 0), a.payout_method,"
    " coalesce(a.requested_amount_cents, 0),"
    " " AMS(
        "a.submitted_at",
        "DD-MM-YYYY HH24:MI") ","
                              " coalesce(" AMS(
                                  "a.decided_at",
                                  "DD-MM-YYYY HH24:MI") ", ''),"
                                                        " coalesce(du.name, "
                                                        "''), "
                                                        "coalesce(a.rejection_"
                                                        "reason, ''), "
                                                        "a.language,"
                                                        " a.flag_unknown_"
                                                        "street, "
                                                        "a.flag_second_open, "
                                                        "a.flag_over_yearly_"
                                                        "maximum,"
                                                        " coalesce(a.entered_"
                                                        "by, 0), "
                                                        "coalesce(eu.name, ''),"
                                                        " w.id IS NOT NULL, "
                                                        "coalesce(w.amount_"
                                                        "cents, 0),"
                                                        " coalesce(w.default_"
                                                        "amount_cents, 0), "
                                                        "coalesce(w.budget_"
                                                        "year, 0),"
                                                        " coalesce(w.reduction_"
                                                        "reason, ''),"
                                                        " coalesce(" AMS(
                                                            "w.awarded_at",
                                                            "DD-MM-YYYY "
                                                            "HH24:MI") ", ''),"
                                                                       " coales"
                                                                       "ce(wu."
                                                                       "name, "
                                                                       "''),"
                                                                       " p.id "
                                                                       "IS NOT "
                                                                       "NULL, "
                                                                       "coalesc"
                                                                       "e(p."
                                                                       "status,"
                                                                       " ''), "
                                                                       "coalesc"
                                                                       "e(p."
                                                                       "channel"
                                                                       ", ''),"
                                                                       " coales"
                                                                       "ce(p."
                                                                       "referen"
                                                                       "ce, "
                                                                       "''), "
                                                                       "coalesc"
                                                                       "e(p."
                                                                       "iban_"
                                                                       "confirm"
                                                                       "ed, "
                                                                       "true),"
                                                                       " coales"
                                                                       "ce(p."
                                                                       "iban, "
                                                                       "''), "
                                                                       "coalesc"
                                                                       "e(p."
                                                                       "account"
                                                                       "_holder"
                                                                       ", ''),"
                                                                       " coales"
                                                                       "ce"
                                                                       "(" AMS(
                                                                           "p."
                                                                           "pai"
                                                                           "d_"
                                                                           "at",
                                                                           "DD-"
                                                                           "MM-"
                                                                           "YYY"
                                                                           "Y") ", ''),"
                                                                                " s.award_id IS NOT NULL, coalesce(s.amount_cents, 0),"
                                                                                " coalesce(er.submitted_at IS NOT NULL, false),"
                                                                                " EXISTS (SELECT 1 FROM document d WHERE d.application_id = a.id"
                                                                                "  AND d.kind = 'award_letter' AND d.content IS NOT NULL),"
                                                                                " EXISTS (SELECT 1 FROM document d WHERE d.application_id = a.id"
                                                                                "  AND d.kind = 'rejection_letter' AND d.content IS NOT NULL)"
                                                                                " FROM application a JOIN wijk wk ON wk.code = a.wijk_code"
                                                                                " LEFT JOIN buurt bu ON bu.code = a.buurt_code"
                                                                                " LEFT JOIN application pa ON pa.id = a.previous_application_id"
                                                                                " LEFT JOIN staff_user du ON du.id = a.decided_by"
                                                                                " LEFT JOIN staff_user eu ON eu.id = a.entered_by"
                                                                                " LEFT JOIN award w ON w.application_id = a.id"
                                                                                " LEFT JOIN staff_user wu ON wu.id = w.awarded_by"
                                                                                " LEFT JOIN payout p ON p.award_id = w.id"
                                                                                " LEFT JOIN settlement s ON s.award_id = w.id"
                                                                                " LEFT JOIN expense_report er ON er.award_id = w.id"
                                                                                " WHERE a.id = $1::bigint AND" IN_WIJKEN(
                                                                                    "a.wijk_code"),
    2);

int
db_staff_app_get(struct db_conn *c, long long id, const char *wijken,
                 struct staff_app *out)
{
    PGresult *res;
    int r, k = 0;

    r = query_app(c, &stmt_db_staff_app_get, id, wijken, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : 0;
    }
    memset(out, 0, sizeof(*out));
    out->id = num(res, 0, k++);
    out->version = (int)num(res, 0, k++);
    COPY(out->reference, res, 0, k++);
    COPY(out->kind, res, 0, k++);
    COPY(out->status, res, 0, k++);
    out->previous_id = num(res, 0, k++);
    COPY(out->previous_reference, res, 0, k++);
    out->street_id = num(res, 0, k++);
    COPY(out->street_name, res, 0, k++);
    COPY(out->wijk, res, 0, k++);
    COPY(out->wijk_name, res, 0, k++);
    COPY(out->buurt, res, 0, k++);
    COPY(out->buurt_name, res, 0, k++);
    COPY(out->plan, res, 0, k++);
    out->households = num(res, 0, k++);
    COPY(out->payout_method, res, 0, k++);
    out->requested_cents = num(res, 0, k++);
    COPY(out->submitted, res, 0, k++);
    COPY(out->decided, res, 0, k++);
    COPY(out->decided_by, res, 0, k++);
    COPY(out->rejection_reason, res, 0, k++);
    COPY(out->language, res, 0, k++);
    out->unknown_street = yes(res, 0, k++);
    out->second_open = yes(res, 0, k++);
    out->over_yearly_maximum = yes(res, 0, k++);
    out->entered_by_id = num(res, 0, k++);
    COPY(out->entered_by, res, 0, k++);
    out->has_award = yes(res, 0, k++);
    out->award_cents = num(res, 0, k++);
    out->default_cents = num(res, 0, k++);
    out->budget_year = (int)num(res, 0, k++);
    COPY(out->reduction_reason, res, 0, k++);
    COPY(out->awarded, res, 0, k++);
    COPY(out->awarded_by, res, 0, k++);
    out->has_payout = yes(res, 0, k++);
    COPY(out->payout_status, res, 0, k++);
    COPY(out->payout_channel, res, 0, k++);
    COPY(out->payout_reference, res, 0, k++);
    out->iban_confirmed = yes(res, 0, k++);
    COPY(out->payout_iban, res, 0, k++);
    COPY(out->payout_holder, res, 0, k++);
    COPY(out->paid, res, 0, k++);
    out->has_settlement = yes(res, 0, k++);
    out->settled_cents = num(res, 0, k++);
    out->expense_submitted = yes(res, 0, k++);
    out->has_award_letter = yes(res, 0, k++);
    out->has_rejection_letter = yes(res, 0, k++);
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_staff_app_organisers = DB_STMT(
    "db_staff_app_organisers",
    "SELECT x.second, coalesce(o.name, ''), coalesce(o.email, ''),"
    " coalesce(o.phone, ''), coalesce(o.address, ''),"
    " coalesce(o.postcode, ''), coalesce(o.iban, ''),"
    " coalesce(o.account_holder, ''), o.anonymised_at IS NOT NULL"
    " FROM application a CROSS JOIN LATERAL (VALUES (false, a.organiser_id),"
    " (true, a.second_organiser_id)) AS x(second, oid)"
    " JOIN organiser o ON o.id = x.oid"
    " WHERE a.id = $1::bigint AND" IN_WIJKEN(
        "a.wijk_code") " ORDER BY x.second",
    2);

int
db_staff_app_organisers(struct db_conn *c, long long id, const char *wijken,
                        struct staff_app_organiser out[2])
{
    PGresult *res;
    int r, i;

    r = query_app(c, &stmt_db_staff_app_organisers, id, wijken, &res);
    if (r < 0)
        return r;
    if (r > 2)
        r = 2;
    for (i = 0; i < r; i++) {
        struct staff_app_organiser *o = &out[i];

        memset(o, 0, sizeof(*o));
        o->second = yes(res, i, 0);
        COPY(o->name, res, i, 1);
        COPY(o->email, res, i, 2);
        COPY(o->phone, res, i, 3);
        COPY(o->address, res, i, 4);
        COPY(o->postcode, res, i, 5);
        COPY(o->iban, res, i, 6);
        COPY(o->account_holder, res, i, 7);
        o->anonymised = yes(res, i, 8);
    }
    PQclear(res);
    return r;
}

/* Room for r rows of size bytes each; NULL when r is 0 or memory is out. */
static void *
rows_alloc(int r, size_t size)
{
    return r > 0 ? calloc((size_t)r, size) : NULL;
}

static struct db_stmt stmt_db_staff_app_history = DB_STMT(
    "db_staff_app_history",
    "SELECT " AMS(
        "e.at",
        "DD-MM-YYYY HH24:MI") ", e.actor_kind,"
                              " coalesce(u.name, ''), e.action, "
                              "coalesce(e.details->>'from', ''),"
                              " coalesce(e.details->>'to', '')"
                              " FROM application a JOIN audit_event e ON"
                              " (e.object_type = 'application' AND e.object_id "
                              "= a.id::text)"
                              " OR (e.object_type = 'award' AND e.object_id IN "
                              "(SELECT w.id::text"
                              "  FROM award w WHERE w.application_id = a.id))"
                              " OR (e.object_type = 'payout' AND e.object_id "
                              "IN (SELECT p.id::text"
                              "  FROM payout p JOIN award w ON w.id = "
                              "p.award_id"
                              "  WHERE w.application_id = a.id))"
                              " LEFT JOIN staff_user u ON u.id = "
                              "e.actor_user_id"
                              " WHERE a.id = $1::bigint AND" IN_WIJKEN(
                                  "a.wijk_code") " ORDER BY e.at, e.id LIMIT "
                                                 "500",
    2);

int
db_staff_app_history(struct db_conn *c, long long id, const char *wijken,
                     struct staff_app_event **out)
{
    struct staff_app_event *e;
    PGresult *res;
    int r, i;

    *out = NULL;
    r = query_app(c, &stmt_db_staff_app_history, id, wijken, &res);
    if (r <= 0) {
        PQclear(res);
        return r;
    }
    if ((e = rows_alloc(r, sizeof(*e))) == NULL) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (i = 0; i < r; i++) {
        COPY(e[i].at, res, i, 0);
        COPY(e[i].actor_kind, res, i, 1);
        COPY(e[i].actor, res, i, 2);
        COPY(e[i].action, res, i, 3);
        COPY(e[i].from, res, i, 4);
        COPY(e[i].to, res, i, 5);
    }
    PQclear(res);
    *out = e;
    return r;
}

static struct db_stmt stmt_db_staff_app_messages = DB_STMT(
    "db_staff_app_messages",
    "SELECT " AMS(
        "m.created_at",
        "DD-MM-YYYY HH24:MI") ","
                              " m.author = 'staff', coalesce(u.name, ''), "
                              "coalesce(m.body, '')"
                              " FROM application a JOIN application_message m"
                              " ON m.application_id = a.id"
                              " LEFT JOIN staff_user u ON u.id = "
                              "m.staff_user_id"
                              " WHERE a.id = $1::bigint AND" IN_WIJKEN(
                                  "a.wijk_code") " ORDER BY m.created_at, m.id "
                                                 "LIMIT 200",
    2);

int
db_staff_app_messages(struct db_conn *c, long long id, const char *wijken,
                      struct staff_app_message **out)
{
    struct staff_app_message *m;
    PGresult *res;
    int r, i;

    *out = NULL;
    r = query_app(c, &stmt_db_staff_app_messages, id, wijken, &res);
    if (r <= 0) {
        PQclear(res);
        return r;
    }
    if ((m = rows_alloc(r, sizeof(*m))) == NULL) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (i = 0; i < r; i++) {
        COPY(m[i].at, res, i, 0);
        m[i].from_staff = yes(res, i, 1);
        COPY(m[i].staff_name, res, i, 2);
        COPY(m[i].body, res, i, 3);
    }
    PQclear(res);
    *out = m;
    return r;
}

static struct db_stmt stmt_db_staff_street_potjes = DB_STMT(
    "db_staff_street_potjes",
    "SELECT a.id, a.reference, a.status,"
    " " AMS("a.submitted_at",
            "DD-MM-YYYY") ", coalesce(w.amount_cents, 0),"
                          " coalesce(p.status, ''), coalesce(" AMS(
                              "p.paid_at",
                              "DD-MM-YYYY") ", '')"
                                            " FROM application a LEFT JOIN "
                                            "award w ON w.application_id = a.id"
                                            " LEFT JOIN payout p ON p.award_id "
                                            "= w.id"
                                            " WHERE a.street_id = $1::bigint "
                                            "AND a.id <> $2::bigint"
                                            " AND a.wijk_code = ANY "
                                            "(string_to_array($3, ','))"
                                            " ORDER BY a.submitted_at DESC, "
                                            "a.id DESC LIMIT 100",
    3);

int
db_staff_street_potjes(struct db_conn *c, long long street_id,
                       long long except_id, const char *wijken,
                       struct staff_street_potje **out)
{
    char sid[24], eid[24];
    const char *p[3] = {sid, eid, wijken};
    struct staff_street_potje *o;
    PGresult *res;
    int r, i;

    *out = NULL;
    snprintf(sid, sizeof(sid), "%lld", street_id);
    snprintf(eid, sizeof(eid), "%lld", except_id);
    r = db_query(c, &stmt_db_staff_street_potjes, p, &res);
    if (r <= 0) {
        PQclear(res);
        return r;
    }
    if ((o = rows_alloc(r, sizeof(*o))) == NULL) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (i = 0; i < r; i++) {
        o[i].id = num(res, i, 0);
        COPY(o[i].reference, res, i, 1);
        COPY(o[i].status, res, i, 2);
        COPY(o[i].submitted, res, i, 3);
        o[i].award_cents = num(res, i, 4);
        COPY(o[i].payout_status, res, i, 5);
        COPY(o[i].paid, res, i, 6);
    }
    PQclear(res);
    *out = o;
    return r;
}

static struct db_stmt stmt_db_staff_street_status = DB_STMT(
    "db_staff_street_status",
    "SELECT v.paid_count, v.is_lief_en_leedstraat,"
    " coalesce(" AMS(
        "v.lief_en_leed_since",
        "DD-MM-YYYY") ", ''),"
                      " (SELECT count(*) FROM award w JOIN application a"
                      "  ON a.id = w.application_id WHERE a.street_id = "
                      "v.street_id"
                      "  AND w.budget_year = " THIS_YEAR "),"
                      " coalesce((SELECT b.max_potjes_per_street FROM "
                      "budget_year b"
                      "  WHERE b.year = " THIS_YEAR "),"
                      "  setting_int('max_potjes_per_street_per_year'))"
                      " FROM street_potje_status v WHERE v.street_id = "
                      "$1::bigint",
    1);

int
db_staff_street_status(struct db_conn *c, long long street_id,
                       struct staff_street_status *out)
{
    PGresult *res;
    int r;

    r = db_query_id(c, &stmt_db_staff_street_status, street_id, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : 0;
    }
    memset(out, 0, sizeof(*out));
    out->paid_count = num(res, 0, 0);
    out->lief_en_leedstraat = yes(res, 0, 1);
    COPY(out->since, res, 0, 2);
    out->awards_year = num(res, 0, 3);
    out->max_per_year = num(res, 0, 4);
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_staff_budget = DB_STMT(
    "db_staff_budget",
    "SELECT y.year, u.wijk_code IS NOT NULL, coalesce(u.budget_cents, 0),"
    " coalesce(u.awarded_cents, 0), coalesce(u.remaining_cents, 0),"
    " b.year IS NOT NULL, coalesce(b.city_budget_cents, 0),"
    " (SELECT coalesce(sum(w.amount_cents), 0) FROM award w"
    "  WHERE w.budget_year = y.year)"
    " FROM (SELECT " THIS_YEAR "::smallint AS year) y"
    " LEFT JOIN wijk_budget_usage u ON u.year = y.year AND u.wijk_code = $1"
    " LEFT JOIN budget_year b ON b.year = y.year",
    1);

int
db_staff_budget(struct db_conn *c, const char *wijk, struct staff_budget *out)
{
    const char *p[1] = {wijk};
    PGresult *res;
    int r;

    r = db_query(c, &stmt_db_staff_budget, p, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : DB_HARD_ERROR;
    }
    memset(out, 0, sizeof(*out));
    out->year = (int)num(res, 0, 0);
    out->has_wijk = yes(res, 0, 1);
    out->wijk_cents = num(res, 0, 2);
    out->wijk_awarded_cents = num(res, 0, 3);
    out->wijk_remaining_cents = num(res, 0, 4);
    out->has_city = yes(res, 0, 5);
    out->city_cents = num(res, 0, 6);
    out->city_awarded_cents = num(res, 0, 7);
    out->city_remaining_cents = out->city_cents - out->city_awarded_cents;
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_staff_wijk_streets =
    DB_STMT("db_staff_wijk_streets",
            "SELECT DISTINCT s.name FROM street s"
            " JOIN street_buurt sb ON sb.street_id = s.id"
            " JOIN buurt b ON b.code = sb.buurt_code WHERE b.wijk_code = $1"
            " ORDER BY s.name LIMIT 5000",
            1);

int
db_staff_wijk_streets(struct db_conn *c, const char *wijk,
                      void (*fn)(void *cls, const char *name), void *cls)
{
    const char *p[1] = {wijk};
    PGresult *res;
    int r, i;

    r = db_query(c, &stmt_db_staff_wijk_streets, p, &res);
    for (i = 0; i < r; i++)
        fn(cls, PQgetvalue(res, i, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_app_lock = DB_STMT(
    "db_staff_app_lock",
    "SELECT a.status, a.version, coalesce(a.street_id, 0), a.wijk_code,"
    " o.email IS NOT NULL"
    " FROM application a JOIN organiser o ON o.id = a.organiser_id"
    " WHERE a.id = $1::bigint AND" IN_WIJKEN("a.wijk_code") " FOR UPDATE OF a",
    2);

int
db_staff_app_lock(struct db_conn *c, long long id, const char *wijken,
                  struct staff_app_lock *out)
{
    PGresult *res;
    int r;

    r = query_app(c, &stmt_db_staff_app_lock, id, wijken, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : 0;
    }
    memset(out, 0, sizeof(*out));
    COPY(out->status, res, 0, 0);
    out->version = (int)num(res, 0, 1);
    out->street_id = num(res, 0, 2);
    COPY(out->wijk, res, 0, 3);
    out->has_email = yes(res, 0, 4);
    PQclear(res);
    return 1;
}

/* The trigger application_before_update checks the move and bumps the
 * version; the WHERE on version makes a concurrent edit touch 0 rows. */
static struct db_stmt stmt_db_staff_app_set_status =
    DB_STMT("db_staff_app_set_status",
            "UPDATE application SET status = $3 WHERE id = $1::bigint"
            " AND version = $4::integer AND" IN_WIJKEN("wijk_code"),
            4);

int
db_staff_app_set_status(struct db_conn *c, long long id, int version,
                        const char *wijken, const char *status)
{
    char v[24], ver[16];
    const char *p[4] = {v, wijken, status, ver};

    snprintf(v, sizeof(v), "%lld", id);
    snprintf(ver, sizeof(ver), "%d", version);
    return db_query(c, &stmt_db_staff_app_set_status, p, NULL);
}

static struct db_stmt stmt_db_staff_app_question_insert = DB_STMT(
    "db_staff_app_question_insert",
    "INSERT INTO application_message (application_id, author, staff_user_id,"
    " body) VALUES ($1::bigint, 'staff', $2::bigint, $3) RETURNING id",
    3);

int
db_staff_app_question_insert(struct db_conn *c, long long id,
                             long long staff_user_id, const char *body,
                             long long *message_id)
{
    char v[24], u[24];
    const char *p[3] = {v, u, body};
    PGresult *res;
    int r;

    snprintf(v, sizeof(v), "%lld", id);
    snprintf(u, sizeof(u), "%lld", staff_user_id);
    r = db_query(c, &stmt_db_staff_app_question_insert, p, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : DB_HARD_ERROR;
    }
    *message_id = num(res, 0, 0);
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_staff_street_in_wijk =
    DB_STMT("db_staff_street_in_wijk",
            "SELECT s.id, s.name FROM street s"
            " WHERE lower(s.name) = lower(btrim($1))"
            " AND EXISTS (SELECT 1 FROM street_buurt sb JOIN buurt b"
            "  ON b.code = sb.buurt_code WHERE sb.street_id = s.id"
            "  AND b.wijk_code = $2)",
            2);

int
db_staff_street_in_wijk(struct db_conn *c, const char *name, const char *wijk,
                        long long *street_id, char *canonical,
                        size_t canonical_size)
{
    const char *p[2] = {name, wijk};
    PGresult *res;
    int r;

    r = db_query(c, &stmt_db_staff_street_in_wijk, p, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : 0;
    }
    *street_id = num(res, 0, 0);
    copy(canonical, canonical_size, res, 0, 1);
    PQclear(res);
    return 1;
}

/* The flags are recomputed as the application form computes them at
 * submission (application_submit.c), now that the street is known. */
static struct db_stmt stmt_db_staff_app_link_street = DB_STMT(
    "db_staff_app_link_street",
    "UPDATE application a SET street_id = s.id, street_name = s.name,"
    " buurt_code = coalesce((SELECT min(sb.buurt_code) FROM street_buurt sb"
    "  JOIN buurt b ON b.code = sb.buurt_code WHERE sb.street_id = s.id"
    "  AND b.wijk_code = a.wijk_code HAVING count(*) = 1),"
    "  (SELECT sb.buurt_code FROM street_buurt sb WHERE sb.street_id = s.id"
    "  AND sb.buurt_code = a.buurt_code)),"
    " flag_unknown_street = false,"
    " flag_second_open = EXISTS (SELECT 1 FROM application o"
    "  WHERE o.street_id = s.id AND o.id <> a.id AND o.status IN"
    "  ('ingediend', 'in_behandeling', 'aanvulling_gevraagd')),"
    " flag_over_yearly_maximum = (SELECT count(*) FROM application o"
    "  WHERE o.street_id = s.id AND o.id <> a.id"
    "  AND o.status NOT IN ('afgewezen', 'ingetrokken')"
    "  AND date_part('year', o.submitted_at AT TIME ZONE 'Europe/Amsterdam')"
    "  = " THIS_YEAR ") >= coalesce((SELECT y.max_potjes_per_street"
    "  FROM budget_year y WHERE y.year = " THIS_YEAR "),"
    "  setting_int('max_potjes_per_street_per_year'))"
    " FROM street s WHERE s.id = $3::bigint AND a.id = $1::bigint"
    " AND a.version = $4::integer AND a.street_id IS NULL"
    " AND" IN_WIJKEN("a.wijk_code"),
    4);

int
db_staff_app_link_street(struct db_conn *c, long long id, int version,
                         const char *wijken, long long street_id)
{
    char v[24], s[24], ver[16];
    const char *p[4] = {v, wijken, s, ver};

    snprintf(v, sizeof(v), "%lld", id);
    snprintf(s, sizeof(s), "%lld", street_id);
    snprintf(ver, sizeof(ver), "%d", version);
    return db_query(c, &stmt_db_staff_app_link_street, p, NULL);
}

static struct db_stmt stmt_db_staff_app_last_change = DB_STMT(
    "db_staff_app_last_change",
    "SELECT a.status, a.version,"
    " coalesce(" AMS(
        "e.at", "DD-MM-YYYY HH24:MI") ", ''),"
                                      " coalesce(e.actor_kind, ''), "
                                      "coalesce(u.name, ''),"
                                      " coalesce(e.action, '')"
                                      " FROM application a LEFT JOIN LATERAL "
                                      "(SELECT * FROM audit_event x"
                                      "  WHERE x.object_type = 'application' "
                                      "AND x.object_id = a.id::text"
                                      "  ORDER BY x.id DESC LIMIT 1) e ON true"
                                      " LEFT JOIN staff_user u ON u.id = "
                                      "e.actor_user_id"
                                      " WHERE a.id = $1::bigint AND" IN_WIJKEN(
                                          "a.wijk_code"),
    2);

int
db_staff_app_last_change(struct db_conn *c, long long id, const char *wijken,
                         struct staff_app_change *out)
{
    PGresult *res;
    int r;

    r = query_app(c, &stmt_db_staff_app_last_change, id, wijken, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : 0;
    }
    memset(out, 0, sizeof(*out));
    COPY(out->status, res, 0, 0);
    out->version = (int)num(res, 0, 1);
    COPY(out->at, res, 0, 2);
    COPY(out->actor_kind, res, 0, 3);
    COPY(out->actor, res, 0, 4);
    COPY(out->action, res, 0, 5);
    PQclear(res);
    return 1;
}
