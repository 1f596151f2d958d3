#include "staff_fields.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

bool
staff_email_valid(const char *email)
{
    size_t n = strlen(email);
    const char *at = strchr(email, '@'), *dot;

    if (n < 3 || n > STAFF_EMAIL_MAX_BYTES ||
        !utf8_valid_text(email, n, false) || strchr(email, ' ') != NULL)
        return false;
    if (at == NULL || at == email || strchr(at + 1, '@') != NULL)
        return false;
    dot = strrchr(at + 1, '.');
    return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

bool
staff_name_valid(const char *name)
{
    size_t n = strlen(name), chars = 0, i;

    if (n == 0 || !utf8_valid_text(name, n, false) || name[0] == ' ' ||
        name[n - 1] == ' ')
        return false;
    for (i = 0; i < n; i++)
        if (((unsigned char)name[i] & 0xC0) != 0x80)
            chars++;
    return chars <= STAFF_NAME_MAX_CHARS;
}

bool
staff_role_valid(const char *role)
{
    static const char *const roles[] = {"makelaar", "financien", "beheerder",
                                        "beleid"};
    size_t i;

    for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
        if (strcmp(role, roles[i]) == 0)
            return true;
    return false;
}

/* The wijk number 1..10 of a two-digit code p[0..len), or -1. */
static int
wijk_number(const char *p, size_t len)
{
    int w;

    if (len != 2 || p[0] < '0' || p[0] > '1' || p[1] < '0' || p[1] > '9')
        return -1;
    w = (p[0] - '0') * 10 + (p[1] - '0');
    return (w >= 1 && w <= STAFF_WIJKEN_MAX) ? w : -1;
}

bool
staff_wijken_parse(const char *list, struct staff_wijken *out, char *msg,
                   size_t msglen)
{
    bool seen[STAFF_WIJKEN_MAX + 1] = {false};
    const char *p = list;
    size_t pos = 0;
    int w;

    memset(out, 0, sizeof(*out));
    while (*p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);

        w = wijk_number(p, len);
        if (w < 0) {
            snprintf(msg, msglen,
                     "ongeldige wijkcode '%.*s': gebruik 01 tot en met 10, "
                     "gescheiden door komma's (invalid wijk code: use 01 to "
                     "10, separated by commas)",
                     (int)(len > 20 ? 20 : len), p);
            return false;
        }
        if (seen[w]) {
            snprintf(msg, msglen,
                     "wijk %02d staat er twee keer (wijk %02d given twice)", w,
                     w);
            return false;
        }
        seen[w] = true;
        p += len;
        if (*p == ',' && *++p == '\0') {
            snprintf(msg, msglen,
                     "lege wijkcode na de laatste komma (empty wijk code "
                     "after the last comma)");
            return false;
        }
    }
    for (w = 1; w <= STAFF_WIJKEN_MAX; w++) {
        if (!seen[w])
            continue;
        snprintf(out->codes[out->n], sizeof(out->codes[out->n]), "%02d", w);
        /* at most 10 * "NN," - 1 = 29 bytes: always fits in canon */
        pos +=
            (size_t)snprintf(out->canon + pos, sizeof(out->canon) - pos, "%s%s",
                             out->n > 0 ? "," : "", out->codes[out->n]);
        out->n++;
    }
    return true;
}
