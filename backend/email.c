#include "email.h"

#include <string.h>

static const char *
say(const char *lang, const char *nl, const char *en)
{
    return (lang != NULL && strcmp(lang, "en") == 0) ? en : nl;
}

static bool
is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* RFC 5322 atext: what a local part may hold besides dots. */
static bool
is_atext(char c)
{
    return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

bool
email_normalise(const char *in, char *out, size_t outlen)
{
    size_t start = 0, end = strlen(in), n, i;
    const char *at;

    while (start < end && in[start] == ' ')
        start++;
    while (end > start && in[end - 1] == ' ')
        end--;
    n = end - start;
    if (n == 0 || n > EMAIL_MAX_LEN || n >= outlen) {
        if (outlen > 0)
            out[0] = '\0';
        return false;
    }
    memmove(out, in + start, n);
    out[n] = '\0';
    at = strrchr(out, '@');
    if (at != NULL)
        for (i = (size_t)(at - out) + 1; i < n; i++)
            if (out[i] >= 'A' && out[i] <= 'Z')
                out[i] = (char)(out[i] - 'A' + 'a');
    return true;
}

static const char *
msg_example(const char *lang)
{
    return say(lang,
               "Dit e-mailadres klopt niet. Een e-mailadres ziet eruit als "
               "naam@voorbeeld.nl.",
               "This e-mail address is not correct. An e-mail address looks "
               "like name@example.com.");
}

/* True when local[0..n) is a dot-atom: atext runs separated by single
 * dots. */
static bool
local_ok(const char *local, size_t n)
{
    size_t i;

    if (n == 0 || local[0] == '.' || local[n - 1] == '.')
        return false;
    for (i = 0; i < n; i++) {
        if (local[i] == '.') {
            if (local[i + 1] == '.')
                return false;
        } else if (!is_atext(local[i])) {
            return false;
        }
    }
    return true;
}

/* True when d[0..n) is at least two DNS labels and the last one is not all
 * digits. */
static bool
domain_ok(const char *d, size_t n)
{
    size_t i, label = 0, labels = 0, last = 0;
    bool digits_only = true;

    if (n == 0 || n > 253)
        return false;
    for (i = 0; i <= n; i++) {
        if (i == n || d[i] == '.') {
            if (label == 0 || label > 63 || d[i - 1] == '-' || d[last] == '-')
                return false;
            labels++;
            if (i < n) {
                label = 0;
                last = i + 1;
                digits_only = true;
            }
            continue;
        }
        if (!is_alnum(d[i]) && d[i] != '-')
            return false;
        if (!(d[i] >= '0' && d[i] <= '9'))
            digits_only = false;
        label++;
    }
    return labels >= 2 && !digits_only;
}

const char *
email_check(const char *normalised, const char *lang)
{
    size_t n = strlen(normalised), i;
    const char *at = strchr(normalised, '@');
    size_t local_len;

    if (n == 0)
        return say(lang, "Vul uw e-mailadres in.",
                   "Please enter your e-mail address.");
    if (n > EMAIL_MAX_LEN)
        return say(lang, "Dit e-mailadres is te lang.",
                   "This e-mail address is too long.");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)normalised[i];
        if (c <= 0x20 || c >= 0x7F)
            return say(lang,
                       "Een e-mailadres kan geen spaties, letters met accenten "
                       "of andere bijzondere tekens hebben.",
                       "An e-mail address cannot contain spaces, letters with "
                       "accents or other special characters.");
    }
    if (at == NULL || strchr(at + 1, '@') != NULL)
        return say(lang,
                   "Een e-mailadres heeft precies 1 @, zoals "
                   "naam@voorbeeld.nl.",
                   "An e-mail address has exactly one @, such as "
                   "name@example.com.");
    local_len = (size_t)(at - normalised);
    if (local_len == 0)
        return say(lang,
                   "Er moet iets voor de @ staan, zoals naam@voorbeeld.nl.",
                   "Something must come before the @, such as "
                   "name@example.com.");
    if (local_len > EMAIL_LOCAL_MAX_LEN)
        return say(lang, "Het deel voor de @ is te lang.",
                   "The part before the @ is too long.");
    if (!local_ok(normalised, local_len))
        return msg_example(lang);
    if (!domain_ok(at + 1, n - local_len - 1))
        return say(lang,
                   "Het deel na de @ klopt niet. Het ziet eruit als "
                   "voorbeeld.nl.",
                   "The part after the @ is not correct. It looks like "
                   "example.com.");
    return NULL;
}

const char *
email_parse(const char *in, char *out, size_t outlen, const char *lang)
{
    const char *msg;
    const char *p = in;

    if (!email_normalise(in, out, outlen)) {
        while (*p == ' ')
            p++;
        if (*p == '\0')
            return email_check("", lang);
        return say(lang, "Dit e-mailadres is te lang.",
                   "This e-mail address is too long.");
    }
    msg = email_check(out, lang);
    if (msg != NULL)
        out[0] = '\0';
    return msg;
}
