/* test_email.c - the pragmatic e-mail address check. */
#include "testutil.h"

#include <string.h>

#include "email.h"

static void
test_valid(void **state)
{
    const char *const ok[] = {
        "jan@voorbeeld.nl",
        "Jan.de.Vries@Voorbeeld.nl",
        "a@b.nl",
        "o'brien@example.co.uk",
        "name+tag@sub.domain.example",
        "x!#$%&'*+-/=?^_`{|}~@a-b.c-d.org",
        "1234@123.nl",
        "info@xn--bcher-kva.example",
        "info@example.xn--p1ai",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
        assert_null(email_check(ok[i], "nl"));
}

static void
test_invalid(void **state)
{
    const char *const bad[] = {
        "",
        "geen-apenstaart.nl",
        "@voorbeeld.nl",
        "jan@",
        "jan@@voorbeeld.nl",
        "jan@piet@voorbeeld.nl",
        "jan@voorbeeld",
        "jan@.nl",
        "jan@voorbeeld.",
        "jan@voorbeeld..nl",
        "jan@-voorbeeld.nl",
        "jan@voorbeeld-.nl",
        "jan@voor_beeld.nl",
        "jan@1.2.3.4",
        "jan@[127.0.0.1]",
        ".jan@voorbeeld.nl",
        "jan.@voorbeeld.nl",
        "jan..piet@voorbeeld.nl",
        "\"jan piet\"@voorbeeld.nl",
        "jan piet@voorbeeld.nl",
        "jan@voorbeeld.nl ",
        "jan(x)@voorbeeld.nl",
        "jan,piet@voorbeeld.nl",
        "jan<x>@voorbeeld.nl",
        "jan@voorbeeld.nl\r\nBcc: x@y.nl",
        "jan@voorbeeld.nl\nBcc: x@y.nl",
        "jan\r@voorbeeld.nl",
        "jan\t@voorbeeld.nl",
        "jan\x7f@voorbeeld.nl",
        "jós@voorbeeld.nl",
        "jan@bücher.de",
        "jan@voorbeeld.n\xff",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (email_check(bad[i], "nl") == NULL)
            fail_msg("accepted: %s", bad[i]);
        assert_non_null(email_check(bad[i], "en"));
    }
}

static void
test_lengths(void **state)
{
    char addr[EMAIL_SIZE + 10];
    char label[70];

    (void)state;
    /* local part: 64 is the maximum */
    memset(addr, 'a', 64);
    memcpy(addr + 64, "@voorbeeld.nl", 14);
    assert_null(email_check(addr, "nl"));
    memset(addr, 'a', 65);
    memcpy(addr + 65, "@voorbeeld.nl", 14);
    assert_string_equal(email_check(addr, "nl"),
                        "Het deel voor de @ is te lang.");

    /* a domain label: 63 is the maximum */
    memset(label, 'b', 63);
    label[63] = '\0';
    memcpy(addr, "a@", 2);
    memcpy(addr + 2, label, 63);
    memcpy(addr + 65, ".nl", 4);
    assert_null(email_check(addr, "nl"));
    memcpy(addr + 2, label, 63);
    addr[65] = 'b';
    memcpy(addr + 66, ".nl", 4);
    assert_non_null(email_check(addr, "nl"));

    /* total: 254 is the maximum (64 + 1 + 189) */
    memset(addr, 'a', 64);
    addr[64] = '@';
    memset(addr + 65, 'b', 189);
    addr[65 + 60] = '.';
    addr[65 + 121] = '.';
    addr[65 + 182] = '.';
    addr[254] = '\0';
    assert_int_equal(strlen(addr), 254);
    assert_null(email_check(addr, "nl"));
    addr[254] = 'b';
    addr[255] = '\0';
    assert_string_equal(email_check(addr, "en"),
                        "This e-mail address is too long.");
}

static void
test_normalise(void **state)
{
    char out[EMAIL_SIZE];
    char big[300];

    (void)state;
    assert_true(
        email_normalise("  Jan.Vries@Voorbeeld.NL  ", out, sizeof(out)));
    assert_string_equal(out, "Jan.Vries@voorbeeld.nl");
    /* idempotent */
    assert_true(email_normalise(out, out + 0, sizeof(out)));
    assert_string_equal(out, "Jan.Vries@voorbeeld.nl");
    /* only the part after the last @ is lower-cased */
    assert_true(email_normalise("A@B@C.NL", out, sizeof(out)));
    assert_string_equal(out, "A@B@c.nl");
    assert_true(email_normalise("GEEN-APENSTAART", out, sizeof(out)));
    assert_string_equal(out, "GEEN-APENSTAART");
    assert_false(email_normalise("   ", out, sizeof(out)));
    assert_string_equal(out, "");
    assert_false(email_normalise("", out, sizeof(out)));
    assert_false(email_normalise("a@b.nl", out, 6));
    assert_true(email_normalise("a@b.nl", out, 7));
    memset(big, 'a', 255);
    big[255] = '\0';
    assert_false(email_normalise(big, out, sizeof(out)));
    big[254] = '\0';
    assert_true(email_normalise(big, out, sizeof(out)));
}

static void
test_parse(void **state)
{
    char out[EMAIL_SIZE];
    char big[300];

    (void)state;
    assert_null(email_parse(" Jan@Voorbeeld.NL ", out, sizeof(out), "nl"));
    assert_string_equal(out, "Jan@voorbeeld.nl");
    assert_string_equal(email_parse("  ", out, sizeof(out), "nl"),
                        "Vul uw e-mailadres in.");
    assert_string_equal(email_parse("", out, sizeof(out), "en"),
                        "Please enter your e-mail address.");
    assert_string_equal(email_parse("jan", out, sizeof(out), "nl"),
                        "Een e-mailadres heeft precies 1 @, zoals "
                        "naam@voorbeeld.nl.");
    assert_string_equal(out, "");
    assert_string_equal(email_parse("jan@voorbeeld", out, sizeof(out), "en"),
                        "The part after the @ is not correct. It looks like "
                        "example.com.");
    assert_string_equal(email_parse("@voorbeeld.nl", out, sizeof(out), "nl"),
                        "Er moet iets voor de @ staan, zoals "
                        "naam@voorbeeld.nl.");
    assert_string_equal(email_parse("jan piet@x.nl", out, sizeof(out), "nl"),
                        "Een e-mailadres kan geen spaties, letters met "
                        "accenten of andere bijzondere tekens hebben.");
    assert_string_equal(email_parse("jan..piet@x.nl", out, sizeof(out), "en"),
                        "This e-mail address is not correct. An e-mail "
                        "address looks like name@example.com.");
    memset(big, 'a', 299);
    big[299] = '\0';
    assert_string_equal(email_parse(big, out, sizeof(out), "nl"),
                        "Dit e-mailadres is te lang.");
    assert_string_equal(out, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),   cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_lengths), cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests_name("email", tests, NULL, NULL);
}
