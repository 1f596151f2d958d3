#include "db_purge.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* The applications whose retention period has passed (see
 * sql/010_retention.sql). A CASE without a match is NULL, so an open
 * application, or an award whose money is still under way, is never due. */
#define PURGE_DUE_FROM                                                         \
    " FROM application a"                                                      \
    " LEFT JOIN award w ON w.application_id = a.id"                            \
    " LEFT JOIN payout p ON p.award_id = w.id"                                 \
    " LEFT JOIN settlement s ON s.award_id = w.id"                             \
    " WHERE a.anonymised_at IS NULL AND CASE a.status"                         \
    "  WHEN 'afgewezen' THEN a.decided_at + make_interval(years =>"            \
    "   setting_int('retention_rejected_years')::int)"                         \
    "  WHEN 'ingetrokken' THEN coalesce(a.withdrawn_at, a.updated_at)"         \
    "   + make_interval(years =>"                                              \
    "   setting_int('retention_withdrawn_years')::int)"                        \
    "  WHEN 'toegekend' THEN CASE WHEN p.status IN ('betaald', 'mislukt')"     \
    "   THEN coalesce(s.settled_at, CASE p.status WHEN 'betaald'"              \
    "   THEN p.paid_at ELSE p.failed_at END) + make_interval(years =>"         \
    "   setting_int('retention_awarded_years')::int) END"                      \
    " END <= now()"

static struct db_stmt stmt_db_purge_due =
    DB_STMT("db_purge_due",
            "SELECT a.id, a.status" PURGE_DUE_FROM
            " AND a.id > $1::bigint ORDER BY a.id LIMIT $2::integer",
            2);

int
db_purge_due(struct db_conn *c, long long after_id, int max, long long *ids,
             char (*statuses)[24])
{
    char after[24], lim[16];
    const char *p[2] = {after, lim};
    PGresult *res;
    int r, i;

    snprintf(after, sizeof(after), "%lld", after_id);
    snprintf(lim, sizeof(lim), "%d", max);
    r = db_query(c, &stmt_db_purge_due, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r && i < max; i++) {
        ids[i] = db_ll(PQgetvalue(res, i, 0));
        snprintf(statuses[i], 24, "%s", PQgetvalue(res, i, 1));
    }
    PQclear(res);
    return i;
}

static struct db_stmt stmt_db_purge_due_counts =
    DB_STMT("db_purge_due_counts",
            "SELECT a.status, count(*)" PURGE_DUE_FROM " GROUP BY a.status", 0);

int
db_purge_due_counts(struct db_conn *c, struct purge_due_counts *out)
{
    PGresult *res;
    int r = db_query(c, &stmt_db_purge_due_counts, NULL, &res), i;

    memset(out, 0, sizeof(*out));
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        const char *st = PQgetvalue(res, i, 0);
        long long n = db_ll(PQgetvalue(res, i, 1));
        if (strcmp(st, "afgewezen") == 0)
            out->rejected = n;
        else if (strcmp(st, "ingetrokken") == 0)
            out->withdrawn = n;
        else if (strcmp(st, "toegekend") == 0)
            out->awarded = n;
    }
    PQclear(res);
    return r;
}

/* Re-checked under a row lock inside the purge's own transaction: another
 * server (or a second `liefleed purge`) that got there first has set
 * anonymised_at, and this one then finds nothing to do. */
static struct db_stmt stmt_db_purge_lock = DB_STMT(
    "db_purge_lock",
    "SELECT a.status" PURGE_DUE_FROM " AND a.id = $1::bigint FOR UPDATE OF a",
    1);

int
db_purge_lock(struct db_conn *c, long long id, char *status)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_db_purge_lock, id, &res);

    if (r == 1)
        snprintf(status, 24, "%s", PQgetvalue(res, 0, 0));
    if (r >= 0)
        PQclear(res);
    return r;
}

static struct db_stmt stmt_db_purge_application =
    DB_STMT("db_purge_application",
            "UPDATE application SET plan = NULL, rejection_reason = NULL,"
            " idempotency_key = NULL, anonymised_at = now()"
            " WHERE id = $1::bigint AND anonymised_at IS NULL",
            1);

