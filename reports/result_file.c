#include "result_file.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

/* Fields kept per record; more are counted, not kept. */
#define MAX_FIELDS 16
/* The largest field kept (a reason is at most 500 characters, 4 bytes
 * each); a longer one is a problem, not a reason to grow. */
#define MAX_FIELD_BYTES 4096

enum { COL_REF, COL_STATUS, COL_DATE, COL_AMOUNT, COL_REASON, NCOLS };

static const char *const column_names[NCOLS] = {
    "referentie|reference|kenmerk|betalingskenmerk", "status|resultaat",
    "datum|date|betaaldatum", "bedrag|amount", "reden|reason|toelichting"};

static const char bom[] = "\xEF\xBB\xBF";

struct reader {
    struct result_file *f;
    char mark;          /* the expected decimal mark */
    unsigned line;      /* the physical line fed to libcsv */
    unsigned rec_line;  /* where the current record started */
    unsigned open_line; /* first line with content since the last record */
    size_t nfields;
    bool rec_bad;      /* a line of this record was not UTF-8 */
    unsigned bad_line; /* the last line that was not UTF-8 */
    bool first;        /* the next record is the first of the file */
    bool stop;         /* fatal: read no further */
    size_t ncols;      /* fields a data row must have (header's, or 4..5) */
    size_t pos[NCOLS]; /* field index of each column; SIZE_MAX: absent */
    struct buf cell[MAX_FIELDS];
    bool cell_long[MAX_FIELDS];
};

/* ---- problems ---- */

void
result_file_problem(struct result_file *f, unsigned line, const char *fmt, ...)
{
    struct result_problem *p;
    va_list ap;

    f->problems_total++;
    if (f->nproblems >= RESULT_FILE_MAX_PROBLEMS)
        return;
    if (f->nproblems == f->problems_cap) {
        size_t ncap = f->problems_cap ? f->problems_cap * 2 : 16;
        void *n = realloc(f->problem, ncap * sizeof(*f->problem));
        if (n == NULL) {
            f->no_memory = true;
            return;
        }
        f->problem = n;
        f->problems_cap = ncap;
    }
    p = &f->problem[f->nproblems++];
    p->line = line;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof(p->message), fmt, ap);
    va_end(ap);
}

void
result_file_sort_problems(struct result_file *f)
{
    size_t i, j;

    /* insertion sort: stable, and the list is nearly sorted already (the
     * reader adds in line order; the database checks follow in order) */
    for (i = 1; i < f->nproblems; i++) {
        struct result_problem tmp = f->problem[i];
        for (j = i; j > 0 && f->problem[j - 1].line > tmp.line; j--)
            f->problem[j] = f->problem[j - 1];
        f->problem[j] = tmp;
    }
}

void
result_file_excerpt(const char *s, size_t n, char *out, size_t outlen)
{
    size_t i = 0, o = 0, max = 40;

    if (outlen == 0)
        return;
    if (max > outlen - 4)
        max = outlen > 4 ? outlen - 4 : 0;
    while (i < n && o < max) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > n || o + len > max)
            break;
        if (c < 0x20 || c == 0x7F) {
            out[o++] = '?';
        } else {
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    if (i < n && o + 3 < outlen) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* ---- small readers ---- */

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
trim(const char **s, size_t *n)
{
    while (*n > 0 && is_blank((*s)[0])) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_blank((*s)[*n - 1]))
        (*n)--;
}

static char
lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool
equals_ci(const char *s, size_t n, const char *word, size_t wn)
{
    size_t i;

    if (n != wn)
        return false;
    for (i = 0; i < n; i++)
        if (lower(s[i]) != word[i])
            return false;
    return true;
}

/* Does s[0..n) equal one of the '|'-separated names (ASCII case aside)? */
static bool
name_matches(const char *names, const char *s, size_t n)
{
    for (;;) {
        const char *bar = strchr(names, '|');
        size_t len = bar ? (size_t)(bar - names) : strlen(names);
        if (equals_ci(s, n, names, len))
            return true;
        if (bar == NULL)
            return false;
        names = bar + 1;
    }
}

static bool
looks_like_reference(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || n > RESULT_REF_MAX)
        return false;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

static bool
digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

