/* test_street_list.c - the street list reader (reports/street_list.c) and
 * the CSV table reader under it. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "street_list.h"

#define HEADER "buurtcode;wijkcode;wijknaam;straatnaam\r\n"

/* Parse a NUL-terminated text; the list is freed by the caller. */
static bool
parse(const char *text, struct street_list *l, struct csv_error *err)
{
    return street_list_parse(text, strlen(text), l, err);
}

/* Parse text that must be readable; check the counts. */
static void
parse_ok(const char *text, struct street_list *l, size_t rows, size_t rejects)
{
    struct csv_error err;

    if (!parse(text, l, &err))
        fail_msg("unexpected fatal error: %s", err.message);
    assert_int_equal(err.kind, CSV_FATAL_NONE);
    assert_int_equal(l->count, rows);
    assert_int_equal(l->rejects.count, rejects);
}

/* Parse text that must be malformed with this kind of error and line. */
static void
parse_fatal(const char *data, size_t len, enum csv_fatal kind, unsigned line)
{
    struct street_list l;
    struct csv_error err;

    assert_false(street_list_parse(data, len, &l, &err));
    assert_int_equal(err.kind, kind);
    assert_int_equal(err.line, line);
    assert_true(strlen(err.message) > 0);
    assert_int_equal(l.count, 0);
    assert_int_equal(l.rejects.count, 0);
    street_list_free(&l);
}

/* For string literals, which may hold NUL bytes. */
#define FATAL(lit, kind, line) parse_fatal(lit, sizeof(lit) - 1, kind, line)

static void
assert_row(const struct street_list *l, size_t i, unsigned line,
           const char *buurt, const char *wijk, const char *name)
{
    assert_true(i < l->count);
    assert_int_equal(l->row[i].line, line);
    assert_string_equal(l->row[i].buurt, buurt);
    assert_string_equal(l->row[i].wijk, wijk);
    assert_string_equal(l->row[i].name, name);
}

static void
assert_reject(const struct street_list *l, size_t i, unsigned line,
              const char *reason_part)
{
    assert_true(i < l->rejects.count);
    assert_int_equal(l->rejects.item[i].line, line);
    if (strstr(l->rejects.item[i].reason, reason_part) == NULL)
        fail_msg("reject %zu: '%s' lacks '%s'", i, l->rejects.item[i].reason,
                 reason_part);
}

static void
test_good_crlf(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER "0111;01;WEST;Verdilaan\r\n"
                    "0625;06;BINNENSTAD;Tolsteegbarri\xC3\xA8re\r\n"
                    "1023;10;VLEUTEN - DE MEERN;Tr\xC3\xA9vouxperenlaan\r\n",
             &l, 3, 0);
    assert_row(&l, 0, 2, "0111", "01", "Verdilaan");
    assert_row(&l, 1, 3, "0625", "06", "Tolsteegbarri\xC3\xA8re");
    assert_row(&l, 2, 4, "1023", "10", "Tr\xC3\xA9vouxperenlaan");
    street_list_free(&l);
}

static void
test_good_lf_no_final_newline(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok("buurtcode;wijkcode;wijknaam;straatnaam\n"
             "0111;01;WEST;Verdilaan\n"
             "0112;01;WEST;Von Weberstraat",
             &l, 2, 0);
    assert_row(&l, 0, 2, "0111", "01", "Verdilaan");
    assert_row(&l, 1, 3, "0112", "01", "Von Weberstraat");
    street_list_free(&l);
}

static void
test_bom_is_skipped(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok("\xEF\xBB\xBF" HEADER "0111;01;WEST;Verdilaan\r\n", &l, 1, 0);
    assert_row(&l, 0, 2, "0111", "01", "Verdilaan");
    street_list_free(&l);
}

static void
test_header_order_case_and_extra_columns(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(" StraatNaam ;extra;BUURTCODE;wijkcode\r\n"
             "Verdilaan;x;0111;01\r\n",
             &l, 1, 0);
    assert_row(&l, 0, 2, "0111", "01", "Verdilaan");
    street_list_free(&l);
}

static void
test_quoted_fields(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER "\"0111\";\"01\";\"WEST\";\"Hoek \"\"De Kromme\"\"; "
                    "zuid\"\r\n"
                    "0112;01;;\"  Oog in Al  \"\r\n",
             &l, 2, 0);
    assert_row(&l, 0, 2, "0111", "01", "Hoek \"De Kromme\"; zuid");
    assert_row(&l, 1, 3, "0112", "01", "Oog in Al");
    street_list_free(&l);
}

static void
test_quoted_newline_keeps_line_numbers(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER "0111;01;WEST;\"Twee\r\nregels\"\r\n"
                    "0112;01;WEST;Verdilaan\r\n",
             &l, 1, 1);
    assert_reject(&l, 0, 2, "stuurtekens");
    assert_row(&l, 0, 4, "0112", "01", "Verdilaan");
    street_list_free(&l);
}

