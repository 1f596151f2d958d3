/* The three files of a payout batch (reports/batch_files.h): the CSV byte
 * for byte, the SEPA pain.001 against the XSD (xmllint), the statement PDF
 * through pdftotext; and the SEPA text helpers and the IBAN masker. */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch_files.h"
#include "iban_masked.h"
#include "sepa_text.h"

#define FULL_IBAN "NL91ABNA0417164300"
#define MASKED_IBAN "NL** **** **** **43 00"
#define SHA_HEX                                                                \
    "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"

#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (strstr((hay), (needle)) == NULL)                                   \
            fail_msg("\"%s\" not found in:\n%.4000s", (needle), (hay));        \
    } while (0)
#define assert_lacks(hay, needle)                                              \
    do {                                                                       \
        if (strstr((hay), (needle)) != NULL)                                   \
            fail_msg("\"%s\" unexpectedly found in:\n%.4000s", (needle),       \
                     (hay));                                                   \
    } while (0)

static struct batch_file_meta
meta(void)
{
    struct batch_file_meta m = {0};

    m.number = "2026-0007";
    m.msg_id = "LL-BATCH-2026-0007";
    m.created_at_iso = "2026-11-27T23:50:00";
    m.created_at_text = "27-11-2026 23:50";
    m.created_by = "Fien Financiën";
    m.execution_date = "2026-11-30";
    m.debtor_name = "Gemeente Utrecht - Lief & Leed";
    m.debtor_iban = "NL02ABNA0123456789";
    m.debtor_bic = "ABNANL2A";
    m.kostenplaats = "6200100";
    m.grootboekrekening = "";
    m.delimiter = ';';
    m.decimal_mark = ',';
    return m;
}

static struct batch_file_line
line(int no, const char *ref, const char *name, const char *iban,
     long long cents, const char *wijk_code, const char *wijk_name,
     const char *street)
{
    struct batch_file_line l = {0};

    l.line_no = no;
    l.reference = ref;
    l.award_date = "27-11-2026";
    l.payee_name = name;
    l.iban = iban;
    l.amount_cents = cents;
    l.description = "Lief en Leed potje";
    l.wijk_code = wijk_code;
    l.wijk_name = wijk_name;
    l.street = street;
    l.channel = iban ? BATCH_BANK : BATCH_PREPAID_CARD;
    return l;
}

/* ---- helpers ---- */

static char *
write_temp(const void *data, size_t len, const char *suffix)
{
    const char *dir = getenv("LIEFLEED_TEST_TMP");
    char *path = malloc(4096);
    int fd;

    assert_non_null(path);
    snprintf(path, 4096, "%s/batchXXXXXX%s", dir && *dir ? dir : "/tmp",
             suffix);
    assert_null(strchr(path, '\''));
    fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
    return path;
}

/* The standard output (and error) of cmd, malloc()ed; *status its exit. */
static char *
run(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    char *out = NULL;
    size_t len = 0, cap = 0;

    assert_non_null(p);
    for (;;) {
        size_t n;

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
    *status = pclose(p);
    return out;
}

static char *
pdf_text(const unsigned char *pdf, size_t len)
{
    char *path = write_temp(pdf, len, ".pdf"), cmd[4300], *out;
    int status;

    snprintf(cmd, sizeof(cmd), "pdftotext -layout -enc UTF-8 '%s' - 2>&1",
             path);
    out = run(cmd, &status);
    assert_int_equal(status, 0);
    unlink(path);
    free(path);
    return out;
}

static const char *
xsd_path(void)
{
    const char *env = getenv("LIEFLEED_SEPA_XSD");

    if (env && *env)
        return env;
    if (access("../shared/data/pain.001.001.03.xsd", R_OK) == 0)
        return "../shared/data/pain.001.001.03.xsd";
    return "/work/shared/data/pain.001.001.03.xsd";
}

/* xmllint --schema on the bytes: fails the test with its output. */
static void
assert_valid_sepa(const unsigned char *xml, size_t len)
{
    char *path = write_temp(xml, len, ".xml"), cmd[8400], *out;
    int status;

    assert_int_equal(access(xsd_path(), R_OK), 0);
    snprintf(cmd, sizeof(cmd), "xmllint --noout --schema '%s' '%s' 2>&1",
             xsd_path(), path);
    out = run(cmd, &status);
    if (status != 0)
        fail_msg("xmllint refused the SEPA file:\n%s", out);
    assert_contains(out, "validates");
    free(out);
    unlink(path);
    free(path);
}

static char *
text_of(unsigned char *bytes, size_t len)
{
    char *s = malloc(len + 1);

    assert_non_null(s);
    memcpy(s, bytes, len);
    s[len] = '\0';
    free(bytes);
    return s;
}

static char *
csv(const struct batch_file_meta *m, const struct batch_file_line *l, size_t n)
{
    unsigned char *out;
    size_t len;
    char err[256];

    if (!batch_csv(m, l, n, &out, &len, err, sizeof(err)))
        fail_msg("batch_csv: %s", err);
    return text_of(out, len);
}

static char *
sepa(const struct batch_file_meta *m, const struct batch_file_line *l, size_t n)
{
    unsigned char *out;
    size_t len;
    char err[256];

    if (!batch_sepa(m, l, n, &out, &len, err, sizeof(err)))
        fail_msg("batch_sepa: %s", err);
    assert_valid_sepa(out, len);
    return text_of(out, len);
}

static size_t
count(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);

    while ((hay = strstr(hay, needle)) != NULL) {
        n++;
        hay += k;
    }
    return n;
}

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- the SEPA text helpers and the masker ---- */

