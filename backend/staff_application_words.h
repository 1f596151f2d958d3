/* staff_application_words.h - the Dutch words the makelaar's pages use
 * for the codes of the database: application and payout statuses, audit
 * actions, payout channels. Pure functions returning static strings; an
 * unknown code comes back as itself, so a new status is never hidden. */
#ifndef LIEFLEED_STAFF_APPLICATION_WORDS_H
#define LIEFLEED_STAFF_APPLICATION_WORDS_H

#include <stdbool.h>

/* "in_behandeling" -> "In behandeling". */
const char *staff_status_label(const char *status);

/* Whether status is one of the six of an application. */
bool staff_status_valid(const char *status);

/* "te_betalen" -> "Te betalen". */
const char *staff_payout_status_label(const char *status);

/* "bank" -> "Overboeking", "prepaid_card" -> "Prepaidkaart". */
const char *staff_channel_label(const char *channel);

/* "application.review" -> "In behandeling genomen". */
const char *staff_audit_label(const char *action);

#endif
