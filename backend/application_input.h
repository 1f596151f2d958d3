/* application_input.h - the resident's application form as data: what
 * was typed (kept verbatim to show again), what it normalises to, and a
 * message per invalid field. Pure: the street list is consulted by the
 * caller, which passes in what it found. */
#ifndef LIEFLEED_APPLICATION_INPUT_H
#define LIEFLEED_APPLICATION_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "form_render.h"
#include "urlenc.h"

/* The form's field names (also the HTML ids). */
#define AF_NAME "naam"
#define AF_EMAIL "email"
#define AF_PHONE "telefoon"
#define AF_STREET "straat"
#define AF_HOUSE "huisnummer"
#define AF_POSTCODE "postcode"
#define AF_WIJK "wijk"
#define AF_HOUSEHOLDS "huishoudens"
#define AF_NAME2 "naam2"
#define AF_EMAIL2 "email2"
#define AF_PLAN "plan"
#define AF_PAYOUT "uitbetaling"
#define AF_IBAN "iban"
#define AF_HOLDER "rekeninghouder"
#define AF_CONSENT "akkoord"
#define AF_HONEYPOT "website"
#define AF_CSRF "csrf"
#define AF_KEY "sleutel"
#define AF_LANG "taal"

#define AF_MAX_ERRORS 20

struct application_input {
    const char *lang; /* "nl" or "en" */
    /* Assisted intake (a makelaar enters it for a resident without a
     * computer): the e-mail may be left empty, letters then go by post.
     * false after application_input_from_form(): the resident's form
     * always requires it. */
    bool email_optional;
    /* as typed (borrowed from the parsed form; "" when absent) */
    const char *name, *email, *phone, *street, *house, *postcode, *wijk,
        *households, *name2, *email2, *plan, *payout, *iban, *holder, *consent,
        *honeypot, *csrf, *key;
    /* normalised, valid when there are no errors */
    char n_email[256], n_phone[32], n_house[24], n_postcode[8], n_email2[256],
        n_iban[40], n_address[4 * 100 + 1 + 24];
    int n_households;
    struct form_error errors[AF_MAX_ERRORS];
    size_t nerrors;
};

/* What the street list says about the typed street. */
struct street_facts {
    bool known;
    char wijken[40]; /* "09,10" */
};

/* Take the values from a parsed form body; each value is trimmed of the
 * white space around it, in place. */
void application_input_from_form(struct application_input *in,
                                 const struct urlenc_pairs *form);

/* Check every field; fills in->errors (in form order) and the normalised
 * values (n_email stays "" when the e-mail is optional and empty). The wijk is
 * required when the street is unknown or runs through several wijken; then
 * in->wijk must be one of them. */
void application_input_validate(struct application_input *in,
                                const struct street_facts *street);

/* The wijk to file the application under ("" when not decided). */
const char *application_input_wijk(const struct application_input *in,
                                   const struct street_facts *street);

/* The error of field, or NULL. */
const char *application_input_error(const struct application_input *in,
                                    const char *field);

#endif
