/* iban_masked.h - an IBAN as printed on a document someone may leave
 * lying about: in groups of four, with everything but the country code
 * and the last four characters hidden, "NL91ABNA0417164300" ->
 * "NL** **** **** **43 00" (the same form as backend/iban.h iban_mask(),
 * which reports/ may not include).
 *
 * Pure code: no I/O, no allocation.
 */
#ifndef LIEFLEED_IBAN_MASKED_H
#define LIEFLEED_IBAN_MASKED_H

#include <stddef.h>

/* Room for the masked form of the longest IBAN (34 characters, 8 spaces). */
#define IBAN_MASKED_SIZE (34 + 8 + 1)

/* Write the masked form of iban (letters and digits; spaces are skipped)
 * into out[0..outlen). An IBAN shorter than 8 characters shows only its
 * country code. When the result does not fit, or iban holds more than 34
 * characters, out is "" (never a partly masked IBAN). */
void iban_masked(const char *iban, char *out, size_t outlen);

#endif
