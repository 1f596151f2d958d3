/* password.h - staff passwords: the policy, argon2id hashing, verifying.
 *
 * Passwords are hashed with libsodium's crypto_pwhash_str_alg (argon2id,
 * OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE: about 64 MiB and a tenth of
 * a second per hash). The hash string carries its own salt and
 * parameters, so it is all the database stores. Nothing here keeps a
 * copy of a password; callers wipe their own buffers (sodium_memzero).
 */
#ifndef LIEFLEED_PASSWORD_H
#define LIEFLEED_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

/* Fewest characters (code points, not bytes) a password may have. */
#define PASSWORD_MIN_CHARS 12
/* Most bytes a password may have: argon2 takes any length, but a request
 * should not make the server hash megabytes. */
#define PASSWORD_MAX_BYTES 1024
/* Room for a hash string including its NUL (crypto_pwhash_STRBYTES). */
#define PASSWORD_HASH_SIZE 128

/* Check pw[0..len) against the policy: valid UTF-8 without control
 * characters, at least PASSWORD_MIN_CHARS characters, at most
 * PASSWORD_MAX_BYTES bytes, not one character repeated, and not in the
 * built-in list of very common passwords (compared without regard to ASCII
 * case). Returns NULL when acceptable, else a static one-line message in
 * Dutch with English in parentheses, fit to show to the user. */
const char *password_policy_check(const char *pw, size_t len);

/* Hash pw[0..len) into out (a NUL-terminated "$argon2id$..." string).
 * Does not check the policy. Returns false when libsodium cannot start,
 * the input is longer than PASSWORD_MAX_BYTES, or memory runs out. */
bool password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_SIZE]);

/* True when pw[0..len) matches the stored hash string. False for a wrong
 * password and for a hash that is not an argon2id string (which returns
 * at once: for an unknown account, verify against a real dummy hash so
 * that the answer takes as long as for a known one). */
bool password_verify(const char *hash, const char *pw, size_t len);

/* True when hash was made with other parameters than password_hash()
 * uses today, so the caller should store a fresh hash after a successful
 * login. */
bool password_needs_rehash(const char *hash);

#endif
