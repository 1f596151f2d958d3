#include "db_status_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db_internal.h"

static struct db_stmt stmt_db_application_withdraw = DB_STMT(
    "db_application_withdraw",
    "UPDATE application SET status = 'ingetrokken' WHERE id = $1::bigint"
    " AND status IN ('ingediend', 'in_behandeling', 'aanvulling_gevraagd')",
    1);

int
db_application_withdraw(struct db_conn *c, long long id)
{
    return db_query_id(c, &stmt_db_application_withdraw, id, NULL);
}

static struct db_stmt stmt_db_application_answer = DB_STMT(
    "db_application_answer",
    "WITH moved AS (UPDATE application SET status = 'in_behandeling'"
    " WHERE id = $1::bigint AND status = 'aanvulling_gevraagd' RETURNING id)"
    " INSERT INTO application_message (application_id, author, body)"
    " SELECT id, 'applicant', $2 FROM moved",
    2);

int
db_application_answer(struct db_conn *c, long long id, const char *body)
{
    char v[24];
    const char *p[2] = {v, body};

    snprintf(v, sizeof(v), "%lld", id);
    return db_query(c, &stmt_db_application_answer, p, NULL);
}

static struct db_stmt stmt_db_application_question = DB_STMT(
    "db_application_question",
    "SELECT m.body FROM application_message m JOIN application a"
    " ON a.id = m.application_id WHERE a.id = $1::bigint"
    " AND a.status = 'aanvulling_gevraagd' AND m.author = 'staff'"
    " AND m.body IS NOT NULL ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
    1);

