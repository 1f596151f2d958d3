/* The routing table: exact and prefix matches, 404 and 405 with Allow. */
#include "testutil.h"

#include <string.h>

#include "routes.h"

static enum MHD_Result
h1(struct request *rq)
{
    (void)rq;
    return MHD_YES;
}

static const struct route table[] = {
    {"GET", "/", ROUTE_EXACT, h1, NULL},
    {"GET", "/aanvragen", ROUTE_EXACT, h1, NULL},
    {"POST", "/aanvragen", ROUTE_EXACT, h1, NULL},
    {"GET", "/status/", ROUTE_PREFIX, h1, "/status/*"},
};
#define N (sizeof(table) / sizeof(table[0]))

static void
test_exact_and_head(void **state)
{
    const struct route *r;
    const char *param;
    (void)state;
    assert_int_equal(routes_find(table, N, "GET", "/", &r, &param, NULL, 0),
                     ROUTE_FOUND);
    assert_ptr_equal(r, &table[0]);
    assert_int_equal(
        routes_find(table, N, "HEAD", "/aanvragen", &r, &param, NULL, 0),
        ROUTE_FOUND);
    assert_ptr_equal(r, &table[1]);
    assert_int_equal(
        routes_find(table, N, "POST", "/aanvragen", &r, &param, NULL, 0),
        ROUTE_FOUND);
    assert_ptr_equal(r, &table[2]);
}

static void
test_prefix(void **state)
{
    const struct route *r;
    const char *param;
    (void)state;
    assert_int_equal(
        routes_find(table, N, "GET", "/status/abc", &r, &param, NULL, 0),
        ROUTE_FOUND);
    assert_string_equal(param, "abc");
    /* the bare prefix is not a page */
    assert_int_equal(
        routes_find(table, N, "GET", "/status/", &r, &param, NULL, 0),
        ROUTE_NOT_FOUND);
}

static void
test_not_found_and_method(void **state)
{
    const struct route *r;
    const char *param;
    char allow[64];
    (void)state;
    assert_int_equal(
        routes_find(table, N, "GET", "/nope", &r, &param, allow, sizeof(allow)),
        ROUTE_NOT_FOUND);
    assert_int_equal(routes_find(table, N, "DELETE", "/aanvragen", &r, &param,
                                 allow, sizeof(allow)),
                     ROUTE_BAD_METHOD);
    assert_string_equal(allow, "GET, HEAD, POST");
    assert_int_equal(
        routes_find(table, N, "POST", "/", &r, &param, allow, sizeof(allow)),
        ROUTE_BAD_METHOD);
    assert_string_equal(allow, "GET, HEAD");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_and_head),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_not_found_and_method),
    };
    return cmocka_run_group_tests_name("routes", tests, NULL, NULL);
}
