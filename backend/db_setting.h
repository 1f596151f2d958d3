/* db_setting.h - reading settings (table setting). */
#ifndef LIEFLEED_DB_SETTING_H
#define LIEFLEED_DB_SETTING_H

#include "db.h"

/* The integer setting key in *out. 1 found, 0 missing, <0 error. */
int db_setting_int(struct db_conn *c, const char *key, long long *out);

#endif
