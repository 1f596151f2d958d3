#include "db_job.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_internal.h"

static struct db_stmt stmt_db_job_ensure =
    DB_STMT("db_job_ensure",
            "INSERT INTO scheduled_job (name, next_run_at) VALUES ($1, now()) "
            "ON CONFLICT (name) DO NOTHING",
            1);

/* Move the job's next run ahead and record this run in one statement;
 * under SERIALIZABLE a second server doing the same at once is rolled back
 * and, retried, finds the job no longer due. */
static struct db_stmt stmt_db_job_claim = DB_STMT(
    "db_job_claim",
    "WITH due AS ("
    "  SELECT name, next_run_at FROM scheduled_job"
    "  WHERE name = $1 AND next_run_at <= now() FOR UPDATE),"
    " moved AS ("
    "  UPDATE scheduled_job s"
    "  SET next_run_at = now() + make_interval(secs => $2::integer),"
    "      last_run_at = now(), last_run_by = $3"
    "  FROM due WHERE s.name = due.name RETURNING due.next_run_at AS due_at)"
    " INSERT INTO job_run (job_name, due_at, server_id)"
    " SELECT $1, due_at, $3 FROM moved RETURNING id",
    3);

static struct db_stmt stmt_db_job_finish =
    DB_STMT("db_job_finish",
            "UPDATE job_run SET finished_at = clock_timestamp() "
            "WHERE id = $1::bigint",
            1);

int
db_job_claim(struct db_conn *c, const char *name, unsigned interval_s,
             const char *server_id, long long *run_id)
{
    char secs[16];
    const char *p1[1] = {name};
    const char *p3[3] = {name, secs, server_id};
    PGresult *res;
    int r;

    snprintf(secs, sizeof(secs), "%u", interval_s);
    r = db_query(c, &stmt_db_job_ensure, p1, NULL);
    if (r < 0)
        return r;
    r = db_query(c, &stmt_db_job_claim, p3, &res);
    if (r <= 0) {
        PQclear(res);
        return r;
    }
    *run_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return 1;
}

enum db_status
db_job_finish(struct db_conn *c, long long run_id)
{
    char id[24];
    const char *params[1] = {id};
    int r;

    snprintf(id, sizeof(id), "%lld", run_id);
    r = db_query(c, &stmt_db_job_finish, params, NULL);
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

/* Expired or ended sessions are kept a day for the record of the
 * session's own row; idempotency keys a week (a resident pressing "back"
 * days later still gets the same answer); throttle rows a day. */
static struct db_stmt stmt_db_job_sessions = DB_STMT(
    "db_job_sessions",
    "DELETE FROM staff_session WHERE expires_at < now() - interval '1 day'"
    " OR ended_at < now() - interval '1 day'",
    0);
static struct db_stmt stmt_db_job_idempotency =
    DB_STMT("db_job_idempotency",
            "DELETE FROM idempotency_key "
            "WHERE created_at < now() - interval '7 days'",
            0);
/* The form's one-time key is only needed while a resubmission is likely;
 * after that it would refuse a form kept open for a week. */
static struct db_stmt stmt_db_job_app_keys = DB_STMT(
    "db_job_app_keys",
    "UPDATE application SET idempotency_key = NULL WHERE idempotency_key IS"
    " NOT NULL AND submitted_at < now() - interval '7 days'",
    0);
/* Windows of the rate limit hold a (hashed) client address: keep them no
 * longer than the window is useful. */
static struct db_stmt stmt_db_job_rate_limit =
    DB_STMT("db_job_rate_limit",
            "DELETE FROM rate_limit WHERE window_start < now() - interval "
            "'2 hours'",
            0);
static struct db_stmt stmt_db_job_throttle = DB_STMT(
    "db_job_throttle",
    "DELETE FROM login_throttle WHERE last_failure_at < now() - interval "
    "'1 day' AND (blocked_until IS NULL OR blocked_until < now())",
    0);

enum db_status
db_job_housekeeping(struct db_conn *c, void *cls)
{
    int r;

    (void)cls;
    if ((r = db_query(c, &stmt_db_job_sessions, NULL, NULL)) < 0 ||
        (r = db_query(c, &stmt_db_job_idempotency, NULL, NULL)) < 0 ||
        (r = db_query(c, &stmt_db_job_throttle, NULL, NULL)) < 0 ||
        (r = db_query(c, &stmt_db_job_app_keys, NULL, NULL)) < 0 ||
        (r = db_query(c, &stmt_db_job_rate_limit, NULL, NULL)) < 0)
        return (enum db_status)r;
    return DB_ONE_RESULT;
}
