/* libFuzzer target: IBAN normalisation and check.
 *
 * Any input: nothing crashes; a normalised IBAN holds only A-Z and 0-9 and
 * re-normalises to itself, also from its formatted form; the mask hides
 * all but the country code and the last four. The check agrees with a
 * second, independent mod-97 (on the expanded digit string, a chunk of
 * digits at a time as ISO 13616 describes it). Inputs starting with '#' are
 * built into an IBAN with computed check digits, so the valid path is reached
 * often. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "iban.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const countries[] = {"NL", "BE", "DE", "FR", "GB",
                                        "MT", "NO", "TR", "US", "XX"};

/* The remainder modulo 97 of the rearranged IBAN s (A-Z, 0-9 only). */
static unsigned
ref_mod97(const char *s)
{
    char digits[2 * IBAN_MAX_LEN + 1];
    size_t n = strlen(s), i, d = 0, k;
    unsigned long long r = 0;
    char c;

    for (i = 0; i < n; i++) {
        c = s[(i + 4) % n];
        if (c >= 'A' && c <= 'Z') {
            digits[d++] = (char)('0' + (c - 'A' + 10) / 10);
            digits[d++] = (char)('0' + (c - 'A' + 10) % 10);
        } else {
            digits[d++] = c;
        }
    }
    for (i = 0; i < d; i += 7) {
        /* remainder (2 digits) followed by up to 7 new digits */
        for (k = i; k < d && k < i + 7; k++)
            r = r * 10 + (unsigned)(digits[k] - '0');
        r %= 97;
    }
    return (unsigned)r;
}

static void
check_normalised(const char *in, const char *norm)
{
    char again[IBAN_SIZE], text[IBAN_TEXT_SIZE], masked[IBAN_TEXT_SIZE];
    char parsed[IBAN_SIZE];
    size_t n = strlen(norm), i, pos;
    const char *msg;
    int want;

    assert(n >= 1 && n <= IBAN_MAX_LEN);
    for (i = 0; i < n; i++)
        assert((norm[i] >= 'A' && norm[i] <= 'Z') ||
               (norm[i] >= '0' && norm[i] <= '9'));
    assert(iban_normalise(norm, again, sizeof(again)));
    assert(strcmp(again, norm) == 0);

    iban_format(norm, text, sizeof(text));
    assert(strlen(text) == n + (n - 1) / 4);
    assert(iban_normalise(text, again, sizeof(again)));
    assert(strcmp(again, norm) == 0);

    iban_mask(norm, masked, sizeof(masked));
    assert(strlen(masked) == strlen(text));
    for (i = 0, pos = 0; i < strlen(text); i++) {
        if (text[i] == ' ') {
            assert(masked[i] == ' ');
            continue;
        }
        if (pos < 2 || (n >= 8 && pos >= n - 4))
            assert(masked[i] == text[i]);
        else
            assert(masked[i] == '*');
        pos++;
    }

    msg = iban_check(norm, "nl");
    assert((msg == NULL) == (iban_check(norm, "en") == NULL));
    want = iban_country_length(norm);
    if (msg == NULL) {
        assert(want > 0 && (size_t)want == n);
        assert(ref_mod97(norm) == 1);
        assert(!(norm[2] == '0' && norm[3] <= '1'));
        assert(!(norm[2] == '9' && norm[3] == '9'));
        /* the formatted form is for reading, not for checking */
        assert(n < 5 || iban_check(text, "nl") != NULL);
    } else if (want > 0 && (size_t)want == n && norm[2] >= '0' &&
               norm[2] <= '9' && norm[3] >= '0' && norm[3] <= '9' &&
               !(norm[2] == '0' && norm[3] <= '1') &&
               !(norm[2] == '9' && norm[3] == '9')) {
        assert(ref_mod97(norm) != 1);
    }
    assert((iban_parse(in, parsed, sizeof(parsed), "en") == NULL) ==
           (msg == NULL));
    if (msg == NULL)
        assert(strcmp(parsed, norm) == 0);
    else
        assert(parsed[0] == '\0');
}

/* Build country + computed check digits + BBAN from the bytes. */
static void
build(const uint8_t *data, size_t size, char *out)
{
    const char *cc = countries[data[0] % 10];
    size_t len = (size_t)iban_country_length(cc), i;
    unsigned cd;

    if (len == 0)
        len = 4 + (size_t)(data[0] % 27);
    out[0] = cc[0];
    out[1] = cc[1];
    out[2] = out[3] = '0';
    for (i = 4; i < len; i++) {
        uint8_t b = i - 3 < size ? data[i - 3] : 0;
        out[i] =
            (b & 1) ? (char)('A' + (b >> 1) % 26) : (char)('0' + (b >> 1) % 10);
    }
    out[len] = '\0';
    cd = 98 - ref_mod97(out);
    out[2] = (char)('0' + cd / 10);
    out[3] = (char)('0' + cd % 10);
    assert(ref_mod97(out) == 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[128], norm[IBAN_SIZE], small[8];
    size_t n = size < sizeof(in) - 1 ? size : sizeof(in) - 1;

    if (size > 1 && data[0] == '#') {
        build(data + 1, size - 1, in);
        assert(iban_normalise(in, norm, sizeof(norm)));
        check_normalised(in, norm);
        if (iban_country_length(norm) > 0)
            assert(iban_check(norm, "nl") == NULL);
        return 0;
    }
    memcpy(in, data, n);
    in[n] = '\0';
    if (iban_normalise(in, norm, sizeof(norm)))
        check_normalised(in, norm);
    else
        assert(norm[0] == '\0');
    /* raw text into every function: no crash, bounded output */
    (void)iban_check(in, "nl");
    iban_format(in, small, sizeof(small));
    assert(strlen(small) < sizeof(small));
    iban_mask(in, small, sizeof(small));
    assert(strlen(small) < sizeof(small));
    (void)iban_normalise(in, small, sizeof(small));
    assert(strlen(small) < sizeof(small));
    return 0;
}
