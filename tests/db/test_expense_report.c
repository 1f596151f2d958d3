/* test_expense_report.c - the database keeps the spending report honest
 * (sql/006_expense_report.sql), whatever the pages above it do: a paid
 * potje gets its report, lines stay within the award and the paid period,
 * and a submitted report is final.
 *
 * Like test_schema.c, each test runs inside BEGIN ... ROLLBACK with a
 * small world of its own (budget year 2099, names made unique by the
 * backend pid and transaction id): a potje of 150 euro on a prepaid card,
 * paid ten days ago, so its report exists. A statement that must fail runs
 * inside a savepoint; the test checks its SQLSTATE and constraint name.
 */
#include "testutil.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

static PGconn *pg;

static void
quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

static void
sql_ok(const char *sql)
{
    PGresult *res = PQexec(pg, sql);
    ExecStatusType st = PQresultStatus(res);

    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("SQL failed: %s\n%s", PQresultErrorMessage(res), sql);
    PQclear(res);
}

static void
sql_fails(const char *sql, const char *sqlstate, const char *constraint)
{
    PGresult *res;
    const char *got_state, *got_constraint;

    sql_ok("SAVEPOINT must_fail");
    res = PQexec(pg, sql);
    if (PQresultStatus(res) != PGRES_FATAL_ERROR) {
        PQclear(res);
        fail_msg("SQL succeeded but should fail with %s (%s):\n%s", sqlstate,
                 constraint, sql);
    }
    got_state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    got_constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    if (got_state == NULL || strcmp(got_state, sqlstate) != 0 ||
        got_constraint == NULL || strcmp(got_constraint, constraint) != 0) {
        char msg[512];
        snprintf(msg, sizeof(msg), "expected %s (%s), got %s (%s): %s",
                 sqlstate, constraint, got_state ? got_state : "-",
                 got_constraint ? got_constraint : "-",
                 PQresultErrorMessage(res));
        PQclear(res);
        fail_msg("%s\n%s", msg, sql);
    }
    PQclear(res);
    sql_ok("ROLLBACK TO SAVEPOINT must_fail");
}

static long long
sql_int(const char *sql)
{
    PGresult *res = PQexec(pg, sql);
    long long v;

    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 ||
        PQgetisnull(res, 0, 0)) {
        char msg[256];
        snprintf(msg, sizeof(msg), "%s", PQresultErrorMessage(res));
        PQclear(res);
        fail_msg("SQL did not give one value: %s\n%s", msg, sql);
    }
    v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return v;
}

/* The world: a makelaar of wijk 01, a street, a gangmaker, an awarded
 * application whose prepaid-card payout was paid ten days ago. The
 * report's id is pg_temp.rid(). */
