#include "db_idempotency.h"

#include <stdio.h>

#include "db_internal.h"

static struct db_stmt stmt_db_idempotency_get =
    DB_STMT("db_idempotency_get",
            "SELECT coalesce(result, '') FROM idempotency_key"
            " WHERE key = $1 AND purpose = $2",
            2);
static struct db_stmt stmt_db_idempotency_put =
    DB_STMT("db_idempotency_put",
            "INSERT INTO idempotency_key (key, purpose, completed_at, result)"
            " VALUES ($1, $2, now(), $3)",
            3);

int
db_idempotency_get(struct db_conn *c, const char *key, const char *purpose,
                   char *out, size_t outlen)
{
    const char *p[2] = {key, purpose};
    PGresult *res;
    int r = db_query(c, &stmt_db_idempotency_get, p, &res);

    if (r == 1)
        snprintf(out, outlen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

enum db_status
db_idempotency_put(struct db_conn *c, const char *key, const char *purpose,
                   const char *result)
{
    const char *p[3] = {key, purpose, result};
    int r = db_query(c, &stmt_db_idempotency_put, p, NULL);

    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}