int
db_purge_application(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_application, id, NULL);
}

static struct db_stmt stmt_db_purge_messages =
    DB_STMT("db_purge_messages",
            "UPDATE application_message SET body = NULL, anonymised_at = now()"
            " WHERE application_id = $1::bigint AND anonymised_at IS NULL",
            1);

int
db_purge_messages(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_messages, id, NULL);
}

static struct db_stmt stmt_db_purge_documents =
    DB_STMT("db_purge_documents",
            "UPDATE document SET content = NULL, purged_at = now()"
            " WHERE application_id = $1::bigint AND purged_at IS NULL",
            1);

int
db_purge_documents(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_documents, id, NULL);
}

/* Only a finished payout loses its payee (payout_anonymised_clean); the
 * due check already excludes money under way. */
static struct db_stmt stmt_db_purge_payouts = DB_STMT(
    "db_purge_payouts",
    "UPDATE payout p SET iban = NULL, account_holder = NULL,"
    " failure_reason = NULL, anonymised_at = now()"
    " FROM award w WHERE w.id = p.award_id AND w.application_id = $1::bigint"
    " AND p.anonymised_at IS NULL AND p.status IN ('betaald', 'mislukt')",
    1);

int
db_purge_payouts(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_payouts, id, NULL);
}

static struct db_stmt stmt_db_purge_batch_lines =
    DB_STMT("db_purge_batch_lines",
            "UPDATE batch_line l SET result_reason = NULL"
            " FROM payout p JOIN award w ON w.id = p.award_id"
            " WHERE p.id = l.payout_id AND w.application_id = $1::bigint"
            " AND l.result_reason IS NOT NULL",
            1);

int
db_purge_batch_lines(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_batch_lines, id, NULL);
}

/* Emptying a note is allowed on a submitted report too (trigger of 006). */
static struct db_stmt stmt_db_purge_expense_notes =
    DB_STMT("db_purge_expense_notes",
            "UPDATE expense_line l SET note = NULL"
            " FROM expense_report r JOIN award w ON w.id = r.award_id"
            " WHERE r.id = l.report_id AND w.application_id = $1::bigint"
            " AND l.note IS NOT NULL",
            1);

int
db_purge_expense_notes(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_expense_notes, id, NULL);
}

/* A lower amount must keep a reason (award_reduction_has_reason), so the
 * makelaar's words make way for a neutral text rather than NULL. */
#define PURGED_REASON "(verwijderd na de bewaartermijn)"

static struct db_stmt stmt_db_purge_award_reason =
    DB_STMT("db_purge_award_reason",
            "UPDATE award SET reduction_reason = CASE"
            " WHEN amount_cents = default_amount_cents THEN NULL"
            " ELSE '" PURGED_REASON "' END"
            " WHERE application_id = $1::bigint"
            " AND reduction_reason IS DISTINCT FROM CASE"
            " WHEN amount_cents = default_amount_cents THEN NULL"
            " ELSE '" PURGED_REASON "' END",
            1);

int
db_purge_award_reason(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_award_reason, id, NULL);
}

static struct db_stmt stmt_db_purge_settlement_reason =
    DB_STMT("db_purge_settlement_reason",
            "UPDATE settlement s SET reason = CASE"
            " WHEN s.amount_cents = s.awarded_cents THEN NULL"
            " ELSE '" PURGED_REASON "' END"
            " FROM award w WHERE w.id = s.award_id"
            " AND w.application_id = $1::bigint"
            " AND s.reason IS DISTINCT FROM CASE"
            " WHEN s.amount_cents = s.awarded_cents THEN NULL"
            " ELSE '" PURGED_REASON "' END",
            1);

int
db_purge_settlement_reason(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_settlement_reason, id, NULL);
}

static struct db_stmt stmt_db_purge_spot_check_notes = DB_STMT(
    "db_purge_spot_check_notes",
    "UPDATE spot_check_item i SET note = NULL"
    " FROM award w WHERE w.id = i.award_id AND w.application_id = $1::bigint"
    " AND i.note IS NOT NULL",
    1);

