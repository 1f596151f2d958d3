/* db_reconciliation.h - the figures of the reconciliation page
 * (GET /beheer/afstemming, financien and beheerder): per payout batch what
 * was exported beside what finance confirmed, and per budget year the
 * money-conservation line of SPEC section 4 (view
 * budget_year_reconciliation).
 *
 * The schema's constraints and triggers keep these figures equal; this
 * layer only reads them, so that a difference that slipped past the rules
 * (a bypass, a restore, a bug in a trigger) is seen by people. Nothing here
 * reads names, e-mail addresses or IBANs: references, states and amounts.
 */
#ifndef LIEFLEED_DB_RECONCILIATION_H
#define LIEFLEED_DB_RECONCILIATION_H

#include <stdbool.h>

#include "db.h"

/* One payout batch with its lines counted by finance's answer. */
struct recon_batch {
    long long id;
    char number[40];
    char created[20]; /* "DD-MM-YYYY HH:MM" Europe/Amsterdam */
    char status[12];  /* live cancelled imported */
    /* the control totals fixed when the files were made (exported);
     * has_totals false while they are not fixed yet */
    bool has_totals;
    long line_count;
    long long total_cents;
    /* the lines as they are */
    long lines;
    long long lines_cents;
    long paid; /* result betaald */
    long long paid_cents;
    long failed; /* result geweigerd */
    long long failed_cents;
    long open; /* no result yet, batch live */
    long long open_cents;
    long returned; /* no result, batch cancelled: back to te_betalen */
    long long returned_cents;
    long reversed;  /* paid, later returned by the bank */
    long bad_lines; /* lines whose payout does not match their result */
    bool mismatch;  /* bad lines, or control totals unlike the lines */
};

/* Over all batches (not only the page shown). */
struct recon_batch_totals {
    long batches;
    long mismatched;
};

typedef void (*db_recon_batch_cb)(void *cls, const struct recon_batch *b);

/* Batches newest first, from offset, at most limit; *tot over all of
 * them (zero when there are none). Returns how many were passed to cb. */
int db_reconciliation_batches(struct db_conn *c, long offset, long limit,
                              db_recon_batch_cb cb, void *cls,
                              struct recon_batch_totals *tot);

/* One batch line whose payout does not match finance's answer. Strings
 * are borrowed: valid only during the callback. */
struct recon_line {
    long long batch_id;
    long line_no;
    const char *reference;     /* the payout's */
    const char *payout_status; /* te_betalen in_batch betaald mislukt */
    const char *result;        /* betaald geweigerd, "" when none */
    long long amount_cents;
    /* what is wrong: open_not_in_batch, imported_without_result,
     * result_still_in_batch, cancelled_still_in_batch, paid_not_paid,
     * refused_but_paid */
    const char *problem;
};

typedef void (*db_recon_line_cb)(void *cls, const struct recon_line *l);

/* The mismatching lines of the batches batch_ids ("4,7,9"), by batch and
 * line number, at most limit. Returns how many. */
int db_reconciliation_batch_lines(struct db_conn *c, const char *batch_ids,
                                  long limit, db_recon_line_cb cb, void *cls);

/* One budget year of view budget_year_reconciliation. */
struct recon_year {
    int year;
    long awards;
    long payouts;
    long long awarded_cents;
    long long te_betalen_cents;
    long long in_batch_cents;
    long long betaald_cents;
    long long mislukt_cents;
    long long difference_cents; /* awarded - the four payout states */
    bool balanced;
};

typedef void (*db_recon_year_cb)(void *cls, const struct recon_year *y);

/* Every budget year, newest first. Returns how many. */
int db_reconciliation_years(struct db_conn *c, db_recon_year_cb cb, void *cls);

/* An award of an unbalanced year that has no payout, or a payout of
 * another amount. Strings borrowed, valid only during the callback. */
struct recon_award {
    int year;
    long long award_id;
    const char *reference;     /* the payout's, else the application's */
    const char *payout_status; /* "" when there is no payout */
    long long awarded_cents;
    long long payout_cents; /* 0 when there is no payout */
    const char *problem;    /* no_payout, amount_differs */
};

typedef void (*db_recon_award_cb)(void *cls, const struct recon_award *a);

/* The awards of years ("2070,2071") that break money conservation, by
 * year and award, at most limit. Returns how many. */
int db_reconciliation_year_awards(struct db_conn *c, const char *years,
                                  long limit, db_recon_award_cb cb, void *cls);

#endif
