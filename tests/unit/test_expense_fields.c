/* test_expense_fields.c - a line of the spending report: the date
 * dd-mm-jjjj, the kinds of occasion and every check of a typed line. */
#include "testutil.h"

#include <string.h>

#include "expense_fields.h"

#define FORM_NL "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 14-03-2027."
#define NOT_A_DAY_NL "Deze datum bestaat niet. Controleer de dag en de maand."

static void
test_date_good(void **state)
{
    static const struct {
        const char *in, *iso;
    } good[] = {
        {"14-03-2027", "2027-03-14"},    {"4-3-2027", "2027-03-04"},
        {"04/03/2027", "2027-03-04"},    {"4.3.2027", "2027-03-04"},
        {"  01-01-2026 ", "2026-01-01"}, {"29-02-2028", "2028-02-29"},
        {"29-02-2000", "2000-02-29"},    {"31-12-2026", "2026-12-31"},
        {"30-04-2027", "2027-04-30"},
    };
    char iso[EXPENSE_DATE_ISO_SIZE];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        assert_null(expense_date_parse(good[i].in, iso, "nl"));
        assert_string_equal(iso, good[i].iso);
    }
}

static void
test_date_bad(void **state)
{
    static const char *const form[] = {
        "2027-03-14",  "14-03-27",    "14 03 2027",  "14-03",
        "14032027",    "14-03-2027x", "1a-03-2027",  "-14-03-2027",
        "144-03-2027", "14-003-2027", "14-03-20271", "14--03-2027",
        "vandaag",
    };
    static const char *const no_day[] = {
        "31-04-2027", "29-02-2027", "29-02-1900", "00-01-2027",
        "01-00-2027", "01-13-2027", "32-01-2027", "01-01-0999",
    };
    char iso[EXPENSE_DATE_ISO_SIZE];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(form) / sizeof(form[0]); i++) {
        assert_string_equal(expense_date_parse(form[i], iso, "nl"), FORM_NL);
        assert_string_equal(iso, "");
    }
    for (i = 0; i < sizeof(no_day) / sizeof(no_day[0]); i++) {
        assert_string_equal(expense_date_parse(no_day[i], iso, "nl"),
                            NOT_A_DAY_NL);
        assert_string_equal(iso, "");
    }
    assert_string_equal(expense_date_parse("", iso, "nl"),
                        "Vul de datum in, bijvoorbeeld 14-03-2027.");
    assert_string_equal(expense_date_parse(NULL, iso, "en"),
                        "Please enter the date, for example 14-03-2027.");
    assert_string_equal(expense_date_parse("   ", iso, "en"),
                        "Please enter the date, for example 14-03-2027.");
    assert_string_equal(expense_date_parse("2027-03-14", iso, "en"),
                        "Please write the date as day-month-year, for "
                        "example 14-03-2027.");
}

/* The codes are exactly those of the CHECK constraint on
 * expense_line.occasion, each with a Dutch and an English label. */
static void
test_occasions(void **state)
{
    static const char *const codes[] = {"birth",
                                        "illness",
                                        "death",
                                        "new_neighbour",
                                        "anniversary_birthday",
                                        "get_together",
                                        "other"};
    size_t i;

    (void)state;
    assert_int_equal(expense_occasions_count, 7);
    for (i = 0; i < 7; i++) {
        assert_string_equal(expense_occasions[i].code, codes[i]);
        assert_ptr_equal(expense_occasion_find(codes[i]),
                         &expense_occasions[i]);
    }
    assert_string_equal(expense_occasion_label("birth", "nl"), "Geboorte");
    assert_string_equal(expense_occasion_label("new_neighbour", "nl"),
                        "Nieuwe buren");
    assert_string_equal(expense_occasion_label("anniversary_birthday", "nl"),
                        "Jubileum of verjaardag");
    assert_string_equal(expense_occasion_label("get_together", "nl"),
                        "Samenkomst");
    assert_string_equal(expense_occasion_label("other", "nl"), "Anders");
    assert_string_equal(expense_occasion_label("illness", "en"), "Illness");
    assert_string_equal(expense_occasion_label("death", "en"), "Death");
    assert_string_equal(expense_occasion_label("death", "nl"), "Overlijden");
    assert_null(expense_occasion_find("Geboorte"));
    assert_null(expense_occasion_find(""));
    assert_null(expense_occasion_find(NULL));
    assert_string_equal(expense_occasion_label("bruiloft", "nl"), "bruiloft");
}

