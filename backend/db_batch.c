#include "db_batch.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

#define AMS(col) " (" col " AT TIME ZONE 'Europe/Amsterdam')"
/* the award date filter: up to $N ("YYYY-MM-DD"), or any when NULL */
#define AWARDED_UP_TO(p)                                                       \
    " (" p "::date IS NULL OR" AMS("w.awarded_at") "::date <= " p "::date)"

#define COPY(dst, col)                                                         \
    snprintf((dst), sizeof(dst), "%s", PQgetvalue(res, i, (col)))
#define LL(col) db_ll(PQgetvalue(res, i, (col)))
#define BOOL(col) (PQgetvalue(res, i, (col))[0] == 't')

/* ---- the finance overview ---- */

static struct db_stmt stmt_db_batch_pending_by_wijk = DB_STMT(
    "db_batch_pending_by_wijk",
    "SELECT w.wijk_code, wk.name,"
    " count(*) FILTER (WHERE p.iban_confirmed),"
    " coalesce(sum(p.amount_cents) FILTER (WHERE p.iban_confirmed), 0),"
    " count(*) FILTER (WHERE p.iban_confirmed AND p.channel = 'bank'),"
    " count(*) FILTER (WHERE p.iban_confirmed AND p.channel <> 'bank'),"
    " count(*) FILTER (WHERE NOT p.iban_confirmed),"
    " coalesce(sum(p.amount_cents) FILTER (WHERE NOT p.iban_confirmed), 0)"
    " FROM payout p JOIN award w ON w.id = p.award_id"
    " JOIN wijk wk ON wk.code = w.wijk_code"
    " WHERE p.status = 'te_betalen'"
    " GROUP BY w.wijk_code, wk.name ORDER BY w.wijk_code",
    0);

int
db_batch_pending_by_wijk(struct db_conn *c, batch_pending_cb cb, void *cls)
{
    struct batch_pending_row row;
    PGresult *res;
    int r = db_query(c, &stmt_db_batch_pending_by_wijk, NULL, &res);
    int i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&row, 0, sizeof(row));
        COPY(row.wijk_code, 0);
        COPY(row.wijk_name, 1);
        row.count = LL(2);
        row.cents = LL(3);
        row.bank = LL(4);
        row.cards = LL(5);
        row.waiting = LL(6);
        row.waiting_cents = LL(7);
        cb(cls, &row);
    }
    PQclear(res);
    return r;
}

/* Columns 0-18 of struct batch_row; per-channel counts come from the
 * lateral subquery of db_batch_get (the list passes zeros). */
#define BATCH_ROW_COLS(channel_cols)                                           \
    "SELECT b.id, b.number, b.status,"                                         \
    " to_char(" AMS(                                                           \
        "b.created_at") ", 'DD-MM-YYYY HH24:MI'), u.name,"                     \
                        " coalesce(b.line_count, 0), coalesce(b.total_cents, " \
                        "0), " channel_cols                                    \
                        ", b.csv IS NOT NULL, b.sepa_xml IS NOT NULL,"         \
                        " b.statement_pdf IS NOT NULL,"                        \
                        " coalesce(to_char(" AMS(                              \
                            "b.cancelled_at") ", 'DD-MM-YYYY HH24:MI'), ''),"  \
                                              " coalesce(cu.name, ''), "       \
                                              "coalesce(b.cancel_reason, '')," \
                                              " coalesce(to_char(" AMS(        \
                                                  "b.imported_at") ", "        \
                                                                   "'DD-MM-"   \
                                                                   "YYYY "     \
                                                                   "HH24:MI')" \
                                                                   ", '')"     \
                                                                   " FROM "    \
                                                                   "payout_"   \
                                                                   "batch b "  \
                                                                   "JOIN "     \
                                                                   "staff_"    \
                                                                   "user u "   \
                                                                   "ON u.id "  \
                                                                   "= "        \
                                                                   "b."        \
                                                                   "created_"  \
                                                                   "by"        \
                                                                   " LEFT "    \
                                                                   "JOIN "     \
                                                                   "staff_"    \
                                                                   "user cu "  \
                                                                   "ON cu.id " \
                                                                   "= "        \
                                                                   "b."        \
                                                                   "cancelled" \
                                                                   "_by"

