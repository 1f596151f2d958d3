/* email.h - the e-mail address of a gangmaker.
 *
 * A pragmatic check, not all of RFC 5321/5322: the address must be one the
 * outbox can put in a To: header as it is. Accepted is local@domain where
 *   - local is 1-64 characters of letters, digits and ! # $ % & ' * + - / =
 *     ? ^ _ ` { | } ~, with single dots between them (no quoted forms);
 *   - domain has at least two labels separated by dots, each 1-63 letters,
 *     digits or hyphens, not starting or ending with a hyphen, and the last
 *     label is not all digits (so no bare IP addresses);
 *   - the whole is at most 254 bytes of printable ASCII: no spaces, no
 *     control characters, never CR or LF, so it cannot inject a header.
 * Addresses with non-ASCII characters (internationalised forms) are refused
 * with a clear message; residents can use the ASCII form of their domain.
 *
 * Pure functions: no allocation, no I/O. Messages are static strings in
 * plain Dutch (lang "nl", also the default for NULL or any other value) or
 * English (lang "en").
 */
#ifndef LIEFLEED_EMAIL_H
#define LIEFLEED_EMAIL_H

#include <stdbool.h>
#include <stddef.h>

#define EMAIL_MAX_LEN 254
#define EMAIL_LOCAL_MAX_LEN 64
/* Room for the longest address and its NUL. */
#define EMAIL_SIZE (EMAIL_MAX_LEN + 1)

/* Normalise in into out[0..outlen): drop ASCII spaces at the start and the
 * end, and lower-case the ASCII letters after the last '@' (the domain).
 * The part before the '@' keeps its case: it is the mail server's to
 * judge. Returns false (out "" when outlen > 0) when nothing is left or the
 * result does not fit in outlen or is longer than EMAIL_MAX_LEN; checks
 * nothing else, call email_check() for that. Idempotent. out may be the
 * same buffer as in. */
bool email_normalise(const char *in, char *out, size_t outlen);

/* Check a normalised address by the rules above. Returns NULL when it is
 * acceptable, else a message for the resident. */
const char *email_check(const char *normalised, const char *lang);

/* email_normalise() and email_check() in one step, for a form field: NULL
 * with the address in out, or a message with out set to "". outlen must
 * be at least EMAIL_SIZE; in and out must not overlap. */
const char *email_parse(const char *in, char *out, size_t outlen,
                        const char *lang);

#endif
