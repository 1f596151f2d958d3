/* test_staff_user.c - the staff account statements (db_staff_user.h)
 * against the real database. Accounts are never deleted, so each run uses
 * e-mail addresses of its own (pid and time) and leaves them behind,
 * disabled. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "db_staff_user.h"

static struct db_conn *conn;
static char email[128];

static int
group_setup(void **state)
{
    char err[256];

    (void)state;
    conn = db_connect(test_database_url(), err, sizeof(err));
    if (conn == NULL) {
        fprintf(stderr, "test_staff_user: %s\n", err);
        return -1;
    }
    snprintf(email, sizeof(email), "staff-%ld-%ld@test.invalid", (long)getpid(),
             (long)time(NULL));
    return 0;
}

static int
group_teardown(void **state)
{
    (void)state;
    db_disconnect(conn);
    return 0;
}

struct add {
    const char *email, *role, *wijk;
    long long id;
    int wijk_result;
};

static enum db_status
add_run(struct db_conn *c, void *cls)
{
    struct add *a = cls;
    int r = db_staff_user_insert(c, a->email, "Test Makelaar", a->role,
                                 "$argon2id$v=19$test", &a->id);

    if (r < 0)
        return (enum db_status)r;
    if (a->wijk != NULL) {
        a->wijk_result = db_staff_user_wijk_add(c, a->id, a->wijk);
        if (a->wijk_result <= 0)
            return DB_HARD_ERROR; /* roll back */
    }
    r = db_staff_user_audit_add(c, a->id, a->role, a->wijk ? a->wijk : "",
                                "tester");
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

static void
count_row(void *cls, const struct staff_user *u)
{
    int *n = cls;

    if (strcmp(u->email, email) == 0)
        (*n)++;
}

static void
test_add_find_list(void **state)
{
    struct add a = {email, "beleid", NULL, 0, 0};
    struct staff_user u;
    char upper[128];
    int seen = 0;
    size_t i;

    (void)state;
    assert_int_equal(DB_ONE_RESULT, db_transaction(conn, add_run, &a));
    assert_true(a.id > 0);

    for (i = 0; email[i] != '\0'; i++)
        upper[i] = (email[i] >= 'a' && email[i] <= 'z')
                       ? (char)(email[i] - 'a' + 'A')
                       : email[i];
    upper[i] = '\0';
    assert_int_equal(1, db_staff_user_find_by_email(conn, upper, &u));
    assert_int_equal(a.id, u.id);
    assert_string_equal(email, u.email);
    assert_string_equal("Test Makelaar", u.name);
    assert_string_equal("beleid", u.role);
    assert_string_equal("", u.wijken);
    assert_false(u.disabled);
    assert_int_equal(16, strlen(u.created_at));

    assert_true(db_staff_user_list(conn, count_row, &seen) >= 1);
    assert_int_equal(1, seen);

    /* the same address in another case is the same account */
    a.email = upper;
    assert_int_equal(DB_CONFLICT, db_transaction(conn, add_run, &a));
    assert_int_equal(
        0, db_staff_user_find_by_email(conn, "nobody-at-all@test.invalid", &u));
}

static void
test_unknown_wijk_adds_nothing(void **state)
{
    char other[160];
    struct add a = {other, "makelaar", "99", 0, -1};
    struct staff_user u;

    (void)state;
    snprintf(other, sizeof(other), "wijk-%s", email);
    /* "99" is no wijk: nothing inserted, so the transaction rolls back */
    assert_true(db_transaction(conn, add_run, &a) < 0);
    assert_int_equal(0, a.wijk_result);
    assert_int_equal(0, db_staff_user_find_by_email(conn, other, &u));
}

static enum db_status
disable_run(struct db_conn *c, void *cls)
{
    long long *id = cls;
    int r = db_staff_user_disable(c, *id);

    if (r < 0)
        return (enum db_status)r;
    if (r == 0)
        return DB_NO_RESULTS;
    r = db_staff_user_end_sessions(c, *id);
    if (r < 0)
        return (enum db_status)r;
    r = db_staff_user_audit_disable(c, *id, r, "tester");
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

static void
test_disable_once(void **state)
{
    struct staff_user u;

    (void)state;
    assert_int_equal(1, db_staff_user_find_by_email(conn, email, &u));
    assert_int_equal(DB_ONE_RESULT, db_transaction(conn, disable_run, &u.id));
    assert_int_equal(1, db_staff_user_find_by_email(conn, email, &u));
    assert_true(u.disabled);
    assert_int_equal(16, strlen(u.disabled_at));
    /* disabling again changes nothing */
    assert_int_equal(DB_NO_RESULTS, db_transaction(conn, disable_run, &u.id));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_find_list),
        cmocka_unit_test(test_unknown_wijk_adds_nothing),
        cmocka_unit_test(test_disable_once),
    };

    return cmocka_run_group_tests_name("staff_user", tests, group_setup,
                                       group_teardown);
}
