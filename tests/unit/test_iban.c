/* test_iban.c - IBAN normalisation, ISO 13616 check, formatting, masking. */
#include "testutil.h"

#include <string.h>

#include "iban.h"

/* Published example IBANs (SWIFT registry, bank documentation). */
static const char *const valid[] = {
    "NL91ABNA0417164300",
    "NL20INGB0001234567",
    "NL39RABO0300065264",
    "BE68539007547034",
    "DE89370400440532013000",
    "FR1420041010050500013M02606",
    "GB29NWBK60161331926819",
    "ES9121000418450200051332",
    "IT60X0542811101000000123456",
    "AT611904300234573201",
    "CH9300762011623852957",
    "NO9386011117947",
    "MT84MALT011000012345MTLCAST001S",
    "PL61109010140000071219812874",
    "LU280019400644750000",
    "IE29AIBK93115212345678",
    "SE4550000000058398257466",
    "DK5000400440116243",
    "FI2112345600000785",
    "PT50000201231234567890154",
};

static void
test_valid_ibans(void **state)
{
    char out[IBAN_SIZE];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
        assert_true(iban_normalise(valid[i], out, sizeof(out)));
        assert_string_equal(out, valid[i]);
        assert_null(iban_check(out, "nl"));
        assert_null(iban_check(out, "en"));
        assert_int_equal(iban_country_length(out), (int)strlen(out));
    }
}

static void
test_normalise(void **state)
{
    char out[IBAN_SIZE];

    (void)state;
    assert_true(iban_normalise("nl91 abna 0417 1643 00", out, sizeof(out)));
    assert_string_equal(out, "NL91ABNA0417164300");
    assert_true(iban_normalise("  NL91ABNA0417164300  ", out, sizeof(out)));
    assert_string_equal(out, "NL91ABNA0417164300");
    assert_true(iban_normalise("Nl91 AbNa 041716 4300", out, sizeof(out)));
    assert_string_equal(out, "NL91ABNA0417164300");
    /* other characters are refused, not dropped */
    assert_false(iban_normalise("NL91-ABNA-0417-1643-00", out, sizeof(out)));
    assert_string_equal(out, "");
    assert_false(iban_normalise("NL91\tABNA0417164300", out, sizeof(out)));
    assert_false(iban_normalise("NL91.ABNA.0417164300", out, sizeof(out)));
    assert_false(iban_normalise("NL91ABNA0417164300\n", out, sizeof(out)));
    assert_false(iban_normalise("NL91 ÄBNA 0417 1643 00", out, sizeof(out)));
    assert_false(iban_normalise("", out, sizeof(out)));
    assert_false(iban_normalise("    ", out, sizeof(out)));
    /* 34 characters is the maximum */
    assert_true(
        iban_normalise("AB12345678901234567890123456789012", out, sizeof(out)));
    assert_false(iban_normalise("AB123456789012345678901234567890123", out,
                                sizeof(out)));
    /* the output buffer bounds the result */
    assert_false(iban_normalise("NL91ABNA0417164300", out, 18));
    assert_string_equal(out, "");
    assert_true(iban_normalise("NL91ABNA0417164300", out, 19));
    assert_false(iban_normalise("NL91", out, 0));
}

static void
test_idempotent(void **state)
{
    char a[IBAN_SIZE + 8], b[IBAN_SIZE];

    (void)state;
    assert_true(iban_normalise(" de89 3704 0044 0532 0130 00", a, sizeof(a)));
    assert_true(iban_normalise(a, b, sizeof(b)));
    assert_string_equal(a, b);
    /* in place */
    memcpy(a, "nl91 abna 0417 1643", 20);
    assert_true(iban_normalise(a, a, sizeof(a)));
    assert_string_equal(a, "NL91ABNA04171643");
}

