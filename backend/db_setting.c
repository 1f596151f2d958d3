#include "db_setting.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

static struct db_stmt stmt_db_setting_int =
    DB_STMT("db_setting_int", "SELECT value FROM setting WHERE key = $1", 1);

int
db_setting_int(struct db_conn *c, const char *key, long long *out)
{
    const char *p[1] = {key};
    PGresult *res;
    int r = db_query(c, &stmt_db_setting_int, p, &res);

    if (r == 1)
        *out = db_ll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_setting_list = DB_STMT(
    "db_setting_list",
    "SELECT key, kind, value, min_value IS NOT NULL,"
    " coalesce(min_value, 0), max_value IS NOT NULL, coalesce(max_value, 0),"
    " description, to_char(updated_at AT TIME ZONE 'Europe/Amsterdam',"
    " 'DD-MM-YYYY HH24:MI')"
    " FROM setting ORDER BY key",
    0);

int
db_setting_list(struct db_conn *c, db_setting_cb cb, void *cls)
{
    PGresult *res;
    struct setting_row s;
    int r = db_query(c, &stmt_db_setting_list, NULL, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&s, 0, sizeof(s));
        snprintf(s.key, sizeof(s.key), "%s", PQgetvalue(res, i, 0));
        snprintf(s.kind, sizeof(s.kind), "%s", PQgetvalue(res, i, 1));
        snprintf(s.value, sizeof(s.value), "%s", PQgetvalue(res, i, 2));
        s.has_min = strcmp(PQgetvalue(res, i, 3), "t") == 0;
        s.min_value = db_ll(PQgetvalue(res, i, 4));
        s.has_max = strcmp(PQgetvalue(res, i, 5), "t") == 0;
        s.max_value = db_ll(PQgetvalue(res, i, 6));
        snprintf(s.description, sizeof(s.description), "%s",
                 PQgetvalue(res, i, 7));
        snprintf(s.updated_at, sizeof(s.updated_at), "%s",
                 PQgetvalue(res, i, 8));
        cb(cls, &s);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_setting_update =
    DB_STMT("db_setting_update",
            "UPDATE setting SET value = $2, updated_by = $3::bigint"
            " WHERE key = $1",
            3);

int
db_setting_update(struct db_conn *c, const char *key, const char *value,
                  long long updated_by)
{
    char by[24];
    const char *p[3] = {key, value, by};

    snprintf(by, sizeof(by), "%lld", updated_by);
    return db_query(c, &stmt_db_setting_update, p, NULL);
}

static struct db_stmt stmt_db_setting_version =
    DB_STMT("db_setting_version",
            "SELECT coalesce(to_char(max(updated_at) AT TIME ZONE 'UTC',"
            " 'YYYYMMDDHH24MISSUS'), '') FROM setting",
            0);

int
db_setting_version(struct db_conn *c, char out[32])
{
    PGresult *res;
    int r = db_query(c, &stmt_db_setting_version, NULL, &res);

    if (r < 0)
        return r;
    if (r == 1)
        snprintf(out, 32, "%s", PQgetvalue(res, 0, 0));
    else
        r = DB_HARD_ERROR;
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_setting_audit = DB_STMT(
    "db_setting_audit",
    "INSERT INTO audit_event (actor_kind, actor_user_id, action, object_type,"
    " object_id, details) VALUES ('staff', $1::bigint, 'setting.update',"
    " 'setting', $2, $3::jsonb)",
    3);

int
db_setting_audit(struct db_conn *c, long long actor_id, const char *key,
                 const char *details)
{
    char id[24];
    const char *p[3] = {id, key, details};

    snprintf(id, sizeof(id), "%lld", actor_id);
    return db_query(c, &stmt_db_setting_audit, p, NULL);
}
