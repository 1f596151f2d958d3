/* The award and rejection letters, checked through the text that
 * pdftotext (poppler-utils) extracts from the real bytes. */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "award_letter_pdf.h"

/* 27-11-2026 21:40 UTC: fixed, so that the bytes are reproducible. */
#define CREATED ((time_t)1795815600)
#define MASKED_IBAN "NL** **** **** **43 00"

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
    o.synthetic_bold = true;
    return o;
}

static struct decision_letter
sample(void)
{
    struct decision_letter l = {0};

    l.lang = "nl";
    l.reference = "LL-2026-00042";
    l.decided_on = "27-11-2026";
    l.name = "Şükrü Yıldız";
    l.address = "Oudegracht 12 bis";
    l.postcode = "3511 AB";
    l.street = "Oudegracht";
    l.wijk = "Binnenstad";
    l.organisation = "DOCK";
    l.makelaar = "Łukasz Brzęczyszczykiewicz";
    l.amount_cents = 15000;
    l.default_amount_cents = 15000;
    l.expected_payout = "binnen vier weken";
    l.iban_masked = MASKED_IBAN;
    l.rejection_reason = "De straat had dit jaar al twee potjes. Dat is het "
                         "maximum; het café op de hoek telt niet mee.";
    return l;
}

/* ---- helpers ---- */

static char *
write_temp(const unsigned char *pdf, size_t len)
{
    const char *dir = getenv("LIEFLEED_TEST_TMP");
    char *path = malloc(4096);
    int fd;

    assert_non_null(path);
    snprintf(path, 4096, "%s/letterXXXXXX", dir && *dir ? dir : "/tmp");
    assert_null(strchr(path, '\''));
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, pdf, len), (ssize_t)len);
    close(fd);
    return path;
}

static char *
run(const char *cmd)
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
    assert_int_equal(pclose(p), 0);
    return out;
}

/* Run tool ("pdftotext ...", "pdfinfo") on the PDF. */
static char *
tool(const char *tool_cmd, const unsigned char *pdf, size_t len)
{
    char *path = write_temp(pdf, len);
    char cmd[4300];
    char *out;

    snprintf(cmd, sizeof(cmd), "%s '%s' %s 2>/dev/null", tool_cmd, path,
             strncmp(tool_cmd, "pdftotext", 9) == 0 ? "-" : "");
    out = run(cmd);
    if (getenv("LIEFLEED_KEEP_PDF") != NULL)
        print_message("# kept %s\n", path);
    else
        unlink(path);
    free(path);
    return out;
}

/* The text without line breaks: wrapped sentences read as one line, so
 * that a test can look for a whole sentence. */
