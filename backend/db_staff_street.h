/* db_staff_street.h - the statements behind the staff street pages: the
 * street list of a wijk, one street with its history, and merging two
 * spellings of one street (sql/009_street_merge.sql).
 *
 * Scope is decided inside every read statement, not only in C: the caller
 * passes the visitor's role and wijken ("03,04"); a makelaar gets only
 * streets that run through one of their wijken (view street_wijk), any
 * other role passed here sees every street. A street outside the scope is
 * reported exactly like one that does not exist (0 rows).
 *
 * Lief en Leedstraat status and paid counts come from the view
 * street_potje_status (derived from paid payouts, never stored). Dates are
 * dd-mm-yyyy in Europe/Amsterdam, "" when there is none. Results follow
 * db.h: a negative db_status on error, else a row count.
 */
#ifndef LIEFLEED_DB_STAFF_STREET_H
#define LIEFLEED_DB_STAFF_STREET_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

#define STREET_DATE_SIZE 11 /* "dd-mm-yyyy" */

/* One street in the list of a wijk. The figures are the street's own,
 * over all its applications (a long street counts once in every wijk it
 * runs through). */
struct street_row {
    long long id;
    char name[201];
    long applications;
    long awarded;         /* potjes awarded */
    long paid;            /* potjes paid and not reversed */
    long long paid_cents; /* euros paid, in cents */
    bool badge;           /* a Lief en Leedstraat */
    char since[STREET_DATE_SIZE];
};

/* Over the whole list (all pages), for the counts at the top. */
struct street_list_totals {
    long streets;
    long badges;
    long paid;
};

/* The streets of wijk, not merged, sorted by name: only those with an
 * application unless all. rows [offset, offset + limit) go to fn, the
 * totals over the whole list to *tot (zero when the page is empty).
 * A makelaar asking for a wijk that is not theirs gets no rows. Returns
 * the number of rows on the page. */
int db_staff_street_list(struct db_conn *c, const char *wijk, const char *role,
                         const char *wijken, bool all, long offset, long limit,
                         void (*fn)(void *cls, const struct street_row *row),
                         void *cls, struct street_list_totals *tot);

/* One street as its page shows it. */
struct street_detail {
    long long id;
    char name[201];
    long long merged_into; /* 0 when not merged */
    char merged_into_name[201];
    char merged_on[STREET_DATE_SIZE];
    char wijk_codes[40];    /* "03,04" */
    char wijk_names[600];   /* "Noordoost (03), Oost (04)" */
    char buurt_names[1200]; /* "Wittevrouwen, Votulast" */
    long applications;      /* how many the history holds */
    long paid;
    bool badge;
    char since[STREET_DATE_SIZE];
    long merged_from; /* how many other spellings were merged into it */
};

/* The street id when in scope. 1 found, 0 not (or out of scope). */
int db_staff_street_get(struct db_conn *c, long long id, const char *role,
                        const char *wijken, struct street_detail *out);

/* One application in a street's history. */
struct street_history_row {
    long long application_id;
    char reference[16];
    char status[24];
    char wijk[3];
    /* a makelaar's own wijk: the reference links to the application and
     * the gangmaker's name is shown; never for another role */
    bool own;
    char organiser[201];    /* "" when not shown */
    bool organiser_removed; /* own, but anonymised by the retention purge */
    char submitted[STREET_DATE_SIZE];
    char decided[STREET_DATE_SIZE];
    bool awarded;
    long long award_cents;
    char payout_status[16]; /* "" without an award */
    char paid_on[STREET_DATE_SIZE];
    bool settled;
    long long settlement_cents;
};

/* The applications of street id (in scope), oldest first, rows
 * [offset, offset + limit) to fn. Returns the number of rows. */
int db_staff_street_history(struct db_conn *c, long long id, const char *role,
                            const char *wijken, long offset, long limit,
                            void (*fn)(void *cls,
                                       const struct street_history_row *row),
                            void *cls);

/* The streets street id may be merged into: not itself, not merged, and
 * running through a wijk of id. By name; fn gets id, name and wijk codes.
 * Returns the count. */
int db_staff_street_merge_candidates(struct db_conn *c, long long id,
                                     void (*fn)(void *cls, long long id,
                                                const char *name,
                                                const char *wijken),
                                     void *cls);

/* Inside the merge transaction: lock street id FOR UPDATE and read
 * whether it is merged (*merged_into, 0 when not). 1, or 0 when there is
 * no such street. */
int db_staff_street_lock(struct db_conn *c, long long id,
                         long long *merged_into);

/* Whether streets a and b run through a common wijk: 1 yes, 0 no. */
int db_staff_street_share_wijk(struct db_conn *c, long long a, long long b);

/* The first budget year in which the awards of streets a and b together
 * exceed the yearly maximum per street (budget_year's own, else the
 * setting). 1 with *year, *potjes and *max filled, or 0 when none. */
int db_staff_street_over_maximum(struct db_conn *c, long long a, long long b,
                                 int *year, long *potjes, long *max);

/* Move every application of street from to street into. Returns how
 * many. The typed street_name of each stays as the resident wrote it. */
int db_staff_street_move_applications(struct db_conn *c, long long from,
                                      long long into);

/* Streets merged into from earlier now name into (no chains). Returns
 * how many. */
int db_staff_street_repoint_merged(struct db_conn *c, long long from,
                                   long long into);

/* Record that from is merged into into by staff user by. 1, or 0 when
 * from was merged meanwhile. */
int db_staff_street_mark_merged(struct db_conn *c, long long from,
                                long long into, long long by);

#endif
