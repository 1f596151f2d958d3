#include "seal.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES
#define RAW_MAX (NONCE + 8 + SEAL_DATA_MAX + TAG)

bool
seal_make(const unsigned char key[32], const char *purpose, const void *data,
          size_t n, time_t expires, char out[SEAL_TOKEN_MAX])
{
    unsigned char plain[8 + SEAL_DATA_MAX], raw[RAW_MAX];
    unsigned long long clen = 0;
    uint64_t e = (uint64_t)expires;
    int i;

    if (n > SEAL_DATA_MAX)
        return false;
    for (i = 7; i >= 0; i--) {
        plain[i] = (unsigned char)(e & 0xff);
        e >>= 8;
    }
    memcpy(plain + 8, data, n);
    randombytes_buf(raw, NONCE);
    crypto_aead_xchacha20poly1305_ietf_encrypt(raw + NONCE, &clen, plain, 8 + n,
                                               (const unsigned char *)purpose,
                                               strlen(purpose), NULL, raw, key);
    sodium_memzero(plain, sizeof(plain));
    sodium_bin2base64(out, SEAL_TOKEN_MAX, raw, NONCE + (size_t)clen,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return true;
}

bool
seal_open(const unsigned char key[32], const char *purpose, const char *token,
          time_t now, void *data, size_t n)
{
    unsigned char raw[RAW_MAX], plain[8 + SEAL_DATA_MAX];
    size_t rawlen = 0;
    unsigned long long plen = 0;
    uint64_t e = 0;
    bool ok;
    int i;

    if (token == NULL || n > SEAL_DATA_MAX || strlen(token) >= SEAL_TOKEN_MAX ||
        sodium_base642bin(raw, sizeof(raw), token, strlen(token), NULL, &rawlen,
                          NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        rawlen != NONCE + 8 + n + TAG)
        return false;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plain, &plen, NULL, raw + NONCE, rawlen - NONCE,
            (const unsigned char *)purpose, strlen(purpose), raw, key) != 0 ||
        plen != 8 + n)
        return false;
    for (i = 0; i < 8; i++)
        e = (e << 8) | plain[i];
    ok = (uint64_t)now <= e;
    if (ok)
        memcpy(data, plain + 8, n);
    sodium_memzero(plain, sizeof(plain));
    return ok;
}