static void
batch_row_of(PGresult *res, int i, struct batch_row *r)
{
    memset(r, 0, sizeof(*r));
    r->id = LL(0);
    COPY(r->number, 1);
    COPY(r->status, 2);
    COPY(r->created_at, 3);
    COPY(r->created_by, 4);
    r->lines = LL(5);
    r->total_cents = LL(6);
    r->bank = LL(7);
    r->bank_cents = LL(8);
    r->cards = LL(9);
    r->card_cents = LL(10);
    r->results = LL(11);
    r->has_csv = BOOL(12);
    r->has_sepa = BOOL(13);
    r->has_pdf = BOOL(14);
    COPY(r->cancelled_at, 15);
    COPY(r->cancelled_by, 16);
    COPY(r->cancel_reason, 17);
    COPY(r->imported_at, 18);
}

static struct db_stmt stmt_db_batch_list = DB_STMT(
    "db_batch_list",
    BATCH_ROW_COLS("0, 0, 0, 0, 0") " ORDER BY b.created_at DESC, b.id DESC"
                                    " LIMIT $1::integer",
    1);

int
db_batch_list(struct db_conn *c, int limit, batch_row_cb cb, void *cls)
{
    char lim[16];
    const char *p[1] = {lim};
    struct batch_row row;
    PGresult *res;
    int r, i;

    snprintf(lim, sizeof(lim), "%d", limit);
    r = db_query(c, &stmt_db_batch_list, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        batch_row_of(res, i, &row);
        cb(cls, &row);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_batch_get =
    DB_STMT("db_batch_get",
            BATCH_ROW_COLS("s.bank, s.bank_cents, s.cards, s.card_cents, "
                           "s.results") " CROSS JOIN LATERAL (SELECT"
                                        " count(*) FILTER (WHERE p.channel = "
                                        "'bank') AS bank,"
                                        " coalesce(sum(p.amount_cents) FILTER "
                                        "(WHERE p.channel = 'bank'), 0)"
                                        "  AS bank_cents,"
                                        " count(*) FILTER (WHERE p.channel <> "
                                        "'bank') AS cards,"
                                        " coalesce(sum(p.amount_cents) FILTER "
                                        "(WHERE p.channel <> 'bank'), 0)"
                                        "  AS card_cents,"
                                        " count(*) FILTER (WHERE l.result IS "
                                        "NOT NULL) AS results"
                                        " FROM batch_line l JOIN payout p ON "
                                        "p.id = l.payout_id"
                                        " WHERE l.batch_id = b.id) s"
                                        " WHERE b.number = $1",
            1);

int
db_batch_get(struct db_conn *c, const char *number, struct batch_row *out)
{
    const char *p[1] = {number};
    PGresult *res;
    int r = db_query(c, &stmt_db_batch_get, p, &res);

    if (r == 1)
        batch_row_of(res, 0, out);
    PQclear(res);
    return r;
}

/* ---- making a batch ---- */

/* One row: the settings ('' when missing) and the creator's name. */
static struct db_stmt stmt_db_batch_settings = DB_STMT(
    "db_batch_settings",
    "SELECT"
    " coalesce(max(s.value) FILTER (WHERE s.key = 'debtor_name'), ''),"
    " coalesce(max(s.value) FILTER (WHERE s.key = 'debtor_iban'), ''),"
    " coalesce(max(s.value) FILTER (WHERE s.key = 'debtor_bic'), ''),"
    " coalesce(max(s.value) FILTER (WHERE s.key = 'kostenplaats'), ''),"
    " coalesce(max(s.value) FILTER (WHERE s.key = 'grootboekrekening'), ''),"
    " coalesce(max(s.value) FILTER (WHERE s.key = 'letterhead_text'), ''),"
    " coalesce(max(s.value) FILTER (WHERE s.key = 'csv_delimiter'), ''),"
    " coalesce(max(s.value) FILTER (WHERE s.key = 'csv_decimal_mark'), ''),"
    " u.name FROM staff_user u CROSS JOIN setting s"
    " WHERE u.id = $1::bigint GROUP BY u.id, u.name",
    1);

int
db_batch_settings(struct db_conn *c, long long user_id,
                  struct batch_settings *out)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_db_batch_settings, user_id, &res);
    const int i = 0;

    if (r != 1) {
        PQclear(res);
        return r;
    }
    memset(out, 0, sizeof(*out));
    COPY(out->debtor_name, 0);
    COPY(out->debtor_iban, 1);
    COPY(out->debtor_bic, 2);
    COPY(out->kostenplaats, 3);
    COPY(out->grootboekrekening, 4);
    COPY(out->letterhead, 5);
    /* char settings; the Dutch conventions when empty */
    out->delimiter = PQgetvalue(res, 0, 6)[0] ? PQgetvalue(res, 0, 6)[0] : ';';
    out->decimal_mark =
        PQgetvalue(res, 0, 7)[0] ? PQgetvalue(res, 0, 7)[0] : ',';
    COPY(out->creator_name, 8);
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_batch_not_batchable = DB_STMT(
    "db_batch_not_batchable",
    "SELECT count(*) FILTER (WHERE p.iban_confirmed"
    "  AND (w.awarded_by = $1::bigint OR p.iban_confirmed_by = $1::bigint)),"
    " count(*) FILTER (WHERE NOT p.iban_confirmed)"
    " FROM payout p JOIN award w ON w.id = p.award_id"
    " WHERE p.status = 'te_betalen' AND" AWARDED_UP_TO("$2"),
    2);

int
db_batch_not_batchable(struct db_conn *c, long long user_id,
                       const char *until_iso, long long *skipped,
                       long long *waiting)
{
    char u[24];
    const char *p[2] = {u, until_iso};
    PGresult *res;
    int r;
    const int i = 0;

    snprintf(u, sizeof(u), "%lld", user_id);
    r = db_query(c, &stmt_db_batch_not_batchable, p, &res);
    if (r == 1) {
        *skipped = LL(0);
        *waiting = LL(1);
    }
    PQclear(res);
    return r;
}

/* The number comes from the counter of this year in Utrecht; a rolled
 * back transaction gives it back, so numbers have no gaps. The execution
 * date is the next working day (Saturday and Sunday skipped). */
static struct db_stmt stmt_db_batch_insert = DB_STMT(
    "db_batch_insert",
    "INSERT INTO payout_batch (number, created_by)"
    " SELECT next_reference('BT', date_part('year', now() AT TIME ZONE"
    " 'Europe/Amsterdam')::integer), $1::bigint"
    " RETURNING id, number,"
    " to_char(" AMS(
        "created_at") ", 'YYYY-MM-DD\"T\"HH24:MI:SS'),"
                      " to_char(" AMS(
                          "created_at") ", 'DD-MM-YYYY HH24:MI'),"
                                        " to_char(" AMS(
                                            "created_at") "::date + CASE "
                                                          "extract(isodow "
                                                          "FROM" AMS("created_"
                                                                     "at") ") "
                                                                           "WHE"
                                                                           "N "
                                                                           "5 "
                                                                           "THE"
                                                                           "N "
                                                                           "3 "
                                                                           "WHE"
                                                                           "N "
                                                                           "6 "
                                                                           "THE"
                                                                           "N "
                                                                           "2 "
                                                                           "ELS"
                                                                           "E "
                                                                           "1 "
                                                                           "END"
                                                                           ","
                                                                           " '"
                                                                           "YYY"
                                                                           "Y-"
                                                                           "MM-"
                                                                           "DD'"
                                                                           "),"
                                                                           " ex"
                                                                           "tra"
                                                                           "ct("
                                                                           "epo"
                                                                           "ch "
                                                                           "FRO"
                                                                           "M "
                                                                           "cre"
                                                                           "ate"
                                                                           "d_"
                                                                           "at)"
                                                                           "::"
                                                                           "big"
                                                                           "in"
                                                                           "t",
    1);

int
db_batch_insert(struct db_conn *c, long long user_id, struct batch_head *out)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_db_batch_insert, user_id, &res);
    const int i = 0;

    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : DB_HARD_ERROR;
    }
    memset(out, 0, sizeof(*out));
    out->id = LL(0);
    COPY(out->number, 1);
    COPY(out->created_iso, 2);
    COPY(out->created_text, 3);
    COPY(out->execution_date, 4);
    out->created_epoch = LL(5);
    PQclear(res);
    return 1;
}

