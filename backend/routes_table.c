/* routes_table.c - every endpoint of the application, in one place. */
#include "pages.h"
#include "routes.h"

const struct route app_routes[] = {
    {"GET", "/", ROUTE_EXACT, page_home, NULL},
    {"GET", "/healthz", ROUTE_EXACT, page_healthz, NULL},
    {"GET", "/static/", ROUTE_PREFIX, page_static, NULL},
};

const size_t app_routes_count = sizeof(app_routes) / sizeof(app_routes[0]);
