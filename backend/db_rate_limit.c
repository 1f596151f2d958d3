#include "db_rate_limit.h"

#include <stdio.h>

#include "db_internal.h"
#include "db_util.h"

static struct db_stmt stmt_db_rate_limit_hit =
    DB_STMT("db_rate_limit_hit",
            "WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) /"
            " $3::integer) * $3::integer) AS start)"
            " INSERT INTO rate_limit AS r (purpose, client, window_start, hits)"
            " SELECT $1, $2::bytea, w.start, 1 FROM w"
            " ON CONFLICT (purpose, client, window_start)"
            " DO UPDATE SET hits = r.hits + 1"
            " RETURNING hits, ceil(extract(epoch FROM r.window_start"
            " + make_interval(secs => $3::integer) - now()))::integer",
            3);

int
db_rate_limit_hit(struct db_conn *c, const char *purpose,
                  const unsigned char client[32], unsigned window_s,
                  unsigned *retry_after_s)
{
    char hex[2 + 64 + 1], win[16];
    const char *p[3] = {purpose, hex, win};
    PGresult *res;
    int r;

    db_bytea_hex(client, 32, hex);
    snprintf(win, sizeof(win), "%u", window_s);
    r = db_query(c, &stmt_db_rate_limit_hit, p, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : DB_HARD_ERROR;
    }
    r = (int)db_ll(PQgetvalue(res, 0, 0));
    *retry_after_s = (unsigned)db_ll(PQgetvalue(res, 0, 1));
    if (*retry_after_s == 0)
        *retry_after_s = 1;
    PQclear(res);
    return r;
}
