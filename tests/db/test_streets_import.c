/* test_streets_import.c - the street import against the real database
 * (backend/street_import.c, db_reference.c).
 *
 * The database is shared with other suites and may or may not hold the
 * city's reference data. So every test works inside a transaction that it
 * rolls back (the buurten it needs are inserted there when missing), and
 * uses street names made unique by the process id and time. Nothing is
 * left behind. The committed path, including a second run adding nothing,
 * is covered by tests/cli/streets_import.sh through the real binary.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "db_reference.h"
#include "street_import.h"
#include "street_list.h"

static char tag[64]; /* makes this run's street names unique */

/* A deliberate rollback: the body returns this after recording. */
#define ROLLBACK DB_CONFLICT

static int
setup(void **state)
{
    char err[256];
    struct db_conn *c = db_connect(test_database_url(), err, sizeof(err));

    if (c == NULL)
        fail_msg("cannot connect: %s", err);
    snprintf(tag, sizeof(tag), "%ld-%ld", (long)getpid(), (long)time(NULL));
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    db_disconnect(*state);
    return 0;
}

static struct db_stmt stmt_test_street_links = DB_STMT(
    "test_street_links",
    "SELECT count(*) FROM street_buurt sb JOIN street s ON s.id = sb.street_id"
    " WHERE lower(s.name) = lower($1)",
    1);

/* How many buurten the street is linked to (-1 on error). */
static long
street_links(struct db_conn *c, const char *name)
{
    const char *params[] = {name};
    PGresult *res = NULL;
    long n = -1;

    if (db_query(c, &stmt_test_street_links, params, &res) == 1)
        n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return n;
}

/* Make sure wijk 01 and buurten 0111 and 0112 exist (inside the test's
 * transaction, so only for its duration when they did not). */
static enum db_status
ensure_buurten(struct db_conn *c)
{
    int r = db_wijk_insert(c, "01", "WEST");

    if (r >= 0)
        r = db_buurt_insert(c, "0111", "01", "Welgelegen, Den Homm");
    if (r >= 0)
        r = db_buurt_insert(c, "0112", "01", "Oog in Al");
    return r < 0 ? (enum db_status)r : DB_NO_RESULTS;
}

static void
parse_list(const char *text, struct street_list *l)
{
    struct csv_error err;

    if (!street_list_parse(text, strlen(text), l, &err))
        fail_msg("fixture does not parse: %s", err.message);
}

/* Import several lists one after the other in one transaction, count the
 * links of two streets, and roll back. */
struct run {
    const struct street_list *list[3];
    size_t nlists;
    struct street_import_result res[3];
    char name[2][128];
    long links[2];
    bool done;
};

static enum db_status
run_tx(struct db_conn *c, void *cls)
{
    struct run *r = cls;
    enum db_status st = ensure_buurten(c);
    size_t i;

    for (i = 0; i < r->nlists && st >= 0; i++)
        st = street_import_apply(c, r->list[i], &r->res[i]);
    if (st < 0)
        return st;
    for (i = 0; i < 2; i++)
        r->links[i] = street_links(c, r->name[i]);
    r->done = true;
    return ROLLBACK;
}

static void
run_free(struct run *r)
{
    size_t i;

    for (i = 0; i < 3; i++)
        street_import_result_free(&r->res[i]);
}

