/* urlenc.h - percent-decoding of request targets and form bodies.
 *
 * MHD's own unescaping is lenient (it passes malformed escapes through); we
 * decode the raw target ourselves so that a malformed escape or invalid
 * UTF-8 becomes a clear 400 instead of a surprise deeper down.
 */
#ifndef LIEFLEED_URLENC_H
#define LIEFLEED_URLENC_H

#include <stdbool.h>
#include <stddef.h>

enum urlenc_status {
    URLENC_OK = 0,
    URLENC_BAD_ESCAPE, /* '%' not followed by two hex digits */
    URLENC_BAD_UTF8,   /* the decoded bytes are not valid UTF-8 */
    URLENC_NUL,        /* the decoded bytes contain NUL */
    URLENC_TOO_LONG,   /* more than max decoded bytes */
};

/* Decode src[0..n) into a newly malloc()ed NUL-terminated string stored in
 * *out (caller frees; NULL on error). When plus_is_space, '+' decodes to a
 * space (application/x-www-form-urlencoded). */
enum urlenc_status urlenc_decode(const char *src, size_t n, bool plus_is_space,
                                 size_t max, char **out);

/* One name=value pair of a query string or form body. */
struct urlenc_pair {
    char *name;  /* owned */
    char *value; /* owned */
};

struct urlenc_pairs {
    struct urlenc_pair *items; /* owned array */
    size_t count;
};

/* Parse "a=1&b=2" (query string or form body) into pairs, decoding both
 * names and values. At most max_pairs pairs, each decoded part at most
 * max_len bytes. On error nothing is allocated in *out. */
enum urlenc_status urlenc_parse(const char *src, size_t n, size_t max_pairs,
                                size_t max_len, struct urlenc_pairs *out);

/* The value of the first pair named name, or NULL. Borrowed pointer. */
const char *urlenc_get(const struct urlenc_pairs *p, const char *name);

/* Free what urlenc_parse allocated; safe on a zeroed struct. */
void urlenc_pairs_free(struct urlenc_pairs *p);

/* A short Dutch explanation of a status, for the 400 page. */
const char *urlenc_status_message(enum urlenc_status st);

#endif
