/* db_staff_totp.h - the second factor of a staff account: its TOTP
 * secret and the last step used (so a code works once). */
#ifndef LIEFLEED_DB_STAFF_TOTP_H
#define LIEFLEED_DB_STAFF_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

#define DB_TOTP_SECRET_MAX 64

/* The secret of user_id into key (DB_TOTP_SECRET_MAX bytes of room),
 * its length in *keylen and the last used step in *last_step (-1 when
 * none). Returns 1, or 0 when the account has no second factor. */
int db_staff_totp_get(struct db_conn *c, long long user_id,
                      unsigned char key[DB_TOTP_SECRET_MAX], size_t *keylen,
                      int64_t *last_step);

/* Record that the code of step was used: only when step is later than
 * the last one used, so two requests racing with one code cannot both
 * win. Returns 1, or 0 when step was already used (a replay). */
int db_staff_totp_use(struct db_conn *c, long long user_id, int64_t step);

/* Switch the second factor of user_id on with key (16..64 bytes), its
 * first code used at step. Returns 1, or 0 when there is no such account. */
int db_staff_totp_set(struct db_conn *c, long long user_id,
                      const unsigned char *key, size_t keylen, int64_t step);

/* Switch it off (a lost phone; a beheerder's act). Returns 1, or 0. */
int db_staff_totp_clear(struct db_conn *c, long long user_id);

#endif
