/* status_token.h - the secret in a resident's private status link.
 *
 * 256 random bits, written as 43 characters of base64url. The database
 * keeps only SHA-256 of the bits; a link with the wrong length or
 * alphabet is refused before any lookup. Pure; thread safe.
 */
#ifndef LIEFLEED_STATUS_TOKEN_H
#define LIEFLEED_STATUS_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define STATUS_TOKEN_CHARS 43
#define STATUS_TOKEN_HASH_BYTES 32

/* A new token (text) and its hash. */
void status_token_new(char text[STATUS_TOKEN_CHARS + 1],
                      unsigned char hash[STATUS_TOKEN_HASH_BYTES]);

/* The hash of a token given as text (e.g. from a URL). False when the
 * text is not a token of ours. */
bool status_token_hash(const char *text,
                       unsigned char hash[STATUS_TOKEN_HASH_BYTES]);

/* Seal the token with key for storing as a replay answer (hex text in out,
 * at least STATUS_TOKEN_SEALED_MAX bytes), and open it again. */
#define STATUS_TOKEN_SEALED_MAX 256
void status_token_seal(const char *text, const unsigned char key[32], char *out,
                       size_t outlen);
bool status_token_open(const char *sealed, const unsigned char key[32],
                       char text[STATUS_TOKEN_CHARS + 1]);

#endif
