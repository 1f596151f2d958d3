/* db_staff_session.h - statements behind staff login and sessions
 * (staff_session, and the account lookup a login needs).
 *
 * One function per statement. A session is named by the SHA-256 of its
 * cookie value (id_hash, 32 bytes); the cookie value itself never reaches
 * the database. The idle and absolute limits come from the settings
 * session_idle_minutes and session_absolute_hours, read inside the
 * statements. Results follow db.h: a negative db_status on error, else a
 * row count.
 */
#ifndef LIEFLEED_DB_STAFF_SESSION_H
#define LIEFLEED_DB_STAFF_SESSION_H

#include <stdbool.h>

#include "db.h"

#define STAFF_SESSION_HASH_BYTES 32

/* The logged-in staff member of a request. Never holds the e-mail or the
 * password hash. */
struct staff {
    long long id;
    char name[804];
    char role[16];
    char wijken[48]; /* "03,04" in order, "" when none */
    unsigned char session_hash[STAFF_SESSION_HASH_BYTES];
    /* the session's own key for its forms' CSRF tokens (staff_csrf.h) */
    unsigned char csrf_secret[32];
    bool seen_long_ago; /* last_seen_at is over a minute old */
    bool totp_enrolled; /* the account has a second factor */
    bool totp_required; /* its role must have one (setting totp_required) */
};

/* What a login needs of the account with this e-mail (any case): its id,
 * its password hash (hash_size bytes of room, NUL-terminated) and whether
 * it is disabled. Returns 1, or 0 when there is no such account. */
int db_staff_login_find(struct db_conn *c, const char *email, long long *id,
                        char *hash, size_t hash_size, bool *disabled);

/* Start a session of user_id: expires_at is now plus the setting
 * session_absolute_hours. csrf_secret is 32 random bytes. Returns 1. */
int db_staff_session_insert(struct db_conn *c, const unsigned char id_hash[32],
                            long long user_id,
                            const unsigned char csrf_secret[32]);

/* The session id_hash when it is open: not ended, before expires_at, seen
 * within session_idle_minutes, and its account enabled. Returns 1 and
 * fills *out, or 0. */
int db_staff_session_find(struct db_conn *c, const unsigned char id_hash[32],
                          struct staff *out);

/* Record a request of an open session: last_seen_at becomes now. Returns
 * 1, or 0 when it has ended meanwhile. */
int db_staff_session_touch(struct db_conn *c, const unsigned char id_hash[32]);

/* End every open session of user_id except keep_hash (the one making the
 * change). Returns the number ended. */
int db_staff_session_end_others(struct db_conn *c, long long user_id,
                                const unsigned char keep_hash[32]);

/* End the session id_hash (logout, or a new login in the same browser)
 * and store its account in *user_id. Returns 1, or 0 when it had already
 * ended or does not exist. */
int db_staff_session_end(struct db_conn *c, const unsigned char id_hash[32],
                         long long *user_id);

#endif
