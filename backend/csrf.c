#include "csrf.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
csrf_new_cookie(char out[CSRF_COOKIE_CHARS + 1])
{
    unsigned char raw[CSRF_COOKIE_CHARS / 2];

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(out, CSRF_COOKIE_CHARS + 1, raw, sizeof(raw));
}

bool
csrf_cookie_valid(const char *s)
{
    size_t i;

    if (s == NULL || strlen(s) != CSRF_COOKIE_CHARS)
        return false;
    for (i = 0; i < CSRF_COOKIE_CHARS; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

static void
mac(const unsigned char secret[CSRF_SECRET_BYTES], const char *purpose,
    const char *cookie, long long issued,
    unsigned char out[crypto_auth_hmacsha256_BYTES])
{
    crypto_auth_hmacsha256_state st;
    char when[24];

    snprintf(when, sizeof(when), "%lld", issued);
    crypto_auth_hmacsha256_init(&st, secret, CSRF_SECRET_BYTES);
    /* NUL separators: no field can run into the next */
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)purpose,
                                  strlen(purpose) + 1);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)when,
                                  strlen(when) + 1);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)cookie,
                                  strlen(cookie) + 1);
    crypto_auth_hmacsha256_final(&st, out);
}

void
csrf_make(const unsigned char secret[CSRF_SECRET_BYTES], const char *purpose,
          const char *cookie, time_t now, char out[CSRF_TOKEN_MAX])
{
    unsigned char m[crypto_auth_hmacsha256_BYTES];
    char hex[sizeof(m) * 2 + 1];

    mac(secret, purpose, cookie, (long long)now, m);
    sodium_bin2hex(hex, sizeof(hex), m, sizeof(m));
    snprintf(out, CSRF_TOKEN_MAX, "%lld.%s", (long long)now, hex);
}

enum csrf_result
csrf_check(const unsigned char secret[CSRF_SECRET_BYTES], const char *purpose,
           const char *cookie, const char *token, time_t now, long max_age_s)
{
    unsigned char want[crypto_auth_hmacsha256_BYTES];
    unsigned char got[crypto_auth_hmacsha256_BYTES];
    const char *dot;
    char *end;
    long long issued;
    size_t binlen;

    if (token == NULL || *token == '\0' || cookie == NULL)
        return CSRF_MISSING;
    if (!csrf_cookie_valid(cookie) || strlen(token) >= CSRF_TOKEN_MAX)
        return CSRF_BAD;
    dot = strchr(token, '.');
    if (dot == NULL || dot == token || dot - token > 19)
        return CSRF_BAD;
    issued = strtoll(token, &end, 10);
    if (end != dot || issued <= 0)
        return CSRF_BAD;
    if (sodium_hex2bin(got, sizeof(got), dot + 1, strlen(dot + 1), NULL,
                       &binlen, NULL) != 0 ||
        binlen != sizeof(got))
        return CSRF_BAD;
    mac(secret, purpose, cookie, issued, want);
    if (sodium_memcmp(want, got, sizeof(want)) != 0)
        return CSRF_BAD;
    if (issued > (long long)now + 300 ||
        (long long)now - issued > (long long)max_age_s)
        return CSRF_EXPIRED;
    return CSRF_OK;
}
