#include "urlenc.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

enum urlenc_status
urlenc_decode(const char *src, size_t n, bool plus_is_space, size_t max,
              char **out)
{
    char *dst;
    size_t i, j = 0;
    int hi, lo;

    *out = NULL;
    dst = malloc(n + 1);
    if (dst == NULL)
        return URLENC_TOO_LONG;
    for (i = 0; i < n; i++) {
        char c = src[i];
        if (c == '%') {
            if (n - i < 3 || (hi = hexval(src[i + 1])) < 0 ||
                (lo = hexval(src[i + 2])) < 0) {
                free(dst);
                return URLENC_BAD_ESCAPE;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0') {
            free(dst);
            return URLENC_NUL;
        }
        if (j >= max) {
            free(dst);
            return URLENC_TOO_LONG;
        }
        dst[j++] = c;
    }
    dst[j] = '\0';
    if (!utf8_valid(dst, j)) {
        free(dst);
        return URLENC_BAD_UTF8;
    }
    *out = dst;
    return URLENC_OK;
}

void
urlenc_pairs_free(struct urlenc_pairs *p)
{
    size_t i;

    for (i = 0; i < p->count; i++) {
        free(p->items[i].name);
        free(p->items[i].value);
    }
    free(p->items);
    p->items = NULL;
    p->count = 0;
}

enum urlenc_status
urlenc_parse(const char *src, size_t n, size_t max_pairs, size_t max_len,
             struct urlenc_pairs *out)
{
    struct urlenc_pairs res = {NULL, 0};
    enum urlenc_status st = URLENC_OK;
    size_t start = 0, cap = 0;

    while (start < n) {
        size_t end = start, eq;
        char *name = NULL, *value = NULL;

        while (end < n && src[end] != '&')
            end++;
        if (end == start) { /* empty segment such as "a=1&&b=2" */
            start = end + 1;
            continue;
        }
        if (res.count >= max_pairs) {
            st = URLENC_TOO_LONG;
            break;
        }
        eq = start;
        while (eq < end && src[eq] != '=')
            eq++;
        st = urlenc_decode(src + start, eq - start, true, max_len, &name);
        if (st == URLENC_OK) {
            size_t vstart = eq < end ? eq + 1 : end;
            st = urlenc_decode(src + vstart, end - vstart, true, max_len,
                               &value);
        }
        if (st != URLENC_OK) {
            free(name);
            break;
        }
        if (res.count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            struct urlenc_pair *items =
                realloc(res.items, ncap * sizeof(*items));
            if (items == NULL) {
                free(name);
                free(value);
                st = URLENC_TOO_LONG;
                break;
            }
            res.items = items;
            cap = ncap;
        }
        res.items[res.count].name = name;
        res.items[res.count].value = value;
        res.count++;
        start = end + 1;
    }
    if (st != URLENC_OK) {
        urlenc_pairs_free(&res);
        out->items = NULL;
        out->count = 0;
        return st;
    }
    *out = res;
    return URLENC_OK;
}

const char *
urlenc_get(const struct urlenc_pairs *p, const char *name)
{
    size_t i;

    for (i = 0; i < p->count; i++)
        if (strcmp(p->items[i].name, name) == 0)
            return p->items[i].value;
    return NULL;
}

const char *
urlenc_status_message(enum urlenc_status st)
{
    switch (st) {
    case URLENC_OK:
        return "In orde.";
    case URLENC_BAD_ESCAPE:
        return "Het adres bevat een ongeldige %-code.";
    case URLENC_BAD_UTF8:
        return "Het adres bevat tekens die geen geldige UTF-8 zijn.";
    case URLENC_NUL:
        return "Het adres bevat een verboden teken.";
    case URLENC_TOO_LONG:
        return "Het adres of formulier is te lang.";
    }
    return "Het adres is ongeldig.";
}
