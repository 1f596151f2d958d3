/* ref_fields.h - checks of the values in the city's reference files and
 * street lists, shared by the wijk, buurt and street list readers.
 *
 * Each check returns NULL when the value is good, or a reason in Dutch (a
 * static string) when it is not. Inputs are <pointer, length> pairs that
 * need not be NUL-terminated and may hold any bytes.
 */
#ifndef LIEFLEED_REF_FIELDS_H
#define LIEFLEED_REF_FIELDS_H

#include <stddef.h>

/* The longest names the database accepts, in characters. */
#define REF_WIJK_NAME_MAX 100
#define REF_BUURT_NAME_MAX 100
#define REF_STREET_NAME_MAX 200

/* A wijk code is "01" to "10". When good, copies it to out as a string. */
const char *ref_wijk_code(const char *s, size_t n, char out[3]);

/* A buurt code is four digits whose first two are the wijk code, which
 * the caller has checked with ref_wijk_code(). When good, copies it to out
 * as a string. */
const char *ref_buurt_code(const char *s, size_t n, const char *wijk,
                           char out[5]);

/* A name: spaces and tabs around it are dropped, then it must be
 * non-empty, valid UTF-8 without control characters, and at most maxchars
 * characters. When good, *out and *outlen give the trimmed part of s (not
 * a copy). The reason completes a sentence that starts with the field's
 * name, e.g. "straatnaam " + "ontbreekt". */
const char *ref_name(const char *s, size_t n, size_t maxchars, const char **out,
                     size_t *outlen);

/* Write to key the ASCII-lowercased bytes of s[0..n), for comparing
 * names the way the database's lower() does for plain letters. The key
 * must have room for n bytes. */
void ref_fold(char *key, const char *s, size_t n);

#endif