static const char fixture_sql[] =
    "CREATE TEMP TABLE ids (label text PRIMARY KEY, id bigint NOT NULL)"
    "  ON COMMIT DROP;"
    "CREATE FUNCTION pg_temp.tid(text) RETURNS bigint LANGUAGE sql STABLE"
    "  AS 'SELECT id FROM ids WHERE label = $1';"
    "CREATE TEMP TABLE tags ON COMMIT DROP AS"
    "  SELECT 'E' || pg_backend_pid() || '-' || txid_current() AS tag;"
    "INSERT INTO wijk (code, name) VALUES ('01', 'West')"
    "  ON CONFLICT DO NOTHING;"
    "INSERT INTO budget_year (year, city_budget_cents, potje_default_cents,"
    "  max_potjes_per_street) VALUES (2099, 10000000, 15000, 50)"
    "  ON CONFLICT (year) DO UPDATE SET"
    "  city_budget_cents = budget_year.city_budget_cents + 10000000,"
    "  potje_default_cents = 15000, max_potjes_per_street = 50;"
    "INSERT INTO wijk_budget (year, wijk_code, budget_cents)"
    "  VALUES (2099, '01', 10000000) ON CONFLICT (year, wijk_code) DO UPDATE"
    "  SET budget_cents = wijk_budget.budget_cents + 10000000;"
    "WITH u AS (INSERT INTO staff_user (email, name, role, password_hash)"
    "  SELECT lower(tag) || '-mk@test.invalid', 'Test mk', 'makelaar',"
    "  '$argon2id$test' FROM tags RETURNING id)"
    "  INSERT INTO ids SELECT 'mk', id FROM u;"
    "INSERT INTO staff_user_wijk (user_id, wijk_code)"
    "  VALUES (pg_temp.tid('mk'), '01');"
    "WITH s AS (INSERT INTO street (name)"
    "  SELECT 'Kostentest ' || tag FROM tags RETURNING id)"
    "  INSERT INTO ids SELECT 'street', id FROM s;"
    "WITH o AS (INSERT INTO organiser (name, address)"
    "  VALUES ('Test Gangmaker', 'Kostentest 1') RETURNING id)"
    "  INSERT INTO ids SELECT 'organiser', id FROM o;"
    "WITH a AS (INSERT INTO application (reference, kind, street_id,"
    "  street_name, wijk_code, organiser_id, status, status_token_hash,"
    "  payout_method)"
    "  SELECT next_reference('LL', 2099), 'first', pg_temp.tid('street'),"
    "  'Kostentest', '01', pg_temp.tid('organiser'), 'in_behandeling',"
    "  sha256(convert_to(tag, 'UTF8')), 'prepaid_card' FROM tags"
    "  RETURNING id)"
    "  INSERT INTO ids SELECT 'app', id FROM a;"
    "UPDATE application SET status = 'toegekend',"
    "  decided_by = pg_temp.tid('mk'), decided_at = now()"
    "  WHERE id = pg_temp.tid('app');"
    "WITH w AS (INSERT INTO award (application_id, budget_year, wijk_code,"
    "  amount_cents, default_amount_cents, awarded_by)"
    "  VALUES (pg_temp.tid('app'), 2099, '01', 15000, 15000,"
    "  pg_temp.tid('mk')) RETURNING id)"
    "  INSERT INTO ids SELECT 'award', id FROM w;"
    "WITH p AS (INSERT INTO payout (award_id, reference, amount_cents,"
    "  channel) SELECT pg_temp.tid('award'), upper(tag) || '-U', 15000,"
    "  'prepaid_card' FROM tags RETURNING id)"
    "  INSERT INTO ids SELECT 'payout', id FROM p;"
    "CREATE FUNCTION pg_temp.rid() RETURNS bigint LANGUAGE sql STABLE"
    "  AS 'SELECT id FROM expense_report"
    "  WHERE award_id = pg_temp.tid(''award'')';"
    /* a line dated days ago, of cents */
    "CREATE FUNCTION pg_temp.line(n int, days int, cents bigint)"
    "  RETURNS void LANGUAGE sql AS $f$"
    "  INSERT INTO expense_line (report_id, line_no, spent_on, occasion,"
    "  amount_cents) VALUES (pg_temp.rid(), n,"
    "  (now() AT TIME ZONE 'Europe/Amsterdam')::date - days, 'other',"
    "  cents) $f$;";

static const char pay_sql[] = "UPDATE payout SET status = 'betaald',"
                              " paid_at = now() - interval '10 days'"
                              " WHERE id = pg_temp.tid('payout');"
                              "SET CONSTRAINTS ALL IMMEDIATE;";

static int
group_setup(void **state)
{
    (void)state;
    pg = PQconnectdb(test_database_url());
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "test_expense_report: %s", PQerrorMessage(pg));
        return -1;
    }
    PQsetNoticeProcessor(pg, quiet, NULL);
    return 0;
}

static int
group_teardown(void **state)
{
    (void)state;
    PQfinish(pg);
    return 0;
}

static int
setup(void **state)
{
    (void)state;
    sql_ok("BEGIN");
    sql_ok(fixture_sql);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    sql_ok("ROLLBACK");
    return 0;
}

/* No report before the money is paid; paying opens it, due 12 months
 * (the setting) after the day of payment. */
