/* staff_admin_budget.h - the budget page of a year (/beheer/begroting),
 * shared by the GET handler and the POST handler that shows the form
 * again with its errors.
 */
#ifndef LIEFLEED_STAFF_ADMIN_BUDGET_H
#define LIEFLEED_STAFF_ADMIN_BUDGET_H

#include <stdbool.h>

#include "db_staff_session.h"
#include "db_budget.h"
#include "http.h"

#define BUDGET_YEAR_MIN 2000
#define BUDGET_YEAR_MAX 2100
/* The range of a year's own default potje, as the setting's. */
#define BUDGET_POTJE_MIN_CENTS 100
#define BUDGET_POTJE_MAX_CENTS 100000
#define BUDGET_MAX_POTJES_MAX 52
/* No city or wijk budget above 100 million euros: a typo, not a budget. */
#define BUDGET_MAX_CENTS 10000000000LL

/* What was typed (borrowed); wijk[1..10] by wijk number. */
struct budget_form {
    const char *city, *potje, *max;
    const char *wijk[11];
};

/* One message per field, NULL when fine; banner above the form. */
struct budget_errors {
    const char *city, *potje, *max;
    const char *wijk[11];
    const char *banner;
};

/* This calendar year in Utrecht. */
int staff_admin_this_year(void);

/* Read "2026" into *year (BUDGET_YEAR_MIN..MAX). */
bool staff_admin_parse_year(const char *s, int *year);

/* A short text naming the budget figures of a year as they are: the
 * form carries it, and a save whose figures changed meanwhile (another
 * beheerder) is refused instead of silently undoing that change.
 * wijk_cents[1..10]: a wijk's budget, -1 when it has none. */
#define BUDGET_VERSION_SIZE 33
void staff_admin_budget_version(const struct budget_year_row *y,
                                const long long wijk_cents[11],
                                char out[BUDGET_VERSION_SIZE]);

/* The page of year: stored values, or typed ones with errors. */
enum MHD_Result staff_admin_budget_page(struct request *rq,
                                        const struct staff *me, unsigned status,
                                        int year,
                                        const struct budget_form *typed,
                                        const struct budget_errors *err,
                                        const char *notice);

#endif
