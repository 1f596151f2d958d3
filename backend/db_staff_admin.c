#include "db_staff_admin.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* The columns read by row_read(), in its order. Times are shown in the
 * municipality's zone whatever the server's is. */
#define ADMIN_USER_COLUMNS                                                     \
    "u.id, u.email, u.name, u.role,"                                           \
    " coalesce((SELECT string_agg(w.wijk_code, ',' ORDER BY w.wijk_code)"      \
    "   FROM staff_user_wijk w WHERE w.user_id = u.id), ''),"                  \
    " to_char(u.created_at AT TIME ZONE 'Europe/Amsterdam',"                   \
    "   'YYYY-MM-DD HH24:MI'),"                                                \
    " coalesce(to_char(u.disabled_at AT TIME ZONE 'Europe/Amsterdam',"         \
    "   'YYYY-MM-DD HH24:MI'), ''),"                                           \
    " u.disabled_at IS NOT NULL,"                                              \
    " coalesce((SELECT to_char(max(s.created_at) AT TIME ZONE"                 \
    "   'Europe/Amsterdam', 'YYYY-MM-DD HH24:MI') FROM staff_session s"        \
    "   WHERE s.user_id = u.id), ''),"                                         \
    " to_char(u.updated_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS'),"         \
    " u.totp_secret IS NOT NULL"

/* The same text as the version column, for the WHERE of an update. */
#define ADMIN_USER_VERSION                                                     \
    "to_char(updated_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS')"

static bool
row_read(PGresult *res, int row, struct staff_admin_user *a)
{
    struct staff_user *u = &a->u;

    memset(a, 0, sizeof(*a));
    u->id = db_ll(PQgetvalue(res, row, 0));
    if (u->id <= 0)
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
    snprintf(a->last_login, sizeof(a->last_login), "%s",
             PQgetvalue(res, row, 8));
    snprintf(a->version, sizeof(a->version), "%s", PQgetvalue(res, row, 9));
    a->totp = strcmp(PQgetvalue(res, row, 10), "t") == 0;
    return true;
}

static struct db_stmt stmt_staff_admin_list =
    DB_STMT("staff_admin_list",
            "SELECT " ADMIN_USER_COLUMNS " FROM staff_user u"
            " ORDER BY lower(u.name), lower(u.email)",
            0);

int
db_staff_admin_list(struct db_conn *c, db_staff_admin_cb cb, void *cls)
{
    PGresult *res;
    struct staff_admin_user u;
    int r = db_query(c, &stmt_staff_admin_list, NULL, &res), i;

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

static struct db_stmt stmt_staff_admin_get =
    DB_STMT("staff_admin_get",
            "SELECT " ADMIN_USER_COLUMNS " FROM staff_user u"
            " WHERE u.id = $1::bigint",
            1);

int
db_staff_admin_get(struct db_conn *c, long long id,
                   struct staff_admin_user *out)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_staff_admin_get, id, &res);

    if (r < 0)
        return r;
    if (r > 0 && !row_read(res, 0, out))
        r = DB_HARD_ERROR;
    PQclear(res);
    return r;
}

static struct db_stmt stmt_staff_admin_update =
    DB_STMT("staff_admin_update",
            "UPDATE staff_user SET name = $2, role = $3, updated_at = now()"
            " WHERE id = $1::bigint AND " ADMIN_USER_VERSION " = $4",
            4);

int
db_staff_admin_update(struct db_conn *c, long long id, const char *name,
                      const char *role, const char *version)
{
    char sid[24];
    const char *p[4] = {sid, name, role, version};

    snprintf(sid, sizeof(sid), "%lld", id);
    return db_query(c, &stmt_staff_admin_update, p, NULL);
}

static struct db_stmt stmt_staff_admin_set_password =
    DB_STMT("staff_admin_set_password",
            "UPDATE staff_user SET password_hash = $2, updated_at = now()"
            " WHERE id = $1::bigint",
            2);

int
db_staff_admin_set_password(struct db_conn *c, long long id,
                            const char *password_hash)
{
    char sid[24];
    const char *p[2] = {sid, password_hash};

    snprintf(sid, sizeof(sid), "%lld", id);
    return db_query(c, &stmt_staff_admin_set_password, p, NULL);
}

static struct db_stmt stmt_staff_admin_enable =
    DB_STMT("staff_admin_enable",
            "UPDATE staff_user SET disabled_at = NULL, updated_at = now()"
            " WHERE id = $1::bigint AND disabled_at IS NOT NULL",
            1);

int
db_staff_admin_enable(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_staff_admin_enable, id, NULL);
}

static struct db_stmt stmt_staff_admin_wijken_clear =
    DB_STMT("staff_admin_wijken_clear",
            "DELETE FROM staff_user_wijk WHERE user_id = $1::bigint", 1);

int
db_staff_admin_wijken_clear(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_staff_admin_wijken_clear, id, NULL);
}

static struct db_stmt stmt_staff_admin_wijk_names = DB_STMT(
    "staff_admin_wijk_names", "SELECT code, name FROM wijk ORDER BY code", 0);

int
db_staff_admin_wijk_names(struct db_conn *c,
                          struct wijk_name out[WIJK_COUNT_MAX])
{
    PGresult *res;
    int r = db_query(c, &stmt_staff_admin_wijk_names, NULL, &res), i;

    if (r < 0)
        return r;
    if (r > WIJK_COUNT_MAX)
        r = WIJK_COUNT_MAX;
    for (i = 0; i < r; i++) {
        snprintf(out[i].code, sizeof(out[i].code), "%s", PQgetvalue(res, i, 0));
        snprintf(out[i].name, sizeof(out[i].name), "%s", PQgetvalue(res, i, 1));
    }
    PQclear(res);
    return r;
}
