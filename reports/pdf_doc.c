#include "pdf_doc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 portrait in points; 20 mm margins at the sides and the top. The
 * footer (rule, generated line, page number) lies below BOTTOM_Y. */
#define PAGE_W 595.276f
#define PAGE_H 841.89f
#define MARGIN_X 56.69f
#define TOP_Y (PAGE_H - 56.69f)
#define BOTTOM_Y 70.0f
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define FOOTER_RULE_Y 52.0f
#define FOOTER_TEXT_Y 38.0f
#define HEADER_TEXT_Y (PAGE_H - 34.0f)
#define HEADER_RULE_Y (PAGE_H - 40.0f)

#define BODY_SIZE 10.0f
#define BODY_LEAD 14.0f
#define SMALL_SIZE 8.0f
#define TABLE_SIZE 9.0f
#define TABLE_LEAD 12.0f
#define CELL_PAD_X 4.0f
#define CELL_PAD_Y 2.5f
#define LABEL_SHARE 0.34f
#define FIELD_GAP 8.0f

#define INK 0.0f
#define GREY_TEXT 0.35f
#define GREY_RULE 0.7f
#define GREY_FILL 0.9f

/* Stroke width of synthetic bold, as a share of the font size. */
#define FAKE_BOLD_STROKE 0.035f

static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */

enum face { REGULAR = 0, BOLD = 1 };

/* What came last: decides the space before the next element. */
enum kind { K_NONE, K_HEADING, K_PARAGRAPH, K_FIELD, K_TABLE, K_BOX };

/* The first error libharu reported; the handler's user data. */
struct herr {
    HPDF_STATUS code;
    HPDF_STATUS detail;
};

/* Text cut into lines: spans of one cleaned, owned copy. */
struct span {
    size_t off, len;
};

struct lines {
    char *text;
    struct span *line;
    size_t n, cap;
};

/* A column of wrapped lines, for draw_block(). */
struct col {
    struct lines *l;
    float x, w;
    enum face face;
    float size, grey;
    bool right;
};

static struct col
col(struct lines *l, float x, float w, enum face face, float size, float grey,
    bool right)
{
    struct col c;

    c.l = l;
    c.x = x;
    c.w = w;
    c.face = face;
    c.size = size;
    c.grey = grey;
    c.right = right;
    return c;
}

struct pdf_doc {
    HPDF_Doc pdf;
    struct herr herr;
    bool failed;
    char msg[256];

    HPDF_Font font[2]; /* font[BOLD] == font[REGULAR] when synthetic */
    bool synthetic_bold;
    bool en;
    char *run_left;           /* running header of pages 2+: organisation */
    char *run_right;          /* and title */
    char *generated;          /* footer line */
    unsigned ascii_w[2][128]; /* glyph widths in 1/1000 em; 0 = unknown */

    HPDF_Page *page;
    size_t npages, cap;
    HPDF_Page cur;
    float y;     /* top of the free space on cur */
    bool at_top; /* nothing placed on cur yet */
    enum kind last;

    bool in_table;
    bool header_pending; /* header waits for the first row */
    float table_gap;
    size_t ncols;
    float col_x[PDF_DOC_MAX_COLUMNS], col_w[PDF_DOC_MAX_COLUMNS];
    bool col_right[PDF_DOC_MAX_COLUMNS];
    struct lines hdr[PDF_DOC_MAX_COLUMNS];
    float hdr_h;
};

/* ---- errors ---- */

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    struct herr *e = user;

    if (e->code == 0) {
        e->code = code;
        e->detail = detail;
    }
}

static const char *
describe(HPDF_STATUS code)
{
    switch (code) {
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    case HPDF_FILE_OPEN_ERROR:
        return "cannot open the file";
    case HPDF_FILE_IO_ERROR:
        return "cannot read the file";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
        return "the font may not be embedded";
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONTDEF_DATA:
        return "not a usable TrueType font";
    case HPDF_ZLIB_ERROR:
        return "compression failed";
    case HPDF_PAGE_INVALID_GMODE:
        return "drawing operation out of place";
    default:
        return "see hpdf_error.h";
    }
}

