/* application_submit.h - filing a validated application: organiser(s),
 * application with its flags, receipt, audit event and the resident's
 * message, all in one transaction; a repeated submission of the same form
 * (same one-time key) gets the first one's result. */
#ifndef LIEFLEED_APPLICATION_SUBMIT_H
#define LIEFLEED_APPLICATION_SUBMIT_H

#include <stdbool.h>

#include "application_input.h"
#include "db.h"
#include "status_token.h"

struct submit_result {
    char reference[24];
    char token[STATUS_TOKEN_CHARS + 1]; /* for the private status link */
    bool replay;                        /* this form was submitted before */
    bool flag_second_open; /* another open application for the street */
    bool flag_over_max;    /* more potjes this year than allowed */
    bool flag_unknown_street;
    bool follow_up_refused; /* previous_id may not be followed up (now) */
};

struct submit_context {
    const unsigned char *box_key; /* seals the token for replays */
    const char *font_dir;         /* for the receipt PDF */
    long long entered_by;         /* staff id for assisted intake, or 0:
                                     audited as application.intake */
    long long previous_id;        /* a follow-up of this application, or 0 */
};

/* in must be validated without errors. street is what the list said
 * (street->id 0 when unknown). With ctx->previous_id the application is a
 * follow-up of that one, filed only while db_follow_up_allowed() says so
 * (else out->follow_up_refused and nothing is stored). */
enum db_status application_submit(struct db_conn *c,
                                  const struct submit_context *ctx,
                                  const struct application_input *in,
                                  long long street_id, const char *street_name,
                                  const char *wijk_code, const char *buurt_code,
                                  struct submit_result *out);

/* The result of the form with one-time key (reference and status token),
 * for the page after a staff intake's redirect. 1 found, 0 not (never
 * filed, or the key has been forgotten), <0 error. */
int application_submit_lookup(struct db_conn *c, const unsigned char *box_key,
                              const char *key, struct submit_result *out);

#endif
