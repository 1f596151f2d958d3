/* test_result_file.c - finance's result file (reports/result_file.c):
 * every bad input of issue 5 gets a problem with its line, and good files
 * give exactly the rows they hold. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "result_file.h"

#define HEADER "referentie;status;datum;bedrag;reden\r\n"

static bool
parse_n(const char *data, size_t len, char mark, struct result_file *f)
{
    return result_file_parse(data, len, mark, f);
}

static bool
parse(const char *text, struct result_file *f)
{
    return parse_n(text, strlen(text), ',', f);
}

/* There is a problem on line whose message holds part. */
static void
assert_problem(const struct result_file *f, unsigned line, const char *part)
{
    size_t i;

    for (i = 0; i < f->nproblems; i++)
        if (f->problem[i].line == line &&
            strstr(f->problem[i].message, part) != NULL)
            return;
    for (i = 0; i < f->nproblems; i++)
        print_message("  problem %u: %s\n", f->problem[i].line,
                      f->problem[i].message);
    fail_msg("no problem on line %u with '%s'", line, part);
}

static void
test_good_file(void **state)
{
    struct result_file f;

    (void)state;
    assert_true(parse(HEADER "LL-2026-00001-U1;betaald;17-11-2026;150,00;\r\n"
                             "LL-2026-00002-U1;Geweigerd;2026-11-18;"
                             "\"1234,05\";\"rekening opgeheven\"\r\n",
                      &f));
    assert_true(f.header);
    assert_int_equal(f.delimiter, ';');
    assert_int_equal(f.count, 2);
    assert_int_equal(f.nproblems, 0);
    assert_int_equal(f.row[0].line, 2);
    assert_string_equal(f.row[0].reference, "LL-2026-00001-U1");
    assert_int_equal(f.row[0].status, RESULT_BETAALD);
    assert_string_equal(f.row[0].date, "2026-11-17");
    assert_int_equal(f.row[0].amount_cents, 15000);
    assert_null(f.row[0].reason);
    assert_int_equal(f.row[1].status, RESULT_GEWEIGERD);
    assert_string_equal(f.row[1].date, "2026-11-18");
    assert_int_equal(f.row[1].amount_cents, 123405);
    assert_string_equal(f.row[1].reason, "rekening opgeheven");
    result_file_free(&f);
}

static void
test_no_header_four_columns(void **state)
{
    struct result_file f;

    (void)state;
    assert_true(parse("LL-2026-00001-U1;betaald;17-11-2026;150,00\n"
                      "LL-2026-00002-U1;geweigerd;17-11-2026;75,50;weg\n",
                      &f));
    assert_false(f.header);
    assert_int_equal(f.count, 2);
    assert_int_equal(f.row[0].line, 1);
    assert_int_equal(f.row[1].amount_cents, 7550);
    result_file_free(&f);
}

static void
test_header_any_order_extra_columns(void **state)
{
    struct result_file f;

    (void)state;
    assert_true(parse("Bedrag;Datum;Boekstuk;Status;Referentie\n"
                      "150,00;17-11-2026;X1;betaald;LL-2026-00001-U1\n",
                      &f));
    assert_int_equal(f.count, 1);
    assert_string_equal(f.row[0].reference, "LL-2026-00001-U1");
    assert_int_equal(f.row[0].amount_cents, 15000);
    result_file_free(&f);
}

static void
test_comma_delimiter(void **state)
{
    struct result_file f;

    (void)state;
    assert_true(parse("referentie,status,datum,bedrag,reden\n"
                      "LL-2026-00001-U1,betaald,17-11-2026,\"150,00\",\n",
                      &f));
    assert_int_equal(f.delimiter, ',');
    assert_int_equal(f.count, 1);
    assert_int_equal(f.row[0].amount_cents, 15000);
    result_file_free(&f);
    /* an unquoted decimal comma splits the amount: said so, not guessed */
    assert_false(parse("referentie,status,datum,bedrag,reden\n"
                       "LL-2026-00001-U1,betaald,17-11-2026,150,00,\n",
                       &f));
    assert_problem(&f, 2, "komma in het bedrag");
    assert_int_equal(f.count, 0);
    result_file_free(&f);
}

