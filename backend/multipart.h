/* multipart.h - read a multipart/form-data body (RFC 7578), as a browser
 * sends a form with a file input.
 *
 * Bounded and copy-free: the parts point into the body, which must stay
 * alive while they are used; at most MULTIPART_MAX_PARTS parts, each with
 * at most a few short header lines. A part is found by its name; a name
 * used twice makes the body malformed (none of our forms does that).
 * Anything that does not follow the format is refused with a status, never
 * guessed at.
 *
 * Pure code: no I/O, no libmicrohttpd.
 */
#ifndef LIEFLEED_MULTIPART_H
#define LIEFLEED_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#define MULTIPART_MAX_PARTS 16
/* RFC 2046: a boundary is 1..70 characters */
#define MULTIPART_BOUNDARY_MAX 70

struct multipart_part {
    const char *name; /* the form field's name; not NUL-terminated */
    size_t name_len;
    const char *filename; /* NULL when the part is not a file */
    size_t filename_len;
    const char *data; /* the value or the file's bytes */
    size_t len;
};

struct multipart {
    struct multipart_part part[MULTIPART_MAX_PARTS];
    size_t count;
};

enum multipart_status {
    MULTIPART_OK = 0,
    MULTIPART_NOT_MULTIPART, /* the Content-Type is another type */
    MULTIPART_BAD_BOUNDARY,  /* no boundary, or not a valid one */
    MULTIPART_MALFORMED,     /* the body does not follow the format */
    MULTIPART_TOO_MANY,      /* more than MULTIPART_MAX_PARTS parts */
    MULTIPART_DUPLICATE,     /* two parts with one name */
};

/* The boundary of a Content-Type "multipart/form-data; boundary=...",
 * (quoted or not) into out, NUL-terminated. */
enum multipart_status multipart_boundary(const char *content_type,
                                         char out[MULTIPART_BOUNDARY_MAX + 1]);

/* Split body[0..len) into its parts. *out is always initialised. */
enum multipart_status multipart_parse(const char *body, size_t len,
                                      const char *boundary,
                                      struct multipart *out);

/* The part named name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart *m,
                                           const char *name);

/* Copy a short text part into out (NUL-terminated). False when the part
 * is missing, longer than outlen - 1 or holds a NUL byte. */
bool multipart_text(const struct multipart *m, const char *name, char *out,
                    size_t outlen);

/* A Dutch sentence for the user about a status other than MULTIPART_OK. */
const char *multipart_status_message(enum multipart_status st);

#endif
