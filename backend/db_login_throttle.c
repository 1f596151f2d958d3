#include "db_login_throttle.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_internal.h"
#include "db_util.h"

static struct db_stmt stmt_db_login_throttle_check = DB_STMT(
    "db_login_throttle_check",
    "SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::bigint"
    " FROM login_throttle WHERE blocked_until > now()"
    " AND ((scope = 'account' AND subject = lower($1))"
    "  OR (scope = 'address' AND subject = $2))"
    " HAVING count(*) > 0",
    2);

int
db_login_throttle_check(struct db_conn *c, const char *email,
                        const char *address, unsigned *retry_s)
{
    const char *p[2] = {email, address};
    PGresult *res;
    long long s;
    int r = db_query(c, &stmt_db_login_throttle_check, p, &res);

    if (r < 0)
        return r;
    if (r > 0) {
        s = db_ll(PQgetvalue(res, 0, 0));
        *retry_s = s < 1 ? 1 : s > 86400 ? 86400 : (unsigned)s;
        r = 1;
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_login_throttle_fail = DB_STMT(
    "db_login_throttle_fail",
    "INSERT INTO login_throttle AS t (scope, subject, failures,"
    " blocked_until) VALUES ($1, lower($2), 1, CASE WHEN $3::integer <= 1"
    " THEN now() + interval '1 minute' END)"
    " ON CONFLICT (scope, subject) DO UPDATE SET"
    " failures = CASE WHEN t.last_failure_at < now() - interval '1 day'"
    "  THEN 1 ELSE t.failures + 1 END,"
    " first_failure_at = CASE WHEN t.last_failure_at < now() - interval"
    "  '1 day' THEN now() ELSE t.first_failure_at END,"
    " last_failure_at = now(),"
    " blocked_until = CASE"
    "  WHEN t.last_failure_at < now() - interval '1 day' THEN NULL"
    "  WHEN t.failures + 1 >= $3::integer THEN now() + make_interval(mins =>"
    "   least(60, power(2, least(t.failures + 1 - $3::integer, 6)))::integer)"
    "  ELSE t.blocked_until END",
    3);

int
db_login_throttle_fail(struct db_conn *c, const char *scope,
                       const char *subject, int threshold)
{
    char th[16];
    const char *p[3] = {scope, subject, th};

    snprintf(th, sizeof(th), "%d", threshold);
    return db_query(c, &stmt_db_login_throttle_fail, p, NULL);
}

static struct db_stmt stmt_db_login_throttle_clear = DB_STMT(
    "db_login_throttle_clear",
    "DELETE FROM login_throttle WHERE scope = $1 AND subject = lower($2)", 2);

int
db_login_throttle_clear(struct db_conn *c, const char *scope,
                        const char *subject)
{
    const char *p[2] = {scope, subject};

    return db_query(c, &stmt_db_login_throttle_clear, p, NULL);
}
