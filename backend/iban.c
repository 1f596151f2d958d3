#include "iban.h"

#include <string.h>

/* The countries of the SEPA schemes (EPC list, 2025) and the IBAN length of
 * each (SWIFT IBAN registry). Territories such as Åland, the Canary
 * Islands, the French overseas departments, Jersey and Guernsey use the
 * IBAN of their country (FI, ES, FR, GB). Sorted by code. */
static const struct {
    char cc[3];
    unsigned char len;
} sepa[] = {
    {"AD", 24}, {"AL", 28}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21},
    {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24},
    {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GI", 23}, {"GR", 27}, {"HR", 21},
    {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20},
    {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19},
    {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24},
    {"RS", 22}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"VA", 22},
};

static const char *
say(const char *lang, const char *nl, const char *en)
{
    return (lang != NULL && strcmp(lang, "en") == 0) ? en : nl;
}

static bool
is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int
iban_country_length(const char *cc)
{
    size_t i;

    if (!is_upper(cc[0]) || !is_upper(cc[1]))
        return 0;
    for (i = 0; i < sizeof(sepa) / sizeof(sepa[0]); i++)
        if (sepa[i].cc[0] == cc[0] && sepa[i].cc[1] == cc[1])
            return sepa[i].len;
    return 0;
}

bool
iban_normalise(const char *in, char *out, size_t outlen)
{
    size_t n = 0;
    char c;

    if (outlen == 0)
        return false;
    for (; *in != '\0'; in++) {
        c = *in;
        if (c == ' ')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if ((!is_upper(c) && !is_digit(c)) || n >= IBAN_MAX_LEN ||
            n + 1 >= outlen) {
            out[0] = '\0';
            return false;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return n > 0;
}

/* The remainder modulo 97 of the IBAN read as a number after moving its
 * first four characters to the end and writing each letter as two digits
 * (A = 10 ... Z = 35). s holds only A-Z and 0-9. */
static unsigned
mod97(const char *s, size_t n)
{
    unsigned r = 0;
    size_t i, k;
    char c;

    for (i = 0; i < n; i++) {
        k = (i + 4) % n;
        c = s[k];
        if (is_digit(c))
            r = (r * 10 + (unsigned)(c - '0')) % 97;
        else
            r = (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
    }
    return r;
}

const char *
iban_check(const char *normalised, const char *lang)
{
    size_t n = strlen(normalised), i;
    int want;

    if (n == 0)
        return say(lang, "Vul uw IBAN in.", "Please enter your IBAN.");
    for (i = 0; i < n; i++)
        if (!is_upper(normalised[i]) && !is_digit(normalised[i]))
            return say(lang,
                       "Een IBAN heeft alleen letters en cijfers, zoals "
                       "NL91 ABNA 0417 1643 00.",
                       "An IBAN has only letters and digits, such as "
                       "NL91 ABNA 0417 1643 00.");
    if (n < 2 || !is_upper(normalised[0]) || !is_upper(normalised[1]))
        return say(lang,
                   "Een IBAN begint met 2 letters voor het land, zoals NL.",
                   "An IBAN starts with 2 letters for the country, such as "
                   "NL.");
    want = iban_country_length(normalised);
    if (want == 0)
        return say(lang,
                   "Wij kunnen alleen geld overmaken naar een rekening in een "
                   "land van SEPA (de Europese betaalruimte). Controleer de 2 "
                   "letters aan het begin.",
                   "We can only pay into an account in a SEPA country (the "
                   "European payments area). Please check the 2 letters at "
                   "the start.");
    if (n != (size_t)want) {
        if (normalised[0] == 'N' && normalised[1] == 'L')
            return say(lang,
                       "Een Nederlands IBAN heeft 18 tekens, zoals "
                       "NL91 ABNA 0417 1643 00. Controleer of u niets bent "
                       "vergeten.",
                       "A Dutch IBAN has 18 characters, such as "
                       "NL91 ABNA 0417 1643 00. Please check that nothing is "
                       "missing.");
        return say(lang,
                   "Dit IBAN heeft niet het juiste aantal tekens voor dit "
                   "land. Controleer of u niets bent vergeten.",
                   "This IBAN does not have the right number of characters "
                   "for its country. Please check that nothing is missing.");
    }
    /* Check digits run from 02 to 98 (ISO 7064 MOD 97-10). */
    if (!is_digit(normalised[2]) || !is_digit(normalised[3]) ||
        (normalised[2] == '0' && normalised[3] <= '1') ||
        (normalised[2] == '9' && normalised[3] == '9') ||
        mod97(normalised, n) != 1)
        return say(lang,
                   "Dit IBAN klopt niet. Misschien is er een tikfout. "
                   "Controleer het nummer op uw bankpas of bankafschrift.",
                   "This IBAN is not correct. There may be a typing mistake. "
                   "Please check the number on your bank card or statement.");
    return NULL;
}

const char *
iban_parse(const char *in, char *out, size_t outlen, const char *lang)
{
    const char *msg;
    const char *p;
    size_t letters = 0;

    if (iban_normalise(in, out, outlen)) {
        msg = iban_check(out, lang);
        if (msg != NULL)
            out[0] = '\0';
        return msg;
    }
    for (p = in; *p != '\0'; p++) {
        if (*p == ' ')
            continue;
        if (!is_digit(*p) && !is_upper(*p) && !(*p >= 'a' && *p <= 'z'))
            return say(lang,
                       "Een IBAN heeft alleen letters, cijfers en spaties, "
                       "zoals NL91 ABNA 0417 1643 00.",
                       "An IBAN has only letters, digits and spaces, such as "
                       "NL91 ABNA 0417 1643 00.");
        letters++;
    }
    if (letters == 0)
        return say(lang, "Vul uw IBAN in.", "Please enter your IBAN.");
    return say(lang,
               "Dit IBAN is te lang. Controleer of u er niets bij hebt "
               "getypt.",
               "This IBAN is too long. Please check that you did not type "
               "anything extra.");
}

/* Write s in groups of four into out; when mask, every character but the
 * country code and the last four becomes '*'. */
static void
group(const char *s, bool mask, char *out, size_t outlen)
{
    size_t n = strlen(s), i, o = 0;
    size_t need = n + (n > 0 ? (n - 1) / 4 : 0) + 1;

    if (outlen == 0)
        return;
    if (need > outlen) {
        out[0] = '\0';
        return;
    }
    for (i = 0; i < n; i++) {
        if (i > 0 && i % 4 == 0)
            out[o++] = ' ';
        if (mask && i >= 2 && (n < 8 || i < n - 4))
            out[o++] = '*';
        else
            out[o++] = s[i];
    }
    out[o] = '\0';
}

void
iban_format(const char *normalised, char *out, size_t outlen)
{
    group(normalised, false, out, outlen);
}

void
iban_mask(const char *normalised, char *out, size_t outlen)
{
    group(normalised, true, out, outlen);
}
