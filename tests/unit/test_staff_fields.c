/* test_staff_fields.c - checks of staff account fields. */
#include "testutil.h"

#include <string.h>

#include "staff_fields.h"

static void
test_email(void **state)
{
    char long_local[300];

    (void)state;
    assert_true(staff_email_valid("makelaar@dock.nl"));
    assert_true(staff_email_valid("a.b+c@sub.utrecht.nl"));
    assert_false(staff_email_valid(""));
    assert_false(staff_email_valid("geen-apenstaart.nl"));
    assert_false(staff_email_valid("@dock.nl"));
    assert_false(staff_email_valid("a@b@dock.nl"));
    assert_false(staff_email_valid("a@dock"));
    assert_false(staff_email_valid("a@.nl"));
    assert_false(staff_email_valid("a@dock."));
    assert_false(staff_email_valid("a b@dock.nl"));
    assert_false(staff_email_valid("a\t@dock.nl"));
    assert_false(staff_email_valid("a\xff@dock.nl"));
    memset(long_local, 'a', 250);
    memcpy(long_local + 250, "@x.nl", 6); /* 255 bytes */
    assert_false(staff_email_valid(long_local));
    memcpy(long_local + 249, "@x.nl", 6); /* 254 bytes */
    assert_true(staff_email_valid(long_local));
}

static void
test_name(void **state)
{
    char name[1000];
    size_t i;

    (void)state;
    assert_true(staff_name_valid("Marieke de Vries"));
    assert_true(staff_name_valid("\xc5\x9e\xc3\xbckr\xc3\xbc Y\xc4\xb1lmaz"));
    assert_false(staff_name_valid(""));
    assert_false(staff_name_valid(" Marieke"));
    assert_false(staff_name_valid("Marieke "));
    assert_false(staff_name_valid("Marieke\nde Vries"));
    assert_false(staff_name_valid("Marieke \xc0\xaf"));
    /* 200 two-byte characters fit, 201 do not */
    for (i = 0; i < 201; i++)
        memcpy(name + 2 * i, "\xc3\xa9", 2);
    name[402] = '\0';
    assert_false(staff_name_valid(name));
    name[400] = '\0';
    assert_true(staff_name_valid(name));
}

static void
test_role(void **state)
{
    (void)state;
    assert_true(staff_role_valid("makelaar"));
    assert_true(staff_role_valid("financien"));
    assert_true(staff_role_valid("beheerder"));
    assert_true(staff_role_valid("beleid"));
    assert_false(staff_role_valid("financiën"));
    assert_false(staff_role_valid("Makelaar"));
    assert_false(staff_role_valid("admin"));
    assert_false(staff_role_valid(""));
}

static void
test_wijken(void **state)
{
    struct staff_wijken w;
    char msg[300];

    (void)state;
    assert_true(staff_wijken_parse("04,03", &w, msg, sizeof(msg)));
    assert_int_equal(2, w.n);
    assert_string_equal("03", w.codes[0]);
    assert_string_equal("04", w.codes[1]);
    assert_string_equal("03,04", w.canon);
    assert_true(staff_wijken_parse("", &w, msg, sizeof(msg)));
    assert_int_equal(0, w.n);
    assert_string_equal("", w.canon);
    assert_true(staff_wijken_parse("10,09,08,07,06,05,04,03,02,01", &w, msg,
                                   sizeof(msg)));
    assert_int_equal(10, w.n);
    assert_string_equal("01,02,03,04,05,06,07,08,09,10", w.canon);

    assert_false(staff_wijken_parse("11", &w, msg, sizeof(msg)));
    assert_non_null(strstr(msg, "'11'"));
    assert_false(staff_wijken_parse("00", &w, msg, sizeof(msg)));
    assert_false(staff_wijken_parse("3", &w, msg, sizeof(msg)));
    assert_false(staff_wijken_parse("003", &w, msg, sizeof(msg)));
    assert_false(staff_wijken_parse("0a", &w, msg, sizeof(msg)));
    assert_false(staff_wijken_parse("03,", &w, msg, sizeof(msg)));
    assert_false(staff_wijken_parse(",03", &w, msg, sizeof(msg)));
    assert_false(staff_wijken_parse("03,,04", &w, msg, sizeof(msg)));
    assert_false(staff_wijken_parse("03, 04", &w, msg, sizeof(msg)));
    assert_false(staff_wijken_parse("03,03", &w, msg, sizeof(msg)));
    assert_non_null(strstr(msg, "twee keer"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_name),
        cmocka_unit_test(test_role),
        cmocka_unit_test(test_wijken),
    };

    return cmocka_run_group_tests_name("staff_fields", tests, NULL, NULL);
}
