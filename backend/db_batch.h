/* db_batch.h - statements behind payout batches (issue 5): what waits to
 * be paid, making a batch, its stored files, cancelling it.
 *
 * One function per statement. Making or cancelling a batch is several of
 * them inside one db_transaction() (batch_create.h); the schema (sql/003,
 * sql/011) checks the rules: one live batch per payout, segregation of
 * duties, frozen files and control totals, in_batch exactly when a live
 * line exists. Results follow db.h: a negative db_status on error, else a
 * row count.
 *
 * Dates and times are Europe/Amsterdam. Batch numbers look like
 * "BT-2026-00001" (next_reference('BT', year)); a number from a URL is
 * passed as a parameter, never pasted into SQL.
 */
#ifndef LIEFLEED_DB_BATCH_H
#define LIEFLEED_DB_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "batch_files.h"
#include "db.h"

#define BATCH_NUMBER_SIZE 36 /* 35 characters (SEPA MsgId) and the NUL */

/* ---- the finance overview ---- */

/* Payouts te_betalen of one wijk. Batchable: a confirmed payee; waiting:
 * a changed IBAN or channel a makelaar has not confirmed yet. */
struct batch_pending_row {
    char wijk_code[3];
    char wijk_name[201];
    long long count, cents; /* batchable */
    long long bank, cards;  /* batchable, by channel */
    long long waiting, waiting_cents;
};
typedef void (*batch_pending_cb)(void *cls, const struct batch_pending_row *r);

/* Every wijk with payouts te_betalen, by wijk code. Returns how many. */
int db_batch_pending_by_wijk(struct db_conn *c, batch_pending_cb cb, void *cls);

/* One batch as lists and its page show it. */
struct batch_row {
    long long id;
    char number[BATCH_NUMBER_SIZE];
    char status[12];     /* live cancelled imported */
    char created_at[20]; /* DD-MM-YYYY HH24:MI */
    char created_by[804];
    long long lines, total_cents;
    long long bank, bank_cents, cards, card_cents;
    long long results; /* lines with finance's result */
    bool has_csv, has_sepa, has_pdf;
    char cancelled_at[20];
    char cancelled_by[804];
    char cancel_reason[2004];
    char imported_at[20];
};
typedef void (*batch_row_cb)(void *cls, const struct batch_row *r);

/* The newest limit batches, newest first (the per-channel and result
 * counts are left 0 here). Returns how many. */
int db_batch_list(struct db_conn *c, int limit, batch_row_cb cb, void *cls);

/* The batch with this number. 1 found, 0 not, <0 error. */
int db_batch_get(struct db_conn *c, const char *number, struct batch_row *out);

/* ---- making a batch (inside one transaction) ---- */

/* The settings the files need and the creator's name. Strings fit the
 * schema's limits. */
struct batch_settings {
    char debtor_name[4004];
    char debtor_iban[40];
    char debtor_bic[40];
    char kostenplaats[4004];
    char grootboekrekening[4004];
    char letterhead[4004];
    char delimiter;
    char decimal_mark;
    char creator_name[804];
};

/* Read them for creator user_id. 1, or 0 when there is no such user. */
int db_batch_settings(struct db_conn *c, long long user_id,
                      struct batch_settings *out);

/* How many payouts te_betalen (awarded up to until_iso, "YYYY-MM-DD", or
 * any when NULL) user_id may not batch because they approved them
 * (awarded, or confirmed the IBAN), and how many wait for a makelaar's
 * confirmation of a changed payee. Returns 1. */
int db_batch_not_batchable(struct db_conn *c, long long user_id,
                           const char *until_iso, long long *skipped,
                           long long *waiting);

/* The head of a new batch. */
struct batch_head {
    long long id;
    char number[BATCH_NUMBER_SIZE];
    char created_iso[24];    /* 2026-11-27T23:50:00 (SEPA CreDtTm) */
    char created_text[20];   /* 27-11-2026 23:50 */
    char execution_date[12]; /* the next working day, YYYY-MM-DD */
    long long created_epoch;
};

/* Insert a live batch by user_id with the next number of this year.
 * Returns 1, or DB_REFUSED (payout_batch_by_financien) for a user who is
 * not an active financien account. */
int db_batch_insert(struct db_conn *c, long long user_id,
                    struct batch_head *out);

/* Lock the batchable payouts (status te_betalen, payee confirmed, awarded
 * up to until_iso or any when NULL, not approved by user_id), skipping
 * those another transaction has locked (FOR UPDATE SKIP LOCKED: two
 * finance users at once get disjoint batches), and give each a line of
 * batch_id, numbered 1..n by wijk and reference. Returns n. */
int db_batch_lines_insert(struct db_conn *c, long long batch_id,
                          long long user_id, const char *until_iso);

/* Set the payouts on the lines of batch_id in_batch. Returns how many. */
int db_batch_payouts_in_batch(struct db_conn *c, long long batch_id);

/* The lines of a batch for its files and its page, by line number. The
 * strings point into memory that db_batch_lines_free() releases. */
struct batch_lines {
    struct batch_file_line *line;
    const char **result; /* per line: "betaald", "geweigerd" or "" */
    const char **payout_status;
    size_t n;
    void *priv;
};

/* Returns n (0 for an unknown or empty batch); *out is then filled (also
 * for 0) and must be freed with db_batch_lines_free(). */
int db_batch_lines(struct db_conn *c, long long batch_id,
                   struct batch_lines *out);
void db_batch_lines_free(struct batch_lines *l);

/* The files and control totals of a new batch (once; the trigger checks
 * the totals against the lines and the hashes against the contents).
 * sepa may be NULL (no bank line). Returns 1. */
struct batch_stored_files {
    long long lines, total_cents;
    const unsigned char *csv, *sepa, *pdf;
    size_t csv_len, sepa_len, pdf_len;
    unsigned char csv_sha256[32], sepa_sha256[32], pdf_sha256[32];
};
int db_batch_files_store(struct db_conn *c, long long batch_id,
                         const struct batch_stored_files *f);

/* ---- files ---- */

enum batch_file_kind { BATCH_FILE_CSV, BATCH_FILE_SEPA, BATCH_FILE_PDF };

/* The stored bytes of one file of the batch number (malloc()ed into *data
 * for the caller to free) and the batch id. Returns 1, or 0 when there is
 * no such batch or it has no such file (no bank line, or purged). */
int db_batch_file(struct db_conn *c, const char *number,
                  enum batch_file_kind kind, unsigned char **data, size_t *len,
                  long long *batch_id);

/* ---- cancelling ---- */

/* Cancel the live batch number that has no result of finance yet, by
 * user_id with reason: its lines stop being live (cascade). Returns 1 with
 * *batch_id and *lines, or 0 when there is no such live batch without
 * results. */
int db_batch_cancel(struct db_conn *c, const char *number, long long user_id,
                    const char *reason, long long *batch_id, long long *lines);

/* Put the payouts of the cancelled batch_id back to te_betalen. Returns
 * how many. */
int db_batch_payouts_release(struct db_conn *c, long long batch_id);

#endif
