/* db_staff_queue.h - the sociaal makelaar's work list: applications of
 * their wijken per wijk and status, oldest first, with counts.
 *
 * Scope lives in the statements: every query takes the makelaar's wijken
 * ("03,04") and never returns a row of another wijk, whatever else is
 * asked. Results follow db.h: a negative db_status on error, else a row
 * count.
 */
#ifndef LIEFLEED_DB_STAFF_QUEUE_H
#define LIEFLEED_DB_STAFF_QUEUE_H

#include <stdbool.h>

#include "db.h"

/* Rows on one page of the queue. */
#define STAFF_QUEUE_PAGE 50

/* What the list may show of one application: no e-mail, phone, address
 * or IBAN (the application page has those). */
struct staff_queue_row {
    long long id;
    char reference[16];
    char submitted[11];     /* dd-mm-yyyy, Europe/Amsterdam */
    char submitted_key[40]; /* submitted_at as text, for the next page */
    long long days_waiting; /* whole days since submitted */
    char street[4 * 200 + 1];
    char wijk[3];
    char status[24];
    char organiser[4 * 200 + 1]; /* the gangmaker's name, "" after purge */
    bool unknown_street, second_open, over_yearly_maximum;
    bool iban_unconfirmed; /* the payee IBAN changed and waits */
    bool entered_by_staff; /* assisted intake */
};

struct staff_queue_query {
    const char *wijken;   /* the makelaar's scope, "03,04" (required) */
    const char *wijk;     /* one of them, or NULL for all */
    const char *statuses; /* "ingediend,in_behandeling" (required) */
    long long after_id;   /* keyset: rows after this one; 0 from the start */
};

/* One page of the queue (at most STAFF_QUEUE_PAGE + 1 rows, so the caller
 * sees whether there is a next page), oldest first (submitted_at, id).
 * *rows is malloc()ed (caller frees; NULL when none). Returns the count. */
int db_staff_queue_page(struct db_conn *c, const struct staff_queue_query *q,
                        struct staff_queue_row **rows);

/* One wijk-and-status cell of the counts. */
struct staff_queue_count {
    char wijk[3];
    char status[24];
    long long n;
};

/* How many applications each of the makelaar's wijken (wijken, "03,04")
 * has in each status; only non-empty cells. *out is malloc()ed (caller
 * frees; NULL when none). Returns the number of cells. */
int db_staff_queue_counts(struct db_conn *c, const char *wijken,
                          struct staff_queue_count **out);

#endif
