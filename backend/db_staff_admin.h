/* db_staff_admin.h - the statements behind the beheerder's user pages
 * (/beheer/gebruikers): list and read accounts with their last login,
 * change name, role, password and wijken, switch an account back on.
 *
 * Creating and disabling reuse db_staff_user.h (the same statements the
 * command line uses). One function per statement; the page runs them in
 * one db_transaction() together with the audit event. Results follow
 * db.h: a negative db_status on error, else a row count.
 */
#ifndef LIEFLEED_DB_STAFF_ADMIN_H
#define LIEFLEED_DB_STAFF_ADMIN_H

#include "db.h"
#include "db_staff_user.h"

/* An account as the beheerder's pages show it. */
struct staff_admin_user {
    struct staff_user u;
    char last_login[24]; /* "YYYY-MM-DD HH:MM" Europe/Amsterdam; "" never */
    /* updated_at to the microsecond: the edit form sends it back, so a
     * change made meanwhile by someone else is noticed (409) */
    char version[32];
    bool totp; /* an authenticator app is linked */
};

/* Called once per account, ordered by name then e-mail; row is valid only
 * during the call. */
typedef void (*db_staff_admin_cb)(void *cls, const struct staff_admin_user *u);

/* Every account, enabled or not. Returns the number of accounts. */
int db_staff_admin_list(struct db_conn *c, db_staff_admin_cb cb, void *cls);

/* The account id. Returns 1 and fills *out, or 0 when there is none. */
int db_staff_admin_get(struct db_conn *c, long long id,
                       struct staff_admin_user *out);

/* Set name and role of account id when its version is still version.
 * Returns 1, or 0 when the account changed meanwhile (or is gone). */
int db_staff_admin_update(struct db_conn *c, long long id, const char *name,
                          const char *role, const char *version);

/* Store a new password hash for account id. Returns 1, or 0. */
int db_staff_admin_set_password(struct db_conn *c, long long id,
                                const char *password_hash);

/* Switch a disabled account back on. Returns 1, or 0 when it was on. */
int db_staff_admin_enable(struct db_conn *c, long long id);

/* Remove every wijk of account id (the deferred trigger
 * staff_user_makelaar_has_wijk checks at commit that a makelaar got new
 * ones). Returns the number removed. */
int db_staff_admin_wijken_clear(struct db_conn *c, long long id);

/* One wijk of the municipality. */
struct wijk_name {
    char code[3];
    char name[404];
};

#define WIJK_COUNT_MAX 10

/* The wijken in code order into out[0..WIJK_COUNT_MAX). Returns how many. */
int db_staff_admin_wijk_names(struct db_conn *c,
                              struct wijk_name out[WIJK_COUNT_MAX]);

#endif
