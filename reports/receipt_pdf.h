/* receipt_pdf.h - the receipt of a submitted application, as PDF.
 *
 * "Ontvangstbevestiging": the reference, when the application came in, and
 * exactly what the resident submitted (their details, the street, the
 * optional second gangmaker, the plan, the payout), followed by a short
 * plain-language note on what happens next. The private status link is
 * deliberately not printed: a receipt gets printed, forwarded and left
 * lying about, and whoever holds the link sees the application.
 *
 * The receipt is made once, when the application is stored, and its bytes
 * are kept; see pdf_doc.h for the layout, the font and the cost.
 */
#ifndef LIEFLEED_RECEIPT_PDF_H
#define LIEFLEED_RECEIPT_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "pdf_doc.h"

enum receipt_payout {
    RECEIPT_PAYOUT_BANK = 0, /* transfer to account_holder / iban_masked */
    RECEIPT_PAYOUT_CARD,     /* prepaid card */
};

/* What was submitted. Every string is UTF-8 and borrowed for the call;
 * NULL (or "") marks an absent optional field. Required fields are marked
 * (required). */
struct receipt {
    const char *lang;         /* "nl" (also for NULL) or "en" */
    const char *reference;    /* (required) "LL-2026-00042" */
    const char *submitted_at; /* (required) preformatted for lang:
                                 "27-11-2026 om 21:40" */
    const char *name;         /* (required) */
    const char *email;        /* NULL: none, letters come by post (assisted
                                 intake) */
    const char *phone;
    const char *street;         /* (required) */
    const char *house_number;   /* (required) the canonical text of
                                   house_number_parse() ("12 BIS", "7A"),
                                   or the number alone ... */
    const char *house_addition; /* ... with the addition here ("bis"):
                                   printed after a space */
    const char *postcode;       /* (required) "3511 AB" */
    const char *wijk;           /* (required) the wijk's name */
    unsigned households;        /* roughly how many; 0: "niet ingevuld" */
    const char *second_name;    /* optional second gangmaker */
    const char *second_email;
    const char *plan; /* (required) multi-line text */
    enum receipt_payout payout;
    /* For RECEIPT_PAYOUT_BANK (required then): the account holder and the
     * IBAN already masked by iban_mask() ("NL** **** **** **43 00"). A
     * value with more than 6 digits is refused as not masked. */
    const char *account_holder;
    const char *iban_masked;
};

/* Make the receipt of r as a PDF. opt gives the font directory, the
 * letterhead, the author and the "generated" line (NULL: "Gemaakt op
 * <submitted_at> uit de stand: ingediend", or its English form); the title,
 * subject and page-number language come from r. opt may be NULL (default
 * fonts, no letterhead).
 * Returns true with a malloc()ed PDF in *out[0..*len) that the caller
 * frees; false with *out = NULL, *len = 0 and a message in err[0..errlen)
 * when a required field is missing, lang is unknown, the IBAN is not
 * masked or the PDF cannot be made (fonts missing, out of memory). */
bool receipt_pdf(const struct receipt *r, const struct pdf_doc_options *opt,
                 unsigned char **out, size_t *len, char *err, size_t errlen);

#endif
