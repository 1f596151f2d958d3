/* seal.h - small secrets that a form carries to the browser and back
 * (the half-finished login waiting for its second factor, a TOTP secret
 * being enrolled): encrypted and authenticated with XChaCha20-Poly1305
 * under a server key, bound to a purpose, with an expiry. The browser can
 * neither read nor change them, nor reuse one for another purpose. */
#ifndef LIEFLEED_SEAL_H
#define LIEFLEED_SEAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SEAL_DATA_MAX 320
/* base64url of nonce + expiry + data + tag, plus NUL */
#define SEAL_TOKEN_MAX 512

/* Seal data[0..n) (n <= SEAL_DATA_MAX) for purpose until expires into
 * out (SEAL_TOKEN_MAX bytes), NUL-terminated. */
bool seal_make(const unsigned char key[32], const char *purpose,
               const void *data, size_t n, time_t expires,
               char out[SEAL_TOKEN_MAX]);

/* Open token sealed for purpose: true with exactly n bytes in data when
 * it is authentic, for this purpose, of this size and not expired at
 * now. */
bool seal_open(const unsigned char key[32], const char *purpose,
               const char *token, time_t now, void *data, size_t n);

#endif
