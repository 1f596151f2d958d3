/* db_reconciliation.c - see db_reconciliation.h. One function per
 * statement; the statement of each is named like its function. */
#include "db_reconciliation.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* The batch lines with what their payout says, for the batches that
 * BATCH_FILTER keeps. "latest": no newer batch holds the payout, so its
 * state must follow this line's result. A line whose payout went on
 * (paid, returned by the bank, corrected, batched again) is judged by the
 * newer line instead. The problems, in the words of the header:
 *   open_not_in_batch        live batch, no result, payout not in_batch
 *   imported_without_result  batch imported, this line has no result
 *   cancelled_still_in_batch batch cancelled, payout still in_batch
 *   result_still_in_batch    a result, but the payout is still in_batch
 *   paid_not_paid            betaald, but the payout waits to be paid and
 *                            never failed (betaald -> te_betalen goes
 *                            through mislukt, which dates failed_at)
 *   refused_but_paid         geweigerd, but the bank payout is betaald */
#define RECON_LINES(BATCH_FILTER)                                              \
    "WITH raw AS ("                                                            \
    " SELECT l.batch_id, l.line_no, l.result, b.status AS bstatus,"            \
    " p.reference, p.status AS pstatus, p.channel, p.amount_cents,"            \
    " p.failed_at,"                                                            \
    " NOT EXISTS (SELECT 1 FROM batch_line n WHERE n.payout_id = l.payout_id"  \
    " AND n.batch_id > l.batch_id) AS latest"                                  \
    " FROM batch_line l JOIN payout_batch b ON b.id = l.batch_id"              \
    " JOIN payout p ON p.id = l.payout_id" BATCH_FILTER "), lines AS ("        \
    " SELECT raw.*, CASE"                                                      \
    " WHEN bstatus = 'live' AND result IS NULL AND pstatus <> 'in_batch'"      \
    " THEN 'open_not_in_batch'"                                                \
    " WHEN bstatus = 'imported' AND result IS NULL"                            \
    " THEN 'imported_without_result'"                                          \
    " WHEN bstatus = 'cancelled' AND result IS NULL AND latest"                \
    " AND pstatus = 'in_batch' THEN 'cancelled_still_in_batch'"                \
    " WHEN result IS NOT NULL AND latest AND pstatus = 'in_batch'"             \
    " THEN 'result_still_in_batch'"                                            \
    " WHEN result = 'betaald' AND latest AND pstatus = 'te_betalen'"           \
    " AND failed_at IS NULL THEN 'paid_not_paid'"                              \
    " WHEN result = 'geweigerd' AND latest AND pstatus = 'betaald'"            \
    " AND channel = 'bank' THEN 'refused_but_paid'"                            \
    " END AS problem FROM raw)"

