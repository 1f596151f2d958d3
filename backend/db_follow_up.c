#include "db_follow_up.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* Shared by both statements: the report of the application's potje is
 * in, and the live follow-up of it, if any. */
#define REPORT_SUBMITTED(app)                                                  \
    " EXISTS (SELECT 1 FROM award w JOIN expense_report r"                     \
    "  ON r.award_id = w.id WHERE w.application_id = " app                     \
    "  AND r.submitted_at IS NOT NULL)"
#define LIVE_FOLLOW_UP(app)                                                    \
    " (SELECT f.reference FROM application f"                                  \
    "  WHERE f.previous_application_id = " app                                 \
    "  AND f.status NOT IN ('afgewezen', 'ingetrokken')"                       \
    "  ORDER BY f.id DESC LIMIT 1)"

static struct db_stmt stmt_db_follow_up_source = DB_STMT(
    "db_follow_up_source",
    "SELECT a.id, a.reference, coalesce(o.name, ''), coalesce(o.email, ''),"
    " coalesce(o.phone, ''), coalesce(o.address, ''),"
    " coalesce(o.postcode, ''), coalesce(o.iban, ''),"
    " coalesce(o.account_holder, ''), a.street_name, a.wijk_code,"
    " coalesce(a.households::text, ''), a.payout_method,"
    " coalesce(o2.name, ''), coalesce(o2.email, '')," REPORT_SUBMITTED(
        "a.id") ","
                " coalesce(" LIVE_FOLLOW_UP(
                    "a.id") ", '')"
                            " FROM application a JOIN organiser o ON o.id = "
                            "a.organiser_id"
                            " LEFT JOIN organiser o2 ON o2.id = "
                            "a.second_organiser_id"
                            " WHERE a.id = $1::bigint",
    1);

#define COPY(field, col)                                                       \
    snprintf(out->field, sizeof(out->field), "%s", PQgetvalue(res, 0, col))

int
db_follow_up_source(struct db_conn *c, long long application_id,
                    struct follow_up_source *out)
{
    PGresult *res;
    int r;

    memset(out, 0, sizeof(*out));
    r = db_query_id(c, &stmt_db_follow_up_source, application_id, &res);
    if (r != 1) {
        PQclear(res);
        return r;
    }
    out->application_id = db_ll(PQgetvalue(res, 0, 0));
    COPY(reference, 1);
    COPY(name, 2);
    COPY(email, 3);
    COPY(phone, 4);
    COPY(address, 5);
    COPY(postcode, 6);
    COPY(iban, 7);
    COPY(account_holder, 8);
    COPY(street_name, 9);
    COPY(wijk_code, 10);
    COPY(households, 11);
    COPY(payout_method, 12);
    COPY(name2, 13);
    COPY(email2, 14);
    out->report_submitted = PQgetvalue(res, 0, 15)[0] == 't';
    COPY(follow_up_reference, 16);
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_follow_up_allowed =
    DB_STMT("db_follow_up_allowed",
            "SELECT 1 WHERE" REPORT_SUBMITTED(
                "$1::bigint") " AND NOT EXISTS" LIVE_FOLLOW_UP("$1::bigint"),
            1);

int
db_follow_up_allowed(struct db_conn *c, long long previous_id)
{
    return db_query_id(c, &stmt_db_follow_up_allowed, previous_id, NULL);
}
