/* test_text_field.c - free text: UTF-8, control characters, lengths in
 * characters. */
#include "testutil.h"

#include <string.h>

#include "text_field.h"

#define EMPTY_NL "Vul dit veld in."
#define SHORT_NL "Deze tekst is te kort. Schrijf wat meer."
#define LONG_NL "Deze tekst is te lang. Maak hem korter."
#define LINE_NL "Gebruik hier maar 1 regel."
#define CTRL_NL                                                                \
    "Deze tekst heeft een onzichtbaar teken dat niet mag. Typ de tekst "       \
    "opnieuw."
#define UTF8_NL                                                                \
    "Deze tekst heeft tekens die wij niet kunnen lezen. Typ de tekst "         \
    "opnieuw, of plak hem zonder opmaak."

static void
test_utf8_chars(void **state)
{
    (void)state;
    assert_int_equal(utf8_chars("", 0), 0);
    assert_int_equal(utf8_chars("abc", 3), 3);
    assert_int_equal(utf8_chars("Şükrü", strlen("Şükrü")), 5);
    assert_int_equal(strlen("Şükrü"), 8);
    assert_int_equal(utf8_chars("€ 150", strlen("€ 150")), 5);
    assert_int_equal(utf8_chars("\xF0\x9F\x98\x80", 4), 1); /* emoji */
    assert_int_equal(utf8_chars("ab", 1), 1);               /* bounded by n */
    /* invalid bytes: never more than n */
    assert_int_equal(utf8_chars("\xFF\xFE", 2), 2);
    assert_int_equal(utf8_chars("\x80\x80", 2), 0);
}

static void
test_lengths_in_characters(void **state)
{
    char buf[64];

    (void)state;
    /* 5 characters, 8 bytes: fits a 5-character field */
    assert_null(text_field_check("Şükrü", 5, 5, false, "nl"));
    assert_string_equal(text_field_check("Şükrü", 6, 10, false, "nl"),
                        SHORT_NL);
    assert_string_equal(text_field_check("Şükrü", 1, 4, false, "nl"), LONG_NL);
    assert_null(text_field_check("Łukasz Żółć", 11, 11, false, "nl"));
    /* boundaries */
    memset(buf, 'x', 10);
    buf[10] = '\0';
    assert_null(text_field_check(buf, 10, 10, false, "nl"));
    assert_string_equal(text_field_check(buf, 11, 20, false, "nl"), SHORT_NL);
    assert_string_equal(text_field_check(buf, 1, 9, false, "nl"), LONG_NL);
}

static void
test_empty_and_trim(void **state)
{
    (void)state;
    assert_string_equal(text_field_check("", 1, 10, false, "nl"), EMPTY_NL);
    assert_string_equal(text_field_check("   ", 1, 10, false, "nl"), EMPTY_NL);
    assert_string_equal(text_field_check(" \r\n\t ", 1, 10, true, "en"),
                        "Please fill in this field.");
    /* optional field */
    assert_null(text_field_check("", 0, 10, false, "nl"));
    assert_null(text_field_check("  ", 0, 10, false, "nl"));
    /* surrounding white space does not count */
    assert_null(text_field_check("   Jan   ", 3, 3, false, "nl"));
    assert_string_equal(text_field_check("  Jo  ", 3, 10, false, "nl"),
                        SHORT_NL);
}

static void
test_lines(void **state)
{
    (void)state;
    assert_string_equal(
        text_field_check("regel 1\nregel 2", 1, 100, false, "nl"), LINE_NL);
    assert_string_equal(text_field_check("regel 1\r", 1, 100, false, "en"),
                        "Please use only one line here.");
    assert_null(
        text_field_check("regel 1\r\nregel 2\n\tregel 3", 1, 100, true, "nl"));
    /* CR LF counts as one character, as in a browser's maxlength */
    assert_null(text_field_check("ab\r\ncd", 5, 5, true, "nl"));
    assert_string_equal(text_field_check("ab\r\ncd", 1, 4, true, "nl"),
                        LONG_NL);
    assert_null(text_field_check("ab\ncd", 5, 5, true, "nl"));
    /* a tab is a control character on one line */
    assert_string_equal(text_field_check("a\tb", 1, 10, false, "nl"), CTRL_NL);
}

static void
test_control_and_utf8(void **state)
{
    (void)state;
    assert_string_equal(text_field_check("bel\x07", 1, 10, true, "nl"),
                        CTRL_NL);
    assert_string_equal(text_field_check("del\x7F", 1, 10, false, "nl"),
                        CTRL_NL);
    assert_string_equal(text_field_check("c1 \xC2\x85", 1, 10, true, "nl"),
                        CTRL_NL);
    assert_string_equal(text_field_check("esc\x1B[31m", 1, 20, false, "en"),
                        "This text has an invisible character that is not "
                        "allowed. Please type the text again.");
    assert_string_equal(text_field_check("caf\xE9", 1, 10, false, "nl"),
                        UTF8_NL); /* Latin-1 é */
    assert_string_equal(text_field_check("\xC0\xAF", 1, 10, false, "nl"),
                        UTF8_NL);
    assert_string_equal(text_field_check("\xED\xA0\x80", 1, 10, false, "en"),
                        "This text has characters we cannot read. Please "
                        "type it again, or paste it without formatting.");
    /* invalid UTF-8 wins over a newline */
    assert_string_equal(text_field_check("a\n\xFF", 1, 10, false, "nl"),
                        UTF8_NL);
    assert_null(
        text_field_check("<script>alert('x')</script>", 1, 100, false, "nl"));
    assert_null(
        text_field_check("Robert'); DROP TABLE x;--", 1, 100, false, "nl"));
}

static void
test_trim(void **state)
{
    char a[] = "  \t Jan de Vries \r\n ";
    char b[] = "";
    char c[] = " \n ";
    char d[] = "regel 1\nregel 2";

    (void)state;
    assert_string_equal(text_field_trim(a), "Jan de Vries");
    assert_string_equal(text_field_trim(b), "");
    assert_string_equal(text_field_trim(c), "");
    assert_string_equal(text_field_trim(d), "regel 1\nregel 2");
}

static void
test_language(void **state)
{
    (void)state;
    assert_string_equal(text_field_check("", 1, 10, false, NULL), EMPTY_NL);
    assert_string_equal(text_field_check("", 1, 10, false, "fr"), EMPTY_NL);
    assert_string_equal(text_field_check("", 1, 10, false, "en"),
                        "Please fill in this field.");
    assert_string_equal(text_field_check("abc", 4, 10, false, "en"),
                        "This text is too short. Please write a little "
                        "more.");
    assert_string_equal(text_field_check("abc", 1, 2, false, "en"),
                        "This text is too long. Please make it shorter.");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_chars),
        cmocka_unit_test(test_lengths_in_characters),
        cmocka_unit_test(test_empty_and_trim),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_control_and_utf8),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_language),
    };
    return cmocka_run_group_tests_name("text_field", tests, NULL, NULL);
}
