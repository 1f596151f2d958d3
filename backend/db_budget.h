/* db_budget.h - the budgets of a year (budget_year, wijk_budget) as the
 * beheerder reads and sets them (/beheer/begroting).
 *
 * Lowering a budget below what is already awarded from it is refused by
 * the schema (triggers wijk_budget_covers_awards and
 * budget_year_covers_awards): the upserts return DB_REFUSED and
 * db_last_constraint() names the rule. One function per statement.
 */
#ifndef LIEFLEED_DB_BUDGET_H
#define LIEFLEED_DB_BUDGET_H

#include <stdbool.h>

#include "db.h"

/* The year's own row. The two overrides are -1 when NULL (the setting of
 * the same meaning applies). */
struct budget_year_row {
    bool exists;
    long long city_cents;
    long long potje_default_cents; /* -1: the setting */
    long long max_potjes;          /* -1: the setting */
    long long awarded_cents;       /* sum of the year's awards */
};

/* The year's row and what is awarded in it. Returns 1 (exists may be
 * false: no budget set yet) or a negative db_status. */
int db_budget_year_get(struct db_conn *c, int year,
                       struct budget_year_row *out);

/* One wijk in a year; has_budget false when it has no wijk_budget row. */
struct budget_wijk_row {
    char code[3];
    char name[404];
    bool has_budget;
    long long budget_cents;
    long long awarded_cents;
    long long remaining_cents;
};

/* Called per wijk in code order; row is valid only during the call. */
typedef void (*db_budget_wijk_cb)(void *cls, const struct budget_wijk_row *r);

/* Every wijk with its budget in year (from view wijk_budget_usage).
 * Returns the number of wijken. */
int db_budget_wijk_list(struct db_conn *c, int year, db_budget_wijk_cb cb,
                        void *cls);

/* Insert or update the year's row; potje_default_cents and max_potjes
 * are -1 for NULL (use the setting). updated_by is the beheerder.
 * Returns 1, or DB_REFUSED (budget_year_covers_awards). */
int db_budget_year_save(struct db_conn *c, int year, long long city_cents,
                        long long potje_default_cents, long long max_potjes,
                        long long updated_by);

/* Insert or update a wijk's budget in year (the year's row must exist).
 * Returns 1, or DB_REFUSED (wijk_budget_covers_awards). */
int db_budget_wijk_save(struct db_conn *c, int year, const char *wijk_code,
                        long long cents, long long updated_by);

#endif
