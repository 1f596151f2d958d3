/* test_schema.c - the database itself refuses data that breaks the rules
 * of SPEC section 4 (sql/002..004), whatever the C code above it does.
 *
 * Each test runs inside BEGIN ... ROLLBACK on a database that other suites
 * may use at the same time: it builds its own small world (staff, a
 * street, a gangmaker, budget year 2099) with names made unique by the
 * backend pid and transaction id, and leaves nothing behind. A statement
 * that must fail runs inside a savepoint, and the test checks its
 * SQLSTATE and the name of the constraint (or trigger rule) that refused.
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

/* Run sql (one or more statements); every statement must succeed. */
static void
sql_ok(const char *sql)
{
    PGresult *res = PQexec(pg, sql);
    ExecStatusType st = PQresultStatus(res);

    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("SQL failed: %s\n%s", PQresultErrorMessage(res), sql);
    PQclear(res);
}

/* Run one statement that must fail with sqlstate and, when constraint is
 * not NULL, report that constraint. The failure is rolled back to a
 * savepoint so the test's transaction goes on. */
static void
sql_fails(const char *sql, const char *sqlstate, const char *constraint)
{
    PGresult *res;
    const char *got_state, *got_constraint;

    sql_ok("SAVEPOINT must_fail");
    res = PQexec(pg, sql);
    if (PQresultStatus(res) != PGRES_FATAL_ERROR)
        fail_msg("SQL succeeded but should fail with %s (%s):\n%s", sqlstate,
                 constraint ? constraint : "-", sql);
    got_state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    got_constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    if (got_state == NULL || strcmp(got_state, sqlstate) != 0 ||
        (constraint != NULL &&
         (got_constraint == NULL || strcmp(got_constraint, constraint) != 0)))
        fail_msg("expected %s (%s), got %s (%s): %s\n%s", sqlstate,
                 constraint ? constraint : "-", got_state ? got_state : "-",
                 got_constraint ? got_constraint : "-",
                 PQresultErrorMessage(res), sql);
    PQclear(res);
    sql_ok("ROLLBACK TO SAVEPOINT must_fail");
}

/* The integer in the first column of the first row of a query. */
static long long
sql_int(const char *sql)
{
    PGresult *res = PQexec(pg, sql);
    long long v;

    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
        fail_msg("SQL did not give one row: %s\n%s", PQresultErrorMessage(res),
                 sql);
    if (PQgetisnull(res, 0, 0))
        fail_msg("SQL gave NULL:\n%s", sql);
    v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return v;
}

/* The world of one test. ids maps labels to row ids; pg_temp.tid(label)
 * reads it. new_application() adds an application in review that makelaar
 * B entered for a resident; award() lets makelaar A award it and creates
 * its payout, as the application code will. */
