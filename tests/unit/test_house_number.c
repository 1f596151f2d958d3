/* test_house_number.c - house number with addition. */
#include "testutil.h"

#include <string.h>

#include "house_number.h"

#define FORM_NL                                                                \
    "Schrijf het huisnummer als een getal, eventueel met een toevoeging "      \
    "erachter, zoals 12, 12A of 12 bis."

static void
expect(const char *in, long number, const char *addition, const char *text)
{
    struct house_number hn;
    const char *msg = house_number_split(in, &hn, "nl");

    if (msg != NULL)
        fail_msg("'%s' refused: %s", in, msg);
    assert_int_equal(hn.number, number);
    assert_string_equal(hn.addition, addition);
    assert_string_equal(hn.text, text);
    /* the canonical text reads back to itself */
    assert_null(house_number_split(text, &hn, "nl"));
    assert_int_equal(hn.number, number);
    assert_string_equal(hn.addition, addition);
    assert_string_equal(hn.text, text);
}

static void
test_valid(void **state)
{
    (void)state;
    expect("12", 12, "", "12");
    expect(" 12 ", 12, "", "12");
    expect("1", 1, "", "1");
    expect("99999", 99999, "", "99999");
    expect("7a", 7, "A", "7A");
    expect("7 A", 7, "A", "7A");
    expect("3-A", 3, "A", "3A");
    expect("3 - a", 3, "A", "3A");
    expect("12 bis", 12, "BIS", "12 BIS");
    expect("12bis", 12, "BIS", "12 BIS");
    expect("12-bis", 12, "BIS", "12 BIS");
    expect("14-2", 14, "2", "14-2");
    expect("14 2", 14, "2", "14-2");
    expect("120 / 3hg", 120, "3HG", "120-3HG");
    expect("120/3HG", 120, "3HG", "120-3HG");
    expect("5 hs", 5, "HS", "5 HS");
    expect("5 ABCDEF", 5, "ABCDEF", "5 ABCDEF");
    expect("99999-123456", 99999, "123456", "99999-123456");
}

static void
test_invalid(void **state)
{
    struct house_number hn;

    (void)state;
    assert_string_equal(house_number_split("", &hn, "nl"),
                        "Vul uw huisnummer in.");
    assert_string_equal(house_number_split("   ", &hn, "en"),
                        "Please enter your house number.");
    assert_string_equal(house_number_split("0", &hn, "nl"),
                        "Een huisnummer is een getal van 1 tot en met 99999. "
                        "Het begint niet met 0.");
    assert_non_null(house_number_split("012", &hn, "nl"));
    assert_string_equal(house_number_split("100000", &hn, "nl"),
                        "Een huisnummer is een getal van 1 tot en met "
                        "99999.");
    assert_non_null(house_number_split("99999999999999999999999", &hn, "nl"));
    assert_string_equal(house_number_split("a12", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("-12", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12-", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12 - ", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12 /", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12 a b", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12--a", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12 -/ a", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12 é", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12.a", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12\ta", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12 a\n", &hn, "nl"), FORM_NL);
    assert_string_equal(house_number_split("12 abcdefg", &hn, "en"),
                        "The addition to the house number is too long. Use "
                        "at most 6 letters or digits.");
    /* on error the result is empty */
    assert_int_equal(hn.number, 0);
    assert_string_equal(hn.addition, "");
    assert_string_equal(hn.text, "");
}

static void
test_parse(void **state)
{
    char out[HOUSE_NUMBER_TEXT_SIZE];

    (void)state;
    assert_null(house_number_parse(" 12 bis ", out, sizeof(out), "nl"));
    assert_string_equal(out, "12 BIS");
    assert_null(house_number_parse("99999-1abcde", out, sizeof(out), "nl"));
    assert_string_equal(out, "99999-1ABCDE");
    assert_int_equal(strlen(out) + 1, HOUSE_NUMBER_TEXT_SIZE);
    assert_non_null(house_number_parse("12-", out, sizeof(out), "nl"));
    assert_string_equal(out, "");
    /* a buffer too small for the text */
    assert_non_null(house_number_parse("12 bis", out, 6, "nl"));
    assert_string_equal(out, "");
    assert_null(house_number_parse("12 bis", out, 7, "nl"));
    assert_string_equal(out, "12 BIS");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests_name("house_number", tests, NULL, NULL);
}
