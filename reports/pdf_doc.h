/* pdf_doc.h - the one page-layout module behind every PDF of the system.
 *
 * Receipt, award letter, rejection letter, batch statement, street history
 * and monitoring report all look alike: A4 portrait, 20 mm margins, the
 * organisation's letterhead on the first page and a running header on the
 * others, a footer on every page with the "generated" line (when and from
 * which state) and "Pagina N van M", and text in DejaVu Sans embedded as a
 * UTF-8 TrueType font, so that é, ë, ï, €, Şükrü Yıldız and Łukasz come
 * out right and can be copied and searched.
 *
 * A document is built top to bottom: headings, paragraphs, label/value
 * fields and tables go below each other and break onto a new page by
 * themselves. A table repeats its header row on every page it reaches.
 * Finally pdf_doc_finish() numbers the pages and hands over the bytes.
 *
 * Text: every string is UTF-8 and borrowed for the duration of the call.
 * libharu draws only characters of up to 3 UTF-8 bytes, so characters
 * beyond the Basic Multilingual Plane (emoji) and bytes that are not valid
 * UTF-8 are drawn as '?'. Tabs become spaces, other control characters are
 * dropped; a line feed ends a line in paragraphs, field values and cells.
 * Characters the font lacks (CJK) show as an empty box but stay in the text
 * layer.
 *
 * Errors: no setjmp/longjmp. libharu reports errors to a handler that keeps
 * the first one in the document; each step checks it. The first failure
 * makes the document failed: every later call returns false at once and
 * pdf_doc_finish() returns false with the message, so a caller may make
 * all its calls and check only the result of pdf_doc_finish(). A failed
 * document never yields bytes: there is no half PDF.
 *
 * Threads: a document belongs to one thread; there is no global state, so
 * any number of threads may build their own documents at once.
 *
 * Cost (2 cores, one-page receipt): about 24 ms and 185 KB with the real
 * bold font, about 12 ms and 97 KB with synthetic_bold (the same as bare
 * libharu with one font: most of it is the font's set-up and compression).
 * Each further page of a table adds about 0.5 ms and 2 KB.
 * The cost is per document: generate once, store the bytes.
 */
#ifndef LIEFLEED_PDF_DOC_H
#define LIEFLEED_PDF_DOC_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Debian's fonts-dejavu-core. */
#define PDF_DOC_DEFAULT_FONT_DIR "/usr/share/fonts/truetype/dejavu"
/* A document that grows past this many pages fails: a runaway loop must
 * not eat the server's memory (and libharu needs extra set-up past 8191). */
#define PDF_DOC_MAX_PAGES 5000
/* The most columns of a table. */
#define PDF_DOC_MAX_COLUMNS 16

/* What the caller knows about the document. Everything is borrowed for the
 * duration of pdf_doc_new() only; NULL or "" leaves a part out. Start it
 * zeroed ({0}). */
struct pdf_doc_options {
    /* Directory holding DejaVuSans.ttf and DejaVuSans-Bold.ttf; NULL means
     * PDF_DOC_DEFAULT_FONT_DIR. */
    const char *font_dir;
    /* "en" for English page numbers ("Page N of M"); anything else Dutch
     * ("Pagina N van M"). */
    const char *lang;
    /* Metadata. The title also stands in the running header of pages 2+. */
    const char *title;
    const char *author; /* e.g. the organisation */
    const char *subject;
    /* Letterhead on the first page: the organisation (from settings) and up
     * to three address lines. */
    const char *org_name;
    const char *address[3];
    /* The footer line of every page, e.g. "Gemaakt op 27-11-2026 21:40 uit
     * de stand: ingediend". */
    const char *generated;
    /* The creation date in the metadata; 0 means now. Pass the moment of the
     * change of state to make the bytes reproducible. */
    time_t created;
    /* false: headings in DejaVuSans-Bold (a second embedded font, doubling
     * time and size). true: bold drawn by stroking the regular font's
     * outlines, one font file only. */
    bool synthetic_bold;
};

struct pdf_doc;