static int
num(const char *s, size_t n)
{
    int v = 0;
    size_t i;

    for (i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* dd-mm-yyyy or yyyy-mm-dd into ISO; false when unreadable (*exists
 * false) or when it reads but is no date (*exists... false as well, with
 * *readable true). */
static bool
parse_date(const char *s, size_t n, char iso[11], bool *readable)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    int d, m, y;

    *readable = false;
    if (n != 10)
        return false;
    if (digits(s, 2) && s[2] == '-' && digits(s + 3, 2) && s[5] == '-' &&
        digits(s + 6, 4)) {
        d = num(s, 2);
        m = num(s + 3, 2);
        y = num(s + 6, 4);
    } else if (digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
               digits(s + 8, 2)) {
        y = num(s, 4);
        m = num(s + 5, 2);
        d = num(s + 8, 2);
    } else {
        return false;
    }
    *readable = true;
    if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return false;
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d / 10);
    iso[9] = (char)('0' + d % 10);
    iso[10] = '\0';
    return true;
}

/* An amount "150,00" with the expected mark and two decimals. On failure
 * writes why (Dutch) into why. */
static bool
parse_amount(const char *s, size_t n, char mark, long long *cents, char *why,
             size_t whylen)
{
    char other = mark == ',' ? '.' : ',';
    const char *mark_name = mark == ',' ? "een komma" : "een punt";
    const char *other_name = mark == ',' ? "een punt" : "een komma";
    const char *m = memchr(s, mark, n), *o = memchr(s, other, n);
    char ex[64];
    size_t ip;
    long long v;

    result_file_excerpt(s, n, ex, sizeof(ex));
    if (n == 0) {
        snprintf(why, whylen, "het bedrag ontbreekt");
        return false;
    }
    if (s[0] == '-') {
        snprintf(why, whylen,
                 "bedrag '%s' is negatief; het moet groter "
                 "dan 0 zijn",
                 ex);
        return false;
    }
    if (m != NULL && o != NULL) {
        snprintf(why, whylen,
                 "bedrag '%s': laat het scheidingsteken voor duizendtallen "
                 "weg, zoals 1500%c00",
                 ex, mark);
        return false;
    }
    if (m == NULL && o != NULL) {
        snprintf(why, whylen,
                 "bedrag '%s' heeft %s als decimaalteken; verwacht is %s, "
                 "zoals 150%c00",
                 ex, other_name, mark_name, mark);
        return false;
    }
    if (m == NULL) {
        if (digits(s, n))
            snprintf(why, whylen,
                     "bedrag '%s' zonder centen; schrijf het met %s en twee "
                     "cijfers erachter, zoals %s%c00",
                     ex, mark_name, ex, mark);
        else
            snprintf(why, whylen,
                     "bedrag '%s' is geen bedrag; schrijf het zoals 150%c00",
                     ex, mark);
        return false;
    }
    ip = (size_t)(m - s);
    if (!digits(s, ip) || ip > 10 || n - ip - 1 != 2 || !digits(m + 1, 2)) {
        snprintf(why, whylen,
                 "bedrag '%s' is geen bedrag in euro's met twee cijfers "
                 "achter %s, zoals 150%c00",
                 ex, mark_name, mark);
        return false;
    }
    v = 0;
    for (size_t i = 0; i < ip; i++)
        v = v * 10 + (s[i] - '0');
    v = v * 100 + num(m + 1, 2);
    if (v <= 0) {
        snprintf(why, whylen, "bedrag '%s' moet groter dan 0 zijn", ex);
        return false;
    }
    *cents = v;
    return true;
}

