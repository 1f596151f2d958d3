#include "award_letter_pdf.h"

#include <stdio.h>
#include <string.h>

/* Every text of both letters, in one language. Sentences that carry a
 * value are split around it: the pieces are joined by CAT(), so that no
 * format string ever comes from data. */
struct texts {
    const char *award_title;
    const char *reject_title;
    const char *city;
    const char *reference;
    const char *date;
    const char *street;
    const char *wijk;
    const char *dear;
    const char *decision_h;
    const char *grant[4]; /* amount, street, wijk */
    const char *lower[2]; /* default amount */
    const char *conditions_h;
    const char *conditions;
    const char *payout_h;
    const char *bank[3];       /* when, masked IBAN */
    const char *bank_plain[2]; /* when (no IBAN known) */
    const char *card[4];       /* when, makelaar, organisation */
    const char *soon;
    const char *on;              /* before a bare date */
    const char *reject_intro[3]; /* street, wijk */
    const char *reject_reason;
    const char *can_do_h;
    const char *can_do[3]; /* makelaar, organisation */
    const char *objection_h;
    const char *objection[2]; /* organisation */
    const char *regards;
    const char *signed_as;           /* before the organisation */
    const char *generated_award[2];  /* around decided_on */
    const char *generated_reject[2]; /* around decided_on */
};

static const struct texts nl = {
    .award_title = "Toekenning Lief en Leed-potje",
    .reject_title = "Afwijzing Lief en Leed-potje",
    .city = "Utrecht",
    .reference = "Referentie",
    .date = "Datum",
    .street = "Straat",
    .wijk = "Wijk",
    .dear = "Beste ",
    .decision_h = "Besluit",
    .grant = {"U krijgt een Lief en Leed-potje van ", " voor de ",
              " in de wijk ", ". Gefeliciteerd!"},
    .lower = {"Dit is minder dan het gewone bedrag van ", ". De reden:"},
    .conditions_h = "Waar is het potje voor?",
    .conditions =
        "- Besteed het geld aan aandacht voor buren bij lief en leed: "
        "bijvoorbeeld een kaart, bloemen of een attentie bij een geboorte, "
        "ziekte, verhuizing of overlijden.\n"
        "- Bewaar de bonnetjes.\n"
        "- Vertel binnen 12 maanden waaraan u het geld heeft besteed. Dat "
        "doet u via uw persoonlijke statuspagina.\n"
        "- Schrijf daarbij nooit namen of gezondheidsgegevens van buren op.",
    .payout_h = "Hoe krijgt u het geld?",
    .bank = {"Wij maken het bedrag ", " over naar uw rekening ", "."},
    .bank_plain = {"Wij maken het bedrag ",
                   " over naar de rekening die u heeft opgegeven."},
    .card = {"U krijgt het bedrag ", " op een prepaidkaart. ", " van ",
             " geeft u de kaart persoonlijk."},
    .soon = "binnen vier weken",
    .on = "op ",
    .reject_intro = {"Wij hebben uw aanvraag voor een Lief en Leed-potje "
                     "voor de ",
                     " in de wijk ", " bekeken. U krijgt helaas geen potje."},
    .reject_reason = "De reden:",
    .can_do_h = "Wat kunt u nu doen?",
    .can_do = {"- Heeft u vragen over dit besluit? Neem contact op met ",
               ", uw sociaal makelaar van ",
               ". Samen kijken we wat wel kan.\n"
               "- U kunt later opnieuw een aanvraag doen, bijvoorbeeld als "
               "er iets verandert in uw straat."},
    .objection_h = "Bent u het niet eens met dit besluit?",
    .objection = {"Dan kunt u bezwaar maken. Doe dat binnen zes weken na de "
                  "datum van deze brief. Stuur uw bezwaar naar ",
                  " (gemeente Utrecht). Schrijf in uw brief: uw naam en "
                  "adres, de datum, de referentie van dit besluit en waarom "
                  "u het er niet mee eens bent. Zet uw handtekening eronder "
                  "(artikel 6:7 Algemene wet bestuursrecht)."},
    .regards = "Met vriendelijke groet,",
    .signed_as = "sociaal makelaar, ",
    .generated_award = {"Gemaakt op ", " uit de stand: toegekend"},
    .generated_reject = {"Gemaakt op ", " uit de stand: afgewezen"},
};