static const char fixture_sql[] =
    "CREATE TEMP TABLE ids (label text PRIMARY KEY, id bigint NOT NULL)"
    "  ON COMMIT DROP;"
    "CREATE FUNCTION pg_temp.tid(text) RETURNS bigint LANGUAGE sql STABLE"
    "  AS 'SELECT id FROM ids WHERE label = $1';"
    "CREATE TEMP TABLE tags ON COMMIT DROP AS"
    "  SELECT 'T' || pg_backend_pid() || '-' || txid_current() AS tag;"
    "CREATE FUNCTION pg_temp.tag() RETURNS text LANGUAGE sql STABLE"
    "  AS 'SELECT tag FROM tags';"
    "INSERT INTO wijk (code, name) VALUES ('01', 'West')"
    "  ON CONFLICT DO NOTHING;"
    /* Budget year 2099 with room to spare; the per-year overrides make the
     * test independent of the settings other suites may change. */
    "INSERT INTO budget_year (year, city_budget_cents, potje_default_cents,"
    "  max_potjes_per_street) VALUES (2099, 10000000, 15000, 50)"
    "  ON CONFLICT (year) DO UPDATE SET"
    "  city_budget_cents = budget_year.city_budget_cents + 10000000,"
    "  potje_default_cents = 15000, max_potjes_per_street = 50;"
    "INSERT INTO wijk_budget (year, wijk_code, budget_cents)"
    "  VALUES (2099, '01', 10000000) ON CONFLICT (year, wijk_code) DO UPDATE"
    "  SET budget_cents = wijk_budget.budget_cents + 10000000;"
    "CREATE FUNCTION pg_temp.add_user(label text, r text) RETURNS bigint"
    "  LANGUAGE sql AS $f$"
    "  WITH u AS (INSERT INTO staff_user (email, name, role, password_hash)"
    "    VALUES (lower(pg_temp.tag()) || '-' || label || '@test.invalid',"
    "            'Test ' || label, r, '$argon2id$test') RETURNING id)"
    "  INSERT INTO ids SELECT label, id FROM u RETURNING id $f$;"
    "SELECT pg_temp.add_user('mk_a', 'makelaar'),"
    "       pg_temp.add_user('mk_b', 'makelaar'),"
    "       pg_temp.add_user('fin', 'financien');"
    "INSERT INTO staff_user_wijk (user_id, wijk_code)"
    "  VALUES (pg_temp.tid('mk_a'), '01'), (pg_temp.tid('mk_b'), '01');"
    "WITH s AS (INSERT INTO street (name)"
    "  VALUES ('Schematest ' || pg_temp.tag()) RETURNING id)"
    "  INSERT INTO ids SELECT 'street', id FROM s;"
    "WITH o AS (INSERT INTO organiser (name, address, iban, account_holder)"
    "  VALUES ('Test Gangmaker', 'Schematest 1', 'NL91ABNA0417164300',"
    "          'T. Gangmaker') RETURNING id)"
    "  INSERT INTO ids SELECT 'organiser', id FROM o;"
    "CREATE FUNCTION pg_temp.new_application(label text) RETURNS bigint"
    "  LANGUAGE plpgsql AS $f$"
    "DECLARE aid bigint;"
    "BEGIN"
    "  INSERT INTO application (reference, kind, street_id, street_name,"
    "    wijk_code, organiser_id, status, status_token_hash, entered_by)"
    "  VALUES (next_reference('LL', 2099), 'first', pg_temp.tid('street'),"
    "    'Schematest', '01', pg_temp.tid('organiser'), 'in_behandeling',"
    "    sha256(convert_to(pg_temp.tag() || label, 'UTF8')),"
    "    pg_temp.tid('mk_b'))"
    "  RETURNING id INTO aid;"
    "  INSERT INTO ids VALUES (label, aid);"
    "  RETURN aid;"
    "END $f$;"
    "CREATE FUNCTION pg_temp.award(label text, amount bigint) RETURNS bigint"
    "  LANGUAGE plpgsql AS $f$"
    "DECLARE awid bigint; pid bigint; ref text;"
    "BEGIN"
    "  UPDATE application SET status = 'toegekend',"
    "    decided_by = pg_temp.tid('mk_a'), decided_at = now()"
    "  WHERE id = pg_temp.tid(label) RETURNING reference INTO ref;"
    "  INSERT INTO award (application_id, budget_year, wijk_code,"
    "    amount_cents, default_amount_cents, reduction_reason, awarded_by)"
    "  VALUES (pg_temp.tid(label), 2099, '01', amount, 15000,"
    "    CASE WHEN amount < 15000 THEN 'minder nodig' END,"
    "    pg_temp.tid('mk_a'))"
    "  RETURNING id INTO awid;"
    "  INSERT INTO payout (award_id, reference, amount_cents, iban,"
    "    account_holder)"
    "  VALUES (awid, ref || '-U', amount, 'NL91ABNA0417164300',"
    "    'T. Gangmaker')"
    "  RETURNING id INTO pid;"
    "  INSERT INTO ids VALUES (label || '_award', awid),"
    "    (label || '_payout', pid);"
    "  RETURN pid;"
    "END $f$;"
    "CREATE FUNCTION pg_temp.new_batch(label text, creator text)"
    "  RETURNS bigint LANGUAGE sql AS $f$"
    "  WITH b AS (INSERT INTO payout_batch (number, created_by)"
    "    VALUES (pg_temp.tag() || '-' || upper(label), pg_temp.tid(creator))"
    "    RETURNING id)"
    "  INSERT INTO ids SELECT label, id FROM b RETURNING id $f$;"
    "SELECT pg_temp.new_application('app1');";

static int
group_setup(void **state)
{
    (void)state;
    pg = PQconnectdb(test_database_url());
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "test_schema: %s", PQerrorMessage(pg));
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

static void
test_second_payout_for_award_fails(void **state)
{
    (void)state;
    sql_ok("SELECT pg_temp.award('app1', 15000)");
    sql_fails("INSERT INTO payout (award_id, reference, amount_cents, iban,"
              " account_holder) VALUES (pg_temp.tid('app1_award'),"
              " pg_temp.tag() || '-SECOND', 15000, 'NL91ABNA0417164300',"
              " 'T. Gangmaker')",
              "23505", "payout_one_per_award");
}