static const char *
latin(const char *in)
{
    static char out[256];

    sepa_text(in, strlen(in), out, sizeof(out));
    return out;
}

static void
test_sepa_text(void **state)
{
    char small[6], esc[16];

    (void)state;
    assert_string_equal(latin("Şükrü Yıldız"), "Sukru Yildiz");
    assert_string_equal(latin("Łukasz Żółć"), "Lukasz Zolc");
    assert_string_equal(latin("Ærø"), "AEro");
    assert_string_equal(latin("Straße çà ëï œuvre ğ ş"),
                        "Strasse ca ei oeuvre g s");
    assert_string_equal(latin("Jan 🎉 & Zn"), "Jan . . Zn");
    assert_string_equal(latin("A_B@C*D"), "A.B.C.D");
    assert_string_equal(latin("/-?:().,'+ 09azAZ"), "/-?:().,'+ 09azAZ");
    assert_string_equal(latin("re\xCC\x81sume\xCC\x81"), "resume");
    assert_string_equal(latin("a\tb\r\nc"), "a b  c");
    assert_string_equal(latin("\xC3(\xFF\xED\xA0\x80x"), ".(....x");
    assert_string_equal(latin("O’Brien – 2"), "O'Brien - 2");
    assert_string_equal(latin("\xE2\x82\xAC 5"), ". 5");
    /* cut like snprintf: the full length comes back */
    assert_int_equal(sepa_text("Größe", strlen("Größe"), small, sizeof(small)),
                     6);
    assert_string_equal(small, "Gross");
    assert_int_equal(sepa_text("abc", 3, NULL, 0), 3);
    /* XML escaping never cuts an entity */
    assert_int_equal(sepa_xml_escape("a&b<'", 5, esc, sizeof(esc)),
                     strlen("a&amp;b&lt;&apos;"));
    assert_string_equal(esc, "a&amp;b&lt;");
    assert_int_equal(sepa_xml_escape("x\"y>", 4, esc, sizeof(esc)), 12);
    assert_string_equal(esc, "x&quot;y&gt;");
    assert_true(sepa_char_ok('+'));
    assert_false(sepa_char_ok('&'));
    assert_false(sepa_char_ok('\0'));
}

static void
test_iban_masked(void **state)
{
    char out[IBAN_MASKED_SIZE], tiny[8];

    (void)state;
    iban_masked(FULL_IBAN, out, sizeof(out));
    assert_string_equal(out, MASKED_IBAN);
    iban_masked("NL91 ABNA 0417 1643 00", out, sizeof(out));
    assert_string_equal(out, MASKED_IBAN);
    iban_masked("BE68539007547034", out, sizeof(out));
    assert_string_equal(out, "BE** **** **** 7034");
    iban_masked("NL91ABN", out, sizeof(out));
    assert_string_equal(out, "NL** ***");
    iban_masked(FULL_IBAN, tiny, sizeof(tiny));
    assert_string_equal(tiny, "");
    iban_masked("NL91ABNA0417164300NL91ABNA0417164300", out, sizeof(out));
    assert_string_equal(out, "");
}

