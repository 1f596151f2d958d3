/* libFuzzer target: the form field checks (postcode, e-mail, phone, house
 * number, free text) on the same bytes.
 *
 * Whatever the bytes: nothing crashes or overruns; every normalise is
 * idempotent; whatever is accepted re-parses to itself; an accepted e-mail
 * address holds no byte that could break a mail header (CR, LF, space,
 * control, non-ASCII); accepted text is valid UTF-8 within its limits. */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "email.h"
#include "house_number.h"
#include "phone.h"
#include "postcode.h"
#include "text_field.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_postcode(const char *in)
{
    char out[POSTCODE_SIZE], again[POSTCODE_SIZE];
    const char *msg;

    if (postcode_normalise(in, out, sizeof(out))) {
        assert(strlen(out) == 7 && out[4] == ' ');
        assert(postcode_normalise(out, again, sizeof(again)));
        assert(strcmp(out, again) == 0);
        assert((postcode_check(out, "nl") == NULL) == postcode_in_utrecht(out));
    }
    msg = postcode_parse(in, out, sizeof(out), "nl");
    if (msg == NULL)
        assert(postcode_in_utrecht(out));
    else
        assert(out[0] == '\0');
}

static void
fuzz_email(const char *in)
{
    char out[EMAIL_SIZE], again[EMAIL_SIZE];
    const char *msg;
    size_t i;

    if (email_normalise(in, out, sizeof(out))) {
        assert(email_normalise(out, again, sizeof(again)));
        assert(strcmp(out, again) == 0);
    }
    msg = email_parse(in, out, sizeof(out), "en");
    if (msg != NULL) {
        assert(out[0] == '\0');
        return;
    }
    assert(strlen(out) >= 3 && strlen(out) <= EMAIL_MAX_LEN);
    for (i = 0; out[i] != '\0'; i++)
        assert((unsigned char)out[i] > 0x20 && (unsigned char)out[i] < 0x7F);
    assert(strchr(out, '@') == strrchr(out, '@'));
    assert(strchr(out, '<') == NULL && strchr(out, '>') == NULL &&
           strchr(out, ',') == NULL && strchr(out, ';') == NULL &&
           strchr(out, '"') == NULL && strchr(out, '\\') == NULL);
    assert(email_check(out, "nl") == NULL);
}

static void
fuzz_phone(const char *in)
{
    char out[PHONE_SIZE], again[PHONE_SIZE];
    const char *msg;
    size_t i, digits = 0;

    if (phone_normalise(in, out, sizeof(out))) {
        assert(phone_normalise(out, again, sizeof(again)));
        assert(strcmp(out, again) == 0);
    }
    msg = phone_parse(in, out, sizeof(out), "nl");
    if (msg != NULL || out[0] == '\0') {
        assert(out[0] == '\0');
        return;
    }
    for (i = 0; out[i] != '\0'; i++) {
        assert(strchr("0123456789+()", out[i]) != NULL);
        if (out[i] >= '0' && out[i] <= '9')
            digits++;
    }
    assert(digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS);
    assert(phone_check(out, "en") == NULL);
}

static void
fuzz_house_number(const char *in)
{
    struct house_number a, b;
    char text[HOUSE_NUMBER_TEXT_SIZE];

    if (house_number_split(in, &a, "nl") != NULL) {
        assert(a.number == 0 && a.text[0] == '\0');
        assert(house_number_parse(in, text, sizeof(text), "nl") != NULL);
        assert(text[0] == '\0');
        return;
    }
    assert(a.number >= 1 && a.number <= HOUSE_NUMBER_MAX);
    assert(strlen(a.addition) <= HOUSE_ADDITION_MAX_LEN);
    assert(house_number_split(a.text, &b, "en") == NULL);
    assert(a.number == b.number && strcmp(a.addition, b.addition) == 0 &&
           strcmp(a.text, b.text) == 0);
    assert(house_number_parse(in, text, sizeof(text), "nl") == NULL);
    assert(strcmp(text, a.text) == 0);
}

static void
fuzz_text(const char *in, size_t n, uint8_t limits)
{
    size_t min = limits & 7, max = min + (limits >> 3);
    bool multiline = (limits & 1) != 0;
    char copy[256];

    if (text_field_check(in, min, max, multiline, "nl") == NULL) {
        assert(utf8_valid_text(in, n, multiline));
        memcpy(copy, in, n + 1);
        text_field_trim(copy);
        assert(utf8_chars(copy, strlen(copy)) <= max ||
               strstr(copy, "\r\n") != NULL);
        assert(utf8_chars(copy, strlen(copy)) >= min);
        /* trimming keeps it acceptable */
        assert(text_field_check(copy, min, max, multiline, "en") == NULL);
    }
    assert(utf8_chars(in, n) <= n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[256];
    size_t n;

    if (size == 0)
        return 0;
    n = size - 1 < sizeof(in) - 1 ? size - 1 : sizeof(in) - 1;
    memcpy(in, data + 1, n);
    in[n] = '\0';
    n = strlen(in); /* an embedded NUL ends the field, as in a C string */
    fuzz_postcode(in);
    fuzz_email(in);
    fuzz_phone(in);
    fuzz_house_number(in);
    fuzz_text(in, n, data[0]);
    return 0;
}
