#include "db_staff_queue.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_internal.h"
#include "db_util.h"

#define COPY(dst, res, row, col)                                               \
    snprintf((dst), sizeof(dst), "%s", PQgetvalue((res), (row), (col)))

/* The keyset condition reads the position of after_id from the table
 * itself (scoped like the rest), so an id of another wijk or a made-up one
 * gives an empty page, never another wijk's rows. The application_queue index
 * (wijk_code, status, submitted_at) serves the scan per wijk and status. */
static struct db_stmt stmt_db_staff_queue_page = DB_STMT(
    "db_staff_queue_page",
    "SELECT a.id, a.reference,"
    " to_char(a.submitted_at AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY'),"
    " a.submitted_at::text,"
    " (now() AT TIME ZONE 'Europe/Amsterdam')::date"
    "  - (a.submitted_at AT TIME ZONE 'Europe/Amsterdam')::date,"
    " a.street_name, a.wijk_code, a.status, coalesce(o.name, ''),"
    " a.flag_unknown_street, a.flag_second_open, a.flag_over_yearly_maximum,"
    " coalesce(NOT p.iban_confirmed, false), a.entered_by IS NOT NULL"
    " FROM application a JOIN organiser o ON o.id = a.organiser_id"
    " LEFT JOIN award w ON w.application_id = a.id"
    " LEFT JOIN payout p ON p.award_id = w.id"
    " WHERE a.wijk_code = ANY (string_to_array($1, ','))"
    " AND ($2::text IS NULL OR a.wijk_code = $2)"
    " AND a.status = ANY (string_to_array($3, ','))"
    " AND ($4::bigint IS NULL OR (a.submitted_at, a.id) > (SELECT"
    "  b.submitted_at, b.id FROM application b WHERE b.id = $4::bigint"
    "  AND b.wijk_code = ANY (string_to_array($1, ','))))"
    " ORDER BY a.submitted_at, a.id LIMIT $5::integer",
    5);

int
db_staff_queue_page(struct db_conn *c, const struct staff_queue_query *q,
                    struct staff_queue_row **rows)
{
    char after[24], limit[16];
    const char *p[5] = {q->wijken, q->wijk, q->statuses, NULL, limit};
    struct staff_queue_row *out;
    PGresult *res;
    int r, i;

    *rows = NULL;
    snprintf(after, sizeof(after), "%lld", q->after_id);
    snprintf(limit, sizeof(limit), "%d", STAFF_QUEUE_PAGE + 1);
    if (q->after_id > 0)
        p[3] = after;
    r = db_query(c, &stmt_db_staff_queue_page, p, &res);
    if (r <= 0) {
        PQclear(res);
        return r;
    }
    out = calloc((size_t)r, sizeof(*out));
    if (out == NULL) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (i = 0; i < r; i++) {
        struct staff_queue_row *o = &out[i];

        o->id = db_ll(PQgetvalue(res, i, 0));
        COPY(o->reference, res, i, 1);
        COPY(o->submitted, res, i, 2);
        COPY(o->submitted_key, res, i, 3);
        o->days_waiting = db_ll(PQgetvalue(res, i, 4));
        COPY(o->street, res, i, 5);
        COPY(o->wijk, res, i, 6);
        COPY(o->status, res, i, 7);
        COPY(o->organiser, res, i, 8);
        o->unknown_street = PQgetvalue(res, i, 9)[0] == 't';
        o->second_open = PQgetvalue(res, i, 10)[0] == 't';
        o->over_yearly_maximum = PQgetvalue(res, i, 11)[0] == 't';
        o->iban_unconfirmed = PQgetvalue(res, i, 12)[0] == 't';
        o->entered_by_staff = PQgetvalue(res, i, 13)[0] == 't';
    }
    PQclear(res);
    *rows = out;
    return r;
}

static struct db_stmt stmt_db_staff_queue_counts =
    DB_STMT("db_staff_queue_counts",
            "SELECT wijk_code, status, count(*) FROM application"
            " WHERE wijk_code = ANY (string_to_array($1, ','))"
            " GROUP BY wijk_code, status ORDER BY wijk_code, status",
            1);

int
db_staff_queue_counts(struct db_conn *c, const char *wijken,
                      struct staff_queue_count **out)
{
    const char *p[1] = {wijken};
    struct staff_queue_count *o;
    PGresult *res;
    int r, i;

    *out = NULL;
    r = db_query(c, &stmt_db_staff_queue_counts, p, &res);
    if (r <= 0) {
        PQclear(res);
        return r;
    }
    o = calloc((size_t)r, sizeof(*o));
    if (o == NULL) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (i = 0; i < r; i++) {
        COPY(o[i].wijk, res, i, 0);
        COPY(o[i].status, res, i, 1);
        o[i].n = db_ll(PQgetvalue(res, i, 2));
    }
    PQclear(res);
    *out = o;
    return r;
}