static struct db_stmt stmt_db_reconciliation_batches = DB_STMT(
    "db_reconciliation_batches",
    RECON_LINES(
        "") ", agg AS ("
            " SELECT batch_id, count(*) AS lines,"
            " sum(amount_cents) AS cents,"
            " count(*) FILTER (WHERE result = 'betaald') AS paid,"
            " coalesce(sum(amount_cents) FILTER"
            " (WHERE result = 'betaald'), 0) AS paid_cents,"
            " count(*) FILTER (WHERE result = 'geweigerd') AS failed,"
            " coalesce(sum(amount_cents) FILTER"
            " (WHERE result = 'geweigerd'), 0) AS failed_cents,"
            " count(*) FILTER (WHERE result IS NULL"
            " AND bstatus <> 'cancelled') AS open,"
            " coalesce(sum(amount_cents) FILTER (WHERE result IS NULL"
            " AND bstatus <> 'cancelled'), 0) AS open_cents,"
            " count(*) FILTER (WHERE result IS NULL"
            " AND bstatus = 'cancelled') AS returned,"
            " coalesce(sum(amount_cents) FILTER (WHERE result IS NULL"
            " AND bstatus = 'cancelled'), 0) AS returned_cents,"
            " count(*) FILTER (WHERE result = 'betaald'"
            " AND (NOT latest OR pstatus <> 'betaald')) AS reversed,"
            " count(*) FILTER (WHERE problem IS NOT NULL) AS bad"
            " FROM lines GROUP BY batch_id"
            "), bb AS ("
            " SELECT b.id, b.number, b.created_at,"
            " to_char(b.created_at AT TIME ZONE 'Europe/Amsterdam',"
            " 'DD-MM-YYYY HH24:MI') AS created, b.status,"
            " b.line_count, b.total_cents,"
            " coalesce(a.lines, 0) AS lines,"
            " coalesce(a.cents, 0) AS cents,"
            " coalesce(a.paid, 0) AS paid,"
            " coalesce(a.paid_cents, 0) AS paid_cents,"
            " coalesce(a.failed, 0) AS failed,"
            " coalesce(a.failed_cents, 0) AS failed_cents,"
            " coalesce(a.open, 0) AS open,"
            " coalesce(a.open_cents, 0) AS open_cents,"
            " coalesce(a.returned, 0) AS returned,"
            " coalesce(a.returned_cents, 0) AS returned_cents,"
            " coalesce(a.reversed, 0) AS reversed,"
            " coalesce(a.bad, 0) AS bad"
            " FROM payout_batch b LEFT JOIN agg a ON a.batch_id = b.id"
            "), flagged AS ("
            " SELECT bb.*, (bad > 0 OR (line_count IS NOT NULL"
            " AND (line_count <> lines"
            " OR total_cents IS DISTINCT FROM cents))) AS mismatch"
            " FROM bb"
            ") SELECT id, number, created, status,"
            " line_count IS NOT NULL, coalesce(line_count, 0),"
            " coalesce(total_cents, 0), lines, cents, paid, paid_cents,"
            " failed, failed_cents, open, open_cents, returned,"
            " returned_cents, reversed, bad, mismatch,"
            " count(*) OVER (), count(*) FILTER (WHERE mismatch) OVER ()"
            " FROM flagged ORDER BY created_at DESC, id DESC"
            " OFFSET $1 LIMIT $2",
    2);

static void
copy(char *out, size_t outlen, const PGresult *res, int row, int col)
{
    snprintf(out, outlen, "%s", PQgetvalue(res, row, col));
}

static long long
ll(const PGresult *res, int row, int col)
{
    return db_ll(PQgetvalue(res, row, col));
}

static bool
is_true(const PGresult *res, int row, int col)
{
    return PQgetvalue(res, row, col)[0] == 't';
}

int
db_reconciliation_batches(struct db_conn *c, long offset, long limit,
                          db_recon_batch_cb cb, void *cls,
                          struct recon_batch_totals *tot)
{
    char off[24], lim[24];
    const char *p[2] = {off, lim};
    PGresult *res;
    struct recon_batch b;
    int r, i;

