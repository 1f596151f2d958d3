#include "staff_admin_audit.h"

#include <stdio.h>
#include <string.h>

#include "staff_admin_common.h"
#include "utf8.h"

static bool
leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool
digits(const char *s, size_t n, int *out)
{
    size_t i;

    *out = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *out = *out * 10 + (s[i] - '0');
    }
    return true;
}

/* "2026-03-01" or "01-03-2026" (a real day, years 2000..2100) into
 * out as "2026-03-01". */
static bool
parse_day(const char *s, char out[11])
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;

    if (strlen(s) != 10)
        return false;
    if (s[4] == '-' && s[7] == '-') {
        if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
            return false;
    } else if (s[2] == '-' && s[5] == '-') {
        if (!digits(s, 2, &d) || !digits(s + 3, 2, &m) || !digits(s + 6, 4, &y))
            return false;
    } else
        return false;
    if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 ||
        d > mdays[m - 1] + (m == 2 && leap(y)))
        return false;
    /* the ranges are checked: each part has its exact width */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = out[7] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return true;
}

/* Lower-case letters, '_' and (when dots) '.', at most max bytes. */
static bool
name_like(const char *s, size_t max, bool dots)
{
    size_t n = strlen(s), i;

    if (n == 0 || n > max)
        return false;
    for (i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' ||
              (dots && s[i] == '.')))
            return false;
    return true;
}

static const char *
param(struct request *rq, const char *name)
{
    const char *v = urlenc_get(&rq->query, name);

    return (v != NULL && v[0] != '\0') ? v : NULL;
}

bool
staff_admin_audit_filter(struct request *rq, struct audit_filter *f,
                         struct audit_filter_errors *err)
{
    const char *v;
    bool ok = true;

    memset(f, 0, sizeof(*f));
    memset(err, 0, sizeof(*err));
    if ((v = param(rq, "van")) != NULL && !parse_day(v, f->from)) {
        err->from = "Vul een datum in als 01-03-2026.";
        ok = false;
    }
    if ((v = param(rq, "tot")) != NULL && !parse_day(v, f->to)) {
        err->to = "Vul een datum in als 31-03-2026.";
        ok = false;
    }
    if (f->from[0] && f->to[0] && strcmp(f->from, f->to) > 0) {
        err->to = "De einddatum ligt voor de begindatum.";
        ok = false;
    }
    if ((v = param(rq, "wie")) != NULL &&
        !staff_admin_parse_id(v, &f->actor_id)) {
        err->actor = "Kies een medewerker uit de lijst.";
        ok = false;
    }
    if ((v = param(rq, "actie")) != NULL) {
        if (name_like(v, sizeof(f->action) - 1, true))
            snprintf(f->action, sizeof(f->action), "%s", v);
        else {
            err->action = "Een actie bestaat uit kleine letters, punten en "
                          "liggende streepjes, zoals application.";
            ok = false;
        }
    }
    if ((v = param(rq, "type")) != NULL) {
        if (name_like(v, sizeof(f->object_type) - 1, false))
            snprintf(f->object_type, sizeof(f->object_type), "%s", v);
        else {
            err->object_type = "Een objecttype bestaat uit kleine letters en "
                               "liggende streepjes, zoals application.";
            ok = false;
        }
    }
    if ((v = param(rq, "object")) != NULL) {
        if (strlen(v) < sizeof(f->object_id) &&
            utf8_valid_text(v, strlen(v), false))
            snprintf(f->object_id, sizeof(f->object_id), "%s", v);
        else {
            err->object_id = "Vul een kortere objectcode in.";
            ok = false;
        }
    }
    if ((v = param(rq, "voor")) != NULL &&
        !staff_admin_parse_id(v, &f->before_id))
        f->before_id = 0; /* a broken page link: start at the newest */
    return ok;
}

static void
put_encoded(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
            buf_putc(b, (char)*p);
        else {
            buf_putc(b, '%');
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        }
    }
}

static void
put_param(struct buf *b, const char *name, const char *value)
{
    if (value[0] == '\0')
        return;
    if (b->len > 0)
        buf_putc(b, '&');
    buf_puts(b, name);
    buf_putc(b, '=');
    put_encoded(b, value);
}

void
staff_admin_audit_query(struct buf *b, const struct audit_filter *f)
{
    char actor[24] = "";

    if (f->actor_id > 0)
        snprintf(actor, sizeof(actor), "%lld", f->actor_id);
    put_param(b, "van", f->from);
    put_param(b, "tot", f->to);
    put_param(b, "wie", actor);
    put_param(b, "actie", f->action);
    put_param(b, "type", f->object_type);
    put_param(b, "object", f->object_id);
}

void
staff_admin_audit_filter_json(struct buf *b, const struct audit_filter *f)
{
    buf_puts(b, "{\"from\": ");
    staff_admin_json_str(b, f->from);
    buf_puts(b, ", \"to\": ");
    staff_admin_json_str(b, f->to);
    buf_printf(b, ", \"actor_user_id\": %lld, \"action\": ", f->actor_id);
    staff_admin_json_str(b, f->action);
    buf_puts(b, ", \"object_type\": ");
    staff_admin_json_str(b, f->object_type);
    buf_puts(b, ", \"object_id\": ");
    staff_admin_json_str(b, f->object_id);
    buf_putc(b, '}');
}

const char *
staff_admin_audit_actor(const char *actor_kind, const char *staff_name)
{
    if (strcmp(actor_kind, "staff") == 0)
        return staff_name;
    if (strcmp(actor_kind, "resident") == 0)
        return "bewoner";
    if (strcmp(actor_kind, "system") == 0)
        return "systeem";
    return "anoniem";
}