/* ---- CSV ---- */

static void
two_lines(struct batch_file_line l[2])
{
    l[0] = line(1, "LL-2026-00042-U1", "Anna \"An\" de Vries; jr.", FULL_IBAN,
                15000, "03", "Overvecht", "Verdilaan");
    l[0].description = "Lief en Leed potje LL-2026-00042 Verdilaan";
    l[1] = line(2, "LL-2026-00043-U1", "=SUM(A1)", NULL, 7550, "01",
                "Binnenstad", "Oudegracht");
    l[1].award_date = "26-11-2026";
    l[1].description = "Lief en Leed potje LL-2026-00043 Oudegracht";
}

static void
test_csv_exact_bytes(void **state)
{
    struct batch_file_meta m = meta();
    struct batch_file_line l[2];
    char *c;

    (void)state;
    two_lines(l);
    c = csv(&m, l, 2);
    assert_string_equal(
        c, "batch;regel;referentie;toekenningsdatum;naam;iban;bedrag;"
           "omschrijving;kostenplaats;grootboekrekening;wijk;straat;kanaal\r\n"
           "2026-0007;1;LL-2026-00042-U1;27-11-2026;"
           "\"Anna \"\"An\"\" de Vries; jr.\";NL91ABNA0417164300;150,00;"
           "Lief en Leed potje LL-2026-00042 Verdilaan;6200100;;Overvecht;"
           "Verdilaan;bank\r\n"
           "2026-0007;2;LL-2026-00043-U1;26-11-2026;'=SUM(A1);;75,50;"
           "Lief en Leed potje LL-2026-00043 Oudegracht;6200100;;Binnenstad;"
           "Oudegracht;prepaidkaart\r\n");
    free(c);
}

static void
test_csv_decimal_point_and_guards(void **state)
{
    struct batch_file_meta m = meta();
    struct batch_file_line l[2];
    char *c;

    (void)state;
    two_lines(l);
    m.delimiter = ',';
    m.decimal_mark = '.';
    m.grootboekrekening = "-4300";
    l[0].amount_cents = 123456789;
    l[0].description = "potje, Verdilaan";
    l[1].payee_name = "@Piet+";
    l[1].street = " Lange Nieuwstraat";
    c = csv(&m, l, 2);
    assert_contains(c, "batch,regel,referentie,toekenningsdatum,naam,iban,");
    assert_contains(c, ",1234567.89,\"potje, Verdilaan\",6200100,'-4300,");
    assert_contains(c, ",'@Piet+,,75.50,");
    assert_contains(c, ",\" Lange Nieuwstraat\",prepaidkaart\r\n");
    /* a ';' is just text with ',' between the fields */
    assert_contains(c, ",\"Anna \"\"An\"\" de Vries; jr.\",");
    assert_int_equal(count(c, "\r\n"), 3);
    assert_lacks(c, "\xEF\xBB\xBF");
    free(c);
}

static void
refused(const struct batch_file_meta *m, const struct batch_file_line *l,
        size_t n, const char *want)
{
    unsigned char *out = (unsigned char *)"x";
    size_t len = 1;
    char err[256] = "";

    assert_false(batch_csv(m, l, n, &out, &len, err, sizeof(err)));
    assert_null(out);
    assert_int_equal(len, 0);
    assert_contains(err, want);
}

