/* The bounded buffer: appends stop at the ceiling and say so. */
#include "testutil.h"

#include <string.h>

#include "buf.h"

static void
test_append_and_steal(void **state)
{
    struct buf b;
    size_t len;
    char *s;

    (void)state;
    buf_init(&b, 0);
    assert_true(buf_puts(&b, "abc"));
    assert_true(buf_putc(&b, '-'));
    assert_true(buf_printf(&b, "%d/%s", 42, "x"));
    s = buf_steal(&b, &len);
    assert_string_equal(s, "abc-42/x");
    assert_int_equal(len, 8);
    assert_null(b.data);
    free(s);
}

static void
test_ceiling(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 5);
    assert_true(buf_puts(&b, "12345"));
    assert_false(buf_putc(&b, '6'));
    assert_true(b.failed);
    assert_string_equal(b.data, "12345");
    assert_false(buf_puts(&b, "")); /* sticky */
    buf_free(&b);
}

static void
test_large_growth(void **state)
{
    struct buf b;
    char chunk[1000];
    int i;

    (void)state;
    memset(chunk, 'x', sizeof(chunk));
    buf_init(&b, 100000);
    for (i = 0; i < 100; i++)
        assert_true(buf_append(&b, chunk, sizeof(chunk)));
    assert_false(buf_append(&b, chunk, 1));
    assert_int_equal(b.len, 100000);
    buf_free(&b);
}

static void
test_empty_steal(void **state)
{
    struct buf b = BUF_INIT;
    size_t len = 99;
    char *s;

    (void)state;
    s = buf_steal(&b, &len);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_steal),
        cmocka_unit_test(test_ceiling),
        cmocka_unit_test(test_large_growth),
        cmocka_unit_test(test_empty_steal),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
