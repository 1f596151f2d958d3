/* result_import_view.h - the pages of the result import (/beheer/resultaat):
 * the upload form with the recent imports, and the preview (or the outcome
 * of a commit that found problems). Shared by the three handlers. */
#ifndef LIEFLEED_RESULT_IMPORT_VIEW_H
#define LIEFLEED_RESULT_IMPORT_VIEW_H

#include "db_staff_session.h"
#include "http.h"
#include "result_import.h"

#define RESULT_IMPORT_CSRF "import"
#define RESULT_IMPORT_PATH "/beheer/resultaat"

/* The upload form. error: a message at the file field (status 422), or
 * NULL; done_id: a file just applied (its counts are shown), or 0. */
enum MHD_Result result_import_form_page(struct request *rq,
                                        const struct staff *me, unsigned status,
                                        const char *error, long long done_id);

/* The preview of x (outcomes PROBLEMS, READY, ALREADY_APPLIED). after_commit:
 * the problems were found when applying. */
enum MHD_Result result_import_preview_page(struct request *rq,
                                           const struct staff *me,
                                           const struct result_import *x,
                                           bool after_commit);

/* The CSRF purpose of the commit form of file id. */
void result_import_commit_purpose(long long id, char *out, size_t outlen);

#endif
