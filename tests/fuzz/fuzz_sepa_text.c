/* libFuzzer target: the SEPA transliteration, the XML escaper and the IBAN
 * masker of reports/.
 *
 * Any input: nothing crashes; the transliteration holds only characters
 * of the SEPA Latin set, at most two per input byte, leaves text already
 * in that set alone, and a cut result is a prefix of the whole one; the
 * escaped text holds no < > " ' and no '&' outside an entity, unescapes to
 * the input (or a prefix of it when cut) and is never cut inside an
 * entity; the masked IBAN shows nothing that was not in the input and
 * hides all but six characters. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iban_masked.h"
#include "sepa_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_text(const char *in, size_t n)
{
    size_t cap = 2 * n + 1, total, cut, i;
    char *out = malloc(cap), small[9];
    bool plain = true;

    assert(out != NULL);
    total = sepa_text(in, n, out, cap);
    assert(total <= 2 * n);
    assert(strlen(out) == total);
    for (i = 0; i < total; i++)
        assert(sepa_char_ok(out[i]));
    for (i = 0; i < n; i++)
        plain = plain && sepa_char_ok(in[i]);
    if (plain)
        assert(total == n && memcmp(out, in, n) == 0);
    assert(sepa_text(in, n, NULL, 0) == total);
    cut = sepa_text(in, n, small, sizeof(small));
    assert(cut == total);
    assert(strlen(small) ==
           (total < sizeof(small) ? total : sizeof(small) - 1));
    assert(memcmp(small, out, strlen(small)) == 0);
    free(out);
}

/* Undo sepa_xml_escape() on s; the result must be a prefix of in. */
static void
check_unescape(const char *s, const char *in, size_t n)
{
    static const char *const ent[] = {"&amp;", "&lt;", "&gt;", "&quot;",
                                      "&apos;"};
    static const char chr[] = "&<>\"'";
    size_t o = 0, k;

    while (*s) {
        char c = *s;

        assert(c != '<' && c != '>' && c != '"' && c != '\'');
        if (c == '&') {
            for (k = 0; k < 5; k++)
                if (strncmp(s, ent[k], strlen(ent[k])) == 0)
                    break;
            assert(k < 5); /* never a cut entity */
            c = chr[k];
            s += strlen(ent[k]);
        } else {
            s++;
        }
        assert(o < n && in[o] == c);
        o++;
    }
}

static void
check_escape(const char *in, size_t n)
{
    size_t cap = 6 * n + 1, total;
    char *out = malloc(cap), small[11];

    assert(out != NULL);
    total = sepa_xml_escape(in, n, out, cap);
    assert(total <= 6 * n);
    /* in may hold NUL bytes: only what precedes the first one is text */
    if (memchr(in, '\0', n) == NULL) {
        assert(strlen(out) == total);
        check_unescape(out, in, n);
    }
    assert(sepa_xml_escape(in, n, small, sizeof(small)) == total);
    assert(strlen(small) < sizeof(small));
    if (memchr(in, '\0', n) == NULL)
        check_unescape(small, in, n);
    free(out);
}

static void
check_mask(const char *in)
{
    char out[IBAN_MASKED_SIZE];
    size_t i, shown = 0;

    iban_masked(in, out, sizeof(out));
    assert(strlen(out) < sizeof(out));
    for (i = 0; out[i]; i++) {
        if (out[i] == ' ' || out[i] == '*')
            continue;
        assert(strchr(in, out[i]) != NULL);
        shown++;
    }
    assert(shown <= 6);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    assert(s != NULL);
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    check_text(s, size);
    check_escape(s, size);
    check_mask(s);
    free(s);
    return 0;
}
