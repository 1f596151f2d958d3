/* staff_admin_users.h - the beheerder's user pages, shared by the GET
 * handlers and the POST handlers that show a form again with its errors:
 * the list with the "new account" form (/beheer/gebruikers) and the edit
 * form of one account (/beheer/gebruikers/<id>).
 */
#ifndef LIEFLEED_STAFF_ADMIN_USERS_H
#define LIEFLEED_STAFF_ADMIN_USERS_H

#include <stdbool.h>

#include "db_staff_admin.h"
#include "db_staff_session.h"
#include "http.h"

/* What was typed into a user form (all borrowed). */
struct user_form {
    const char *email; /* create only */
    const char *name;
    const char *role;
    const char *wijken;  /* "01,03": the checked boxes */
    bool disabled;       /* edit only */
    const char *version; /* edit only */
    bool totp_reset;     /* edit only: unlink the authenticator app */
};

/* One message per field, NULL when the field is fine; banner goes above
 * the form (a conflict, a refusal of the database). */
struct user_form_errors {
    const char *email, *name, *role, *wijken, *password, *disabled;
    const char *banner;
};

/* Read the checkboxes wijk_01 .. wijk_10 into "01,03" (out: 32 bytes). */
void staff_admin_wijken_from_form(const struct urlenc_pairs *form,
                                  char out[32]);

/* Check the fields common to create and edit; fills err and returns
 * whether all are fine. wijken_canon receives the parsed list. */
bool staff_admin_user_check(const struct user_form *f,
                            struct user_form_errors *err,
                            char wijken_canon[32]);

/* The list of accounts and the "new account" form, with typed values and
 * errors (NULL, NULL for a fresh form). */
enum MHD_Result staff_admin_users_page(struct request *rq,
                                       const struct staff *me, unsigned status,
                                       const struct user_form *typed,
                                       const struct user_form_errors *err);

/* The edit form of account id: its stored values, or typed ones with
 * errors; notice is a line shown on success. 404 for an unknown id. */
enum MHD_Result staff_admin_user_page(struct request *rq,
                                      const struct staff *me, unsigned status,
                                      long long id,
                                      const struct user_form *typed,
                                      const struct user_form_errors *err,
                                      const char *notice);

#endif