static void
test_csv_refusals(void **state)
{
    struct batch_file_meta m = meta();
    struct batch_file_line l[2];

    (void)state;
    two_lines(l);
    m.delimiter = '"';
    refused(&m, l, 2, "aanhalingsteken");
    m.delimiter = '\n';
    refused(&m, l, 2, "regeleinde");
    m.delimiter = '\r';
    refused(&m, l, 2, "regeleinde");
    m.delimiter = ',';
    refused(&m, l, 2, "allebei ','");
    m.delimiter = ';';
    m.decimal_mark = ';';
    refused(&m, l, 2, "decimaalteken");
    m = meta();
    m.delimiter = 'x';
    refused(&m, l, 2, "leesteken");
    m = meta();
    refused(&m, l, 0, "geen regels");
    l[0].iban = NULL;
    refused(&m, l, 2, "regel 1 van de batch: de IBAN ontbreekt");
    two_lines(l);
    l[1].amount_cents = 0;
    refused(&m, l, 2, "regel 2 van de batch: het bedrag");
    two_lines(l);
    l[1].line_no = 1;
    refused(&m, l, 2, "niet oplopend");
    two_lines(l);
    l[1].award_date = "2026-11-26";
    refused(&m, l, 2, "toekenningsdatum");
    two_lines(l);
    l[1].payee_name = "Bad \xC3";
    refused(&m, l, 2, "UTF-8");
    two_lines(l);
    m.number = "";
    refused(&m, l, 2, "batchnummer");
}

/* ---- SEPA ---- */

#define LONG_TEXT                                                              \
    "Lief en Leed potje voor de bewoners van de Verdilaan en omgeving, "       \
    "met dank voor alle inzet bij de buurtmaaltijd, de bloemen, de kaarten "   \
    "en nog veel meer goeds, zodat "

static void
test_sepa_valid_and_right(void **state)
{
    struct batch_file_meta m = meta();
    struct batch_file_line l[6];
    char *x;
    const char *u;

    (void)state;
    l[0] = line(1, "LL-2026-00001-U1", "Şükrü Yıldız", FULL_IBAN, 15000, "03",
                "Overvecht", "Verdilaan");
    l[1] = line(2, "LL-2026-00002-U1", "Łukasz Żółć", "NL20INGB0001234567",
                15000, "03", "Overvecht", "Verdilaan");
    l[2] = line(3, "LL-2026-00003-U1", "Kaart Houder", NULL, 9900, "01",
                "Binnenstad", "Oudegracht");
    l[3] =
        line(4, "LL-2026-00004-U1", "Ærø O'Brien & Zn 🎉",
             "DE89370400440532013000", 15000, "01", "Binnenstad", "Oudegracht");
    l[4] = line(5, "LL-2026-00005-U1", "Jan", "NL91ABNA0417164300", 1, "01",
                "Binnenstad", "Oudegracht");
    l[4].description = LONG_TEXT "LL-2026-00005-U1";
    l[5] = line(6, "LL-2026-00006-U1", "Kaart Twee", NULL, 5000, "01",
                "Binnenstad", "Oudegracht");
    l[5].description = "";
    x = sepa(&m, l, 6);
    assert_contains(x, "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
                       "pain.001.001.03\">");
    assert_contains(x, "<MsgId>LL-BATCH-2026-0007</MsgId>");
    assert_contains(x, "<CreDtTm>2026-11-27T23:50:00</CreDtTm>");
    assert_contains(x, "<PmtInfId>2026-0007</PmtInfId>");
    assert_int_equal(count(x, "<NbOfTxs>4</NbOfTxs>"), 2);
    assert_int_equal(count(x, "<CtrlSum>450.01</CtrlSum>"), 2);
    assert_int_equal(count(x, "<CdtTrfTxInf>"), 4);
    assert_contains(x, "<PmtMtd>TRF</PmtMtd>");
    assert_contains(x, "<BtchBookg>true</BtchBookg>");
    assert_contains(x, "<Cd>SEPA</Cd>");
    assert_contains(x, "<ChrgBr>SLEV</ChrgBr>");
    assert_contains(x, "<ReqdExctnDt>2026-11-30</ReqdExctnDt>");
    assert_contains(x, "<BIC>ABNANL2A</BIC>");
    assert_contains(x, "<Nm>Gemeente Utrecht - Lief . Leed</Nm>");
    assert_contains(x, "<IBAN>NL02ABNA0123456789</IBAN>");
    assert_contains(x, "<EndToEndId>LL-2026-00001-U1</EndToEndId>");
    assert_contains(x, "<InstdAmt Ccy=\"EUR\">150.00</InstdAmt>");
    assert_contains(x, "<InstdAmt Ccy=\"EUR\">0.01</InstdAmt>");
    assert_contains(x, "<Nm>Sukru Yildiz</Nm>");
    assert_contains(x, "<Nm>Lukasz Zolc</Nm>");
    assert_contains(x, "<Nm>AEro O&apos;Brien . Zn .</Nm>");
    assert_contains(x, "<IBAN>" FULL_IBAN "</IBAN>");
    /* the description lacked the payout reference: it goes in front */
    assert_contains(x, "<Ustrd>LL-2026-00001-U1 Lief en Leed potje</Ustrd>");
    /* cut at 140 with the reference kept whole, in front */
    u = strstr(x, "<Ustrd>LL-2026-00005-U1 Lief en Leed potje voor");
    assert_non_null(u);
    assert_int_equal(strcspn(u + 7, "<"), 140);
    /* cards are ordered apart */
    assert_lacks(x, "LL-2026-00003-U1");
    assert_lacks(x, "LL-2026-00006-U1");
    assert_lacks(x, "Kaart");
    free(x);
}

