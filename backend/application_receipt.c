#include "application_receipt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iban.h"
#include "receipt_pdf.h"

bool
application_receipt_make(const struct application_input *in,
                         const char *reference, const char *submitted,
                         const char *street_name, const char *wijk_name,
                         const char *font_dir, unsigned char **pdf, size_t *len,
                         char *err, size_t errlen)
{
    bool bank = strcmp(in->payout, "bank") == 0;
    bool en = strcmp(in->lang, "en") == 0;
    char masked[64] = "";
    struct receipt r;
    struct pdf_doc_options opt;
    char generated[96];

    if (bank)
        iban_mask(in->n_iban, masked, sizeof(masked));
    memset(&r, 0, sizeof(r));
    r.lang = in->lang;
    r.reference = reference;
    r.submitted_at = submitted;
    r.name = in->name;
    r.email = in->n_email[0] ? in->n_email : NULL;
    r.phone = in->n_phone[0] ? in->n_phone : NULL;
    r.street = street_name;
    r.house_number = in->n_house;
    r.postcode = in->n_postcode;
    r.wijk = wijk_name;
    r.households = (unsigned)in->n_households;
    r.second_name = in->name2[0] ? in->name2 : NULL;
    r.second_email = in->n_email2[0] ? in->n_email2 : NULL;
    r.plan = in->plan;
    r.payout = bank ? RECEIPT_PAYOUT_BANK : RECEIPT_PAYOUT_CARD;
    r.account_holder = bank ? in->holder : NULL;
    r.iban_masked = bank ? masked : NULL;

    memset(&opt, 0, sizeof(opt));
    opt.font_dir = font_dir;
    opt.lang = in->lang;
    opt.title = en ? "Receipt" : "Ontvangstbevestiging";
    opt.author = "Gemeente Utrecht";
    opt.subject = reference;
    opt.org_name = "Lief en Leed Utrecht";
    snprintf(generated, sizeof(generated), "%s %s %s",
             en ? "Made on" : "Gemaakt op", submitted,
             en ? "from the state: submitted" : "uit de stand: ingediend");
    opt.generated = generated;
    opt.synthetic_bold = true;
    return receipt_pdf(&r, &opt, pdf, len, err, errlen);
}
