#include "sepa_text.h"

#include <string.h>

/* U+00C0 .. U+00FF (Latin-1 letters; × and ÷ have no letter). */
static const char *const latin1[] = {
    "A", "A", "A", "A", "A",  "A",  "AE", "C", "E", "E", "E",  "E", "I",
    "I", "I", "I", "D", "N",  "O",  "O",  "O", "O", "O", ".",  "O", "U",
    "U", "U", "U", "Y", "TH", "ss", "a",  "a", "a", "a", "a",  "a", "ae",
    "c", "e", "e", "e", "e",  "i",  "i",  "i", "i", "d", "n",  "o", "o",
    "o", "o", "o", ".", "o",  "u",  "u",  "u", "u", "y", "th", "y",
};
_Static_assert(sizeof(latin1) / sizeof(latin1[0]) == 64, "U+00C0..U+00FF");

/* U+0100 .. U+017F (Latin Extended-A: Turkish, Polish, Czech, ...). */
static const char *const ext_a[] = {
    "A",  "a",  "A",  "a",  "A", "a", "C", "c", "C", "c", /* 0100 */
    "C",  "c",  "C",  "c",  "D", "d", "D", "d", "E", "e", /* 010A */
    "E",  "e",  "E",  "e",  "E", "e", "E", "e", "G", "g", /* 0114 */
    "G",  "g",  "G",  "g",  "G", "g", "H", "h", "H", "h", /* 011E */
    "I",  "i",  "I",  "i",  "I", "i", "I", "i", "I", "i", /* 0128 */
    "IJ", "ij", "J",  "j",  "K", "k", "k", "L", "l", "L", /* 0132 */
    "l",  "L",  "l",  "L",  "l", "L", "l", "N", "n", "N", /* 013C */
    "n",  "N",  "n",  "n",  "N", "n", "O", "o", "O", "o", /* 0146 */
    "O",  "o",  "OE", "oe", "R", "r", "R", "r", "R", "r", /* 0150 */
    "S",  "s",  "S",  "s",  "S", "s", "S", "s", "T", "t", /* 015A */
    "T",  "t",  "T",  "t",  "U", "u", "U", "u", "U", "u", /* 0164 */
    "U",  "u",  "U",  "u",  "U", "u", "W", "w", "Y", "y", /* 016E */
    "Y",  "Z",  "z",  "Z",  "z", "Z", "z", "s",           /* 0178 */
};
_Static_assert(sizeof(ext_a) / sizeof(ext_a[0]) == 128, "U+0100..U+017F");

bool
sepa_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != '\0' && strchr("/-?:().,'+ ", c));
}

/* Decode one UTF-8 character of s[0..n) (n > 0) into *cp; returns its
 * length, or 0 when s does not start with a well-formed character
 * (overlong forms, surrogates and values past U+10FFFF included). */
static size_t
decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    size_t len, i;
    unsigned long c, min;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2;
        c = s[0] & 0x1Fu;
        min = 0x80;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        c = s[0] & 0x0Fu;
        min = 0x800;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        c = s[0] & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0u) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* The transliteration of one code point: a string, or NULL to drop it. */
static const char *
translit(unsigned long c, char one[2])
{
    if (c < 0x80) {
        one[0] = (char)c;
        one[1] = '\0';
        if (c == '\t' || c == '\r' || c == '\n')
            return " ";
        return sepa_char_ok((char)c) ? one : ".";
    }
    if (c >= 0xC0 && c <= 0xFF)
        return latin1[c - 0xC0];
    if (c >= 0x100 && c <= 0x17F)
        return ext_a[c - 0x100];
    if (c >= 0x300 && c <= 0x36F)
        return NULL; /* combining accent of a decomposed letter */
    switch (c) {
    case 0xA0: /* no-break space */
    case 0x2007:
    case 0x202F:
        return " ";
    case 0x218: /* Romanian S and T with comma below */
        return "S";
    case 0x219:
        return "s";
    case 0x21A:
        return "T";
    case 0x21B:
        return "t";
    case 0x2010: /* hyphens and dashes */
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
        return "-";
    case 0x2018: /* typographic apostrophes */
    case 0x2019:
        return "'";
    default:
        return ".";
    }
}

size_t
sepa_text(const char *in, size_t n, char *out, size_t outsize)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t total = 0;
    unsigned long c;
    char one[2];

    while (n > 0) {
        size_t len = decode(s, n, &c);
        const char *t;

        if (len == 0) {
            t = "."; /* one stray byte */
            len = 1;
        } else {
            t = translit(c, one);
        }
        s += len;
        n -= len;
        for (; t != NULL && *t; t++, total++)
            if (outsize > 0 && total < outsize - 1)
                out[total] = *t;
    }
    if (outsize > 0)
        out[total < outsize - 1 ? total : outsize - 1] = '\0';
    return total;
}

/* The entity of an XML special character, or NULL. */
static const char *
entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&apos;";
    default:
        return NULL;
    }
}

size_t
sepa_xml_escape(const char *s, size_t n, char *out, size_t outsize)
{
    size_t total = 0, o = 0, i;
    bool full = outsize == 0;

    for (i = 0; i < n; i++) {
        const char *e = entity(s[i]);
        size_t k = e ? strlen(e) : 1;

        /* all of an entity or none of it, and nothing after a cut */
        if (!full && o + k < outsize) {
            if (e)
                memcpy(out + o, e, k);
            else
                out[o] = s[i];
            o += k;
        } else {
            full = true;
        }
        total += k;
    }
    if (outsize > 0)
        out[o] = '\0';
    return total;
}