/* Start a document: load the fonts, set the metadata, open page 1 with the
 * letterhead. Returns NULL with a message in err[0..errlen) when the fonts
 * cannot be loaded (missing directory or file, not a TrueType font) or
 * memory runs out. */
struct pdf_doc *pdf_doc_new(const struct pdf_doc_options *opt, char *err,
                            size_t errlen);

/* A heading: level 1 (the document's title, 16 pt) or 2 (a section,
 * 12 pt), in bold, kept on one page with the first lines after it. Long
 * headings wrap. */
bool pdf_doc_heading(struct pdf_doc *d, int level, const char *text);

/* Running text, wrapped at word boundaries (a word longer than the line is
 * cut where it must); each line feed starts a new line, an empty line
 * leaves one blank. Breaks across pages line by line. */
bool pdf_doc_paragraph(struct pdf_doc *d, const char *text);

/* One label/value row: the label in the left third (grey), the value
 * wrapped beside it. Consecutive fields form a block without extra space.
 * A NULL value prints as "". */
bool pdf_doc_field(struct pdf_doc *d, const char *label, const char *value);

/* Vertical space in points (ignored at the top of a page). */
bool pdf_doc_space(struct pdf_doc *d, float points);

/* One table column: its header text, its width as a share of the others
 * (weights; 0 for all columns means equal widths) and whether its cells
 * align right (amounts, counts). */
struct pdf_doc_column {
    const char *header;
    float weight;
    bool right;
};

/* Open a table of ncols (1..PDF_DOC_MAX_COLUMNS) columns; the headers are
 * copied. Until pdf_doc_table_end() only pdf_doc_table_row() may follow.
 * The header row is drawn with the first row (so it is never left alone at
 * the foot of a page) and again at the top of every following page. */
bool pdf_doc_table_begin(struct pdf_doc *d, const struct pdf_doc_column *cols,
                         size_t ncols);

/* One row: cells[0..ncols), NULL for an empty cell. Cells wrap within
 * their column; a row moves to the next page whole unless it is taller
 * than a page. */
bool pdf_doc_table_row(struct pdf_doc *d, const char *const *cells);

/* Close the table (an empty table still shows its header). */
bool pdf_doc_table_end(struct pdf_doc *d);

/* ---- drawing hook, for charts ----
 *
 * Reserve a block of the given height (at most the height of a page's
 * content area) below what came before, breaking the page when needed,
 * and draw into it with libharu's own operations (HPDF_Page_Rectangle,
 * HPDF_Page_SetRGBFill, ...) on box->page. Coordinates are PDF points from
 * the bottom left of the page: the block spans x .. x + width and
 * y .. y + height. Leave the page as found (balance GSave/GRestore, end
 * text objects); libharu errors are caught by the next pdf_doc call. */
struct pdf_doc_box {
    HPDF_Page page;
    float x, y, width, height;
};

bool pdf_doc_reserve(struct pdf_doc *d, float height, struct pdf_doc_box *box);

/* Draw one line of text with its baseline at (x, y) on the current page,
 * in black, size points, regular or bold. Text is cleaned as above (line
 * feeds become spaces); it is not wrapped. */
bool pdf_doc_text_at(struct pdf_doc *d, float x, float y, float size, bool bold,
                     const char *text);

/* The width in points of text drawn by pdf_doc_text_at(); 0 on failure. */
float pdf_doc_text_width(struct pdf_doc *d, float size, bool bold,
                         const char *text);

/* ---- the end ---- */

/* Number the pages, render the PDF into memory and free the document, in
 * every case (d is invalid afterwards; NULL is allowed and fails).
 * On success *out is a malloc()ed buffer of *len bytes that the caller
 * frees. On failure returns false with *out = NULL, *len = 0 and the first
 * error in err[0..errlen). An open table is closed first. */
bool pdf_doc_finish(struct pdf_doc *d, unsigned char **out, size_t *len,
                    char *err, size_t errlen);

/* Free a document without rendering it (on the caller's error path). NULL
 * is allowed. */
void pdf_doc_free(struct pdf_doc *d);

#endif