static void
test_payout_amount_is_award_amount(void **state)
{
    (void)state;
    sql_ok("SELECT pg_temp.new_application('app2')");
    sql_ok("UPDATE application SET status = 'toegekend',"
           " decided_by = pg_temp.tid('mk_a'), decided_at = now()"
           " WHERE id = pg_temp.tid('app2')");
    sql_ok("WITH a AS (INSERT INTO award (application_id, budget_year,"
           " wijk_code, amount_cents, default_amount_cents, awarded_by)"
           " VALUES (pg_temp.tid('app2'), 2099, '01', 15000, 15000,"
           " pg_temp.tid('mk_a')) RETURNING id)"
           " INSERT INTO ids SELECT 'award2', id FROM a");
    sql_fails("INSERT INTO payout (award_id, reference, amount_cents, iban,"
              " account_holder) VALUES (pg_temp.tid('award2'),"
              " pg_temp.tag() || '-MORE', 15001, 'NL91ABNA0417164300',"
              " 'T. Gangmaker')",
              "23503", "payout_amount_is_awarded");
}

static void
test_award_without_payout_fails_at_commit(void **state)
{
    (void)state;
    sql_ok("UPDATE application SET status = 'toegekend',"
           " decided_by = pg_temp.tid('mk_a'), decided_at = now()"
           " WHERE id = pg_temp.tid('app1')");
    sql_ok("INSERT INTO award (application_id, budget_year, wijk_code,"
           " amount_cents, default_amount_cents, awarded_by)"
           " VALUES (pg_temp.tid('app1'), 2099, '01', 15000, 15000,"
           " pg_temp.tid('mk_a'))");
    /* The check is deferred to COMMIT; this runs it now. */
    sql_fails("SET CONSTRAINTS ALL IMMEDIATE", "23514", "award_has_payout");
}

static void
test_payout_in_two_live_batches_fails(void **state)
{
    (void)state;
    sql_ok("SELECT pg_temp.award('app1', 15000),"
           " pg_temp.new_batch('b1', 'fin'), pg_temp.new_batch('b2', 'fin')");
    sql_ok("INSERT INTO batch_line (batch_id, line_no, payout_id)"
           " VALUES (pg_temp.tid('b1'), 1, pg_temp.tid('app1_payout'))");
    sql_fails("INSERT INTO batch_line (batch_id, line_no, payout_id)"
              " VALUES (pg_temp.tid('b2'), 1, pg_temp.tid('app1_payout'))",
              "23505", "batch_line_one_live_batch");

    /* Cancelling b1 takes its lines out of the live set by itself (the
     * cascading key), and then b2 may take the payout. */
    sql_ok("UPDATE payout_batch SET status = 'cancelled',"
           " cancelled_by = pg_temp.tid('fin'), cancelled_at = now()"
           " WHERE id = pg_temp.tid('b1')");
    assert_int_equal(0, sql_int("SELECT count(*) FROM batch_line"
                                " WHERE batch_id = pg_temp.tid('b1')"
                                " AND live"));
    sql_ok("INSERT INTO batch_line (batch_id, line_no, payout_id)"
           " VALUES (pg_temp.tid('b2'), 1, pg_temp.tid('app1_payout'))");
    sql_ok("UPDATE payout SET status = 'in_batch'"
           " WHERE id = pg_temp.tid('app1_payout')");
    sql_ok("SET CONSTRAINTS ALL IMMEDIATE");
}

static void
test_cancelled_batch_must_release_payouts(void **state)
{
    (void)state;
    sql_ok("SELECT pg_temp.award('app1', 15000),"
           " pg_temp.new_batch('b1', 'fin')");
    sql_ok("INSERT INTO batch_line (batch_id, line_no, payout_id)"
           " VALUES (pg_temp.tid('b1'), 1, pg_temp.tid('app1_payout'))");
    sql_ok("UPDATE payout SET status = 'in_batch'"
           " WHERE id = pg_temp.tid('app1_payout')");
    sql_ok("UPDATE payout_batch SET status = 'cancelled',"
           " cancelled_by = pg_temp.tid('fin'), cancelled_at = now()"
           " WHERE id = pg_temp.tid('b1')");
    /* the payout still says in_batch, but its batch is gone */
    sql_fails("SET CONSTRAINTS ALL IMMEDIATE", "23514",
              "payout_in_batch_matches_lines");
    sql_fails("UPDATE payout_batch SET status = 'live', cancelled_by = NULL,"
              " cancelled_at = NULL WHERE id = pg_temp.tid('b1')",
              "23514", "payout_batch_status_transition");
}

