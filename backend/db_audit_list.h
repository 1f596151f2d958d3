/* db_audit_list.h - reading the audit log (audit_event) for the
 * beheerder: newest first, filtered, a page at a time (keyset on id).
 *
 * The filter is applied inside the statements, so the database reads
 * only what is shown. Dates are calendar days in Europe/Amsterdam.
 */
#ifndef LIEFLEED_DB_AUDIT_LIST_H
#define LIEFLEED_DB_AUDIT_LIST_H

#include "db.h"

/* What to show. Empty strings and 0 mean "any". */
struct audit_filter {
    char from[11];        /* "YYYY-MM-DD": on or after this day */
    char to[11];          /* "YYYY-MM-DD": on or before this day */
    long long actor_id;   /* a staff user */
    char action[101];     /* prefix of the action: "application." */
    char object_type[51]; /* exactly */
    char object_id[101];  /* exactly */
    long long before_id;  /* keyset: only events with a smaller id */
};

/* One event. Strings are borrowed: valid only during the callback. */
struct audit_row {
    long long id;
    const char *at;         /* "DD-MM-YYYY HH:MM" Europe/Amsterdam */
    const char *actor_kind; /* staff resident system anonymous */
    long long actor_id;     /* 0 when not staff */
    const char *actor_name; /* the staff member's name, "" when none */
    const char *action;
    const char *object_type;
    const char *object_id; /* "" when none */
    const char *details;   /* the JSON object as text */
};

typedef void (*db_audit_row_cb)(void *cls, const struct audit_row *row);

/* At most limit events matching f, newest first. Returns how many. */
int db_audit_list(struct db_conn *c, const struct audit_filter *f, int limit,
                  db_audit_row_cb cb, void *cls);

/* How many events match f (before_id is ignored). Returns 1 with *n. */
int db_audit_count(struct db_conn *c, const struct audit_filter *f,
                   long long *n);

/* The audit event audit.export of a CSV download of the log by staff
 * user actor_id, in the caller's transaction: the number of rows and the
 * filter (details, a JSON object). Its own statement because the export
 * has no single object. Returns 1. */
int db_audit_export_insert(struct db_conn *c, long long actor_id,
                           const char *details);

#endif
