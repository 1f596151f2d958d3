/* test_ref_lists.c - the wijk and buurt list readers and the duplicate
 * finder they share (reports/wijk_list.c, buurt_list.c, keyset.c). */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "buurt_list.h"
#include "keyset.h"
#include "wijk_list.h"

static void
test_wijken_good(void **state)
{
    static const char text[] = "\xEF\xBB\xBFwijkcode;wijknaam\r\n"
                               "01;WEST\r\n"
                               "10;VLEUTEN - DE MEERN\r\n";
    struct wijk_list l;
    struct csv_error err;

    (void)state;
    assert_true(wijk_list_parse(text, sizeof(text) - 1, &l, &err));
    assert_int_equal(l.count, 2);
    assert_int_equal(l.rejects.count, 0);
    assert_string_equal(l.row[0].code, "01");
    assert_string_equal(l.row[0].name, "WEST");
    assert_int_equal(l.row[1].line, 3);
    assert_string_equal(l.row[1].code, "10");
    assert_string_equal(l.row[1].name, "VLEUTEN - DE MEERN");
    wijk_list_free(&l);
}

static void
test_wijken_rejects(void **state)
{
    static const char text[] = "wijkcode;wijknaam\n"
                               "01;WEST\n"
                               "01;OOST\n" /* code again */
                               "02;west\n" /* name again */
                               "11;ELDERS\n"
                               "03;\n";
    struct wijk_list l;
    struct csv_error err;

    (void)state;
    assert_true(wijk_list_parse(text, sizeof(text) - 1, &l, &err));
    assert_int_equal(l.count, 1);
    assert_int_equal(l.rejects.count, 4);
    assert_int_equal(l.rejects.item[0].line, 3);
    assert_non_null(strstr(l.rejects.item[0].reason, "wijkcode als regel 2"));
    assert_int_equal(l.rejects.item[1].line, 4);
    assert_non_null(strstr(l.rejects.item[1].reason, "wijknaam als regel 2"));
    assert_int_equal(l.rejects.item[2].line, 5);
    assert_int_equal(l.rejects.item[3].line, 6);
    assert_non_null(strstr(l.rejects.item[3].reason, "wijknaam ontbreekt"));
    wijk_list_free(&l);
}

static void
test_wijken_malformed(void **state)
{
    static const char text[] = "code;naam\r\n01;WEST\r\n";
    struct wijk_list l;
    struct csv_error err;

    (void)state;
    assert_false(wijk_list_parse(text, sizeof(text) - 1, &l, &err));
    assert_int_equal(err.kind, CSV_FATAL_HEADER);
    assert_int_equal(l.count, 0);
    wijk_list_free(&l);
}

static void
test_buurten_good(void **state)
{
    static const char text[] =
        "buurtcode;wijkcode;wijknaam;buurtnaam_afgekapt_20\r\n"
        "0111;01;WEST;Welgelegen, Den Homm\r\n"
        "0131;01;WEST;Nw Engeland, Th. \xC3\xA0 K\r\n";
    struct buurt_list l;
    struct csv_error err;

    (void)state;
    assert_true(buurt_list_parse(text, sizeof(text) - 1, &l, &err));
    assert_int_equal(l.count, 2);
    assert_int_equal(l.rejects.count, 0);
    assert_string_equal(l.row[0].code, "0111");
    assert_string_equal(l.row[0].wijk, "01");
    assert_string_equal(l.row[0].name, "Welgelegen, Den Homm");
    assert_string_equal(l.row[1].name, "Nw Engeland, Th. \xC3\xA0 K");
    buurt_list_free(&l);
}

static void
test_buurten_plain_name_column_and_rejects(void **state)
{
    static const char text[] = "buurtcode;wijkcode;buurtnaam\n"
                               "0111;01;Welgelegen\n"
                               "0111;01;Nogmaals\n"
                               "0211;01;Verkeerde wijk\n"
                               "021;02;Te kort\n";
    struct buurt_list l;
    struct csv_error err;

    (void)state;
    assert_true(buurt_list_parse(text, sizeof(text) - 1, &l, &err));
    assert_int_equal(l.count, 1);
    assert_int_equal(l.rejects.count, 3);
    assert_non_null(strstr(l.rejects.item[0].reason, "buurtcode als regel 2"));
    assert_non_null(strstr(l.rejects.item[1].reason, "wijkcode"));
    assert_non_null(strstr(l.rejects.item[2].reason, "vier cijfers"));
    buurt_list_free(&l);
}

static void
test_keyset_grows_and_remembers(void **state)
{
    struct keyset s = KEYSET_INIT;
    char key[32];
    unsigned first = 0, i;

    (void)state;
    for (i = 1; i <= 5000; i++) {
        snprintf(key, sizeof(key), "straat %u", i);
        assert_int_equal(keyset_add(&s, key, strlen(key), i, &first),
                         KEYSET_NEW);
    }
    for (i = 1; i <= 5000; i += 499) {
        snprintf(key, sizeof(key), "straat %u", i);
        assert_int_equal(keyset_add(&s, key, strlen(key), 9999, &first),
                         KEYSET_SEEN);
        assert_int_equal(first, i);
    }
    assert_int_equal(keyset_add(&s, "", 0, 7, &first), KEYSET_NEW);
    assert_int_equal(keyset_add(&s, "", 0, 8, &first), KEYSET_SEEN);
    assert_int_equal(first, 7);
    assert_int_equal(keyset_add(&s, "a\0b", 3, 9, &first), KEYSET_NEW);
    assert_int_equal(keyset_add(&s, "a\0c", 3, 10, &first), KEYSET_NEW);
    assert_int_equal(s.count, 5003);
    keyset_free(&s);
    assert_int_equal(s.count, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wijken_good),
        cmocka_unit_test(test_wijken_rejects),
        cmocka_unit_test(test_wijken_malformed),
        cmocka_unit_test(test_buurten_good),
        cmocka_unit_test(test_buurten_plain_name_column_and_rejects),
        cmocka_unit_test(test_keyset_grows_and_remembers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
