#include "db_expense.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

static struct db_stmt stmt_db_expense_report_of =
    DB_STMT("db_expense_report_of",
            "SELECT r.id, w.amount_cents,"
            " (SELECT coalesce(sum(l.amount_cents), 0) FROM expense_line l"
            "  WHERE l.report_id = r.id),"
            " (SELECT count(*) FROM expense_line l WHERE l.report_id = r.id),"
            " to_char(p.paid_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD'),"
            " to_char(p.paid_at AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY'),"
            " to_char(now() AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD'),"
            " to_char(r.due_on, 'DD-MM-YYYY'), r.submitted_at IS NOT NULL,"
            " coalesce(to_char(r.submitted_at AT TIME ZONE 'Europe/Amsterdam',"
            "  'DD-MM-YYYY'), ''),"
            " coalesce((SELECT f.reference FROM application f"
            "  WHERE f.previous_application_id = w.application_id"
            "  AND f.status NOT IN ('afgewezen', 'ingetrokken')"
            "  ORDER BY f.id DESC LIMIT 1), '')"
            " FROM award w JOIN payout p ON p.award_id = w.id"
            " JOIN expense_report r ON r.award_id = w.id"
            " WHERE w.application_id = $1::bigint AND p.status = 'betaald'",
            1);

int
db_expense_report_of(struct db_conn *c, long long application_id,
                     struct expense_report_view *out)
{
    PGresult *res;
    int r;

    memset(out, 0, sizeof(*out));
    r = db_query_id(c, &stmt_db_expense_report_of, application_id, &res);
    if (r != 1) {
        PQclear(res);
        return r;
    }
    out->id = db_ll(PQgetvalue(res, 0, 0));
    out->awarded_cents = db_ll(PQgetvalue(res, 0, 1));
    out->spent_cents = db_ll(PQgetvalue(res, 0, 2));
    out->lines = db_ll(PQgetvalue(res, 0, 3));
    snprintf(out->paid_on, sizeof(out->paid_on), "%s", PQgetvalue(res, 0, 4));
    snprintf(out->paid_on_text, sizeof(out->paid_on_text), "%s",
             PQgetvalue(res, 0, 5));
    snprintf(out->today, sizeof(out->today), "%s", PQgetvalue(res, 0, 6));
    snprintf(out->due_on_text, sizeof(out->due_on_text), "%s",
             PQgetvalue(res, 0, 7));
    out->submitted = PQgetvalue(res, 0, 8)[0] == 't';
    snprintf(out->submitted_text, sizeof(out->submitted_text), "%s",
             PQgetvalue(res, 0, 9));
    snprintf(out->follow_up_reference, sizeof(out->follow_up_reference), "%s",
             PQgetvalue(res, 0, 10));
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_expense_lines = DB_STMT(
    "db_expense_lines",
    "SELECT line_no, to_char(spent_on, 'DD-MM-YYYY'), occasion, amount_cents,"
    " coalesce(note, '') FROM expense_line WHERE report_id = $1::bigint"
    " ORDER BY spent_on, line_no",
    1);

int
db_expense_lines(struct db_conn *c, long long report_id, expense_line_fn fn,
                 void *cls)
{
    struct expense_line_row l;
    PGresult *res;
    int r, i;

    r = db_query_id(c, &stmt_db_expense_lines, report_id, &res);
    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        l.line_no = db_ll(PQgetvalue(res, i, 0));
        l.spent_on = PQgetvalue(res, i, 1);
        l.occasion = PQgetvalue(res, i, 2);
        l.amount_cents = db_ll(PQgetvalue(res, i, 3));
        l.note = PQgetvalue(res, i, 4);
        fn(cls, &l);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_expense_line_add =
    DB_STMT("db_expense_line_add",
            "INSERT INTO expense_line (report_id, line_no, spent_on, occasion,"
            " amount_cents, note)"
            " SELECT r.id, coalesce((SELECT max(l.line_no) FROM expense_line l"
            "  WHERE l.report_id = r.id), 0) + 1, $2::date, $3, $4::bigint, $5"
            " FROM expense_report r JOIN award w ON w.id = r.award_id"
            " WHERE r.id = $1::bigint AND r.submitted_at IS NULL"
            " AND (SELECT coalesce(sum(l.amount_cents), 0) FROM expense_line l"
            "  WHERE l.report_id = r.id) + $4::bigint <= w.amount_cents"
            " RETURNING line_no",
            5);

int
db_expense_line_add(struct db_conn *c, long long report_id,
                    const char *spent_on, const char *occasion,
                    long long amount_cents, const char *note,
                    long long *line_no)
{
    char rid[24], cents[24];
    const char *p[5] = {rid, spent_on, occasion, cents, note};
    PGresult *res;
    int r;

    snprintf(rid, sizeof(rid), "%lld", report_id);
    snprintf(cents, sizeof(cents), "%lld", amount_cents);
    r = db_query(c, &stmt_db_expense_line_add, p, &res);
    if (r == 1)
        *line_no = db_ll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_expense_line_remove =
    DB_STMT("db_expense_line_remove",
            "DELETE FROM expense_line l USING expense_report r"
            " WHERE r.id = $1::bigint AND l.report_id = r.id"
            " AND l.line_no = $2::smallint AND r.submitted_at IS NULL",
            2);

int
db_expense_line_remove(struct db_conn *c, long long report_id,
                       long long line_no)
{
    char rid[24], no[24];
    const char *p[2] = {rid, no};

    snprintf(rid, sizeof(rid), "%lld", report_id);
    snprintf(no, sizeof(no), "%lld", line_no);
    return db_query(c, &stmt_db_expense_line_remove, p, NULL);
}

static struct db_stmt stmt_db_expense_report_submit = DB_STMT(
    "db_expense_report_submit",
    "WITH t AS (SELECT count(*) AS n, coalesce(sum(amount_cents), 0) AS total"
    "  FROM expense_line WHERE report_id = $1::bigint)"
    " UPDATE expense_report r SET submitted_at = now() FROM t, award w"
    " WHERE r.id = $1::bigint AND w.id = r.award_id"
    " AND r.submitted_at IS NULL AND t.n > 0 AND t.total <= w.amount_cents"
    " RETURNING t.n, t.total",
    1);

int
db_expense_report_submit(struct db_conn *c, long long report_id,
                         long long *lines, long long *total)
{
    char rid[24];
    const char *p[1] = {rid};
    PGresult *res;
    int r;

    snprintf(rid, sizeof(rid), "%lld", report_id);
    r = db_query(c, &stmt_db_expense_report_submit, p, &res);
    if (r == 1) {
        *lines = db_ll(PQgetvalue(res, 0, 0));
        *total = db_ll(PQgetvalue(res, 0, 1));
    }
    PQclear(res);
    return r;
}
