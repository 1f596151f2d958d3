#include "text_field.h"

#include <string.h>

#include "utf8.h"

static const char *
say(const char *lang, const char *nl, const char *en)
{
    return (lang != NULL && strcmp(lang, "en") == 0) ? en : nl;
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

size_t
utf8_chars(const char *s, size_t n)
{
    size_t i, count = 0;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* The bounds [*start, *end) of s[0..n) without surrounding white space. */
static void
trim_bounds(const char *s, size_t n, size_t *start, size_t *end)
{
    size_t a = 0, b = n;

    while (a < b && is_space(s[a]))
        a++;
    while (b > a && is_space(s[b - 1]))
        b--;
    *start = a;
    *end = b;
}

char *
text_field_trim(char *s)
{
    size_t n = strlen(s), a, b;

    trim_bounds(s, n, &a, &b);
    memmove(s, s + a, b - a);
    s[b - a] = '\0';
    return s;
}

const char *
text_field_check(const char *s, size_t min_chars, size_t max_chars,
                 bool multiline, const char *lang)
{
    size_t n = strlen(s), a, b, chars, i;

    if (!utf8_valid(s, n))
        return say(lang,
                   "Deze tekst heeft tekens die wij niet kunnen lezen. Typ de "
                   "tekst opnieuw, of plak hem zonder opmaak.",
                   "This text has characters we cannot read. Please type it "
                   "again, or paste it without formatting.");
    if (!multiline &&
        (memchr(s, '\n', n) != NULL || memchr(s, '\r', n) != NULL))
        return say(lang, "Gebruik hier maar 1 regel.",
                   "Please use only one line here.");
    if (!utf8_valid_text(s, n, multiline))
        return say(lang,
                   "Deze tekst heeft een onzichtbaar teken dat niet mag. Typ "
                   "de tekst opnieuw.",
                   "This text has an invisible character that is not "
                   "allowed. Please type the text again.");
    trim_bounds(s, n, &a, &b);
    chars = utf8_chars(s + a, b - a);
    for (i = a; i + 1 < b; i++)
        if (s[i] == '\r' && s[i + 1] == '\n')
            chars--;
    if (chars == 0 && min_chars > 0)
        return say(lang, "Vul dit veld in.", "Please fill in this field.");
    if (chars < min_chars)
        return say(lang, "Deze tekst is te kort. Schrijf wat meer.",
                   "This text is too short. Please write a little more.");
    if (chars > max_chars)
        return say(lang, "Deze tekst is te lang. Maak hem korter.",
                   "This text is too long. Please make it shorter.");
    return NULL;
}
