#include "db_setting.h"

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
