/* utf8.h - strict UTF-8 validation.
 *
 * Residents type names such as Şükrü or Łukasz; everything that enters the
 * system must be valid UTF-8 (no overlong forms, no surrogates, nothing past
 * U+10FFFF) so that the PDF, CSV and HTML writers can trust it.
 */
#ifndef LIEFLEED_UTF8_H
#define LIEFLEED_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8. */
bool utf8_valid(const char *s, size_t n);

/* True when s[0..n) is valid UTF-8 and holds no control characters
 * (C0 except, when allow_newlines, TAB CR LF; DEL; C1). */
bool utf8_valid_text(const char *s, size_t n, bool allow_newlines);

#endif
