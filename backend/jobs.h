/* jobs.h - scheduled work shared by all servers on one database.
 *
 * Every server runs a ticker thread; a due job is claimed in the database
 * (scheduled_job row, job_run unique per due time) inside the same
 * transaction as its work, so with two or more servers each run happens
 * exactly once, and a server that dies mid-run leaves nothing half done.
 */
#ifndef LIEFLEED_JOBS_H
#define LIEFLEED_JOBS_H

#include "db.h"

struct app;
struct jobs;

/* Start the ticker thread. NULL on failure (the server runs without). */
struct jobs *jobs_start(struct app *app);

/* Stop and join the ticker; safe with NULL. */
void jobs_stop(struct jobs *j);

/* Run every due job once, now (the ticker's body; also for tests and the
 * command line). Returns the number of jobs this server ran, or a
 * negative db_status. */
int jobs_run_due(struct db_conn *c, const char *server_id);

#endif
