/* status_page.h - shared by the GET and POST handlers of /status/<token>:
 * finding the application from the link, and drawing the page with its
 * forms (answer a question, change the IBAN, withdraw). */
#ifndef LIEFLEED_STATUS_PAGE_H
#define LIEFLEED_STATUS_PAGE_H

#include "db_application.h"
#include "http.h"
#include "status_token.h"

#define STATUS_CSRF_PURPOSE "status_page"
#define RECEIPT_SUFFIX "/ontvangstbewijs.pdf"
#define DATA_SUFFIX "/mijn-gegevens.txt"

/* Find the application of the link in rq->path_param. On success returns
 * 0, *a is malloc()ed (caller frees), token holds the link's token and
 * *rest what follows it in the path ("" or "/ontvangstbewijs.pdf").
 * Otherwise returns the HTTP status to answer (404, 503, 500). */
unsigned status_page_load(struct request *rq,
                          char token[STATUS_TOKEN_CHARS + 1], const char **rest,
                          struct application_view **a);

/* What a failed POST shows again (values as typed, messages). */
struct status_form_state {
    const char *answer, *answer_error;
    const char *iban, *holder, *iban_error, *holder_error;
    const char *withdraw_error;
    const char *banner; /* a sentence at the top, e.g. "not possible now" */
};

enum MHD_Result status_page_render(struct request *rq, unsigned status,
                                   const struct application_view *a,
                                   const char *token,
                                   const struct status_form_state *st);

#endif
