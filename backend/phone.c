#include "phone.h"

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

bool
phone_normalise(const char *in, char *out, size_t outlen)
{
    size_t n = 0;

    if (outlen == 0)
        return false;
    for (; *in != '\0'; in++) {
        if (*in == ' ' || *in == '-')
            continue;
        if ((!is_digit(*in) && *in != '+' && *in != '(' && *in != ')') ||
            n + 1 >= outlen) {
            out[0] = '\0';
            return false;
        }
        out[n++] = *in;
    }
    out[n] = '\0';
    return true;
}

static const char *
msg_chars(const char *lang)
{
    return say(lang,
               "Een telefoonnummer heeft alleen cijfers, spaties en de tekens "
               "+ - ( ).",
               "A phone number has only digits, spaces and the characters "
               "+ - ( ).");
}

static const char *
msg_digits(const char *lang)
{
    return say(lang,
               "Een telefoonnummer heeft 10 tot 15 cijfers, zoals "
               "030 286 00 00 of +31 30 286 00 00.",
               "A phone number has 10 to 15 digits, such as 030 286 00 00 or "
               "+31 30 286 00 00.");
}

const char *
phone_check(const char *normalised, const char *lang)
{
    const char *p;
    size_t digits = 0, inside = 0;
    bool open = false, had_pair = false;

    if (*normalised == '\0')
        return say(lang, "Vul uw telefoonnummer in.",
                   "Please enter your phone number.");
    for (p = normalised; *p != '\0'; p++) {
        if (is_digit(*p)) {
            digits++;
            inside++;
        } else if (*p == '+') {
            if (p != normalised)
                return say(lang,
                           "Een + mag alleen aan het begin van het nummer "
                           "staan.",
                           "A + may only come at the start of the number.");
        } else if (*p == '(') {
            if (open || had_pair)
                goto brackets;
            open = true;
            inside = 0;
        } else if (*p == ')') {
            if (!open || inside == 0)
                goto brackets;
            open = false;
            had_pair = true;
        } else {
            return msg_chars(lang);
        }
    }
    if (open)
        goto brackets;
    if (digits < PHONE_MIN_DIGITS || digits > PHONE_MAX_DIGITS)
        return msg_digits(lang);
    return NULL;
brackets:
    return say(lang, "Gebruik haakjes alleen zo: +31 (0)30 286 00 00.",
               "Use brackets only like this: +31 (0)30 286 00 00.");
}

const char *
phone_parse(const char *in, char *out, size_t outlen, const char *lang)
{
    const char *p;
    const char *msg;

    if (!phone_normalise(in, out, outlen)) {
        for (p = in; *p != '\0'; p++)
            if (!is_digit(*p) && strchr(" +-()", *p) == NULL)
                return msg_chars(lang);
        return msg_digits(lang);
    }
    if (out[0] == '\0') {
        for (p = in; *p == ' '; p++)
            ;
        return *p == '\0' ? NULL : msg_digits(lang);
    }
    msg = phone_check(out, lang);
    if (msg != NULL)
        out[0] = '\0';
    return msg;
}