static void
test_amounts_must_be_positive(void **state)
{
    (void)state;
    sql_ok("UPDATE application SET status = 'toegekend',"
           " decided_by = pg_temp.tid('mk_a'), decided_at = now()"
           " WHERE id = pg_temp.tid('app1')");
    sql_fails("INSERT INTO award (application_id, budget_year, wijk_code,"
              " amount_cents, default_amount_cents, reduction_reason,"
              " awarded_by) VALUES (pg_temp.tid('app1'), 2099, '01', 0,"
              " 15000, 'niets', pg_temp.tid('mk_a'))",
              "23514", "award_amount_cents_check");
    sql_fails("INSERT INTO award (application_id, budget_year, wijk_code,"
              " amount_cents, default_amount_cents, reduction_reason,"
              " awarded_by) VALUES (pg_temp.tid('app1'), 2099, '01', -1500,"
              " 15000, 'negatief', pg_temp.tid('mk_a'))",
              "23514", "award_amount_cents_check");
    /* above the default potje is refused too */
    sql_fails("INSERT INTO award (application_id, budget_year, wijk_code,"
              " amount_cents, default_amount_cents, awarded_by)"
              " VALUES (pg_temp.tid('app1'), 2099, '01', 15001, 15000,"
              " pg_temp.tid('mk_a'))",
              "23514", "award_not_above_default");
    /* lower than the default needs a reason */
    sql_fails("INSERT INTO award (application_id, budget_year, wijk_code,"
              " amount_cents, default_amount_cents, awarded_by)"
              " VALUES (pg_temp.tid('app1'), 2099, '01', 10000, 15000,"
              " pg_temp.tid('mk_a'))",
              "23514", "award_reduction_has_reason");
    sql_fails("UPDATE application SET requested_amount_cents = 0"
              " WHERE id = pg_temp.tid('app1')",
              "23514", "application_requested_amount_cents_check");
    sql_ok("SELECT pg_temp.award('app1', 15000)");
    sql_ok("INSERT INTO expense_report (award_id, due_on)"
           " VALUES (pg_temp.tid('app1_award'), DATE '2100-06-30')");
    sql_fails("INSERT INTO expense_line (report_id, line_no, spent_on,"
              " occasion, amount_cents) SELECT id, 1, DATE '2099-05-01',"
              " 'birth', -250 FROM expense_report"
              " WHERE award_id = pg_temp.tid('app1_award')",
              "23514", "expense_line_amount_cents_check");
    sql_fails("INSERT INTO settlement (award_id, awarded_cents, amount_cents,"
              " settled_by) VALUES (pg_temp.tid('app1_award'), 15000, -1,"
              " pg_temp.tid('mk_a'))",
              "23514", "settlement_amount_cents_check");
    sql_fails("INSERT INTO settlement (award_id, awarded_cents, amount_cents,"
              " reason, settled_by) VALUES (pg_temp.tid('app1_award'),"
              " 15000, 15001, 'meer', pg_temp.tid('mk_a'))",
              "23514", "settlement_not_above_award");
    /* the awarded amount cannot be faked to lift the bound */
    sql_fails("INSERT INTO settlement (award_id, awarded_cents, amount_cents,"
              " settled_by) VALUES (pg_temp.tid('app1_award'), 20000, 20000,"
              " pg_temp.tid('mk_a'))",
              "23503", NULL);
}

static void
test_rejection_needs_reason(void **state)
{
    (void)state;
    sql_fails("UPDATE application SET status = 'afgewezen',"
              " decided_by = pg_temp.tid('mk_a'), decided_at = now()"
              " WHERE id = pg_temp.tid('app1')",
              "23514", "application_rejection_has_reason");
    sql_fails("UPDATE application SET status = 'afgewezen',"
              " rejection_reason = '   ',"
              " decided_by = pg_temp.tid('mk_a'), decided_at = now()"
              " WHERE id = pg_temp.tid('app1')",
              "23514", "application_rejection_has_reason");
    /* a decision without a decider is refused as well */
    sql_fails("UPDATE application SET status = 'afgewezen',"
              " rejection_reason = 'buiten Utrecht'"
              " WHERE id = pg_temp.tid('app1')",
              "23514", "application_decision_recorded");
    sql_ok("UPDATE application SET status = 'afgewezen',"
           " rejection_reason = 'De straat ligt buiten Utrecht.',"
           " decided_by = pg_temp.tid('mk_a'), decided_at = now()"
           " WHERE id = pg_temp.tid('app1')");
    /* a decision is final */
    sql_fails("UPDATE application SET status = 'in_behandeling',"
              " decided_by = NULL, decided_at = NULL"
              " WHERE id = pg_temp.tid('app1')",
              "23514", "application_status_transition");
}

