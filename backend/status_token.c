#include "status_token.h"

#include <sodium.h>
#include <string.h>

#define RAW 32
#define VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

void
status_token_new(char text[STATUS_TOKEN_CHARS + 1],
                 unsigned char hash[STATUS_TOKEN_HASH_BYTES])
{
    unsigned char raw[RAW];

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(text, STATUS_TOKEN_CHARS + 1, raw, sizeof(raw), VARIANT);
    crypto_hash_sha256(hash, raw, sizeof(raw));
    sodium_memzero(raw, sizeof(raw));
}

bool
status_token_hash(const char *text, unsigned char hash[STATUS_TOKEN_HASH_BYTES])
{
    unsigned char raw[RAW];
    size_t len, i;

    if (text == NULL || strlen(text) != STATUS_TOKEN_CHARS)
        return false;
    for (i = 0; i < STATUS_TOKEN_CHARS; i++) {
        char ch = text[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
              (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
            return false;
    }
    if (sodium_base642bin(raw, sizeof(raw), text, STATUS_TOKEN_CHARS, NULL,
                          &len, NULL, VARIANT) != 0 ||
        len != RAW)
        return false;
    crypto_hash_sha256(hash, raw, sizeof(raw));
    sodium_memzero(raw, sizeof(raw));
    return true;
}

void
status_token_seal(const char *text, const unsigned char key[32], char *out,
                  size_t outlen)
{
    unsigned char buf[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                      STATUS_TOKEN_CHARS];

    randombytes_buf(buf, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(buf + crypto_secretbox_NONCEBYTES,
                          (const unsigned char *)text, STATUS_TOKEN_CHARS, buf,
                          key);
    sodium_bin2hex(out, outlen, buf, sizeof(buf));
}

bool
status_token_open(const char *sealed, const unsigned char key[32],
                  char text[STATUS_TOKEN_CHARS + 1])
{
    unsigned char buf[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                      STATUS_TOKEN_CHARS];
    size_t len;

    if (sodium_hex2bin(buf, sizeof(buf), sealed, strlen(sealed), NULL, &len,
                       NULL) != 0 ||
        len != sizeof(buf))
        return false;
    if (crypto_secretbox_open_easy(
            (unsigned char *)text, buf + crypto_secretbox_NONCEBYTES,
            len - crypto_secretbox_NONCEBYTES, buf, key) != 0)
        return false;
    text[STATUS_TOKEN_CHARS] = '\0';
    return true;
}
