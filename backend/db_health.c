#include "db_health.h"

#include "db_internal.h"

static struct db_stmt stmt_db_ping = DB_STMT("db_ping", "SELECT 1", 0);

int
db_ping(struct db_conn *c)
{
    return db_query(c, &stmt_db_ping, NULL, NULL);
}