static bool fail(struct pdf_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Make the document failed with a message, unless it already is. Returns
 * false for the caller to pass on. */
static bool
fail(struct pdf_doc *d, const char *fmt, ...)
{
    va_list ap;

    if (d->failed)
        return false;
    d->failed = true;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
    va_end(ap);
    return false;
}

/* After a libharu step: true when all is well so far. */
static bool
check(struct pdf_doc *d, const char *what)
{
    if (d->failed)
        return false;
    if (d->herr.code != 0)
        return fail(d, "%s: libharu error 0x%04X (%s), detail %u", what,
                    (unsigned)d->herr.code, describe(d->herr.code),
                    (unsigned)d->herr.detail);
    return true;
}

/* At the start of every public call. */
static bool
usable(struct pdf_doc *d)
{
    return d != NULL && check(d, "earlier drawing step");
}

/* ---- text cleaning ---- */

/* The length of the well-formed UTF-8 sequence at p[0..n), with its code
 * point in *cp; 0 when the bytes are not well-formed. */
static size_t
decode(const unsigned char *p, size_t n, unsigned long *cp)
{
    unsigned char c = p[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len, i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        *cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        *cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        *cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (i = 1; i < len; i++) {
        unsigned char b = p[i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
            return 0;
        *cp = (*cp << 6) | (b & 0x3F);
    }
    return len;
}

/* A copy of s (NULL counts as "") that libharu can draw: see the header.
 * Line feeds (also CR LF and a lone CR) are kept when keep_newlines, else
 * they become spaces. Returns NULL when out of memory. */
static char *
clean(const char *s, bool keep_newlines)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), i = 0, o = 0;
    char *out = malloc(n + 1);

    if (out == NULL)
        return NULL;
    while (i < n) {
        unsigned long cp;
        size_t len = decode(p + i, n - i, &cp);

        if (len == 0 || len == 4) {
            out[o++] = '?';
            i += len ? len : 1;
            continue;
        }
        if (cp == '\r' || cp == '\n') {
            out[o++] = keep_newlines ? '\n' : ' ';
            if (cp == '\r' && i + 1 < n && p[i + 1] == '\n')
                i++;
        } else if (cp == '\t') {
            out[o++] = ' ';
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            /* other control characters: dropped */
        } else {
            memcpy(out + o, p + i, len);
            o += len;
        }
        i += len;
    }
    out[o] = '\0';
    return out;
}

/* The length of the character starting at p in cleaned text. */
static size_t
char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;

    return c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
}

/* ---- measuring and wrapping ---- */

/* The advance of one character in 1/1000 em. */
static unsigned
char_width(struct pdf_doc *d, enum face f, const char *p, size_t n)
{
    unsigned char c = (unsigned char)*p;
    HPDF_TextWidth tw;

    if (n == 1 && c < 128 && d->ascii_w[f][c] != 0)
        return d->ascii_w[f][c];
    tw = HPDF_Font_TextWidth(d->font[f], (const HPDF_BYTE *)p, (HPDF_UINT)n);
    if (n == 1 && c < 128)
        d->ascii_w[f][c] = tw.width;
    return tw.width;
}

/* The width in points of s[0..n) (cleaned text). */
static float
text_width(struct pdf_doc *d, enum face f, float size, const char *s, size_t n)
{
    unsigned long units = 0;
    size_t i = 0;

    while (i < n) {
        size_t cl = char_len(s + i);
        units += char_width(d, f, s + i, cl);
        i += cl;
    }
    return (float)units * size / 1000.0f;
}

static void
lines_free(struct lines *l)
{
    free(l->text);
    free(l->line);
    memset(l, 0, sizeof(*l));
}

/* Append the line text[off..off+len), without trailing spaces. */
static bool
lines_add(struct pdf_doc *d, struct lines *l, size_t off, size_t len)
{
    while (len > 0 && l->text[off + len - 1] == ' ')
        len--;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? 2 * l->cap : 8;
        struct span *p;

        if (ncap > SIZE_MAX / sizeof(*p))
            return fail(d, "out of memory");
        p = realloc(l->line, ncap * sizeof(*p));
        if (p == NULL)
            return fail(d, "out of memory");
        l->line = p;
        l->cap = ncap;
    }
    l->line[l->n].off = off;
    l->line[l->n].len = len;
    l->n++;
    return true;
}

/* Wrap the hard line text[s..e) into lines of at most width points: break
 * after the last space or hyphen that fits, or inside a word that is
 * longer than the line. Every line holds at least one character. */
static bool
wrap_segment(struct pdf_doc *d, struct lines *l, size_t s, size_t e,
             enum face f, float size, float width)
{
    const char *t = l->text;
    float max_units = width * 1000.0f / size;
    size_t start = s;

    for (;;) {
        float units = 0;
        size_t i = start, brk = start, next = start;
        bool broke = false;

        while (i < e) {
            size_t cl = char_len(t + i);
            unsigned cw;

            if (t[i] == ' ' && i > start) {
                brk = i;
                next = i + 1;
            }
            cw = char_width(d, f, t + i, cl);
            if (units + (float)cw > max_units && i > start) {
                if (brk > start) {
                    if (!lines_add(d, l, start, brk - start))
                        return false;
                    start = next;
                } else {
                    if (!lines_add(d, l, start, i - start))
                        return false;
                    start = i;
                }
                while (start < e && t[start] == ' ')
                    start++;
                broke = true;
                break;
            }
            units += (float)cw;
            i += cl;
            if (t[i - 1] == '-' && i - 1 > start && t[i - 2] != ' ' && i < e &&
                t[i] != ' ') {
                brk = i;
                next = i;
            }
        }
        if (!broke)
            return lines_add(d, l, start, e - start);
        if (start >= e)
            return true;
    }
}

