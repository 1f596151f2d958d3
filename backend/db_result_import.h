/* db_result_import.h - the statements of the result import (issue 5):
 * storing an uploaded result file, checking its rows against the payouts,
 * and applying them. One function per statement; the domain logic around
 * them is result_import.h.
 *
 * The rows travel to PostgreSQL as arrays (one parameter per column,
 * unnest()ed on the server), so checking or applying 100,000 rows is a
 * handful of set-based statements, not one round trip per row.
 */
#ifndef LIEFLEED_DB_RESULT_IMPORT_H
#define LIEFLEED_DB_RESULT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "result_file.h"

/* A stored result file as the preview and the commit see it. */
struct db_result_file_info {
    long long id;
    char sha256_hex[65];
    bool applied;
    char applied_at[24];  /* "DD-MM-YYYY HH:MM" Europe/Amsterdam, or "" */
    char applied_by[804]; /* the name of who applied it, or "" */
};

/* The decimal mark of the finance files (setting csv_decimal_mark): ','
 * or '.'. 1 found (*mark set), <0 error. */
int db_result_decimal_mark(struct db_conn *c, char *mark);

/* Store data[0..len) with its SHA-256 (sha256_hex, computed by the caller;
 * the schema checks it) as uploaded by user_id; the same bytes uploaded
 * before are the same row (a previewed one gets the new uploader). Fills
 * *out, also when the file was applied before. 1 or <0. */
int db_result_file_store(struct db_conn *c, const char *data, size_t len,
                         const char *sha256_hex, long long user_id,
                         struct db_result_file_info *out);

/* The stored file id whose SHA-256 is sha256_hex: its content (malloc()ed,
 * *data; NULL when purged) and *out. 1 found, 0 no such file, <0 error. */
int db_result_file_load(struct db_conn *c, long long id, const char *sha256_hex,
                        char **data, size_t *len,
                        struct db_result_file_info *out);

/* What the database knows about one row's reference. */
struct db_result_fact {
    long long payout_id; /* 0: no payout has this reference */
    char payout_status[16];
    long long amount_cents;
    char batch_number[40]; /* the payout's latest batch, "" when none */
    char batch_status[16]; /* live, cancelled, imported, or "" */
    char paid_on[11];      /* dd-mm-yyyy of paid_at, or "" */
    bool date_in_future;   /* the row's date is after today */
};

/* The facts for rows[0..n) of f, into facts[0..n) (same order). Returns n
 * or <0. */
int db_result_check_rows(struct db_conn *c, const struct result_file *f,
                         struct db_result_fact *facts);

/* A live batch that the file touches but does not answer in full. */
typedef void (*db_result_incomplete_cb)(void *cls, const char *number,
                                        long long lines, long long missing,
                                        const char *examples);

/* For every live batch holding a payout of f's rows, the lines whose
 * payout f does not name: cb per such batch. Returns how many batches, or
 * <0. */
int db_result_incomplete_batches(struct db_conn *c, const struct result_file *f,
                                 db_result_incomplete_cb cb, void *cls);

/* Lock stored file id (with sha256_hex) for the commit; *applied tells
 * whether it was applied already. 1 found, 0 no such file. */
int db_result_file_lock(struct db_conn *c, long long id, const char *sha256_hex,
                        bool *applied);

/* Mark file id (with sha256_hex) applied by user_id with its counts. 1
 * done, 0 when it was applied already (or is not that file). */
int db_result_file_mark_applied(struct db_conn *c, long long id,
                                const char *sha256_hex, long long user_id,
                                long long rows, long long paid,
                                long long refused, long long reversed);

/* The answers on the live batch lines of f's payouts that are in_batch.
 * Returns the number of lines or <0. */
int db_result_apply_lines(struct db_conn *c, const struct result_file *f);

/* betaald rows: in_batch payouts betaald, paid at noon (Europe/Amsterdam)
 * of the row's date. Returns how many. */
int db_result_apply_paid(struct db_conn *c, const struct result_file *f);

/* geweigerd rows for payouts of status from ("in_batch": refused, or
 * "betaald": the bank returned the money): mislukt, failed_at the row's
 * date (noon, never later than now), failure_reason the row's reason;
 * and a payment_failed message to the resident, who is asked for another
 * IBAN on the status page. Returns how many payouts. */
int db_result_apply_failed(struct db_conn *c, const struct result_file *f,
                           const char *from);

/* The live batches of f's payouts whose lines now all have a result:
 * imported by user_id, and recorded as closed by file_id. Their numbers,
 * comma-separated and each quoted as JSON strings, into numbers_json
 * ("\"BT-2026-00001\",\"BT-2026-00002\""). Returns how many batches. */
int db_result_close_batches(struct db_conn *c, const struct result_file *f,
                            long long user_id, long long file_id,
                            char *numbers_json, size_t jsonlen);

/* Recent imports for the upload page, newest first. */
struct db_result_recent {
    long long id;
    char uploaded_at[24];
    char uploaded_by[804];
    bool applied;
    char applied_at[24];
    long long rows, paid, refused, reversed;
    char batches[256]; /* numbers, comma-separated */
};
typedef void (*db_result_recent_cb)(void *cls,
                                    const struct db_result_recent *r);
int db_result_recent(struct db_conn *c, int limit, db_result_recent_cb cb,
                     void *cls);

/* Staff user id of an active financien account with this e-mail
 * (the command line acts as that user). 1 found, 0 none, <0 error. */
int db_result_financien_user(struct db_conn *c, const char *email,
                             long long *id);

/* Refresh the planner's statistics of payout and batch_line. Right after a
 * batch of thousands is made they still say almost nothing is in_batch,
 * and the planner then compares every row of the file with every payout
 * (60 s for 10,000 rows instead of about 1 s). Returns 0. */
int db_result_analyze(struct db_conn *c);

#endif
