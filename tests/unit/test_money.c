/* test_money.c - integer cents to Dutch text and back. */
#include "testutil.h"

#include <limits.h>
#include <string.h>

#include "money.h"

static void
fmt(long long cents, const char *want, const char *want_euro)
{
    char out[MONEY_TEXT_SIZE];

    money_format(cents, out, sizeof(out));
    assert_string_equal(out, want);
    money_format_euro(cents, out, sizeof(out));
    assert_string_equal(out, want_euro);
}

static void
test_format(void **state)
{
    (void)state;
    fmt(0, "0,00", "€ 0,00");
    fmt(5, "0,05", "€ 0,05");
    fmt(50, "0,50", "€ 0,50");
    fmt(15000, "150,00", "€ 150,00");
    fmt(15050, "150,50", "€ 150,50");
    fmt(99999, "999,99", "€ 999,99");
    fmt(100000, "1.000,00", "€ 1.000,00");
    fmt(123456, "1.234,56", "€ 1.234,56");
    fmt(123456789, "1.234.567,89", "€ 1.234.567,89");
    fmt(-1250, "-12,50", "€ -12,50");
    fmt(-5, "-0,05", "€ -0,05");
    fmt(LLONG_MAX, "92.233.720.368.547.758,07", "€ 92.233.720.368.547.758,07");
    fmt(LLONG_MIN, "-92.233.720.368.547.758,08",
        "€ -92.233.720.368.547.758,08");
}

static void
test_format_small_buffer(void **state)
{
    char out[MONEY_TEXT_SIZE];

    (void)state;
    money_format(123456, out, 8); /* "1.234,56" needs 9 */
    assert_string_equal(out, "");
    money_format(123456, out, 9);
    assert_string_equal(out, "1.234,56");
    money_format_euro(15000, out, 10); /* "€ 150,00" needs 11 */
    assert_string_equal(out, "");
    money_format_euro(15000, out, 11);
    assert_string_equal(out, "€ 150,00");
    money_format_euro(LLONG_MIN, out, sizeof(out));
    assert_true(strlen(out) + 1 <= MONEY_TEXT_SIZE);
    money_format(1, out, 0); /* nothing written, no crash */
}

static void
ok(const char *s, long long want)
{
    long long got = -1;

    if (!money_parse(s, &got))
        fail_msg("refused: '%s'", s);
    assert_int_equal(got, want);
}

static void
bad(const char *s)
{
    long long got = 4242;

    if (money_parse(s, &got))
        fail_msg("accepted: '%s' as %lld", s, got);
    assert_int_equal(got, 4242); /* untouched on failure */
}

static void
test_parse_accepts(void **state)
{
    (void)state;
    ok("150", 15000);
    ok("150,00", 15000);
    ok("150,5", 15050);
    ok("150,05", 15005);
    ok("0,05", 5);
    ok("0", 0);
    ok("€ 150", 15000);
    ok("€150", 15000);
    ok("€   150,00", 15000);
    ok("€\xC2\xA0"
       "150,00",
       15000); /* no-break space */
    ok("  150  ", 15000);
    ok("1.234,56", 123456);
    ok("1234,56", 123456);
    ok("1.234", 123400);
    ok("12.345.678", 1234567800);
    ok("150,-", 15000);
    ok("€ 150,-", 15000);
    ok("007", 700);
    ok("92233720368547758,07", LLONG_MAX);
    ok("92.233.720.368.547.758,07", LLONG_MAX);
}

static void
test_parse_refuses(void **state)
{
    (void)state;
    bad("");
    bad("   ");
    bad("€");
    bad("€ ");
    bad("-150");
    bad("€ -150");
    bad("+150");
    bad("150,");
    bad("150,123");
    bad("150,5a");
    bad(",50");
    bad("150.50"); /* decimal point: refused, not guessed */
    bad("1.5");
    bad("1.2345");
    bad("1.234.5");
    bad("1234.567"); /* first group longer than 3 */
    bad("0.150");    /* first group starting with 0 */
    bad("1.234.");
    bad(".150");
    bad("1,234,56");
    bad("150 00");
    bad("1 234,56");
    bad("150 €");
    bad("EUR 150");
    bad("150euro");
    bad("abc");
    bad("1e3");
    bad("0x10");
    bad("150,--");
    bad("150,0-");
    bad("１５０"); /* full-width digits */
    bad("€€ 150");
    bad("150\n");
    /* overflow, caught before the arithmetic */
    bad("92233720368547758,08");
    bad("92233720368547759");
    bad("9223372036854775807");
    bad("99999999999999999999999999999999999999");
    bad("92.233.720.368.547.759");
}

static void
test_round_trip(void **state)
{
    const long long values[] = {0,
                                1,
                                9,
                                10,
                                99,
                                100,
                                15000,
                                99999,
                                100000,
                                123456,
                                100000000,
                                987654321,
                                LLONG_MAX,
                                LLONG_MAX - 1,
                                LLONG_MAX / 100};
    char out[MONEY_TEXT_SIZE];
    long long back;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        money_format(values[i], out, sizeof(out));
        assert_true(money_parse(out, &back));
        assert_int_equal(back, values[i]);
        money_format_euro(values[i], out, sizeof(out));
        assert_true(money_parse(out, &back));
        assert_int_equal(back, values[i]);
    }
}

static void
test_messages(void **state)
{
    long long c;

    (void)state;
    assert_null(money_check("€ 12,50", &c, "nl"));
    assert_int_equal(c, 1250);
    assert_string_equal(money_check("", &c, "nl"), "Vul een bedrag in.");
    assert_string_equal(money_check(" € ", &c, "en"),
                        "Please enter an amount.");
    assert_string_equal(money_check("-5", &c, "nl"),
                        "Een bedrag kan niet negatief zijn.");
    assert_string_equal(money_check("5,123", &c, "nl"),
                        "Een bedrag heeft hoogstens 2 cijfers na de komma, "
                        "zoals 12,50.");
    assert_string_equal(money_check("99999999999999999999", &c, "en"),
                        "This amount is too high.");
    assert_string_equal(money_check("12.50", &c, "nl"),
                        "Schrijf het bedrag als 150 of 150,00. Zet een komma "
                        "voor de centen.");
    assert_string_equal(money_check("twaalf", &c, "en"),
                        "Please write the amount as 150 or 150,00, with a "
                        "comma before the cents.");
    assert_string_equal(money_check("", &c, NULL), "Vul een bedrag in.");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_small_buffer),
        cmocka_unit_test(test_parse_accepts),
        cmocka_unit_test(test_parse_refuses),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
