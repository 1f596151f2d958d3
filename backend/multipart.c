#include "multipart.h"

#include <string.h>
#include <strings.h>

/* A part's header block is a few short lines; longer ones are not from a
 * browser. */
#define MAX_HEADER_LINE 1024
#define MAX_HEADERS 8

/* The first needle[0..nlen) in hay[0..hlen), or NULL (memmem is a GNU
 * extension). */
static const char *
find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    const char *end = hay + hlen;

    while ((size_t)(end - hay) >= nlen) {
        const char *c = memchr(hay, needle[0], (size_t)(end - hay) - nlen + 1);
        if (c == NULL)
            return NULL;
        if (memcmp(c, needle, nlen) == 0)
            return c;
        hay = c + 1;
    }
    return NULL;
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* RFC 2046 bchars, without the final space. */
static bool
is_bchar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("'()+_,-./:=? ", c) != NULL;
}

enum multipart_status
multipart_boundary(const char *ct, char out[MULTIPART_BOUNDARY_MAX + 1])
{
    static const char type[] = "multipart/form-data";
    const char *p;
    size_t n = 0;

    out[0] = '\0';
    if (ct == NULL)
        return MULTIPART_NOT_MULTIPART;
    while (is_space(*ct))
        ct++;
    if (strncasecmp(ct, type, sizeof(type) - 1) != 0)
        return MULTIPART_NOT_MULTIPART;
    p = ct + sizeof(type) - 1;
    while (is_space(*p))
        p++;
    if (*p != ';' && *p != '\0')
        return MULTIPART_NOT_MULTIPART;
    /* parameters: ; name=value ... */
    while (*p == ';') {
        const char *name;
        size_t nlen;
        p++;
        while (is_space(*p))
            p++;
        name = p;
        while (*p && *p != '=' && *p != ';')
            p++;
        nlen = (size_t)(p - name);
        while (nlen > 0 && is_space(name[nlen - 1]))
            nlen--;
        if (*p != '=')
            continue;
        p++;
        if (nlen == 8 && strncasecmp(name, "boundary", 8) == 0) {
            bool quoted = *p == '"';
            if (quoted)
                p++;
            while (*p && (quoted ? *p != '"' : (*p != ';' && !is_space(*p)))) {
                if (n >= MULTIPART_BOUNDARY_MAX || !is_bchar(*p))
                    return MULTIPART_BAD_BOUNDARY;
                out[n++] = *p++;
            }
            if (quoted && *p != '"')
                return MULTIPART_BAD_BOUNDARY;
            out[n] = '\0';
            /* a boundary does not end in a space (RFC 2046) */
            if (n == 0 || out[n - 1] == ' ')
                return MULTIPART_BAD_BOUNDARY;
            return MULTIPART_OK;
        }
        /* skip another parameter's value, quoted or not */
        if (*p == '"') {
            p++;
            while (*p && *p != '"')
                p++;
            if (*p == '"')
                p++;
        }
        while (*p && *p != ';')
            p++;
    }
    return MULTIPART_BAD_BOUNDARY;
}

/* The value of parameter param ("name", "filename") in a
 * Content-Disposition line s[0..n). */
static bool
disposition_param(const char *s, size_t n, const char *param, const char **val,
                  size_t *vlen)
{
    size_t plen = strlen(param), i = 0;

    while (i < n) {
        size_t start;
        /* to the next ';' outside quotes */
        while (i < n && s[i] != ';') {
            if (s[i] == '"') {
                i++;
                while (i < n && s[i] != '"')
                    i++;
            }
            if (i < n)
                i++;
        }
        if (i >= n)
            return false;
        i++;
        while (i < n && is_space(s[i]))
            i++;
        start = i;
        /* cppcheck-suppress knownConditionTrueFalse ; i may be below n */
        if (n - i > plen && strncasecmp(s + i, param, plen) == 0 &&
            s[i + plen] == '=') {
            i += plen + 1;
            if (i < n && s[i] == '"') {
                const char *q = memchr(s + i + 1, '"', n - i - 1);
                if (q == NULL)
                    return false;
                *val = s + i + 1;
                *vlen = (size_t)(q - (s + i + 1));
                return true;
            }
            *val = s + i;
            while (i < n && s[i] != ';' && !is_space(s[i]))
                i++;
            *vlen = (size_t)(s + i - *val);
            return true;
        }
        i = start;
    }
    return false;
}

/* The header block of one part, from *p up to and including the empty
 * line. Fills name and filename. */
