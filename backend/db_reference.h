/* db_reference.h - statements on the reference tables: wijk, buurt,
 * street and street_buurt (sql/001_reference.sql).
 *
 * One function per prepared statement; each statement is named like its
 * function without the db_ prefix. Codes are passed as the strings the
 * list readers produce (wijk "01".."10", buurt four digits); names as
 * trimmed UTF-8. Results follow db.h: a negative db_status on error.
 */
#ifndef LIEFLEED_DB_REFERENCE_H
#define LIEFLEED_DB_REFERENCE_H

#include <stdbool.h>

#include "db.h"

/* Insert a wijk unless one with this code exists. Returns 1 when added,
 * 0 when the code was present (the name is left as it was). A different
 * wijk with the same name is a DB_CONFLICT. */
int db_wijk_insert(struct db_conn *c, const char *code, const char *name);

/* Insert a buurt unless one with this code exists. Returns 1 when added,
 * 0 when present. The wijk must exist (else DB_HARD_ERROR). */
int db_buurt_insert(struct db_conn *c, const char *code, const char *wijk_code,
                    const char *name);

/* Returns 1 when a buurt with this code exists, 0 when not. */
int db_buurt_exists(struct db_conn *c, const char *code);

/* Find the street with this name, comparing without regard to case, and
 * insert it when there is none. On success returns 1 and sets *id, and
 * *created to whether this call inserted it. */
int db_street_ensure(struct db_conn *c, const char *name, long long *id,
                     bool *created);

/* Link a street to a buurt unless linked already. Returns 1 when the link
 * is new, 0 when it was there. */
int db_street_buurt_insert(struct db_conn *c, long long street_id,
                           const char *buurt_code);

struct db_reference_counts {
    long long wijk;
    long long buurt;
    long long street;
    long long street_buurt;
};

/* Count the rows of the four reference tables. Returns 1 and fills *out,
 * or a negative db_status. */
int db_reference_count(struct db_conn *c, struct db_reference_counts *out);

#endif
