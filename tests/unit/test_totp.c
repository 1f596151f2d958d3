/* TOTP against the test vectors of RFC 6238 appendix B (SHA-1) and
 * RFC 4648's base32 vectors. */
#include "testutil.h"

#include <string.h>

#include "totp.h"

static const unsigned char KEY[] = "12345678901234567890";

static void
test_rfc6238_vectors(void **state)
{
    /* appendix B gives 8 digits; the 6-digit code is their last six */
    static const struct {
        time_t t;
        const char *code;
    } v[] = {
        {59, "287082"},         {1111111109, "081804"},
        {1111111111, "050471"}, {1234567890, "005924"},
        {2000000000, "279037"}, {20000000000LL, "353130"},
    };
    char out[TOTP_DIGITS + 1];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        assert_true(totp_code(KEY, 20, totp_step(v[i].t), out));
        assert_string_equal(out, v[i].code);
    }
}

static void
test_match_window_and_replay(void **state)
{
    time_t now = 1111111111; /* step 37037037, code 050471 */
    int64_t s = totp_step(now);
    char prev[TOTP_DIGITS + 1], next[TOTP_DIGITS + 1], far[TOTP_DIGITS + 1];

    (void)state;
    assert_int_equal(totp_match(KEY, 20, "050471", now, -1), s);
    assert_int_equal(totp_match(KEY, 20, "050 471", now, -1), s);
    /* used once: the same step again is refused */
    assert_int_equal(totp_match(KEY, 20, "050471", now, s), -1);
    assert_true(totp_code(KEY, 20, s - 1, prev));
    assert_true(totp_code(KEY, 20, s + 1, next));
    assert_true(totp_code(KEY, 20, s + 3, far));
    assert_int_equal(totp_match(KEY, 20, prev, now, -1), s - 1);
    assert_int_equal(totp_match(KEY, 20, next, now, -1), s + 1);
    assert_int_equal(totp_match(KEY, 20, far, now, -1), -1);
    assert_int_equal(totp_match(KEY, 20, "05047", now, -1), -1);
    assert_int_equal(totp_match(KEY, 20, "0504711", now, -1), -1);
    assert_int_equal(totp_match(KEY, 20, "05047a", now, -1), -1);
    assert_int_equal(totp_match(KEY, 20, "", now, -1), -1);
    assert_int_equal(totp_match(KEY, 20, NULL, now, -1), -1);
}

static void
test_base32(void **state)
{
    char out[64];

    (void)state;
    assert_true(totp_base32((const unsigned char *)"foobar", 6, out, 64));
    assert_string_equal(out, "MZXW6YTBOI");
    assert_true(totp_base32((const unsigned char *)"f", 1, out, 64));
    assert_string_equal(out, "MY");
    assert_true(totp_base32(KEY, 20, out, TOTP_BASE32_SIZE));
    assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assert_false(totp_base32(KEY, 20, out, TOTP_BASE32_SIZE - 1));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc6238_vectors),
        cmocka_unit_test(test_match_window_and_replay),
        cmocka_unit_test(test_base32),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