/* Number of UTF-8 characters in s[0..n) (valid UTF-8). */
static size_t
utf8_chars(const char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* ---- rows ---- */

static bool
rows_grow(struct result_file *f)
{
    size_t ncap;
    void *n;

    if (f->count < f->cap)
        return true;
    ncap = f->cap ? f->cap * 2 : 64;
    n = realloc(f->row, ncap * sizeof(*f->row));
    if (n == NULL)
        return false;
    f->row = n;
    f->cap = ncap;
    return true;
}

static void
field(const struct reader *r, size_t col, const char **s, size_t *n)
{
    size_t p = r->pos[col];

    if (p == SIZE_MAX || p >= r->nfields || p >= MAX_FIELDS) {
        *s = "";
        *n = 0;
        return;
    }
    *s = r->cell[p].data ? r->cell[p].data : "";
    *n = r->cell[p].len;
    trim(s, n);
}

static void
data_row(struct reader *r)
{
    struct result_file *f = r->f;
    struct result_row row;
    const char *s;
    size_t n, problems = f->problems_total;
    unsigned line = r->rec_line;
    char ex[64], why[256];
    bool readable;

    memset(&row, 0, sizeof(row));
    row.line = line;
    f->records++;
    if (r->nfields != r->ncols && !(!f->header && r->nfields == NCOLS - 1)) {
        if (r->nfields > r->ncols && f->delimiter == ',' && r->mark == ',')
            result_file_problem(
                f, line,
                "%zu velden in plaats van %zu; staat er een komma in het "
                "bedrag? Zet het bedrag tussen aanhalingstekens (\"150,00\") "
                "of gebruik ; als scheidingsteken",
                r->nfields, r->ncols);
        else if (r->nfields == 1)
            result_file_problem(f, line,
                                "1 veld in plaats van %zu; staat er een "
                                "ander scheidingsteken dan '%c' in deze "
                                "regel?",
                                r->ncols, f->delimiter);
        else
            result_file_problem(f, line,
                                "%zu velden in plaats van %zu (referentie, "
                                "status, datum, bedrag, reden)",
                                r->nfields, r->ncols);
        return;
    }
    for (n = 0; n < r->nfields && n < MAX_FIELDS; n++)
        if (r->cell_long[n]) {
            result_file_problem(f, line, "een veld is langer dan %d tekens",
                                MAX_FIELD_BYTES);
            return;
        }

    field(r, COL_REF, &s, &n);
    result_file_excerpt(s, n, ex, sizeof(ex));
    if (n == 0)
        result_file_problem(f, line, "de referentie ontbreekt");
    else if (!looks_like_reference(s, n))
        result_file_problem(f, line,
                            "referentie '%s' is geen betalingskenmerk van "
                            "ons (hoofdletters, cijfers en streepjes)",
                            ex);
    else
        memcpy(row.reference, s, n);

    field(r, COL_STATUS, &s, &n);
    result_file_excerpt(s, n, ex, sizeof(ex));
    if (equals_ci(s, n, "betaald", 7))
        row.status = RESULT_BETAALD;
    else if (equals_ci(s, n, "geweigerd", 9))
        row.status = RESULT_GEWEIGERD;
    else if (n == 0)
        result_file_problem(f, line,
                            "de status ontbreekt: gebruik betaald "
                            "of geweigerd");
    else
        result_file_problem(f, line,
                            "status '%s' onbekend: gebruik betaald of "
                            "geweigerd",
                            ex);

    field(r, COL_DATE, &s, &n);
    result_file_excerpt(s, n, ex, sizeof(ex));
    if (!parse_date(s, n, row.date, &readable)) {
        if (n == 0)
            result_file_problem(f, line, "de datum ontbreekt");
        else if (readable)
            result_file_problem(f, line, "datum '%s' bestaat niet", ex);
        else
            result_file_problem(f, line,
                                "datum '%s' is niet te lezen: gebruik "
                                "dd-mm-jjjj, zoals 17-11-2026",
                                ex);
    }

    field(r, COL_AMOUNT, &s, &n);
    if (!parse_amount(s, n, r->mark, &row.amount_cents, why, sizeof(why)))
        result_file_problem(f, line, "%s", why);

    field(r, COL_REASON, &s, &n);
    if (n > 0) {
        if (!utf8_valid_text(s, n, false))
            result_file_problem(f, line,
                                "de reden bevat een regeleinde of "
                                "een stuurteken");
        else if (utf8_chars(s, n) > RESULT_REASON_MAX)
            result_file_problem(f, line, "de reden is langer dan %d tekens",
                                RESULT_REASON_MAX);
        else if ((row.reason = strndup(s, n)) == NULL)
            f->no_memory = true;
    }

    if (f->problems_total != problems || f->no_memory) {
        free(row.reason);
        return;
    }
    if (!rows_grow(f)) {
        free(row.reason);
        f->no_memory = true;
        return;
    }
    f->row[f->count++] = row;
}

/* The first record: a header, or already a data row. */
static void
first_record(struct reader *r)
{
    struct result_file *f = r->f;
    const char *s = r->cell[0].data ? r->cell[0].data : "";
    size_t n = r->cell[0].len, k, i;

    trim(&s, &n);
    f->header = name_matches(column_names[COL_REF], s, n) ||
                !looks_like_reference(s, n);
    if (!f->header) {
        for (k = 0; k < NCOLS; k++)
            r->pos[k] = k;
        r->ncols = NCOLS;
        data_row(r);
        return;
    }
    for (k = 0; k < NCOLS; k++)
        r->pos[k] = SIZE_MAX;
    for (i = 0; i < r->nfields && i < MAX_FIELDS; i++) {
        s = r->cell[i].data ? r->cell[i].data : "";
        n = r->cell[i].len;
        trim(&s, &n);
        for (k = 0; k < NCOLS; k++) {
            if (!name_matches(column_names[k], s, n))
                continue;
            if (r->pos[k] != SIZE_MAX) {
                result_file_problem(f, r->rec_line,
                                    "kolom '%.*s' staat twee keer in de "
                                    "kopregel",
                                    (int)strcspn(column_names[k], "|"),
                                    column_names[k]);
                r->stop = true;
            }
            r->pos[k] = i;
        }
    }
    for (k = 0; k < COL_REASON; k++) {
        if (r->pos[k] != SIZE_MAX)
            continue;
        result_file_problem(
            f, r->rec_line,
            "kolom '%.*s' ontbreekt in de kopregel (verwacht: referentie, "
            "status, datum, bedrag en eventueel reden, gescheiden door '%c')",
            (int)strcspn(column_names[k], "|"), column_names[k], f->delimiter);
        r->stop = true;
    }
    r->ncols = r->nfields;
}

/* ---- libcsv callbacks ---- */

static size_t
count_newlines(const char *s, size_t n)
{
    size_t k = 0, i;

    for (i = 0; i < n; i++)
        if (s[i] == '\n')
            k++;
    return k;
}

static void
on_field(void *s, size_t n, void *cls)
{
    struct reader *r = cls;
    const char *v = s ? s : "";

    if (r->stop)
        return;
    if (s == NULL)
        n = 0;
    if (r->nfields == 0) {
        r->rec_line = r->line - (unsigned)count_newlines(v, n);
        /* a bare CR ends a record inside a line: the next record on a
         * line that is not UTF-8 is not readable either */
        if (r->line == r->bad_line)
            r->rec_bad = true;
    }
    if (r->nfields < MAX_FIELDS) {
        if (n > MAX_FIELD_BYTES)
            r->cell_long[r->nfields] = true;
        else if (!buf_append(&r->cell[r->nfields], v, n))
            r->f->no_memory = true;
    }
    r->nfields++;
}

static void
on_record(int term, void *cls)
{
    struct reader *r = cls;
    size_t k;

    (void)term;
    if (r->stop)
        return;
    if (r->rec_bad) {
        /* the encoding problem is listed already; count the row */
        if (!r->first)
            r->f->records++;
    } else if (r->first) {
        first_record(r);
    } else if (r->f->records >= RESULT_FILE_MAX_ROWS) {
        result_file_problem(r->f, r->rec_line,
                            "meer dan %d regels: splits het bestand",
                            RESULT_FILE_MAX_ROWS);
        r->stop = true;
    } else {
        data_row(r);
    }
    if (r->first && r->rec_bad) {
        /* an unreadable first line: take the columns in their order */
        for (k = 0; k < NCOLS; k++)
            r->pos[k] = k;
        r->ncols = NCOLS;
    }
    r->first = false;
    r->rec_bad = false;
    r->nfields = 0;
    r->open_line = 0;
    for (k = 0; k < MAX_FIELDS; k++) {
        buf_reset(&r->cell[k]);
        r->cell_long[k] = false;
    }
    if (r->f->no_memory)
        r->stop = true;
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

/* The delimiter of the first line with content: ';' or ',', whichever
 * occurs more often outside quotes (';' on a tie); 0 when neither. */
static char
detect_delimiter(const char *data, size_t len)
{
    size_t i = 0, semi = 0, comma = 0;
    bool quoted = false;

    while (i < len) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        if (has_content(data + i, end - i)) {
            for (; i < end; i++) {
                if (data[i] == '"')
                    quoted = !quoted;
                else if (!quoted && data[i] == ';')
                    semi++;
                else if (!quoted && data[i] == ',')
                    comma++;
            }
            break;
        }
        i = end + 1;
    }
    if (semi == 0 && comma == 0)
        return 0;
    return comma > semi ? ',' : ';';
}

static void
feed(struct reader *r, struct csv_parser *p, const char *data, size_t len)
{
    const char *end = data + len;

    while (data < end && !r->stop) {
        const char *nl = memchr(data, '\n', (size_t)(end - data));
        size_t n = nl ? (size_t)(nl - data) + 1 : (size_t)(end - data);

        r->line++;
        if (!utf8_valid(data, n)) {
            result_file_problem(r->f, r->line,
                                "deze regel is geen geldige UTF-8 (tekens "
                                "als é of ë in een andere codering, zoals "
                                "Latin-1); sla het bestand op als UTF-8");
            r->rec_bad = true;
            r->bad_line = r->line;
        }
        if (r->open_line == 0 && has_content(data, n))
            r->open_line = r->line;
        if (csv_parse(p, data, n, on_field, on_record, r) != n && !r->stop) {
            if (csv_error(p) == CSV_EPARSE)
                result_file_problem(r->f, r->line,
                                    "aanhalingsteken op een onverwachte "
                                    "plek; het bestand is verder niet "
                                    "gelezen");
            else
                r->f->no_memory = true;
            r->stop = true;
        }
        data += n;
    }
}

/* ---- duplicates ---- */

struct ref_at {
    const char *ref;
    unsigned line;
    size_t idx;
};

static int
ref_at_cmp(const void *a, const void *b)
{
    const struct ref_at *x = a, *y = b;
    int c = strcmp(x->ref, y->ref);

    if (c != 0)
        return c;
    return x->line < y->line ? -1 : (x->line > y->line ? 1 : 0);
}

/* A reference on more than one row: a problem on every later row, which
 * leaves the list of rows (the file cannot be applied anyway). */
static void
find_duplicates(struct result_file *f)
{
    struct ref_at *v;
    bool *drop;
    size_t i, o;

    if (f->count < 2)
        return;
    v = calloc(f->count, sizeof(*v));
    drop = calloc(f->count, sizeof(*drop));
    if (v == NULL || drop == NULL) {
        free(v);
        free(drop);
        f->no_memory = true;
        return;
    }
    for (i = 0; i < f->count; i++) {
        v[i].ref = f->row[i].reference;
        v[i].line = f->row[i].line;
        v[i].idx = i;
    }
    qsort(v, f->count, sizeof(*v), ref_at_cmp);
    for (i = 1; i < f->count; i++)
        if (strcmp(v[i].ref, v[i - 1].ref) == 0)
            drop[v[i].idx] = true;
    for (i = 0; i < f->count; i++) {
        size_t k;
        if (!drop[v[i].idx])
            continue;
        for (k = i; k > 0 && drop[v[k - 1].idx]; k--)
            ;
        /* v[k - 1] is the first row with this reference */
        result_file_problem(f, v[i].line,
                            "dubbele regel: referentie %s staat ook op "
                            "regel %u",
                            v[i].ref, k > 0 ? v[k - 1].line : 0);
    }
    for (i = 0, o = 0; i < f->count; i++) {
        if (drop[i]) {
            free(f->row[i].reason);
            continue;
        }
        f->row[o++] = f->row[i];
    }
    f->count = o;
    free(v);
    free(drop);
}

bool
result_file_parse(const char *data, size_t len, char decimal_mark,
                  struct result_file *out)
{
    struct csv_parser parser;
    struct reader r;
    size_t k;

    memset(out, 0, sizeof(*out));
    memset(&r, 0, sizeof(r));
    r.f = out;
    r.mark = decimal_mark == '.' ? '.' : ',';
    r.first = true;
    if (len >= 3 && memcmp(data, bom, 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (!has_content(data, len)) {
        result_file_problem(out, 0, "het bestand is leeg");
        return false;
    }
    out->delimiter = detect_delimiter(data, len);
    if (out->delimiter == 0) {
        result_file_problem(out, 1,
                            "geen scheidingsteken gevonden: zet ; of , "
                            "tussen de kolommen (referentie, status, datum, "
                            "bedrag, reden)");
        return false;
    }
    for (k = 0; k < MAX_FIELDS; k++)
        buf_init(&r.cell[k], MAX_FIELD_BYTES);
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
                              CSV_EMPTY_IS_NULL) != 0) {
        out->no_memory = true;
        return false;
    }
    csv_set_delim(&parser, (unsigned char)out->delimiter);
    feed(&r, &parser, data, len);
    if (!r.stop && csv_fini(&parser, on_field, on_record, &r) != 0 && !r.stop)
        result_file_problem(out, r.open_line ? r.open_line : r.line,
                            "aanhalingsteken wordt niet afgesloten; het "
                            "bestand is vanaf hier niet gelezen");
    csv_free(&parser);
    for (k = 0; k < MAX_FIELDS; k++)
        buf_free(&r.cell[k]);
    if (!out->no_memory)
        find_duplicates(out);
    result_file_sort_problems(out);
    if (out->no_memory)
        result_file_problem(out, 0,
                            "onvoldoende geheugen om het bestand te "
                            "lezen");
    else if (out->records == 0 && out->problems_total == 0)
        result_file_problem(out, 0,
                            "het bestand heeft geen regels met "
                            "betalingen, alleen een kopregel");
    return out->problems_total == 0 && out->count > 0;
}

void
result_file_free(struct result_file *f)
{
    size_t i;

    for (i = 0; i < f->count; i++)
        free(f->row[i].reason);
    free(f->row);
    free(f->problem);
    memset(f, 0, sizeof(*f));
}
