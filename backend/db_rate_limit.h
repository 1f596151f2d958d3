/* db_rate_limit.h - fixed-window counters shared by all servers. */
#ifndef LIEFLEED_DB_RATE_LIMIT_H
#define LIEFLEED_DB_RATE_LIMIT_H

#include "db.h"

/* Count one hit of client (a 32-byte HMAC of its address) for purpose in
 * the current window of window_s seconds. Returns the hits in this window
 * including this one (>= 1), or a negative db_status. *retry_after_s gets
 * the seconds until the window ends. */
int db_rate_limit_hit(struct db_conn *c, const char *purpose,
                      const unsigned char client[32], unsigned window_s,
                      unsigned *retry_after_s);

#endif
