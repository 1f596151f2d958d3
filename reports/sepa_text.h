/* sepa_text.h - text for a SEPA credit transfer file (pain.001).
 *
 * Banks in the SEPA area are only obliged to accept the basic Latin set of
 * the EPC implementation guidelines:
 *
 *     a-z A-Z 0-9 / - ? : ( ) . , ' + space
 *
 * Names such as "Şükrü Yıldız", "Łukasz Żółć" or "Ærø" must still reach
 * the payee's statement readable, so letters of Latin-1, Latin Extended-A
 * (Turkish, Polish, Czech, ...) and a few others are transliterated
 * (é -> e, ß -> ss, Æ -> AE, ı -> i); combining accents are dropped;
 * tab, CR and LF become a space; everything else, including bytes that are
 * not valid UTF-8 and characters such as '&' or an emoji, becomes '.' (one
 * '.' per character, not per byte).
 *
 * The output is plain ASCII, so one byte is one character and a cut to the
 * schema's length (Max70Text, Max140Text) is a cut in bytes.
 *
 * Pure code: no I/O, no allocation.
 */
#ifndef LIEFLEED_SEPA_TEXT_H
#define LIEFLEED_SEPA_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when c belongs to the SEPA basic Latin set above. */
bool sepa_char_ok(char c);

/* Transliterate the UTF-8 text in[0..n) into out, writing at most
 * outsize - 1 characters and a terminating NUL (nothing when outsize is
 * 0). Returns the length of the whole transliteration, which may exceed
 * what was written (like snprintf): a result >= outsize means the text was
 * cut. in may hold any bytes, including NUL. */
size_t sepa_text(const char *in, size_t n, char *out, size_t outsize);

/* Escape s[0..n) for XML element content and attribute values: & < > " '
 * become entities, every other byte is copied. Writes at most outsize - 1
 * bytes and a NUL, never cutting an entity in two. Returns the length of
 * the whole escaped text (a result >= outsize means it was cut). */
size_t sepa_xml_escape(const char *s, size_t n, char *out, size_t outsize);

#endif