/* Clean text into l->text and cut it into lines of at most width points.
 * Trailing white space and line feeds are dropped; there is always at
 * least one (possibly empty) line. */
static bool
wrap(struct pdf_doc *d, struct lines *l, const char *text, enum face f,
     float size, float width, bool keep_newlines)
{
    size_t n, s = 0;

    memset(l, 0, sizeof(*l));
    l->text = clean(text, keep_newlines);
    if (l->text == NULL)
        return fail(d, "out of memory");
    n = strlen(l->text);
    while (n > 0 && (l->text[n - 1] == ' ' || l->text[n - 1] == '\n'))
        l->text[--n] = '\0';
    for (;;) {
        const char *nl = memchr(l->text + s, '\n', n - s);
        size_t e = nl ? (size_t)(nl - l->text) : n;

        if (!wrap_segment(d, l, s, e, f, size, width))
            return false;
        if (nl == NULL)
            break;
        s = e + 1;
    }
    return check(d, "measuring text");
}

/* ---- drawing primitives ---- */

/* Draw the NUL-terminated cleaned text s with its baseline at (x, y). */
static bool
draw_str(struct pdf_doc *d, float x, float y, enum face f, float size,
         float grey, const char *s)
{
    HPDF_Page p = d->cur;
    bool fake = f == BOLD && d->synthetic_bold;

    if (*s == '\0')
        return true;
    if (fake) {
        HPDF_Page_GSave(p);
        HPDF_Page_SetLineWidth(p, size * FAKE_BOLD_STROKE);
        HPDF_Page_SetGrayStroke(p, grey);
    }
    HPDF_Page_SetGrayFill(p, grey);
    HPDF_Page_BeginText(p);
    if (fake)
        HPDF_Page_SetTextRenderingMode(p, HPDF_FILL_THEN_STROKE);
    HPDF_Page_SetFontAndSize(p, d->font[f], size);
    HPDF_Page_TextOut(p, x, y, s);
    HPDF_Page_EndText(p);
    if (fake)
        HPDF_Page_GRestore(p);
    return check(d, "drawing text");
}

/* Draw line k of l, left-aligned at x or right-aligned at x + w. */
static bool
draw_line(struct pdf_doc *d, struct lines *l, size_t k, float x, float w,
          bool right, float y, enum face f, float size, float grey)
{
    struct span sp = l->line[k];
    char *end = l->text + sp.off + sp.len;
    char saved = *end;
    bool ok;

    if (sp.len == 0)
        return true;
    if (right)
        x += w - text_width(d, f, size, l->text + sp.off, sp.len);
    *end = '\0';
    ok = draw_str(d, x, y, f, size, grey, l->text + sp.off);
    *end = saved;
    return ok;
}

/* Draw cleaned s on one line within maxw points, cut with an ellipsis when
 * it is too long; at x, or ending at x when right. */
static bool
draw_fitted(struct pdf_doc *d, float x, float y, float size, float grey,
            const char *s, float maxw, bool right)
{
    size_t n = strlen(s), i = 0;
    float w = text_width(d, REGULAR, size, s, n);
    char *tmp;
    bool ok;

    if (w <= maxw) {
        return draw_str(d, right ? x - w : x, y, REGULAR, size, grey, s);
    }
    maxw -= text_width(d, REGULAR, size, ellipsis, strlen(ellipsis));
    w = 0;
    while (i < n) {
        size_t cl = char_len(s + i);
        float cw = text_width(d, REGULAR, size, s + i, cl);
        if (w + cw > maxw)
            break;
        w += cw;
        i += cl;
    }
    tmp = malloc(i + sizeof(ellipsis));
    if (tmp == NULL)
        return fail(d, "out of memory");
    memcpy(tmp, s, i);
    memcpy(tmp + i, ellipsis, sizeof(ellipsis));
    w += text_width(d, REGULAR, size, ellipsis, strlen(ellipsis));
    ok = draw_str(d, right ? x - w : x, y, REGULAR, size, grey, tmp);
    free(tmp);
    return ok;
}

static bool
rule(struct pdf_doc *d, float x0, float x1, float y, float width)
{
    HPDF_Page p = d->cur;

    HPDF_Page_SetGrayStroke(p, GREY_RULE);
    HPDF_Page_SetLineWidth(p, width);
    HPDF_Page_MoveTo(p, x0, y);
    HPDF_Page_LineTo(p, x1, y);
    HPDF_Page_Stroke(p);
    return check(d, "drawing a rule");
}