static const struct expense_limits lim = {"2026-10-01", "2026-11-27", 15000};

static void
test_line_good(void **state)
{
    struct expense_line_input in = {.date = "01-10-2026",
                                    .occasion = "birth",
                                    .amount = "12,50",
                                    .note = ""};

    (void)state;
    assert_true(expense_line_check(&in, &lim, "nl"));
    assert_string_equal(in.iso, "2026-10-01");
    assert_int_equal(in.cents, 1250);
    /* the whole remainder, on the last day, with a note of 100 characters */
    in.date = "27-11-2026";
    in.amount = "150";
    in.occasion = "other";
    in.note = "1234567890123456789012345678901234567890123456789012345678901"
              "234567890123456789012345678901234567890";
    assert_true(expense_line_check(&in, &lim, "nl"));
    assert_int_equal(in.cents, 15000);
    /* NULL fields read as empty: the note is optional, the rest is not */
    memset(&in, 0, sizeof(in));
    in.date = "02-10-2026";
    in.occasion = "death";
    in.amount = "€ 7,-";
    assert_true(expense_line_check(&in, &lim, "en"));
    assert_int_equal(in.cents, 700);
}

static void
test_line_bad(void **state)
{
    struct expense_line_input in;

    (void)state;
    memset(&in, 0, sizeof(in));
    in.date = "28-11-2026"; /* tomorrow */
    in.occasion = "bruiloft";
    in.amount = "12,505";
    in.note = "een\nregel";
    assert_false(expense_line_check(&in, &lim, "nl"));
    assert_string_equal(in.date_error,
                        "Deze datum ligt in de toekomst. Vul alleen uitgaven "
                        "in die u al heeft gedaan.");
    assert_string_equal(in.occasion_error,
                        "Kies bij welke gelegenheid dit was.");
    assert_string_equal(in.amount_error,
                        "Een bedrag heeft hoogstens 2 cijfers na de komma, "
                        "zoals 12,50.");
    assert_non_null(in.note_error);

    memset(&in, 0, sizeof(in));
    in.date = "30-09-2026"; /* the day before the payment */
    in.occasion = "birth";
    in.amount = "150,01"; /* one cent over what is left */
    assert_false(expense_line_check(&in, &lim, "en"));
    assert_string_equal(in.date_error,
                        "This date is before the day we transferred the "
                        "money. Only enter spending from this potje.");
    assert_null(in.occasion_error);
    assert_string_equal(in.amount_error,
                        "This is more than what is left of the potje. You "
                        "can see below how much is left.");
    assert_null(in.note_error);

    memset(&in, 0, sizeof(in));
    in.date = "01-10-2026";
    in.occasion = "birth";
    in.amount = "0,00";
    in.note = "1234567890123456789012345678901234567890123456789012345678901"
              "2345678901234567890123456789012345678901";
    assert_false(expense_line_check(&in, &lim, "nl"));
    assert_null(in.date_error);
    assert_string_equal(in.amount_error,
                        "Vul een bedrag in dat groter is dan 0.");
    assert_non_null(in.note_error);

    memset(&in, 0, sizeof(in));
    assert_false(expense_line_check(&in, &lim, "nl"));
    assert_non_null(in.date_error);
    assert_non_null(in.occasion_error);
    assert_string_equal(in.amount_error, "Vul een bedrag in.");
    assert_null(in.note_error);

    /* a negative amount, and a remainder of nothing */
    struct expense_limits none = {"2026-10-01", "2026-11-27", 0};
    memset(&in, 0, sizeof(in));
    in.date = "01-10-2026";
    in.occasion = "other";
    in.amount = "-5";
    assert_false(expense_line_check(&in, &none, "nl"));
    assert_string_equal(in.amount_error, "Een bedrag kan niet negatief zijn.");
    in.amount = "0,01";
    assert_false(expense_line_check(&in, &none, "nl"));
    assert_non_null(in.amount_error);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_good), cmocka_unit_test(test_date_bad),
        cmocka_unit_test(test_occasions), cmocka_unit_test(test_line_good),
        cmocka_unit_test(test_line_bad),
    };
    return cmocka_run_group_tests_name("expense_fields", tests, NULL, NULL);
}
