/* db_health.h - is the database there? */
#ifndef LIEFLEED_DB_HEALTH_H
#define LIEFLEED_DB_HEALTH_H

#include "db.h"

/* One round trip (SELECT 1). Returns 1, or a negative db_status. */
int db_ping(struct db_conn *c);

#endif
