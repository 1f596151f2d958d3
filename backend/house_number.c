#include "house_number.h"

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

static const char *
skip_spaces(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

static const char *
msg_form(const char *lang)
{
    return say(lang,
               "Schrijf het huisnummer als een getal, eventueel met een "
               "toevoeging erachter, zoals 12, 12A of 12 bis.",
               "Please write the house number as a number, with an addition "
               "after it if you have one, such as 12, 12A or 12 bis.");
}

static const char *
msg_addition_long(const char *lang)
{
    return say(lang,
               "De toevoeging bij het huisnummer is te lang. Gebruik "
               "hoogstens 6 letters of cijfers.",
               "The addition to the house number is too long. Use at most 6 "
               "letters or digits.");
}

const char *
house_number_split(const char *in, struct house_number *out, const char *lang)
{
    const char *p = skip_spaces(in);
    long number = 0;
    size_t digits = 0, alen = 0;
    bool sep = false;
    char add[HOUSE_ADDITION_MAX_LEN + 1], num[5];
    size_t t;

    memset(out, 0, sizeof(*out));
    if (*p == '\0')
        return say(lang, "Vul uw huisnummer in.",
                   "Please enter your house number.");
    if (!is_digit(*p))
        return msg_form(lang);
    if (*p == '0')
        return say(lang,
                   "Een huisnummer is een getal van 1 tot en met 99999. Het "
                   "begint niet met 0.",
                   "A house number is a number from 1 to 99999. It does not "
                   "start with 0.");
    for (; is_digit(*p); p++) {
        if (++digits > 5)
            return say(lang,
                       "Een huisnummer is een getal van 1 tot en met 99999.",
                       "A house number is a number from 1 to 99999.");
        num[digits - 1] = *p;
        number = number * 10 + (*p - '0');
    }
    /* separator: spaces with at most one '-' or '/' among them */
    p = skip_spaces(p);
    if (*p == '-' || *p == '/') {
        sep = true;
        p = skip_spaces(p + 1);
    }
    for (; *p != '\0' && *p != ' '; p++) {
        if (!is_digit(*p) && !is_letter(*p))
            return msg_form(lang);
        if (alen == HOUSE_ADDITION_MAX_LEN)
            return msg_addition_long(lang);
        add[alen++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
    }
    add[alen] = '\0';
    if (*skip_spaces(p) != '\0' || (sep && alen == 0))
        return msg_form(lang);
    out->number = number;
    memcpy(out->addition, add, alen + 1);
    /* digits (at most 5), a separator or none, the addition (at most 6):
     * always fits HOUSE_NUMBER_TEXT_SIZE */
    memcpy(out->text, num, digits);
    t = digits;
    if (alen > 1 || (alen == 1 && is_digit(add[0])))
        out->text[t++] = is_digit(add[0]) ? '-' : ' ';
    memcpy(out->text + t, add, alen + 1);
    return NULL;
}

const char *
house_number_parse(const char *in, char *out, size_t outlen, const char *lang)
{
    struct house_number hn;
    const char *msg = house_number_split(in, &hn, lang);
    size_t n = strlen(hn.text);

    if (outlen > 0)
        out[0] = '\0';
    if (msg != NULL)
        return msg;
    if (n >= outlen)
        return msg_addition_long(lang);
    memcpy(out, hn.text, n + 1);
    return NULL;
}
