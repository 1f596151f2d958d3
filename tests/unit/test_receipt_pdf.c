/* The PDF layout module and the submission receipt, checked through the
 * text that pdftotext (poppler-utils) extracts from the real bytes. */
#include "testutil.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pdf_doc.h"
#include "receipt_pdf.h"

/* 27-11-2026 21:40 UTC: fixed, so that the bytes are reproducible. */
#define CREATED ((time_t)1795815600)
#define FULL_IBAN "NL91ABNA0417164300"
#define MASKED_IBAN "NL** **** **** **43 00"

static const char plan_text[] =
    "Wij willen de buren in de Oudegracht beter leren kennen.\n"
    "Bij een geboorte brengen we een kaart, bij ziekte bloemen of een "
    "café-bon. Een naïeve wens? Nee: ideeën genoeg!\n"
    "\n"
    "Het potje van € 150 verdelen we zo eerlijk mogelijk.";

static struct pdf_doc_options
options(void)
{
    struct pdf_doc_options o = {0};

    o.font_dir = PDF_DOC_DEFAULT_FONT_DIR;
    o.author = "DOCK Utrecht";
    o.org_name = "DOCK Utrecht";
    o.address[0] = "Postbus 1234";
    o.address[1] = "3500 AA Utrecht";
    o.created = CREATED;
    return o;
}

static struct receipt
sample(void)
{
    struct receipt r = {0};

    r.lang = "nl";
    r.reference = "LL-2026-00042";
    r.submitted_at = "27-11-2026 om 21:40";
    r.name = "Şükrü Yıldız";
    r.email = "sukru@example.nl";
    r.phone = "06 12345678";
    r.street = "Oudegracht";
    r.house_number = "12";
    r.house_addition = "bis";
    r.postcode = "3511 AB";
    r.wijk = "Binnenstad";
    r.households = 40;
    r.second_name = "Łukasz Brzęczyszczykiewicz";
    r.second_email = "lukasz@example.nl";
    r.plan = plan_text;
    r.payout = RECEIPT_PAYOUT_BANK;
    r.account_holder = "Ş. Yıldız";
    r.iban_masked = MASKED_IBAN;
    return r;
}

/* ---- helpers ---- */

/* Write pdf to a temporary file and return its name (malloc()ed). */
static char *
write_temp(const unsigned char *pdf, size_t len)
{
    const char *dir = getenv("LIEFLEED_TEST_TMP");
    char *path = malloc(4096);
    int fd;

    assert_non_null(path);
    snprintf(path, 4096, "%s/receiptXXXXXX", dir && *dir ? dir : "/tmp");
    assert_null(strchr(path, '\''));
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, pdf, len), (ssize_t)len);
    close(fd);
    return path;
}

/* The standard output of cmd (malloc()ed); the command must succeed. */
static char *
run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    char *out = NULL;
    size_t len = 0, cap = 0, n;

    assert_non_null(p);
    for (;;) {
        if (cap - len < 4096) {
            char *grown;
            cap = cap ? 2 * cap : 65536;
            grown = realloc(out, cap);
            assert_non_null(grown);
            out = grown;
        }
        n = fread(out + len, 1, cap - len - 1, p);
        if (n == 0)
            break;
        len += n;
    }
    out[len] = '\0';
    assert_int_equal(pclose(p), 0);
    return out;
}

/* Run tool ("pdftotext -layout", "pdfinfo") on the PDF. */
static char *
tool(const char *tool_cmd, const unsigned char *pdf, size_t len)
{
    char *path = write_temp(pdf, len);
    char cmd[4300];
    char *out;

    snprintf(cmd, sizeof(cmd), "%s '%s' %s 2>/dev/null", tool_cmd, path,
             strncmp(tool_cmd, "pdftotext", 9) == 0 ? "-" : "");
    out = run(cmd);
    /* LIEFLEED_KEEP_PDF=1 keeps the files to look at */
    if (getenv("LIEFLEED_KEEP_PDF") != NULL)
        print_message("# kept %s\n", path);
    else
        unlink(path);
    free(path);
    return out;
}

