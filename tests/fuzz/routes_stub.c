/* For fuzz_routes: the real routing table (routes_table.c) with handlers
 * that are never called, so the target links without the server. */
#include "pages.h"

#define NEVER(name)                                                            \
    enum MHD_Result name(struct request *rq)                                   \
    {                                                                          \
        (void)rq;                                                              \
        return MHD_NO;                                                         \
    }

NEVER(page_home)
NEVER(page_healthz)
NEVER(page_static)
NEVER(page_privacy)
NEVER(page_application_form)
NEVER(page_application_submit)
NEVER(page_status)
NEVER(page_status_action)
NEVER(page_login_form)
NEVER(page_login_submit)
NEVER(page_logout)
NEVER(page_staff_home)
