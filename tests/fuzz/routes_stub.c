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
NEVER(page_staff_application)
NEVER(page_staff_application_action)
NEVER(page_staff_audit)
NEVER(page_staff_audit_csv)
NEVER(page_staff_budget)
NEVER(page_staff_budget_save)
NEVER(page_staff_intake_form)
NEVER(page_staff_intake_submit)
NEVER(page_staff_queue)
NEVER(page_staff_settings)
NEVER(page_staff_settings_save)
NEVER(page_staff_spot_check)
NEVER(page_staff_spot_check_action)
NEVER(page_staff_street)
NEVER(page_staff_street_merge)
NEVER(page_staff_streets)
NEVER(page_staff_totp)
NEVER(page_staff_totp_enrol)
NEVER(page_staff_user)
NEVER(page_staff_user_create)
NEVER(page_staff_user_update)
NEVER(page_staff_users)
NEVER(page_finance_overview)
NEVER(page_finance_batch_create)
NEVER(page_finance_batch)
NEVER(page_finance_batch_action)
NEVER(page_finance_import_form)
NEVER(page_finance_import_upload)
NEVER(page_finance_import_commit)
NEVER(page_finance_reconciliation)
NEVER(page_figures)
NEVER(page_figures_csv)