static void
test_import_twice_adds_once(void **state)
{
    struct db_conn *c = *state;
    struct street_list l;
    struct run r;
    char text[1024];

    memset(&r, 0, sizeof(r));
    snprintf(r.name[0], sizeof(r.name[0]), "Proefweg %s", tag);
    snprintf(r.name[1], sizeof(r.name[1]), "Proefpad %s", tag);
    snprintf(text, sizeof(text),
             "buurtcode;wijkcode;wijknaam;straatnaam\r\n"
             "0111;01;WEST;%s\r\n"
             "0112;01;WEST;%s\r\n"
             "0111;01;WEST;%s\r\n"
             "0199;01;WEST;%s\r\n",
             r.name[0], r.name[0], r.name[1], r.name[0]);
    parse_list(text, &l);
    r.list[0] = r.list[1] = &l;
    r.nlists = 2;
    assert_int_equal(db_transaction(c, run_tx, &r), ROLLBACK);
    assert_true(r.done);
    assert_int_equal(r.res[0].added, 3);
    assert_int_equal(r.res[0].present, 0);
    assert_int_equal(r.res[0].streets_added, 2);
    assert_int_equal(r.res[0].rejects.count, 1);
    assert_int_equal(r.res[0].rejects.item[0].line, 5);
    assert_string_equal(r.res[0].rejects.item[0].reason,
                        "buurt 0199 bestaat niet");
    assert_int_equal(r.res[1].added, 0);
    assert_int_equal(r.res[1].present, 3);
    assert_int_equal(r.res[1].streets_added, 0);
    assert_int_equal(r.res[1].rejects.count, 1);
    assert_int_equal(r.links[0], 2);
    assert_int_equal(r.links[1], 1);
    /* rolled back: nothing is left */
    assert_int_equal(street_links(c, r.name[0]), 0);
    run_free(&r);
    street_list_free(&l);
}

static void
test_names_compare_without_case(void **state)
{
    struct db_conn *c = *state;
    struct street_list first, other;
    struct run r;
    char text[512];

    memset(&r, 0, sizeof(r));
    snprintf(r.name[0], sizeof(r.name[0]), "Hoofdletterweg %s", tag);
    snprintf(r.name[1], sizeof(r.name[1]), "HOOFDLETTERWEG %s", tag);
    snprintf(text, sizeof(text), "buurtcode;wijkcode;straatnaam\n0111;01;%s\n",
             r.name[0]);
    parse_list(text, &first);
    snprintf(text, sizeof(text),
             "buurtcode;wijkcode;straatnaam\n0111;01;%s\n"
             "0112;01;hoofdletterweg %s\n",
             r.name[1], tag);
    parse_list(text, &other);
    r.list[0] = &first;
    r.list[1] = &other;
    r.nlists = 2;
    assert_int_equal(db_transaction(c, run_tx, &r), ROLLBACK);
    assert_true(r.done);
    assert_int_equal(r.res[0].added, 1);
    assert_int_equal(r.res[0].streets_added, 1);
    /* the other spelling finds the same street: one link was there */
    assert_int_equal(r.res[1].added, 1);
    assert_int_equal(r.res[1].present, 1);
    assert_int_equal(r.res[1].streets_added, 0);
    assert_int_equal(r.links[0], 2);
    assert_int_equal(r.links[1], 2);
    run_free(&r);
    street_list_free(&first);
    street_list_free(&other);
}

struct failing {
    const struct street_list *list;
    struct street_import_result result;
};

static enum db_status
failing_tx(struct db_conn *c, void *cls)
{
    struct failing *f = cls;
    enum db_status st = ensure_buurten(c);

    return st < 0 ? st : street_import_apply(c, f->list, &f->result);
}

/* A row the database refuses halfway undoes the rows before it. */
static void
test_failure_changes_nothing(void **state)
{
    struct db_conn *c = *state;
    struct street_list l;
    struct failing f;
    char good[128], text[512];
    char bad[] = " Spatie vooraan"; /* the reader would have trimmed it */

    memset(&f, 0, sizeof(f));
    snprintf(good, sizeof(good), "Goedeweg %s", tag);
    snprintf(text, sizeof(text),
             "buurtcode;wijkcode;straatnaam\n0111;01;%s\n0112;01;Tijdelijk\n",
             good);
    parse_list(text, &l);
    assert_int_equal(l.count, 2);
    free(l.row[1].name);
    l.row[1].name = strdup(bad); /* violates CHECK (name = btrim(name)) */
    assert_non_null(l.row[1].name);
    f.list = &l;
    assert_true(db_transaction(c, failing_tx, &f) < 0);
    assert_int_equal(street_links(c, good), 0);
    street_import_result_free(&f.result);
    street_list_free(&l);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_twice_adds_once, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_names_compare_without_case, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failure_changes_nothing, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
