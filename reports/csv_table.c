#include "csv_table.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

static const char bom[] = "\xEF\xBB\xBF";

bool
csv_array_grow(void **items, size_t *cap, size_t need, size_t size)
{
    size_t ncap = *cap ? *cap : 16;
    void *p;

    if (need <= *cap)
        return true;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return false;
        ncap *= 2;
    }
    if (size == 0 || ncap > SIZE_MAX / size)
        return false;
    p = realloc(*items, ncap * size);
    if (p == NULL)
        return false;
    *items = p;
    *cap = ncap;
    return true;
}

bool
csv_rejects_add(struct csv_rejects *r, unsigned line, const char *fmt, ...)
{
    struct csv_reject *it;
    void *items = r->item;
    va_list ap;

    if (!csv_array_grow(&items, &r->cap, r->count + 1, sizeof(*r->item)))
        return false;
    r->item = items;
    it = &r->item[r->count++];
    it->line = line;
    va_start(ap, fmt);
    vsnprintf(it->reason, sizeof(it->reason), fmt, ap);
    va_end(ap);
    return true;
}

void
csv_rejects_free(struct csv_rejects *r)
{
    free(r->item);
    r->item = NULL;
    r->count = 0;
    r->cap = 0;
}

/* ---- reading ---- */

struct reader {
    const struct csv_table_spec *spec;
    struct csv_rejects *rejects;
    struct csv_error *err;
    unsigned line;      /* the line being fed to libcsv */
    unsigned rec_line;  /* where the current record started */
    unsigned open_line; /* first line fed since the last record ended */
    bool header_done;
    size_t nheader;                    /* fields in the header */
    size_t nfields;                    /* fields so far in this record */
    size_t pos[CSV_TABLE_MAX_COLUMNS]; /* header position of column k */
    struct buf value[CSV_TABLE_MAX_COLUMNS];
};

static void fatal(struct reader *r, enum csv_fatal kind, unsigned line,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
fatal(struct reader *r, enum csv_fatal kind, unsigned line, const char *fmt,
      ...)
{
    va_list ap;
    int n = 0;

    if (r->err->kind != CSV_FATAL_NONE)
        return; /* keep the first */
    r->err->kind = kind;
    r->err->line = line;
    if (line > 0)
        n = snprintf(r->err->message, sizeof(r->err->message),
                     "regel %u: ", line);
    if (n < 0 || (size_t)n >= sizeof(r->err->message))
        n = 0;
    va_start(ap, fmt);
    vsnprintf(r->err->message + n, sizeof(r->err->message) - (size_t)n, fmt,
              ap);
    va_end(ap);
}

static bool
failed(const struct reader *r)
{
    return r->err->kind != CSV_FATAL_NONE;
}

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t
count_newlines(const char *s, size_t n)
{
    size_t k = 0;

    while (n > 0) {
        const char *nl = memchr(s, '\n', n);
        if (nl == NULL)
            break;
        k++;
        n -= (size_t)(nl - s) + 1;
        s = nl + 1;
    }
    return k;
}

static char
ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Does the header field s[0..n) equal one of the '|'-separated names? */
static bool
header_matches(const char *names, const char *s, size_t n)
{
    size_t i;

    while (n > 0 && is_blank(s[0])) {
        s++;
        n--;
    }
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    for (;;) {
        const char *bar = strchr(names, '|');
        size_t len = bar ? (size_t)(bar - names) : strlen(names);

        if (len == n) {
            for (i = 0; i < n; i++)
                if (ascii_lower(names[i]) != ascii_lower(s[i]))
                    break;
            if (i == n)
                return true;
        }
        if (bar == NULL)
            return false;
        names = bar + 1;
    }
}

/* The first spelling of a column name, for messages. */
static void
first_name(const char *names, char *out, size_t outlen)
{
    size_t len = strcspn(names, "|");

    snprintf(out, outlen, "%.*s", (int)len, names);
}

static void
header_field(struct reader *r, const char *s, size_t n)
{
    char name[64];
    size_t k;

    for (k = 0; k < r->spec->ncolumns; k++) {
        if (!header_matches(r->spec->columns[k], s, n))
            continue;
        if (r->pos[k] != SIZE_MAX) {
            first_name(r->spec->columns[k], name, sizeof(name));
            fatal(r, CSV_FATAL_HEADER, r->line,
                  "kolom '%s' staat twee keer in de kopregel "
                  "(column named twice in the header)",
                  name);
            return;
        }
        r->pos[k] = r->nfields;
    }
}

static void
on_field(void *s, size_t n, void *cls)
{
    struct reader *r = cls;
    const char *f = s ? s : "";
    size_t k;

    if (failed(r))
        return;
    if (s == NULL)
        n = 0;
    if (r->nfields == 0)
        r->rec_line = r->line - (unsigned)count_newlines(f, n);
    if (!r->header_done) {
        header_field(r, f, n);
    } else {
        for (k = 0; k < r->spec->ncolumns; k++) {
            if (r->pos[k] == r->nfields && !buf_append(&r->value[k], f, n))
                fatal(r, CSV_FATAL_NO_MEMORY, 0,
                      "onvoldoende geheugen (out of memory)");
        }
    }
    r->nfields++;
}

static void
header_end(struct reader *r)
{
    char name[64];
    size_t k;

    for (k = 0; k < r->spec->ncolumns; k++) {
        if (r->pos[k] != SIZE_MAX)
            continue;
        first_name(r->spec->columns[k], name, sizeof(name));
        fatal(r, CSV_FATAL_HEADER, r->rec_line,
              "kolom '%s' ontbreekt in de kopregel "
              "(header lacks column '%s')",
              name, name);
        return;
    }
    r->nheader = r->nfields;
    r->header_done = true;
}

static void
record_end(struct reader *r)
{
    struct csv_record rec;
    size_t k;

    if (r->nfields != r->nheader) {
        if (!csv_rejects_add(r->rejects, r->rec_line,
                             "%zu velden in plaats van %zu zoals in de "
                             "kopregel",
                             r->nfields, r->nheader))
            fatal(r, CSV_FATAL_NO_MEMORY, 0,
                  "onvoldoende geheugen (out of memory)");
        return;
    }
    memset(&rec, 0, sizeof(rec));
    rec.line = r->rec_line;
    for (k = 0; k < r->spec->ncolumns; k++) {
        rec.field[k] = r->value[k].data ? r->value[k].data : "";
        rec.len[k] = r->value[k].len;
    }
    if (!r->spec->on_record(r->spec->cls, &rec))
        fatal(r, CSV_FATAL_NO_MEMORY, 0,
              "onvoldoende geheugen (out of memory)");
}

static void
on_record(int term, void *cls)
{
    struct reader *r = cls;
    size_t k;

    (void)term;
    if (failed(r))
        return;
    if (!r->header_done)
        header_end(r);
    else
        record_end(r);
    if (r->rejects->count > CSV_TABLE_MAX_REJECTS)
        fatal(r, CSV_FATAL_REJECTS, 0,
              "meer dan %d afgekeurde regels: is dit het goede bestand? "
              "(too many rejected rows)",
              CSV_TABLE_MAX_REJECTS);
    r->nfields = 0;
    r->open_line = 0;
    for (k = 0; k < r->spec->ncolumns; k++)
        buf_reset(&r->value[k]);
}

static bool
has_content(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_blank(s[i]))
            return true;
    return false;
}

