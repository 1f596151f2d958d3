/* routes_table.c - every endpoint of the application, in one place. */
#include "pages.h"
#include "routes.h"

const struct route app_routes[] = {
    {"GET", "/", ROUTE_EXACT, page_home, NULL},
    {"GET", "/healthz", ROUTE_EXACT, page_healthz, NULL},
    {"GET", "/static/", ROUTE_PREFIX, page_static, NULL},
    {"GET", "/privacy", ROUTE_EXACT, page_privacy, NULL},
    {"GET", "/aanvragen", ROUTE_EXACT, page_application_form, NULL},
    {"POST", "/aanvragen", ROUTE_EXACT, page_application_submit, NULL},
    /* the token in the path is a secret: the log shows the pattern */
    {"GET", "/status/", ROUTE_PREFIX, page_status, "/status/*"},
    {"POST", "/status/", ROUTE_PREFIX, page_status_action, "/status/*"},
    {"GET", "/inloggen", ROUTE_EXACT, page_login_form, NULL},
    {"POST", "/inloggen", ROUTE_EXACT, page_login_submit, NULL},
    {"POST", "/uitloggen", ROUTE_EXACT, page_logout, NULL},
    {"GET", "/beheer", ROUTE_EXACT, page_staff_home, NULL},
};

const size_t app_routes_count = sizeof(app_routes) / sizeof(app_routes[0]);
