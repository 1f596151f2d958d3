#include "db_staff_user.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

/* The columns struct staff_user is read from, in row_read()'s order.
 * Times are shown in the municipality's zone whatever the server's is. */
#define STAFF_USER_COLUMNS                                                     \
    "u.id, u.email, u.name, u.role,"                                           \
    " coalesce((SELECT string_agg(w.wijk_code, ',' ORDER BY w.wijk_code)"      \
    "   FROM staff_user_wijk w WHERE w.user_id = u.id), ''),"                  \
    " to_char(u.created_at AT TIME ZONE 'Europe/Amsterdam',"                   \
    "   'YYYY-MM-DD HH24:MI'),"                                                \
    " coalesce(to_char(u.disabled_at AT TIME ZONE 'Europe/Amsterdam',"         \
    "   'YYYY-MM-DD HH24:MI'), ''),"                                           \
    " u.disabled_at IS NOT NULL"

static bool
parse_id(const char *s, long long *out)
{
    char *end;

    errno = 0;
    *out = strtoll(s, &end, 10);
    return errno == 0 && end != s && *end == '\0';
}

static bool
row_read(PGresult *res, int row, struct staff_user *u)
{
    memset(u, 0, sizeof(*u));
    if (!parse_id(PQgetvalue(res, row, 0), &u->id))
        return false;
    snprintf(u->email, sizeof(u->email), "%s", PQgetvalue(res, row, 1));
    snprintf(u->name, sizeof(u->name), "%s", PQgetvalue(res, row, 2));
    snprintf(u->role, sizeof(u->role), "%s", PQgetvalue(res, row, 3));
    snprintf(u->wijken, sizeof(u->wijken), "%s", PQgetvalue(res, row, 4));
    snprintf(u->created_at, sizeof(u->created_at), "%s",
             PQgetvalue(res, row, 5));
    snprintf(u->disabled_at, sizeof(u->disabled_at), "%s",
             PQgetvalue(res, row, 6));
    u->disabled = strcmp(PQgetvalue(res, row, 7), "t") == 0;
    return true;
}

static struct db_stmt stmt_staff_user_insert =
    DB_STMT("staff_user_insert",
            "INSERT INTO staff_user (email, name, role, password_hash)"
            " VALUES ($1, $2, $3, $4) RETURNING id",
            4);

int
db_staff_user_insert(struct db_conn *c, const char *email, const char *name,
                     const char *role, const char *password_hash,
                     long long *id_out)
{
    const char *params[] = {email, name, role, password_hash};
    PGresult *res;
    int r = db_query(c, &stmt_staff_user_insert, params, &res);

    if (r < 0)
        return r;
    if (r != 1 || !parse_id(PQgetvalue(res, 0, 0), id_out))
        r = DB_HARD_ERROR;
    PQclear(res);
    return r;
}

/* INSERT ... SELECT from wijk: an unknown code inserts nothing (0 rows)
 * instead of failing the transaction on the foreign key. */
static struct db_stmt stmt_staff_user_wijk_add =
    DB_STMT("staff_user_wijk_add",
            "INSERT INTO staff_user_wijk (user_id, wijk_code)"
            " SELECT $1::bigint, code FROM wijk WHERE code = $2"
            " ON CONFLICT DO NOTHING",
            2);

int
db_staff_user_wijk_add(struct db_conn *c, long long user_id,
                       const char *wijk_code)
{
    char id[24];
    const char *params[] = {id, wijk_code};

    snprintf(id, sizeof(id), "%lld", user_id);
    return db_query(c, &stmt_staff_user_wijk_add, params, NULL);
}

static struct db_stmt stmt_staff_user_find_by_email =
    DB_STMT("staff_user_find_by_email",
            "SELECT " STAFF_USER_COLUMNS " FROM staff_user u"
            " WHERE lower(u.email) = lower($1)",
            1);

