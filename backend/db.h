/* db.h - the database layer's public face: connections, a pool, and the
 * transaction runner. Callers outside the db_*.c files never see libpq;
 * they hold an opaque struct db_conn and call one function per statement.
 *
 * Results are signed, in the style of GNU Taler:
 *   refused < hard error < soft error (retry) < conflict < 0 <= rows.
 *
 * DB_REFUSED is a business rule of the schema saying no (a CHECK, a
 * trigger raising check_violation, a foreign key): the request was wrong,
 * not the system. db_last_constraint() names the rule, so the HTTP layer
 * can explain it in Dutch; it is not logged as an error.
 */
#ifndef LIEFLEED_DB_H
#define LIEFLEED_DB_H

#include <stdbool.h>
#include <stddef.h>

enum db_status {
    DB_REFUSED = -4,    /* a rule of the schema refused it (23514, 23503) */
    DB_HARD_ERROR = -3, /* connection lost, or a bug in a statement */
    DB_SOFT_ERROR = -2, /* serialization failure or deadlock: retry */
    DB_CONFLICT = -1,   /* unique or exclusion violation */
    DB_NO_RESULTS = 0,
    DB_ONE_RESULT = 1,
};

struct db_conn;
struct db_pool;

/* True when conninfo parses as a libpq connection string; otherwise false
 * with a one-line reason in err. Does not connect. */
bool db_conninfo_valid(const char *conninfo, char *err, size_t errlen);

/* Open one connection (for the command line). On failure writes a one-line
 * reason to err and returns NULL. Free with db_disconnect(). */
struct db_conn *db_connect(const char *conninfo, char *err, size_t errlen);
void db_disconnect(struct db_conn *c);

/* A fixed-size pool of connections opened lazily and re-opened after the
 * server went away (PostgreSQL restart). Thread safe. */
struct db_pool *db_pool_create(const char *conninfo, unsigned size);
void db_pool_destroy(struct db_pool *p);

/* Borrow a healthy connection, waiting at most wait_ms for a free one.
 * Returns NULL when none is free in time or the database cannot be reached;
 * the caller answers 503. Give it back with db_release(). */
struct db_conn *db_acquire(struct db_pool *p, unsigned wait_ms);
void db_release(struct db_pool *p, struct db_conn *c);

/* The body of a transaction. Returns a db_status; anything negative rolls
 * back. It may run more than once (on DB_SOFT_ERROR), so it must not have
 * effects outside the database other than filling its cls. */
typedef enum db_status (*db_tx_fn)(struct db_conn *c, void *cls);

/* Run fn inside BEGIN ISOLATION LEVEL SERIALIZABLE ... COMMIT, retrying
 * serialization failures a few times. Returns fn's result on commit. */
enum db_status db_transaction(struct db_conn *c, db_tx_fn fn, void *cls);

/* The last error message of this connection (for the server log; never
 * contains parameters). Borrowed, valid until the next call. */
const char *db_last_error(const struct db_conn *c);

/* The constraint (or trigger rule, see sql/) named by the last error of
 * this connection, "" when none. Borrowed, valid until the next call. */
const char *db_last_constraint(const struct db_conn *c);

#endif
