/* purge.h - the retention purge (SPEC section 8): personal data whose
 * retention period has passed is anonymised, one transaction per
 * application, leaving amounts, dates, statuses, street and wijk so that
 * every figure and the money-conservation check stay as they were.
 *
 * Used by `liefleed purge` and by the daily job retention_purge. Safe to
 * run twice and from several servers at once: each application is
 * re-checked under a row lock, and one that is already anonymised is
 * skipped.
 */
#ifndef LIEFLEED_PURGE_H
#define LIEFLEED_PURGE_H

#include <stdbool.h>

#include "db.h"

struct purge_counts {
    /* due before the run (by outcome) */
    long long due_rejected, due_withdrawn, due_awarded;
    /* anonymised by this run */
    long long applications, organisers, payouts, documents, messages, batches;
    /* applications the database refused to anonymise (see the log) */
    long long failed;
};

/* Anonymise everything that is due (dry_run: only count what is due, and
 * change nothing). Writes one audit event "retention.purge" with the
 * counts (not on a dry run). Returns DB_ONE_RESULT when every due
 * application was done, DB_REFUSED when some were refused (counts.failed),
 * or another negative db_status when the database failed. */
enum db_status purge_run(struct db_conn *c, bool dry_run,
                         struct purge_counts *counts);

/* The daily job (jobs.c): purge_run after the job was claimed. */
void purge_job(struct db_conn *c);

#endif
