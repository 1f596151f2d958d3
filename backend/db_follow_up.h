/* db_follow_up.h - a follow-up potje (vervolgaanvraag): what the previous
 * application knows about the gangmaker, to fill in the new form, and
 * whether a follow-up may be filed. One function per statement. */
#ifndef LIEFLEED_DB_FOLLOW_UP_H
#define LIEFLEED_DB_FOLLOW_UP_H

#include <stdbool.h>

#include "db.h"

/* The previous application and its gangmaker(s). Strings are copies, ""
 * when not stored (or anonymised). iban is the full number: it never goes
 * to a browser (show it with iban_mask()). */
struct follow_up_source {
    long long application_id;
    char reference[24];
    char name[201], email[255], phone[21], address[201], postcode[8];
    char iban[35], account_holder[71];
    char street_name[201], wijk_code[3], households[8], payout_method[16];
    char name2[201], email2[255];
    bool report_submitted; /* the spending report of its potje is in */
    /* a follow-up already filed after it, not rejected or withdrawn */
    char follow_up_reference[24];
};

/* The source for a follow-up of application_id. 1 found, 0 not. */
int db_follow_up_source(struct db_conn *c, long long application_id,
                        struct follow_up_source *out);

/* Whether a follow-up of previous_id may be filed now: its spending
 * report is submitted and no other live follow-up of it exists. Run it in
 * the transaction that files the follow-up. 1 allowed, 0 not. */
int db_follow_up_allowed(struct db_conn *c, long long previous_id);

#endif