int
db_purge_spot_check_notes(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_spot_check_notes, id, NULL);
}

/* A gangmaker may be named by more than one application (a second
 * organiser, a follow-up): they keep their data while any application
 * naming them is not anonymised yet. The last one to go takes them along,
 * whatever the order. */
static struct db_stmt stmt_db_purge_organisers = DB_STMT(
    "db_purge_organisers",
    "UPDATE organiser o SET name = NULL, email = NULL, phone = NULL,"
    " address = NULL, postcode = NULL, iban = NULL, account_holder = NULL,"
    " updated_at = now(), anonymised_at = now()"
    " FROM application a WHERE a.id = $1::bigint"
    " AND o.id IN (a.organiser_id, a.second_organiser_id)"
    " AND o.anonymised_at IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM application x"
    "  WHERE (x.organiser_id = o.id OR x.second_organiser_id = o.id)"
    "  AND x.anonymised_at IS NULL)",
    1);

int
db_purge_organisers(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_organisers, id, NULL);
}

/* Nothing can be sent to an anonymised gangmaker: pending messages are
 * cancelled, and a delivery error (which may quote an address) goes. */
static struct db_stmt stmt_db_purge_outbox =
    DB_STMT("db_purge_outbox",
            "UPDATE outbox_message m SET last_error = NULL, locked_by = NULL,"
            " locked_until = NULL,"
            " status = CASE WHEN m.status = 'pending' THEN 'cancelled'"
            " ELSE m.status END"
            " WHERE (m.application_id = $1::bigint"
            "  OR (m.application_id IS NULL AND m.organiser_id IN"
            "   (SELECT o.id FROM organiser o JOIN application a"
            "    ON o.id IN (a.organiser_id, a.second_organiser_id)"
            "    WHERE a.id = $1::bigint AND o.anonymised_at IS NOT NULL)))"
            " AND (m.status = 'pending' OR m.last_error IS NOT NULL"
            "  OR m.locked_by IS NOT NULL)",
            1);

int
db_purge_outbox(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_outbox, id, NULL);
}

/* The CSV, SEPA file and statement of a batch name every payee in it:
 * they go once every payout in the batch is anonymised (the hashes and
 * control totals stay). A live batch is still being worked on. */
#define PURGE_BATCHES_DONE                                                     \
    " SELECT l.batch_id FROM batch_line l JOIN payout p ON p.id = l.payout_id" \
    " JOIN award w ON w.id = p.award_id WHERE w.application_id = $1::bigint"   \
    " AND NOT EXISTS (SELECT 1 FROM batch_line l2 JOIN payout p2"              \
    "  ON p2.id = l2.payout_id WHERE l2.batch_id = l.batch_id"                 \
    "  AND p2.anonymised_at IS NULL)"

static struct db_stmt stmt_db_purge_batch_files =
    DB_STMT("db_purge_batch_files",
            "UPDATE payout_batch b SET csv = NULL, sepa_xml = NULL,"
            " statement_pdf = NULL, files_purged_at = now()"
            " WHERE b.status <> 'live' AND b.files_purged_at IS NULL"
            " AND (b.csv IS NOT NULL OR b.sepa_xml IS NOT NULL"
            "  OR b.statement_pdf IS NOT NULL)"
            " AND b.id IN (" PURGE_BATCHES_DONE ")",
            1);

int
db_purge_batch_files(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_batch_files, id, NULL);
}

static struct db_stmt stmt_db_purge_result_files =
    DB_STMT("db_purge_result_files",
            "UPDATE batch_result_file f SET content = NULL, purged_at = now()"
            " WHERE f.purged_at IS NULL"
            " AND f.batch_id IN (SELECT b.id FROM payout_batch b"
            "  WHERE b.status <> 'live' AND b.id IN (" PURGE_BATCHES_DONE "))",
            1);

int
db_purge_result_files(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_purge_result_files, id, NULL);
}