static void
test_point_where_comma_expected(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(
        parse(HEADER "LL-2026-00001-U1;betaald;17-11-2026;150.00;\n", &f));
    assert_problem(&f, 2,
                   "bedrag '150.00' heeft een punt als decimaalteken; "
                   "verwacht is een komma");
    assert_int_equal(f.count, 0);
    result_file_free(&f);
    /* with the setting '.', the point is right and the comma is not */
    assert_true(parse_n(HEADER "LL-2026-00001-U1;betaald;17-11-2026;150.00;\n",
                        strlen(HEADER) + 44, '.', &f));
    assert_int_equal(f.row[0].amount_cents, 15000);
    result_file_free(&f);
    assert_false(parse_n(HEADER "LL-2026-00001-U1;betaald;17-11-2026;150,00;\n",
                         strlen(HEADER) + 44, '.', &f));
    assert_problem(&f, 2, "verwacht is een punt");
    result_file_free(&f);
}

static void
test_bad_amounts(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(parse(HEADER "A1;betaald;17-11-2026;150;\n"
                              "A2;betaald;17-11-2026;1.500,00;\n"
                              "A3;betaald;17-11-2026;-5,00;\n"
                              "A4;betaald;17-11-2026;0,00;\n"
                              "A5;betaald;17-11-2026;EUR 5,00;\n"
                              "A6;betaald;17-11-2026;5,5;\n"
                              "A7;betaald;17-11-2026;;\n",
                       &f));
    assert_problem(&f, 2, "zonder centen");
    assert_problem(&f, 3, "duizendtallen");
    assert_problem(&f, 4, "negatief");
    assert_problem(&f, 5, "groter dan 0");
    assert_problem(&f, 6, "geen bedrag");
    assert_problem(&f, 7, "geen bedrag");
    assert_problem(&f, 8, "ontbreekt");
    assert_int_equal(f.count, 0);
    result_file_free(&f);
}

static void
test_unbalanced_quotes(void **state)
{
    struct result_file f;

    (void)state;
    /* a quote that is never closed: the line where it opens */
    assert_false(parse(HEADER "A1;betaald;17-11-2026;150,00;\n"
                              "A2;betaald;17-11-2026;\"150,00;\n"
                              "A3;betaald;17-11-2026;150,00;\n",
                       &f));
    assert_problem(&f, 3, "niet afgesloten");
    result_file_free(&f);
    /* a quote in the middle of a field */
    assert_false(parse(HEADER "A1;betaald;17-11-2026;150,00;\n"
                              "A2;betaald;17-11-2026;15\"0,00;\n",
                       &f));
    assert_problem(&f, 3, "aanhalingsteken op een onverwachte plek");
    result_file_free(&f);
}

static void
test_wrong_delimiter(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(parse("referentie\tstatus\tdatum\tbedrag\n"
                       "A1\tbetaald\t17-11-2026\t150.00\n",
                       &f));
    assert_problem(&f, 1, "geen scheidingsteken gevonden");
    assert_int_equal(f.count, 0);
    result_file_free(&f);
    /* header with ';', rows with '|': each row is one field */
    assert_false(parse(HEADER "A1|betaald|17-11-2026|150,00|\n"
                              "A2|betaald|17-11-2026|150,00|\n",
                       &f));
    assert_problem(&f, 2, "ander scheidingsteken");
    assert_problem(&f, 3, "ander scheidingsteken");
    result_file_free(&f);
}

static void
test_latin1_bytes(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(parse(HEADER "A1;geweigerd;17-11-2026;150,00;rekening "
                              "Jos\xE9 opgeheven\n"
                              "A2;betaald;17-11-2026;150,00;\n"
                              "A3;geweigerd;17-11-2026;150,00;\xEBn\n",
                       &f));
    assert_problem(&f, 2, "sla het bestand op als UTF-8");
    assert_problem(&f, 4, "sla het bestand op als UTF-8");
    assert_int_equal(f.problems_total, 2);
    assert_int_equal(f.count, 1); /* A2 is readable */
    result_file_free(&f);
}