static void
test_corrupted(void **state)
{
    const char *nl = "Dit IBAN klopt niet. Misschien is er een tikfout. "
                     "Controleer het nummer op uw bankpas of bankafschrift.";
    char buf[IBAN_SIZE];
    size_t i, k;

    (void)state;
    assert_string_equal(iban_check("NL91ABNA0417164301", "nl"), nl);
    assert_non_null(iban_check("NL92ABNA0417164300", "nl"));
    /* two neighbouring digits swapped */
    assert_non_null(iban_check("NL91ABNA0471164300", "nl"));
    assert_non_null(iban_check("DE89370400440532013001", "en"));
    assert_non_null(iban_check("BE68539007547043", "nl"));
    /* every single-character change of a valid IBAN is caught */
    for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
        for (k = 4; k < strlen(valid[i]); k++) {
            memcpy(buf, valid[i], strlen(valid[i]) + 1);
            buf[k] = buf[k] == '9' ? '0' : (buf[k] == 'Z' ? 'A' : '9');
            if (buf[k] == valid[i][k])
                continue;
            assert_non_null(iban_check(buf, "nl"));
        }
    }
}

static void
test_check_digit_range(void **state)
{
    (void)state;
    /* 98 and 01 are the same modulo 97; ISO 7064 only issues 02-98 */
    assert_null(iban_check("NL98ABNA0000000057", "nl"));
    assert_non_null(iban_check("NL01ABNA0000000057", "nl"));
    assert_non_null(iban_check("NL00ABNA0000000057", "nl"));
    assert_non_null(iban_check("NL99ABNA0000000057", "nl"));
    /* check digits must be digits */
    assert_non_null(iban_check("NLX1ABNA0417164300", "nl"));
}

static void
test_lengths(void **state)
{
    (void)state;
    assert_int_equal(iban_country_length("NL"), 18);
    assert_int_equal(iban_country_length("BE"), 16);
    assert_int_equal(iban_country_length("DE"), 22);
    assert_int_equal(iban_country_length("FR"), 27);
    assert_int_equal(iban_country_length("NO"), 15);
    assert_int_equal(iban_country_length("MT"), 31);
    assert_int_equal(iban_country_length("GB"), 22);
    assert_int_equal(iban_country_length("CH"), 21);
    assert_int_equal(iban_country_length("TR"), 0);
    assert_int_equal(iban_country_length("US"), 0);
    assert_int_equal(iban_country_length("nl"), 0);
    assert_int_equal(iban_country_length(""), 0);

    /* too short and too long for NL: the Dutch message */
    assert_string_equal(iban_check("NL91ABNA041716430", "nl"),
                        "Een Nederlands IBAN heeft 18 tekens, zoals "
                        "NL91 ABNA 0417 1643 00. Controleer of u niets bent "
                        "vergeten.");
    assert_non_null(iban_check("NL91ABNA04171643000", "nl"));
    assert_string_equal(iban_check("NL91ABNA041716430", "en"),
                        "A Dutch IBAN has 18 characters, such as "
                        "NL91 ABNA 0417 1643 00. Please check that nothing is "
                        "missing.");
    /* another country, generic message */
    assert_string_equal(iban_check("BE685390075470340", "en"),
                        "This IBAN does not have the right number of "
                        "characters for its country. Please check that "
                        "nothing is missing.");
    /* a German BBAN under NL: wrong length */
    assert_non_null(iban_check("NL89370400440532013000", "nl"));
}

static void
test_unknown_country(void **state)
{
    const char *msg;

    (void)state;
    /* a valid Turkish IBAN: correct checksum, but Turkey is not in SEPA */
    msg = iban_check("TR330006100519786457841326", "nl");
    assert_non_null(msg);
    assert_non_null(strstr(msg, "SEPA"));
    assert_non_null(iban_check("XX91ABNA0417164300", "en"));
    assert_non_null(iban_check("1291ABNA0417164300", "nl"));
    assert_non_null(iban_check("N", "nl"));
}

