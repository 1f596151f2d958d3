/* staff_admin_common.h - small pieces shared by the beheerder's pages
 * (users, budgets, settings, audit log): reading a POSTed form, the
 * answer to a bad CSRF token, ids in paths, and JSON for audit details.
 */
#ifndef LIEFLEED_STAFF_ADMIN_COMMON_H
#define LIEFLEED_STAFF_ADMIN_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "db.h"
#include "http.h"

/* Parse the url-encoded body of a POST into *form (at most max_pairs
 * fields). Returns true, or false with the answer queued in *ret: 415
 * for another content type, 400 for a malformed body. */
bool staff_admin_form(struct request *rq, size_t max_pairs,
                      struct urlenc_pairs *form, enum MHD_Result *ret);

/* The 400 for a missing or wrong CSRF token: nothing was changed. */
enum MHD_Result staff_admin_csrf_refused(struct request *rq);

/* The 503 after a database failure; logs what (never parameters). */
enum MHD_Result staff_admin_db_failed(struct request *rq, struct db_conn *db,
                                      const char *what);

/* A positive decimal id of at most 18 digits, nothing else. */
bool staff_admin_parse_id(const char *s, long long *out);

/* Copy the form field name into out[0..size) with the white space around
 * it removed; "" when absent or too long (then *too_long is set when
 * too_long is not NULL). */
void staff_admin_field(const struct urlenc_pairs *form, const char *name,
                       char *out, size_t size, bool *too_long);

/* Append s as a JSON string literal, quoted and escaped. */
void staff_admin_json_str(struct buf *b, const char *s);

/* Append a wijk list "03,04" as a JSON array ["03","04"]. */
void staff_admin_json_wijken(struct buf *b, const char *canon);

/* Wipe the value of every field called name (a password) in place. */
void staff_admin_form_wipe(struct urlenc_pairs *form, const char *name);

#endif