static void
test_sepa_no_bic_and_refusals(void **state)
{
    struct batch_file_meta m = meta();
    struct batch_file_line l[2];
    unsigned char *out;
    size_t len;
    char err[256], *x;

    (void)state;
    two_lines(l);
    m.debtor_bic = NULL;
    /* a long name is cut to 70 (and the space at the cut dropped); a
     * description holding the reference within its first 140 characters
     * is cut as it is */
    l[0].payee_name = "Maria Magdalena Johanna Wilhelmina van den Berg-"
                      "Oosterhuis tot Zuylen van Nijevelt";
    l[0].description = "LL-2026-00042-U1 " LONG_TEXT LONG_TEXT;
    x = sepa(&m, l, 2);
    assert_contains(x, "<Nm>Maria Magdalena Johanna Wilhelmina van den "
                       "Berg-Oosterhuis tot Zuylen</Nm>");
    assert_contains(x, "<Ustrd>LL-2026-00042-U1 Lief en Leed potje voor");
    assert_int_equal(count(x, "LL-2026-00042-U1"), 2); /* id and text */
    assert_int_equal(strcspn(strstr(x, "<Ustrd>") + 7, "<"), 140);
    assert_contains(x, "<Othr>\n            <Id>NOTPROVIDED</Id>");
    assert_lacks(x, "<BIC>");
    free(x);

    m = meta();
    m.debtor_iban = "";
    assert_false(batch_sepa(&m, l, 2, &out, &len, err, sizeof(err)));
    assert_null(out);
    assert_contains(err, "debtor_iban");
    m = meta();
    m.debtor_bic = "ABN";
    assert_false(batch_sepa(&m, l, 2, &out, &len, err, sizeof(err)));
    assert_contains(err, "BIC");
    m = meta();
    m.msg_id = "this message id is far too long for a SEPA file";
    assert_false(batch_sepa(&m, l, 2, &out, &len, err, sizeof(err)));
    assert_contains(err, "MsgId");
    m = meta();
    m.execution_date = "30-11-2026";
    assert_false(batch_sepa(&m, l, 2, &out, &len, err, sizeof(err)));
    assert_contains(err, "uitvoeringsdatum");
    /* only cards: no SEPA file */
    m = meta();
    assert_false(batch_sepa(&m, l + 1, 1, &out, &len, err, sizeof(err)));
    assert_contains(err, "geen overboekingen");
    l[0].iban = "NL91 ABNA 0417 1643 00";
    assert_false(batch_sepa(&m, l, 2, &out, &len, err, sizeof(err)));
    assert_contains(err, "regel 1 heeft een IBAN");
    assert_int_equal(len, 0);
}

/* ---- the statement ---- */

static const char *const wijk_codes[] = {"01", "03", "07"};
static const char *const wijk_names[] = {"West", "Overvecht", "Zuidwest"};

/* n lines over three wijken, every seventh a prepaid card; the strings
 * live in refs/names (n * 32 bytes each). */
static struct batch_file_line *
many(size_t n, char *refs, char *names)
{
    struct batch_file_line *l = calloc(n, sizeof(*l));
    size_t i;

    assert_non_null(l);
    for (i = 0; i < n; i++) {
        char *ref = refs + 32 * i, *name = names + 32 * i;
        bool card = i % 7 == 6;

        snprintf(ref, 32, "LL-2026-%05u-U1", (unsigned)(i % 100000) + 1);
        snprintf(name, 32, "Bewoner %u Ørsted", (unsigned)(i % 1000000) + 1);
        l[i] = line((int)i + 1, ref, name, card ? NULL : FULL_IBAN,
                    15000 + (long long)(i % 3), wijk_codes[i % 3],
                    wijk_names[i % 3], "Verdilaan");
    }
    return l;
}

