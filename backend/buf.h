/* buf.h - a growable byte buffer with a hard maximum.
 *
 * Every buffer that grows from outside input has a ceiling, so a hostile
 * request cannot make the server allocate without bound. Appends that would
 * pass the ceiling fail and leave the buffer unchanged. The contents are
 * always NUL-terminated (the terminator is not counted in len).
 */
#ifndef LIEFLEED_BUF_H
#define LIEFLEED_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *data; /* owned; NULL until the first append */
    size_t len;
    size_t cap;
    size_t max;  /* 0 means the default ceiling BUF_DEFAULT_MAX */
    bool failed; /* sticky: set once an append failed */
};

#define BUF_DEFAULT_MAX ((size_t)64 * 1024 * 1024)
#define BUF_INIT                                                               \
    {                                                                          \
        NULL, 0, 0, 0, false                                                   \
    }

/* Initialise an empty buffer that may hold at most max bytes (0: default). */
void buf_init(struct buf *b, size_t max);

/* Append n bytes. Returns false (and sets b->failed) on overflow of the
 * maximum or out of memory; the buffer keeps its earlier contents. */
bool buf_append(struct buf *b, const char *data, size_t n);

/* Append a NUL-terminated string. */
bool buf_puts(struct buf *b, const char *s);

/* Append one byte. */
bool buf_putc(struct buf *b, char c);

/* Append printf-formatted text. */
bool buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Hand the contents to the caller, who must free() them; the buffer is left
 * empty. Never returns NULL: an empty buffer gives an empty string (or NULL
 * only when even that allocation fails). */
char *buf_steal(struct buf *b, size_t *len_out);

/* Free the contents; the buffer is empty and reusable afterwards. */
void buf_free(struct buf *b);

/* Empty the buffer but keep its memory. */
void buf_reset(struct buf *b);

#endif
