/* db_setting.h - reading settings (table setting), and the beheerder's
 * list and update of them (/beheer/instellingen).
 *
 * The set of keys, their kind and range belong to the migrations; only
 * value changes at run time (trigger setting_shape_frozen), and the
 * CHECK setting_value_typed refuses a value of the wrong kind or out of
 * range (DB_REFUSED).
 */
#ifndef LIEFLEED_DB_SETTING_H
#define LIEFLEED_DB_SETTING_H

#include <stdbool.h>

#include "db.h"

/* The integer setting key in *out. 1 found, 0 missing, <0 error. */
int db_setting_int(struct db_conn *c, const char *key, long long *out);

/* One row of table setting. */
struct setting_row {
    char key[64];
    char kind[16]; /* text integer cents boolean char iban */
    char value[4004 * 4];
    bool has_min, has_max;
    long long min_value, max_value;
    char description[1024];
    char updated_at[24]; /* "DD-MM-YYYY HH:MM", Europe/Amsterdam */
};

/* Called per setting in key order; row is valid only during the call. */
typedef void (*db_setting_cb)(void *cls, const struct setting_row *row);

/* Every setting. Returns how many. */
int db_setting_list(struct db_conn *c, db_setting_cb cb, void *cls);

/* Set the value of key by staff user updated_by. Returns 1, 0 when there
 * is no such key, or DB_REFUSED (setting_value_typed) for a value the
 * schema does not accept. */
int db_setting_update(struct db_conn *c, const char *key, const char *value,
                      long long updated_by);

/* The latest updated_at of all settings to the microsecond, as text: the
 * settings form sends it back so a change made meanwhile is noticed.
 * Returns 1. */
int db_setting_version(struct db_conn *c, char out[32]);

/* The audit event setting.update of key by staff user actor_id, in the
 * caller's transaction; details is a JSON object of non-personal values.
 * (Its own statement: audit_event.object_id is the key here, not an id.) */
int db_setting_audit(struct db_conn *c, long long actor_id, const char *key,
                     const char *details);

#endif
