/* staff_decision_common.h - what the decision pages of staff_decision.h
 * share: loading the application within the visitor's wijken, the POST
 * prologue (form body, CSRF token, version), the page frame and the
 * letters' common fields. For backend/staff_decision*.c only.
 */
#ifndef LIEFLEED_STAFF_DECISION_COMMON_H
#define LIEFLEED_STAFF_DECISION_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "award_letter_pdf.h"
#include "db_decision.h"
#include "db_staff_session.h"
#include "http.h"

/* The application id in me's wijken, malloc()ed (caller frees). NULL with
 * *code 404 (not there, or another wijk's) or 503 (database). */
struct decision_app *decision_load(struct request *rq, const struct staff *me,
                                   long long id, unsigned *code);

/* The start of every POST: a form body (415 otherwise), the application
 * in scope (404), and a valid CSRF token for "<what>:<id>" (400). Returns
 * true with *form parsed and *app loaded (the caller frees both);
 * otherwise the answer is queued in *ret and nothing is left to free. */
bool decision_post_begin(struct request *rq, const struct staff *me,
                         long long id, const char *what,
                         struct urlenc_pairs *form, struct decision_app **app,
                         enum MHD_Result *ret);

/* Whether the form's hidden "versie" is exactly expected. */
bool decision_version_is(const struct urlenc_pairs *form, long long expected);

/* The hidden inputs of a decision form: the CSRF token for
 * "<what>:<id>" and the version the page was made from. */
void decision_hidden(struct html *h, const struct staff *me, const char *what,
                     long long id, long long version);

/* A decision page up to its form: staff layout, a link back to the
 * application, the title and which application it is. */
void decision_page_begin(struct request *rq, struct html *h,
                         const struct staff *me, const struct decision_app *a,
                         const char *title);
void decision_page_end(struct html *h);

/* A page with one message (e.g. this action is not possible now). */
enum MHD_Result decision_notice(struct request *rq, const struct staff *me,
                                const struct decision_app *a, unsigned status,
                                const char *title, const char *message);

/* 409: the application changed since the form was shown; says what it is
 * now. Nothing was applied. */
enum MHD_Result decision_changed(struct request *rq, const struct staff *me,
                                 long long id, const char *title);

/* "in behandeling" for in_behandeling, and so on. */
const char *decision_status_label(const char *status);

/* "€ 150,00" into out (MONEY_TEXT_SIZE). */
void decision_euro(long long cents, char *out, size_t n);

/* The amount and reason fields of the award and the settlement forms:
 * what was typed, the messages, and room for both. */
struct decision_amount_form {
    const char *amount, *reason;
    const char *amount_error, *reason_error, *banner;
    char over[160];   /* a message with an amount in it */
    char clean[8192]; /* the reason without white space around it */
};

/* Check an amount of at most max_cents (max_words names it in the message,
 * e.g. "het standaardbedrag"), above zero when above_zero, and a reason
 * (why_missing when absent) when it is lower. Returns true with *cents
 * and *reason (NULL at the maximum; trimmed, in f->clean) set, or false
 * with the messages in f. */
bool decision_amount_check(struct decision_amount_form *f, long long max_cents,
                           bool above_zero, const char *max_words,
                           const char *why_missing, long long *cents,
                           const char **reason);

/* The fields of a letter that every decision shares, and its PDF options.
 * generated[0..n) receives the footer line; everything points into a, me
 * or generated. */
void decision_letter_base(struct decision_letter *l,
                          struct pdf_doc_options *opt,
                          const struct decision_app *a, const struct staff *me,
                          bool award, char *generated, size_t n);

/* The pages. */
enum MHD_Result decision_award_get(struct request *rq, const struct staff *me,
                                   long long id);
enum MHD_Result decision_award_post(struct request *rq, const struct staff *me,
                                    long long id);
enum MHD_Result decision_reject_get(struct request *rq, const struct staff *me,
                                    long long id);
enum MHD_Result decision_reject_post(struct request *rq, const struct staff *me,
                                     long long id);
enum MHD_Result decision_iban_get(struct request *rq, const struct staff *me,
                                  long long id);
enum MHD_Result decision_iban_post(struct request *rq, const struct staff *me,
                                   long long id);
enum MHD_Result decision_settle_get(struct request *rq, const struct staff *me,
                                    long long id);
enum MHD_Result decision_settle_post(struct request *rq, const struct staff *me,
                                     long long id);

#endif
