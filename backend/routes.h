/* routes.h - the static routing table. */
#ifndef LIEFLEED_ROUTES_H
#define LIEFLEED_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"

enum route_match { ROUTE_EXACT, ROUTE_PREFIX };

struct route {
    const char *method; /* "GET" also answers HEAD */
    const char *path;   /* exact path, or a prefix ending in '/' */
    enum route_match match;
    handler_fn handler;
    const char *log_name; /* what the access log shows for this route */
    /* the largest request body this route takes, in bytes; 0 means the
     * configured default (LIEFLEED_MAX_BODY). Only an upload route needs
     * more than the default. */
    size_t max_body;
};

/* Most rows of a routing table leave max_body out (it is 0 then). Without
 * this, -Wextra would ask every row to spell the 0 out. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

enum route_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Find the route for method and decoded path. On ROUTE_FOUND *out is the
 * route and *param points into path after a prefix (or is NULL). On
 * ROUTE_BAD_METHOD, allow (if not NULL) receives the allowed methods as
 * "GET, HEAD" in a buffer of allow_len bytes. */
enum route_result routes_find(const struct route *table, size_t n,
                              const char *method, const char *path,
                              const struct route **out, const char **param,
                              char *allow, size_t allow_len);

/* The application's table. */
extern const struct route app_routes[];
extern const size_t app_routes_count;

#endif