static void
test_entered_by_cannot_decide(void **state)
{
    (void)state;
    /* makelaar B entered app1 for a resident */
    sql_fails("UPDATE application SET status = 'toegekend',"
              " decided_by = pg_temp.tid('mk_b'), decided_at = now()"
              " WHERE id = pg_temp.tid('app1')",
              "23514", "application_segregation_of_duties");
    sql_fails("INSERT INTO award (application_id, budget_year, wijk_code,"
              " amount_cents, default_amount_cents, awarded_by)"
              " VALUES (pg_temp.tid('app1'), 2099, '01', 15000, 15000,"
              " pg_temp.tid('mk_b'))",
              "23514", "award_segregation_of_duties");
    /* finance cannot award at all */
    sql_fails("INSERT INTO award (application_id, budget_year, wijk_code,"
              " amount_cents, default_amount_cents, awarded_by)"
              " VALUES (pg_temp.tid('app1'), 2099, '01', 15000, 15000,"
              " pg_temp.tid('fin'))",
              "23514", "award_by_makelaar_of_wijk");
}

static void
test_audit_event_is_append_only(void **state)
{
    (void)state;
    sql_ok("WITH e AS (INSERT INTO audit_event (actor_kind, actor_user_id,"
           " action, object_type, object_id, details)"
           " VALUES ('staff', pg_temp.tid('mk_a'), 'application.review',"
           " 'application', pg_temp.tid('app1')::text,"
           " '{\"before\": \"ingediend\"}') RETURNING id)"
           " INSERT INTO ids SELECT 'event', id FROM e");
    sql_fails("UPDATE audit_event SET action = 'application.nothing'"
              " WHERE id = pg_temp.tid('event')",
              "23514", "audit_event_append_only");
    sql_fails("DELETE FROM audit_event WHERE id = pg_temp.tid('event')",
              "23514", "audit_event_append_only");
    sql_fails("TRUNCATE audit_event", "23514", "audit_event_append_only");
    assert_int_equal(1, sql_int("SELECT count(*) FROM audit_event"
                                " WHERE id = pg_temp.tid('event')"));
}

static void
test_approver_cannot_batch_own_payout(void **state)
{
    (void)state;
    sql_ok("SELECT pg_temp.award('app1', 15000)");
    /* Makelaar A awarded it, then moved to finance. */
    sql_ok("UPDATE staff_user SET role = 'financien'"
           " WHERE id = pg_temp.tid('mk_a')");
    sql_ok("SELECT pg_temp.new_batch('own', 'mk_a')");
    sql_fails("INSERT INTO batch_line (batch_id, line_no, payout_id)"
              " VALUES (pg_temp.tid('own'), 1, pg_temp.tid('app1_payout'))",
              "23514", "batch_line_segregation_of_duties");
    /* someone else in finance may */
    sql_ok("SELECT pg_temp.new_batch('other', 'fin')");
    sql_ok("INSERT INTO batch_line (batch_id, line_no, payout_id)"
           " VALUES (pg_temp.tid('other'), 1, pg_temp.tid('app1_payout'))");
    /* and a makelaar cannot make a batch in the first place */
    sql_fails("SELECT pg_temp.new_batch('mk', 'mk_b')", "23514",
              "payout_batch_by_financien");
}

static void
test_changed_iban_blocks_payout(void **state)
{
    (void)state;
    sql_ok("SELECT pg_temp.award('app1', 15000),"
           " pg_temp.new_batch('b1', 'fin')");
    sql_ok("UPDATE payout SET iban = 'NL20INGB0001234567'"
           " WHERE id = pg_temp.tid('app1_payout')");
    assert_int_equal(0, sql_int("SELECT iban_confirmed::int FROM payout"
                                " WHERE id = pg_temp.tid('app1_payout')"));
    sql_fails("INSERT INTO batch_line (batch_id, line_no, payout_id)"
              " VALUES (pg_temp.tid('b1'), 1, pg_temp.tid('app1_payout'))",
              "23514", "batch_line_payout_ready");
    sql_fails("UPDATE payout SET iban = 'NL20INGB0001234568'"
              " WHERE id = pg_temp.tid('app1_payout')",
              "23514", "payout_iban_check");
    sql_ok("UPDATE payout SET iban_confirmed = true,"
           " iban_confirmed_by = pg_temp.tid('mk_b'),"
           " iban_confirmed_at = now()"
           " WHERE id = pg_temp.tid('app1_payout')");
    sql_ok("INSERT INTO batch_line (batch_id, line_no, payout_id)"
           " VALUES (pg_temp.tid('b1'), 1, pg_temp.tid('app1_payout'))");
    sql_ok("UPDATE payout SET status = 'in_batch'"
           " WHERE id = pg_temp.tid('app1_payout')");
    /* while the money is on its way the payee is fixed */
    sql_fails("UPDATE payout SET iban = 'NL91ABNA0417164300'"
              " WHERE id = pg_temp.tid('app1_payout')",
              "23514", "payout_payee_frozen");
}

