/* result_import.h - importing finance's result file (issue 5): the rules
 * shared by the web pages (/beheer/resultaat) and the command line
 * (`liefleed batch import`).
 *
 * Two steps:
 *   preview  the file is read (reports/result_file.h), stored with its
 *            SHA-256, and every row is checked against the payouts; every
 *            problem is listed with its line. Nothing else changes.
 *   commit   the stored file is read and checked again inside ONE
 *            serializable transaction and applied, all rows or none:
 *              betaald    batch line answered, payout betaald (paid_at noon
 *                         Europe/Amsterdam of the date);
 *              geweigerd  in_batch -> mislukt with the reason, or a paid
 *                         payout reversed (betaald -> mislukt: the bank
 *                         returned the money); the resident gets a
 *                         payment_failed message and gives a new IBAN on
 *                         the status page;
 *            every batch that now has all its answers becomes imported,
 *            the file is marked applied, and one audit event batch.import
 *            records the counts. A problem found now applies nothing.
 * The same file twice: the second time nothing changes and the caller is
 * told when and by whom it was applied.
 *
 * A batch is answered as a whole (the schema keeps a payout in_batch
 * exactly while its batch is live), so a file that names some but not all
 * payouts of a live batch is a problem, with the missing references.
 */
#ifndef LIEFLEED_RESULT_IMPORT_H
#define LIEFLEED_RESULT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "db_result_import.h"
#include "result_file.h"

enum result_import_outcome {
    RESULT_IMPORT_PROBLEMS,        /* problems listed; nothing applied */
    RESULT_IMPORT_READY,           /* preview without problems */
    RESULT_IMPORT_APPLIED,         /* commit done */
    RESULT_IMPORT_ALREADY_APPLIED, /* this file was applied before */
    RESULT_IMPORT_NO_FILE,         /* commit: no such stored file */
    RESULT_IMPORT_DB_ERROR,        /* the database failed: 503 */
};

struct result_import {
    enum result_import_outcome outcome;
    struct result_file file;           /* rows and problems */
    struct db_result_file_info info;   /* the stored file */
    long long paid, refused, reversed; /* rows of each kind */
    long long batches;                 /* batches closed (commit) */
    char batch_numbers[1024];          /* JSON strings, comma-separated */
};

/* Store and check data[0..len) uploaded by user_id. Fills *out; call
 * result_import_free() in every case. */
void result_import_preview(struct db_conn *db, long long user_id,
                           const char *data, size_t len,
                           struct result_import *out);

/* Check again and apply stored file id with sha256_hex for user_id.
 * When dry_run, everything is checked in the transaction and then rolled
 * back (outcome RESULT_IMPORT_READY when it would apply). */
void result_import_commit(struct db_conn *db, long long user_id, long long id,
                          const char *sha256_hex, bool dry_run,
                          struct result_import *out);

void result_import_free(struct result_import *r);

#endif
