/* db_decision.h - the statements behind the makelaar's decisions
 * (staff_decision.h): award, reject, confirm a changed IBAN, settle.
 *
 * One function per statement; the writing ones run in the caller's
 * transaction. Every statement is scoped to the visitor's wijken
 * (wijken: "03,04", as in struct staff): an application of another wijk
 * is not found, exactly like one that does not exist. The schema's
 * triggers (sql/002, sql/003) hold the money rules; a refusal comes back
 * as DB_REFUSED with db_last_constraint() naming the rule.
 */
#ifndef LIEFLEED_DB_DECISION_H
#define LIEFLEED_DB_DECISION_H

#include <stdbool.h>

#include "db.h"

/* Everything a decision page shows or a letter says about one
 * application, with the budget figures of the current year (Europe/
 * Amsterdam). Strings are "" when absent. Large: allocate it. */
struct decision_app {
    long long id;
    char reference[24];
    char status[24];
    long long version;
    char wijk_code[3];
    char wijk_name[404];
    long long street_id; /* 0: the typed street is not in the list */
    char street_name[804];
    char language[3];
    char payout_method[16]; /* bank | prepaid_card */
    long long entered_by;   /* 0: filed by the resident */
    /* the gangmaker (personal data: pages and letters only, never logs) */
    char name[804];
    char address[804];
    char postcode[8];
    char iban[35];
    /* today and the budget year */
    char today[11]; /* "27-11-2026" */
    int year;
    long long default_cents; /* the default potje of the year */
    bool has_wijk_budget;
    long long wijk_budget_cents, wijk_remaining_cents;
    bool has_city_budget;
    long long city_budget_cents, city_remaining_cents;
    long long street_potjes; /* awards for the street this year */
    long long street_max;    /* the most per street per year */
    char organisation[1024]; /* setting organisation_name */
    char letterhead[1024];   /* setting letterhead_text */
    /* the award, when there is one (award_id 0 otherwise) */
    long long award_id, award_cents, award_default_cents;
    char awarded_on[11];
    /* its payout */
    long long payout_id;
    char payout_status[16];
    char payout_channel[16];
    char payout_iban[35];
    char payout_holder[284];
    bool iban_confirmed;
    char iban_changed_at[20]; /* "27-11-2026 14:05" */
    long long iban_version;   /* iban_changed_at in microseconds */
    /* its settlement */
    bool settled;
    long long settled_cents;
    /* stored letters */
    bool has_award_letter, has_rejection_letter;
    /* the gangmaker has an e-mail address; without one (assisted intake)
     * the news goes by letter */
    bool has_email;
};

/* The application app_id when it lies in one of wijken. 1 found (out
 * filled), 0 not found or out of scope. */
int db_decision_app(struct db_conn *c, long long app_id, const char *wijken,
                    struct decision_app *out);

/* in_behandeling -> toegekend by user_id, only while the application still
 * has version and lies in wijken. 1 done, 0 changed meanwhile. */
int db_decision_mark_awarded(struct db_conn *c, long long app_id,
                             long long version, long long user_id,
                             const char *wijken);

/* The award of app_id charged to the budget of year and the application's
 * wijk. reason NULL when amount equals the default. 1 with *award_id. */
int db_decision_award_insert(struct db_conn *c, long long app_id, int year,
                             long long amount_cents, long long default_cents,
                             const char *reason, long long user_id,
                             long long *award_id);

/* The one payout of award_id: reference "<application reference>-U1",
 * the award's amount, the application's payout method, and for a bank
 * payout the gangmaker's IBAN and account holder. 1 with *payout_id. */
int db_decision_payout_insert(struct db_conn *c, long long award_id,
                              long long *payout_id);

/* in_behandeling | aanvulling_gevraagd -> afgewezen with reason, only
 * while the application still has version and lies in wijken. 1 done, 0
 * changed meanwhile; *from receives the status before (24 bytes). */
int db_decision_mark_rejected(struct db_conn *c, long long app_id,
                              long long version, long long user_id,
                              const char *wijken, const char *reason,
                              char from[24]);

/* Confirm the changed payee of payout_id (iban_confirmed, by whom, when),
 * only while it is unconfirmed, was changed at iban_version (so a second
 * change since the page was shown is not confirmed unseen) and its
 * application lies in wijken. 1 done, 0 not (changed meanwhile). */
int db_decision_iban_confirm(struct db_conn *c, long long payout_id,
                             long long iban_version, long long user_id,
                             const char *wijken);

/* The settlement of award_id: amount (<= awarded; reason required when
 * lower, NULL otherwise), only when its payout is betaald, it has no
 * settlement yet and its application lies in wijken. 1 done, 0 not. */
int db_decision_settlement_insert(struct db_conn *c, long long award_id,
                                  long long amount_cents, const char *reason,
                                  long long user_id, const char *wijken);

#endif
