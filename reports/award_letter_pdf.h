/* award_letter_pdf.h - the award letter (beschikking / toekenningsbrief)
 * and the rejection letter (afwijzingsbrief), as PDF.
 *
 * Made once, in the transaction that records the decision, and stored
 * (document kinds award_letter and rejection_letter); the resident
 * downloads the stored bytes from the status page, staff from the
 * application page. Written in plain B1 Dutch, or English when the
 * resident applied in English. Pure: plain structs in, bytes out.
 */
#ifndef LIEFLEED_AWARD_LETTER_PDF_H
#define LIEFLEED_AWARD_LETTER_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "pdf_doc.h"

/* What the letter says. Every string is UTF-8 and borrowed for the call;
 * (required) fields must be non-empty. */
struct decision_letter {
    const char *lang;         /* "nl" (also NULL) or "en" */
    const char *reference;    /* (required) "LL-2026-00042" */
    const char *decided_on;   /* (required) "27-11-2026" */
    const char *name;         /* (required) the gangmaker addressed */
    const char *address;      /* street and number as typed, or NULL */
    const char *postcode;     /* "3511 AB", or NULL */
    const char *street;       /* (required) the street of the potje */
    const char *wijk;         /* (required) the wijk's name */
    const char *organisation; /* (required) who decides: setting, "DOCK" */
    const char *makelaar;     /* (required) the deciding makelaar's name */
    /* award letter only */
    long long amount_cents;         /* (required > 0) awarded */
    long long default_amount_cents; /* the default potje of the year */
    const char *reduction_reason;   /* required when amount < default */
    const char *expected_payout;    /* "binnen vier weken", or a date */
    bool prepaid_card;              /* paid as a card instead of a transfer */
    const char *iban_masked;        /* bank: iban_mask() form, else NULL */
    /* rejection letter only */
    const char *rejection_reason; /* (required for the rejection) */
};

/* The award letter: reference, street, amount (and why it is lower than the
 * default), the conditions of the potje (spend it on attention for
 * neighbours in joy and sorrow; keep receipts; report the spending within
 * a year; no names or health details of neighbours), the expected payout
 * and how, and the objection clause (bezwaar within six weeks, Awb 6:7).
 * Returns true with a malloc()ed PDF in *out[0..*len) for the caller to
 * free; false with *out = NULL, *len = 0 and a Dutch message in err when a
 * required field is missing, the amount is not positive, a lower amount
 * has no reason, an IBAN is not masked, or the PDF cannot be made. */
bool award_letter_pdf(const struct decision_letter *l,
                      const struct pdf_doc_options *opt, unsigned char **out,
                      size_t *len, char *err, size_t errlen);

/* The rejection letter: reference, street, the reason as the makelaar
 * wrote it, what the resident can do now (ask the makelaar, apply again
 * later) and the objection clause. Same contract as award_letter_pdf. */
bool rejection_letter_pdf(const struct decision_letter *l,
                          const struct pdf_doc_options *opt,
                          unsigned char **out, size_t *len, char *err,
                          size_t errlen);

#endif
