#include "db_monitoring.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

/* One set-based statement. "facts" holds one row per application that
 * has something in the period (submitted, decided or paid; one award and
 * one payout per application at most) plus one row per street whose
 * threshold-th payment (setting street_status_threshold, as in view
 * street_potje_status but as of the end date) was on or before $2; a
 * street counts for the wijk of the application of that payment. The
 * GROUPING SETS give the wijk rows and the city row in one pass, so the
 * city's medians are medians of all its cases, not of the wijken's.
 * Days are whole calendar days in Utrecht. */
static struct db_stmt stmt_monitoring_figures = DB_STMT(
    "monitoring_figures",
    "WITH p AS (SELECT $1::date AS d0, $2::date AS d1,"
    "   setting_int('street_status_threshold') AS thr),"
    " app AS ("
    "  SELECT a.wijk_code, a.kind, a.organiser_id, a.status,"
    "   (a.submitted_at AT TIME ZONE 'Europe/Amsterdam')::date AS sub_on,"
    "   (a.decided_at AT TIME ZONE 'Europe/Amsterdam')::date AS dec_on,"
    "   CASE WHEN po.status = 'betaald'"
    "    THEN (po.paid_at AT TIME ZONE 'Europe/Amsterdam')::date END"
    "    AS paid_on,"
    "   po.amount_cents"
    "  FROM application a"
    "  LEFT JOIN award w ON w.application_id = a.id"
    "  LEFT JOIN payout po ON po.award_id = w.id),"
    " paid AS ("
    "  SELECT ap.wijk_code,"
    "   (po.paid_at AT TIME ZONE 'Europe/Amsterdam')::date AS paid_on,"
    "   row_number() OVER (PARTITION BY ap.street_id"
    "    ORDER BY po.paid_at, po.id) AS n"
    "  FROM payout po JOIN award w ON w.id = po.award_id"
    "  JOIN application ap ON ap.id = w.application_id, p"
    "  WHERE po.status = 'betaald'"
    "   AND (po.paid_at AT TIME ZONE 'Europe/Amsterdam')::date <= p.d1),"
    " facts AS ("
    "  SELECT app.wijk_code::text AS wijk,"
    "   app.sub_on BETWEEN p.d0 AND p.d1 AS submitted,"
    "   app.status = 'toegekend' AND app.dec_on BETWEEN p.d0 AND p.d1"
    "    AS awarded,"
    "   app.status = 'afgewezen' AND app.dec_on BETWEEN p.d0 AND p.d1"
    "    AS rejected,"
    "   coalesce(app.paid_on BETWEEN p.d0 AND p.d1, false) AS paid,"
    "   app.kind, app.organiser_id, app.amount_cents,"
    "   app.dec_on - app.sub_on AS days_decision,"
    "   app.paid_on - app.dec_on AS days_payment,"
    "   false AS street, false AS street_new"
    "  FROM app, p"
    "  WHERE app.sub_on BETWEEN p.d0 AND p.d1"
    "   OR app.dec_on BETWEEN p.d0 AND p.d1"
    "   OR app.paid_on BETWEEN p.d0 AND p.d1"
    "  UNION ALL"
    "  SELECT paid.wijk_code::text, false, false, false, false, NULL, NULL,"
    "   NULL, NULL, NULL, true, paid.paid_on >= p.d0"
    "  FROM paid, p WHERE paid.n = p.thr),"
    " agg AS ("
    "  SELECT CASE WHEN grouping(wijk) = 1 THEN '00' ELSE wijk END AS code,"
    "   count(*) FILTER (WHERE submitted) AS applications,"
    "   count(*) FILTER (WHERE awarded) AS awards,"
    "   count(*) FILTER (WHERE rejected) AS rejections,"
    "   count(*) FILTER (WHERE paid) AS potjes,"
    "   coalesce(sum(amount_cents) FILTER (WHERE paid), 0) AS cents,"
    "   count(*) FILTER (WHERE street) AS streets,"
    "   count(*) FILTER (WHERE street_new) AS streets_new,"
    "   count(DISTINCT organiser_id) FILTER (WHERE awarded) AS gangmakers,"
    "   round(1000.0 * count(*) FILTER (WHERE awarded"
    "    AND kind = 'follow_up')"
    "    / nullif(count(*) FILTER (WHERE awarded), 0)) AS follow_up_pm,"
    "   round(10 * percentile_cont(0.5) WITHIN GROUP (ORDER BY"
    "    days_decision) FILTER (WHERE awarded OR rejected)) AS dd,"
    "   round(10 * percentile_cont(0.5) WITHIN GROUP (ORDER BY"
    "    days_payment) FILTER (WHERE paid)) AS dp"
    "  FROM facts GROUP BY GROUPING SETS ((wijk), ()))"
    " SELECT w.code, w.name, coalesce(g.applications, 0),"
    "  coalesce(g.awards, 0), coalesce(g.rejections, 0),"
    "  coalesce(g.potjes, 0), coalesce(g.cents, 0), coalesce(g.streets, 0),"
    "  coalesce(g.streets_new, 0), coalesce(g.gangmakers, 0),"
    "  coalesce(g.follow_up_pm, -1), coalesce(g.dd, -1), coalesce(g.dp, -1)"
    " FROM (SELECT code::text AS code, name FROM wijk"
    "       UNION ALL SELECT '00', 'Utrecht') w"
    " LEFT JOIN agg g ON g.code = w.code"
    " ORDER BY w.code",
    2);

