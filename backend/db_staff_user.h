/* db_staff_user.h - statements on staff accounts (staff_user,
 * staff_user_wijk, their sessions) and the audit rows that account
 * changes from the command line write.
 *
 * One function per statement. Callers that change more than one row run
 * them inside db_transaction() so that the account, its wijken and its
 * audit event commit together. Results follow db.h: a negative db_status
 * on error, else a row count.
 */
#ifndef LIEFLEED_DB_STAFF_USER_H
#define LIEFLEED_DB_STAFF_USER_H

#include <stdbool.h>

#include "db.h"

/* One account as the command line and the beheerder's pages show it.
 * Buffers fit the schema's limits (e-mail 254 bytes, name 200 characters
 * of up to 4 bytes). Never holds the password hash. */
struct staff_user {
    long long id;
    char email[256];
    char name[804];
    char role[16];
    char wijken[48];      /* "03,04" in order, "" when none */
    char created_at[24];  /* "YYYY-MM-DD HH:MM", Europe/Amsterdam */
    char disabled_at[24]; /* same format; "" when the account is enabled */
    bool disabled;
};

/* Insert an enabled account and store its id in *id_out. Returns 1, or
 * DB_CONFLICT when an account with this e-mail (in any case) exists. */
int db_staff_user_insert(struct db_conn *c, const char *email, const char *name,
                         const char *role, const char *password_hash,
                         long long *id_out);

/* Give the account a wijk. Returns 1, or 0 when no wijk has this code
 * (reference data not loaded). */
int db_staff_user_wijk_add(struct db_conn *c, long long user_id,
                           const char *wijk_code);

/* Find an account by e-mail, without regard to case. Returns 1 and fills
 * *out, or 0 when there is none. */
int db_staff_user_find_by_email(struct db_conn *c, const char *email,
                                struct staff_user *out);

/* Called once per account, ordered by e-mail; row is valid only during
 * the call. */
typedef void (*db_staff_user_cb)(void *cls, const struct staff_user *row);

/* Every account, enabled or not. Returns the number of accounts. */
int db_staff_user_list(struct db_conn *c, db_staff_user_cb cb, void *cls);

/* Switch an account off (never deleted). Returns 1, or 0 when it was
 * already disabled. */
int db_staff_user_disable(struct db_conn *c, long long user_id);

/* End every open session of an account. Returns the number ended. */
int db_staff_user_end_sessions(struct db_conn *c, long long user_id);

/* Audit a 'user.add' done from the command line by operating-system user
 * os_user: the new account's id, role and wijken ("03,04" or ""). */
int db_staff_user_audit_add(struct db_conn *c, long long user_id,
                            const char *role, const char *wijken,
                            const char *os_user);

/* Audit a 'user.disable' done from the command line, with the number of
 * sessions it ended. */
int db_staff_user_audit_disable(struct db_conn *c, long long user_id,
                                int sessions_ended, const char *os_user);

#endif
