#include "lang.h"
#include "application_follow_up.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_application.h"
#include "form_render.h"
#include "layout.h"

/* The stored address is "<street as typed> <house number>", the house
 * number in its canonical form ("12", "12 BIS", "14-2"): it starts at the
 * last word that begins with a digit. */
static void
split_house(const char *address, char *out, size_t outlen)
{
    const char *start = NULL, *p;
    size_t n;

    for (p = address; *p; p++)
        if ((p == address || p[-1] == ' ') && *p >= '0' && *p <= '9')
            start = p;
    n = start ? strlen(start) : 0;
    /* a longer tail is no house number of ours: leave the field empty */
    if (n >= outlen)
        n = 0;
    if (n > 0)
        memcpy(out, start, n);
    out[n] = '\0';
}

unsigned
follow_up_load(struct request *rq, const char *token, struct follow_up *fu)
{
    unsigned char hash[STATUS_TOKEN_HASH_BYTES];
    struct application_view *a;
    struct db_conn *db;
    int r;

    memset(fu, 0, sizeof(*fu));
    if (token == NULL || strlen(token) != STATUS_TOKEN_CHARS ||
        !status_token_hash(token, hash))
        return 404;
    db = request_db(rq);
    if (db == NULL)
        return 503;
    a = malloc(sizeof(*a));
    if (a == NULL)
        return 500;
    r = db_application_by_token(db, hash, a);
    if (r == 1)
        r = db_follow_up_source(db, a->id, &fu->src);
    free(a);
    if (r <= 0)
        return r < 0 ? 503 : 404;
    memcpy(fu->token, token, STATUS_TOKEN_CHARS + 1);
    split_house(fu->src.address, fu->house, sizeof(fu->house));
    if (fu->src.iban[0])
        iban_mask(fu->src.iban, fu->iban_masked, sizeof(fu->iban_masked));
    fu->account = fu->iban_masked[0] ? "vorige" : "ander";
    return 0;
}

bool
follow_up_open(const struct follow_up *fu)
{
    return fu->src.report_submitted && fu->src.follow_up_reference[0] == '\0';
}

void
follow_up_prefill(const struct follow_up *fu, struct application_input *in,
                  const char *lang)
{
    const struct follow_up_source *s = &fu->src;

    memset(in, 0, sizeof(*in));
    in->lang = strcmp(lang, "en") == 0 ? "en" : "nl";
    in->name = s->name;
    in->email = s->email;
    in->phone = s->phone;
    in->street = s->street_name;
    in->house = fu->house;
    in->postcode = s->postcode;
    in->wijk = s->wijk_code;
    in->households = s->households;
    in->name2 = s->name2;
    in->email2 = s->email2;
    in->payout = s->payout_method[0] ? s->payout_method : "bank";
    in->holder = s->account_holder;
    in->plan = in->iban = in->consent = in->honeypot = in->csrf = in->key = "";
}

void
follow_up_take_account(struct follow_up *fu, const struct urlenc_pairs *form)
{
    const char *choice = urlenc_get(form, FOLLOW_UP_ACCOUNT);

    fu->account =
        (fu->iban_masked[0] && choice != NULL && strcmp(choice, "vorige") == 0)
            ? "vorige"
            : "ander";
}

const char *
follow_up_iban(const struct follow_up *fu, const struct application_input *in)
{
    if (strcmp(fu->account, "vorige") == 0 && strcmp(in->payout, "bank") == 0)
        return fu->src.iban;
    return in->iban;
}

void
follow_up_lang_href(const struct follow_up *fu, const char *lang, char *out,
                    size_t outlen)
{
    snprintf(out, outlen, "/aanvragen?" FOLLOW_UP_PARAM "=%s%s", fu->token,
             strcmp(lang, "en") == 0 ? "" : "&taal=en");
}

void
follow_up_intro(struct html *h, const struct follow_up *fu, const char *lang)
{
    HTML(h, "<p class=\"utrecht-paragraph\">{} {}{}</p>\n",
         tr(lang, "Dit is een aanvraag voor een nieuw potje, na uw potje",
            "This is an application for a new potje, after your potje"),
         fu->src.reference,
         tr(lang,
            ". Wij hebben uw gegevens van de vorige keer alvast ingevuld. "
            "Kijk of alles nog klopt en verander wat anders is.",
            ". We have filled in your details from last time. Check "
            "whether everything is still right and change what is "
            "different."));
}

void
follow_up_hidden(struct html *h, const struct follow_up *fu)
{
    HTML(h,
         "<input type=\"hidden\" name=\"" FOLLOW_UP_PARAM "\" value=\"{}\">\n",
         fu->token);
}

void
follow_up_account_choice(struct html *h, const struct follow_up *fu,
                         const char *lang)
{
    char same[IBAN_TEXT_SIZE + 80];

    if (fu->iban_masked[0] == '\0')
        return;
    snprintf(same, sizeof(same), "%s %s",
             tr(lang, "Dezelfde rekening als vorige keer:",
                "The same account as last time:"),
             fu->iban_masked);
    struct option_view opts[2] = {
        {"vorige", same},
        {"ander", tr(lang, "Een ander rekeningnummer (vul het hieronder in)",
                     "Another account number (enter it below)")}};
    struct field_view f = {FIELD_TEXT,
                           FOLLOW_UP_ACCOUNT,
                           tr(lang, "Op welke rekening wilt u het geld?",
                              "To which account do you want the money?"),
                           tr(lang,
                              "Alleen nodig voor de bankrekening. Om uw "
                              "gegevens te beschermen, tonen wij maar een "
                              "deel van het nummer.",
                              "Only needed for a bank account. To protect "
                              "your details, we show only part of the "
                              "number."),
                           fu->account,
                           NULL,
                           NULL,
                           NULL,
                           NULL,
                           false,
                           0};
    form_radios(h, &f, opts, 2);
}

enum MHD_Result
follow_up_refused(struct request *rq, unsigned status,
                  const struct follow_up *fu, const char *lang)
{
    const char *title = tr(lang, "U kunt nu geen nieuw potje aanvragen",
                           "You cannot apply for a new potje now");
    char back[128];
    struct html h;

    snprintf(back, sizeof(back), "/status/%s%s", fu->token,
             strcmp(lang, "en") == 0 ? "?taal=en" : "");
    html_init(&h);
    layout_begin(&h, title);
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", title);
    if (fu->src.follow_up_reference[0])
        HTML(&h, "<p class=\"utrecht-paragraph\">{} {}. {}</p>\n",
             tr(lang, "U heeft al een nieuw potje aangevraagd:",
                "You have already applied for a new potje:"),
             fu->src.follow_up_reference,
             tr(lang,
                "Op de pagina van die aanvraag ziet u hoe het ermee staat.",
                "The page of that application shows how it is doing."));
    else
        HTML(&h, "<p class=\"utrecht-paragraph\">{} {}{}</p>\n",
             tr(lang,
                "Een nieuw potje kunt u aanvragen als u het kostenoverzicht "
                "van uw vorige potje heeft ingestuurd. Dat is het potje",
                "You can apply for a new potje once you have sent in the "
                "spending report of your previous potje. That is potje"),
             fu->src.reference,
             tr(lang, ". Het kostenoverzicht vult u in op uw statuspagina.",
                ". You fill in the spending report on your status page."));
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\">{}</a></p>\n",
         back, tr(lang, "Naar uw statuspagina", "To your status page"));
    layout_end(&h);
    return reply_html(rq, status, &h);
}