static void
test_bom(void **state)
{
    struct result_file f;

    (void)state;
    assert_true(parse("\xEF\xBB\xBF" HEADER
                      "LL-2026-00001-U1;betaald;17-11-2026;150,00;\n",
                      &f));
    assert_true(f.header);
    assert_int_equal(f.count, 1);
    assert_string_equal(f.row[0].reference, "LL-2026-00001-U1");
    result_file_free(&f);
    /* without a header as well */
    assert_true(parse("\xEF\xBB\xBFLL-2026-00001-U1;betaald;17-11-2026;"
                      "150,00\n",
                      &f));
    assert_false(f.header);
    assert_int_equal(f.count, 1);
    result_file_free(&f);
}

static void
test_empty_file(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(parse_n("", 0, ',', &f));
    assert_problem(&f, 0, "het bestand is leeg");
    result_file_free(&f);
    assert_false(parse("\xEF\xBB\xBF\r\n\r\n", &f));
    assert_problem(&f, 0, "het bestand is leeg");
    result_file_free(&f);
    assert_false(parse(HEADER, &f));
    assert_problem(&f, 0, "alleen een kopregel");
    result_file_free(&f);
}

static void
test_duplicates(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(parse(HEADER "A1;betaald;17-11-2026;150,00;\n"
                              "A2;betaald;17-11-2026;150,00;\n"
                              "A1;betaald;17-11-2026;150,00;\n"
                              "A1;geweigerd;17-11-2026;150,00;\n",
                       &f));
    assert_problem(&f, 4, "dubbele regel: referentie A1 staat ook op regel 2");
    assert_problem(&f, 5, "dubbele regel: referentie A1 staat ook op regel 2");
    assert_int_equal(f.problems_total, 2);
    assert_int_equal(f.count, 2);
    /* sorted by line */
    assert_int_equal(f.problem[0].line, 4);
    assert_int_equal(f.problem[1].line, 5);
    result_file_free(&f);
}

static void
test_bad_dates(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(parse(HEADER "A1;betaald;31-02-2026;150,00;\n"
                              "A2;betaald;17/11/2026;150,00;\n"
                              "A3;betaald;gisteren;150,00;\n"
                              "A4;betaald;29-02-2025;150,00;\n"
                              "A5;betaald;29-02-2028;150,00;\n"
                              "A6;betaald;;150,00;\n",
                       &f));
    assert_problem(&f, 2, "datum '31-02-2026' bestaat niet");
    assert_problem(&f, 3, "niet te lezen");
    assert_problem(&f, 4, "niet te lezen");
    assert_problem(&f, 5, "bestaat niet");
    assert_problem(&f, 7, "de datum ontbreekt");
    assert_int_equal(f.count, 1);
    assert_string_equal(f.row[0].date, "2028-02-29");
    result_file_free(&f);
}

static void
test_unknown_status(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(parse(HEADER "A1;paid;17-11-2026;150,00;\n"
                              "A2;;17-11-2026;150,00;\n",
                       &f));
    assert_problem(&f, 2, "status 'paid' onbekend");
    assert_problem(&f, 3, "de status ontbreekt");
    result_file_free(&f);
}

static void
test_every_problem_listed(void **state)
{
    struct result_file f;

    (void)state;
    /* one row, four problems */
    assert_false(parse(HEADER "a1;paid;gisteren;150.00;\n", &f));
    assert_int_equal(f.problems_total, 4);
    assert_problem(&f, 2, "geen betalingskenmerk");
    assert_problem(&f, 2, "onbekend");
    assert_problem(&f, 2, "niet te lezen");
    assert_problem(&f, 2, "decimaalteken");
    result_file_free(&f);
}

static void
test_field_count_and_header(void **state)
{
    struct result_file f;

    (void)state;
    assert_false(parse(HEADER "A1;betaald;17-11-2026\n", &f));
    assert_problem(&f, 2, "3 velden in plaats van 5");
    result_file_free(&f);
    assert_false(parse("referentie;status;bedrag\nA1;betaald;150,00\n", &f));
    assert_problem(&f, 1, "kolom 'datum' ontbreekt in de kopregel");
    result_file_free(&f);
}