static void
test_blank_lines_are_skipped(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok("\r\n" HEADER "\r\n   \r\n0111;01;WEST;Verdilaan\r\n\r\n", &l, 1,
             0);
    assert_row(&l, 0, 5, "0111", "01", "Verdilaan");
    street_list_free(&l);
}

static void
test_header_only(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER, &l, 0, 0);
    street_list_free(&l);
}

static void
test_bad_header(void **state)
{
    (void)state;
    FATAL("buurtcode;wijkcode;wijknaam;straat\r\n0111;01;WEST;Verdilaan\r\n",
          CSV_FATAL_HEADER, 1);
    FATAL("0111;01;WEST;Verdilaan\r\n", CSV_FATAL_HEADER, 1);
    FATAL("buurtcode;wijkcode;straatnaam;Buurtcode\r\n", CSV_FATAL_HEADER, 1);
    FATAL("\r\n\r\nbuurtcode;wijkcode\r\n", CSV_FATAL_HEADER, 3);
}

static void
test_header_message_names_column(void **state)
{
    struct street_list l;
    struct csv_error err;

    (void)state;
    assert_false(parse("buurtcode;wijkcode\r\n", &l, &err));
    assert_non_null(strstr(err.message, "straatnaam"));
    assert_non_null(strstr(err.message, "regel 1"));
    street_list_free(&l);
}

static void
test_empty_file(void **state)
{
    (void)state;
    FATAL("", CSV_FATAL_EMPTY, 0);
    FATAL("\xEF\xBB\xBF", CSV_FATAL_EMPTY, 0);
    FATAL("\r\n \r\n", CSV_FATAL_EMPTY, 0);
}

static void
test_bad_buurt_code(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER "011;01;WEST;Verdilaan\r\n"
                    "01111;01;WEST;Verdilaan\r\n"
                    "01a1;01;WEST;Verdilaan\r\n"
                    ";01;WEST;Verdilaan\r\n"
                    "0111;01;WEST;Verdilaan\r\n",
             &l, 1, 4);
    assert_reject(&l, 0, 2, "vier cijfers");
    assert_reject(&l, 1, 3, "vier cijfers");
    assert_reject(&l, 2, 4, "vier cijfers");
    assert_reject(&l, 3, 5, "buurtcode ontbreekt");
    assert_row(&l, 0, 6, "0111", "01", "Verdilaan");
    street_list_free(&l);
}

static void
test_bad_wijk_code(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER "0111;02;WEST;Verdilaan\r\n"
                    "1111;11;X;Verdilaan\r\n"
                    "0011;00;X;Verdilaan\r\n"
                    "0111;1;WEST;Verdilaan\r\n"
                    "0111;;WEST;Verdilaan\r\n",
             &l, 0, 5);
    assert_reject(&l, 0, 2, "hoort niet bij de wijkcode");
    assert_reject(&l, 1, 3, "01 tot en met 10");
    assert_reject(&l, 2, 4, "01 tot en met 10");
    assert_reject(&l, 3, 5, "twee cijfers");
    assert_reject(&l, 4, 6, "wijkcode ontbreekt");
    street_list_free(&l);
}

static void
test_empty_name(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER "0111;01;WEST;\r\n"
                    "0111;01;WEST;\"\"\r\n"
                    "0111;01;WEST;\"   \"\r\n",
             &l, 0, 3);
    assert_reject(&l, 0, 2, "straatnaam ontbreekt");
    assert_reject(&l, 1, 3, "straatnaam ontbreekt");
    assert_reject(&l, 2, 4, "straatnaam ontbreekt");
    street_list_free(&l);
}

static void
test_name_length(void **state)
{
    char text[2048], name[1024];
    struct street_list l;
    size_t i;

    (void)state;
    /* 200 two-byte characters: accepted (the limit is in characters) */
    for (i = 0; i < 200; i++)
        memcpy(name + 2 * i, "\xC3\xA9", 2);
    name[400] = '\0';
    snprintf(text, sizeof(text), HEADER "0111;01;WEST;%s\r\n", name);
    parse_ok(text, &l, 1, 0);
    assert_int_equal(strlen(l.row[0].name), 400);
    street_list_free(&l);
    /* 201 characters: refused */
    memset(name, 'a', 201);
    name[201] = '\0';
    snprintf(text, sizeof(text), HEADER "0111;01;WEST;%s\r\n", name);
    parse_ok(text, &l, 0, 1);
    assert_reject(&l, 0, 2, "langer dan toegestaan");
    street_list_free(&l);
}

static void
test_control_characters(void **state)
{
    static const char text[] = HEADER "0111;01;WEST;\"Tab\there\"\r\n"
                                      "0111;01;WEST;Nul\0byte\r\n"
                                      "0111;01;WEST;C1\xC2\x85x\r\n";
    struct street_list l;
    struct csv_error err;

    (void)state;
    assert_true(street_list_parse(text, sizeof(text) - 1, &l, &err));
    assert_int_equal(l.count, 0);
    assert_int_equal(l.rejects.count, 3);
    assert_reject(&l, 0, 2, "stuurtekens");
    assert_reject(&l, 1, 3, "stuurtekens");
    assert_reject(&l, 2, 4, "stuurtekens");
    street_list_free(&l);
}