static void
test_statement_pdf(void **state)
{
    struct batch_file_meta m = meta();
    struct pdf_doc_options o = {0};
    size_t n = 200, len, len2, pages;
    char *refs = calloc(n, 32), *names = calloc(n, 32), err[256];
    struct batch_file_line *l = many(n, refs, names);
    unsigned char *pdf, *pdf2;
    char *t, *page2;

    (void)state;
    o.org_name = "DOCK Utrecht";
    o.author = "DOCK Utrecht";
    if (!batch_statement_pdf(&m, l, n, SHA_HEX, &o, &pdf, &len, err,
                             sizeof(err)))
        fail_msg("batch_statement_pdf: %s", err);
    /* the same input gives the same bytes */
    assert_true(batch_statement_pdf(&m, l, n, SHA_HEX, &o, &pdf2, &len2, err,
                                    sizeof(err)));
    assert_int_equal(len, len2);
    assert_memory_equal(pdf, pdf2, len);
    free(pdf2);
    t = pdf_text(pdf, len);
    free(pdf);

    assert_contains(t, "Betaalbatch 2026-0007");
    assert_contains(t, "27-11-2026 23:50");
    assert_contains(t, "Fien Financiën");
    /* 200 lines of 150.00, 150.01, 150.02 in turn over the wijken 01, 03,
     * 07; every 7th (28) a card, so 172 bank lines */
    assert_contains(t, "Aantal regels");
    assert_contains(t, "200");
    assert_contains(t, "€ 30.001,99");
    assert_contains(t, "Overboekingen (bank)");
    assert_contains(t, "172");
    assert_contains(t, "€ 25.801,72");
    assert_contains(t, "28");
    assert_contains(t, "€ 4.200,27");
    /* per wijk: 67 x 150.00, 67 x 150.01, 66 x 150.02 */
    assert_contains(t, "01 West");
    assert_contains(t, "03 Overvecht");
    assert_contains(t, "07 Zuidwest");
    assert_contains(t, "€ 10.050,00");
    assert_contains(t, "€ 10.050,67");
    assert_contains(t, "€ 9.901,32");
    /* the SHA-256 in groups */
    assert_contains(t, "3a7bd3e2 360a3d29 eea436fc fb7e44c7");
    assert_contains(t, "35d117c4 2d1c1835 420b6b99 42dd4f1b");
    /* masked, never full */
    assert_contains(t, MASKED_IBAN);
    assert_lacks(t, FULL_IBAN);
    assert_lacks(t, "NL91 ABNA");
    assert_lacks(t, "0417");
    assert_contains(t, "Prepaidkaarten te bestellen");
    assert_contains(t, "LL-2026-00007-U1");
    assert_contains(t, "Bewoner 7 Ørsted");
    assert_contains(t, "Opgesteld door");
    assert_contains(t, "Gecontroleerd door");
    assert_contains(t, "Handtekening");
    /* pages: "Pagina 1 van N", the table header again on page 2 */
    pages = count(t, "\f");
    assert_true(pages >= 3);
    assert_contains(t, "Pagina 1 van ");
    page2 = strchr(t, '\f');
    assert_non_null(page2);
    assert_contains(page2, "Pagina 2 van ");
    {
        char *end2 = strchr(page2 + 1, '\f');
        assert_non_null(end2);
        *end2 = '\0';
        assert_contains(page2, "Regel");
        assert_contains(page2, "Referentie");
        assert_contains(page2, "IBAN");
        assert_contains(page2, "Bedrag");
    }
    free(t);
    free(l);
    free(refs);
    free(names);
}

static void
test_statement_refusals(void **state)
{
    struct batch_file_meta m = meta();
    struct batch_file_line l[2];
    unsigned char *pdf;
    size_t len;
    char err[256];

    (void)state;
    two_lines(l);
    assert_false(
        batch_statement_pdf(&m, l, 2, "abc", NULL, &pdf, &len, err, 256));
    assert_null(pdf);
    assert_contains(err, "SHA-256");
    assert_false(batch_statement_pdf(&m, l, 2, NULL, NULL, &pdf, &len, err,
                                     sizeof(err)));
    assert_false(batch_statement_pdf(&m, l, 0, SHA_HEX, NULL, &pdf, &len, err,
                                     sizeof(err)));
    assert_contains(err, "geen regels");
}

