/* db_app_secret.h - the secret keys all servers share. */
#ifndef LIEFLEED_DB_APP_SECRET_H
#define LIEFLEED_DB_APP_SECRET_H

#include "db.h"

#define APP_SECRET_BYTES 32

/* Load the secret called name into out, creating it with fresh random
 * bytes when no server has yet. Returns 1, or a negative db_status. */
int db_app_secret_get(struct db_conn *c, const char *name,
                      unsigned char out[APP_SECRET_BYTES]);

#endif
