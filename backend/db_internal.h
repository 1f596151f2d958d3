/* db_internal.h - for the db_*.c files only: libpq types and the prepared
 * statement helper. Nothing in the HTTP layer includes this.
 */
#ifndef LIEFLEED_DB_INTERNAL_H
#define LIEFLEED_DB_INTERNAL_H

#include <libpq-fe.h>

#include "db.h"

#define DB_MAX_STMTS 512

/* One parameterised statement. Define each as a static in the file of the
 * function that runs it, named like that function:
 *   static struct db_stmt stmt_street_find = DB_STMT("street_find", "...", 1);
 * It is prepared on a connection the first time it runs there. */
struct db_stmt {
    const char *name;
    const char *sql;
    int nparams;
    int id; /* assigned on first use; 0 = not yet */
};
#define DB_STMT(name, sql, nparams)                                            \
    {                                                                          \
        name, sql, nparams, 0                                                  \
    }

struct db_conn {
    PGconn *pg;
    char *conninfo; /* owned */
    int in_tx;
    unsigned char prepared[DB_MAX_STMTS];
    char err[256];
    char constraint[64]; /* of the last error, "" when none */
};

/* Run a prepared statement with text parameters (NULL = SQL NULL).
 * Returns the number of rows returned or affected, or a negative
 * db_status. On success *res (if res is not NULL) holds the result, which
 * the caller must PQclear(); on error *res is NULL. */
int db_query(struct db_conn *c, struct db_stmt *s, const char *const *params,
             PGresult **res);

/* db_query for the many statements whose one parameter is a row id. */
int db_query_id(struct db_conn *c, struct db_stmt *s, long long id,
                PGresult **res);

/* Run trusted SQL text with no parameters (migrations only). */
enum db_status db_exec_script(struct db_conn *c, const char *sql);

#endif
