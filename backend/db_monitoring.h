/* db_monitoring.h - the figures the city reports (SPEC section 7), per
 * wijk and for the whole city, for a period of dates [from, to] in
 * Europe/Amsterdam.
 *
 * Aggregates only: no name, e-mail, address, IBAN, street name or
 * reference ever leaves these queries. One function per statement.
 */
#ifndef LIEFLEED_DB_MONITORING_H
#define LIEFLEED_DB_MONITORING_H

#include "db.h"

/* One wijk, or the city (code "00", name "Utrecht"). A figure that has
 * nothing to measure (no awards, no decisions) is -1. */
struct monitoring_row {
    char code[3];
    char name[404];
    long long applications; /* submitted in the period */
    long long awards;       /* decided toegekend in the period */
    long long rejections;   /* decided afgewezen in the period */
    long long potjes_paid;  /* payouts betaald with paid_at in period */
    long long cents_paid;   /* their amounts */
    long long streets;      /* Lief en Leedstraten at the end (to) */
    long long streets_new;  /* of which reached the threshold in period */
    long long gangmakers;   /* distinct organisers of the period's awards */
    long long follow_up_pm; /* follow-up share of awards, per mille; -1 */
    long long days_decision_x10; /* median days submitted->decided x10; -1 */
    long long days_payment_x10;  /* median days decided->paid x10; -1 */
};

/* Called per row: the city row first, then the ten wijken in code order;
 * r is valid only during the call. */
typedef void (*db_monitoring_cb)(void *cls, const struct monitoring_row *r);

/* The figures for [from, to] (ISO dates "2024-01-01"). Every wijk has a
 * row, also without activity. Returns the number of rows or a negative
 * db_status. */
int db_monitoring_figures(struct db_conn *c, const char *from, const char *to,
                          db_monitoring_cb cb, void *cls);

/* The years with data (an application submitted or a payout paid in it)
 * and this year, newest first, into years[0..max). Returns how many or a
 * negative db_status. */
int db_monitoring_years(struct db_conn *c, int *years, int max);

#endif