int
db_application_question(struct db_conn *c, long long id, char *out,
                        size_t outlen)
{
    PGresult *res;
    int r;

    r = db_query_id(c, &stmt_db_application_question, id, &res);
    if (r == 1)
        snprintf(out, outlen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_organiser_change_iban = DB_STMT(
    "db_organiser_change_iban",
    "WITH app AS (SELECT a.organiser_id, p.id AS payout_id, p.status"
    "  FROM application a LEFT JOIN award w ON w.application_id = a.id"
    "  LEFT JOIN payout p ON p.award_id = w.id WHERE a.id = $1::bigint"
    "  AND a.payout_method = 'bank'"
    "  AND a.status NOT IN ('afgewezen', 'ingetrokken')),"
    " org AS (UPDATE organiser o SET iban = $2, account_holder = $3,"
    "  updated_at = now() FROM app WHERE o.id = app.organiser_id"
    "  AND coalesce(app.status, '') <> 'betaald' RETURNING o.id),"
    " pay AS (UPDATE payout p SET iban = $2, account_holder = $3"
    "  FROM app WHERE p.id = app.payout_id"
    "  AND p.status IN ('te_betalen', 'in_batch', 'mislukt') RETURNING p.id)"
    " SELECT (SELECT count(*) FROM org), (SELECT count(*) FROM pay)",
    3);

int
db_organiser_change_iban(struct db_conn *c, long long application_id,
                         const char *iban, const char *holder)
{
    char v[24];
    const char *p[3] = {v, iban, holder};
    PGresult *res;
    int r;

    snprintf(v, sizeof(v), "%lld", application_id);
    r = db_query(c, &stmt_db_organiser_change_iban, p, &res);
    if (r < 0 && strstr(db_last_error(c), "payout_payee_frozen") != NULL)
        return 0;
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : DB_HARD_ERROR;
    }
    r = strcmp(PQgetvalue(res, 0, 0), "1") == 0 ? 1 : 0;
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_payout_iban_blocked =
    DB_STMT("db_payout_iban_blocked",
            "SELECT 1 FROM payout p JOIN award w ON w.id = p.award_id"
            " WHERE w.application_id = $1::bigint AND NOT p.iban_confirmed"
            " AND p.status IN ('te_betalen', 'mislukt')",
            1);

int
db_payout_iban_blocked(struct db_conn *c, long long application_id)
{
    return db_query_id(c, &stmt_db_payout_iban_blocked, application_id, NULL);
}

/* Labels are Dutch with English: the file is for the resident and for
 * whoever helps them read it. */
static struct db_stmt stmt_db_personal_data = DB_STMT(
    "db_personal_data",
    "SELECT label, value FROM ("
    " SELECT 1 AS k, 'Aanvraag (application)' AS label, a.reference AS value"
    "  FROM application a WHERE a.id = $1::bigint"
    " UNION ALL SELECT 2, 'Stand (status)', a.status FROM application a"
    "  WHERE a.id = $1::bigint"
    " UNION ALL SELECT 3, 'Ingediend (submitted)', to_char(a.submitted_at AT"
    "  TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY HH24:MI') FROM application a"
    "  WHERE a.id = $1::bigint"
    " UNION ALL SELECT 4, 'Straat (street)', a.street_name FROM application a"
    "  WHERE a.id = $1::bigint"
    " UNION ALL SELECT 5, 'Wijk (district)', w.name FROM application a"
    "  JOIN wijk w ON w.code = a.wijk_code WHERE a.id = $1::bigint"
    " UNION ALL SELECT 6, 'Huishoudens (households)', a.households::text"
    "  FROM application a WHERE a.id = $1::bigint"
    " UNION ALL SELECT 7, 'Plan', a.plan FROM application a"
    "  WHERE a.id = $1::bigint"
    " UNION ALL SELECT 8, 'Uitbetaling (payment)', a.payout_method"
    "  FROM application a WHERE a.id = $1::bigint"
    " UNION ALL SELECT 9, 'Akkoord privacy (privacy consent)',"
    "  to_char(a.privacy_consent_at AT TIME ZONE 'Europe/Amsterdam',"
    "  'DD-MM-YYYY HH24:MI') FROM application a WHERE a.id = $1::bigint"
    " UNION ALL SELECT 10 + n, l, v FROM application a"
    "  JOIN organiser o ON o.id = a.organiser_id,"
    "  LATERAL (VALUES (0, 'Naam (name)', o.name),"
    "   (1, 'E-mail', o.email), (2, 'Telefoon (phone)', o.phone),"
    "   (3, 'Adres (address)', o.address), (4, 'Postcode', o.postcode),"
    "   (5, 'IBAN', o.iban), (6, 'Rekeninghouder (account holder)',"
    "   o.account_holder), (7, 'Taal (language)', o.language)) AS f(n, l, v)"
    "  WHERE a.id = $1::bigint"
    " UNION ALL SELECT 20 + n, l, v FROM application a"
    "  JOIN organiser o ON o.id = a.second_organiser_id,"
    "  LATERAL (VALUES (0, 'Tweede gangmaker (second organiser)', o.name),"
    "   (1, 'E-mail tweede gangmaker', o.email)) AS f(n, l, v)"
    "  WHERE a.id = $1::bigint"
    " UNION ALL SELECT 30, 'Bericht (message) ' || to_char(m.created_at AT"
    "  TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY HH24:MI') || ' '"
    "  || m.author, m.body FROM application_message m"
    "  WHERE m.application_id = $1::bigint"
    " UNION ALL SELECT 40, 'Uitgave (expense) ' || to_char(l.spent_on,"
    "  'YYYY-MM-DD') || ' nr. ' || l.line_no, l.occasion || ' '"
    "  || replace(to_char(l.amount_cents / 100.0, 'FM999999990.00'), '.', ',')"
    "  || coalesce(' ' || l.note, '') FROM expense_line l"
    "  JOIN expense_report r ON r.id = l.report_id"
    "  JOIN award w ON w.id = r.award_id WHERE w.application_id = $1::bigint"
    " UNION ALL SELECT 41, 'Kostenoverzicht ingestuurd (report sent in)',"
    "  to_char(r.submitted_at AT TIME ZONE 'Europe/Amsterdam',"
    "  'DD-MM-YYYY HH24:MI') FROM expense_report r"
    "  JOIN award w ON w.id = r.award_id WHERE w.application_id = $1::bigint"
    ") d WHERE value IS NOT NULL ORDER BY k, label",
    1);

int
db_personal_data(struct db_conn *c, long long application_id, char **out)
{
    struct buf b;
    PGresult *res;
    int r, i;

    *out = NULL;
    r = db_query_id(c, &stmt_db_personal_data, application_id, &res);
    if (r < 0)
        return r;
    buf_init(&b, 1024 * 1024);
    for (i = 0; i < r; i++)
        buf_printf(&b, "%s: %s\r\n", PQgetvalue(res, i, 0),
                   PQgetvalue(res, i, 1));
    PQclear(res);
    if (b.failed) {
        buf_free(&b);
        return DB_HARD_ERROR;
    }
    *out = buf_steal(&b, NULL);
    return r;
}