static void
test_status_outside_list_fails(void **state)
{
    (void)state;
    /* Inserts: on UPDATE the transition rule refuses first. */
    sql_fails("INSERT INTO application (reference, kind, street_name,"
              " wijk_code, organiser_id, status, status_token_hash)"
              " VALUES ('LL-2099-99999', 'first', 'Schematest', '01',"
              " pg_temp.tid('organiser'), 'goedgekeurd',"
              " sha256(convert_to(pg_temp.tag() || 'bad', 'UTF8')))",
              "23514", "application_status_check");
    sql_fails("UPDATE application SET status = 'goedgekeurd'"
              " WHERE id = pg_temp.tid('app1')",
              "23514", "application_status_transition");
    sql_ok("UPDATE application SET status = 'toegekend',"
           " decided_by = pg_temp.tid('mk_a'), decided_at = now()"
           " WHERE id = pg_temp.tid('app1')");
    sql_ok("WITH a AS (INSERT INTO award (application_id, budget_year,"
           " wijk_code, amount_cents, default_amount_cents, awarded_by)"
           " VALUES (pg_temp.tid('app1'), 2099, '01', 15000, 15000,"
           " pg_temp.tid('mk_a')) RETURNING id)"
           " INSERT INTO ids SELECT 'award1', id FROM a");
    sql_fails("INSERT INTO payout (award_id, reference, amount_cents, status,"
              " iban, account_holder) VALUES (pg_temp.tid('award1'),"
              " pg_temp.tag() || '-U', 15000, 'verstuurd',"
              " 'NL91ABNA0417164300', 'T. Gangmaker')",
              "23514", "payout_status_check");
    sql_ok("INSERT INTO payout (award_id, reference, amount_cents, iban,"
           " account_holder) VALUES (pg_temp.tid('award1'),"
           " pg_temp.tag() || '-U', 15000, 'NL91ABNA0417164300',"
           " 'T. Gangmaker')");
    /* a bank payout is paid only through a batch */
    sql_fails("UPDATE payout SET status = 'betaald', paid_at = now()"
              " WHERE award_id = pg_temp.tid('award1')",
              "23514", "payout_status_transition");
    sql_ok("SELECT pg_temp.new_batch('b1', 'fin')");
    sql_fails("UPDATE payout_batch SET status = 'open'"
              " WHERE id = pg_temp.tid('b1')",
              "23514", "payout_batch_status_check");
    sql_fails("UPDATE staff_user SET role = 'admin'"
              " WHERE id = pg_temp.tid('fin')",
              "23514", "staff_user_role_check");
    sql_fails("INSERT INTO expense_report (award_id, due_on)"
              " VALUES (pg_temp.tid('award1'), DATE '2100-01-01');"
              "INSERT INTO expense_line (report_id, line_no, spent_on,"
              " occasion, amount_cents) SELECT id, 1, DATE '2099-05-01',"
              " 'wedding', 2500 FROM expense_report"
              " WHERE award_id = pg_temp.tid('award1')",
              "23514", "expense_line_occasion_check");
}

static void
test_staff_email_unique_whatever_case(void **state)
{
    (void)state;
    sql_fails("INSERT INTO staff_user (email, name, role, password_hash)"
              " SELECT upper(email), 'Dubbel', 'beleid', password_hash"
              " FROM staff_user WHERE id = pg_temp.tid('mk_a')",
              "23505", "staff_user_email_key");
    sql_fails("DELETE FROM staff_user WHERE id = pg_temp.tid('fin')", "23514",
              "staff_user_no_delete");
}

