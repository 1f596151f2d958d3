#include "receipt_pdf.h"

#include <stdio.h>
#include <string.h>

/* Every text of the receipt, in one language. */
struct texts {
    const char *title;
    const char *intro;
    const char *reference;
    const char *received;
    const char *you;
    const char *name;
    const char *email;
    const char *phone;
    const char *not_given;
    const char *by_post; /* no e-mail address: letters by post */
    const char *street_h;
    const char *street;
    const char *house_number;
    const char *postcode;
    const char *wijk;
    const char *households;
    const char *second_h;
    const char *no_second;
    const char *plan_h;
    const char *payout_h;
    const char *method;
    const char *bank;
    const char *card;
    const char *holder;
    const char *iban;
    const char *next_h;
    const char *next;
    const char *generated[2]; /* around submitted_at */
};

static const struct texts nl = {
    .title = "Ontvangstbevestiging",
    .intro = "Wij hebben uw aanvraag voor een Lief en Leed-potje goed "
             "ontvangen. Hieronder staat precies wat u heeft ingestuurd. "
             "Bewaar deze bevestiging.",
    .reference = "Referentie",
    .received = "Ontvangen op",
    .you = "Uw gegevens",
    .name = "Naam",
    .email = "E-mail",
    .phone = "Telefoon",
    .not_given = "niet ingevuld",
    .by_post = "geen: u krijgt brieven per post",
    .street_h = "Uw straat",
    .street = "Straat",
    .house_number = "Huisnummer",
    .postcode = "Postcode",
    .wijk = "Wijk",
    .households = "Huishoudens (ongeveer)",
    .second_h = "Tweede gangmaker",
    .no_second = "U heeft geen tweede gangmaker opgegeven.",
    .plan_h = "Wat u wilt doen",
    .payout_h = "Uitbetaling",
    .method = "Manier",
    .bank = "Overboeking naar een bankrekening",
    .card = "Prepaidkaart",
    .holder = "Naam rekeninghouder",
    .iban = "IBAN",
    .next_h = "Wat gebeurt er nu?",
    .next = "Een sociaal makelaar uit uw wijk bekijkt uw aanvraag binnen "
            "4 weken. Heeft de makelaar nog een vraag? Dan hoort u dat.\n"
            "U kunt uw aanvraag volgen met uw persoonlijke statuslink. Die "
            "link kreeg u na het versturen van het formulier. Deel de link "
            "niet met anderen: iedereen met de link kan uw aanvraag zien.",
    .generated = {"Gemaakt op ", " uit de stand: ingediend"},
};

static const struct texts en = {
    .title = "Confirmation of receipt",
    .intro = "We have received your application for a Lief en Leed grant "
             "(potje). Below is exactly what you sent us. Please keep this "
             "confirmation.",
    .reference = "Reference",
    .received = "Received on",
    .you = "Your details",
    .name = "Name",
    .email = "Email",
    .phone = "Phone",
    .not_given = "not given",
    .by_post = "none: letters come by post",
    .street_h = "Your street",
    .street = "Street",
    .house_number = "House number",
    .postcode = "Postcode",
    .wijk = "District (wijk)",
    .households = "Households (roughly)",
    .second_h = "Second gangmaker",
    .no_second = "You did not give a second gangmaker.",
    .plan_h = "What you want to do",
    .payout_h = "Payout",
    .method = "Method",
    .bank = "Transfer to a bank account",
    .card = "Prepaid card",
    .holder = "Account holder",
    .iban = "IBAN",
    .next_h = "What happens next?",
    .next = "A sociaal makelaar (community worker) from your district will "
            "look at your application within 4 weeks. If they have a "
            "question, they will let you know.\n"
            "You can follow your application with your personal status "
            "link, which you received after sending the form. Do not share "
            "the link: anyone who has it can see your application.",
    .generated = {"Generated on ", " from the state: submitted"},
};

static bool
given(const char *s)
{
    return s != NULL && *s != '\0';
}

/* The name of the first missing required field, or NULL. */
static const char *
missing(const struct receipt *r)
{
    if (!given(r->reference))
        return "reference";
    if (!given(r->submitted_at))
        return "submitted_at";
    if (!given(r->name))
        return "name";
    if (!given(r->street))
        return "street";
    if (!given(r->house_number))
        return "house_number";
    if (!given(r->postcode))
        return "postcode";
    if (!given(r->wijk))
        return "wijk";
    if (!given(r->plan))
        return "plan";
    if (r->payout == RECEIPT_PAYOUT_BANK && !given(r->account_holder))
        return "account_holder";
    if (r->payout == RECEIPT_PAYOUT_BANK && !given(r->iban_masked))
        return "iban_masked";
    return NULL;
}