static void
test_messages(void **state)
{
    (void)state;
    assert_string_equal(iban_check("", "nl"), "Vul uw IBAN in.");
    assert_string_equal(iban_check("", "en"), "Please enter your IBAN.");
    /* unknown or missing language: Dutch */
    assert_string_equal(iban_check("", NULL), "Vul uw IBAN in.");
    assert_string_equal(iban_check("", "de"), "Vul uw IBAN in.");
    /* not normalised input given to check */
    assert_non_null(iban_check("nl91abna0417164300", "nl"));
    assert_non_null(iban_check("NL91 ABNA 0417 1643 00", "nl"));
}

static void
test_parse(void **state)
{
    char out[IBAN_SIZE];

    (void)state;
    assert_null(iban_parse(" nl91 abna 0417 1643 00 ", out, sizeof(out), "nl"));
    assert_string_equal(out, "NL91ABNA0417164300");
    assert_non_null(
        iban_parse("NL91 ABNA 0417 1643 01", out, sizeof(out), "nl"));
    assert_string_equal(out, "");
    assert_string_equal(
        iban_parse("NL91-ABNA-0417-1643-00", out, sizeof(out), "nl"),
        "Een IBAN heeft alleen letters, cijfers en spaties, zoals "
        "NL91 ABNA 0417 1643 00.");
    assert_string_equal(out, "");
    assert_string_equal(iban_parse("   ", out, sizeof(out), "en"),
                        "Please enter your IBAN.");
    assert_non_null(
        iban_parse("NL91 ABNA 0417 1643 00 1234 5678 9012 3456 7890", out,
                   sizeof(out), "nl"));
    assert_string_equal(out, "");
}

static void
test_format(void **state)
{
    char out[IBAN_TEXT_SIZE];

    (void)state;
    iban_format("NL91ABNA0417164300", out, sizeof(out));
    assert_string_equal(out, "NL91 ABNA 0417 1643 00");
    iban_format("BE68539007547034", out, sizeof(out));
    assert_string_equal(out, "BE68 5390 0754 7034");
    iban_format("NO9386011117947", out, sizeof(out));
    assert_string_equal(out, "NO93 8601 1117 947");
    iban_format("MT84MALT011000012345MTLCAST001S", out, sizeof(out));
    assert_string_equal(out, "MT84 MALT 0110 0001 2345 MTLC AST0 01S");
    iban_format("", out, sizeof(out));
    assert_string_equal(out, "");
    /* the longest possible IBAN fits IBAN_TEXT_SIZE */
    iban_format("AB12345678901234567890123456789012", out, sizeof(out));
    assert_string_equal(out, "AB12 3456 7890 1234 5678 9012 3456 7890 12");
    assert_int_equal(strlen(out) + 1, IBAN_TEXT_SIZE);
    /* too small: nothing rather than a cut-off number */
    iban_format("NL91ABNA0417164300", out, 22);
    assert_string_equal(out, "");
    iban_format("NL91ABNA0417164300", out, 23);
    assert_string_equal(out, "NL91 ABNA 0417 1643 00");
}

static void
test_mask(void **state)
{
    char out[IBAN_TEXT_SIZE];

    (void)state;
    iban_mask("NL91ABNA0417164300", out, sizeof(out));
    assert_string_equal(out, "NL** **** **** **43 00");
    iban_mask("BE68539007547034", out, sizeof(out));
    assert_string_equal(out, "BE** **** **** 7034");
    iban_mask("DE89370400440532013000", out, sizeof(out));
    assert_string_equal(out, "DE** **** **** **** **30 00");
    iban_mask("NO9386011117947", out, sizeof(out));
    assert_string_equal(out, "NO** **** ***7 947");
    /* short text: only the first two characters */
    iban_mask("NL9123", out, sizeof(out));
    assert_string_equal(out, "NL** **");
    iban_mask("", out, sizeof(out));
    assert_string_equal(out, "");
    iban_mask("NL91ABNA0417164300", out, 10);
    assert_string_equal(out, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_ibans),
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_corrupted),
        cmocka_unit_test(test_check_digit_range),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_unknown_country),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_mask),
    };
    return cmocka_run_group_tests_name("iban", tests, NULL, NULL);
}
