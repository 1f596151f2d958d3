/* text_field.h - free text typed by a resident or a staff member: names,
 * street names, the few sentences of a plan, an answer to a question.
 *
 * Everything that is stored must be valid UTF-8 without control characters
 * (newlines only in multi-line fields), so the HTML, CSV and PDF writers can
 * trust it. Lengths count characters (Unicode code points), not bytes:
 * "Şükrü" is 5 characters, 8 bytes.
 *
 * Pure functions: no allocation, no I/O. Messages are static strings in
 * plain Dutch (lang "nl", also the default for NULL or any other value) or
 * English (lang "en"); they carry no numbers, so the page can show the
 * limits next to the field.
 */
#ifndef LIEFLEED_TEXT_FIELD_H
#define LIEFLEED_TEXT_FIELD_H

#include <stdbool.h>
#include <stddef.h>

/* The number of characters in s[0..n): every byte that does not continue a
 * multi-byte sequence (not 10xxxxxx) starts one. Exact for valid UTF-8;
 * for other bytes it is a count that never exceeds n. */
size_t utf8_chars(const char *s, size_t n);

/* Remove ASCII white space (space, TAB, CR, LF) at the start and the end
 * of s, in place, and return s. White space inside is kept. */
char *text_field_trim(char *s);

/* Check the text s for a field of min_chars to max_chars characters.
 * Returns NULL when s is valid UTF-8, holds no control characters (TAB, CR
 * and LF are allowed only when multiline), and its length without the
 * surrounding white space (as text_field_trim() removes it) lies within
 * the limits. A CR LF pair counts as one character, as it does for a
 * browser's maxlength. Otherwise a message: unreadable characters
 * (invalid UTF-8), more than one line, an invisible character (control
 * character), empty (when min_chars > 0), too short, or too long.
 * min_chars 0 makes the field optional. */
const char *text_field_check(const char *s, size_t min_chars, size_t max_chars,
                             bool multiline, const char *lang);

#endif