int
db_monitoring_figures(struct db_conn *c, const char *from, const char *to,
                      db_monitoring_cb cb, void *cls)
{
    PGresult *res;
    struct monitoring_row m;
    const char *p[2] = {from, to};
    int r = db_query(c, &stmt_monitoring_figures, p, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r; i++) {
        memset(&m, 0, sizeof(m));
        snprintf(m.code, sizeof(m.code), "%s", PQgetvalue(res, i, 0));
        snprintf(m.name, sizeof(m.name), "%s", PQgetvalue(res, i, 1));
        m.applications = db_ll(PQgetvalue(res, i, 2));
        m.awards = db_ll(PQgetvalue(res, i, 3));
        m.rejections = db_ll(PQgetvalue(res, i, 4));
        m.potjes_paid = db_ll(PQgetvalue(res, i, 5));
        m.cents_paid = db_ll(PQgetvalue(res, i, 6));
        m.streets = db_ll(PQgetvalue(res, i, 7));
        m.streets_new = db_ll(PQgetvalue(res, i, 8));
        m.gangmakers = db_ll(PQgetvalue(res, i, 9));
        m.follow_up_pm = db_ll(PQgetvalue(res, i, 10));
        m.days_decision_x10 = db_ll(PQgetvalue(res, i, 11));
        m.days_payment_x10 = db_ll(PQgetvalue(res, i, 12));
        cb(cls, &m);
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_monitoring_years =
    DB_STMT("monitoring_years",
            "SELECT y FROM ("
            " SELECT date_part('year', submitted_at AT TIME ZONE"
            "  'Europe/Amsterdam')::int AS y FROM application"
            " UNION SELECT date_part('year', paid_at AT TIME ZONE"
            "  'Europe/Amsterdam')::int FROM payout WHERE status = 'betaald'"
            " UNION SELECT date_part('year', now() AT TIME ZONE"
            "  'Europe/Amsterdam')::int) t"
            " WHERE y IS NOT NULL ORDER BY y DESC LIMIT $1::int",
            1);

int
db_monitoring_years(struct db_conn *c, int *years, int max)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_monitoring_years, max, &res), i;

    if (r < 0)
        return r;
    for (i = 0; i < r && i < max; i++)
        years[i] = (int)db_ll(PQgetvalue(res, i, 0));
    PQclear(res);
    return i;
}