static char *
pdf_text(const unsigned char *pdf, size_t len)
{
    return tool("pdftotext -layout -enc UTF-8", pdf, len);
}

static size_t
count(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    const char *p = hay;

    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += k;
    }
    return n;
}

#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (strstr((hay), (needle)) == NULL)                                   \
            fail_msg("\"%s\" not found in:\n%s", (needle), (hay));             \
    } while (0)
#define assert_lacks(hay, needle)                                              \
    do {                                                                       \
        if (strstr((hay), (needle)) != NULL)                                   \
            fail_msg("\"%s\" unexpectedly found in:\n%s", (needle), (hay));    \
    } while (0)

/* Make the receipt and return its extracted text. */
static char *
receipt_text(const struct receipt *r, const struct pdf_doc_options *o)
{
    unsigned char *pdf;
    size_t len;
    char err[256], *text;

    if (!receipt_pdf(r, o, &pdf, &len, err, sizeof(err)))
        fail_msg("receipt_pdf: %s", err);
    assert_true(len > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    text = pdf_text(pdf, len);
    free(pdf);
    return text;
}

/* ---- the receipt ---- */

static void
test_receipt_dutch(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    char *t;

    (void)state;
    t = receipt_text(&r, &o);
    assert_contains(t, "DOCK Utrecht");
    assert_contains(t, "3500 AA Utrecht");
    assert_contains(t, "Ontvangstbevestiging");
    assert_contains(t, "LL-2026-00042");
    assert_contains(t, "27-11-2026 om 21:40");
    assert_contains(t, "Şükrü Yıldız");
    assert_contains(t, "sukru@example.nl");
    assert_contains(t, "06 12345678");
    assert_contains(t, "Oudegracht");
    assert_contains(t, "12 bis");
    assert_contains(t, "3511 AB");
    assert_contains(t, "Binnenstad");
    assert_contains(t, "Huishoudens (ongeveer)");
    assert_contains(t, "40");
    assert_contains(t, "Łukasz Brzęczyszczykiewicz");
    assert_contains(t, "lukasz@example.nl");
    assert_contains(t, "café-bon");
    assert_contains(t, "naïeve");
    assert_contains(t, "ideeën");
    assert_contains(t, "€ 150");
    assert_contains(t, "Overboeking naar een bankrekening");
    assert_contains(t, "Ş. Yıldız");
    assert_contains(t, MASKED_IBAN);
    assert_contains(t, "Wat gebeurt er nu?");
    assert_contains(t, "binnen 4 weken");
    assert_contains(t, "persoonlijke statuslink");
    assert_contains(t,
                    "Gemaakt op 27-11-2026 om 21:40 uit de stand: ingediend");
    assert_contains(t, "Pagina 1 van 1");
    /* no full IBAN in any spelling, no link */
    assert_lacks(t, FULL_IBAN);
    assert_lacks(t, "NL91 ABNA");
    assert_lacks(t, "0417");
    assert_lacks(t, "http");
    assert_lacks(t, "/status/");
    free(t);
}

static void
test_receipt_english(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    char *t;

    (void)state;
    r.lang = "en";
    r.submitted_at = "27-11-2026 at 21:40";
    r.phone = NULL;
    t = receipt_text(&r, &o);
    assert_contains(t, "Confirmation of receipt");
    assert_contains(t, "Reference");
    assert_contains(t, "Received on");
    assert_contains(t, "Your details");
    assert_contains(t, "Phone");
    assert_contains(t, "not given");
    assert_contains(t, "Your street");
    assert_contains(t, "House number");
    assert_contains(t, "District (wijk)");
    assert_contains(t, "Households (roughly)");
    assert_contains(t, "Second gangmaker");
    assert_contains(t, "What you want to do");
    assert_contains(t, "Transfer to a bank account");
    assert_contains(t, "Account holder");
    assert_contains(t, "What happens next?");
    assert_contains(t, "your application within 4");
    assert_contains(t, "Generated on 27-11-2026 at 21:40 from the state: "
                       "submitted");
    assert_contains(t, "Page 1 of 1");
    assert_contains(t, "Şükrü Yıldız");
    assert_contains(t, MASKED_IBAN);
    assert_lacks(t, "Pagina");
    assert_lacks(t, "Ontvangstbevestiging");
    assert_lacks(t, "Wat gebeurt");
    free(t);
}

static void
test_receipt_card_no_second(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    char *t;

    (void)state;
    r.payout = RECEIPT_PAYOUT_CARD;
    r.account_holder = NULL;
    r.iban_masked = NULL;
    r.second_name = NULL;
    r.second_email = NULL;
    r.phone = "";
    r.house_addition = NULL;
    o.generated = "Gemaakt op 28-11-2026 08:00 uit de stand: ingediend";
    t = receipt_text(&r, &o);
    assert_contains(t, "Prepaidkaart");
    assert_contains(t, "U heeft geen tweede gangmaker opgegeven.");
    assert_contains(t, "niet ingevuld");
    assert_contains(t, "Gemaakt op 28-11-2026 08:00");
    assert_lacks(t, "IBAN");
    assert_lacks(t, "bis");
    free(t);

    /* no options: default fonts, no letterhead, default generated line */
    t = receipt_text(&r, NULL);
    assert_contains(t, "Ontvangstbevestiging");
    assert_contains(t,
                    "Gemaakt op 27-11-2026 om 21:40 uit de stand: ingediend");
    assert_lacks(t, "DOCK");
    free(t);

    /* no e-mail (assisted intake): the letters come by post */
    r.email = NULL;
    t = receipt_text(&r, NULL);
    assert_contains(t, "geen: u krijgt brieven per post");
    assert_lacks(t, "sukru@example.nl");
    free(t);
    r.lang = "en";
    r.email = "";
    t = receipt_text(&r, NULL);
    assert_contains(t, "none: letters come by post");
    free(t);
}

static void
test_metadata(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    unsigned char *pdf;
    size_t len;
    char err[256], *info;

    (void)state;
    assert_true(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
    info = tool("pdfinfo", pdf, len);
    assert_contains(info, "Ontvangstbevestiging LL-2026-00042");
    assert_contains(info, "DOCK Utrecht");
    assert_contains(info, "Lief en Leed");
    assert_contains(info, "CreationDate:");
    assert_contains(info, "2026");
    assert_contains(info, "Pages:           1");
    assert_contains(info, "A4");
    free(info);
    info = tool("pdffonts", pdf, len);
    assert_contains(info, "DejaVuSans");
    assert_contains(info, "DejaVuSans-Bold");
    assert_contains(info, "Identity-H");
    free(info);
    free(pdf);
}

static void
test_long_plan_two_pages(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    char *plan = malloc(20000), *t;
    size_t n = 0;
    int i;

    (void)state;
    assert_non_null(plan);
    for (i = 1; i <= 55; i++)
        n += (size_t)snprintf(plan + n, 20000 - n,
                              "Regel %02d: een kaartje en bloemen voor de "
                              "buren (€ 5).\n",
                              i);
    snprintf(plan + n, 20000 - n, "EINDE VAN HET PLAN");
    r.plan = plan;
    t = receipt_text(&r, &o);
    assert_contains(t, "Pagina 1 van 2");
    assert_contains(t, "Pagina 2 van 2");
    assert_lacks(t, "van 3");
    assert_contains(t, "Regel 01:");
    assert_contains(t, "Regel 55:");
    assert_contains(t, "EINDE VAN HET PLAN");
    /* the running header of page 2 */
    assert_int_equal(count(t, "Ontvangstbevestiging LL-2026-00042"), 1);
    /* every line once, in order */
    for (i = 1; i < 55; i++) {
        char a[32], b[32];
        snprintf(a, sizeof(a), "Regel %02d:", i);
        snprintf(b, sizeof(b), "Regel %02d:", i + 1);
        assert_int_equal(count(t, a), 1);
        assert_true(strstr(t, a) < strstr(t, b));
    }
    free(t);
    free(plan);
}

/* ---- the layout module ---- */

static void
test_table_repeats_header(void **state)
{
    static const struct pdf_doc_column cols[] = {
        {"Datum", 1, false},
        {"Omschrijving van de gebeurtenis", 3, false},
        {"Bedrag", 1, true},
    };
    struct pdf_doc_options o = options();
    struct pdf_doc *d;
    unsigned char *pdf;
    size_t len, pages, i;
    char err[256], *t, *info, *p;

    (void)state;
    o.title = "Straatgeschiedenis";
    d = pdf_doc_new(&o, err, sizeof(err));
    assert_non_null(d);
    assert_true(pdf_doc_heading(d, 1, "Straatgeschiedenis Oudegracht"));
    assert_true(pdf_doc_paragraph(d, "Alle potjes van deze straat."));
    assert_true(pdf_doc_table_begin(d, cols, 3));
    for (i = 1; i <= 120; i++) {
        char date[32], what[64], amount[32];
        const char *cells[3] = {date, what, amount};
        snprintf(date, sizeof(date), "%02zu-01-2026", i % 28 + 1);
        snprintf(what, sizeof(what), "Rij %03zu bloemen voor de buren", i);
        snprintf(amount, sizeof(amount), "€ %zu,00", i);
        assert_true(pdf_doc_table_row(d, cells));
    }
    assert_true(pdf_doc_table_end(d));
    assert_true(pdf_doc_paragraph(d, "Einde van de tabel."));
    assert_true(pdf_doc_finish(d, &pdf, &len, err, sizeof(err)));

    info = tool("pdfinfo", pdf, len);
    p = strstr(info, "Pages:");
    assert_non_null(p);
    pages = strtoul(p + 6, NULL, 10);
    free(info);
    assert_true(pages >= 3);

    t = pdf_text(pdf, len);
    /* one header row per page, and every page numbered */
    assert_int_equal(count(t, "Omschrijving van de gebeurtenis"), pages);
    assert_int_equal(count(t, "Bedrag"), pages);
    for (i = 1; i <= pages; i++) {
        char num[64];
        snprintf(num, sizeof(num), "Pagina %zu van %zu", i, pages);
        assert_int_equal(count(t, num), 1);
    }
    for (i = 1; i <= 120; i++) {
        char row[32];
        snprintf(row, sizeof(row), "Rij %03zu", i);
        assert_int_equal(count(t, row), 1);
    }
    assert_contains(t, "€ 120,00");
    assert_contains(t, "Einde van de tabel.");
    free(t);
    free(pdf);
}

static void
test_missing_font_dir(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    unsigned char *pdf = (unsigned char *)"x";
    size_t len = 7;
    char err[256] = "";

    (void)state;
    o.font_dir = "/nonexistent/fonts";
    assert_false(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
    assert_null(pdf);
    assert_int_equal(len, 0);
    assert_contains(err, "/nonexistent/fonts/DejaVuSans.ttf");
    assert_contains(err, "cannot open the file");

    err[0] = '\0';
    assert_null(pdf_doc_new(&o, err, sizeof(err)));
    assert_contains(err, "font");
}

static void
test_not_a_font(void **state)
{
    struct pdf_doc_options o = options();
    char err[256] = "";
    const char *dir = getenv("LIEFLEED_TEST_TMP");
    char path[4096], file[4200];
    FILE *f;

    (void)state;
    snprintf(path, sizeof(path), "%s/fontsXXXXXX", dir && *dir ? dir : "/tmp");
    assert_non_null(mkdtemp(path));
    snprintf(file, sizeof(file), "%s/DejaVuSans.ttf", path);
    f = fopen(file, "w");
    assert_non_null(f);
    fputs("not a font at all", f);
    fclose(f);
    o.font_dir = path;
    assert_null(pdf_doc_new(&o, err, sizeof(err)));
    assert_contains(err, "DejaVuSans.ttf");
    unlink(file);
    rmdir(path);
}

static void
test_emoji_replaced(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    char *t;

    (void)state;
    r.name = "Anna \xF0\x9F\x98\x80 de Vries";
    r.plan = "Feest \xF0\x9F\x8E\x89 met taart, bad \xFF byte, tab\there.";
    t = receipt_text(&r, &o);
    assert_contains(t, "Anna ? de Vries");
    assert_contains(t, "Feest ? met taart");
    assert_contains(t, "bad ? byte");
    assert_contains(t, "tab here.");
    assert_lacks(t, "\xF0\x9F");
    free(t);
}

static void
test_refused_input(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r;
    unsigned char *pdf;
    size_t len;
    char err[256];

    (void)state;
    r = sample();
    r.reference = NULL;
    assert_false(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
    assert_null(pdf);
    assert_contains(err, "reference");

    r = sample();
    r.plan = "";
    assert_false(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
    assert_contains(err, "plan");

    r = sample();
    r.iban_masked = NULL;
    assert_false(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
    assert_contains(err, "iban_masked");

    r = sample();
    r.lang = "de";
    assert_false(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
    assert_contains(err, "language");

    r = sample();
    r.iban_masked = "NL91 ABNA 0417 1643 00";
    assert_false(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
    assert_null(pdf);
    assert_int_equal(len, 0);
    assert_contains(err, "not masked");
}

static void
test_long_word_wraps(void **state)
{
    struct pdf_doc_options o = options();
    struct pdf_doc *d;
    unsigned char *pdf;
    size_t len, i, euros = 0;
    char err[256], word[3 * 300 + 1], *t;

    (void)state;
    for (i = 0; i < 300; i++)
        memcpy(word + 3 * i, "\xE2\x82\xAC", 3);
    word[3 * 300] = '\0';
    d = pdf_doc_new(&o, err, sizeof(err));
    assert_non_null(d);
    pdf_doc_paragraph(d, word);
    pdf_doc_field(d, "Een heel lang label dat over meerdere regels loopt",
                  word);
    assert_true(pdf_doc_finish(d, &pdf, &len, err, sizeof(err)));
    t = pdf_text(pdf, len);
    euros = count(t, "€");
    assert_int_equal(euros, 600);
    assert_contains(t, "Een heel lang label");
    free(t);
    free(pdf);
}

static void
test_misuse_fails_whole_document(void **state)
{
    static const struct pdf_doc_column cols[] = {{"A", 0, false}};
    struct pdf_doc_options o = options();
    struct pdf_doc *d;
    unsigned char *pdf = (unsigned char *)"x";
    size_t len = 1;
    char err[256] = "";

    (void)state;
    d = pdf_doc_new(&o, err, sizeof(err));
    assert_non_null(d);
    assert_true(pdf_doc_table_begin(d, cols, 1));
    assert_false(pdf_doc_heading(d, 2, "Te vroeg"));
    /* sticky: everything after fails too */
    assert_false(pdf_doc_table_row(d, (const char *const[]){"x"}));
    assert_false(pdf_doc_finish(d, &pdf, &len, err, sizeof(err)));
    assert_null(pdf);
    assert_int_equal(len, 0);
    assert_contains(err, "inside a table");

    /* a libharu error from the caller's own drawing is caught too */
    d = pdf_doc_new(&o, err, sizeof(err));
    assert_non_null(d);
    {
        struct pdf_doc_box box;
        assert_true(pdf_doc_reserve(d, 50, &box));
        HPDF_Page_BeginText(box.page);
        HPDF_Page_BeginText(box.page); /* not allowed twice */
    }
    assert_false(pdf_doc_paragraph(d, "daarna"));
    assert_false(pdf_doc_finish(d, &pdf, &len, err, sizeof(err)));
    assert_null(pdf);
    assert_contains(err, "libharu error");
}

static void
test_drawing_hook(void **state)
{
    struct pdf_doc_options o = options();
    struct pdf_doc *d;
    struct pdf_doc_box box;
    unsigned char *pdf;
    size_t len, i;
    char err[256], *t;
    float w;

    (void)state;
    d = pdf_doc_new(&o, err, sizeof(err));
    assert_non_null(d);
    assert_false(pdf_doc_reserve(d, 5000, &box)); /* taller than a page */
    pdf_doc_free(d);

    d = pdf_doc_new(&o, err, sizeof(err));
    assert_non_null(d);
    for (i = 0; i < 6; i++) {
        char label[32];
        assert_true(pdf_doc_reserve(d, 150, &box));
        assert_true(box.y >= 70 && box.y + box.height <= 842);
        assert_true(box.width > 400);
        HPDF_Page_SetRGBFill(box.page, 0.1f, 0.3f, 0.6f);
        HPDF_Page_Rectangle(box.page, box.x + 100, box.y + 10,
                            (float)(i + 1) * 40, 20);
        HPDF_Page_Fill(box.page);
        snprintf(label, sizeof(label), "Wijk %zu: Zuidwest", i + 1);
        w = pdf_doc_text_width(d, 9, false, label);
        assert_true(w > 20 && w < 100);
        assert_true(
            pdf_doc_text_at(d, box.x + 95 - w, box.y + 15, 9, false, label));
        assert_true(
            pdf_doc_text_at(d, box.x, box.y + 130, 11, true, "Potjes € ë"));
    }
    assert_true(pdf_doc_finish(d, &pdf, &len, err, sizeof(err)));
    t = pdf_text(pdf, len);
    assert_contains(t, "Wijk 1: Zuidwest");
    assert_contains(t, "Wijk 6: Zuidwest");
    assert_int_equal(count(t, "Potjes € ë"), 6);
    assert_contains(t, "Pagina 2 van 2");
    free(t);
    free(pdf);
}

/* ---- threads and reproducibility ---- */

struct job {
    const unsigned char *expect;
    size_t expect_len;
    int same;
};

static void *
worker(void *arg)
{
    struct job *j = arg;
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    int i;

    for (i = 0; i < 4; i++) {
        unsigned char *pdf;
        size_t len;
        char err[256];

        if (!receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)))
            return NULL;
        if (len == j->expect_len && memcmp(pdf, j->expect, len) == 0)
            j->same++;
        free(pdf);
    }
    return NULL;
}

static void
test_threads_same_bytes(void **state)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    unsigned char *pdf;
    size_t len;
    char err[256];
    pthread_t th[4];
    struct job jobs[4];
    int i;

    (void)state;
    assert_true(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
    for (i = 0; i < 4; i++) {
        jobs[i] = (struct job){pdf, len, 0};
        assert_int_equal(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
    }
    for (i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(jobs[i].same, 4);
    }
    free(pdf);
}

/* ---- cost ---- */

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
measure(bool synthetic)
{
    struct pdf_doc_options o = options();
    struct receipt r = sample();
    size_t total = 0;
    double t0, t1;
    int i, n = 20;

    o.synthetic_bold = synthetic;
    t0 = now_ms();
    for (i = 0; i < n; i++) {
        unsigned char *pdf;
        size_t len;
        char err[256];

        assert_true(receipt_pdf(&r, &o, &pdf, &len, err, sizeof(err)));
        total += len;
        free(pdf);
    }
    t1 = now_ms();
    print_message("# receipt (%s bold): %.1f ms, %zu bytes per receipt\n",
                  synthetic ? "synthetic" : "DejaVuSans-Bold", (t1 - t0) / n,
                  total / (size_t)n);
}

static void
test_cost(void **state)
{
    (void)state;
    measure(false);
    measure(true);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_receipt_dutch),
        cmocka_unit_test(test_receipt_english),
        cmocka_unit_test(test_receipt_card_no_second),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_long_plan_two_pages),
        cmocka_unit_test(test_table_repeats_header),
        cmocka_unit_test(test_missing_font_dir),
        cmocka_unit_test(test_not_a_font),
        cmocka_unit_test(test_emoji_replaced),
        cmocka_unit_test(test_refused_input),
        cmocka_unit_test(test_long_word_wraps),
        cmocka_unit_test(test_misuse_fails_whole_document),
        cmocka_unit_test(test_drawing_hook),
        cmocka_unit_test(test_threads_same_bytes),
        cmocka_unit_test(test_cost),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
