/* phone.h - the optional telephone number of a gangmaker.
 *
 * Dutch ("030 286 00 00", "06-12345678") or international ("+31 6 1234
 * 5678", "+31 (0)30 286 0000") numbers. Allowed characters are digits,
 * spaces, '+', '-', '(' and ')'; the number must have 10 to 15 digits. A
 * '+' may only come first; at most one pair of brackets, around digits
 * only. The stored form drops spaces and dashes and keeps the rest:
 * "+31(0)302860000".
 *
 * Pure functions: no allocation, no I/O. Messages are static strings in
 * plain Dutch (lang "nl", also the default for NULL or any other value) or
 * English (lang "en").
 */
#ifndef LIEFLEED_PHONE_H
#define LIEFLEED_PHONE_H

#include <stdbool.h>
#include <stddef.h>

#define PHONE_MIN_DIGITS 10
#define PHONE_MAX_DIGITS 15
/* Longest stored form: '+', 15 digits, '(' and ')', and the NUL. */
#define PHONE_SIZE (PHONE_MAX_DIGITS + 4)

/* Normalise in into out[0..outlen) by dropping spaces and dashes. Returns
 * false (out "" when outlen > 0) when in holds a character other than
 * digits, space, '+', '-', '(' and ')', or the result does not fit in
 * outlen. A blank in gives true and "". Idempotent. out may be the same
 * buffer as in. */
bool phone_normalise(const char *in, char *out, size_t outlen);

/* Check a normalised, non-empty number: '+' only first, at most one pair
 * of brackets with one or more digits inside, 10 to 15 digits. Returns NULL
 * when acceptable, else a message. */
const char *phone_check(const char *normalised, const char *lang);

/* phone_normalise() and phone_check() in one step, for the optional form
 * field: a blank field gives NULL and "" (no number); otherwise NULL with
 * the number in out, or a message with out "". outlen must be at least
 * PHONE_SIZE; in and out must not overlap. */
const char *phone_parse(const char *in, char *out, size_t outlen,
                        const char *lang);

#endif
