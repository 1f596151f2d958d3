/* staff_decision.h - the makelaar's decisions on one application, each a
 * page of its own under /beheer/aanvragen/<id>/<action>: a form with what
 * the decision needs (GET) and its processing (POST).
 *
 *   toekennen     award the default potje or a lower amount (with reason):
 *                 award + payout te_betalen + award letter PDF, one
 *                 transaction; refused with the figures when the wijk's or
 *                 the city's budget or the street's yearly maximum is hit
 *   afwijzen      reject with a reason shown to the resident + rejection
 *                 letter PDF
 *   iban          confirm an IBAN the resident changed after the award
 *   vaststellen   set the final amount after the spending report
 *   toekenningsbrief.pdf, afwijzingsbrief.pdf   the stored letters
 *
 * page_staff_application.c / page_staff_application_action.c dispatch
 * here after checking the role (makelaar); these functions check the wijk
 * (inside their queries: another wijk's id answers 404), the CSRF token
 * and the application's version.
 */
#ifndef LIEFLEED_STAFF_DECISION_H
#define LIEFLEED_STAFF_DECISION_H

#include <stdbool.h>

#include "db_staff_session.h"
#include "http.h"

/* Whether action is one of the above (the dispatchers ask first). */
bool staff_decision_known(const char *action);

/* GET /beheer/aanvragen/<app_id>/<action>. */
enum MHD_Result staff_decision_page(struct request *rq, const struct staff *me,
                                    long long app_id, const char *action);

/* POST /beheer/aanvragen/<app_id>/<action>. */
enum MHD_Result staff_decision_post(struct request *rq, const struct staff *me,
                                    long long app_id, const char *action);

#endif