static void
test_award_within_wijk_budget(void **state)
{
    (void)state;
    /* leave the wijk one cent short of a full potje */
    sql_ok("UPDATE wijk_budget SET budget_cents = u.awarded_cents + 14999"
           " FROM wijk_budget_usage u WHERE u.year = 2099"
           " AND u.wijk_code = '01' AND wijk_budget.year = 2099"
           " AND wijk_budget.wijk_code = '01'");
    sql_ok("UPDATE application SET status = 'toegekend',"
           " decided_by = pg_temp.tid('mk_a'), decided_at = now()"
           " WHERE id = pg_temp.tid('app1')");
    sql_fails("INSERT INTO award (application_id, budget_year, wijk_code,"
              " amount_cents, default_amount_cents, awarded_by)"
              " VALUES (pg_temp.tid('app1'), 2099, '01', 15000, 15000,"
              " pg_temp.tid('mk_a'))",
              "23514", "award_within_wijk_budget");
    sql_ok("INSERT INTO award (application_id, budget_year, wijk_code,"
           " amount_cents, default_amount_cents, reduction_reason,"
           " awarded_by) VALUES (pg_temp.tid('app1'), 2099, '01', 14999,"
           " 15000, 'wat er over is', pg_temp.tid('mk_a'))");
    /* now nothing is left, and the budget cannot drop below the awards */
    assert_int_equal(0, sql_int("SELECT remaining_cents FROM"
                                " wijk_budget_usage WHERE year = 2099"
                                " AND wijk_code = '01'"));
    sql_fails("UPDATE wijk_budget SET budget_cents = budget_cents - 1"
              " WHERE year = 2099 AND wijk_code = '01'",
              "23514", "wijk_budget_covers_awards");
}

static void
test_delete_of_money_records_fails(void **state)
{
    (void)state;
    sql_ok("SELECT pg_temp.award('app1', 15000),"
           " pg_temp.new_batch('b1', 'fin')");
    sql_ok("INSERT INTO batch_line (batch_id, line_no, payout_id)"
           " VALUES (pg_temp.tid('b1'), 1, pg_temp.tid('app1_payout'))");
    sql_fails("DELETE FROM batch_line WHERE batch_id = pg_temp.tid('b1')",
              "23514", "batch_line_no_delete");
    sql_fails("DELETE FROM payout WHERE id = pg_temp.tid('app1_payout')",
              "23514", "payout_no_delete");
    sql_fails("DELETE FROM award WHERE id = pg_temp.tid('app1_award')", "23514",
              "award_no_delete");
    sql_fails("UPDATE award SET amount_cents = 100"
              " WHERE id = pg_temp.tid('app1_award')",
              "23514", "award_frozen");
}

static void
test_batch_totals_and_freeze(void **state)
{
    (void)state;
    sql_ok("SELECT pg_temp.new_application('app2')");
    sql_ok("SELECT pg_temp.award('app1', 15000), pg_temp.award('app2', 9000),"
           " pg_temp.new_batch('b1', 'fin')");
    sql_ok("INSERT INTO batch_line (batch_id, line_no, payout_id)"
           " VALUES (pg_temp.tid('b1'), 1, pg_temp.tid('app1_payout'))");
    sql_fails("UPDATE payout_batch SET line_count = 1, total_cents = 15001"
              " WHERE id = pg_temp.tid('b1')",
              "23514", "payout_batch_control_totals");
    sql_ok("UPDATE payout_batch SET line_count = 1, total_cents = 15000,"
           " csv = convert_to('regel;1', 'UTF8'),"
           " csv_sha256 = sha256(convert_to('regel;1', 'UTF8'))"
           " WHERE id = pg_temp.tid('b1')");
    /* the files are made: the batch is frozen */
    sql_fails("INSERT INTO batch_line (batch_id, line_no, payout_id)"
              " VALUES (pg_temp.tid('b1'), 2, pg_temp.tid('app2_payout'))",
              "23514", "batch_line_batch_open");
    sql_fails("UPDATE payout_batch SET csv = convert_to('regel;2', 'UTF8'),"
              " csv_sha256 = sha256(convert_to('regel;2', 'UTF8'))"
              " WHERE id = pg_temp.tid('b1')",
              "23514", "payout_batch_frozen");
    sql_fails("UPDATE payout_batch SET csv_sha256 = "
              "sha256(convert_to('anders', 'UTF8'))"
              " WHERE id = pg_temp.tid('b1')",
              "23514", "payout_batch_frozen");
    /* imported only with a result on every line */
    sql_fails("UPDATE payout_batch SET status = 'imported',"
              " imported_by = pg_temp.tid('fin'), imported_at = now()"
              " WHERE id = pg_temp.tid('b1')",
              "23514", "payout_batch_import_complete");
}

/* Four potjes in four states; the reconciliation view must move by
 * exactly those amounts and stay balanced. Other suites may have data in
 * 2099 (committed), so the test compares with the figures before. */