static const struct texts en = {
    .award_title = "Award of a Lief en Leed grant",
    .reject_title = "Refusal of a Lief en Leed grant",
    .city = "Utrecht",
    .reference = "Reference",
    .date = "Date",
    .street = "Street",
    .wijk = "District (wijk)",
    .dear = "Dear ",
    .decision_h = "Decision",
    .grant = {"You receive a Lief en Leed grant (potje) of ", " for ",
              " in the district ", ". Congratulations!"},
    .lower = {"This is less than the usual amount of ", ". The reason:"},
    .conditions_h = "What is the grant for?",
    .conditions =
        "- Spend the money on attention for neighbours in joy and sorrow: "
        "for example a card, flowers or a small gift at a birth, illness, "
        "a move or a death.\n"
        "- Keep the receipts.\n"
        "- Within 12 months, tell us what you spent the money on. You do "
        "this on your personal status page.\n"
        "- Never write down names or health details of neighbours.",
    .payout_h = "How do you get the money?",
    .bank = {"We will transfer the amount ", " to your account ", "."},
    .bank_plain = {"We will transfer the amount ",
                   " to the account you gave us."},
    .card = {"You receive the amount ", " on a prepaid card. ", " of ",
             " will hand you the card in person."},
    .soon = "within four weeks",
    .on = "on ",
    .reject_intro = {"We have looked at your application for a Lief en "
                     "Leed grant for ",
                     " in the district ",
                     ". Unfortunately, you do not receive a grant."},
    .reject_reason = "The reason:",
    .can_do_h = "What can you do now?",
    .can_do = {"- Do you have questions about this decision? Contact ",
               ", your sociaal makelaar (community worker) at ",
               ". Together we will look at what is possible.\n"
               "- You can apply again later, for example when something "
               "changes in your street."},
    .objection_h = "Do you disagree with this decision?",
    .objection = {"Then you can object (bezwaar). Do this within six weeks "
                  "after the date of this letter. Send your objection to ",
                  " (municipality of Utrecht). Write in your letter: your "
                  "name and address, the date, the reference of this "
                  "decision and why you disagree. Sign it (article 6:7 of "
                  "the General Administrative Law Act, Awb)."},
    .regards = "Kind regards,",
    .signed_as = "sociaal makelaar, ",
    .generated_award = {"Generated on ", " from the state: awarded"},
    .generated_reject = {"Generated on ", " from the state: rejected"},
};

/* Room for one sentence with its values; the reasons, which may be long,
 * are printed as paragraphs of their own and never pass through here. */
#define SENTENCE 2048

static bool
given(const char *s)
{
    return s != NULL && *s != '\0';
}

/* Join the n strings of part into out (cut off when too long; the values
 * are short: names, street and wijk). */
static void
join(char *out, size_t outlen, const char *const *part, size_t n)
{
    size_t used = 0, i;

    out[0] = '\0';
    for (i = 0; i < n; i++) {
        size_t k = strlen(part[i]);
        if (used + k >= outlen)
            k = outlen - 1 - used;
        memcpy(out + used, part[i], k);
        used += k;
        out[used] = '\0';
    }
}

