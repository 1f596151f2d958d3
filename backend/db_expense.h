/* db_expense.h - the spending report (kostenoverzicht) of a paid potje and
 * its lines. One function per statement; the writing ones run in the
 * caller's transaction and give 0 rows, never a silent change, when the
 * state no longer allows them (report submitted, over the award). The
 * database checks the same rules again (sql/006_expense_report.sql). */
#ifndef LIEFLEED_DB_EXPENSE_H
#define LIEFLEED_DB_EXPENSE_H

#include <stdbool.h>

#include "db.h"

/* The report of an application whose payout is paid, as the status page
 * shows it. Dates are "2026-10-01" (iso) or "01-10-2026" (text), in
 * Europe/Amsterdam. */
struct expense_report_view {
    long long id;
    long long awarded_cents; /* the award */
    long long spent_cents;   /* the sum of the lines */
    long long lines;
    char paid_on[11], paid_on_text[11]; /* when the money was paid */
    char today[11];                     /* today (iso), for the date check */
    char due_on_text[11];               /* when the report is due */
    bool submitted;
    char submitted_text[11]; /* "" while not submitted */
    /* the reference of a follow-up filed after this potje that is not
     * rejected or withdrawn, or "" */
    char follow_up_reference[24];
};

/* The report of application_id when its payout is betaald: 1 found, 0
 * not (not paid, or no report). */
int db_expense_report_of(struct db_conn *c, long long application_id,
                         struct expense_report_view *out);

/* One line, borrowed for the duration of the callback. */
struct expense_line_row {
    long long line_no;
    const char *spent_on; /* "14-03-2027" */
    const char *occasion; /* the code, e.g. "birth" */
    long long amount_cents;
    const char *note; /* "" when none */
};

typedef void (*expense_line_fn)(void *cls, const struct expense_line_row *l);

/* The lines of report_id by date, each passed to fn. Returns how many. */
int db_expense_lines(struct db_conn *c, long long report_id, expense_line_fn fn,
                     void *cls);

/* Add a line (spent_on ISO, note NULL for none) with the next line
 * number, only while the report is not submitted and the lines with this
 * one stay within the award. 1 added (its number in *line_no), 0 not
 * allowed now. */
int db_expense_line_add(struct db_conn *c, long long report_id,
                        const char *spent_on, const char *occasion,
                        long long amount_cents, const char *note,
                        long long *line_no);

/* Remove line line_no while the report is not submitted. 1 removed, 0 not
 * (no such line, or submitted). */
int db_expense_line_remove(struct db_conn *c, long long report_id,
                           long long line_no);

/* Hand the report in: only once, with at least one line, within the
 * award. 1 done with its line count and total in *lines and *total; 0 not
 * allowed now. */
int db_expense_report_submit(struct db_conn *c, long long report_id,
                             long long *lines, long long *total);

#endif
