#include "db_audit.h"

#include <stdio.h>

#include "db_internal.h"

static struct db_stmt stmt_db_audit_insert = DB_STMT(
    "db_audit_insert",
    "INSERT INTO audit_event (actor_kind, actor_user_id, action, object_type,"
    " object_id, details) VALUES ($1, $2::bigint, $3, $4, $5, $6::jsonb)",
    6);

enum db_status
db_audit_insert(struct db_conn *c, const char *actor_kind,
                long long actor_user_id, const char *action,
                const char *object_type, long long object_id,
                const char *details_json)
{
    char uid[24], oid[24];
    const char *p[6] = {actor_kind,
                        actor_user_id ? uid : NULL,
                        action,
                        object_type,
                        object_id ? oid : NULL,
                        details_json ? details_json : "{}"};
    int r;

    snprintf(uid, sizeof(uid), "%lld", actor_user_id);
    snprintf(oid, sizeof(oid), "%lld", object_id);
    r = db_query(c, &stmt_db_audit_insert, p, NULL);
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}