    memset(tot, 0, sizeof(*tot));
    snprintf(off, sizeof(off), "%ld", offset);
    snprintf(lim, sizeof(lim), "%ld", limit);
    r = db_query(c, &stmt_db_reconciliation_batches, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&b, 0, sizeof(b));
        b.id = ll(res, i, 0);
        copy(b.number, sizeof(b.number), res, i, 1);
        copy(b.created, sizeof(b.created), res, i, 2);
        copy(b.status, sizeof(b.status), res, i, 3);
        b.has_totals = is_true(res, i, 4);
        b.line_count = (long)ll(res, i, 5);
        b.total_cents = ll(res, i, 6);
        b.lines = (long)ll(res, i, 7);
        b.lines_cents = ll(res, i, 8);
        b.paid = (long)ll(res, i, 9);
        b.paid_cents = ll(res, i, 10);
        b.failed = (long)ll(res, i, 11);
        b.failed_cents = ll(res, i, 12);
        b.open = (long)ll(res, i, 13);
        b.open_cents = ll(res, i, 14);
        b.returned = (long)ll(res, i, 15);
        b.returned_cents = ll(res, i, 16);
        b.reversed = (long)ll(res, i, 17);
        b.bad_lines = (long)ll(res, i, 18);
        b.mismatch = is_true(res, i, 19);
        if (i == 0) {
            tot->batches = (long)ll(res, 0, 20);
            tot->mismatched = (long)ll(res, 0, 21);
        }
        cb(cls, &b);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_reconciliation_batch_lines = DB_STMT(
    "db_reconciliation_batch_lines",
    RECON_LINES(" WHERE l.batch_id = ANY(string_to_array($1, "
                "',')::bigint[])") " SELECT batch_id, line_no, reference, "
                                   "pstatus, coalesce(result, ''),"
                                   " amount_cents, problem FROM lines "
                                   "WHERE problem IS NOT NULL"
                                   " ORDER BY batch_id DESC, line_no LIMIT "
                                   "$2",
    2);

int
db_reconciliation_batch_lines(struct db_conn *c, const char *batch_ids,
                              long limit, db_recon_line_cb cb, void *cls)
{
    char lim[24];
    const char *p[2] = {batch_ids, lim};
    PGresult *res;
    struct recon_line l;
    int r, i;

    snprintf(lim, sizeof(lim), "%ld", limit);
    r = db_query(c, &stmt_db_reconciliation_batch_lines, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&l, 0, sizeof(l));
        l.batch_id = ll(res, i, 0);
        l.line_no = (long)ll(res, i, 1);
        l.reference = PQgetvalue(res, i, 2);
        l.payout_status = PQgetvalue(res, i, 3);
        l.result = PQgetvalue(res, i, 4);
        l.amount_cents = ll(res, i, 5);
        l.problem = PQgetvalue(res, i, 6);
        cb(cls, &l);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_reconciliation_years =
    DB_STMT("db_reconciliation_years",
            "SELECT year, awards, payouts, awarded_cents, te_betalen_cents,"
            " in_batch_cents, betaald_cents, mislukt_cents, difference_cents,"
            " balanced FROM budget_year_reconciliation ORDER BY year DESC",
            0);

int
db_reconciliation_years(struct db_conn *c, db_recon_year_cb cb, void *cls)
{
    PGresult *res;
    struct recon_year y;
    int r, i;

    r = db_query(c, &stmt_db_reconciliation_years, NULL, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&y, 0, sizeof(y));
        y.year = (int)ll(res, i, 0);
        y.awards = (long)ll(res, i, 1);
        y.payouts = (long)ll(res, i, 2);
        y.awarded_cents = ll(res, i, 3);
        y.te_betalen_cents = ll(res, i, 4);
        y.in_batch_cents = ll(res, i, 5);
        y.betaald_cents = ll(res, i, 6);
        y.mislukt_cents = ll(res, i, 7);
        y.difference_cents = ll(res, i, 8);
        y.balanced = is_true(res, i, 9);
        cb(cls, &y);
    }
    PQclear(res);
    return r;
}

/* LEFT JOINs: the rows listed here are exactly those whose partner row
 * the schema should have made and did not. */
static struct db_stmt stmt_db_reconciliation_year_awards =
    DB_STMT("db_reconciliation_year_awards",
            "SELECT w.budget_year, w.id, coalesce(p.reference, ap.reference,"
            " 'toekenning ' || w.id), coalesce(p.status, ''), w.amount_cents,"
            " coalesce(p.amount_cents, 0),"
            " CASE WHEN p.id IS NULL THEN 'no_payout' ELSE 'amount_differs' END"
            " FROM award w LEFT JOIN payout p ON p.award_id = w.id"
            " LEFT JOIN application ap ON ap.id = w.application_id"
            " WHERE w.budget_year = ANY(string_to_array($1, ',')::smallint[])"
            " AND (p.id IS NULL OR p.amount_cents <> w.amount_cents)"
            " ORDER BY w.budget_year DESC, w.id LIMIT $2",
            2);

int
db_reconciliation_year_awards(struct db_conn *c, const char *years, long limit,
                              db_recon_award_cb cb, void *cls)
{
    char lim[24];
    const char *p[2] = {years, lim};
    PGresult *res;
    struct recon_award a;
    int r, i;

    snprintf(lim, sizeof(lim), "%ld", limit);
    r = db_query(c, &stmt_db_reconciliation_year_awards, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&a, 0, sizeof(a));
        a.year = (int)ll(res, i, 0);
        a.award_id = ll(res, i, 1);
        a.reference = PQgetvalue(res, i, 2);
        a.payout_status = PQgetvalue(res, i, 3);
        a.awarded_cents = ll(res, i, 4);
        a.payout_cents = ll(res, i, 5);
        a.problem = PQgetvalue(res, i, 6);
        cb(cls, &a);
    }
    PQclear(res);
    return r;
}
