/* postcode.h - the Dutch postcode of a gangmaker's address.
 *
 * Residents type "1234ab", "1234 AB" or " 1234  ab "; we store "1234 AB".
 * A potje is for a street in the municipality of Utrecht, so a postcode
 * counts only when its four digits are 3450-3455 (Vleuten-De Meern) or
 * 3500-3585 (the city). The letter pairs SA, SD and SS were never issued.
 *
 * Pure functions: no allocation, no I/O. Messages are static strings in
 * plain Dutch (lang "nl", also the default for NULL or any other value) or
 * English (lang "en").
 */
#ifndef LIEFLEED_POSTCODE_H
#define LIEFLEED_POSTCODE_H

#include <stdbool.h>
#include <stddef.h>

/* Room for a normalised postcode "1234 AB" and its NUL. */
#define POSTCODE_SIZE 8

/* Normalise in into out[0..outlen) as "1234 AB": spaces before, after and
 * between the two parts are dropped (any number), letters upper-cased.
 * Returns true when in is four ASCII digits, the first not 0, then two
 * ASCII letters, and outlen >= POSTCODE_SIZE; otherwise out holds "" (when
 * outlen > 0). Any Dutch postcode passes: call postcode_check() for the
 * Utrecht rule. Normalising a normalised postcode gives it back. out may
 * be the same buffer as in. */
bool postcode_normalise(const char *in, char *out, size_t outlen);

/* True when the normalised postcode pc lies in the municipality of
 * Utrecht: digits 3450-3455 or 3500-3585, letters not SA, SD or SS. */
bool postcode_in_utrecht(const char *pc);

/* Check a normalised postcode. Returns NULL when it is in Utrecht, else a
 * message: not in the form "1234 AB", a postcode that does not exist (SA,
 * SD, SS), or a postcode outside the municipality of Utrecht. */
const char *postcode_check(const char *normalised, const char *lang);

/* postcode_normalise() and postcode_check() in one step, for a form field:
 * NULL with "1234 AB" in out, or a message (empty field, wrong form, does
 * not exist, outside Utrecht) with out set to "". outlen must be at least
 * POSTCODE_SIZE; in and out must not overlap. */
const char *postcode_parse(const char *in, char *out, size_t outlen,
                           const char *lang);

#endif
