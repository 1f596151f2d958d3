/* pages.h - the endpoint handlers, one per file (page_*.c). */
#ifndef LIEFLEED_PAGES_H
#define LIEFLEED_PAGES_H

#include "http.h"

enum MHD_Result page_home(struct request *rq);
enum MHD_Result page_healthz(struct request *rq);
enum MHD_Result page_static(struct request *rq);
enum MHD_Result page_privacy(struct request *rq);
enum MHD_Result page_application_form(struct request *rq);
enum MHD_Result page_application_submit(struct request *rq);
enum MHD_Result page_status(struct request *rq);
enum MHD_Result page_status_action(struct request *rq);
enum MHD_Result page_login_form(struct request *rq);
enum MHD_Result page_login_submit(struct request *rq);
enum MHD_Result page_logout(struct request *rq);
enum MHD_Result page_staff_home(struct request *rq);
enum MHD_Result page_staff_totp(struct request *rq);
enum MHD_Result page_staff_totp_enrol(struct request *rq);
enum MHD_Result page_staff_queue(struct request *rq);
enum MHD_Result page_staff_intake_form(struct request *rq);
enum MHD_Result page_staff_intake_submit(struct request *rq);
enum MHD_Result page_staff_application(struct request *rq);
enum MHD_Result page_staff_application_action(struct request *rq);
enum MHD_Result page_staff_streets(struct request *rq);
enum MHD_Result page_staff_street_merge(struct request *rq);
enum MHD_Result page_staff_street(struct request *rq);
enum MHD_Result page_staff_users(struct request *rq);
enum MHD_Result page_staff_user_create(struct request *rq);
enum MHD_Result page_staff_user(struct request *rq);
enum MHD_Result page_staff_user_update(struct request *rq);
enum MHD_Result page_staff_budget(struct request *rq);
enum MHD_Result page_staff_budget_save(struct request *rq);
enum MHD_Result page_staff_settings(struct request *rq);
enum MHD_Result page_staff_settings_save(struct request *rq);
enum MHD_Result page_staff_audit(struct request *rq);
enum MHD_Result page_staff_audit_csv(struct request *rq);
enum MHD_Result page_staff_spot_check(struct request *rq);
enum MHD_Result page_staff_spot_check_action(struct request *rq);

enum MHD_Result page_finance_overview(struct request *rq);
enum MHD_Result page_finance_batch_create(struct request *rq);
enum MHD_Result page_finance_batch(struct request *rq);
enum MHD_Result page_finance_batch_action(struct request *rq);
enum MHD_Result page_finance_import_form(struct request *rq);
enum MHD_Result page_finance_import_upload(struct request *rq);
enum MHD_Result page_finance_import_commit(struct request *rq);
enum MHD_Result page_finance_reconciliation(struct request *rq);
enum MHD_Result page_figures(struct request *rq);
enum MHD_Result page_figures_csv(struct request *rq);

#endif
