/* staff_fields.h - checks of the fields of a staff account, shared by the
 * command line (liefleed user) and the beheerder's pages.
 *
 * Pure functions: no allocation, no I/O. They mirror the CHECK constraints
 * of staff_user and staff_user_wijk (sql/002_domain.sql) so that a bad
 * value gets a clear message before it reaches the database.
 */
#ifndef LIEFLEED_STAFF_FIELDS_H
#define LIEFLEED_STAFF_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#define STAFF_EMAIL_MAX_BYTES 254
#define STAFF_NAME_MAX_CHARS 200
#define STAFF_WIJKEN_MAX 10

/* A plausible address: valid UTF-8 without spaces or control characters,
 * 3 to 254 bytes, one '@' with something before it and a dot (not last)
 * after it. */
bool staff_email_valid(const char *email);

/* 1 to 200 characters of valid UTF-8 without control characters, and no
 * space at either end. */
bool staff_name_valid(const char *name);

/* One of makelaar, financien, beheerder, beleid. */
bool staff_role_valid(const char *role);

/* A set of distinct wijk codes, in ascending order. */
struct staff_wijken {
    int n;
    char codes[STAFF_WIJKEN_MAX][3];  /* "01" .. "10" */
    char canon[3 * STAFF_WIJKEN_MAX]; /* "03,04"; "" when n == 0 */
};

/* Parse a comma-separated list such as "04,03" (codes 01..10, each once,
 * no empty items; "" is the empty set) into *out. Returns true, or false
 * with a one-line message in Dutch and English written to msg. */
bool staff_wijken_parse(const char *list, struct staff_wijken *out, char *msg,
                        size_t msglen);

#endif