static void
test_reason_rules(void **state)
{
    struct result_file f;
    struct buf b = BUF_INIT;
    int i;

    (void)state;
    assert_false(parse(HEADER "A1;geweigerd;17-11-2026;150,00;\"twee\nregels\""
                              "\nA2;betaald;17-11-2026;150,00;\n",
                       &f));
    assert_problem(&f, 2, "regeleinde");
    /* the quoted line break does not shift later line numbers */
    assert_int_equal(f.count, 1);
    assert_int_equal(f.row[0].line, 4);
    result_file_free(&f);
    buf_puts(&b, HEADER "A1;geweigerd;17-11-2026;150,00;");
    for (i = 0; i < 501; i++)
        buf_puts(&b, "\xC3\xA9");
    buf_puts(&b, "\n");
    assert_false(parse_n(b.data, b.len, ',', &f));
    assert_problem(&f, 2, "langer dan 500 tekens");
    result_file_free(&f);
    buf_free(&b);
}

static void
test_hundred_thousand_rows(void **state)
{
    struct result_file f;
    struct buf b = BUF_INIT;
    int i;

    (void)state;
    buf_init(&b, 0);
    buf_puts(&b, HEADER);
    for (i = 1; i <= 100000; i++)
        buf_printf(&b, "LL-2026-%06d-U1;%s;17-11-2026;%d,%02d;\r\n", i,
                   i % 10 ? "betaald" : "geweigerd", 100 + i % 50, i % 100);
    assert_true(parse_n(b.data, b.len, ',', &f));
    assert_int_equal(f.count, 100000);
    assert_int_equal(f.records, 100000);
    assert_int_equal(f.row[99999].line, 100001);
    assert_string_equal(f.row[99999].reference, "LL-2026-100000-U1");
    assert_int_equal(f.row[99999].status, RESULT_GEWEIGERD);
    result_file_free(&f);
    buf_free(&b);
}

static void
test_row_limit(void **state)
{
    struct result_file f;
    struct buf b = BUF_INIT;
    int i;

    (void)state;
    buf_init(&b, 0);
    for (i = 1; i <= RESULT_FILE_MAX_ROWS + 5; i++)
        buf_printf(&b, "R%d;betaald;17-11-2026;1,00\n", i);
    assert_false(parse_n(b.data, b.len, ',', &f));
    assert_problem(&f, RESULT_FILE_MAX_ROWS + 1, "meer dan 200000 regels");
    assert_int_equal(f.problems_total, 1);
    result_file_free(&f);
    buf_free(&b);
}

static void
test_problem_list_is_capped(void **state)
{
    struct result_file f;
    struct buf b = BUF_INIT;
    int i;

    (void)state;
    buf_init(&b, 0);
    buf_puts(&b, HEADER);
    for (i = 1; i <= 3000; i++)
        buf_printf(&b, "R%d;betaald;17-11-2026;1.00;\n", i);
    assert_false(parse_n(b.data, b.len, ',', &f));
    assert_int_equal(f.nproblems, RESULT_FILE_MAX_PROBLEMS);
    assert_int_equal(f.problems_total, 3000);
    result_file_free(&f);
    buf_free(&b);
}

static void
test_excerpt(void **state)
{
    char out[64];
    const char *s = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";

    (void)state;
    result_file_excerpt("a\tb", 3, out, sizeof(out));
    assert_string_equal(out, "a?b");
    result_file_excerpt(s, strlen(s), out, sizeof(out));
    /* 40 bytes of two-byte characters and "...", never half a character */
    assert_int_equal(strlen(out), 43);
    assert_string_equal(out + 40, "...");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_no_header_four_columns),
        cmocka_unit_test(test_header_any_order_extra_columns),
        cmocka_unit_test(test_comma_delimiter),
        cmocka_unit_test(test_point_where_comma_expected),
        cmocka_unit_test(test_bad_amounts),
        cmocka_unit_test(test_unbalanced_quotes),
        cmocka_unit_test(test_wrong_delimiter),
        cmocka_unit_test(test_latin1_bytes),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_bad_dates),
        cmocka_unit_test(test_unknown_status),
        cmocka_unit_test(test_every_problem_listed),
        cmocka_unit_test(test_field_count_and_header),
        cmocka_unit_test(test_reason_rules),
        cmocka_unit_test(test_hundred_thousand_rows),
        cmocka_unit_test(test_row_limit),
        cmocka_unit_test(test_problem_list_is_capped),
        cmocka_unit_test(test_excerpt),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
