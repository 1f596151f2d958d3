/* app.h - what every request may reach: settings, the database pool, and
 * the server's own counters. One per process; read-only after start except
 * for the atomics. */
#ifndef LIEFLEED_APP_H
#define LIEFLEED_APP_H

#include <stdatomic.h>

#include "config.h"

struct db_pool;

struct app {
    struct config cfg;
    struct db_pool *pool;
    char server_id[64];    /* host:pid, recorded with scheduled job runs */
    atomic_long in_flight; /* requests between start and completion */
    /* /healthz answers from a result at most health_cache_ms old, so a
     * load balancer (or anyone) probing fast costs the database nothing. */
    atomic_ullong health_checked_us;
    atomic_int health_ok;
    atomic_flag health_checking;
    /* shared by all servers (table app_secret); keys derived per use */
    unsigned char csrf_key[32];
    unsigned char box_key[32];    /* encrypts one-time answers */
    unsigned char client_key[32]; /* hashes client addresses */
};

#endif
