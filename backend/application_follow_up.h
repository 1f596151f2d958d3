/* application_follow_up.h - the application form as a follow-up potje
 * (vervolgaanvraag).
 *
 * Once the spending report of a potje is in, its status page links to
 * GET /aanvragen?vervolg=<status token>. The token is the authority: it
 * is checked like the status page checks it (a wrong one gets 404), the
 * form is filled in with what the previous application knows, and the
 * token travels on in a hidden field so that POST /aanvragen checks it
 * again and files an application of kind follow_up that names the
 * previous one. The access log shows the route, never the query or the
 * body, and every page has Referrer-Policy: no-referrer.
 *
 * The IBAN is not sent back to the browser: the form shows it masked
 * with the choice "the same account as last time" (the server then uses
 * the stored number) or "another account" (typed and checked as usual).
 */
#ifndef LIEFLEED_APPLICATION_FOLLOW_UP_H
#define LIEFLEED_APPLICATION_FOLLOW_UP_H

#include <stdbool.h>

#include "application_input.h"
#include "db_follow_up.h"
#include "http.h"
#include "iban.h"
#include "status_token.h"

#define FOLLOW_UP_PARAM "vervolg"
/* the account choice: "vorige" (keep) or "ander" (type a new one) */
#define FOLLOW_UP_ACCOUNT "rekening"

struct follow_up {
    char token[STATUS_TOKEN_CHARS + 1];
    struct follow_up_source src;
    char house[24];                   /* split off the stored address */
    char iban_masked[IBAN_TEXT_SIZE]; /* "" when no account is stored */
    const char *account;              /* "vorige" or "ander" */
};

/* Find the application of the status token text (from the query or the
 * form). Returns 0 with *fu filled in, or the HTTP status to answer: 404
 * for anything that is not a live token of ours, 503, 500. */
unsigned follow_up_load(struct request *rq, const char *token,
                        struct follow_up *fu);

/* Whether a follow-up may be filed now: the report is in and no other
 * live follow-up of this potje exists. (Filing checks it again in its
 * transaction.) */
bool follow_up_open(const struct follow_up *fu);

/* The form filled in from fu: every field a string (borrowed from fu or
 * ""), the plan and the consent left empty. */
void follow_up_prefill(const struct follow_up *fu, struct application_input *in,
                       const char *lang);

/* Take the account choice from the posted form into fu->account. */
void follow_up_take_account(struct follow_up *fu,
                            const struct urlenc_pairs *form);

/* The IBAN text to validate: the stored number when the resident keeps
 * the previous account for a bank payout, else what was typed. Put the
 * typed text back into in->iban before the form is shown again, so the
 * full number never reaches the browser. */
const char *follow_up_iban(const struct follow_up *fu,
                           const struct application_input *in);

/* The href of the language switch of the follow-up form. */
void follow_up_lang_href(const struct follow_up *fu, const char *lang,
                         char *out, size_t outlen);

/* After the heading: what this form is, in plain words. */
void follow_up_intro(struct html *h, const struct follow_up *fu,
                     const char *lang);

/* Inside the form: the hidden token. */
void follow_up_hidden(struct html *h, const struct follow_up *fu);

/* Before the IBAN field: keep the previous account or give another one
 * (nothing when no account is stored). */
void follow_up_account_choice(struct html *h, const struct follow_up *fu,
                              const char *lang);

/* The page that says a follow-up cannot be filed now, and why, with a
 * link back to the status page. */
enum MHD_Result follow_up_refused(struct request *rq, unsigned status,
                                  const struct follow_up *fu, const char *lang);

#endif
