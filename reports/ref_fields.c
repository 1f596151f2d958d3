#include "ref_fields.h"

#include <stdbool.h>
#include <string.h>

#include "utf8.h"

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

const char *
ref_wijk_code(const char *s, size_t n, char out[3])
{
    int v;

    if (n == 0)
        return "wijkcode ontbreekt";
    if (n != 2 || !is_digit(s[0]) || !is_digit(s[1]))
        return "wijkcode moet uit twee cijfers bestaan (01 tot en met 10)";
    v = (s[0] - '0') * 10 + (s[1] - '0');
    if (v < 1 || v > 10)
        return "wijkcode moet 01 tot en met 10 zijn";
    memcpy(out, s, 2);
    out[2] = '\0';
    return NULL;
}

const char *
ref_buurt_code(const char *s, size_t n, const char *wijk, char out[5])
{
    size_t i;

    if (n == 0)
        return "buurtcode ontbreekt";
    if (n != 4)
        return "buurtcode moet uit vier cijfers bestaan";
    for (i = 0; i < 4; i++)
        if (!is_digit(s[i]))
            return "buurtcode moet uit vier cijfers bestaan";
    if (s[0] != wijk[0] || s[1] != wijk[1])
        return "buurtcode hoort niet bij de wijkcode (de eerste twee "
               "cijfers verschillen)";
    memcpy(out, s, 4);
    out[4] = '\0';
    return NULL;
}

static size_t
utf8_chars(const char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

const char *
ref_name(const char *s, size_t n, size_t maxchars, const char **out,
         size_t *outlen)
{
    while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return "ontbreekt";
    if (!utf8_valid_text(s, n, false))
        return "bevat stuurtekens of ongeldige tekens";
    if (utf8_chars(s, n) > maxchars)
        return "is langer dan toegestaan";
    *out = s;
    *outlen = n;
    return NULL;
}

void
ref_fold(char *key, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char c = s[i];
        key[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
}
