/* test_password.c - the password policy and argon2id hash/verify. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "password.h"

static const char *
check(const char *pw)
{
    return password_policy_check(pw, strlen(pw));
}

static void
test_length_counts_characters(void **state)
{
    (void)state;
    assert_non_null(check(""));
    assert_non_null(check("kort"));
    assert_non_null(check("Elf tekens!")); /* 11 */
    assert_null(check("Twaalf teken"));    /* 12 */
    /* 11 characters in 15 bytes: still too short */
    assert_non_null(check("\xc3\xa9\xc3\xa9n tw\xc3\xa9\xc3\xa9 dr"));
    /* 12 characters, some of them two bytes: long enough */
    assert_null(check("Caf\xc3\xa9 Zo\xc3\xa9 Utr"));
    assert_non_null(strstr(check("kort"), "minstens 12 tekens"));
    assert_non_null(strstr(check("kort"), "(the password is too short"));
}

static void
test_long_passphrase_accepted(void **state)
{
    (void)state;
    assert_null(check("paars konijn eet graag wortels op dinsdag"));
    assert_null(check("Şükrü zegt: goedemorgen buurman! \xe2\x82\xac 5"));
}

static void
test_too_long_refused(void **state)
{
    char pw[PASSWORD_MAX_BYTES + 2];

    (void)state;
    for (size_t i = 0; i < sizeof(pw); i++)
        pw[i] = (char)('a' + i % 26);
    assert_null(password_policy_check(pw, PASSWORD_MAX_BYTES));
    assert_non_null(password_policy_check(pw, PASSWORD_MAX_BYTES + 1));
}

static void
test_invalid_utf8_and_controls_refused(void **state)
{
    (void)state;
    assert_non_null(check("geldig begin \xff\xfe en dan niet"));
    assert_non_null(check("overlong \xc0\xaf slash in het midden"));
    assert_non_null(check("een tab\tin het wachtwoord"));
    assert_non_null(check("een regeleinde\nerin gezet"));
    /* an embedded NUL: the length says there is more */
    assert_non_null(password_policy_check("twaalf tekens\0en meer", 21));
}

static void
test_common_passwords_refused(void **state)
{
    (void)state;
    assert_non_null(check("123456789012"));
    assert_non_null(check("qwerty123456"));
    assert_non_null(check("PasswordPassword"));
    assert_non_null(check("WELKOMWELKOM"));
    /* a common word with digits or signs appended */
    assert_non_null(check("Wachtwoord2026!"));
    assert_non_null(check("welkom123456"));
    assert_non_null(check("Utrecht2026!!"));
    assert_non_null(check("P@ssw0rd12345"));
    assert_non_null(strstr(check("welkom123456"), "te bekend"));
    /* the same words inside something longer are fine */
    assert_null(check("mijn wachtwoord is lang genoeg"));
    assert_null(check("welkom in de Lief en Leedstraat"));
}

static void
test_repeated_character_refused(void **state)
{
    (void)state;
    assert_non_null(check("aaaaaaaaaaaaaaaa"));
    assert_non_null(check("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                          "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"));
    assert_null(check("aaaaaaaaaaab"));
}

static void
test_hash_and_verify(void **state)
{
    static const char pw[] = "paars konijn eet graag wortels";
    char h1[PASSWORD_HASH_SIZE], h2[PASSWORD_HASH_SIZE];

    (void)state;
    assert_true(password_hash(pw, strlen(pw), h1));
    assert_true(password_hash(pw, strlen(pw), h2));
    assert_int_equal(0, strncmp(h1, "$argon2id$", 10));
    /* a fresh salt every time */
    assert_string_not_equal(h1, h2);
    assert_true(password_verify(h1, pw, strlen(pw)));
    assert_true(password_verify(h2, pw, strlen(pw)));
    assert_false(
        password_verify(h1, "paars konijn eet graag wortel", strlen(pw) - 1));
    assert_false(
        password_verify(h1, "Paars konijn eet graag wortels", strlen(pw)));
    assert_false(password_needs_rehash(h1));
}

static void
test_verify_rejects_bad_hashes(void **state)
{
    static const char pw[] = "paars konijn eet graag wortels";
    char h[PASSWORD_HASH_SIZE], other[PASSWORD_HASH_SIZE + 10];

    (void)state;
    assert_false(password_verify(NULL, pw, strlen(pw)));
    assert_false(password_verify("", pw, strlen(pw)));
    assert_false(
        password_verify("$2y$10$abcdefghijklmnopqrstuv", pw, strlen(pw)));
    /* argon2i is not accepted, only argon2id */
    assert_true(password_hash(pw, strlen(pw), h));
    snprintf(other, sizeof(other), "$argon2i$%s", h + 10);
    assert_false(password_verify(other, pw, strlen(pw)));
    /* a damaged hash */
    h[strlen(h) - 3] = h[strlen(h) - 3] == 'A' ? 'B' : 'A';
    assert_false(password_verify(h, pw, strlen(pw)));
    assert_true(password_needs_rehash("not a hash"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_counts_characters),
        cmocka_unit_test(test_long_passphrase_accepted),
        cmocka_unit_test(test_too_long_refused),
        cmocka_unit_test(test_invalid_utf8_and_controls_refused),
        cmocka_unit_test(test_common_passwords_refused),
        cmocka_unit_test(test_repeated_character_refused),
        cmocka_unit_test(test_hash_and_verify),
        cmocka_unit_test(test_verify_rejects_bad_hashes),
    };

    return cmocka_run_group_tests_name("password", tests, NULL, NULL);
}
