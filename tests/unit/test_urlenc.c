/* Percent-decoding and query parsing: strict, bounded, UTF-8 only. */
#include "testutil.h"

#include <string.h>

#include "urlenc.h"

static void
test_decode_ok(void **state)
{
    char *out;
    (void)state;
    assert_int_equal(urlenc_decode("/a%20b%C3%A9", 12, false, 100, &out),
                     URLENC_OK);
    assert_string_equal(out, "/a bé");
    free(out);
    assert_int_equal(urlenc_decode("a+b", 3, true, 100, &out), URLENC_OK);
    assert_string_equal(out, "a b");
    free(out);
    assert_int_equal(urlenc_decode("a+b", 3, false, 100, &out), URLENC_OK);
    assert_string_equal(out, "a+b");
    free(out);
}

static void
test_decode_bad(void **state)
{
    char *out = (char *)1;
    (void)state;
    assert_int_equal(urlenc_decode("%zz", 3, false, 100, &out),
                     URLENC_BAD_ESCAPE);
    assert_null(out);
    assert_int_equal(urlenc_decode("abc%4", 5, false, 100, &out),
                     URLENC_BAD_ESCAPE);
    assert_int_equal(urlenc_decode("%", 1, false, 100, &out),
                     URLENC_BAD_ESCAPE);
    assert_int_equal(urlenc_decode("%ff%fe", 6, false, 100, &out),
                     URLENC_BAD_UTF8);
    assert_int_equal(urlenc_decode("%C0%AF", 6, false, 100, &out),
                     URLENC_BAD_UTF8); /* overlong '/' */
    assert_int_equal(urlenc_decode("a%00b", 5, false, 100, &out), URLENC_NUL);
    assert_int_equal(urlenc_decode("abcdef", 6, false, 5, &out),
                     URLENC_TOO_LONG);
}

static void
test_parse_pairs(void **state)
{
    struct urlenc_pairs p;
    const char *q = "jaar=2023&wijk=03&&leeg=&vlag&naam=Jos%C3%A9+de+Vries";
    (void)state;
    assert_int_equal(urlenc_parse(q, strlen(q), 10, 100, &p), URLENC_OK);
    assert_int_equal(p.count, 5);
    assert_string_equal(urlenc_get(&p, "jaar"), "2023");
    assert_string_equal(urlenc_get(&p, "wijk"), "03");
    assert_string_equal(urlenc_get(&p, "leeg"), "");
    assert_string_equal(urlenc_get(&p, "vlag"), "");
    assert_string_equal(urlenc_get(&p, "naam"), "José de Vries");
    assert_null(urlenc_get(&p, "ontbreekt"));
    urlenc_pairs_free(&p);
}

static void
test_parse_limits(void **state)
{
    struct urlenc_pairs p;
    (void)state;
    assert_int_equal(urlenc_parse("a=1&b=2&c=3", 11, 2, 100, &p),
                     URLENC_TOO_LONG);
    assert_int_equal(p.count, 0);
    assert_null(p.items);
    assert_int_equal(urlenc_parse("a=%G1", 5, 2, 100, &p), URLENC_BAD_ESCAPE);
    assert_int_equal(p.count, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_ok),
        cmocka_unit_test(test_decode_bad),
        cmocka_unit_test(test_parse_pairs),
        cmocka_unit_test(test_parse_limits),
    };
    return cmocka_run_group_tests_name("urlenc", tests, NULL, NULL);
}
