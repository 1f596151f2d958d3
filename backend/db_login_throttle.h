/* db_login_throttle.h - failed logins counted per account and per client
 * address (table login_throttle), shared by all servers.
 *
 * scope is "account" (subject: the e-mail as typed, lower-cased by the
 * statement, also for accounts that do not exist) or "address" (subject:
 * the hex HMAC of the client address). One function per statement.
 */
#ifndef LIEFLEED_DB_LOGIN_THROTTLE_H
#define LIEFLEED_DB_LOGIN_THROTTLE_H

#include "db.h"

/* Whether the account email or the address is blocked now. Returns 1 and
 * the whole seconds until the later block ends in *retry_s, 0 when
 * neither is blocked. */
int db_login_throttle_check(struct db_conn *c, const char *email,
                            const char *address, unsigned *retry_s);

/* Count one failure of subject. Failures more than a day after the
 * previous one start counting afresh. From the threshold-th failure on
 * the subject is blocked for 2^(failures - threshold) minutes, at most
 * 60. Returns 1. */
int db_login_throttle_fail(struct db_conn *c, const char *scope,
                           const char *subject, int threshold);

/* Forget the failures of subject (after a successful login). Returns the
 * rows removed (0 or 1). */
int db_login_throttle_clear(struct db_conn *c, const char *scope,
                            const char *subject);

#endif
