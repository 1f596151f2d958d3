#include "password.h"

#include <sodium.h>
#include <string.h>

#include "utf8.h"

_Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_SIZE,
               "PASSWORD_HASH_SIZE is smaller than crypto_pwhash_STRBYTES");

/* The messages name the limits; keep them in step. */
_Static_assert(PASSWORD_MIN_CHARS == 12 && PASSWORD_MAX_BYTES == 1024,
               "update the policy messages below");
#define MSG_TOO_LONG                                                           \
    "het wachtwoord is te lang: hoogstens 1024 bytes "                         \
    "(the password is too long: at most 1024 bytes)"
#define MSG_INVALID                                                            \
    "het wachtwoord bevat ongeldige tekens of stuurtekens "                    \
    "(the password contains invalid or control characters)"
#define MSG_TOO_SHORT                                                          \
    "het wachtwoord is te kort: minstens 12 tekens "                           \
    "(the password is too short: at least 12 characters)"
#define MSG_REPEATED                                                           \
    "het wachtwoord herhaalt steeds hetzelfde teken "                          \
    "(the password repeats a single character)"
#define MSG_COMMON                                                             \
    "dit wachtwoord is te bekend, kies een ander "                             \
    "(this password is too common, choose another)"

#define ARGON2ID_PREFIX "$argon2id$"

/* Very common passwords of PASSWORD_MIN_CHARS or more characters, lower
 * case (shorter ones are refused for their length already). From the
 * tops of published breach lists, plus the Dutch and local words people
 * reach for first here. */
static const char *const common_passwords[] = {
    "123456789012",     "1234567890123",    "12345678901234",
    "123456789123",     "123456123456",     "123123123123",
    "121212121212",     "987654321098",     "098765432109",
    "1234567890ab",     "1234567890qw",     "1234qwerasdf",
    "1q2w3e4r5t6y",     "1qaz2wsx3edc",     "zaq12wsxcde3",
    "qazwsxedcrfv",     "qwertyuiopas",     "qwertyuiop12",
    "qwertyuiop123",    "qwerty123456",     "asdfghjkl123",
    "asdfghjklzxc",     "zxcvbnm12345",     "abcdefghijkl",
    "abcdefghijk1",     "abc123abc123",     "abcd1234abcd",
    "aa123456789a",     "passwordpassword", "wachtwoordwachtwoord",
    "welkomwelkom",     "geheimgeheim",     "trustno1trustno1",
    "iloveyouiloveyou", "football1234",     "baseball1234",
    "monkey123456",     "sunshine1234",     "princess1234",
    "superman1234",     "starwars1234",     "dragon123456",
    "master123456",     "computer1234",     "internet1234",
    "whatever1234",     "gemeenteutrecht",  "gemeente-utrecht",
    "liefenleedstraat", "lief-en-leed",     "correcthorsebatterystaple",
};

/* Words that stay very common with digits or signs added at the end
 * ("Wachtwoord2026!", "welkom123456"). */
static const char *const common_stems[] = {
    "password", "passw0rd", "p@ssw0rd", "p@ssword",  "wachtwoord",
    "welkom",   "welcome",  "qwerty",   "azerty",    "letmein",
    "admin",    "geheim",   "secret",   "utrecht",   "liefenleed",
    "changeme", "iloveyou", "gemeente", "beheerder", "makelaar",
    "dock",     "zomer",    "winter",   "lente",     "herfst",
};

static bool
in_list(const char *s, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static bool
is_suffix_char(char c)
{
    return (c >= '0' && c <= '9') || c == '!' || c == '?' || c == '.' ||
           c == '@' || c == '#' || c == '$' || c == '%' || c == '&' ||
           c == '*' || c == '-' || c == '_' || c == '+' || c == '=' || c == ' ';
}

/* Whether pw[0..len) (at most PASSWORD_MAX_BYTES) is a common password or
 * a common word with digits or signs appended. */
static bool
is_common(const char *pw, size_t len)
{
    char lower[PASSWORD_MAX_BYTES + 1];
    size_t i, stem;
    bool common;

    for (i = 0; i < len; i++) {
        char c = pw[i];
        lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    lower[len] = '\0';
    common = in_list(lower, common_passwords,
                     sizeof(common_passwords) / sizeof(common_passwords[0]));
    if (!common) {
        stem = len;
        while (stem > 0 && is_suffix_char(lower[stem - 1]))
            stem--;
        lower[stem] = '\0';
        common =
            stem > 0 && in_list(lower, common_stems,
                                sizeof(common_stems) / sizeof(common_stems[0]));
    }
    sodium_memzero(lower, sizeof(lower));
    return common;
}

/* Number of code points in valid UTF-8: count every byte that does not
 * continue a sequence. */
static size_t
utf8_chars(const char *s, size_t n)
{
    size_t i, chars = 0;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            chars++;
    return chars;
}

/* Whether valid UTF-8 s[0..n) is one code point repeated. */
static bool
one_char_repeated(const char *s, size_t n)
{
    size_t first = 1, i;

    while (first < n && ((unsigned char)s[first] & 0xC0) == 0x80)
        first++;
    if (first >= n)
        return true;
    for (i = first; i < n; i += first)
        if (n - i < first || memcmp(s, s + i, first) != 0)
            return false;
    return true;
}

const char *
password_policy_check(const char *pw, size_t len)
{
    if (len > PASSWORD_MAX_BYTES)
        return MSG_TOO_LONG;
    if (!utf8_valid_text(pw, len, false))
        return MSG_INVALID;
    if (utf8_chars(pw, len) < PASSWORD_MIN_CHARS)
        return MSG_TOO_SHORT;
    if (one_char_repeated(pw, len))
        return MSG_REPEATED;
    if (is_common(pw, len))
        return MSG_COMMON;
    return NULL;
}

bool
password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_SIZE])
{
    if (sodium_init() < 0 || len > PASSWORD_MAX_BYTES)
        return false;
    return crypto_pwhash_str_alg(out, pw, len,
                                 crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0;
}

/* Copy a stored hash into a buffer of the size libsodium expects; false
 * when it is not an argon2id string or does not fit. */
static bool
load_hash(const char *hash, char buf[crypto_pwhash_STRBYTES])
{
    size_t n;

    if (hash == NULL)
        return false;
    n = strnlen(hash, crypto_pwhash_STRBYTES);
    if (n >= crypto_pwhash_STRBYTES ||
        strncmp(hash, ARGON2ID_PREFIX, strlen(ARGON2ID_PREFIX)) != 0)
        return false;
    memset(buf, 0, crypto_pwhash_STRBYTES);
    memcpy(buf, hash, n);
    return true;
}

bool
password_verify(const char *hash, const char *pw, size_t len)
{
    char buf[crypto_pwhash_STRBYTES];

    if (sodium_init() < 0 || len > PASSWORD_MAX_BYTES || !load_hash(hash, buf))
        return false;
    return crypto_pwhash_str_verify(buf, pw, len) == 0;
}

bool
password_needs_rehash(const char *hash)
{
    char buf[crypto_pwhash_STRBYTES];

    if (sodium_init() < 0 || !load_hash(hash, buf))
        return true;
    return crypto_pwhash_str_needs_rehash(
               buf, crypto_pwhash_OPSLIMIT_INTERACTIVE,
               crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}
