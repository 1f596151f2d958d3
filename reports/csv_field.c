#include "csv_field.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

static bool
needs_quotes(const char *s, size_t n, char delim)
{
    return memchr(s, delim, n) != NULL || strpbrk(s, "\"\r\n") != NULL ||
           (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
}

bool
csv_field(struct buf *out, const char *s, char delim)
{
    size_t n, need;
    char *q;
    bool ok;

    if (s == NULL)
        s = "";
    n = strlen(s);
    /* a spreadsheet would run it as a formula: make it text */
    if (n > 0 && strchr("=+-@\t\r", s[0]) != NULL) {
        char *g = malloc(n + 2);

        if (g == NULL)
            return false;
        g[0] = '\'';
        memcpy(g + 1, s, n + 1);
        ok = csv_field(out, g, delim);
        free(g);
        return ok;
    }
    if (!needs_quotes(s, n, delim))
        return buf_append(out, s, n);
    need = csv_write(NULL, 0, s, n);
    q = malloc(need);
    if (q == NULL)
        return false;
    csv_write(q, need, s, n);
    ok = buf_append(out, q, need);
    free(q);
    return ok;
}