/* The baseline of a line whose box starts at top. */
static float
baseline(float top, float lead, float size)
{
    return top - lead / 2 - size * 0.35f;
}

/* ---- pages ---- */

static bool draw_table_header(struct pdf_doc *d);

static bool
new_page(struct pdf_doc *d)
{
    HPDF_Page p;

    if (d->npages >= PDF_DOC_MAX_PAGES)
        return fail(d, "the document would exceed %d pages", PDF_DOC_MAX_PAGES);
    if (d->npages == d->cap) {
        size_t ncap = d->cap ? 2 * d->cap : 8;
        HPDF_Page *np = realloc(d->page, ncap * sizeof(*np));
        if (np == NULL)
            return fail(d, "out of memory");
        d->page = np;
        d->cap = ncap;
    }
    p = HPDF_AddPage(d->pdf);
    if (!check(d, "adding a page"))
        return false;
    HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    d->page[d->npages++] = p;
    d->cur = p;
    d->y = TOP_Y;
    d->at_top = true;
    if (d->npages > 1 && (*d->run_left || *d->run_right)) {
        float half = CONTENT_W / 2 - 6;
        if (!draw_fitted(d, MARGIN_X, HEADER_TEXT_Y, SMALL_SIZE, GREY_TEXT,
                         d->run_left, half, false) ||
            !draw_fitted(d, MARGIN_X + CONTENT_W, HEADER_TEXT_Y, SMALL_SIZE,
                         GREY_TEXT, d->run_right, half, true) ||
            !rule(d, MARGIN_X, MARGIN_X + CONTENT_W, HEADER_RULE_Y, 0.5f))
            return false;
    }
    if (d->in_table) {
        d->header_pending = false;
        if (!draw_table_header(d))
            return false;
    }
    return check(d, "starting a page");
}

/* The most a block can be high on a page of its own. */
static float
fresh_height(const struct pdf_doc *d)
{
    return TOP_Y - BOTTOM_Y - (d->in_table ? d->hdr_h : 0);
}

static float
gap_before(const struct pdf_doc *d, enum kind k, int level)
{
    if (d->last == K_HEADING)
        return 4;
    switch (k) {
    case K_HEADING:
        return level == 1 ? 18 : 14;
    case K_FIELD:
        return d->last == K_FIELD ? 1 : 8;
    default:
        return 8;
    }
}

/* How draw_block() may break a block across pages. */
enum flow {
    KEEP,  /* whole on one page, unless taller than a page */
    SPLIT, /* line by line, at least two lines on the first page */
    ROW,   /* like KEEP, and a rule closes each piece (table rows) */
};

/* Draw columns of wrapped lines side by side, lead points per line, with
 * pad points above and below, after gap points of space. keep more points
 * must fit below the block on the same page (a heading's first lines).
 * The block (for SPLIT: its first two lines) moves to the next page when
 * it does not fit here but would on a fresh page; a block taller than a
 * page is split line by line. */
static bool
draw_block(struct pdf_doc *d, struct col *c, size_t nc, float lead, float gap,
           float pad, float keep, enum flow flow)
{
    size_t nl = 0, done = 0, k;
    float need;

    for (k = 0; k < nc; k++)
        if (c[k].l->n > nl)
            nl = c[k].l->n;
    need = (float)(flow == SPLIT && nl > 2 ? 2 : nl) * lead + 2 * pad + keep;
    if (need > fresh_height(d))
        need = fresh_height(d);
    if (d->at_top)
        gap = 0;
    if (d->y - gap - need < BOTTOM_Y) {
        if (!d->at_top && !new_page(d))
            return false;
    } else {
        d->y -= gap;
    }
    while (done < nl) {
        float room = d->y - BOTTOM_Y - 2 * pad;
        size_t fit = room > 0 ? (size_t)(room / lead) : 0, j;

        if (fit == 0) {
            if (!new_page(d))
                return false;
            continue;
        }
        if (fit > nl - done)
            fit = nl - done;
        for (j = 0; j < fit; j++) {
            float y = baseline(d->y - pad - (float)j * lead, lead, c[0].size);
            for (k = 0; k < nc; k++) {
                if (done + j < c[k].l->n &&
                    !draw_line(d, c[k].l, done + j, c[k].x, c[k].w, c[k].right,
                               y, c[k].face, c[k].size, c[k].grey))
                    return false;
            }
        }
        d->y -= (float)fit * lead + 2 * pad;
        d->at_top = false;
        done += fit;
        if (flow == ROW && !rule(d, MARGIN_X, MARGIN_X + CONTENT_W, d->y, 0.3f))
            return false;
        if (done < nl && !new_page(d))
            return false;
    }
    return true;
}

