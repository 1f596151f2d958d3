/* batch_create.h - the domain of payout batches (issue 5): make one with
 * its three files, cancel one. Used by the finance pages and by
 * `liefleed batch`.
 *
 * Each operation is one db_transaction(): everything or nothing, also
 * when the process is killed halfway (the files are generated inside the
 * transaction from the rows it locked, so they always describe exactly the
 * lines that commit with them). The schema keeps the rules (sql/003,
 * sql/011); these functions turn its answers into outcomes and Dutch
 * messages.
 */
#ifndef LIEFLEED_BATCH_CREATE_H
#define LIEFLEED_BATCH_CREATE_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "db_batch.h"

enum batch_outcome {
    BATCH_MADE,         /* a batch was made and committed */
    BATCH_NOTHING,      /* no payout could be batched; nothing written */
    BATCH_FILES_FAILED, /* a file could not be made; nothing written */
    BATCH_NOT_ALLOWED,  /* the user is not an active financien account */
    BATCH_DB_ERROR,     /* the database failed; nothing written */
};

struct batch_create_result {
    enum batch_outcome outcome;
    char number[BATCH_NUMBER_SIZE];
    long long lines, total_cents, bank, cards;
    /* payouts te_betalen (within the date) not in the batch: approved by
     * this user (segregation of duties), or waiting for a makelaar to
     * confirm a changed payee */
    long long skipped, waiting;
    char message[512]; /* Dutch, for BATCH_NOTHING and BATCH_FILES_FAILED */
};

/* Make a batch as financien user user_id of every batchable payout
 * te_betalen, or of those awarded up to until_iso ("YYYY-MM-DD"; NULL:
 * all). Returns the outcome (also in out->outcome). */
enum batch_outcome batch_create(struct db_conn *c, long long user_id,
                                const char *until_iso,
                                struct batch_create_result *out);

enum batch_cancel_outcome {
    BATCH_CANCELLED,
    BATCH_NOT_CANCELLABLE, /* no live batch without results by that number */
    BATCH_CANCEL_DB_ERROR,
};

/* Cancel the live batch number (no result imported yet) as user_id with
 * reason (checked by the caller, 1..500 characters): payouts back to
 * te_betalen, files kept. *lines gets the number of lines. */
enum batch_cancel_outcome batch_cancel(struct db_conn *c, long long user_id,
                                       const char *number, const char *reason,
                                       long long *lines);

/* The stored bytes of one file of batch number (malloc()ed into *data for
 * the caller to free), and its download on the record in the same
 * transaction: audit batch.download {"number", "file"} by actor_kind
 * ("staff" with actor_id, or "system" with 0 for the command line). The
 * files hold IBANs: personal data. Returns 1, 0 when there is no such
 * batch or file, <0 on a database error. */
int batch_file_download(struct db_conn *c, const char *actor_kind,
                        long long actor_id, const char *number,
                        enum batch_file_kind kind, unsigned char **data,
                        size_t *len);

/* The file name of a batch file: "betaalbatch-BT-2026-00001.csv". */
void batch_file_name(const char *number, enum batch_file_kind kind, char *out,
                     size_t outlen);

/* Whether s looks like a batch number (1..35 of A-Z, 0-9, '-'), so that
 * anything else answers 404 without asking the database. */
bool batch_number_valid(const char *s);

#endif
