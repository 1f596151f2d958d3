/* html.h - an HTML writer that escapes every value by construction.
 *
 * Markup only ever comes from string literals: the macros below paste ""
 * around their format argument, so passing a variable does not compile.
 * Values are inserted through "{}" placeholders and are always escaped for
 * both text and attribute context (& < > " ' are replaced). The one way to
 * insert ready markup is html_append_html(), which takes another struct html
 * (itself built the same way), never a char pointer.
 *
 *   HTML(&h, "<a class=\"utrecht-link\" href=\"{}\">{}</a>", url, label);
 *   HTML_LIT(&h, "</main>");
 */
#ifndef LIEFLEED_HTML_H
#define LIEFLEED_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct html {
    struct buf b;
};

#define HTML_MAX_PAGE ((size_t)8 * 1024 * 1024)

void html_init(struct html *h);
void html_free(struct html *h);

/* True when an append failed (page too large or out of memory). */
bool html_failed(const struct html *h);

/* Give the finished bytes to the caller (free() them). */
char *html_steal(struct html *h, size_t *len_out);

/* Append literal markup; use HTML_LIT so only a literal can be passed. */
void html_markup_(struct html *h, const char *literal);
#define HTML_LIT(h, lit) html_markup_((h), "" lit "")

/* Append literal markup with each "{}" replaced by the next argument,
 * escaped. The number of arguments must match the placeholders; a
 * mismatch is a programming error and aborts (tests catch it). */
void html_fmt_(struct html *h, const char *literal, const char *const *args,
               size_t nargs);
#define HTML(h, lit, ...)                                                      \
    html_fmt_((h), "" lit "", (const char *const[]){__VA_ARGS__},              \
              sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *))

/* Append one escaped value. */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);

/* Append a decimal integer (needs no escaping). */
void html_long(struct html *h, long v);

/* Append markup built by another writer; the other is left untouched. */
void html_append_html(struct html *h, const struct html *other);

/* Escape s[0..n) into out (appended). Exposed for tests and fuzzing. */
bool html_escape_into(struct buf *out, const char *s, size_t n);

#endif
