/* house_number.h - the house number of a gangmaker's address, with an
 * optional addition (toevoeging).
 *
 * Residents write "12", "7a", "3-A", "12 bis", "14-2" or "120 / 3hg". We
 * accept a number from 1 to 99999 (no leading zero), then optionally a
 * separator (spaces, with at most one '-' or '/' among them) and an
 * addition of 1 to 6 ASCII letters and digits. Spaces around the whole are
 * ignored.
 *
 * The stored text is one canonical form, upper case:
 *   - a single letter is joined to the number:        "7a", "3-A" -> "7A", "3A"
 *   - an addition that starts with a digit gets '-':  "14 2" -> "14-2"
 *   - any other addition gets a space:                "12bis" -> "12 BIS"
 * Parsing the stored text gives the same number, addition and text back.
 *
 * Pure functions: no allocation, no I/O. Messages are static strings in
 * plain Dutch (lang "nl", also the default for NULL or any other value) or
 * English (lang "en").
 */
#ifndef LIEFLEED_HOUSE_NUMBER_H
#define LIEFLEED_HOUSE_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

#define HOUSE_NUMBER_MAX 99999
#define HOUSE_ADDITION_MAX_LEN 6
/* Room for "99999 ABCDEF" or "99999-1ABCDE" and its NUL. */
#define HOUSE_NUMBER_TEXT_SIZE (5 + 1 + HOUSE_ADDITION_MAX_LEN + 1)

struct house_number {
    long number;                               /* 1 .. HOUSE_NUMBER_MAX */
    char addition[HOUSE_ADDITION_MAX_LEN + 1]; /* upper case, "" if none */
    char text[HOUSE_NUMBER_TEXT_SIZE];         /* canonical, see above */
};

/* Parse the typed text in. Returns NULL and fills *out, or a message for
 * the resident (empty field, not a number, number out of range, addition
 * too long or with other characters) and leaves *out zeroed (number 0,
 * both strings ""). */
const char *house_number_split(const char *in, struct house_number *out,
                               const char *lang);

/* house_number_split() for a form field that keeps only the canonical
 * text: NULL with the text in out[0..outlen), or a message with out "".
 * outlen must be at least HOUSE_NUMBER_TEXT_SIZE; a smaller buffer that
 * cannot hold the text gives the message for a too long addition. */
const char *house_number_parse(const char *in, char *out, size_t outlen,
                               const char *lang);

#endif