/* Cards only: the bank table is replaced by a sentence. */
static void
test_statement_cards_only(void **state)
{
    struct batch_file_meta m = meta();
    struct batch_file_line l[2];
    unsigned char *pdf;
    size_t len;
    char err[256], *t;

    (void)state;
    two_lines(l);
    if (!batch_statement_pdf(&m, l + 1, 1, SHA_HEX, NULL, &pdf, &len, err,
                             sizeof(err)))
        fail_msg("%s", err);
    t = pdf_text(pdf, len);
    free(pdf);
    assert_contains(t, "Geen overboekingen in deze batch.");
    assert_contains(t, "=SUM(A1)");
    assert_contains(t, "Pagina 1 van 1");
    free(t);
}

/* 10,000 lines: all three files, timed and measured. */
static void
test_ten_thousand_lines(void **state)
{
    struct batch_file_meta m = meta();
    size_t n = 10000, clen, slen, plen;
    char *refs = calloc(n, 32), *names = calloc(n, 32), err[256], *t;
    struct batch_file_line *l = many(n, refs, names);
    unsigned char *c, *s, *p;
    double t0, t1, t2, t3;

    (void)state;
    t0 = now_ms();
    assert_true(batch_csv(&m, l, n, &c, &clen, err, sizeof(err)));
    t1 = now_ms();
    assert_true(batch_sepa(&m, l, n, &s, &slen, err, sizeof(err)));
    t2 = now_ms();
    if (!batch_statement_pdf(&m, l, n, SHA_HEX, NULL, &p, &plen, err,
                             sizeof(err)))
        fail_msg("%s", err);
    t3 = now_ms();
    print_message("# 10000 lines: csv %.0f ms %zu bytes, sepa %.0f ms %zu "
                  "bytes, statement pdf %.0f ms %zu bytes\n",
                  t1 - t0, clen, t2 - t1, slen, t3 - t2, plen);
    /* sanitizer build: generous, still "a few seconds" */
    assert_true(t3 - t0 < 10000);
    assert_valid_sepa(s, slen);
    t = text_of(s, slen);
    assert_int_equal(count(t, "<CdtTrfTxInf>"), n - n / 7);
    free(t);
    t = text_of(c, clen);
    assert_int_equal(count(t, "\r\n"), n + 1);
    free(t);
    t = pdf_text(p, plen);
    free(p);
    assert_contains(t, "LL-2026-10000-U1");
    assert_contains(t, "Pagina 1 van ");
    print_message("# statement pages: %zu\n", count(t, "\f"));
    free(t);
    free(l);
    free(refs);
    free(names);
}

/* Same input, same bytes: CSV and SEPA. */
static void
test_deterministic(void **state)
{
    struct batch_file_meta m = meta();
    struct batch_file_line l[2];
    char *a, *b;

    (void)state;
    two_lines(l);
    a = csv(&m, l, 2);
    b = csv(&m, l, 2);
    assert_string_equal(a, b);
    free(a);
    free(b);
    a = sepa(&m, l, 2);
    b = sepa(&m, l, 2);
    /* the quote and ';' in the name are outside the SEPA set */
    assert_contains(a, "<Nm>Anna .An. de Vries. jr.</Nm>");
    assert_string_equal(a, b);
    free(a);
    free(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sepa_text),
        cmocka_unit_test(test_iban_masked),
        cmocka_unit_test(test_csv_exact_bytes),
        cmocka_unit_test(test_csv_decimal_point_and_guards),
        cmocka_unit_test(test_csv_refusals),
        cmocka_unit_test(test_sepa_valid_and_right),
        cmocka_unit_test(test_sepa_no_bic_and_refusals),
        cmocka_unit_test(test_statement_pdf),
        cmocka_unit_test(test_statement_refusals),
        cmocka_unit_test(test_statement_cards_only),
        cmocka_unit_test(test_ten_thousand_lines),
        cmocka_unit_test(test_deterministic),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
