/* db_purge.h - the statements of the retention purge (SPEC section 8).
 *
 * Which application is due is decided in SQL from the retention settings
 * (sql/010_retention.sql explains the periods). Each db_purge_* that
 * takes an application id anonymises one kind of row of that application
 * and returns how many rows it changed; all are idempotent (a second run
 * changes nothing) and leave amounts, dates, statuses, street and wijk as
 * they were. The caller runs them in one transaction per application
 * (backend/purge.c).
 */
#ifndef LIEFLEED_DB_PURGE_H
#define LIEFLEED_DB_PURGE_H

#include "db.h"

/* Applications whose retention period has passed and that are not yet
 * anonymised, with id above after_id, by id, at most max. ids[] and
 * statuses[] (each 24 bytes) receive them. Returns the count or <0. */
int db_purge_due(struct db_conn *c, long long after_id, int max, long long *ids,
                 char (*statuses)[24]);

/* Per status, how many applications are due (for --dry-run). */
struct purge_due_counts {
    long long rejected;  /* afgewezen */
    long long withdrawn; /* ingetrokken */
    long long awarded;   /* toegekend */
};
int db_purge_due_counts(struct db_conn *c, struct purge_due_counts *out);

/* Inside the transaction: lock application id when it is (still) due; its
 * status in status (24 bytes). 1 due, 0 not (any more), <0 error. */
int db_purge_lock(struct db_conn *c, long long id, char *status);

/* plan, rejection reason and form key of the application; anonymised_at */
int db_purge_application(struct db_conn *c, long long id);
/* the conversation on the status page */
int db_purge_messages(struct db_conn *c, long long id);
/* stored letters: content goes, the hash stays */
int db_purge_documents(struct db_conn *c, long long id);
/* payee and failure reason of a finished payout */
int db_purge_payouts(struct db_conn *c, long long id);
/* the bank's reason on the payout's batch lines */
int db_purge_batch_lines(struct db_conn *c, long long id);
/* the resident's notes on the spending report's lines */
int db_purge_expense_notes(struct db_conn *c, long long id);
/* the makelaar's reason for a lower award (a neutral text when required) */
int db_purge_award_reason(struct db_conn *c, long long id);
/* the makelaar's reason for a lower settlement (idem) */
int db_purge_settlement_reason(struct db_conn *c, long long id);
/* the makelaar's remarks on spot checks of the potje */
int db_purge_spot_check_notes(struct db_conn *c, long long id);
/* the gangmakers of the application that no live application needs */
int db_purge_organisers(struct db_conn *c, long long id);
/* messages to the resident: errors dropped, pending ones cancelled */
int db_purge_outbox(struct db_conn *c, long long id);
/* files of finished batches all of whose payouts are anonymised */
int db_purge_batch_files(struct db_conn *c, long long id);
/* finance's result files of those batches */
int db_purge_result_files(struct db_conn *c, long long id);

#endif
