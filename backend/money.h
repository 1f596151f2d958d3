/* money.h - amounts of money as integer cents and as Dutch text.
 *
 * Every amount in the system is a whole number of euro cents (long long);
 * text is only for people: "1.234,56" with '.' between thousands and ','
 * before the cents, as Dutch readers and the finance CSV expect.
 *
 * Pure functions: no allocation, no I/O. Messages are static strings in
 * plain Dutch (lang "nl", also the default for NULL or any other value) or
 * English (lang "en").
 */
#ifndef LIEFLEED_MONEY_H
#define LIEFLEED_MONEY_H

#include <stdbool.h>
#include <stddef.h>

/* Room for any formatted amount, the euro sign and a minus included
 * ("€ -92.233.720.368.547.758,08" is 31 bytes with its NUL). */
#define MONEY_TEXT_SIZE 32

/* Write cents as "150,00", "0,05", "1.234,56"; a negative amount gets a
 * leading '-' ("-12,50"). Every value of long long works. When the text
 * does not fit in outlen (MONEY_TEXT_SIZE always fits), out holds "" rather
 * than a cut-off amount. */
void money_format(long long cents, char *out, size_t outlen);

/* Like money_format(), with the euro sign and a space before it:
 * "€ 150,00", "€ -12,50". */
void money_format_euro(long long cents, char *out, size_t outlen);

/* Read an amount typed by a person into *cents. Accepted, with any spaces
 * around the whole:
 *   an optional euro sign "€" followed by optional spaces (a no-break
 *   space U+00A0 counts as a space here), then
 *   euros: digits ("1234"), or groups of three digits separated by '.'
 *   after a first group of 1-3 digits not starting with 0 ("1.234"), then
 *   optionally ',' and 1 or 2 digits of cents ("150,5" is 150,50), or
 *   ",-" for whole euros ("150,-").
 * Anything else is refused: a sign ('-' or '+'), a decimal point ("150.50"
 * is not 150,50: refused, never guessed), more than 2 decimals, other
 * characters, or an amount over LLONG_MAX cents (checked before the
 * arithmetic). *cents is written only on success. money_parse() reads every
 * text that money_format() and money_format_euro() write for cents >= 0
 * back to the same value. */
bool money_parse(const char *s, long long *cents);

/* money_parse() for a form field: NULL with *cents set, or a message (no
 * amount, negative, more than 2 decimals, too large, or not an amount). */
const char *money_check(const char *s, long long *cents, const char *lang);

#endif
