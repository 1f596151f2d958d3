/* test_multipart.c - the multipart/form-data reader (backend/multipart.c)
 * with bodies as browsers send them, and malformed ones. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "multipart.h"

#define B "----WebKitFormBoundary7MA4YWxkTrZu0gW"
#define CRLF "\r\n"

static const char good[] =
    "--" B CRLF "Content-Disposition: form-data; name=\"csrf\"" CRLF CRLF
    "abc.def" CRLF "--" B CRLF
    "Content-Disposition: form-data; name=\"bestand\"; "
    "filename=\"resultaat;1.csv\"" CRLF "Content-Type: text/csv" CRLF CRLF
    "referentie;status\r\nA;betaald\r\n" CRLF "--" B "--" CRLF;

static void
test_boundary(void **state)
{
    char b[MULTIPART_BOUNDARY_MAX + 1];

    (void)state;
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=" B, b),
                     MULTIPART_OK);
    assert_string_equal(b, B);
    assert_int_equal(multipart_boundary("Multipart/Form-Data; charset=utf-8; "
                                        "boundary=\"a b:c\"",
                                        b),
                     MULTIPART_OK);
    assert_string_equal(b, "a b:c");
    assert_int_equal(multipart_boundary("application/x-www-form-urlencoded", b),
                     MULTIPART_NOT_MULTIPART);
    assert_int_equal(multipart_boundary(NULL, b), MULTIPART_NOT_MULTIPART);
    assert_int_equal(multipart_boundary("multipart/form-data", b),
                     MULTIPART_BAD_BOUNDARY);
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=", b),
                     MULTIPART_BAD_BOUNDARY);
    assert_int_equal(
        multipart_boundary("multipart/form-data; boundary=a\x01", b),
        MULTIPART_BAD_BOUNDARY);
    assert_int_equal(
        multipart_boundary("multipart/form-data; boundary="
                           "12345678901234567890123456789012345678901234567890"
                           "123456789012345678901",
                           b),
        MULTIPART_BAD_BOUNDARY);
    assert_int_equal(multipart_boundary("multipart/form-dataX; boundary=a", b),
                     MULTIPART_NOT_MULTIPART);
}

static void
test_good_body(void **state)
{
    struct multipart m;
    const struct multipart_part *p;
    char csrf[32];

    (void)state;
    assert_int_equal(multipart_parse(good, sizeof(good) - 1, B, &m),
                     MULTIPART_OK);
    assert_int_equal(m.count, 2);
    assert_true(multipart_text(&m, "csrf", csrf, sizeof(csrf)));
    assert_string_equal(csrf, "abc.def");
    p = multipart_get(&m, "bestand");
    assert_non_null(p);
    assert_int_equal(p->len, 30);
    assert_memory_equal(p->data, "referentie;status\r\nA;betaald\r\n", 30);
    assert_int_equal(p->filename_len, 15);
    assert_memory_equal(p->filename, "resultaat;1.csv", 15);
    /* no copies: the part points into the body */
    assert_true(p->data > good && p->data < good + sizeof(good));
    assert_null(multipart_get(&m, "bestan"));
    assert_false(multipart_text(&m, "csrf", csrf, 4)); /* too long */
}

static void
test_empty_file_part(void **state)
{
    static const char body[] =
        "--x" CRLF "Content-Disposition: form-data; name=\"bestand\"; "
        "filename=\"\"" CRLF
        "Content-Type: application/octet-stream" CRLF CRLF CRLF "--x--" CRLF;
    struct multipart m;

    (void)state;
    assert_int_equal(multipart_parse(body, sizeof(body) - 1, "x", &m),
                     MULTIPART_OK);
    assert_int_equal(m.count, 1);
    assert_int_equal(m.part[0].len, 0);
    assert_non_null(m.part[0].filename);
    assert_int_equal(m.part[0].filename_len, 0);
}

static void
check_bad(const char *body, enum multipart_status want)
{
    struct multipart m;

    assert_int_equal(multipart_parse(body, strlen(body), "x", &m), want);
}

static void
test_malformed(void **state)
{
    (void)state;
    /* no final boundary */
    check_bad("--x" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF
              "1",
              MULTIPART_MALFORMED);
    /* another boundary */
    check_bad("--y" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF
              "1" CRLF "--y--",
              MULTIPART_MALFORMED);
    /* no Content-Disposition */
    check_bad("--x" CRLF "Content-Type: text/plain" CRLF CRLF "1" CRLF "--x--",
              MULTIPART_MALFORMED);
    /* no name */
    check_bad("--x" CRLF "Content-Disposition: form-data" CRLF CRLF "1" CRLF
              "--x--",
              MULTIPART_MALFORMED);
    /* bare LF */
    check_bad("--x\nContent-Disposition: form-data; name=\"a\"\n\n1\n--x--",
              MULTIPART_MALFORMED);
    /* headers never end */
    check_bad("--x" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF,
              MULTIPART_MALFORMED);
    /* unterminated quote in the name */
    check_bad("--x" CRLF "Content-Disposition: form-data; name=\"a" CRLF CRLF
              "1" CRLF "--x--",
              MULTIPART_MALFORMED);
    /* nothing at all, or only the end */
    check_bad("", MULTIPART_MALFORMED);
    check_bad("--x--", MULTIPART_MALFORMED);
    /* a name twice */
    check_bad("--x" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF
              "1" CRLF "--x" CRLF
              "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "2" CRLF
              "--x--",
              MULTIPART_DUPLICATE);
}

static void
test_too_many_parts(void **state)
{
    char body[8192];
    size_t n = 0;
    int i;

    (void)state;
    for (i = 0; i < MULTIPART_MAX_PARTS + 1; i++)
        n += (size_t)snprintf(body + n, sizeof(body) - n,
                              "--x\r\nContent-Disposition: form-data; "
                              "name=\"f%d\"\r\n\r\nv\r\n",
                              i);
    snprintf(body + n, sizeof(body) - n, "--x--\r\n");
    check_bad(body, MULTIPART_TOO_MANY);
    assert_true(strlen(multipart_status_message(MULTIPART_TOO_MANY)) > 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundary),
        cmocka_unit_test(test_good_body),
        cmocka_unit_test(test_empty_file_part),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_too_many_parts),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
