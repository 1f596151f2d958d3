/* db_spot_check.h - spot checks (steekproef) of settled potjes.
 *
 * A beheerder draws a sample of the settled potjes of a year; the
 * makelaar of each potje's wijk records the outcome. The draw is
 * reproducible from the stored seed (sql/010_retention.sql): the settled
 * awards of the year settled before the draw, ordered by
 * sha256(seed || award id, both as 8 bytes big-endian), the first
 * ceil(population * percent / 100).
 *
 * Scope is in the statements: role and wijken ("03,04") are parameters,
 * and a makelaar only ever gets items of their own wijken.
 */
#ifndef LIEFLEED_DB_SPOT_CHECK_H
#define LIEFLEED_DB_SPOT_CHECK_H

#include <stdbool.h>

#include "db.h"

struct spot_check_row {
    long long id;
    int year;
    int percent;
    char seed[24]; /* signed 64-bit, as text */
    long long population;
    long long items;   /* within the visitor's scope */
    long long checked; /* of those, with an outcome */
    char drawn_by[201];
    char drawn_at[20]; /* DD-MM-YYYY HH24:MI, Europe/Amsterdam */
};

struct spot_check_item_row {
    long long spot_check_id;
    long long award_id;
    char reference[32];
    char street[201];
    char wijk[3];
    long long awarded_cents;
    long long settled_cents;
    char outcome[16]; /* "" when not checked yet */
    bool has_lower;
    long long lower_cents;
    char checked_by[201];
    char checked_at[20];
    bool has_note;
    char note[4001];
};

typedef void (*spot_check_cb)(void *cls, const struct spot_check_row *r);
typedef void (*spot_check_item_cb)(void *cls,
                                   const struct spot_check_item_row *r);

/* Every spot check, newest first, with item counts within scope. */
int db_spot_check_list(struct db_conn *c, const char *role, const char *wijken,
                       spot_check_cb cb, void *cls);

/* One spot check (counts within scope). 1 found, 0 not, <0 error. */
int db_spot_check_get(struct db_conn *c, long long id, const char *role,
                      const char *wijken, struct spot_check_row *out);

/* The items of spot check id within scope, by wijk and reference. */
int db_spot_check_items(struct db_conn *c, long long id, const char *role,
                        const char *wijken, spot_check_item_cb cb, void *cls);

/* One item within scope. 1 found, 0 not (or not in scope), <0 error. */
int db_spot_check_item_get(struct db_conn *c, long long spot_check_id,
                           long long award_id, const char *role,
                           const char *wijken, struct spot_check_item_row *out);

/* Inside a transaction: record a draw of year at percent with seed by
 * user; the population is counted now. Its id and population in *id and
 * *population. 0 (nothing written) when the year has no settled potjes. */
int db_spot_check_insert(struct db_conn *c, int year, int percent,
                         long long seed, long long drawn_by, long long *id,
                         long long *population);

/* Inside the same transaction: write the items of spot check id, drawn
 * from its stored seed. Returns how many. */
int db_spot_check_draw_items(struct db_conn *c, long long id);

/* Record the outcome of an unchecked item within scope (lower_cents < 0:
 * none; note NULL: none). 1 done, 0 not found / already checked. */
int db_spot_check_record(struct db_conn *c, long long spot_check_id,
                         long long award_id, const char *outcome,
                         long long lower_cents, const char *note,
                         long long checked_by, const char *wijken);

#endif
