/* street_import.h - put a parsed street list into the database.
 *
 * Used by `liefleed streets import` and `liefleed reference load`, which
 * run street_import_apply() inside their one db_transaction(): the import
 * is all or nothing, and running it twice adds nothing the second time.
 * A row whose buurt does not exist is rejected with its line number; it
 * does not stop the import.
 */
#ifndef LIEFLEED_STREET_IMPORT_H
#define LIEFLEED_STREET_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "csv_table.h"
#include "db.h"
#include "street_list.h"

struct street_import_result {
    size_t added;               /* street-buurt links that are new */
    size_t present;             /* links that were there already */
    size_t streets_added;       /* street names that are new */
    struct csv_rejects rejects; /* rows the database refused (unknown buurt) */
    bool no_memory;             /* the import failed for want of memory */
};

/* The body of the import transaction: for each row of list, make sure the
 * street exists and is linked to its buurt. Resets *res first (it may run
 * again when db_transaction() retries) and fills it. Returns a db_status:
 * DB_NO_RESULTS on success, negative on error (the caller's transaction
 * then rolls back; res->no_memory tells a memory failure apart). Free
 * *res with street_import_result_free(). */
enum db_status street_import_apply(struct db_conn *c,
                                   const struct street_list *list,
                                   struct street_import_result *res);

void street_import_result_free(struct street_import_result *res);

/* Print the report of an import: the line
 *   toegevoegd: N, al aanwezig: M, geweigerd: K
 * then "regel L: reason" for each row rejected by the reader (in list) or
 * by the database (in res), in line order. */
void street_import_print(FILE *out, const struct street_list *list,
                         const struct street_import_result *res);

#endif
