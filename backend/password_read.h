/* password_read.h - read a new password from standard input, for the
 * command line (liefleed user add).
 *
 * On a terminal the user is prompted twice on standard error with echo
 * off, and both entries must match; the terminal is restored even when
 * the user interrupts with Ctrl-C. From a pipe or file exactly the first
 * line is read (its "\n" or "\r\n" removed), so scripts can do
 *   printf '%s\n' "$PW" | liefleed user add ...
 * A password is never taken from the command line, where every user of the
 * machine can read it in the process list.
 */
#ifndef LIEFLEED_PASSWORD_READ_H
#define LIEFLEED_PASSWORD_READ_H

#include <stddef.h>

/* Read into buf (size bytes; the password may have size - 1 bytes).
 * On success returns NULL, buf holds the NUL-terminated password and *len
 * its length; the caller wipes buf after use (sodium_memzero). On failure
 * returns a static one-line message in Dutch with English in parentheses
 * and leaves buf wiped. */
const char *password_read_new(char *buf, size_t size, size_t *len);

#endif