static void
test_paying_opens_the_report(void **state)
{
    (void)state;
    assert_int_equal(0, sql_int("SELECT count(*) FROM expense_report"
                                " WHERE award_id = pg_temp.tid('award')"));
    sql_ok(pay_sql);
    assert_int_equal(1, sql_int("SELECT count(*) FROM expense_report"
                                " WHERE award_id = pg_temp.tid('award')"
                                " AND submitted_at IS NULL AND due_on ="
                                " ((now() - interval '10 days') AT TIME ZONE"
                                " 'Europe/Amsterdam')::date"
                                " + interval '12 months'"));
    /* reversed and paid again: still one report */
    sql_ok("UPDATE payout SET status = 'mislukt', failed_at = now()"
           " WHERE id = pg_temp.tid('payout');"
           "UPDATE payout SET status = 'te_betalen'"
           " WHERE id = pg_temp.tid('payout');"
           "UPDATE payout SET status = 'betaald', paid_at = now()"
           " WHERE id = pg_temp.tid('payout')");
    assert_int_equal(1, sql_int("SELECT count(*) FROM expense_report"
                                " WHERE award_id = pg_temp.tid('award')"));
    sql_fails("DELETE FROM expense_report WHERE id = pg_temp.rid()", "23514",
              "expense_report_no_delete");
}

static void
test_lines_within_the_award(void **state)
{
    (void)state;
    sql_ok(pay_sql);
    sql_ok("SELECT pg_temp.line(1, 5, 10000), pg_temp.line(2, 4, 4999)");
    sql_fails("SELECT pg_temp.line(3, 3, 2)", "23514",
              "expense_report_within_award");
    sql_ok("SELECT pg_temp.line(3, 3, 1)");
    /* raising a line counts as well */
    sql_fails("UPDATE expense_line SET amount_cents = 10001"
              " WHERE report_id = pg_temp.rid() AND line_no = 1",
              "23514", "expense_report_within_award");
    /* the row's own checks still come first */
    sql_fails("SELECT pg_temp.line(4, 3, 0)", "23514",
              "expense_line_amount_cents_check");
    assert_int_equal(15000, sql_int("SELECT sum(amount_cents) FROM"
                                    " expense_line WHERE report_id ="
                                    " pg_temp.rid()"));
}

static void
test_lines_within_the_paid_period(void **state)
{
    (void)state;
    sql_ok(pay_sql);
    sql_ok("SELECT pg_temp.line(1, 10, 100), pg_temp.line(2, 0, 100)");
    sql_fails("SELECT pg_temp.line(3, 11, 100)", "23514",
              "expense_line_date_in_range");
    sql_fails("SELECT pg_temp.line(3, -1, 100)", "23514",
              "expense_line_date_in_range");
    sql_fails("INSERT INTO expense_line (report_id, line_no, spent_on,"
              " occasion, amount_cents, note) VALUES (pg_temp.rid(), 3,"
              " (now() AT TIME ZONE 'Europe/Amsterdam')::date, 'other', 1,"
              " repeat('x', 101))",
              "23514", "expense_line_note_check");
}

static void
test_submitted_report_is_final(void **state)
{
    (void)state;
    sql_ok(pay_sql);
    sql_ok("SELECT pg_temp.line(1, 2, 2500);"
           "UPDATE expense_line SET note = 'bloemen'"
           " WHERE report_id = pg_temp.rid();"
           "UPDATE expense_report SET submitted_at = now()"
           " WHERE id = pg_temp.rid()");
    sql_fails("SELECT pg_temp.line(2, 2, 100)", "23514", "expense_report_open");
    sql_fails("DELETE FROM expense_line WHERE report_id = pg_temp.rid()",
              "23514", "expense_report_open");
    sql_fails("UPDATE expense_line SET amount_cents = 100"
              " WHERE report_id = pg_temp.rid()",
              "23514", "expense_report_open");
    sql_fails("UPDATE expense_report SET submitted_at = NULL"
              " WHERE id = pg_temp.rid()",
              "23514", "expense_report_submitted_final");
    sql_fails("UPDATE expense_report SET submitted_at = now() + interval '1s'"
              " WHERE id = pg_temp.rid()",
              "23514", "expense_report_submitted_final");
    /* the purge may still remove the resident's words */
    sql_ok("UPDATE expense_line SET note = NULL"
           " WHERE report_id = pg_temp.rid()");
    assert_int_equal(1, sql_int("SELECT count(*) FROM expense_line"
                                " WHERE report_id = pg_temp.rid()"
                                " AND note IS NULL AND amount_cents = 2500"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_paying_opens_the_report),
        T(test_lines_within_the_award),
        T(test_lines_within_the_paid_period),
        T(test_submitted_report_is_final),
#undef T
    };

    return cmocka_run_group_tests_name("expense_report", tests, group_setup,
                                       group_teardown);
}
