/* UTF-8 validation, the gate for every resident's text. */
#include "testutil.h"

#include <string.h>

#include "utf8.h"

#define V(s) utf8_valid((s), sizeof(s) - 1)
#define T(s, nl) utf8_valid_text((s), sizeof(s) - 1, (nl))

static void
test_valid(void **state)
{
    (void)state;
    assert_true(V(""));
    assert_true(V("Oudegracht"));
    assert_true(V("Şükrü Yıldız, Łukasz, € 150"));
    assert_true(V("\xF0\x9F\x98\x80")); /* 4-byte emoji */
}

static void
test_invalid(void **state)
{
    (void)state;
    assert_false(V("\xC0\xAF"));         /* overlong */
    assert_false(V("\xE0\x80\xAF"));     /* overlong 3 byte */
    assert_false(V("\xED\xA0\x80"));     /* surrogate */
    assert_false(V("\xF4\x90\x80\x80")); /* past U+10FFFF */
    assert_false(V("\xC3"));             /* truncated */
    assert_false(V("\x80"));             /* lone continuation */
    assert_false(V("\xFF"));
}

static void
test_text(void **state)
{
    (void)state;
    assert_true(T("regel 1\r\nregel 2\tx", true));
    assert_false(T("regel 1\nregel 2", false));
    assert_false(T("bel\x07", true));
    assert_false(T("del\x7F", true));
    assert_false(T("c1 \xC2\x85", true)); /* NEL, a C1 control */
    assert_true(T("café", false));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