static char *
flat(char *t)
{
    char *r = t, *w = t;
    bool space = false;

    for (; *r; r++) {
        if (*r == '\n' || *r == ' ' || *r == '\f') {
            space = true;
            continue;
        }
        if (space && w != t)
            *w++ = ' ';
        space = false;
        *w++ = *r;
    }
    *w = '\0';
    return t;
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

typedef bool (*letter_fn)(const struct decision_letter *,
                          const struct pdf_doc_options *, unsigned char **,
                          size_t *, char *, size_t);

/* Make a letter, check it is one page, and return its flattened text. */
static char *
letter_text(letter_fn fn, const struct decision_letter *l,
            const struct pdf_doc_options *o, size_t pages)
{
    unsigned char *pdf;
    size_t len;
    char err[256], *text, *info, expect[64];

    if (!fn(l, o, &pdf, &len, err, sizeof(err)))
        fail_msg("letter: %s", err);
    assert_true(len > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    info = tool("pdfinfo", pdf, len);
    snprintf(expect, sizeof(expect), "Pages:           %zu\n", pages);
    assert_contains(info, expect);
    free(info);
    text = flat(tool("pdftotext -enc UTF-8", pdf, len));
    free(pdf);
    return text;
}

/* fn refuses l with a message containing what. */
static void
refused(letter_fn fn, const struct decision_letter *l, const char *what)
{
    struct pdf_doc_options o = options();
    unsigned char *pdf = (unsigned char *)"x";
    size_t len = 7;
    char err[256] = "";

    assert_false(fn(l, &o, &pdf, &len, err, sizeof(err)));
    assert_null(pdf);
    assert_int_equal(len, 0);
    assert_contains(err, what);
}

/* ---- the award letter ---- */

static void
test_award_dutch(void **state)
{
    struct pdf_doc_options o = options();
    struct decision_letter l = sample();
    char *t;

    (void)state;
    t = letter_text(award_letter_pdf, &l, &o, 1);
    assert_contains(t, "DOCK Utrecht");
    assert_contains(t, "Toekenning Lief en Leed-potje");
    assert_contains(t, "LL-2026-00042");
    assert_contains(t, "27-11-2026");
    assert_contains(t, "Beste Şükrü Yıldız,");
    assert_contains(t, "Oudegracht 12 bis");
    assert_contains(t, "3511 AB Utrecht");
    assert_contains(t, "Binnenstad");
    assert_contains(t, "Besluit");
    assert_contains(t, "U krijgt een Lief en Leed-potje van € 150,00 voor de "
                       "Oudegracht in de wijk Binnenstad.");
    assert_lacks(t, "minder dan het gewone bedrag");
    /* the conditions */
    assert_contains(t, "aandacht voor buren bij lief en leed");
    assert_contains(t, "Bewaar de bonnetjes");
    assert_contains(t, "binnen 12 maanden");
    assert_contains(t, "statuspagina");
    assert_contains(t, "nooit namen of gezondheidsgegevens van buren");
    /* the payout */
    assert_contains(t, "Wij maken het bedrag binnen vier weken over naar uw "
                       "rekening " MASKED_IBAN ".");
    assert_lacks(t, "prepaidkaart");
    /* the objection clause */
    assert_contains(t, "bezwaar");
    assert_contains(t, "binnen zes weken na de datum van deze brief");
    assert_contains(t, "Stuur uw bezwaar naar DOCK");
    assert_contains(t, "6:7 Algemene wet bestuursrecht");
    /* signed */
    assert_contains(t, "Met vriendelijke groet, Łukasz Brzęczyszczykiewicz "
                       "sociaal makelaar, DOCK");
    assert_contains(t, "Gemaakt op 27-11-2026 uit de stand: toegekend");
    assert_contains(t, "Pagina 1 van 1");
    free(t);
}

static void
test_award_lower_card(void **state)
{
    struct pdf_doc_options o = options();
    struct decision_letter l = sample();
    char *t;

    (void)state;
    l.amount_cents = 9950;
    l.default_amount_cents = 123456;
    l.reduction_reason = "Er wonen maar 12 huishoudens in de straat; "
                         "de helft is genoeg.";
    l.prepaid_card = true;
    l.iban_masked = NULL;
    l.expected_payout = "op 15-12-2026";
    l.address = NULL;
    l.postcode = NULL;
    t = letter_text(award_letter_pdf, &l, &o, 1);
    assert_contains(t, "van € 99,50 voor de Oudegracht");
    assert_contains(t, "Dit is minder dan het gewone bedrag van € 1.234,56. "
                       "De reden:");
    assert_contains(t, "Er wonen maar 12 huishoudens in de straat; de helft "
                       "is genoeg.");
    assert_contains(t, "U krijgt het bedrag op 15-12-2026 op een "
                       "prepaidkaart. Łukasz Brzęczyszczykiewicz van DOCK "
                       "geeft u de kaart persoonlijk.");
    assert_lacks(t, "IBAN");
    assert_lacks(t, "rekening");
    free(t);

    /* large amounts group their thousands; no expected date: the default */
    l = sample();
    l.amount_cents = 123456789;
    l.expected_payout = NULL;
    l.iban_masked = NULL;
    t = letter_text(award_letter_pdf, &l, &o, 1);
    assert_contains(t, "€ 1.234.567,89");
    assert_contains(t, "Wij maken het bedrag binnen vier weken over naar de "
                       "rekening die u heeft opgegeven.");
    free(t);

    /* a bare date reads "op <date>" */
    l.amount_cents = 100;
    l.default_amount_cents = 0;
    l.expected_payout = "15-12-2026";
    t = letter_text(award_letter_pdf, &l, &o, 1);
    assert_contains(t, "van € 1,00 voor");
    assert_contains(t, "Wij maken het bedrag op 15-12-2026 over");
    free(t);
    l.amount_cents = 123456789;
    l.expected_payout = NULL;
    t = letter_text(award_letter_pdf, &l, &o, 1);
    assert_contains(t, "€ 1.234.567,89");
    assert_contains(t, "Wij maken het bedrag binnen vier weken over naar de "
                       "rekening die u heeft opgegeven.");
    free(t);
}

static void
test_award_english(void **state)
{
    struct pdf_doc_options o = options();
    struct decision_letter l = sample();
    char *t;

    (void)state;
    l.lang = "en";
    l.amount_cents = 10000;
    l.reduction_reason = "Only a few households live in the street.";
    l.expected_payout = NULL;
    t = letter_text(award_letter_pdf, &l, &o, 1);
    assert_contains(t, "Award of a Lief en Leed grant");
    assert_contains(t, "Reference");
    assert_contains(t, "Dear Şükrü Yıldız,");
    assert_contains(t, "of € 100,00 for Oudegracht");
    assert_contains(t, "less than the usual amount of € 150,00");
    assert_contains(t, "Only a few households live in the street.");
    assert_contains(t, "Keep the receipts");
    assert_contains(t, "Never write down names or health details");
    assert_contains(t, "within four weeks to your account " MASKED_IBAN);
    assert_contains(t, "within six weeks after the date of this letter");
    assert_contains(t, "6:7");
    assert_contains(t, "Kind regards, Łukasz Brzęczyszczykiewicz");
    assert_contains(t, "Generated on 27-11-2026 from the state: awarded");
    assert_contains(t, "Page 1 of 1");
    assert_lacks(t, "Pagina");
    assert_lacks(t, "Toekenning");
    assert_lacks(t, "bonnetjes");
    free(t);
}

static void
test_award_refused(void **state)
{
    struct decision_letter l;

    (void)state;
    refused(award_letter_pdf, NULL, "geen gegevens");

    l = sample();
    l.reference = NULL;
    refused(award_letter_pdf, &l, "reference");
    l = sample();
    l.decided_on = "";
    refused(award_letter_pdf, &l, "decided_on");
    l = sample();
    l.name = NULL;
    refused(award_letter_pdf, &l, "name");
    l = sample();
    l.street = "";
    refused(award_letter_pdf, &l, "street");
    l = sample();
    l.wijk = NULL;
    refused(award_letter_pdf, &l, "wijk");
    l = sample();
    l.organisation = NULL;
    refused(award_letter_pdf, &l, "organisation");
    l = sample();
    l.makelaar = "";
    refused(award_letter_pdf, &l, "makelaar");
    l = sample();
    l.lang = "de";
    refused(award_letter_pdf, &l, "taal");

    l = sample();
    l.amount_cents = 0;
    refused(award_letter_pdf, &l, "meer dan 0");
    l.amount_cents = -15000;
    refused(award_letter_pdf, &l, "meer dan 0");

    /* lower than the default without a reason */
    l = sample();
    l.amount_cents = 14999;
    refused(award_letter_pdf, &l, "reduction_reason");
    l.reduction_reason = "";
    refused(award_letter_pdf, &l, "reduction_reason");

    /* a full IBAN, in any spelling */
    l = sample();
    l.iban_masked = "NL91ABNA0417164300";
    refused(award_letter_pdf, &l, "niet gemaskeerd");
    l.iban_masked = "NL91 ABNA 0417 1643 00";
    refused(award_letter_pdf, &l, "niet gemaskeerd");

    /* missing fonts: no half PDF */
    {
        struct pdf_doc_options o = options();
        unsigned char *pdf = (unsigned char *)"x";
        size_t len = 3;
        char err[256] = "";

        l = sample();
        o.font_dir = "/nonexistent/fonts";
        assert_false(award_letter_pdf(&l, &o, &pdf, &len, err, sizeof(err)));
        assert_null(pdf);
        assert_int_equal(len, 0);
        assert_contains(err, "DejaVuSans.ttf");
    }
}

/* ---- the rejection letter ---- */

static void
test_rejection_dutch(void **state)
{
    struct pdf_doc_options o = options();
    struct decision_letter l = sample();
    char *t;

    (void)state;
    /* award fields play no part */
    l.amount_cents = 0;
    l.iban_masked = "NL91ABNA0417164300";
    t = letter_text(rejection_letter_pdf, &l, &o, 1);
    assert_contains(t, "Afwijzing Lief en Leed-potje");
    assert_contains(t, "LL-2026-00042");
    assert_contains(t, "Beste Şükrü Yıldız,");
    assert_contains(t, "voor de Oudegracht in de wijk Binnenstad bekeken. U "
                       "krijgt helaas geen potje.");
    assert_contains(t, "De reden: De straat had dit jaar al twee potjes. Dat "
                       "is het maximum; het café op de hoek telt niet mee.");
    assert_contains(t, "Wat kunt u nu doen?");
    assert_contains(t, "Neem contact op met Łukasz Brzęczyszczykiewicz, uw "
                       "sociaal makelaar van DOCK");
    assert_contains(t, "U kunt later opnieuw een aanvraag doen");
    assert_contains(t, "binnen zes weken na de datum van deze brief");
    assert_contains(t, "6:7 Algemene wet bestuursrecht");
    assert_contains(t, "Gemaakt op 27-11-2026 uit de stand: afgewezen");
    assert_lacks(t, "€");
    assert_lacks(t, "0417");
    free(t);
}

static void
test_rejection_english(void **state)
{
    struct pdf_doc_options o = options();
    struct decision_letter l = sample();
    char *t;

    (void)state;
    l.lang = "en";
    l.rejection_reason = "Your street already had two grants this year.";
    o.generated = "Generated on 28-11-2026 09:00";
    t = letter_text(rejection_letter_pdf, &l, &o, 1);
    assert_contains(t, "Refusal of a Lief en Leed grant");
    assert_contains(t, "Unfortunately, you do not receive a grant.");
    assert_contains(t, "The reason: Your street already had two grants this "
                       "year.");
    assert_contains(t, "What can you do now?");
    assert_contains(t, "You can apply again later");
    assert_contains(t, "within six weeks");
    assert_contains(t, "Generated on 28-11-2026 09:00");
    assert_contains(t, "Page 1 of 1");
    assert_lacks(t, "Afwijzing");
    free(t);
}

static void
test_rejection_refused(void **state)
{
    struct decision_letter l;

    (void)state;
    refused(rejection_letter_pdf, NULL, "geen gegevens");
    l = sample();
    l.rejection_reason = NULL;
    refused(rejection_letter_pdf, &l, "rejection_reason");
    l.rejection_reason = "";
    refused(rejection_letter_pdf, &l, "rejection_reason");
    l = sample();
    l.makelaar = NULL;
    refused(rejection_letter_pdf, &l, "makelaar");
    l = sample();
    l.reference = "";
    refused(rejection_letter_pdf, &l, "reference");
    l = sample();
    l.lang = "fr";
    refused(rejection_letter_pdf, &l, "taal");
}

/* A long reason still makes a whole letter, over two pages. */
static void
test_long_reason(void **state)
{
    struct pdf_doc_options o = options();
    struct decision_letter l = sample();
    char *reason = malloc(20000), *t;
    size_t n = 0;
    int i;

    (void)state;
    assert_non_null(reason);
    for (i = 1; i <= 40; i++)
        n += (size_t)snprintf(reason + n, 20000 - n,
                              "Zin %02d van een lange uitleg.\n", i);
    snprintf(reason + n, 20000 - n, "EINDE");
    l.rejection_reason = reason;
    t = letter_text(rejection_letter_pdf, &l, &o, 2);
    assert_contains(t, "Zin 01 van");
    assert_contains(t, "Zin 40 van");
    assert_contains(t, "EINDE");
    assert_contains(t, "Pagina 2 van 2");
    assert_contains(t, "6:7");
    free(t);
    free(reason);
}

/* The same input gives the same bytes (the stored letter is
 * reproducible). */
static void
test_reproducible(void **state)
{
    struct pdf_doc_options o = options();
    struct decision_letter l = sample();
    unsigned char *a, *b;
    size_t alen, blen;
    char err[256];

    (void)state;
    assert_true(award_letter_pdf(&l, &o, &a, &alen, err, sizeof(err)));
    assert_true(award_letter_pdf(&l, &o, &b, &blen, err, sizeof(err)));
    assert_int_equal(alen, blen);
    assert_memory_equal(a, b, alen);
    free(a);
    free(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_award_dutch),
        cmocka_unit_test(test_award_lower_card),
        cmocka_unit_test(test_award_english),
        cmocka_unit_test(test_award_refused),
        cmocka_unit_test(test_rejection_dutch),
        cmocka_unit_test(test_rejection_english),
        cmocka_unit_test(test_rejection_refused),
        cmocka_unit_test(test_long_reason),
        cmocka_unit_test(test_reproducible),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
