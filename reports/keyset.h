/* keyset.h - a set of byte strings that remembers where each was first
 * seen, for finding duplicate rows in an imported file.
 *
 * Keys are copied in; the set owns its memory. Start with KEYSET_INIT (or
 * all zero) and free with keyset_free(). Growth is bounded only by the
 * input the caller reads, which csv_table caps.
 */
#ifndef LIEFLEED_KEYSET_H
#define LIEFLEED_KEYSET_H

#include <stddef.h>

#include "buf.h"

struct keyset_slot;

struct keyset {
    struct keyset_slot *slot; /* owned; open addressing */
    size_t cap;               /* slots; 0 or a power of two */
    size_t count;
    struct buf keys; /* the key bytes, back to back */
};

#define KEYSET_INIT                                                            \
    {                                                                          \
        NULL, 0, 0, BUF_INIT                                                   \
    }

enum keyset_result {
    KEYSET_NEW,  /* added, remembered with this line */
    KEYSET_SEEN, /* already there; *first_line says where */
    KEYSET_NO_MEMORY,
};

/* Add key[0..len) seen on line. On KEYSET_SEEN sets *first_line to the
 * line given when the key was first added. */
enum keyset_result keyset_add(struct keyset *s, const char *key, size_t len,
                              unsigned line, unsigned *first_line);

/* Free everything; the set is empty and reusable. */
void keyset_free(struct keyset *s);

#endif