/* Feed the data to libcsv one physical line at a time, so that every
 * callback knows its line and an invalid line stops the reading there. */
static void
feed(struct reader *r, struct csv_parser *p, const char *data, size_t len)
{
    const char *end = data + len;

    while (data < end && !failed(r)) {
        const char *nl = memchr(data, '\n', (size_t)(end - data));
        size_t n = nl ? (size_t)(nl - data) + 1 : (size_t)(end - data);

        r->line++;
        if (!utf8_valid(data, n)) {
            fatal(r, CSV_FATAL_NOT_UTF8, r->line,
                  "geen geldige UTF-8; sla het bestand op als UTF-8 "
                  "(not valid UTF-8)");
            return;
        }
        if (r->open_line == 0 && has_content(data, n))
            r->open_line = r->line;
        if (csv_parse(p, data, n, on_field, on_record, r) != n && !failed(r)) {
            if (csv_error(p) == CSV_EPARSE)
                fatal(r, CSV_FATAL_SYNTAX, r->line,
                      "aanhalingsteken op een onverwachte plek "
                      "(misplaced quote)");
            else
                fatal(r, CSV_FATAL_NO_MEMORY, 0,
                      "onvoldoende geheugen (out of memory)");
        }
        data += n;
    }
}

static void
finish(struct reader *r, struct csv_parser *p)
{
    unsigned open_line = r->open_line ? r->open_line : r->line;

    if (csv_fini(p, on_field, on_record, r) != 0 && !failed(r)) {
        fatal(r, CSV_FATAL_SYNTAX, open_line,
              "aanhalingsteken wordt niet afgesloten "
              "(unterminated quote)");
        return;
    }
    if (!failed(r) && !r->header_done)
        fatal(r, CSV_FATAL_EMPTY, 0,
              "het bestand is leeg of heeft geen kopregel "
              "(empty file, no header row)");
}

static void
error_init(struct csv_error *err)
{
    err->kind = CSV_FATAL_NONE;
    err->line = 0;
    err->message[0] = '\0';
}

bool
csv_table_read(const char *data, size_t len, const struct csv_table_spec *spec,
               struct csv_rejects *rejects, struct csv_error *err)
{
    struct csv_parser parser;
    struct reader r;
    size_t k;

    error_init(err);
    memset(&r, 0, sizeof(r));
    r.spec = spec;
    r.rejects = rejects;
    r.err = err;
    if (spec->ncolumns == 0 || spec->ncolumns > CSV_TABLE_MAX_COLUMNS) {
        fatal(&r, CSV_FATAL_HEADER, 0,
              "ongeldige kolomlijst (bad column list)");
        return false;
    }
    if (len > CSV_TABLE_MAX_BYTES) {
        fatal(&r, CSV_FATAL_TOO_LARGE, 0,
              "het bestand is groter dan %zu MiB (file too large)",
              CSV_TABLE_MAX_BYTES / (1024 * 1024));
        return false;
    }
    if (len >= 3 && memcmp(data, bom, 3) == 0) {
        data += 3;
        len -= 3;
    }
    for (k = 0; k < spec->ncolumns; k++) {
        r.pos[k] = SIZE_MAX;
        buf_init(&r.value[k], CSV_TABLE_MAX_BYTES);
    }
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
                              CSV_EMPTY_IS_NULL) != 0) {
        fatal(&r, CSV_FATAL_NO_MEMORY, 0,
              "onvoldoende geheugen (out of memory)");
        return false;
    }
    csv_set_delim(&parser, ';');
    feed(&r, &parser, data, len);
    if (!failed(&r))
        finish(&r, &parser);
    csv_free(&parser);
    for (k = 0; k < spec->ncolumns; k++)
        buf_free(&r.value[k]);
    return !failed(&r);
}