/* One statement for all lines: row-level locks on the candidates taken in
 * the CTE (a window function cannot sit beside FOR UPDATE), numbered in the
 * INSERT. The trigger batch_line_before_insert checks every row again. */
static struct db_stmt stmt_db_batch_lines_insert = DB_STMT(
    "db_batch_lines_insert",
    "WITH c AS (SELECT p.id, w.wijk_code, p.reference"
    " FROM payout p JOIN award w ON w.id = p.award_id"
    " WHERE p.status = 'te_betalen' AND p.iban_confirmed"
    " AND p.channel IN ('bank', 'prepaid_card')"
    " AND w.awarded_by <> $2::bigint"
    " AND p.iban_confirmed_by IS DISTINCT FROM $2::bigint"
    " AND" AWARDED_UP_TO(
        "$3") " FOR UPDATE OF p SKIP LOCKED)"
              " INSERT INTO batch_line (batch_id, line_no, payout_id)"
              " SELECT $1::bigint, row_number() OVER (ORDER BY c.wijk_code,"
              " c.reference), c.id FROM c",
    3);

int
db_batch_lines_insert(struct db_conn *c, long long batch_id, long long user_id,
                      const char *until_iso)
{
    char b[24], u[24];
    const char *p[3] = {b, u, until_iso};

    snprintf(b, sizeof(b), "%lld", batch_id);
    snprintf(u, sizeof(u), "%lld", user_id);
    return db_query(c, &stmt_db_batch_lines_insert, p, NULL);
}

