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

#endif