/* A full IBAN has at least 10 digits; iban_mask() leaves 4. */
static bool
looks_masked(const char *iban)
{
    size_t digits = 0;

    for (; *iban; iban++)
        if (*iban >= '0' && *iban <= '9')
            digits++;
    return digits <= 6;
}

bool
receipt_pdf(const struct receipt *r, const struct pdf_doc_options *opt,
            unsigned char **out, size_t *len, char *err, size_t errlen)
{
    static const struct pdf_doc_options none;
    const struct texts *t;
    struct pdf_doc_options o;
    struct pdf_doc *d;
    const char *miss;
    char title[160], generated[200], house[160], count[32];

    *out = NULL;
    *len = 0;
    if (r == NULL) {
        snprintf(err, errlen, "receipt: no data");
        return false;
    }
    if (r->lang == NULL || strcmp(r->lang, "nl") == 0)
        t = &nl;
    else if (strcmp(r->lang, "en") == 0)
        t = &en;
    else {
        snprintf(err, errlen, "receipt: unknown language \"%.8s\"", r->lang);
        return false;
    }
    miss = missing(r);
    if (miss != NULL) {
        snprintf(err, errlen, "receipt: %s is missing", miss);
        return false;
    }
    if (r->payout != RECEIPT_PAYOUT_BANK && r->payout != RECEIPT_PAYOUT_CARD) {
        snprintf(err, errlen, "receipt: unknown payout method");
        return false;
    }
    if (r->payout == RECEIPT_PAYOUT_BANK && !looks_masked(r->iban_masked)) {
        snprintf(err, errlen, "receipt: the IBAN is not masked");
        return false;
    }

    o = opt ? *opt : none;
    o.lang = t == &en ? "en" : "nl";
    snprintf(title, sizeof(title), "%s %s", t->title, r->reference);
    o.title = title;
    o.subject = t->title;
    if (!given(o.generated)) {
        snprintf(generated, sizeof(generated), "%s%s%s", t->generated[0],
                 r->submitted_at, t->generated[1]);
        o.generated = generated;
    }
    if (given(r->house_addition))
        snprintf(house, sizeof(house), "%s %s", r->house_number,
                 r->house_addition);
    else
        snprintf(house, sizeof(house), "%s", r->house_number);
    if (r->households > 0)
        snprintf(count, sizeof(count), "%u", r->households);
    else
        snprintf(count, sizeof(count), "%s", t->not_given);

    d = pdf_doc_new(&o, err, errlen);
    if (d == NULL)
        return false;

    /* Errors are sticky: pdf_doc_finish() reports the first one. */
    pdf_doc_heading(d, 1, t->title);
    pdf_doc_paragraph(d, t->intro);
    pdf_doc_field(d, t->reference, r->reference);
    pdf_doc_field(d, t->received, r->submitted_at);

    pdf_doc_heading(d, 2, t->you);
    pdf_doc_field(d, t->name, r->name);
    pdf_doc_field(d, t->email, given(r->email) ? r->email : t->by_post);
    pdf_doc_field(d, t->phone, given(r->phone) ? r->phone : t->not_given);

    pdf_doc_heading(d, 2, t->street_h);
    pdf_doc_field(d, t->street, r->street);
    pdf_doc_field(d, t->house_number, house);
    pdf_doc_field(d, t->postcode, r->postcode);
    pdf_doc_field(d, t->wijk, r->wijk);
    pdf_doc_field(d, t->households, count);

    pdf_doc_heading(d, 2, t->second_h);
    if (given(r->second_name) || given(r->second_email)) {
        pdf_doc_field(d, t->name,
                      given(r->second_name) ? r->second_name : t->not_given);
        pdf_doc_field(d, t->email,
                      given(r->second_email) ? r->second_email : t->not_given);
    } else {
        pdf_doc_paragraph(d, t->no_second);
    }

    pdf_doc_heading(d, 2, t->plan_h);
    pdf_doc_paragraph(d, r->plan);

    pdf_doc_heading(d, 2, t->payout_h);
    if (r->payout == RECEIPT_PAYOUT_BANK) {
        pdf_doc_field(d, t->method, t->bank);
        pdf_doc_field(d, t->holder, r->account_holder);
        pdf_doc_field(d, t->iban, r->iban_masked);
    } else {
        pdf_doc_field(d, t->method, t->card);
    }

    pdf_doc_heading(d, 2, t->next_h);
    pdf_doc_paragraph(d, t->next);

    return pdf_doc_finish(d, out, len, err, errlen);
}
