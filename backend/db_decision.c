#include "db_decision.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

#define IN_SCOPE(p) " a.wijk_code = ANY(string_to_array(" p ", ','))"

static struct db_stmt stmt_db_decision_app = DB_STMT(
    "db_decision_app",
    "SELECT a.id, a.reference, a.status, a.version, a.wijk_code, wk.name,"
    " coalesce(a.street_id, 0), a.street_name, a.language, a.payout_method,"
    " coalesce(a.entered_by, 0), coalesce(o.name, ''),"
    " coalesce(o.address, ''), coalesce(o.postcode, ''),"
    " coalesce(o.iban, ''),"
    /* 15 */
    " to_char(now() AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY'), y.year,"
    " coalesce(b.potje_default_cents, setting_int('potje_default_cents')),"
    " wb.budget_cents IS NOT NULL, coalesce(wb.budget_cents, 0),"
    " coalesce(wb.budget_cents, 0) - (SELECT coalesce(sum(x.amount_cents), 0)"
    "  FROM award x WHERE x.budget_year = y.year"
    "  AND x.wijk_code = a.wijk_code),"
    " b.year IS NOT NULL, coalesce(b.city_budget_cents, 0),"
    " coalesce(b.city_budget_cents, 0) - (SELECT"
    "  coalesce(sum(x.amount_cents), 0) FROM award x"
    "  WHERE x.budget_year = y.year),"
    /* 24 */
    " (SELECT count(*) FROM award x JOIN application xa"
    "  ON xa.id = x.application_id WHERE a.street_id IS NOT NULL"
    "  AND xa.street_id = a.street_id AND x.budget_year = y.year),"
    " coalesce(b.max_potjes_per_street,"
    "  setting_int('max_potjes_per_street_per_year')),"
    " coalesce((SELECT value FROM setting WHERE key = 'organisation_name'),"
    "  ''),"
    " coalesce((SELECT value FROM setting WHERE key = 'letterhead_text'), ''),"
    /* 28 */
    " coalesce(w.id, 0), coalesce(w.amount_cents, 0),"
    " coalesce(w.default_amount_cents, 0),"
    " coalesce(to_char(w.awarded_at AT TIME ZONE 'Europe/Amsterdam',"
    "  'DD-MM-YYYY'), ''),"
    /* 32 */
    " coalesce(p.id, 0), coalesce(p.status, ''), coalesce(p.channel, ''),"
    " coalesce(p.iban, ''), coalesce(p.account_holder, ''),"
    " coalesce(p.iban_confirmed, true),"
    " coalesce(to_char(p.iban_changed_at AT TIME ZONE 'Europe/Amsterdam',"
    "  'DD-MM-YYYY HH24:MI'), ''),"
    " coalesce((extract(epoch FROM p.iban_changed_at) * 1000000)::bigint, 0),"
    /* 40 */
    " s.award_id IS NOT NULL, coalesce(s.amount_cents, 0),"
    " EXISTS (SELECT 1 FROM document d WHERE d.application_id = a.id"
    "  AND d.kind = 'award_letter' AND d.content IS NOT NULL),"
    " EXISTS (SELECT 1 FROM document d WHERE d.application_id = a.id"
    "  AND d.kind = 'rejection_letter' AND d.content IS NOT NULL),"
    /* 44 */
    " o.email IS NOT NULL"
    " FROM application a"
    " JOIN wijk wk ON wk.code = a.wijk_code"
    " JOIN organiser o ON o.id = a.organiser_id"
    " CROSS JOIN (SELECT date_part('year', now() AT TIME ZONE"
    "  'Europe/Amsterdam')::smallint AS year) y"
    " LEFT JOIN budget_year b ON b.year = y.year"
    " LEFT JOIN wijk_budget wb ON wb.year = y.year"
    "  AND wb.wijk_code = a.wijk_code"
    " LEFT JOIN award w ON w.application_id = a.id"
    " LEFT JOIN payout p ON p.award_id = w.id"
    " LEFT JOIN settlement s ON s.award_id = w.id"
    " WHERE a.id = $1::bigint AND" IN_SCOPE("$2"),
    2);

#define COPY(field, col)                                                       \
    snprintf(out->field, sizeof(out->field), "%s", PQgetvalue(res, 0, col))
#define LL(col) db_ll(PQgetvalue(res, 0, col))
#define BOOL(col) (PQgetvalue(res, 0, col)[0] == 't')

