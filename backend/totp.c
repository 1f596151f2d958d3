#include "totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

int64_t
totp_step(time_t t)
{
    return (int64_t)(t / TOTP_STEP_S);
}

bool
totp_code(const unsigned char *key, size_t keylen, int64_t step,
          char out[TOTP_DIGITS + 1])
{
    unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
    unsigned int maclen = 0;
    uint32_t bin;
    unsigned off;
    int i;

    for (i = 7; i >= 0; i--) {
        msg[i] = (unsigned char)(step & 0xff);
        step >>= 8;
    }
    if (HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac, &maclen) ==
            NULL ||
        maclen != 20)
        return false;
    /* RFC 4226 section 5.3: dynamic truncation */
    off = mac[19] & 0x0f;
    bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
          ((uint32_t)mac[off + 2] << 8) | (uint32_t)mac[off + 3];
    snprintf(out, TOTP_DIGITS + 1, "%06u", (unsigned)(bin % 1000000u));
    sodium_memzero(mac, sizeof(mac));
    return true;
}

/* The six digits of what the user typed ("123 456" and "123456" alike);
 * false for anything else. */
static bool
digits_of(const char *code, char out[TOTP_DIGITS + 1])
{
    size_t n = 0;

    for (; *code; code++) {
        if (*code == ' ')
            continue;
        if (*code < '0' || *code > '9' || n == TOTP_DIGITS)
            return false;
        out[n++] = *code;
    }
    out[n] = '\0';
    return n == TOTP_DIGITS;
}

int64_t
totp_match(const unsigned char *key, size_t keylen, const char *code,
           time_t now, int64_t last_step)
{
    char typed[TOTP_DIGITS + 1], want[TOTP_DIGITS + 1];
    int64_t s = totp_step(now), found = -1;
    int d;

    if (code == NULL || !digits_of(code, typed))
        return -1;
    /* all three steps are computed whatever matches: same time each way */
    for (d = -1; d <= 1; d++) {
        if (!totp_code(key, keylen, s + d, want))
            return -1;
        if (sodium_memcmp(typed, want, TOTP_DIGITS) == 0 && s + d > last_step &&
            found < 0)
            found = s + d;
    }
    return found;
}

bool
totp_base32(const unsigned char *in, size_t n, char *out, size_t outlen)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    size_t need = (n * 8 + 4) / 5 + 1, o = 0, i;
    unsigned buffer = 0;
    int bits = 0;

    if (outlen < need)
        return false;
    for (i = 0; i < n; i++) {
        buffer = (buffer << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            out[o++] = alphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        out[o++] = alphabet[(buffer << (5 - bits)) & 31];
    out[o] = '\0';
    return true;
}
