/* staff_intake.h - assisted intake: a makelaar enters an application for a
 * resident without a computer, with the resident's form rules
 * (application_input.h) and filing (application_submit.h).
 *
 * Shared by GET and POST /beheer/aanvragen/nieuw: the form (staff layout
 * and staff CSRF; the e-mail may stay empty, letters then go by post; the
 * wijk list holds only the makelaar's own wijken). */
#ifndef LIEFLEED_STAFF_INTAKE_H
#define LIEFLEED_STAFF_INTAKE_H

#include <stdbool.h>

#include "application_input.h"
#include "db_staff_session.h"
#include "http.h"

#define STAFF_INTAKE_PATH "/beheer/aanvragen/nieuw"
/* the CSRF purpose: there is no object id yet; the token is bound to the
 * makelaar's session */
#define STAFF_INTAKE_CSRF "staff_intake"
/* ?klaar=<one-time key>: the page after filing */
#define STAFF_INTAKE_DONE "klaar"

/* Answer with the form: empty when in is NULL, else with what was typed
 * and its errors. resident_lang ("nl"/"en") is the language the resident
 * gets letters in; banner an optional sentence at the top. The one-time
 * key of in is kept when it is well formed, so that sending the same form
 * twice files one application. */
enum MHD_Result staff_intake_form(struct request *rq, const struct staff *me,
                                  unsigned status,
                                  const struct application_input *in,
                                  const char *resident_lang,
                                  const char *banner);

/* Whether k is a one-time key as the form makes it (64 hex digits). */
bool staff_intake_key_valid(const char *k);

#endif
