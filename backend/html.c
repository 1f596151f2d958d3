#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
html_init(struct html *h)
{
    buf_init(&h->b, HTML_MAX_PAGE);
}

void
html_free(struct html *h)
{
    buf_free(&h->b);
}

bool
html_failed(const struct html *h)
{
    return h->b.failed;
}

char *
html_steal(struct html *h, size_t *len_out)
{
    return buf_steal(&h->b, len_out);
}

bool
html_escape_into(struct buf *out, const char *s, size_t n)
{
    size_t i, run = 0;
    const char *rep;

    for (i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        if (!buf_append(out, s + run, i - run) || !buf_puts(out, rep))
            return false;
        run = i + 1;
    }
    return buf_append(out, s + run, n - run);
}

void
html_markup_(struct html *h, const char *literal)
{
    buf_puts(&h->b, literal);
}

void
html_fmt_(struct html *h, const char *literal, const char *const *args,
          size_t nargs)
{
    const char *p = literal, *q;
    size_t used = 0;

    while ((q = strstr(p, "{}")) != NULL) {
        buf_append(&h->b, p, (size_t)(q - p));
        if (used >= nargs) {
            fprintf(stderr, "html: too few arguments for \"%s\"\n", literal);
            abort();
        }
        if (args[used] != NULL)
            html_text(h, args[used]);
        used++;
        p = q + 2;
    }
    if (used != nargs) {
        fprintf(stderr, "html: too many arguments for \"%s\"\n", literal);
        abort();
    }
    buf_puts(&h->b, p);
}

void
html_text(struct html *h, const char *s)
{
    html_escape_into(&h->b, s, strlen(s));
}

void
html_textn(struct html *h, const char *s, size_t n)
{
    html_escape_into(&h->b, s, n);
}

void
html_long(struct html *h, long v)
{
    buf_printf(&h->b, "%ld", v);
}

void
html_append_html(struct html *h, const struct html *other)
{
    if (other->b.data != NULL)
        buf_append(&h->b, other->b.data, other->b.len);
}