static enum multipart_status
part_headers(const char **p, const char *end, struct multipart_part *part)
{
    static const char cd[] = "content-disposition:";
    int lines = 0;
    bool have_cd = false;

    for (;;) {
        const char *eol, *s = *p;
        size_t n;
        if (s >= end)
            return MULTIPART_MALFORMED;
        eol = memchr(s, '\n', (size_t)(end - s));
        if (eol == NULL || eol == s || eol[-1] != '\r')
            return MULTIPART_MALFORMED;
        n = (size_t)(eol - 1 - s);
        *p = eol + 1;
        if (n == 0)
            break; /* the empty line: the data follows */
        if (n > MAX_HEADER_LINE || ++lines > MAX_HEADERS)
            return MULTIPART_MALFORMED;
        if (n >= sizeof(cd) - 1 && strncasecmp(s, cd, sizeof(cd) - 1) == 0) {
            const char *v = s + sizeof(cd) - 1;
            size_t vn = n - (sizeof(cd) - 1);
            if (have_cd)
                return MULTIPART_MALFORMED;
            have_cd = true;
            while (vn > 0 && is_space(*v)) {
                v++;
                vn--;
            }
            if (vn < 9 || strncasecmp(v, "form-data", 9) != 0 ||
                (vn > 9 && v[9] != ';' && !is_space(v[9])))
                return MULTIPART_MALFORMED;
            if (!disposition_param(v, vn, "name", &part->name,
                                   &part->name_len) ||
                part->name_len == 0)
                return MULTIPART_MALFORMED;
            if (!disposition_param(v, vn, "filename", &part->filename,
                                   &part->filename_len))
                part->filename = NULL;
        }
    }
    return have_cd ? MULTIPART_OK : MULTIPART_MALFORMED;
}

enum multipart_status
multipart_parse(const char *body, size_t len, const char *boundary,
                struct multipart *out)
{
    char delim[4 + MULTIPART_BOUNDARY_MAX + 1];
    size_t blen = strlen(boundary), dlen, i, j;
    const char *p, *end = body + len;

    memset(out, 0, sizeof(*out));
    if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
        return MULTIPART_BAD_BOUNDARY;
    /* "\r\n--boundary"; the first one comes without the line break */
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, blen);
    dlen = 4 + blen;
    if (len < dlen - 2 || memcmp(body, delim + 2, dlen - 2) != 0)
        return MULTIPART_MALFORMED;
    p = body + dlen - 2;
    for (;;) {
        struct multipart_part *part;
        enum multipart_status st;
        const char *next;
        /* after a boundary: "--" ends the body, else a line break */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            break;
        while (p < end && is_space(*p))
            p++;
        /* cppcheck-suppress knownConditionTrueFalse ; p may be at end */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return MULTIPART_MALFORMED;
        p += 2;
        if (out->count == MULTIPART_MAX_PARTS)
            return MULTIPART_TOO_MANY;
        part = &out->part[out->count];
        st = part_headers(&p, end, part);
        if (st != MULTIPART_OK)
            return st;
        next = find(p, (size_t)(end - p), delim, dlen);
        if (next == NULL)
            return MULTIPART_MALFORMED;
        part->data = p;
        part->len = (size_t)(next - p);
        out->count++;
        p = next + dlen;
    }
    if (out->count == 0)
        return MULTIPART_MALFORMED;
    for (i = 0; i < out->count; i++)
        for (j = i + 1; j < out->count; j++)
            if (out->part[i].name_len == out->part[j].name_len &&
                memcmp(out->part[i].name, out->part[j].name,
                       out->part[i].name_len) == 0)
                return MULTIPART_DUPLICATE;
    return MULTIPART_OK;
}

const struct multipart_part *
multipart_get(const struct multipart *m, const char *name)
{
    size_t i, n = strlen(name);

    for (i = 0; i < m->count; i++)
        if (m->part[i].name_len == n && memcmp(m->part[i].name, name, n) == 0)
            return &m->part[i];
    return NULL;
}

bool
multipart_text(const struct multipart *m, const char *name, char *out,
               size_t outlen)
{
    const struct multipart_part *p = multipart_get(m, name);

    if (outlen == 0)
        return false;
    out[0] = '\0';
    if (p == NULL || p->len >= outlen || memchr(p->data, '\0', p->len))
        return false;
    memcpy(out, p->data, p->len);
    out[p->len] = '\0';
    return true;
}

const char *
multipart_status_message(enum multipart_status st)
{
    switch (st) {
    case MULTIPART_OK:
        return "";
    case MULTIPART_NOT_MULTIPART:
        return "Dit formulier kwam niet goed aan: het bestand ontbreekt. "
               "Kies het bestand en probeer het opnieuw.";
    case MULTIPART_BAD_BOUNDARY:
    case MULTIPART_MALFORMED:
        return "Het formulier met het bestand kwam beschadigd aan. Laad de "
               "pagina opnieuw en probeer het nog een keer.";
    case MULTIPART_TOO_MANY:
    case MULTIPART_DUPLICATE:
        return "Het formulier bevat meer velden dan wij verwachten. Laad de "
               "pagina opnieuw en probeer het nog een keer.";
    }
    return "Het formulier kwam niet goed aan.";
}
