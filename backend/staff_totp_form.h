/* staff_totp_form.h - the page on which a staff member links an
 * authenticator app to their account (GET and POST /beheer/tweestaps).
 *
 * The new secret travels in the form, sealed (seal.h) to this account for
 * 15 minutes, and is stored only once a code made from it is typed back:
 * an app that was set up wrong never locks anyone out. */
#ifndef LIEFLEED_STAFF_TOTP_FORM_H
#define LIEFLEED_STAFF_TOTP_FORM_H

#include <stddef.h>

#include "db_staff_session.h"
#include "http.h"
#include "totp.h"

#define STAFF_TOTP_SEAL_TTL_S (15 * 60)

/* The seal purpose for me's enrolment ("totp-enrol:<id>") into out. */
void staff_totp_purpose(const struct staff *me, char *out, size_t outlen);

/* Render the page for secret (TOTP_SECRET_BYTES) sealed as sealed; error
 * is the new code's message, current_error that of the code of the app
 * already linked (asked when replacing it), each NULL when fine. */
enum MHD_Result staff_totp_render(struct request *rq, const struct staff *me,
                                  unsigned status, const unsigned char *secret,
                                  const char *sealed, const char *error,
                                  const char *current_error);

#endif
