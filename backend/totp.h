/* totp.h - time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s
 * steps, 6 digits), the second factor of staff logins, and the pieces an
 * authenticator app needs to enrol (base32 secret, otpauth:// URI).
 *
 * SHA-1 because every authenticator app speaks it (RFC 6238's default);
 * HMAC-SHA1 is still sound as a MAC. libsodium has no SHA-1, so the HMAC
 * comes from OpenSSL's libcrypto (Debian's libssl-dev). Pure; thread safe.
 */
#ifndef LIEFLEED_TOTP_H
#define LIEFLEED_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TOTP_SECRET_BYTES 20 /* 160 bits, RFC 4226's recommendation */
#define TOTP_STEP_S 30
#define TOTP_DIGITS 6
/* base32 of TOTP_SECRET_BYTES: 32 characters, plus NUL */
#define TOTP_BASE32_SIZE 33

/* The step of a moment: floor(t / 30). */
int64_t totp_step(time_t t);

/* The 6-digit code of key at step, NUL-terminated. False only when the
 * HMAC cannot be computed. */
bool totp_code(const unsigned char *key, size_t keylen, int64_t step,
               char out[TOTP_DIGITS + 1]);

/* The step at which code (6 digits, spaces allowed) is valid for key at
 * now, one step of clock drift either way, and later than last_step (a
 * code is used once: pass the last used step, or -1). Returns the step, or
 * -1 when the code does not match. Compares in constant time. */
int64_t totp_match(const unsigned char *key, size_t keylen, const char *code,
                   time_t now, int64_t last_step);

/* RFC 4648 base32 without padding, as authenticator apps take it. out
 * must hold (n * 8 + 4) / 5 + 1 bytes; returns false when it does not. */
bool totp_base32(const unsigned char *in, size_t n, char *out, size_t outlen);

#endif
