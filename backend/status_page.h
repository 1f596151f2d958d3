/* status_page.h - shared by the GET and POST handlers of /status/<token>:
 * finding the application from the link, and drawing the page with its
 * forms (answer a question, change the IBAN, withdraw, the spending report
 * once the potje is paid, and the link to a follow-up potje once the
 * report is in). */
#ifndef LIEFLEED_STATUS_PAGE_H
#define LIEFLEED_STATUS_PAGE_H

#include "db_application.h"
#include "db_expense.h"
#include "http.h"
#include "status_token.h"

#define STATUS_CSRF_PURPOSE "status_page"
#define RECEIPT_SUFFIX "/ontvangstbewijs.pdf"
#define DATA_SUFFIX "/mijn-gegevens.txt"
#define AWARD_LETTER_SUFFIX "/toekenningsbrief.pdf"
#define REJECTION_LETTER_SUFFIX "/afwijzingsbrief.pdf"

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
    /* the spending report: a line as typed, and the messages */
    const char *exp_date, *exp_occasion, *exp_amount, *exp_note;
    const char *exp_date_error, *exp_occasion_error, *exp_amount_error,
        *exp_note_error, *exp_submit_error;
    const char *banner; /* a sentence at the top, e.g. "not possible now" */
    const char *lang;   /* the language of the form that was sent */
};

/* Open a form that POSTs action to the status page, with its CSRF token
 * and language; the caller adds fields and closes the form. */
void status_action_form_head(struct html *h, const char *token,
                             const char *csrf, const char *action,
                             const char *lang);

enum MHD_Result status_page_render(struct request *rq, unsigned status,
                                   const struct application_view *a,
                                   const char *token,
                                   const struct status_form_state *st);

/* The spending report (page_status_expense.c). */

/* The section of the page: the lines with total and what is left, and
 * while not submitted the forms to add, remove and submit; once submitted
 * the way to a follow-up potje. db is the request's connection (NULL: the
 * lines are left out); csrf is the page's token. */
void status_expense_section(struct html *h, struct db_conn *db,
                            const struct expense_report_view *rep,
                            const char *token, const char *csrf,
                            const struct status_form_state *st,
                            const char *lang);

/* Whether actie is one of the report's: uitgave (add a line),
 * uitgave_weg (remove one), kosten_insturen (submit). */
bool status_expense_is_action(const char *actie);

/* Keep what was typed for a line, to show it again. */
void status_expense_keep(struct status_form_state *st,
                         const struct urlenc_pairs *form);

/* Do one of those actions (CSRF already checked): one transaction with
 * its audit event, then 303 back to the page; bad input shows the page
 * again with the values and a message beside the field (422); a state
 * that no longer allows it 409. */
enum MHD_Result
status_expense_action(struct request *rq, const struct application_view *a,
                      const char *token, const struct urlenc_pairs *form,
                      const char *lang, struct status_form_state *st);

#endif
