#include "audit_csv.h"

#include "csv_field.h"

#include <stdio.h>
#include <string.h>

bool
audit_csv_field(struct buf *out, const char *s)
{
    return csv_field(out, s, ';');
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