int
db_staff_user_find_by_email(struct db_conn *c, const char *email,
                            struct staff_user *out)
{
    const char *params[] = {email};
    PGresult *res;
    int r = db_query(c, &stmt_staff_user_find_by_email, params, &res);

    if (r < 0)
        return r;
    if (r > 0 && !row_read(res, 0, out))
        r = DB_HARD_ERROR;
    PQclear(res);
    return r;
}

static struct db_stmt stmt_staff_user_list =
    DB_STMT("staff_user_list",
            "SELECT " STAFF_USER_COLUMNS " FROM staff_user u"
            " ORDER BY lower(u.email)",
            0);

int
db_staff_user_list(struct db_conn *c, db_staff_user_cb cb, void *cls)
{
    PGresult *res;
    struct staff_user u;
    int r = db_query(c, &stmt_staff_user_list, NULL, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        if (!row_read(res, i, &u)) {
            r = DB_HARD_ERROR;
            break;
        }
        cb(cls, &u);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_staff_user_disable =
    DB_STMT("staff_user_disable",
            "UPDATE staff_user SET disabled_at = now(), updated_at = now()"
            " WHERE id = $1::bigint AND disabled_at IS NULL",
            1);

int
db_staff_user_disable(struct db_conn *c, long long user_id)
{
    char id[24];
    const char *params[] = {id};

    snprintf(id, sizeof(id), "%lld", user_id);
    return db_query(c, &stmt_staff_user_disable, params, NULL);
}

static struct db_stmt stmt_staff_user_end_sessions =
    DB_STMT("staff_user_end_sessions",
            "UPDATE staff_session SET ended_at = now()"
            " WHERE user_id = $1::bigint AND ended_at IS NULL",
            1);

int
db_staff_user_end_sessions(struct db_conn *c, long long user_id)
{
    char id[24];
    const char *params[] = {id};

    snprintf(id, sizeof(id), "%lld", user_id);
    return db_query(c, &stmt_staff_user_end_sessions, params, NULL);
}

/* The details are built by PostgreSQL from typed parameters, so no JSON is
 * pasted together in C. */
static struct db_stmt stmt_staff_user_audit_add = DB_STMT(
    "staff_user_audit_add",
    "INSERT INTO audit_event (actor_kind, action, object_type, object_id,"
    " details) VALUES ('system', 'user.add', 'staff_user', $1,"
    " jsonb_build_object('source', 'command line', 'os_user', $4::text,"
    "  'after', jsonb_build_object('role', $2::text, 'disabled', false,"
    "   'wijken', to_jsonb(coalesce(string_to_array(nullif($3, ''), ','),"
    "    '{}'::text[])))))",
    4);

int
db_staff_user_audit_add(struct db_conn *c, long long user_id, const char *role,
                        const char *wijken, const char *os_user)
{
    char id[24];
    const char *params[] = {id, role, wijken, os_user};

    snprintf(id, sizeof(id), "%lld", user_id);
    return db_query(c, &stmt_staff_user_audit_add, params, NULL);
}

static struct db_stmt stmt_staff_user_audit_disable = DB_STMT(
    "staff_user_audit_disable",
    "INSERT INTO audit_event (actor_kind, action, object_type, object_id,"
    " details) VALUES ('system', 'user.disable', 'staff_user', $1,"
    " jsonb_build_object('source', 'command line', 'os_user', $3::text,"
    "  'before', jsonb_build_object('disabled', false),"
    "  'after', jsonb_build_object('disabled', true),"
    "  'sessions_ended', $2::integer))",
    3);

int
db_staff_user_audit_disable(struct db_conn *c, long long user_id,
                            int sessions_ended, const char *os_user)
{
    char id[24], n[16];
    const char *params[] = {id, n, os_user};

    snprintf(id, sizeof(id), "%lld", user_id);
    snprintf(n, sizeof(n), "%d", sessions_ended);
    return db_query(c, &stmt_staff_user_audit_disable, params, NULL);
}