static void
test_duplicates(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER "0111;01;WEST;Verdilaan\r\n"
                    "0112;01;WEST;Verdilaan\r\n"
                    "0111;01;WEST;VERDILAAN\r\n"
                    "0111;01;WEST; Verdilaan \r\n",
             &l, 2, 2);
    assert_row(&l, 0, 2, "0111", "01", "Verdilaan");
    assert_row(&l, 1, 3, "0112", "01", "Verdilaan");
    assert_reject(&l, 0, 4, "als regel 2");
    assert_reject(&l, 1, 5, "dubbele regel");
    street_list_free(&l);
}

static void
test_wrong_field_count(void **state)
{
    struct street_list l;

    (void)state;
    parse_ok(HEADER "0111;01;WEST\r\n"
                    "0111;01;WEST;Verdilaan;extra\r\n"
                    "0112;01;WEST;Verdilaan\r\n",
             &l, 1, 2);
    assert_reject(&l, 0, 2, "3 velden in plaats van 4");
    assert_reject(&l, 1, 3, "5 velden in plaats van 4");
    street_list_free(&l);
}

static void
test_invalid_utf8(void **state)
{
    static const char latin1[] = HEADER "0111;01;WEST;Verdilaan\r\n"
                                        "0625;06;BINNENSTAD;Tolsteegbarri\xE8"
                                        "re\r\n";
    static const char overlong[] = HEADER "0111;01;WEST;\xC0\xAF\r\n";
    static const char surrogate[] = "\xED\xA0\x80" HEADER;

    (void)state;
    FATAL(latin1, CSV_FATAL_NOT_UTF8, 3);
    FATAL(overlong, CSV_FATAL_NOT_UTF8, 2);
    FATAL(surrogate, CSV_FATAL_NOT_UTF8, 1);
}

static void
test_unterminated_quote(void **state)
{
    static const char text[] = HEADER "0111;01;WEST;Verdilaan\r\n"
                                      "0112;01;WEST;\"Open\r\n"
                                      "0113;01;WEST;Urlusstraat\r\n";
    struct street_list l;
    struct csv_error err;

    (void)state;
    FATAL(text, CSV_FATAL_SYNTAX, 3);
    assert_false(street_list_parse(text, sizeof(text) - 1, &l, &err));
    assert_non_null(strstr(err.message, "regel 3"));
    assert_non_null(strstr(err.message, "unterminated quote"));
    street_list_free(&l);
}

static void
test_misplaced_quote(void **state)
{
    static const char inside[] = HEADER "0111;01;WEST;Verdi\"laan\r\n";
    static const char after[] = HEADER "0111;01;WEST;Verdilaan\r\n"
                                       "0111;01;WEST;\"Verdi\"laan\r\n";

    (void)state;
    FATAL(inside, CSV_FATAL_SYNTAX, 2);
    FATAL(after, CSV_FATAL_SYNTAX, 3);
}

static void
test_too_large(void **state)
{
    size_t len = CSV_TABLE_MAX_BYTES + 1;
    char *big = malloc(len);

    (void)state;
    assert_non_null(big);
    memset(big, 'a', len);
    memcpy(big, HEADER, strlen(HEADER));
    parse_fatal(big, len, CSV_FATAL_TOO_LARGE, 0);
    free(big);
}

static void
test_too_many_rejects(void **state)
{
    size_t n = CSV_TABLE_MAX_REJECTS + 1, len = strlen(HEADER) + 3 * n;
    char *text = malloc(len);
    struct street_list l;
    struct csv_error err;
    size_t i;

    (void)state;
    assert_non_null(text);
    memcpy(text, HEADER, strlen(HEADER));
    for (i = 0; i < n; i++)
        memcpy(text + strlen(HEADER) + 3 * i, "x\r\n", 3);
    parse_fatal(text, len, CSV_FATAL_REJECTS, 0);
    /* one fewer is still a file, with all its rows rejected */
    assert_true(street_list_parse(text, len - 3, &l, &err));
    assert_int_equal(l.rejects.count, CSV_TABLE_MAX_REJECTS);
    street_list_free(&l);
    free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_crlf),
        cmocka_unit_test(test_good_lf_no_final_newline),
        cmocka_unit_test(test_bom_is_skipped),
        cmocka_unit_test(test_header_order_case_and_extra_columns),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_quoted_newline_keeps_line_numbers),
        cmocka_unit_test(test_blank_lines_are_skipped),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_bad_header),
        cmocka_unit_test(test_header_message_names_column),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_bad_buurt_code),
        cmocka_unit_test(test_bad_wijk_code),
        cmocka_unit_test(test_empty_name),
        cmocka_unit_test(test_name_length),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_wrong_field_count),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_misplaced_quote),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_too_many_rejects),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