/* ---- the document ---- */

static void
set_info(struct pdf_doc *d, HPDF_InfoType type, const char *value)
{
    char *v;

    if (value == NULL || *value == '\0' || d->failed)
        return;
    v = clean(value, false);
    if (v == NULL) {
        fail(d, "out of memory");
        return;
    }
    HPDF_SetInfoAttr(d->pdf, type, v);
    free(v);
}

static void
set_dates(struct pdf_doc *d, time_t created)
{
    struct tm tm;
    HPDF_Date date;
    long off;

    if (created == 0)
        created = time(NULL);
    if (localtime_r(&created, &tm) == NULL) {
        fail(d, "cannot convert the creation time");
        return;
    }
    off = tm.tm_gmtoff;
    date.year = tm.tm_year + 1900;
    date.month = tm.tm_mon + 1;
    date.day = tm.tm_mday;
    date.hour = tm.tm_hour;
    date.minutes = tm.tm_min;
    date.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec; /* leap second */
    date.ind = off == 0 ? 'Z' : off > 0 ? '+' : '-';
    off = off < 0 ? -off : off;
    date.off_hour = (HPDF_INT)(off / 3600);
    date.off_minutes = (HPDF_INT)(off % 3600 / 60);
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
}

static bool
load_font(struct pdf_doc *d, const char *dir, const char *file, HPDF_Font *out)
{
    char path[4096];
    const char *name;
    int n = snprintf(path, sizeof(path), "%s/%s", dir, file);

    if (n < 0 || (size_t)n >= sizeof(path))
        return fail(d, "font directory name too long");
    name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
    if (name == NULL || d->herr.code != 0)
        return fail(d, "cannot load the font %s: libharu error 0x%04X (%s)",
                    path, (unsigned)d->herr.code, describe(d->herr.code));
    *out = HPDF_GetFont(d->pdf, name, "UTF-8");
    return check(d, "selecting the font");
}

/* The letterhead on page 1: organisation, address lines, a rule. */
static bool
letterhead(struct pdf_doc *d, const struct pdf_doc_options *opt)
{
    struct lines l;
    bool any = false;
    size_t i, k;

    if (opt->org_name != NULL && *opt->org_name != '\0') {
        if (!wrap(d, &l, opt->org_name, BOLD, 14, CONTENT_W, false)) {
            lines_free(&l);
            return false;
        }
        for (k = 0; k < l.n && k < 2; k++) {
            if (!draw_line(d, &l, k, MARGIN_X, CONTENT_W, false,
                           baseline(d->y, 18, 14), BOLD, 14, INK))
                break;
            d->y -= 18;
        }
        lines_free(&l);
        any = true;
    }
    for (i = 0; i < 3; i++) {
        if (opt->address[i] == NULL || *opt->address[i] == '\0')
            continue;
        if (!wrap(d, &l, opt->address[i], REGULAR, 9, CONTENT_W, false)) {
            lines_free(&l);
            return false;
        }
        for (k = 0; k < l.n && k < 2; k++) {
            if (!draw_line(d, &l, k, MARGIN_X, CONTENT_W, false,
                           baseline(d->y, 12, 9), REGULAR, 9, GREY_TEXT))
                break;
            d->y -= 12;
        }
        lines_free(&l);
        any = true;
    }
    if (any) {
        d->y -= 6;
        if (!rule(d, MARGIN_X, MARGIN_X + CONTENT_W, d->y, 0.5f))
            return false;
        d->y -= 18;
    }
    return check(d, "drawing the letterhead");
}

