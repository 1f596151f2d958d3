#include "db_audit_list.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* $1..$6: from, to, actor, action prefix, object type, object id; NULL
 * parameters match everything. Days are taken in Europe/Amsterdam. The
 * prefix is compared with left() rather than LIKE so that '_' and '%'
 * typed in the filter are plain characters. */
#define AUDIT_WHERE                                                            \
    " WHERE ($1::date IS NULL OR e.at >= ($1::date::timestamp AT TIME ZONE"    \
    "   'Europe/Amsterdam'))"                                                  \
    " AND ($2::date IS NULL OR e.at < (($2::date + 1)::timestamp AT TIME ZONE" \
    "   'Europe/Amsterdam'))"                                                  \
    " AND ($3::bigint IS NULL OR e.actor_user_id = $3::bigint)"                \
    " AND ($4::text IS NULL OR left(e.action, length($4::text)) = $4::text)"   \
    " AND ($5::text IS NULL OR e.object_type = $5::text)"                      \
    " AND ($6::text IS NULL OR e.object_id = $6::text)"

static struct db_stmt stmt_audit_list = DB_STMT(
    "audit_list",
    "SELECT e.id, to_char(e.at AT TIME ZONE 'Europe/Amsterdam',"
    " 'DD-MM-YYYY HH24:MI'), e.actor_kind, coalesce(e.actor_user_id, 0),"
    " coalesce(u.name, ''), e.action, e.object_type,"
    " coalesce(e.object_id, ''), e.details::text"
    " FROM audit_event e LEFT JOIN staff_user u ON u.id = "
    "e.actor_user_id" AUDIT_WHERE
    " AND ($7::bigint IS NULL OR e.id < $7::bigint)"
    " ORDER BY e.id DESC LIMIT $8::integer",
    8);

static struct db_stmt stmt_audit_count =
    DB_STMT("audit_count", "SELECT count(*) FROM audit_event e" AUDIT_WHERE, 6);

/* The filter as statement parameters; bufs holds the number texts. */
static void
params_of(const struct audit_filter *f, char actor[24], const char *p[6])
{
    snprintf(actor, 24, "%lld", f->actor_id);
    p[0] = f->from[0] ? f->from : NULL;
    p[1] = f->to[0] ? f->to : NULL;
    p[2] = f->actor_id > 0 ? actor : NULL;
    p[3] = f->action[0] ? f->action : NULL;
    p[4] = f->object_type[0] ? f->object_type : NULL;
    p[5] = f->object_id[0] ? f->object_id : NULL;
}

int
db_audit_list(struct db_conn *c, const struct audit_filter *f, int limit,
              db_audit_row_cb cb, void *cls)
{
    char actor[24], before[24], lim[16];
    const char *p[8];
    struct audit_row row;
    PGresult *res;
    int r, i;

    params_of(f, actor, p);
    snprintf(before, sizeof(before), "%lld", f->before_id);
    snprintf(lim, sizeof(lim), "%d", limit);
    p[6] = f->before_id > 0 ? before : NULL;
    p[7] = lim;
    r = db_query(c, &stmt_audit_list, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        row.id = db_ll(PQgetvalue(res, i, 0));
        row.at = PQgetvalue(res, i, 1);
        row.actor_kind = PQgetvalue(res, i, 2);
        row.actor_id = db_ll(PQgetvalue(res, i, 3));
        row.actor_name = PQgetvalue(res, i, 4);
        row.action = PQgetvalue(res, i, 5);
        row.object_type = PQgetvalue(res, i, 6);
        row.object_id = PQgetvalue(res, i, 7);
        row.details = PQgetvalue(res, i, 8);
        cb(cls, &row);
    }
    PQclear(res);
    return r;
}

int
db_audit_count(struct db_conn *c, const struct audit_filter *f, long long *n)
{
    char actor[24];
    const char *p[6];
    PGresult *res;
    int r;

    params_of(f, actor, p);
    r = db_query(c, &stmt_audit_count, p, &res);
    if (r < 0)
        return r;
    if (r == 1)
        *n = db_ll(PQgetvalue(res, 0, 0));
    else
        r = DB_HARD_ERROR;
    PQclear(res);
    return r;
}

static struct db_stmt stmt_audit_export_insert = DB_STMT(
    "audit_export_insert",
    "INSERT INTO audit_event (actor_kind, actor_user_id, action, object_type,"
    " details) VALUES ('staff', $1::bigint, 'audit.export', 'audit_event',"
    " $2::jsonb)",
    2);

int
db_audit_export_insert(struct db_conn *c, long long actor_id,
                       const char *details)
{
    char id[24];
    const char *p[2] = {id, details};

    snprintf(id, sizeof(id), "%lld", actor_id);
    return db_query(c, &stmt_audit_export_insert, p, NULL);
}
