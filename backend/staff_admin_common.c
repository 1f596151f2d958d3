#include "staff_admin_common.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "text_field.h"

/* The longest single field of the beheerder's forms (letterhead text). */
#define FIELD_MAX_BYTES (16 * 1024)

bool
staff_admin_form(struct request *rq, size_t max_pairs,
                 struct urlenc_pairs *form, enum MHD_Result *ret)
{
    form->items = NULL;
    form->count = 0;
    if (!request_is_form(rq)) {
        *ret = reply_error(rq, 415, NULL);
        return false;
    }
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len,
                     max_pairs, FIELD_MAX_BYTES, form) != URLENC_OK) {
        *ret = reply_error(rq, 400,
                           "Het formulier kon niet gelezen worden. Ga terug "
                           "en probeer het nog een keer.");
        return false;
    }
    return true;
}

enum MHD_Result
staff_admin_csrf_refused(struct request *rq)
{
    return reply_error(rq, 400,
                       "Het formulier is verlopen of niet van deze site. Er "
                       "is niets gewijzigd. Ga terug, laad de pagina opnieuw "
                       "en probeer het nog een keer.");
}

enum MHD_Result
staff_admin_db_failed(struct request *rq, struct db_conn *db, const char *what)
{
    if (db != NULL)
        log_error("%s: %s", what, db_last_error(db));
    return reply_error(rq, 503, NULL);
}

bool
staff_admin_parse_id(const char *s, long long *out)
{
    char *end;
    size_t n;

    if (s == NULL)
        return false;
    n = strlen(s);
    if (n == 0 || n > 18 || s[0] < '1' || s[0] > '9')
        return false;
    errno = 0;
    *out = strtoll(s, &end, 10);
    return errno == 0 && *end == '\0' && *out > 0;
}

void
staff_admin_field(const struct urlenc_pairs *form, const char *name, char *out,
                  size_t size, bool *too_long)
{
    const char *v = urlenc_get(form, name);
    size_t n;

    out[0] = '\0';
    if (v == NULL)
        return;
    n = strlen(v);
    if (n >= size) {
        if (too_long != NULL)
            *too_long = true;
        return;
    }
    memcpy(out, v, n + 1);
    text_field_trim(out);
}

void
staff_admin_json_str(struct buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    buf_putc(b, '"');
    for (; *p; p++) {
        if (*p == '"' || *p == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)*p);
        } else if (*p < 0x20)
            buf_printf(b, "\\u%04x", *p);
        else
            buf_putc(b, (char)*p);
    }
    buf_putc(b, '"');
}

void
staff_admin_json_wijken(struct buf *b, const char *canon)
{
    const char *p = canon;

    buf_putc(b, '[');
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char code[8];

        if (n >= sizeof(code))
            break;
        memcpy(code, p, n);
        code[n] = '\0';
        if (p != canon)
            buf_putc(b, ',');
        staff_admin_json_str(b, code);
        if (end == NULL)
            break;
        p = end + 1;
    }
    buf_putc(b, ']');
}

void
staff_admin_form_wipe(struct urlenc_pairs *form, const char *name)
{
    size_t i;

    for (i = 0; i < form->count; i++)
        if (strcmp(form->items[i].name, name) == 0)
            sodium_memzero(form->items[i].value, strlen(form->items[i].value));
}