/* CAT(buf, "a", b, "c"): join the strings into the array buf. */
#define CAT(out, ...)                                                          \
    join((out), sizeof(out), (const char *const[]){__VA_ARGS__},               \
         sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* cents > 0 as "€ 1.234,56" (reports/ keeps off backend/money.h). */
static void
euro(long long cents, char *out, size_t outlen)
{
    char digits[32], grouped[48];
    long long euros = cents / 100;
    size_t n, i, k = 0;

    snprintf(digits, sizeof(digits), "%lld", euros);
    n = strlen(digits);
    for (i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[k++] = '.';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    snprintf(out, outlen, "\xE2\x82\xAC %s,%02d", grouped, (int)(cents % 100));
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

/* The name of the first missing field both letters need, or NULL. */
static const char *
missing(const struct decision_letter *l)
{
    if (!given(l->reference))
        return "reference";
    if (!given(l->decided_on))
        return "decided_on";
    if (!given(l->name))
        return "name";
    if (!given(l->street))
        return "street";
    if (!given(l->wijk))
        return "wijk";
    if (!given(l->organisation))
        return "organisation";
    if (!given(l->makelaar))
        return "makelaar";
    return NULL;
}

/* Checks shared by both letters; picks the texts. */
static bool
check_common(const struct decision_letter *l, const struct texts **t, char *err,
             size_t errlen)
{
    const char *miss;

    if (l == NULL) {
        snprintf(err, errlen, "brief: geen gegevens");
        return false;
    }
    if (l->lang == NULL || strcmp(l->lang, "nl") == 0)
        *t = &nl;
    else if (strcmp(l->lang, "en") == 0)
        *t = &en;
    else {
        snprintf(err, errlen, "brief: onbekende taal \"%.8s\"", l->lang);
        return false;
    }
    miss = missing(l);
    if (miss != NULL) {
        snprintf(err, errlen, "brief: %s ontbreekt", miss);
        return false;
    }
    return true;
}

/* Open the document with the letterhead, the title, the address block,
 * the reference fields and the greeting. */
static struct pdf_doc *
begin(const struct decision_letter *l, const struct texts *t,
      const struct pdf_doc_options *opt, const char *title,
      const char *const generated_parts[2], char *err, size_t errlen)
{
    struct pdf_doc_options o = {0};
    struct pdf_doc *d;
    char meta[256], generated[256], place[128], addr[SENTENCE];

    if (opt != NULL)
        o = *opt;
    o.lang = t == &en ? "en" : "nl";
    CAT(meta, title, " ", l->reference);
    o.title = meta;
    o.subject = title;
    if (!given(o.author))
        o.author = l->organisation;
    if (!given(o.org_name))
        o.org_name = l->organisation;
    if (!given(o.generated)) {
        CAT(generated, generated_parts[0], l->decided_on, generated_parts[1]);
        o.generated = generated;
    }

    d = pdf_doc_new(&o, err, errlen);
    if (d == NULL)
        return NULL;

    /* the address block, for a window envelope */
    if (given(l->postcode))
        CAT(place, l->postcode, "  ", t->city);
    else
        place[0] = '\0';
    CAT(addr, l->name, given(l->address) ? "\n" : "",
        given(l->address) ? l->address : "", given(place) ? "\n" : "", place);
    pdf_doc_paragraph(d, addr);
    pdf_doc_space(d, 10);

    pdf_doc_heading(d, 1, title);
    pdf_doc_field(d, t->reference, l->reference);
    pdf_doc_field(d, t->date, l->decided_on);
    pdf_doc_field(d, t->street, l->street);
    pdf_doc_field(d, t->wijk, l->wijk);

    CAT(addr, t->dear, l->name, ",");
    pdf_doc_paragraph(d, addr);
    return d;
}

/* The objection clause and the signature: the end of both letters. */
static void
end(struct pdf_doc *d, const struct decision_letter *l, const struct texts *t)
{
    char s[SENTENCE];

    pdf_doc_heading(d, 2, t->objection_h);
    CAT(s, t->objection[0], l->organisation, t->objection[1]);
    pdf_doc_paragraph(d, s);

    CAT(s, t->regards, "\n\n", l->makelaar, "\n", t->signed_as,
        l->organisation);
    pdf_doc_paragraph(d, s);
}

bool
award_letter_pdf(const struct decision_letter *l,
                 const struct pdf_doc_options *opt, unsigned char **out,
                 size_t *len, char *err, size_t errlen)
{
    const struct texts *t;
    struct pdf_doc *d;
    char s[SENTENCE], amount[64], when[256];

    *out = NULL;
    *len = 0;
    if (!check_common(l, &t, err, errlen))
        return false;
    if (l->amount_cents <= 0) {
        snprintf(err, errlen, "brief: het bedrag moet meer dan 0 zijn");
        return false;
    }
    if (l->default_amount_cents > 0 &&
        l->amount_cents < l->default_amount_cents &&
        !given(l->reduction_reason)) {
        snprintf(err, errlen,
                 "brief: reduction_reason ontbreekt bij een lager bedrag");
        return false;
    }
    if (!l->prepaid_card && given(l->iban_masked) &&
        !looks_masked(l->iban_masked)) {
        snprintf(err, errlen, "brief: de IBAN is niet gemaskeerd");
        return false;
    }

    euro(l->amount_cents, amount, sizeof(amount));
    /* "binnen vier weken" reads on its own; a bare date needs "op" */
    if (!given(l->expected_payout))
        CAT(when, t->soon);
    else if (l->expected_payout[0] >= '0' && l->expected_payout[0] <= '9')
        CAT(when, t->on, l->expected_payout);
    else
        CAT(when, l->expected_payout);

    d = begin(l, t, opt, t->award_title, t->generated_award, err, errlen);
    if (d == NULL)
        return false;

    /* Errors are sticky: pdf_doc_finish() reports the first one. */
    pdf_doc_heading(d, 2, t->decision_h);
    CAT(s, t->grant[0], amount, t->grant[1], l->street, t->grant[2], l->wijk,
        t->grant[3]);
    pdf_doc_paragraph(d, s);
    if (l->default_amount_cents > 0 &&
        l->amount_cents < l->default_amount_cents) {
        char usual[64];

        euro(l->default_amount_cents, usual, sizeof(usual));
        CAT(s, t->lower[0], usual, t->lower[1]);
        pdf_doc_paragraph(d, s);
        pdf_doc_paragraph(d, l->reduction_reason);
    }

    pdf_doc_heading(d, 2, t->conditions_h);
    pdf_doc_paragraph(d, t->conditions);

    pdf_doc_heading(d, 2, t->payout_h);
    if (l->prepaid_card)
        CAT(s, t->card[0], when, t->card[1], l->makelaar, t->card[2],
            l->organisation, t->card[3]);
    else if (given(l->iban_masked))
        CAT(s, t->bank[0], when, t->bank[1], l->iban_masked, t->bank[2]);
    else
        CAT(s, t->bank_plain[0], when, t->bank_plain[1]);
    pdf_doc_paragraph(d, s);

    end(d, l, t);
    return pdf_doc_finish(d, out, len, err, errlen);
}

bool
rejection_letter_pdf(const struct decision_letter *l,
                     const struct pdf_doc_options *opt, unsigned char **out,
                     size_t *len, char *err, size_t errlen)
{
    const struct texts *t;
    struct pdf_doc *d;
    char s[SENTENCE];

    *out = NULL;
    *len = 0;
    if (!check_common(l, &t, err, errlen))
        return false;
    if (!given(l->rejection_reason)) {
        snprintf(err, errlen, "brief: rejection_reason ontbreekt");
        return false;
    }

    d = begin(l, t, opt, t->reject_title, t->generated_reject, err, errlen);
    if (d == NULL)
        return false;

    pdf_doc_heading(d, 2, t->decision_h);
    CAT(s, t->reject_intro[0], l->street, t->reject_intro[1], l->wijk,
        t->reject_intro[2]);
    pdf_doc_paragraph(d, s);
    pdf_doc_paragraph(d, t->reject_reason);
    pdf_doc_paragraph(d, l->rejection_reason);

    pdf_doc_heading(d, 2, t->can_do_h);
    CAT(s, t->can_do[0], l->makelaar, t->can_do[1], l->organisation,
        t->can_do[2]);
    pdf_doc_paragraph(d, s);

    end(d, l, t);
    return pdf_doc_finish(d, out, len, err, errlen);
}