static void
test_reconciliation_balances(void **state)
{
    static const char row_sql[] =
        "SELECT awarded_cents, te_betalen_cents, in_batch_cents,"
        " betaald_cents, mislukt_cents, difference_cents, balanced::int"
        " FROM budget_year_reconciliation WHERE year = 2099";
    long long before[7], after[7];
    PGresult *res;
    int i;

    (void)state;
    res = PQexec(pg, row_sql);
    assert_int_equal(PGRES_TUPLES_OK, PQresultStatus(res));
    assert_int_equal(1, PQntuples(res));
    for (i = 0; i < 7; i++)
        before[i] = strtoll(PQgetvalue(res, 0, i), NULL, 10);
    PQclear(res);

    sql_ok("SELECT pg_temp.new_application('p1'),"
           " pg_temp.new_application('p2'), pg_temp.new_application('p3'),"
           " pg_temp.new_application('p4')");
    sql_ok("SELECT pg_temp.award('p1', 15000), pg_temp.award('p2', 10000),"
           " pg_temp.award('p3', 15000), pg_temp.award('p4', 12000)");
    sql_ok("SELECT pg_temp.new_batch('b1', 'fin'),"
           " pg_temp.new_batch('b2', 'fin')");
    sql_ok("INSERT INTO batch_line (batch_id, line_no, payout_id) VALUES"
           " (pg_temp.tid('b1'), 1, pg_temp.tid('p2_payout')),"
           " (pg_temp.tid('b2'), 1, pg_temp.tid('p3_payout')),"
           " (pg_temp.tid('b2'), 2, pg_temp.tid('p4_payout'))");
    sql_ok("UPDATE payout SET status = 'in_batch' WHERE id IN"
           " (pg_temp.tid('p2_payout'), pg_temp.tid('p3_payout'),"
           " pg_temp.tid('p4_payout'))");
    /* finance's result for b2: p3 paid, p4 refused */
    sql_ok("UPDATE batch_line SET result = 'betaald', result_on = '2099-03-01'"
           " WHERE payout_id = pg_temp.tid('p3_payout')");
    sql_ok("UPDATE batch_line SET result = 'geweigerd',"
           " result_on = '2099-03-01', result_reason = 'rekening opgeheven'"
           " WHERE payout_id = pg_temp.tid('p4_payout')");
    sql_ok("UPDATE payout SET status = 'betaald', paid_at = now()"
           " WHERE id = pg_temp.tid('p3_payout')");
    sql_ok("UPDATE payout SET status = 'mislukt', failed_at = now(),"
           " failure_reason = 'rekening opgeheven'"
           " WHERE id = pg_temp.tid('p4_payout')");
    sql_ok("UPDATE payout_batch SET status = 'imported',"
           " imported_by = pg_temp.tid('fin'), imported_at = now()"
           " WHERE id = pg_temp.tid('b2')");
    /* every deferred rule holds for this world */
    sql_ok("SET CONSTRAINTS ALL IMMEDIATE");

    res = PQexec(pg, row_sql);
    assert_int_equal(PGRES_TUPLES_OK, PQresultStatus(res));
    assert_int_equal(1, PQntuples(res));
    for (i = 0; i < 7; i++)
        after[i] = strtoll(PQgetvalue(res, 0, i), NULL, 10);
    PQclear(res);

    assert_int_equal(52000, after[0] - before[0]); /* awarded */
    assert_int_equal(15000, after[1] - before[1]); /* te_betalen */
    assert_int_equal(10000, after[2] - before[2]); /* in_batch */
    assert_int_equal(15000, after[3] - before[3]); /* betaald */
    assert_int_equal(12000, after[4] - before[4]); /* mislukt */
    assert_int_equal(0, after[5]);                 /* difference */
    assert_int_equal(1, after[6]);                 /* balanced */
    assert_int_equal(1, sql_int("SELECT paid_count FROM street_potje_status"
                                " WHERE street_id = pg_temp.tid('street')"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_second_payout_for_award_fails),
        T(test_payout_amount_is_award_amount),
        T(test_award_without_payout_fails_at_commit),
        T(test_payout_in_two_live_batches_fails),
        T(test_cancelled_batch_must_release_payouts),
        T(test_amounts_must_be_positive),
        T(test_rejection_needs_reason),
        T(test_entered_by_cannot_decide),
        T(test_audit_event_is_append_only),
        T(test_approver_cannot_batch_own_payout),
        T(test_changed_iban_blocks_payout),
        T(test_status_outside_list_fails),
        T(test_staff_email_unique_whatever_case),
        T(test_award_within_wijk_budget),
        T(test_delete_of_money_records_fails),
        T(test_batch_totals_and_freeze),
        T(test_reconciliation_balances),
#undef T
    };

    return cmocka_run_group_tests_name("schema", tests, group_setup,
                                       group_teardown);
}
