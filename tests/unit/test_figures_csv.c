/* The open-data CSV of the city's figures (reports/figures_csv.h), byte
 * for byte: header, a wijk row, the city row with empty medians, and the
 * number helpers at their edges. */
#include "testutil.h"

#include <limits.h>
#include <string.h>

#include "figures_csv.h"

static void
test_header_and_rows(void **state)
{
    struct buf b = BUF_INIT;
    struct figures_csv_row w = {2014,  "05", "Overvecht", 4, 3,   1,   2,
                                30000, 1,    1,           3, 333, 125, 70};
    struct figures_csv_row city = {2014, "00", "Utrecht", 0, 0,  0,  0,
                                   0,    0,    0,         0, -1, -1, -1};

    (void)state;
    assert_true(figures_csv_header(&b));
    assert_true(figures_csv_row(&b, &w));
    assert_true(figures_csv_row(&b, &city));
    assert_string_equal(
        b.data,
        "jaar;wijkcode;wijk;aanvragen;toekenningen;afwijzingen;"
        "potjes_uitbetaald;euro_uitbetaald;lief_en_leedstraten;"
        "nieuwe_lief_en_leedstraten;actieve_gangmakers;vervolg_percentage;"
        "mediaan_dagen_tot_besluit;mediaan_dagen_tot_betaling\r\n"
        "2014;05;Overvecht;4;3;1;2;300,00;1;1;3;33,3;12,5;7,0\r\n"
        "2014;00;Utrecht;0;0;0;0;0,00;0;0;0;;;\r\n");
    buf_free(&b);
}

static void
test_name_is_quoted(void **state)
{
    struct buf b = BUF_INIT;
    struct figures_csv_row w = {
        2020, "01", "West; \"oud\"", 1, 0, 0, 0, 5, 0, 0, 0, 1000, 0, 0};

    (void)state;
    assert_true(figures_csv_row(&b, &w));
    assert_string_equal(
        b.data,
        "2020;01;\"West; \"\"oud\"\"\";1;0;0;0;0,05;0;0;0;100,0;0,0;0,0\r\n");
    buf_free(&b);
}

static void
test_numbers(void **state)
{
    char t[32];

    (void)state;
    figures_cents(123456789, t, sizeof(t));
    assert_string_equal(t, "1234567,89");
    figures_cents(-1250, t, sizeof(t));
    assert_string_equal(t, "-12,50");
    figures_cents(LLONG_MIN, t, sizeof(t));
    assert_string_equal(t, "-92233720368547758,08");
    figures_tenths(0, t, sizeof(t));
    assert_string_equal(t, "0,0");
    figures_tenths(-1, t, sizeof(t));
    assert_string_equal(t, "");
    figures_tenths(1005, t, sizeof(t));
    assert_string_equal(t, "100,5");
}

static void
test_full_buffer(void **state)
{
    struct buf b;
    struct figures_csv_row w = {2014,  "05", "Overvecht", 4, 3,   1,   2,
                                30000, 1,    1,           3, 333, 125, 70};

    (void)state;
    buf_init(&b, 20);
    assert_false(figures_csv_header(&b));
    assert_false(figures_csv_row(&b, &w));
    buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_rows),
        cmocka_unit_test(test_name_is_quoted),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_full_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
