/* staff_application_view.h - the makelaar's page of one application,
 * shared by its GET handler (page_staff_application.c) and the actions
 * that show it again with a message (page_staff_application_action.c). */
#ifndef LIEFLEED_STAFF_APPLICATION_VIEW_H
#define LIEFLEED_STAFF_APPLICATION_VIEW_H

#include <stdbool.h>

#include "db_staff_session.h"
#include "http.h"

/* What a refused action shows again: a sentence at the top, the values
 * as typed and the messages next to the fields. Every member may be NULL. */
struct staff_app_form {
    const char *banner;
    const char *question, *question_error;
    const char *street, *street_error;
};

/* Read the application id (of me's wijken) with everything around it
 * and answer with the page: status (200, 409, 422, ...) when found, 404
 * when it is not of me's wijken or does not exist, 503 when the database
 * cannot say. st may be NULL. */
enum MHD_Result staff_application_render(struct request *rq,
                                         const struct staff *me, long long id,
                                         unsigned status,
                                         const struct staff_app_form *st);

/* Split the part of the path after /beheer/aanvragen/ ("12",
 * "12/vraag") into the id and what follows ("" or "vraag"). False when it
 * does not start with a plain positive number, or has more than one more
 * segment. */
bool staff_application_path(const char *param, long long *id,
                            const char **action);

#endif