static struct db_stmt stmt_db_batch_payouts_in_batch =
    DB_STMT("db_batch_payouts_in_batch",
            "UPDATE payout p SET status = 'in_batch' FROM batch_line l"
            " WHERE l.batch_id = $1::bigint AND l.payout_id = p.id"
            " AND p.status = 'te_betalen'",
            1);

int
db_batch_payouts_in_batch(struct db_conn *c, long long batch_id)
{
    return db_query_id(c, &stmt_db_batch_payouts_in_batch, batch_id, NULL);
}

/* The payee: the account holder of a bank payout, the gangmaker for a
 * card. The description is the remittance text; batch_sepa() keeps the
 * reference when it must cut it to 140 characters. */
static struct db_stmt stmt_db_batch_lines = DB_STMT(
    "db_batch_lines",
    "SELECT l.line_no, p.reference,"
    " to_char(" AMS(
        "w.awarded_at") ", 'DD-MM-YYYY'),"
                        " coalesce(CASE WHEN p.channel = 'bank' THEN "
                        "p.account_holder"
                        "  ELSE o.name END, ''),"
                        " coalesce(p.iban, ''), p.amount_cents,"
                        " 'Lief en Leed potje ' || a.reference || ' '"
                        "  || coalesce(s.name, a.street_name),"
                        " w.wijk_code, wk.name, coalesce(s.name, "
                        "a.street_name), p.channel,"
                        " coalesce(l.result, ''), p.status"
                        " FROM batch_line l JOIN payout p ON p.id = l.payout_id"
                        " JOIN award w ON w.id = p.award_id"
                        " JOIN application a ON a.id = w.application_id"
                        " JOIN organiser o ON o.id = a.organiser_id"
                        " JOIN wijk wk ON wk.code = w.wijk_code"
                        " LEFT JOIN street s ON s.id = a.street_id"
                        " WHERE l.batch_id = $1::bigint ORDER BY l.line_no",
    1);

