/* batch_pages.h - the HTML of the finance pages of issue 5 that more than
 * one endpoint renders: the overview (GET /beheer/betalingen, and again
 * after a POST that made no batch) and a batch's page (GET
 * /beheer/batches/<number>, and again after a refused cancellation).
 * Financien only; the callers have checked the role.
 */
#ifndef LIEFLEED_BATCH_PAGES_H
#define LIEFLEED_BATCH_PAGES_H

#include <stdbool.h>

#include "db_staff_session.h"
#include "http.h"

#define BATCH_CREATE_PURPOSE "batch:create"
/* the cancel form's CSRF purpose is "batch:cancel:<number>" */
#define BATCH_CANCEL_PURPOSE_PREFIX "batch:cancel:"

/* What the overview shows above its tables and in its form. */
struct batch_overview_view {
    const char *banner;   /* a message, or NULL */
    bool banner_is_error; /* red (error) rather than a notice */
    const char *tot;      /* the date as typed, or NULL */
    const char *tot_error;
};

/* Reply with the overview: payouts te_betalen per wijk, the create form,
 * the latest batches. 503 when the database fails. */
enum MHD_Result batch_overview_reply(struct request *rq, const struct staff *me,
                                     unsigned status,
                                     const struct batch_overview_view *v);

/* What a batch page shows besides the batch. */
struct batch_page_view {
    const char *notice; /* a green message, or NULL */
    const char *error;  /* a red message, or NULL */
    const char *reden;  /* the cancel reason as typed, or NULL */
    const char *reden_error;
};

/* Reply with the page of batch number: 404 when there is none, 503 when
 * the database fails. */
enum MHD_Result batch_page_reply(struct request *rq, const struct staff *me,
                                 const char *number, unsigned status,
                                 const struct batch_page_view *v);

/* The Dutch word of a batch status. */
const char *batch_status_word(const char *status);

#endif
