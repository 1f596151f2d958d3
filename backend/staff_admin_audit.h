/* staff_admin_audit.h - the filter of the audit log pages, read from the
 * query string and written back into links, shared by the HTML page
 * (/beheer/audit) and the CSV download (/beheer/audit.csv).
 *
 * Query parameters: van, tot (a day: 2026-03-01 or 01-03-2026), wie (a
 * staff user id), actie (prefix, e.g. "application."), type (object
 * type), object (object id), voor (keyset: events older than this id).
 */
#ifndef LIEFLEED_STAFF_ADMIN_AUDIT_H
#define LIEFLEED_STAFF_ADMIN_AUDIT_H

#include <stdbool.h>

#include "buf.h"
#include "db_audit_list.h"
#include "http.h"

/* Messages per field, NULL when fine. */
struct audit_filter_errors {
    const char *from, *to, *actor, *action, *object_type, *object_id;
};

/* Read the filter from rq's query. Returns true when every given value
 * is valid; otherwise false with the messages in err (and *f holds the
 * valid parts). */
bool staff_admin_audit_filter(struct request *rq, struct audit_filter *f,
                              struct audit_filter_errors *err);

/* Append the filter as a query string ("van=...&actie=..."), percent-
 * encoded, without the keyset; "" when no filter is set. */
void staff_admin_audit_query(struct buf *b, const struct audit_filter *f);

/* Append the filter as a JSON object (for the audit.export details). */
void staff_admin_audit_filter_json(struct buf *b, const struct audit_filter *f);

/* What the log calls an actor who is not a staff member. */
const char *staff_admin_audit_actor(const char *actor_kind,
                                    const char *staff_name);

#endif
