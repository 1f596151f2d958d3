/* The database layer itself: the transaction runner commits, rolls back
 * and retries; errors map to the right status; and an error message never
 * carries the values of the row (they may be an IBAN or a name). */
#include "testutil.h"

#include <string.h>

#include "db.h"
#include "db_internal.h"

static struct db_conn *conn;

static int
setup(void **state)
{
    char err[256];
    (void)state;
    conn = db_connect(test_database_url(), err, sizeof(err));
    if (conn == NULL)
        fail_msg("connect: %s", err);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    db_disconnect(conn);
    return 0;
}

static struct db_stmt stmt_t_create =
    DB_STMT("t_create",
            "CREATE TEMP TABLE IF NOT EXISTS t_core (k text PRIMARY KEY, "
            "v text CHECK (v <> 'NL91ABNA0417164300'))",
            0);
static struct db_stmt stmt_t_insert =
    DB_STMT("t_insert", "INSERT INTO t_core (k, v) VALUES ($1, $2)", 2);
static struct db_stmt stmt_t_count =
    DB_STMT("t_count", "SELECT k FROM t_core WHERE k = $1", 1);
static struct db_stmt stmt_t_serial_fail =
    DB_STMT("t_serial_fail",
            "DO $$BEGIN RAISE EXCEPTION 'try again' USING ERRCODE = "
            "'40001'; END$$",
            0);

struct ins {
    const char *k, *v;
    int attempts;
    int fail_first;
    int fail_after;
};

static enum db_status
insert_fn(struct db_conn *c, void *cls)
{
    struct ins *a = cls;
    const char *p[2] = {a->k, a->v};
    int r;

    a->attempts++;
    if (a->fail_first && a->attempts == 1)
        return (enum db_status)db_query(c, &stmt_t_serial_fail, NULL, NULL);
    r = db_query(c, &stmt_t_insert, p, NULL);
    if (r < 0)
        return (enum db_status)r;
    return a->fail_after ? DB_HARD_ERROR : DB_ONE_RESULT;
}

static int
count(const char *k)
{
    const char *p[1] = {k};
    return db_query(conn, &stmt_t_count, p, NULL);
}

static void
test_commit_and_rollback(void **state)
{
    struct ins ok = {"a", "x", 0, 0, 0}, bad = {"b", "x", 0, 0, 1};
    (void)state;
    assert_true(db_query(conn, &stmt_t_create, NULL, NULL) >= 0);
    assert_int_equal(db_transaction(conn, insert_fn, &ok), DB_ONE_RESULT);
    assert_int_equal(count("a"), 1);
    assert_int_equal(db_transaction(conn, insert_fn, &bad), DB_HARD_ERROR);
    assert_int_equal(count("b"), 0); /* rolled back */
}

static void
test_retry_on_serialization_failure(void **state)
{
    struct ins a = {"c", "x", 0, 1, 0};
    (void)state;
    assert_int_equal(db_transaction(conn, insert_fn, &a), DB_ONE_RESULT);
    assert_int_equal(a.attempts, 2);
    assert_int_equal(count("c"), 1);
}

static void
test_conflict_is_its_own_status(void **state)
{
    struct ins a = {"d", "x", 0, 0, 0}, again = {"d", "y", 0, 0, 0};
    (void)state;
    assert_int_equal(db_transaction(conn, insert_fn, &a), DB_ONE_RESULT);
    assert_int_equal(db_transaction(conn, insert_fn, &again), DB_CONFLICT);
    assert_int_equal(again.attempts, 1); /* a conflict is not retried */
}

static void
test_error_text_has_no_row_values(void **state)
{
    struct ins a = {"e", "NL91ABNA0417164300", 0, 0, 0};
    (void)state;
    assert_true(db_transaction(conn, insert_fn, &a) < 0);
    assert_non_null(strstr(db_last_error(conn), "23514"));
    assert_non_null(strstr(db_last_error(conn), "t_core_v_check"));
    assert_null(strstr(db_last_error(conn), "NL91"));
    assert_null(strstr(db_last_error(conn), "Failing row"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_and_rollback),
        cmocka_unit_test(test_retry_on_serialization_failure),
        cmocka_unit_test(test_conflict_is_its_own_status),
        cmocka_unit_test(test_error_text_has_no_row_values),
    };
    return cmocka_run_group_tests_name("db_core", tests, setup, teardown);
}
