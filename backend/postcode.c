#include "postcode.h"

#include <string.h>

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

static bool
is_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static char
upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static const char *
skip_spaces(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

/* Read in as a postcode into pc ("1234 AB"); false when it is not one. */
static bool
read_postcode(const char *in, char pc[POSTCODE_SIZE])
{
    const char *p = skip_spaces(in);
    int i;

    for (i = 0; i < 4; i++, p++) {
        if (!is_digit(*p) || (i == 0 && *p == '0'))
            return false;
        pc[i] = *p;
    }
    pc[4] = ' ';
    p = skip_spaces(p);
    for (i = 5; i < 7; i++, p++) {
        if (!is_letter(*p))
            return false;
        pc[i] = upper(*p);
    }
    pc[7] = '\0';
    return *skip_spaces(p) == '\0';
}

bool
postcode_normalise(const char *in, char *out, size_t outlen)
{
    char pc[POSTCODE_SIZE];

    if (outlen < POSTCODE_SIZE || !read_postcode(in, pc)) {
        if (outlen > 0)
            out[0] = '\0';
        return false;
    }
    memcpy(out, pc, POSTCODE_SIZE);
    return true;
}

/* True when pc is exactly "DDDD LL" with upper-case letters. */
static bool
well_formed(const char *pc)
{
    return strlen(pc) == 7 && is_digit(pc[0]) && pc[0] != '0' &&
           is_digit(pc[1]) && is_digit(pc[2]) && is_digit(pc[3]) &&
           pc[4] == ' ' && pc[5] >= 'A' && pc[5] <= 'Z' && pc[6] >= 'A' &&
           pc[6] <= 'Z';
}

static bool
never_issued(const char *pc)
{
    return pc[5] == 'S' && (pc[6] == 'A' || pc[6] == 'D' || pc[6] == 'S');
}

static bool
utrecht_digits(const char *pc)
{
    int d = (pc[0] - '0') * 1000 + (pc[1] - '0') * 100 + (pc[2] - '0') * 10 +
            (pc[3] - '0');

    return (d >= 3450 && d <= 3455) || (d >= 3500 && d <= 3585);
}

bool
postcode_in_utrecht(const char *pc)
{
    return well_formed(pc) && !never_issued(pc) && utrecht_digits(pc);
}

static const char *
msg_form(const char *lang)
{
    return say(lang,
               "Schrijf de postcode als 4 cijfers en 2 letters, zoals "
               "3511 AB.",
               "Please write the postcode as 4 digits and 2 letters, such as "
               "3511 AB.");
}

const char *
postcode_check(const char *normalised, const char *lang)
{
    if (!well_formed(normalised))
        return msg_form(lang);
    if (never_issued(normalised))
        return say(lang, "Deze postcode bestaat niet. Controleer de 2 letters.",
                   "This postcode does not exist. Please check the 2 "
                   "letters.");
    if (!utrecht_digits(normalised))
        return say(lang,
                   "Deze postcode ligt niet in de gemeente Utrecht. U kunt "
                   "alleen een potje aanvragen voor een straat in Utrecht.",
                   "This postcode is not in the municipality of Utrecht. You "
                   "can only apply for a potje for a street in Utrecht.");
    return NULL;
}

const char *
postcode_parse(const char *in, char *out, size_t outlen, const char *lang)
{
    const char *msg;

    if (!postcode_normalise(in, out, outlen)) {
        if (*skip_spaces(in) == '\0')
            return say(lang, "Vul uw postcode in.",
                       "Please enter your postcode.");
        return msg_form(lang);
    }
    msg = postcode_check(out, lang);
    if (msg != NULL)
        out[0] = '\0';
    return msg;
}
