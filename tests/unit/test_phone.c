/* test_phone.c - the optional telephone number. */
#include "testutil.h"

#include <string.h>

#include "phone.h"

#define DIGITS_NL                                                              \
    "Een telefoonnummer heeft 10 tot 15 cijfers, zoals 030 286 00 00 of "      \
    "+31 30 286 00 00."
#define CHARS_NL                                                               \
    "Een telefoonnummer heeft alleen cijfers, spaties en de tekens + - ( )."

static void
test_normalise(void **state)
{
    char out[PHONE_SIZE];
    char buf[32];

    (void)state;
    assert_true(phone_normalise("030 286 00 00", out, sizeof(out)));
    assert_string_equal(out, "0302860000");
    assert_true(phone_normalise("06-12345678", out, sizeof(out)));
    assert_string_equal(out, "0612345678");
    assert_true(phone_normalise("+31 (0)30 286 0000", out, sizeof(out)));
    assert_string_equal(out, "+31(0)302860000");
    assert_true(phone_normalise("  ", out, sizeof(out)));
    assert_string_equal(out, "");
    assert_false(phone_normalise("030.2860000", out, sizeof(out)));
    assert_string_equal(out, "");
    assert_false(phone_normalise("030/2860000", out, sizeof(out)));
    assert_false(phone_normalise("tel 0302860000", out, sizeof(out)));
    assert_false(phone_normalise("0302860000\n", out, sizeof(out)));
    assert_false(phone_normalise("０３０2860000", out, sizeof(out)));
    /* bounded by outlen */
    assert_false(phone_normalise("0302860000", out, 10));
    assert_true(phone_normalise("0302860000", out, 11));
    /* in place, and idempotent */
    memcpy(buf, "+31 6-1234 5678", 16);
    assert_true(phone_normalise(buf, buf, sizeof(buf)));
    assert_string_equal(buf, "+31612345678");
    assert_true(phone_normalise(buf, out, sizeof(out)));
    assert_string_equal(out, buf);
}

static void
test_check(void **state)
{
    (void)state;
    assert_null(phone_check("0302860000", "nl"));       /* 10 digits */
    assert_null(phone_check("+31612345678", "nl"));     /* 11 */
    assert_null(phone_check("+31(0)302860000", "nl"));  /* 12 */
    assert_null(phone_check("+123456789012345", "nl")); /* 15 */
    assert_null(phone_check("(030)2860000", "nl"));
    assert_string_equal(phone_check("030286000", "nl"), DIGITS_NL); /* 9 */
    assert_string_equal(phone_check("+1234567890123456", "nl"), DIGITS_NL);
    assert_string_equal(phone_check("+31(0)", "nl"), DIGITS_NL);
    assert_string_equal(phone_check("", "nl"), "Vul uw telefoonnummer in.");
    assert_string_equal(phone_check("31+612345678", "nl"),
                        "Een + mag alleen aan het begin van het nummer "
                        "staan.");
    assert_non_null(phone_check("++31612345678", "nl"));
    assert_string_equal(phone_check("+31()612345678", "en"),
                        "Use brackets only like this: +31 (0)30 286 00 00.");
    assert_non_null(phone_check("+31(0612345678", "nl"));
    assert_non_null(phone_check("+31)0(612345678", "nl"));
    assert_non_null(phone_check("+31((0))612345678", "nl"));
    assert_non_null(phone_check("+31(0)6(1)2345678", "nl"));
    assert_non_null(phone_check("(+31)612345678", "nl"));
    /* check wants the normalised form */
    assert_string_equal(phone_check("030 2860000", "nl"), CHARS_NL);
    assert_string_equal(phone_check("030-2860000", "nl"), CHARS_NL);
}

static void
test_parse(void **state)
{
    char out[PHONE_SIZE];

    (void)state;
    /* optional: blank gives no number and no message */
    assert_null(phone_parse("", out, sizeof(out), "nl"));
    assert_string_equal(out, "");
    assert_null(phone_parse("   ", out, sizeof(out), "nl"));
    assert_string_equal(out, "");
    /* but dashes only are not blank */
    assert_string_equal(phone_parse(" - - ", out, sizeof(out), "nl"),
                        DIGITS_NL);

    assert_null(phone_parse("06 - 1234 5678", out, sizeof(out), "nl"));
    assert_string_equal(out, "0612345678");
    assert_null(phone_parse("+31 (0)30 286 00 00", out, sizeof(out), "en"));
    assert_string_equal(out, "+31(0)302860000");

    assert_string_equal(phone_parse("030 286 00 0", out, sizeof(out), "nl"),
                        DIGITS_NL);
    assert_string_equal(out, "");
    assert_string_equal(phone_parse("030.286.00.00", out, sizeof(out), "nl"),
                        CHARS_NL);
    assert_string_equal(phone_parse("bel me", out, sizeof(out), "en"),
                        "A phone number has only digits, spaces and the "
                        "characters + - ( ).");
    /* far too many digits: bounded by the buffer, the digits message */
    assert_string_equal(
        phone_parse("0123456789 0123456789 0123456789", out, sizeof(out), "nl"),
        DIGITS_NL);
    assert_string_equal(out, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests_name("phone", tests, NULL, NULL);
}