int
db_batch_lines(struct db_conn *c, long long batch_id, struct batch_lines *out)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_db_batch_lines, batch_id, &res);
    size_t n, k;

    memset(out, 0, sizeof(*out));
    if (r < 0)
        return r;
    n = (size_t)r;
    out->line = calloc(n ? n : 1, sizeof(*out->line));
    out->result = calloc(n ? n : 1, sizeof(*out->result));
    out->payout_status = calloc(n ? n : 1, sizeof(*out->payout_status));
    if (out->line == NULL || out->result == NULL ||
        out->payout_status == NULL) {
        PQclear(res);
        db_batch_lines_free(out);
        return DB_HARD_ERROR;
    }
    for (k = 0; k < n; k++) {
        struct batch_file_line *l = &out->line[k];
        const int i = (int)k;

        l->line_no = (int)LL(0);
        l->reference = PQgetvalue(res, i, 1);
        l->award_date = PQgetvalue(res, i, 2);
        l->payee_name = PQgetvalue(res, i, 3);
        l->iban = PQgetisnull(res, i, 4) || !PQgetvalue(res, i, 4)[0]
                      ? NULL
                      : PQgetvalue(res, i, 4);
        l->amount_cents = LL(5);
        l->description = PQgetvalue(res, i, 6);
        l->wijk_code = PQgetvalue(res, i, 7);
        l->wijk_name = PQgetvalue(res, i, 8);
        l->street = PQgetvalue(res, i, 9);
        l->channel = strcmp(PQgetvalue(res, i, 10), "bank") == 0
                         ? BATCH_BANK
                         : BATCH_PREPAID_CARD;
        out->result[k] = PQgetvalue(res, i, 11);
        out->payout_status[k] = PQgetvalue(res, i, 12);
    }
    out->n = n;
    out->priv = res;
    return r;
}

void
db_batch_lines_free(struct batch_lines *l)
{
    free(l->line);
    free(l->result);
    free(l->payout_status);
    PQclear(l->priv);
    memset(l, 0, sizeof(*l));
}

static struct db_stmt stmt_db_batch_files_store = DB_STMT(
    "db_batch_files_store",
    "UPDATE payout_batch SET line_count = $2::integer,"
    " total_cents = $3::bigint, csv = $4::bytea, csv_sha256 = $5::bytea,"
    " sepa_xml = $6::bytea, sepa_sha256 = $7::bytea,"
    " statement_pdf = $8::bytea, statement_sha256 = $9::bytea"
    " WHERE id = $1::bigint AND line_count IS NULL",
    9);

/* bytea text input of data, or NULL when data is NULL; *out is malloc()ed */
static bool
hex_param(const unsigned char *data, size_t len, char **out)
{
    *out = NULL;
    if (data == NULL)
        return true;
    *out = malloc(2 + 2 * len + 1);
    if (*out == NULL)
        return false;
    db_bytea_hex(data, len, *out);
    return true;
}

