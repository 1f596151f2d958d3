/* staff_admin_settings.h - the settings page (/beheer/instellingen):
 * the rows of table setting with a Dutch label per known key, a field
 * per kind, and the check of a typed value against kind and range.
 * Shared by the GET handler and the POST handler.
 */
#ifndef LIEFLEED_STAFF_ADMIN_SETTINGS_H
#define LIEFLEED_STAFF_ADMIN_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "db_setting.h"
#include "db_staff_session.h"
#include "http.h"

/* Every setting, read once (rows malloc()ed). */
struct settings_list {
    struct setting_row *rows;
    size_t n;
};

/* Read all settings. Returns the count or a negative db_status. */
int staff_admin_settings_load(struct db_conn *c, struct settings_list *out);
void staff_admin_settings_free(struct settings_list *l);

/* Check typed (as sent by the form) against s's kind and range. Returns
 * true with the value to store in out (cents as digits, an IBAN
 * normalised, CR LF as LF), or false with a Dutch message in err. */
bool staff_admin_setting_parse(const struct setting_row *s, const char *typed,
                               char *out, size_t outlen, char *err,
                               size_t errlen);

/* Whether before and after of this kind may go into the audit details
 * (numbers, yes/no, one character: never free text or an account). */
bool staff_admin_setting_auditable(const struct setting_row *s);

/* An error of one field of the settings form. */
struct setting_error {
    const char *key;
    char message[200];
};

/* The page: stored values, or what was typed (form) with errors. */
enum MHD_Result
staff_admin_settings_page(struct request *rq, const struct staff *me,
                          unsigned status, const struct urlenc_pairs *form,
                          const struct setting_error *errs, size_t nerrs,
                          const char *banner, const char *notice);

#endif
