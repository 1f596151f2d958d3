#include "audit_csv.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
needs_quotes(const char *s, size_t n)
{
    return strpbrk(s, ";\"\r\n") != NULL ||
           (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
}

bool
audit_csv_field(struct buf *out, const char *s)
{
    size_t n = strlen(s), need;
    char *q;
    bool ok;

    /* a spreadsheet would run it as a formula: make it text */
    if (n > 0 && strchr("=+-@\t\r", s[0]) != NULL) {
        char *g = malloc(n + 2);

        if (g == NULL)
            return false;
        g[0] = '\'';
        memcpy(g + 1, s, n + 1);
        ok = audit_csv_field(out, g);
        free(g);
        return ok;
    }
    if (!needs_quotes(s, n))
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

bool
audit_csv_header(struct buf *out)
{
    return buf_puts(out, AUDIT_CSV_HEADER);
}

bool
audit_csv_row(struct buf *out, const struct audit_csv_row *r)
{
    char id[24], actor[24];

    snprintf(id, sizeof(id), "%lld", r->id);
    if (r->actor_id > 0)
        snprintf(actor, sizeof(actor), "%lld", r->actor_id);
    else
        actor[0] = '\0';
    return audit_csv_field(out, id) && buf_putc(out, ';') &&
           audit_csv_field(out, r->at) && buf_putc(out, ';') &&
           audit_csv_field(out, r->who) && buf_putc(out, ';') &&
           audit_csv_field(out, actor) && buf_putc(out, ';') &&
           audit_csv_field(out, r->action) && buf_putc(out, ';') &&
           audit_csv_field(out, r->object_type) && buf_putc(out, ';') &&
           audit_csv_field(out, r->object_id) && buf_putc(out, ';') &&
           audit_csv_field(out, r->details) && buf_puts(out, "\r\n");
}