int
db_decision_app(struct db_conn *c, long long app_id, const char *wijken,
                struct decision_app *out)
{
    char id[24];
    const char *p[2] = {id, wijken};
    PGresult *res;
    int r;

    snprintf(id, sizeof(id), "%lld", app_id);
    r = db_query(c, &stmt_db_decision_app, p, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : 0;
    }
    memset(out, 0, sizeof(*out));
    out->id = LL(0);
    COPY(reference, 1);
    COPY(status, 2);
    out->version = LL(3);
    COPY(wijk_code, 4);
    COPY(wijk_name, 5);
    out->street_id = LL(6);
    COPY(street_name, 7);
    COPY(language, 8);
    COPY(payout_method, 9);
    out->entered_by = LL(10);
    COPY(name, 11);
    COPY(address, 12);
    COPY(postcode, 13);
    COPY(iban, 14);
    COPY(today, 15);
    out->year = (int)LL(16);
    out->default_cents = LL(17);
    out->has_wijk_budget = BOOL(18);
    out->wijk_budget_cents = LL(19);
    out->wijk_remaining_cents = LL(20);
    out->has_city_budget = BOOL(21);
    out->city_budget_cents = LL(22);
    out->city_remaining_cents = LL(23);
    out->street_potjes = LL(24);
    out->street_max = LL(25);
    COPY(organisation, 26);
    COPY(letterhead, 27);
    out->award_id = LL(28);
    out->award_cents = LL(29);
    out->award_default_cents = LL(30);
    COPY(awarded_on, 31);
    out->payout_id = LL(32);
    COPY(payout_status, 33);
    COPY(payout_channel, 34);
    COPY(payout_iban, 35);
    COPY(payout_holder, 36);
    out->iban_confirmed = BOOL(37);
    COPY(iban_changed_at, 38);
    out->iban_version = LL(39);
    out->settled = BOOL(40);
    out->settled_cents = LL(41);
    out->has_award_letter = BOOL(42);
    out->has_rejection_letter = BOOL(43);
    out->has_email = BOOL(44);
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_decision_mark_awarded = DB_STMT(
    "db_decision_mark_awarded",
    "UPDATE application a SET status = 'toegekend', decided_by = $3::bigint,"
    " decided_at = now() WHERE a.id = $1::bigint AND a.version = $2::integer"
    " AND a.status = 'in_behandeling' AND" IN_SCOPE("$4"),
    4);

int
db_decision_mark_awarded(struct db_conn *c, long long app_id, long long version,
                         long long user_id, const char *wijken)
{
    char id[24], v[24], u[24];
    const char *p[4] = {id, v, u, wijken};

    snprintf(id, sizeof(id), "%lld", app_id);
    snprintf(v, sizeof(v), "%lld", version);
    snprintf(u, sizeof(u), "%lld", user_id);
    return db_query(c, &stmt_db_decision_mark_awarded, p, NULL);
}

static struct db_stmt stmt_db_decision_award_insert = DB_STMT(
    "db_decision_award_insert",
    "INSERT INTO award (application_id, budget_year, wijk_code, amount_cents,"
    " default_amount_cents, reduction_reason, awarded_by)"
    " SELECT a.id, $2::smallint, a.wijk_code, $3::bigint, $4::bigint, $5,"
    " $6::bigint FROM application a WHERE a.id = $1::bigint RETURNING id",
    6);

int
db_decision_award_insert(struct db_conn *c, long long app_id, int year,
                         long long amount_cents, long long default_cents,
                         const char *reason, long long user_id,
                         long long *award_id)
{
    char id[24], y[16], amt[24], def[24], u[24];
    const char *p[6] = {id, y, amt, def, reason, u};
    PGresult *res;
    int r;

    snprintf(id, sizeof(id), "%lld", app_id);
    snprintf(y, sizeof(y), "%d", year);
    snprintf(amt, sizeof(amt), "%lld", amount_cents);
    snprintf(def, sizeof(def), "%lld", default_cents);
    snprintf(u, sizeof(u), "%lld", user_id);
    r = db_query(c, &stmt_db_decision_award_insert, p, &res);
    if (r == 1)
        *award_id = db_ll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_decision_payout_insert = DB_STMT(
    "db_decision_payout_insert",
    "INSERT INTO payout (award_id, reference, amount_cents, channel, iban,"
    " account_holder)"
    " SELECT w.id, a.reference || '-U1', w.amount_cents, a.payout_method,"
    " CASE WHEN a.payout_method = 'bank' THEN o.iban END,"
    " CASE WHEN a.payout_method = 'bank' THEN o.account_holder END"
    " FROM award w JOIN application a ON a.id = w.application_id"
    " JOIN organiser o ON o.id = a.organiser_id WHERE w.id = $1::bigint"
    " RETURNING id",
    1);

int
db_decision_payout_insert(struct db_conn *c, long long award_id,
                          long long *payout_id)
{
    PGresult *res;
    int r = db_query_id(c, &stmt_db_decision_payout_insert, award_id, &res);

    if (r == 1)
        *payout_id = db_ll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

/* The status before is read in the same statement (a self-join on the
 * locked row), so the audit record cannot disagree with what changed. */
static struct db_stmt stmt_db_decision_mark_rejected = DB_STMT(
    "db_decision_mark_rejected",
    "UPDATE application a SET status = 'afgewezen', rejection_reason = $5,"
    " decided_by = $3::bigint, decided_at = now()"
    " FROM application prev WHERE prev.id = a.id AND a.id = $1::bigint"
    " AND a.version = $2::integer"
    " AND a.status IN ('in_behandeling', 'aanvulling_gevraagd') AND" IN_SCOPE(
        "$4") " RETURNING prev.status",
    5);

int
db_decision_mark_rejected(struct db_conn *c, long long app_id,
                          long long version, long long user_id,
                          const char *wijken, const char *reason, char from[24])
{
    char id[24], v[24], u[24];
    const char *p[5] = {id, v, u, wijken, reason};
    PGresult *res;
    int r;

    snprintf(id, sizeof(id), "%lld", app_id);
    snprintf(v, sizeof(v), "%lld", version);
    snprintf(u, sizeof(u), "%lld", user_id);
    r = db_query(c, &stmt_db_decision_mark_rejected, p, &res);
    if (r == 1)
        snprintf(from, 24, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_decision_iban_confirm = DB_STMT(
    "db_decision_iban_confirm",
    "UPDATE payout p SET iban_confirmed = true, iban_confirmed_by = $3::bigint,"
    " iban_confirmed_at = now() FROM award w JOIN application a"
    " ON a.id = w.application_id WHERE p.award_id = w.id"
    " AND p.id = $1::bigint AND NOT p.iban_confirmed"
    " AND (extract(epoch FROM p.iban_changed_at) * 1000000)::bigint"
    " = $2::bigint AND" IN_SCOPE("$4"),
    4);

int
db_decision_iban_confirm(struct db_conn *c, long long payout_id,
                         long long iban_version, long long user_id,
                         const char *wijken)
{
    char id[24], v[24], u[24];
    const char *p[4] = {id, v, u, wijken};

    snprintf(id, sizeof(id), "%lld", payout_id);
    snprintf(v, sizeof(v), "%lld", iban_version);
    snprintf(u, sizeof(u), "%lld", user_id);
    return db_query(c, &stmt_db_decision_iban_confirm, p, NULL);
}

static struct db_stmt stmt_db_decision_settlement_insert = DB_STMT(
    "db_decision_settlement_insert",
    "INSERT INTO settlement (award_id, awarded_cents, amount_cents, reason,"
    " settled_by)"
    " SELECT w.id, w.amount_cents, $2::bigint, $3, $4::bigint"
    " FROM award w JOIN payout p ON p.award_id = w.id"
    " JOIN application a ON a.id = w.application_id"
    " WHERE w.id = $1::bigint AND p.status = 'betaald' AND" IN_SCOPE(
        "$5") " ON CONFLICT (award_id) DO NOTHING",
    5);

int
db_decision_settlement_insert(struct db_conn *c, long long award_id,
                              long long amount_cents, const char *reason,
                              long long user_id, const char *wijken)
{
    char id[24], amt[24], u[24];
    const char *p[5] = {id, amt, reason, u, wijken};

    snprintf(id, sizeof(id), "%lld", award_id);
    snprintf(amt, sizeof(amt), "%lld", amount_cents);
    snprintf(u, sizeof(u), "%lld", user_id);
    return db_query(c, &stmt_db_decision_settlement_insert, p, NULL);
}