struct pdf_doc *
pdf_doc_new(const struct pdf_doc_options *opt, char *err, size_t errlen)
{
    static const struct pdf_doc_options none;
    struct pdf_doc *d;
    const char *dir;

    if (opt == NULL)
        opt = &none;
    dir = opt->font_dir && *opt->font_dir ? opt->font_dir
                                          : PDF_DOC_DEFAULT_FONT_DIR;
    d = calloc(1, sizeof(*d));
    if (d == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    d->synthetic_bold = opt->synthetic_bold;
    d->en = opt->lang != NULL && strcmp(opt->lang, "en") == 0;
    d->pdf = HPDF_New(on_error, &d->herr);
    if (d->pdf == NULL) {
        free(d);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(d->pdf);
    HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
    if (check(d, "setting up UTF-8") &&
        load_font(d, dir, "DejaVuSans.ttf", &d->font[REGULAR])) {
        if (d->synthetic_bold)
            d->font[BOLD] = d->font[REGULAR];
        else
            load_font(d, dir, "DejaVuSans-Bold.ttf", &d->font[BOLD]);
    }
    set_info(d, HPDF_INFO_TITLE, opt->title);
    set_info(d, HPDF_INFO_AUTHOR, opt->author);
    set_info(d, HPDF_INFO_SUBJECT, opt->subject);
    set_info(d, HPDF_INFO_CREATOR, "Lief en Leed");
    if (!d->failed)
        set_dates(d, opt->created);
    if (check(d, "setting the metadata")) {
        d->run_left = clean(opt->org_name, false);
        d->run_right = clean(opt->title, false);
        d->generated = clean(opt->generated, false);
        if (!d->run_left || !d->run_right || !d->generated)
            fail(d, "out of memory");
    }
    if (!d->failed && new_page(d))
        letterhead(d, opt);
    if (d->failed) {
        snprintf(err, errlen, "%s", d->msg);
        pdf_doc_free(d);
        return NULL;
    }
    return d;
}

/* Only pdf_doc_table_row() and _end() may come between begin and end. */
static bool
not_in_table(struct pdf_doc *d, const char *what)
{
    if (d->in_table)
        return fail(d, "%s inside a table (call pdf_doc_table_end first)",
                    what);
    return true;
}

bool
pdf_doc_heading(struct pdf_doc *d, int level, const char *text)
{
    struct lines l;
    struct col c;
    float size = level == 1 ? 16 : 12, lead = level == 1 ? 21 : 16;
    bool ok;

    if (!usable(d) || !not_in_table(d, "heading"))
        return false;
    if (level != 1 && level != 2)
        return fail(d, "heading level %d (1 or 2)", level);
    if (!wrap(d, &l, text, BOLD, size, CONTENT_W, true)) {
        lines_free(&l);
        return false;
    }
    c = col(&l, MARGIN_X, CONTENT_W, BOLD, size, INK, false);
    ok = draw_block(d, &c, 1, lead, gap_before(d, K_HEADING, level), 0,
                    4 + 2 * BODY_LEAD, KEEP);
    lines_free(&l);
    d->last = K_HEADING;
    return ok;
}

bool
pdf_doc_paragraph(struct pdf_doc *d, const char *text)
{
    struct lines l;
    struct col c;
    bool ok;

    if (!usable(d) || !not_in_table(d, "paragraph"))
        return false;
    if (!wrap(d, &l, text, REGULAR, BODY_SIZE, CONTENT_W, true)) {
        lines_free(&l);
        return false;
    }
    c = col(&l, MARGIN_X, CONTENT_W, REGULAR, BODY_SIZE, INK, false);
    ok = draw_block(d, &c, 1, BODY_LEAD, gap_before(d, K_PARAGRAPH, 0), 0, 0,
                    SPLIT);
    lines_free(&l);
    d->last = K_PARAGRAPH;
    return ok;
}

bool
pdf_doc_field(struct pdf_doc *d, const char *label, const char *value)
{
    struct lines l[2];
    struct col c[2];
    float lw = CONTENT_W * LABEL_SHARE;
    bool ok;

    memset(l, 0, sizeof(l));
    if (!usable(d) || !not_in_table(d, "field"))
        return false;
    ok = wrap(d, &l[0], label, REGULAR, BODY_SIZE, lw - FIELD_GAP, true) &&
         wrap(d, &l[1], value, REGULAR, BODY_SIZE, CONTENT_W - lw, true);
    if (ok) {
        c[0] = col(&l[0], MARGIN_X, lw - FIELD_GAP, REGULAR, BODY_SIZE,
                   GREY_TEXT, false);
        c[1] = col(&l[1], MARGIN_X + lw, CONTENT_W - lw, REGULAR, BODY_SIZE,
                   INK, false);
        ok = draw_block(d, c, 2, BODY_LEAD, gap_before(d, K_FIELD, 0), 0, 0,
                        KEEP);
    }
    lines_free(&l[0]);
    lines_free(&l[1]);
    d->last = K_FIELD;
    return ok;
}

bool
pdf_doc_space(struct pdf_doc *d, float points)
{
    if (!usable(d) || !not_in_table(d, "space"))
        return false;
    if (points <= 0 || d->at_top)
        return true;
    if (d->y - points < BOTTOM_Y)
        return new_page(d);
    d->y -= points;
    return true;
}

/* ---- tables ---- */

static bool
draw_table_header(struct pdf_doc *d)
{
    HPDF_Page p = d->cur;
    size_t k, j, nl = 0;

    HPDF_Page_SetGrayFill(p, GREY_FILL);
    HPDF_Page_Rectangle(p, MARGIN_X, d->y - d->hdr_h, CONTENT_W, d->hdr_h);
    HPDF_Page_Fill(p);
    if (!check(d, "drawing a table header"))
        return false;
    for (k = 0; k < d->ncols; k++)
        if (d->hdr[k].n > nl)
            nl = d->hdr[k].n;
    for (j = 0; j < nl; j++) {
        float y = baseline(d->y - CELL_PAD_Y - (float)j * TABLE_LEAD,
                           TABLE_LEAD, TABLE_SIZE);
        for (k = 0; k < d->ncols; k++) {
            if (j < d->hdr[k].n &&
                !draw_line(d, &d->hdr[k], j, d->col_x[k] + CELL_PAD_X,
                           d->col_w[k] - 2 * CELL_PAD_X, d->col_right[k], y,
                           BOLD, TABLE_SIZE, INK))
                return false;
        }
    }
    d->y -= d->hdr_h;
    d->at_top = false;
    return true;
}

/* Place the header that waits for the first row: together with
 * first_h points of that row, on this page or the next. */
static bool
place_pending_header(struct pdf_doc *d, float first_h)
{
    float gap = d->at_top ? 0 : d->table_gap;
    float need = d->hdr_h + first_h;

    if (!d->header_pending)
        return true;
    if (need > TOP_Y - BOTTOM_Y)
        need = TOP_Y - BOTTOM_Y;
    if (d->y - gap - need < BOTTOM_Y && !d->at_top)
        return new_page(d); /* draws the header */
    d->y -= gap;
    d->header_pending = false;
    return draw_table_header(d);
}

bool
pdf_doc_table_begin(struct pdf_doc *d, const struct pdf_doc_column *cols,
                    size_t ncols)
{
    float total = 0, x = MARGIN_X;
    size_t k, nl = 0;

    if (!usable(d) || !not_in_table(d, "table"))
        return false;
    if (cols == NULL || ncols == 0 || ncols > PDF_DOC_MAX_COLUMNS)
        return fail(d, "a table needs 1 to %d columns", PDF_DOC_MAX_COLUMNS);
    for (k = 0; k < ncols; k++) {
        if (cols[k].weight < 0)
            return fail(d, "negative column weight");
        total += cols[k].weight;
    }
    d->ncols = ncols;
    for (k = 0; k < ncols; k++) {
        float share = total > 0 ? cols[k].weight / total : 1.0f / ncols;
        d->col_x[k] = x;
        d->col_w[k] = CONTENT_W * share;
        d->col_right[k] = cols[k].right;
        x += d->col_w[k];
    }
    d->in_table = true; /* from here on pdf_doc_table_end() frees hdr */
    d->header_pending = true;
    d->table_gap = gap_before(d, K_TABLE, 0);
    for (k = 0; k < ncols; k++) {
        float w = d->col_w[k] - 2 * CELL_PAD_X;
        if (!wrap(d, &d->hdr[k], cols[k].header, BOLD, TABLE_SIZE,
                  w > 1 ? w : 1, true))
            return false;
        if (d->hdr[k].n > nl)
            nl = d->hdr[k].n;
    }
    d->hdr_h = (float)nl * TABLE_LEAD + 2 * CELL_PAD_Y;
    if (d->hdr_h > (TOP_Y - BOTTOM_Y) / 2)
        return fail(d, "table header taller than half a page");
    return true;
}

bool
pdf_doc_table_row(struct pdf_doc *d, const char *const *cells)
{
    struct lines l[PDF_DOC_MAX_COLUMNS];
    struct col c[PDF_DOC_MAX_COLUMNS];
    size_t k, nl = 0;
    bool ok = true;

    if (!usable(d))
        return false;
    if (!d->in_table)
        return fail(d, "table row outside a table");
    if (cells == NULL)
        return fail(d, "table row without cells");
    memset(l, 0, sizeof(l));
    for (k = 0; k < d->ncols && ok; k++) {
        float w = d->col_w[k] - 2 * CELL_PAD_X;
        ok = wrap(d, &l[k], cells[k], REGULAR, TABLE_SIZE, w > 1 ? w : 1, true);
        if (l[k].n > nl)
            nl = l[k].n;
        c[k] = col(&l[k], d->col_x[k] + CELL_PAD_X, w, REGULAR, TABLE_SIZE, INK,
                   d->col_right[k]);
    }
    if (ok)
        ok = place_pending_header(d, (float)nl * TABLE_LEAD + 2 * CELL_PAD_Y);
    if (ok)
        ok = draw_block(d, c, d->ncols, TABLE_LEAD, 0, CELL_PAD_Y, 0, ROW);
    for (k = 0; k < d->ncols; k++)
        lines_free(&l[k]);
    return ok;
}

bool
pdf_doc_table_end(struct pdf_doc *d)
{
    size_t k;
    bool ok;

    if (d == NULL)
        return false;
    if (!d->in_table)
        return usable(d) && fail(d, "table end without a table");
    ok = usable(d) && place_pending_header(d, 0);
    d->in_table = false;
    d->header_pending = false;
    for (k = 0; k < d->ncols; k++)
        lines_free(&d->hdr[k]);
    d->ncols = 0;
    d->last = K_TABLE;
    return ok;
}

/* ---- drawing hook ---- */

bool
pdf_doc_reserve(struct pdf_doc *d, float height, struct pdf_doc_box *box)
{
    float gap;

    if (!usable(d) || !not_in_table(d, "drawing"))
        return false;
    if (box == NULL || !(height > 0) || height > TOP_Y - BOTTOM_Y)
        return fail(d, "cannot reserve %.1f points (at most %.1f)",
                    (double)height, (double)(TOP_Y - BOTTOM_Y));
    gap = d->at_top ? 0 : gap_before(d, K_BOX, 0);
    if (d->y - gap - height < BOTTOM_Y) {
        if (!new_page(d))
            return false;
    } else {
        d->y -= gap;
    }
    box->page = d->cur;
    box->x = MARGIN_X;
    box->width = CONTENT_W;
    box->height = height;
    box->y = d->y - height;
    d->y -= height;
    d->at_top = false;
    d->last = K_BOX;
    return true;
}

bool
pdf_doc_text_at(struct pdf_doc *d, float x, float y, float size, bool bold,
                const char *text)
{
    char *s;
    bool ok;

    if (!usable(d))
        return false;
    if (!(size > 0))
        return fail(d, "text size %.1f", (double)size);
    s = clean(text, false);
    if (s == NULL)
        return fail(d, "out of memory");
    ok = draw_str(d, x, y, bold ? BOLD : REGULAR, size, INK, s);
    free(s);
    return ok;
}

float
pdf_doc_text_width(struct pdf_doc *d, float size, bool bold, const char *text)
{
    char *s;
    float w;

    if (!usable(d))
        return 0;
    s = clean(text, false);
    if (s == NULL) {
        fail(d, "out of memory");
        return 0;
    }
    w = text_width(d, bold ? BOLD : REGULAR, size, s, strlen(s));
    free(s);
    return check(d, "measuring text") ? w : 0;
}

/* ---- the end ---- */

static bool
footers(struct pdf_doc *d)
{
    size_t i;

    for (i = 0; i < d->npages; i++) {
        char num[64];
        float nw;

        snprintf(num, sizeof(num),
                 d->en ? "Page %zu of %zu" : "Pagina %zu van %zu", i + 1,
                 d->npages);
        d->cur = d->page[i];
        nw = text_width(d, REGULAR, SMALL_SIZE, num, strlen(num));
        if (!rule(d, MARGIN_X, MARGIN_X + CONTENT_W, FOOTER_RULE_Y, 0.5f) ||
            !draw_str(d, MARGIN_X + CONTENT_W - nw, FOOTER_TEXT_Y, REGULAR,
                      SMALL_SIZE, GREY_TEXT, num) ||
            !draw_fitted(d, MARGIN_X, FOOTER_TEXT_Y, SMALL_SIZE, GREY_TEXT,
                         d->generated, CONTENT_W - nw - 12, false))
            return false;
    }
    return true;
}

bool
pdf_doc_finish(struct pdf_doc *d, unsigned char **out, size_t *len, char *err,
               size_t errlen)
{
    unsigned char *buf = NULL;
    HPDF_UINT32 size = 0, got;

    *out = NULL;
    *len = 0;
    if (d == NULL) {
        snprintf(err, errlen, "no document");
        return false;
    }
    if (d->in_table)
        pdf_doc_table_end(d);
    if (usable(d) && footers(d)) {
        HPDF_SaveToStream(d->pdf);
        if (check(d, "writing the PDF")) {
            size = HPDF_GetStreamSize(d->pdf);
            if (size == 0)
                fail(d, "writing the PDF: empty result");
        }
    }
    if (!d->failed) {
        buf = malloc(size);
        if (buf == NULL)
            fail(d, "out of memory");
    }
    if (!d->failed) {
        got = size;
        HPDF_ReadFromStream(d->pdf, buf, &got);
        if (check(d, "reading the PDF") && got != size)
            fail(d, "reading the PDF: %u of %u bytes", (unsigned)got,
                 (unsigned)size);
    }
    if (d->failed) {
        snprintf(err, errlen, "%s", d->msg);
        free(buf);
        pdf_doc_free(d);
        return false;
    }
    pdf_doc_free(d);
    *out = buf;
    *len = size;
    return true;
}

void
pdf_doc_free(struct pdf_doc *d)
{
    size_t k;

    if (d == NULL)
        return;
    if (d->pdf != NULL)
        HPDF_Free(d->pdf);
    for (k = 0; k < PDF_DOC_MAX_COLUMNS; k++)
        lines_free(&d->hdr[k]);
    free(d->page);
    free(d->run_left);
    free(d->run_right);
    free(d->generated);
    free(d);
}
