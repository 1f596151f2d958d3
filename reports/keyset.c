#include "keyset.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct keyset_slot {
    uint64_t hash;
    size_t off; /* into keys */
    size_t len;
    unsigned line;
    bool used;
};

/* FNV-1a, 64 bit. */
static uint64_t
hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static struct keyset_slot *
find(struct keyset_slot *slot, size_t cap, const struct buf *keys, uint64_t h,
     const char *key, size_t len)
{
    size_t i = (size_t)h & (cap - 1);

    for (;;) {
        struct keyset_slot *sl = &slot[i];

        if (!sl->used)
            return sl;
        if (sl->hash == h && sl->len == len &&
            (len == 0 || memcmp(keys->data + sl->off, key, len) == 0))
            return sl;
        i = (i + 1) & (cap - 1);
    }
}

/* Keep the table at most half full. */
static bool
grow(struct keyset *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 64;
    struct keyset_slot *nslot;
    size_t i;

    if (s->cap > SIZE_MAX / 4 / sizeof(*nslot))
        return false;
    nslot = calloc(ncap, sizeof(*nslot));
    if (nslot == NULL)
        return false;
    for (i = 0; i < s->cap; i++) {
        struct keyset_slot *old = &s->slot[i];
        size_t j;

        if (!old->used)
            continue;
        j = (size_t)old->hash & (ncap - 1);
        while (nslot[j].used)
            j = (j + 1) & (ncap - 1);
        nslot[j] = *old;
    }
    free(s->slot);
    s->slot = nslot;
    s->cap = ncap;
    return true;
}

enum keyset_result
keyset_add(struct keyset *s, const char *key, size_t len, unsigned line,
           unsigned *first_line)
{
    uint64_t h = hash_bytes(key, len);
    struct keyset_slot *sl;

    if (s->count + 1 > s->cap / 2 && !grow(s))
        return KEYSET_NO_MEMORY;
    sl = find(s->slot, s->cap, &s->keys, h, key, len);
    if (sl->used) {
        *first_line = sl->line;
        return KEYSET_SEEN;
    }
    sl->off = s->keys.len;
    if (!buf_append(&s->keys, key, len))
        return KEYSET_NO_MEMORY;
    sl->hash = h;
    sl->len = len;
    sl->line = line;
    sl->used = true;
    s->count++;
    return KEYSET_NEW;
}

void
keyset_free(struct keyset *s)
{
    free(s->slot);
    s->slot = NULL;
    s->cap = 0;
    s->count = 0;
    buf_free(&s->keys);
}
