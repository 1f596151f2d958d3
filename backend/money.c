#include "money.h"

#include <limits.h>
#include <string.h>

#define EURO "\xE2\x82\xAC" /* U+20AC in UTF-8 */
#define NBSP "\xC2\xA0"     /* U+00A0 in UTF-8 */

enum money_error {
    MONEY_OK = 0,
    MONEY_EMPTY,
    MONEY_NEGATIVE,
    MONEY_DECIMALS,
    MONEY_TOO_LARGE,
    MONEY_FORMAT,
};

static const char *
say(const char *lang, const char *nl, const char *en)
{
    return (lang != NULL && strcmp(lang, "en") == 0) ? en : nl;
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Write prefix and the amount into out, or "" when it does not fit. */
static void
format(long long cents, const char *prefix, char *out, size_t outlen)
{
    char rev[MONEY_TEXT_SIZE];
    unsigned long long u;
    size_t n = 0, plen = strlen(prefix), total, i, group = 0;

    if (outlen == 0)
        return;
    /* magnitude without overflow, also for LLONG_MIN */
    u = cents < 0 ? 0ULL - (unsigned long long)cents
                  : (unsigned long long)cents;
    rev[n++] = (char)('0' + u % 10);
    u /= 10;
    rev[n++] = (char)('0' + u % 10);
    u /= 10;
    rev[n++] = ',';
    do {
        if (group == 3) {
            rev[n++] = '.';
            group = 0;
        }
        rev[n++] = (char)('0' + u % 10);
        u /= 10;
        group++;
    } while (u > 0);
    if (cents < 0)
        rev[n++] = '-';
    total = plen + n;
    if (total + 1 > outlen) {
        out[0] = '\0';
        return;
    }
    memcpy(out, prefix, plen);
    for (i = 0; i < n; i++)
        out[plen + i] = rev[n - 1 - i];
    out[total] = '\0';
}

void
money_format(long long cents, char *out, size_t outlen)
{
    format(cents, "", out, outlen);
}

void
money_format_euro(long long cents, char *out, size_t outlen)
{
    format(cents, EURO " ", out, outlen);
}

/* Skip ASCII spaces and no-break spaces. */
static const char *
skip_blank(const char *p)
{
    for (;;) {
        if (*p == ' ')
            p++;
        else if (strncmp(p, NBSP, 2) == 0)
            p += 2;
        else
            return p;
    }
}

/* euros = euros * 10 + digit, unless that would pass LLONG_MAX / 100 (a
 * larger euro amount cannot be written in cents). */
static bool
add_digit(long long *euros, char c)
{
    int d = c - '0';

    if (*euros > (LLONG_MAX / 100 - d) / 10)
        return false;
    *euros = *euros * 10 + d;
    return true;
}

static enum money_error
parse(const char *s, long long *cents)
{
    const char *p = skip_blank(s);
    long long euros = 0, frac = 0;
    size_t first = 0, k;

    if (*p == '\0')
        return MONEY_EMPTY;
    if (strncmp(p, EURO, 3) == 0)
        p = skip_blank(p + 3);
    if (*p == '-')
        return MONEY_NEGATIVE;
    if (!is_digit(*p))
        return *p == '\0' ? MONEY_EMPTY : MONEY_FORMAT;
    for (; is_digit(*p); p++, first++)
        if (!add_digit(&euros, *p))
            return MONEY_TOO_LARGE;
    if (*p == '.') {
        /* thousands: first group 1-3 digits, no leading 0, then .ddd */
        if (first > 3 || *(p - first) == '0')
            return MONEY_FORMAT;
        while (*p == '.') {
            p++;
            for (k = 0; k < 3; k++, p++) {
                if (!is_digit(*p))
                    return MONEY_FORMAT;
                if (!add_digit(&euros, *p))
                    return MONEY_TOO_LARGE;
            }
        }
        if (is_digit(*p))
            return MONEY_FORMAT;
    }
    if (*p == ',') {
        p++;
        if (*p == '-') {
            p++;
        } else {
            if (!is_digit(*p))
                return MONEY_FORMAT;
            frac = (*p++ - '0') * 10;
            if (is_digit(*p))
                frac += *p++ - '0';
            if (is_digit(*p))
                return MONEY_DECIMALS;
        }
    }
    if (*skip_blank(p) != '\0')
        return MONEY_FORMAT;
    /* euros <= LLONG_MAX / 100 by add_digit; the cents may still pass */
    if (euros > (LLONG_MAX - frac) / 100)
        return MONEY_TOO_LARGE;
    *cents = euros * 100 + frac;
    return MONEY_OK;
}

bool
money_parse(const char *s, long long *cents)
{
    return parse(s, cents) == MONEY_OK;
}

const char *
money_check(const char *s, long long *cents, const char *lang)
{
    switch (parse(s, cents)) {
    case MONEY_OK:
        return NULL;
    case MONEY_EMPTY:
        return say(lang, "Vul een bedrag in.", "Please enter an amount.");
    case MONEY_NEGATIVE:
        return say(lang, "Een bedrag kan niet negatief zijn.",
                   "An amount cannot be negative.");
    case MONEY_DECIMALS:
        return say(lang,
                   "Een bedrag heeft hoogstens 2 cijfers na de komma, zoals "
                   "12,50.",
                   "An amount has at most 2 digits after the comma, such as "
                   "12,50.");
    case MONEY_TOO_LARGE:
        return say(lang, "Dit bedrag is te hoog.", "This amount is too high.");
    case MONEY_FORMAT:
        break;
    }
    return say(lang,
               "Schrijf het bedrag als 150 of 150,00. Zet een komma voor de "
               "centen.",
               "Please write the amount as 150 or 150,00, with a comma before "
               "the cents.");
}
