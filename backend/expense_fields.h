/* expense_fields.h - one line of a spending report (kostenoverzicht) as a
 * resident types it: a date (dd-mm-jjjj), the kind of occasion, an amount
 * and a short note.
 *
 * Pure functions: no allocation, no I/O. They mirror the CHECK constraints
 * and triggers of expense_line (sql/002_domain.sql, sql/006_expense_report
 * .sql) so that a bad value gets a clear message before it reaches the
 * database. Messages are static strings in plain Dutch (lang "nl", also
 * the default for NULL or any other value) or English (lang "en").
 */
#ifndef LIEFLEED_EXPENSE_FIELDS_H
#define LIEFLEED_EXPENSE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

/* "2027-03-14" and its NUL. */
#define EXPENSE_DATE_ISO_SIZE 11
/* The longest note, in characters. */
#define EXPENSE_NOTE_MAX_CHARS 100

/* A kind of occasion: the value stored in expense_line.occasion and its
 * labels. */
struct expense_occasion {
    const char *code; /* birth, illness, ... */
    const char *nl, *en;
};

/* Every kind, in the order the form shows them. */
extern const struct expense_occasion expense_occasions[];
extern const size_t expense_occasions_count;

/* The kind with this code, or NULL (also for NULL). */
const struct expense_occasion *expense_occasion_find(const char *code);

/* The label of code in lang; an unknown code is given back as it is. */
const char *expense_occasion_label(const char *code, const char *lang);

/* Read a date written day-month-year ("14-03-2027", "4-3-2027"; '-', '/'
 * or '.' between the parts; spaces around the whole) into ISO form
 * "2027-03-14". Returns NULL with the date in iso, or a message: empty,
 * not in the form day-month-year with a four-digit year, or a day that
 * does not exist (31-04, 29-02 outside a leap year); iso is then "". */
const char *expense_date_parse(const char *in, char iso[EXPENSE_DATE_ISO_SIZE],
                               const char *lang);

/* What a line may be, from the state of the report. */
struct expense_limits {
    const char *paid_on; /* ISO date the potje was paid */
    const char *today;   /* ISO date of today (Europe/Amsterdam) */
    long long remaining; /* cents the award leaves after the lines */
};

/* One line as typed, and what it becomes. */
struct expense_line_input {
    const char *date, *occasion, *amount, *note; /* as typed; NULL = "" */
    /* valid when the matching error is NULL */
    char iso[EXPENSE_DATE_ISO_SIZE];
    long long cents;
    /* a message per field, or NULL */
    const char *date_error, *occasion_error, *amount_error, *note_error;
};

/* Check every field of in against lim: the date (readable, not before
 * paid_on, not after today), the kind (one of expense_occasions), the
 * amount (money_check(), more than 0, at most remaining) and the note
 * (optional, one line, at most EXPENSE_NOTE_MAX_CHARS characters).
 * Returns true when all are valid. */
bool expense_line_check(struct expense_line_input *in,
                        const struct expense_limits *lim, const char *lang);

#endif
