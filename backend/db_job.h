/* db_job.h - claiming scheduled jobs, and the jobs' own statements. */
#ifndef LIEFLEED_DB_JOB_H
#define LIEFLEED_DB_JOB_H

#include "db.h"

/* Inside a transaction: if job name is due, move its next run interval_s
 * ahead, record the run for server_id in job_run (its id in *run_id) and
 * return 1; 0 when not due (or another server has it). Negative
 * db_status on error. */
int db_job_claim(struct db_conn *c, const char *name, unsigned interval_s,
                 const char *server_id, long long *run_id);

/* Mark the run finished (same transaction, after the work). */
enum db_status db_job_finish(struct db_conn *c, long long run_id);

/* The daily housekeeping: ended and expired staff sessions, old
 * idempotency keys and old login throttle rows are removed. */
enum db_status db_job_housekeeping(struct db_conn *c, void *cls);

#endif
