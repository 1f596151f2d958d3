/* db_status_actions.h - what a resident can change from the status page.
 * Each runs in the caller's transaction; a state that no longer allows
 * the change gives 0 rows, never a silent change. */
#ifndef LIEFLEED_DB_STATUS_ACTIONS_H
#define LIEFLEED_DB_STATUS_ACTIONS_H

#include <stddef.h>

#include "db.h"

/* Withdraw while not decided. 1 done, 0 not allowed now. */
int db_application_withdraw(struct db_conn *c, long long id);

/* The resident's answer to a question: stored, and the application goes
 * back to review. 1 done, 0 when no question is open. */
int db_application_answer(struct db_conn *c, long long id, const char *body);

/* The open question of the makelaar (latest staff message while
 * aanvulling_gevraagd) into out. 1 found, 0 none. */
int db_application_question(struct db_conn *c, long long id, char *out,
                            size_t outlen);

/* A new IBAN and account holder for the applicant; a payout not yet paid
 * takes it too and is blocked until a makelaar confirms it (trigger).
 * 1 done; 0 when the money was already paid; also 0 while the payout
 * sits in a batch (constraint payout_payee_frozen; the transaction is
 * then aborted and must be rolled back). */
int db_organiser_change_iban(struct db_conn *c, long long application_id,
                             const char *iban, const char *holder);

/* Whether the application's payout is waiting for a confirmed IBAN:
 * 1 yes, 0 no. */
int db_payout_iban_blocked(struct db_conn *c, long long application_id);

/* Everything stored about the applicant of this application, as readable
 * lines "label: value" in *out (malloc()ed, caller frees). */
int db_personal_data(struct db_conn *c, long long application_id, char **out);

#endif
