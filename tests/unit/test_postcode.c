/* test_postcode.c - Dutch postcodes, and only those of Utrecht. */
#include "testutil.h"

#include <string.h>

#include "postcode.h"

#define FORM_NL "Schrijf de postcode als 4 cijfers en 2 letters, zoals 3511 AB."
#define OUTSIDE_NL                                                             \
    "Deze postcode ligt niet in de gemeente Utrecht. U kunt alleen een "       \
    "potje aanvragen voor een straat in Utrecht."

static void
test_normalise(void **state)
{
    const char *const same[] = {"3511ab", "3511 AB",  " 3511  ab ",
                                "3511aB", "  3511AB", "3511 ab   "};
    char out[POSTCODE_SIZE];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        assert_true(postcode_normalise(same[i], out, sizeof(out)));
        assert_string_equal(out, "3511 AB");
    }
    assert_true(postcode_normalise("1234ab", out, sizeof(out)));
    assert_string_equal(out, "1234 AB");
    /* idempotent */
    assert_true(postcode_normalise("1234 AB", out, sizeof(out)));
    assert_string_equal(out, "1234 AB");
    /* in place */
    memcpy(out, "3511ab", 7);
    assert_true(postcode_normalise(out, out, sizeof(out)));
    assert_string_equal(out, "3511 AB");
}

static void
test_bad_form(void **state)
{
    const char *const bad[] = {
        "",         "   ",     "3511",       "3511 A",  "3511 ABC", "351 AB",
        "35111AB",  "0511 AB", "AB 3511",    "3511-AB", "3511\tAB", "35 11 AB",
        "3511 A B", "3511 1B", "３５１１AB", "3511 ÄB", "3511AB.",  "3511 AB x",
    };
    char out[POSTCODE_SIZE];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_false(postcode_normalise(bad[i], out, sizeof(out)));
        assert_string_equal(out, "");
    }
    /* the buffer must hold the whole postcode */
    assert_false(postcode_normalise("3511AB", out, 7));
    assert_false(postcode_normalise("3511AB", out, 0));
}

static void
test_utrecht_boundaries(void **state)
{
    (void)state;
    assert_non_null(postcode_check("3449 AB", "nl"));
    assert_null(postcode_check("3450 AB", "nl"));
    assert_null(postcode_check("3453 AB", "nl"));
    assert_null(postcode_check("3455 ZZ", "nl"));
    assert_non_null(postcode_check("3456 AB", "nl"));
    assert_non_null(postcode_check("3499 AB", "nl"));
    assert_null(postcode_check("3500 AA", "nl"));
    assert_null(postcode_check("3511 AB", "nl"));
    assert_null(postcode_check("3585 ZZ", "nl"));
    assert_non_null(postcode_check("3586 AA", "nl"));
    assert_non_null(postcode_check("1012 AB", "nl")); /* Amsterdam */
    assert_non_null(postcode_check("9999 ZZ", "nl"));

    assert_string_equal(postcode_check("3449 AB", "nl"), OUTSIDE_NL);
    assert_string_equal(postcode_check("3586 AA", "en"),
                        "This postcode is not in the municipality of "
                        "Utrecht. You can only apply for a potje for a street "
                        "in Utrecht.");
    assert_true(postcode_in_utrecht("3450 AB"));
    assert_true(postcode_in_utrecht("3585 ZZ"));
    assert_false(postcode_in_utrecht("3456 AB"));
    assert_false(postcode_in_utrecht("3511AB"));
}

static void
test_never_issued(void **state)
{
    const char *msg;

    (void)state;
    msg = postcode_check("3511 SA", "nl");
    assert_string_equal(msg,
                        "Deze postcode bestaat niet. Controleer de 2 letters.");
    assert_non_null(postcode_check("3511 SD", "nl"));
    assert_non_null(postcode_check("3511 SS", "en"));
    assert_false(postcode_in_utrecht("3511 SS"));
    /* neighbours of the forbidden pairs are fine */
    assert_null(postcode_check("3511 SB", "nl"));
    assert_null(postcode_check("3511 AS", "nl"));
    assert_null(postcode_check("3511 DS", "nl"));
}

static void
test_check_form(void **state)
{
    (void)state;
    /* check wants the normalised form */
    assert_string_equal(postcode_check("3511ab", "nl"), FORM_NL);
    assert_string_equal(postcode_check("3511 ab", "nl"), FORM_NL);
    assert_string_equal(postcode_check("", "nl"), FORM_NL);
    assert_string_equal(postcode_check("3511 AB ", "nl"), FORM_NL);
    assert_string_equal(postcode_check("0511 AB", "nl"), FORM_NL);
    assert_null(postcode_check("3511 AB", NULL));
    assert_string_equal(postcode_check("3511", NULL), FORM_NL);
}

static void
test_parse(void **state)
{
    char out[POSTCODE_SIZE];

    (void)state;
    assert_null(postcode_parse(" 3572  kd ", out, sizeof(out), "nl"));
    assert_string_equal(out, "3572 KD");
    assert_null(postcode_parse("3452ab", out, sizeof(out), "en"));
    assert_string_equal(out, "3452 AB");

    assert_string_equal(postcode_parse("", out, sizeof(out), "nl"),
                        "Vul uw postcode in.");
    assert_string_equal(postcode_parse("  ", out, sizeof(out), "en"),
                        "Please enter your postcode.");
    assert_string_equal(postcode_parse("35 11", out, sizeof(out), "nl"),
                        FORM_NL);
    assert_string_equal(postcode_parse("3511", out, sizeof(out), "en"),
                        "Please write the postcode as 4 digits and 2 "
                        "letters, such as 3511 AB.");
    assert_string_equal(postcode_parse("1012ab", out, sizeof(out), "nl"),
                        OUTSIDE_NL);
    assert_string_equal(out, "");
    assert_non_null(postcode_parse("3511 ss", out, sizeof(out), "nl"));
    assert_string_equal(out, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_bad_form),
        cmocka_unit_test(test_utrecht_boundaries),
        cmocka_unit_test(test_never_issued),
        cmocka_unit_test(test_check_form),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests_name("postcode", tests, NULL, NULL);
}
