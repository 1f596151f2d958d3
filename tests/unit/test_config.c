/* Settings from the environment: defaults, parsing, clear refusals. */
#include "testutil.h"

#include <string.h>

#include "config.h"

static void
test_defaults(void **state)
{
    struct config c;
    char err[256];
    (void)state;
    unsetenv("LIEFLEED_LISTEN");
    unsetenv("LIEFLEED_WORKERS");
    unsetenv("LIEFLEED_DB_POOL");
    assert_true(config_load(&c, err, sizeof(err)));
    assert_string_equal(c.listen_host, "127.0.0.1");
    assert_int_equal(c.listen_port, 8080);
    assert_int_equal(c.workers, 4);
    assert_int_equal(c.db_pool_size, 4);
    assert_int_equal(c.max_body_bytes, 1048576);
}

static void
test_values(void **state)
{
    struct config c;
    char err[256];
    (void)state;
    setenv("LIEFLEED_LISTEN", "[::1]:9000", 1);
    setenv("LIEFLEED_WORKERS", "8", 1);
    assert_true(config_load(&c, err, sizeof(err)));
    assert_string_equal(c.listen_host, "::1");
    assert_int_equal(c.listen_port, 9000);
    assert_int_equal(c.db_pool_size, 8);
    unsetenv("LIEFLEED_LISTEN");
    unsetenv("LIEFLEED_WORKERS");
}

static void
test_refusals(void **state)
{
    struct config c;
    char err[256];
    (void)state;
    setenv("LIEFLEED_WORKERS", "12abc", 1);
    assert_false(config_load(&c, err, sizeof(err)));
    assert_non_null(strstr(err, "LIEFLEED_WORKERS"));
    setenv("LIEFLEED_WORKERS", "0", 1);
    assert_false(config_load(&c, err, sizeof(err)));
    unsetenv("LIEFLEED_WORKERS");
    setenv("LIEFLEED_LISTEN", "127.0.0.1:99999", 1);
    assert_false(config_load(&c, err, sizeof(err)));
    assert_non_null(strstr(err, "LIEFLEED_LISTEN"));
    setenv("LIEFLEED_LISTEN", "8080", 1);
    assert_false(config_load(&c, err, sizeof(err)));
    unsetenv("LIEFLEED_LISTEN");
    setenv("LIEFLEED_ACCESS_LOG", "ja", 1);
    assert_false(config_load(&c, err, sizeof(err)));
    unsetenv("LIEFLEED_ACCESS_LOG");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