int
db_batch_files_store(struct db_conn *c, long long batch_id,
                     const struct batch_stored_files *f)
{
    char id[24], lines[24], total[24];
    char csv_h[2 + 64 + 1], sepa_h[2 + 64 + 1], pdf_h[2 + 64 + 1];
    char *csv = NULL, *sepa = NULL, *pdf = NULL;
    const char *p[9];
    int r = DB_HARD_ERROR;

    snprintf(id, sizeof(id), "%lld", batch_id);
    snprintf(lines, sizeof(lines), "%lld", f->lines);
    snprintf(total, sizeof(total), "%lld", f->total_cents);
    db_bytea_hex(f->csv_sha256, 32, csv_h);
    db_bytea_hex(f->sepa_sha256, 32, sepa_h);
    db_bytea_hex(f->pdf_sha256, 32, pdf_h);
    if (!hex_param(f->csv, f->csv_len, &csv) ||
        !hex_param(f->sepa, f->sepa_len, &sepa) ||
        !hex_param(f->pdf, f->pdf_len, &pdf))
        goto out;
    p[0] = id;
    p[1] = lines;
    p[2] = total;
    p[3] = csv;
    p[4] = csv ? csv_h : NULL;
    p[5] = sepa;
    p[6] = sepa ? sepa_h : NULL;
    p[7] = pdf;
    p[8] = pdf ? pdf_h : NULL;
    r = db_query(c, &stmt_db_batch_files_store, p, NULL);
out:
    free(csv);
    free(sepa);
    free(pdf);
    return r;
}

/* ---- files ---- */

static struct db_stmt stmt_db_batch_file = DB_STMT(
    "db_batch_file",
    "SELECT id, encode(CASE $2 WHEN 'csv' THEN csv WHEN 'sepa' THEN sepa_xml"
    " ELSE statement_pdf END, 'hex')"
    " FROM payout_batch WHERE number = $1",
    2);

int
db_batch_file(struct db_conn *c, const char *number, enum batch_file_kind kind,
              unsigned char **data, size_t *len, long long *batch_id)
{
    const char *p[2] = {number, kind == BATCH_FILE_CSV    ? "csv"
                                : kind == BATCH_FILE_SEPA ? "sepa"
                                                          : "pdf"};
    const char *hex;
    PGresult *res;
    size_t n;
    int r;
    const int i = 0;

    *data = NULL;
    *len = 0;
    r = db_query(c, &stmt_db_batch_file, p, &res);
    if (r != 1) {
        PQclear(res);
        return r;
    }
    *batch_id = LL(0);
    if (PQgetisnull(res, 0, 1)) {
        PQclear(res);
        return 0;
    }
    hex = PQgetvalue(res, 0, 1);
    n = strlen(hex) / 2;
    *data = malloc(n ? n : 1);
    if (*data == NULL ||
        sodium_hex2bin(*data, n, hex, 2 * n, NULL, len, NULL) != 0) {
        free(*data);
        *data = NULL;
        *len = 0;
        PQclear(res);
        return DB_HARD_ERROR;
    }
    PQclear(res);
    return 1;
}

/* ---- cancelling ---- */

static struct db_stmt stmt_db_batch_cancel = DB_STMT(
    "db_batch_cancel",
    "UPDATE payout_batch b SET status = 'cancelled',"
    " cancelled_by = $2::bigint, cancelled_at = now(), cancel_reason = $3"
    " WHERE b.number = $1 AND b.status = 'live'"
    " AND NOT EXISTS (SELECT 1 FROM batch_line l WHERE l.batch_id = b.id"
    "  AND l.result IS NOT NULL)"
    " RETURNING b.id, coalesce(b.line_count, 0)",
    3);

int
db_batch_cancel(struct db_conn *c, const char *number, long long user_id,
                const char *reason, long long *batch_id, long long *lines)
{
    char u[24];
    const char *p[3] = {number, u, reason};
    PGresult *res;
    int r;
    const int i = 0;

    snprintf(u, sizeof(u), "%lld", user_id);
    r = db_query(c, &stmt_db_batch_cancel, p, &res);
    if (r == 1) {
        *batch_id = LL(0);
        *lines = LL(1);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_batch_payouts_release =
    DB_STMT("db_batch_payouts_release",
            "UPDATE payout p SET status = 'te_betalen' FROM batch_line l"
            " WHERE l.batch_id = $1::bigint AND l.payout_id = p.id"
            " AND p.status = 'in_batch'",
            1);

int
db_batch_payouts_release(struct db_conn *c, long long batch_id)
{
    return db_query_id(c, &stmt_db_batch_payouts_release, batch_id, NULL);
}
