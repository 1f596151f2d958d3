/* libFuzzer target: amounts in cents and Dutch text.
 *
 * Text: money_parse() accepts exactly what a second, simpler reader of the
 * documented grammar accepts (that one counts in 128 bits, so it needs no
 * overflow care), with the same cents; whatever it accepts formats to a
 * text that parses back to the same cents. Numbers: the first 8 bytes as
 * a long long x; money_format(x) and money_format_euro(x) fit
 * MONEY_TEXT_SIZE, and for x >= 0 money_parse() of either gives x back,
 * for x < 0 it refuses. */
#include <assert.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Skip spaces and U+00A0 at p[*i]. */
static void
blanks(const char *p, size_t *i)
{
    for (;;) {
        if (p[*i] == ' ')
            (*i)++;
        else if (p[*i] == '\xC2' && p[*i + 1] == '\xA0')
            *i += 2;
        else
            return;
    }
}

/* The grammar of money.h, read another way: collect the euro digits (and
 * check the thousands groups afterwards), then the cents. Returns false
 * for no amount; *too_large when the amount passes LLONG_MAX cents. */
static bool
ref_parse(const char *s, long long *cents, bool *too_large)
{
    char euros[128];
    size_t i = 0, e = 0, k, group = 0, groups = 0, first = 0;
    unsigned __int128 v = 0;
    int frac = 0;

    *too_large = false;
    blanks(s, &i);
    if (strncmp(s + i, "\xE2\x82\xAC", 3) == 0) {
        i += 3;
        blanks(s, &i);
    }
    for (; digit(s[i]) || s[i] == '.'; i++) {
        if (s[i] == '.') {
            if (groups == 0)
                first = group;
            else if (group != 3)
                return false;
            groups++;
            group = 0;
        } else {
            euros[e++] = s[i];
            group++;
        }
    }
    if (e == 0)
        return false;
    if (groups > 0 && (group != 3 || first < 1 || first > 3 || euros[0] == '0'))
        return false;
    if (s[i] == ',') {
        if (s[i + 1] == '-') {
            i += 2;
        } else if (digit(s[i + 1])) {
            frac = (s[i + 1] - '0') * 10;
            i += 2;
            if (digit(s[i]))
                frac += s[i++] - '0';
        } else {
            return false;
        }
    }
    blanks(s, &i);
    if (s[i] != '\0')
        return false;
    for (k = 0; k < e; k++) {
        v = v * 10 + (unsigned)(euros[k] - '0');
        if (v > (unsigned __int128)LLONG_MAX) {
            *too_large = true;
            return true;
        }
    }
    v = v * 100 + (unsigned)frac;
    if (v > (unsigned __int128)LLONG_MAX) {
        *too_large = true;
        return true;
    }
    *cents = (long long)v;
    return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[128], out[MONEY_TEXT_SIZE], euro[MONEY_TEXT_SIZE];
    size_t n = size < sizeof(in) - 1 ? size : sizeof(in) - 1;
    long long cents = -1, back = -1, x, ref = -1;
    bool ref_ok, ref_big;
    uint64_t u = 0;
    size_t i;

    memcpy(in, data, n);
    in[n] = '\0';
    ref_ok = ref_parse(in, &ref, &ref_big) && !ref_big;
    if (money_parse(in, &cents)) {
        assert(ref_ok && ref == cents);
        assert(cents >= 0);
        assert(money_check(in, &back, "nl") == NULL && back == cents);
        assert(strchr(in, '-') == NULL || strstr(in, ",-") != NULL);
        money_format(cents, out, sizeof(out));
        back = -1;
        assert(money_parse(out, &back) && back == cents);
    } else {
        assert(!ref_ok);
        assert(money_check(in, &back, "en") != NULL);
    }

    if (size >= 8) {
        for (i = 0; i < 8; i++)
            u = (u << 8) | data[i];
        memcpy(&x, &u, sizeof(x));
        money_format(x, out, sizeof(out));
        money_format_euro(x, euro, sizeof(euro));
        assert(out[0] != '\0' && strlen(out) < MONEY_TEXT_SIZE);
        assert(euro[0] != '\0' && strlen(euro) < MONEY_TEXT_SIZE);
        back = -1;
        if (x >= 0) {
            assert(money_parse(out, &back) && back == x);
            back = -1;
            assert(money_parse(euro, &back) && back == x);
        } else {
            assert(!money_parse(out, &back) && !money_parse(euro, &back));
        }
    }
    return 0;
}
