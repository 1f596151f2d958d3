#include "db_result_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db_internal.h"
#include "db_util.h"

#define AMS_DATE(col)                                                          \
    " coalesce(to_char(" col " AT TIME ZONE 'Europe/Amsterdam',"               \
    " 'DD-MM-YYYY HH24:MI'), '')"

#define COPY(dst, col)                                                         \
    snprintf((dst), sizeof(dst), "%s", PQgetvalue(res, i, (col)))
#define LL(col) db_ll(PQgetvalue(res, i, (col)))
#define BOOL(col) (PQgetvalue(res, i, (col))[0] == 't')

/* ---- the rows as array parameters ---- */

/* Array literals of f's rows: references, statuses, dates and reasons,
 * each element quoted (a reference "NULL" would otherwise be a null). */
struct arrays {
    struct buf ref, status, date, reason;
};

static void
quoted(struct buf *b, const char *s)
{
    buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_putc(b, '\\');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

static bool
arrays_build(struct arrays *a, const struct result_file *f)
{
    size_t i;

    buf_init(&a->ref, 0);
    buf_init(&a->status, 0);
    buf_init(&a->date, 0);
    buf_init(&a->reason, 0);
    buf_putc(&a->ref, '{');
    buf_putc(&a->status, '{');
    buf_putc(&a->date, '{');
    buf_putc(&a->reason, '{');
    for (i = 0; i < f->count; i++) {
        const struct result_row *r = &f->row[i];
        if (i > 0) {
            buf_putc(&a->ref, ',');
            buf_putc(&a->status, ',');
            buf_putc(&a->date, ',');
            buf_putc(&a->reason, ',');
        }
        quoted(&a->ref, r->reference);
        buf_puts(&a->status,
                 r->status == RESULT_BETAALD ? "betaald" : "geweigerd");
        buf_puts(&a->date, r->date);
        if (r->reason != NULL)
            quoted(&a->reason, r->reason);
        else
            buf_puts(&a->reason, "NULL");
    }
    buf_putc(&a->ref, '}');
    buf_putc(&a->status, '}');
    buf_putc(&a->date, '}');
    buf_putc(&a->reason, '}');
    return !a->ref.failed && !a->status.failed && !a->date.failed &&
           !a->reason.failed;
}

static void
arrays_free(struct arrays *a)
{
    buf_free(&a->ref);
    buf_free(&a->status);
    buf_free(&a->date);
    buf_free(&a->reason);
}

/* ---- settings and users ---- */

static struct db_stmt stmt_db_result_decimal_mark =
    DB_STMT("db_result_decimal_mark",
            "SELECT coalesce((SELECT value FROM setting"
            " WHERE key = 'csv_decimal_mark'), ',')",
            0);

int
db_result_decimal_mark(struct db_conn *c, char *mark)
{
    PGresult *res;
    int r = db_query(c, &stmt_db_result_decimal_mark, NULL, &res);

    if (r < 0)
        return r;
    *mark = r == 1 && PQgetvalue(res, 0, 0)[0] == '.' ? '.' : ',';
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_result_financien_user =
    DB_STMT("db_result_financien_user",
            "SELECT id FROM staff_user WHERE lower(email) = lower($1)"
            " AND role = 'financien' AND disabled_at IS NULL",
            1);

int
db_result_financien_user(struct db_conn *c, const char *email, long long *id)
{
    const char *p[1] = {email};
    PGresult *res;
    int r = db_query(c, &stmt_db_result_financien_user, p, &res);

    if (r < 0)
        return r;
    if (r == 1)
        *id = db_ll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return r == 1 ? 1 : 0;
}

/* ---- the stored file ---- */

static struct db_stmt stmt_db_result_file_store = DB_STMT(
    "db_result_file_store",
    "WITH ins AS (INSERT INTO batch_result_file (sha256, content,"
    " imported_by) VALUES (decode($2, 'hex'), $1::bytea, $3::bigint)"
    " ON CONFLICT (sha256) DO UPDATE SET imported_by = EXCLUDED.imported_by,"
    " imported_at = now() WHERE batch_result_file.status = 'previewed'"
    " RETURNING id)"
    " SELECT id, false, '', '' FROM ins"
    " UNION ALL SELECT f.id, f.status = 'applied'," AMS_DATE(
        "f.applied_at") ","
                        " coalesce(u.name, '') FROM batch_result_file f"
                        " LEFT JOIN staff_user u ON u.id = f.applied_by"
                        " WHERE f.sha256 = decode($2, 'hex') AND NOT EXISTS "
                        "(SELECT 1 FROM ins)",
    3);

static void
info_from(PGresult *res, int i, struct db_result_file_info *out)
{
    out->id = LL(0);
    out->applied = BOOL(1);
    COPY(out->applied_at, 2);
    COPY(out->applied_by, 3);
}

int
db_result_file_store(struct db_conn *c, const char *data, size_t len,
                     const char *sha256_hex, long long user_id,
                     struct db_result_file_info *out)
{
    static const char hex[] = "0123456789abcdef";
    char uid[24], *bytes;
    const char *p[3];
    PGresult *res;
    size_t i;
    int r;

    memset(out, 0, sizeof(*out));
    /* bytea in its text form: \x and two hex digits a byte */
    bytes = malloc(2 * len + 3);
    if (bytes == NULL)
        return DB_HARD_ERROR;
    bytes[0] = '\\';
    bytes[1] = 'x';
    for (i = 0; i < len; i++) {
        bytes[2 + 2 * i] = hex[(unsigned char)data[i] >> 4];
        bytes[3 + 2 * i] = hex[(unsigned char)data[i] & 15];
    }
    bytes[2 + 2 * len] = '\0';
    snprintf(uid, sizeof(uid), "%lld", user_id);
    p[0] = bytes;
    p[1] = sha256_hex;
    p[2] = uid;
    r = db_query(c, &stmt_db_result_file_store, p, &res);
    free(bytes);
    if (r < 0)
        return r;
    if (r != 1) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    info_from(res, 0, out);
    snprintf(out->sha256_hex, sizeof(out->sha256_hex), "%s", sha256_hex);
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_result_file_load =
    DB_STMT("db_result_file_load",
            "SELECT f.id, f.status = 'applied'," AMS_DATE(
                "f.applied_at") ","
                                " coalesce(u.name, ''), f.content IS NOT NULL, "
                                "f.content"
                                " FROM batch_result_file f LEFT JOIN "
                                "staff_user u ON u.id = f.applied_by"
                                " WHERE f.id = $1::bigint AND f.sha256 = "
                                "decode($2, 'hex')",
            2);

int
db_result_file_load(struct db_conn *c, long long id, const char *sha256_hex,
                    char **data, size_t *len, struct db_result_file_info *out)
{
    char v[24];
    const char *p[2] = {v, sha256_hex};
    PGresult *res;
    int r, i = 0;

    *data = NULL;
    *len = 0;
    memset(out, 0, sizeof(*out));
    /* a malformed hash from a form is simply no file */
    if (strlen(sha256_hex) != 64 ||
        strspn(sha256_hex, "0123456789abcdef") != 64)
        return 0;
    snprintf(v, sizeof(v), "%lld", id);
    r = db_query(c, &stmt_db_result_file_load, p, &res);
    if (r <= 0)
        return r;
    info_from(res, 0, out);
    snprintf(out->sha256_hex, sizeof(out->sha256_hex), "%s", sha256_hex);
    if (BOOL(4)) {
        size_t n;
        unsigned char *raw =
            PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 5), &n);
        if (raw == NULL) {
            PQclear(res);
            return DB_HARD_ERROR;
        }
        *data = malloc(n ? n : 1);
        if (*data == NULL) {
            PQfreemem(raw);
            PQclear(res);
            return DB_HARD_ERROR;
        }
        memcpy(*data, raw, n);
        *len = n;
        PQfreemem(raw);
    }
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_result_file_lock =
    DB_STMT("db_result_file_lock",
            "SELECT status = 'applied' FROM batch_result_file"
            " WHERE id = $1::bigint AND sha256 = decode($2, 'hex') FOR UPDATE",
            2);

int
db_result_file_lock(struct db_conn *c, long long id, const char *sha256_hex,
                    bool *applied)
{
    char v[24];
    const char *p[2] = {v, sha256_hex};
    PGresult *res;
    int r;

    snprintf(v, sizeof(v), "%lld", id);
    r = db_query(c, &stmt_db_result_file_lock, p, &res);
    if (r <= 0)
        return r;
    *applied = PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_result_file_mark_applied = DB_STMT(
    "db_result_file_mark_applied",
    "UPDATE batch_result_file SET status = 'applied',"
    " applied_by = $3::bigint, applied_at = now(), row_count = $4::integer,"
    " paid_count = $5::integer, refused_count = $6::integer,"
    " reversed_count = $7::integer"
    " WHERE id = $1::bigint AND sha256 = decode($2, 'hex')"
    " AND status = 'previewed'",
    7);

int
db_result_file_mark_applied(struct db_conn *c, long long id,
                            const char *sha256_hex, long long user_id,
                            long long rows, long long paid, long long refused,
                            long long reversed)
{
    char v[6][24];
    const char *p[7] = {v[0], sha256_hex, v[1], v[2], v[3], v[4], v[5]};

    snprintf(v[0], sizeof(v[0]), "%lld", id);
    snprintf(v[1], sizeof(v[1]), "%lld", user_id);
    snprintf(v[2], sizeof(v[2]), "%lld", rows);
    snprintf(v[3], sizeof(v[3]), "%lld", paid);
    snprintf(v[4], sizeof(v[4]), "%lld", refused);
    snprintf(v[5], sizeof(v[5]), "%lld", reversed);
    return db_query(c, &stmt_db_result_file_mark_applied, p, NULL);
}

/* ---- checks ---- */

static struct db_stmt stmt_db_result_check_rows = DB_STMT(
    "db_result_check_rows",
    "SELECT coalesce(p.id, 0), coalesce(p.status, ''),"
    " coalesce(p.amount_cents, 0), coalesce(lb.number, ''),"
    " coalesce(lb.status, ''),"
    " coalesce(to_char(p.paid_at AT TIME ZONE 'Europe/Amsterdam',"
    " 'DD-MM-YYYY'), ''),"
    " r.d > (now() AT TIME ZONE 'Europe/Amsterdam')::date"
    " FROM unnest($1::text[], $2::date[]) WITH ORDINALITY AS r(ref, d, i)"
    " LEFT JOIN payout p ON p.reference = r.ref"
    " LEFT JOIN LATERAL (SELECT b.number, b.status FROM batch_line l"
    "  JOIN payout_batch b ON b.id = l.batch_id WHERE l.payout_id = p.id"
    "  ORDER BY l.live DESC, b.id DESC LIMIT 1) lb ON true"
    " ORDER BY r.i",
    2);

int
db_result_check_rows(struct db_conn *c, const struct result_file *f,
                     struct db_result_fact *facts)
{
    struct arrays a;
    const char *p[2];
    PGresult *res;
    int r, i;

    if (f->count == 0)
        return 0;
    if (!arrays_build(&a, f)) {
        arrays_free(&a);
        return DB_HARD_ERROR;
    }
    p[0] = a.ref.data;
    p[1] = a.date.data;
    r = db_query(c, &stmt_db_result_check_rows, p, &res);
    arrays_free(&a);
    if (r < 0)
        return r;
    if ((size_t)r != f->count) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (i = 0; i < r; i++) {
        struct db_result_fact *x = &facts[i];
        memset(x, 0, sizeof(*x));
        x->payout_id = LL(0);
        COPY(x->payout_status, 1);
        x->amount_cents = LL(2);
        COPY(x->batch_number, 3);
        COPY(x->batch_status, 4);
        COPY(x->paid_on, 5);
        x->date_in_future = BOOL(6);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_result_incomplete_batches = DB_STMT(
    "db_result_incomplete_batches",
    "WITH r AS (SELECT DISTINCT ref FROM unnest($1::text[]) AS r(ref)),"
    " t AS (SELECT DISTINCT l.batch_id FROM r"
    "  JOIN payout p ON p.reference = r.ref"
    "  JOIN batch_line l ON l.payout_id = p.id AND l.live)"
    " SELECT b.number, count(*), count(*) FILTER (WHERE r.ref IS NULL),"
    " coalesce(array_to_string((array_agg(p.reference ORDER BY l.line_no)"
    "  FILTER (WHERE r.ref IS NULL))[1:3], ', '), '')"
    " FROM t JOIN payout_batch b ON b.id = t.batch_id"
    " JOIN batch_line l ON l.batch_id = b.id"
    " JOIN payout p ON p.id = l.payout_id"
    " LEFT JOIN r ON r.ref = p.reference"
    " GROUP BY b.id, b.number"
    " HAVING count(*) FILTER (WHERE r.ref IS NULL) > 0 ORDER BY b.number",
    1);

int
db_result_incomplete_batches(struct db_conn *c, const struct result_file *f,
                             db_result_incomplete_cb cb, void *cls)
{
    struct arrays a;
    const char *p[1];
    PGresult *res;
    int r, i;

    if (f->count == 0)
        return 0;
    if (!arrays_build(&a, f)) {
        arrays_free(&a);
        return DB_HARD_ERROR;
    }
    p[0] = a.ref.data;
    r = db_query(c, &stmt_db_result_incomplete_batches, p, &res);
    arrays_free(&a);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++)
        cb(cls, PQgetvalue(res, i, 0), LL(1), LL(2), PQgetvalue(res, i, 3));
    PQclear(res);
    return r;
}

/* ---- applying ---- */

/* Run a statement whose parameters are the four arrays (and maybe one
 * more); returns rows affected, or the first column of a one-row result
 * when counted is set. */
static int
run_arrays(struct db_conn *c, struct db_stmt *s, const struct result_file *f,
           const char *extra, bool counted)
{
    struct arrays a;
    const char *p[5];
    PGresult *res = NULL;
    int r;

    if (f->count == 0)
        return 0;
    if (!arrays_build(&a, f)) {
        arrays_free(&a);
        return DB_HARD_ERROR;
    }
    p[0] = a.ref.data;
    p[1] = a.status.data;
    p[2] = a.date.data;
    p[3] = a.reason.data;
    p[4] = extra;
    r = db_query(c, s, p, counted ? &res : NULL);
    arrays_free(&a);
    if (r < 0 || !counted)
        return r;
    r = r == 1 ? (int)db_ll(PQgetvalue(res, 0, 0)) : DB_HARD_ERROR;
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_result_apply_lines =
    DB_STMT("db_result_apply_lines",
            "UPDATE batch_line l SET result = r.st, result_on = r.d,"
            " result_reason = r.why"
            " FROM unnest($1::text[], $2::text[], $3::date[], $4::text[])"
            "  AS r(ref, st, d, why)"
            " JOIN payout p ON p.reference = r.ref"
            " WHERE l.payout_id = p.id AND l.live AND p.status = 'in_batch'",
            4);

int
db_result_apply_lines(struct db_conn *c, const struct result_file *f)
{
    return run_arrays(c, &stmt_db_result_apply_lines, f, NULL, false);
}

/* The payouts a file's rows name are found row by row through the unique
 * reference index (LATERAL) and updated by id: whatever the statistics
 * say about statuses, the plan cannot become every row against every
 * payout (10 s for 10,000 rows when it did). */
static struct db_stmt stmt_db_result_apply_paid =
    DB_STMT("db_result_apply_paid",
            "WITH t AS (SELECT q.id, r.d"
            "  FROM unnest($1::text[], $2::text[], $3::date[], $4::text[])"
            "   AS r(ref, st, d, why)"
            "  CROSS JOIN LATERAL (SELECT x.id FROM payout x"
            "   WHERE x.reference = r.ref AND x.status = 'in_batch' OFFSET 0) q"
            "  WHERE r.st = 'betaald')"
            " UPDATE payout p SET status = 'betaald',"
            " paid_at = (t.d + TIME '12:00') AT TIME ZONE 'Europe/Amsterdam'"
            " FROM t WHERE p.id = t.id",
            4);

int
db_result_apply_paid(struct db_conn *c, const struct result_file *f)
{
    return run_arrays(c, &stmt_db_result_apply_paid, f, NULL, false);
}

static struct db_stmt stmt_db_result_apply_failed =
    DB_STMT("db_result_apply_failed",
            "WITH t AS (SELECT q.id, r.d, r.why"
            "  FROM unnest($1::text[], $2::text[], $3::date[], $4::text[])"
            "   AS r(ref, st, d, why)"
            "  CROSS JOIN LATERAL (SELECT x.id FROM payout x"
            "   WHERE x.reference = r.ref AND x.status = $5 OFFSET 0) q"
            "  WHERE r.st = 'geweigerd'),"
            " u AS (UPDATE payout p SET status = 'mislukt',"
            "  failed_at = least(now(),"
            "   (t.d + TIME '12:00') AT TIME ZONE 'Europe/Amsterdam'),"
            "  failure_reason = coalesce(t.why, 'geweigerd door de bank')"
            "  FROM t WHERE p.id = t.id"
            "  RETURNING p.award_id),"
            " m AS (INSERT INTO outbox_message (application_id, kind, channel)"
            "  SELECT a.id, 'payment_failed',"
            "  CASE WHEN o.email IS NOT NULL THEN 'email' ELSE 'letter' END"
            "  FROM u JOIN award w ON w.id = u.award_id"
            "  JOIN application a ON a.id = w.application_id"
            "  JOIN organiser o ON o.id = a.organiser_id RETURNING 1)"
            " SELECT (SELECT count(*) FROM u) + 0 * (SELECT count(*) FROM m)",
            5);

int
db_result_apply_failed(struct db_conn *c, const struct result_file *f,
                       const char *from)
{
    return run_arrays(c, &stmt_db_result_apply_failed, f, from, true);
}

static struct db_stmt stmt_db_result_close_batches = DB_STMT(
    "db_result_close_batches",
    "WITH t AS (SELECT DISTINCT l.batch_id FROM unnest($1::text[]) AS r(ref)"
    "  JOIN payout p ON p.reference = r.ref"
    "  JOIN batch_line l ON l.payout_id = p.id AND l.live),"
    " b AS (UPDATE payout_batch b SET status = 'imported',"
    "  imported_by = $2::bigint, imported_at = now() FROM t"
    "  WHERE b.id = t.batch_id AND b.status = 'live'"
    "  RETURNING b.id, b.number),"
    " k AS (INSERT INTO result_file_batch (file_id, batch_id)"
    "  SELECT $3::bigint, id FROM b RETURNING 1)"
    " SELECT number, (SELECT count(*) FROM k) FROM b ORDER BY number",
    3);

int
db_result_close_batches(struct db_conn *c, const struct result_file *f,
                        long long user_id, long long file_id,
                        char *numbers_json, size_t jsonlen)
{
    struct arrays a;
    char uid[24], fid[24];
    const char *p[3];
    PGresult *res;
    size_t used = 0;
    int r, i;

    numbers_json[0] = '\0';
    if (f->count == 0)
        return 0;
    if (!arrays_build(&a, f)) {
        arrays_free(&a);
        return DB_HARD_ERROR;
    }
    snprintf(uid, sizeof(uid), "%lld", user_id);
    snprintf(fid, sizeof(fid), "%lld", file_id);
    p[0] = a.ref.data;
    p[1] = uid;
    p[2] = fid;
    r = db_query(c, &stmt_db_result_close_batches, p, &res);
    arrays_free(&a);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        /* batch numbers are [A-Z0-9-]: nothing to escape in JSON */
        int n = snprintf(numbers_json + used, jsonlen - used, "%s\"%s\"",
                         i ? "," : "", PQgetvalue(res, i, 0));
        if (n < 0 || (size_t)n >= jsonlen - used) {
            numbers_json[used] = '\0';
            break;
        }
        used += (size_t)n;
    }
    PQclear(res);
    return r;
}

/* ---- the list of recent imports ---- */

static struct db_stmt stmt_db_result_recent = DB_STMT(
    "db_result_recent",
    "SELECT f.id," AMS_DATE(
        "f.imported_at") ", u.name,"
                         " f.status = 'applied'," AMS_DATE(
                             "f.applied_at") ","
                                             " coalesce(f.row_count, 0), "
                                             "coalesce(f.paid_count, 0),"
                                             " coalesce(f.refused_count, 0), "
                                             "coalesce(f.reversed_count, 0),"
                                             " coalesce((SELECT "
                                             "string_agg(b.number, ', ' ORDER "
                                             "BY b.number)"
                                             "  FROM result_file_batch x JOIN "
                                             "payout_batch b"
                                             "  ON b.id = x.batch_id WHERE "
                                             "x.file_id = f.id), '')"
                                             " FROM batch_result_file f JOIN "
                                             "staff_user u ON u.id = "
                                             "f.imported_by"
                                             " ORDER BY f.imported_at DESC, "
                                             "f.id DESC LIMIT $1::integer",
    1);

int
db_result_recent(struct db_conn *c, int limit, db_result_recent_cb cb,
                 void *cls)
{
    struct db_result_recent row;
    char lim[16];
    const char *p[1] = {lim};
    PGresult *res;
    int r, i;

    snprintf(lim, sizeof(lim), "%d", limit);
    r = db_query(c, &stmt_db_result_recent, p, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&row, 0, sizeof(row));
        row.id = LL(0);
        COPY(row.uploaded_at, 1);
        COPY(row.uploaded_by, 2);
        row.applied = BOOL(3);
        COPY(row.applied_at, 4);
        row.rows = LL(5);
        row.paid = LL(6);
        row.refused = LL(7);
        row.reversed = LL(8);
        COPY(row.batches, 9);
        cb(cls, &row);
    }
    PQclear(res);
    return r;
}

/* ANALYZE may be sent through the extended protocol like any statement. */
static struct db_stmt stmt_db_result_analyze =
    DB_STMT("db_result_analyze", "ANALYZE payout, batch_line", 0);

int
db_result_analyze(struct db_conn *c)
{
    int r = db_query(c, &stmt_db_result_analyze, NULL, NULL);

    return r < 0 ? r : 0;
}
