/* iban.h - the bank account number (IBAN) of a payee.
 *
 * A resident types the IBAN from a bank card or a statement: with spaces or
 * without, in lower or upper case. We store one normalised form (no spaces,
 * upper case, "NL91ABNA0417164300") and check it by ISO 13616: the country
 * must take part in SEPA, the length must be that country's length, and the
 * whole number must be 1 modulo 97. There is no Dutch elfproef: it does not
 * hold for all Dutch accounts since the switch to IBAN.
 *
 * Pure functions: no allocation, no I/O, no global state. Messages are
 * static strings in plain Dutch (lang "nl", also the default for NULL or
 * any other value) or English (lang "en"); the caller must not free them.
 *
 * The full IBAN is personal data: show it with iban_mask() everywhere
 * except the finance pages and files, and never write it to a log.
 */
#ifndef LIEFLEED_IBAN_H
#define LIEFLEED_IBAN_H

#include <stdbool.h>
#include <stddef.h>

/* The longest IBAN of any country (ISO 13616), in characters. */
#define IBAN_MAX_LEN 34
/* Room for a normalised IBAN and its NUL. */
#define IBAN_SIZE (IBAN_MAX_LEN + 1)
/* Room for a formatted or masked IBAN: 34 characters, 8 spaces, NUL. */
#define IBAN_TEXT_SIZE (IBAN_MAX_LEN + 8 + 1)

/* Normalise the typed text in into out[0..outlen): drop every ASCII space
 * (anywhere: "nl91 abna 0417 1643 00") and upper-case ASCII letters.
 * Returns true when in holds at least one letter or digit, nothing but
 * ASCII letters, digits and spaces, at most IBAN_MAX_LEN letters and
 * digits, and the result fits in outlen (IBAN_SIZE always does). On false,
 * out holds "" (when outlen > 0). Says nothing about the check digits: call
 * iban_check() on the result. Normalising a normalised IBAN gives it back
 * unchanged. out may be the same buffer as in. */
bool iban_normalise(const char *in, char *out, size_t outlen);

/* Check a normalised IBAN (as written by iban_normalise). Returns NULL when
 * it is a valid IBAN of a SEPA country, else a message for the resident:
 * empty, characters other than A-Z and 0-9, a country that is not in SEPA,
 * the wrong length for the country, or check digits that do not match. */
const char *iban_check(const char *normalised, const char *lang);

/* iban_normalise() and iban_check() in one step, for a form field: returns
 * NULL with the normalised IBAN in out[0..outlen), or a message (including
 * one for characters that are not allowed) with out set to "". outlen must
 * be at least IBAN_SIZE; in and out must not overlap. */
const char *iban_parse(const char *in, char *out, size_t outlen,
                       const char *lang);

/* The IBAN length of the SEPA country with the two-letter code cc (upper
 * case, e.g. "NL" -> 18), or 0 when the country is not in SEPA. Only the
 * first two characters of cc are read. */
int iban_country_length(const char *cc);

/* Write normalised in groups of four for reading: "NL91 ABNA 0417 1643 00".
 * When the result does not fit in outlen (IBAN_TEXT_SIZE always fits a
 * normalised IBAN), out holds "" rather than a cut-off number. */
void iban_format(const char *normalised, char *out, size_t outlen);

/* Like iban_format(), but every character except the two-letter country
 * code and the last four is shown as '*': "NL** **** **** **43 00". A
 * text shorter than 8 characters keeps only its first two. The result has
 * the same length and grouping as iban_format(), so a reader can still see
 * which country and which account ending is meant. */
void iban_mask(const char *normalised, char *out, size_t outlen);

#endif
