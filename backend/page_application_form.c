/* GET and POST /aanvragen - the resident's application form.
 *
 * GET shows the empty form with a CSRF token bound to a cookie and a
 * one-time key. POST checks, in order: content type (415), the form's
 * encoding (400), CSRF (form again, values kept), the honeypot, the rate
 * limit per client (429, values kept), then every field (form again with
 * an error summary); a valid form is filed and the resident is sent on
 * (303) to the private status page. Nothing typed is ever lost. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang.h"
#include "app.h"
#include "application_follow_up.h"
#include "application_input.h"
#include "application_submit.h"
#include "form_csrf.h"
#include "db_rate_limit.h"
#include "db_street.h"
#include "form_render.h"
#include "layout.h"
#include "pages.h"

#define CSRF_PURPOSE "application_form"
#define FONT_DIR "/usr/share/fonts/truetype/dejavu"

struct render {
    struct html *h;
    const char *selected;
    size_t n;
};

static void
street_option(void *cls, const char *name)
{
    struct render *r = cls;
    HTML(r->h, "<option value=\"{}\"></option>\n", name);
}

#define MAX_WIJKEN 16
struct wijk_list {
    char code[MAX_WIJKEN][3];
    char name[MAX_WIJKEN][64];
    struct option_view opts[MAX_WIJKEN];
    size_t n;
};

static void
wijk_option(void *cls, const char *code, const char *name)
{
    struct wijk_list *w = cls;
    size_t i;
    bool up = true;

    if (w->n >= MAX_WIJKEN)
        return;
    snprintf(w->code[w->n], sizeof(w->code[0]), "%s", code);
    /* the reference data has capitals (WEST); show West */
    snprintf(w->name[w->n], sizeof(w->name[0]), "%s", name);
    for (i = 0; w->name[w->n][i]; i++) {
        char ch = w->name[w->n][i];
        if (!up && ch >= 'A' && ch <= 'Z')
            w->name[w->n][i] = (char)(ch - 'A' + 'a');
        up = ch == ' ' || ch == '-';
    }
    w->opts[w->n].value = w->code[w->n];
    w->opts[w->n].label = w->name[w->n];
    w->n++;
}

/* The whole page: form with values (in may be NULL for an empty form);
 * fu when it is a follow-up potje. */
static void
render_form(struct request *rq, struct html *h, struct application_input *in,
            const char *lang, const char *banner, const char *token,
            const char *key, const struct follow_up *fu)
{
    struct db_conn *db = request_db(rq);
    struct render r = {h, NULL, 0};
    struct wijk_list wl;
    const char *opt = tr(lang, " (niet verplicht)", " (optional)");
    const char *title =
        fu ? tr(lang, "Nieuw potje aanvragen", "Apply for a new potje")
           : tr(lang, "Potje aanvragen", "Apply for a potje");
    char href[128];
    static const char *const empty = "";
#define V(field) (in ? in->field : empty)
#define E(id) (in ? application_input_error(in, id) : NULL)

    memset(&wl, 0, sizeof(wl));
    if (db != NULL)
        (void)db_wijk_names(db, wijk_option, &wl);
    if (fu != NULL)
        follow_up_lang_href(fu, lang, href, sizeof(href));
    else
        snprintf(href, sizeof(href), "%s",
                 tr(lang, "/aanvragen?taal=en", "/aanvragen"));
    layout_begin(h, title);
    HTML(h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", title);
    HTML(h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\" lang=\"{}\">{}</a></p>\n",
         href, tr(lang, "en", "nl"),
         tr(lang, "Read this page in English",
            "Lees deze pagina in het "
            "Nederlands"));
    if (fu != NULL)
        follow_up_intro(h, fu, lang);
    if (banner != NULL)
        HTML(h,
             "<div class=\"utrecht-alert utrecht-alert--warning\" "
             "role=\"status\"><div class=\"utrecht-alert__content\"><p "
             "class=\"utrecht-paragraph\">{}</p></div></div>\n",
             banner);
    if (in != NULL)
        form_error_summary(
            h, tr(lang, "Controleer deze punten", "Please check these points"),
            in->errors, in->nerrors);
    HTML(h,
         "<p class=\"utrecht-paragraph\">{}</p>\n"
         "<form class=\"utrecht-form\" method=\"post\" action=\"/aanvragen\" "
         "novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"sleutel\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"taal\" value=\"{}\">\n",
         tr(lang,
            "Vul de vragen hieronder in. Velden waar \"niet verplicht\" "
            "achter staat, mag u leeg laten.",
            "Please answer the questions below. You may leave fields marked "
            "\"optional\" empty."),
         token, key, lang);
    if (fu != NULL)
        follow_up_hidden(h, fu);

    HTML(h, "<h2 class=\"utrecht-heading-2\">{}</h2>\n",
         tr(lang, "Over u", "About you"));
    struct field_view f_name = {
        FIELD_TEXT, AF_NAME, tr(lang, "Uw naam", "Your name"),
        NULL,       V(name), E(AF_NAME),
        "name",     NULL,    opt,
        true,       100};
    form_field(h, &f_name);
    struct field_view f_email = {
        FIELD_EMAIL,
        AF_EMAIL,
        tr(lang, "Uw e-mailadres", "Your email address"),
        tr(lang, "Hierop krijgt u bericht als er nieuws is.",
           "We will let you know here when there is news."),
        V(email),
        E(AF_EMAIL),
        "email",
        NULL,
        opt,
        true,
        254};
    form_field(h, &f_email);
    struct field_view f_phone = {
        FIELD_TEL, AF_PHONE, tr(lang, "Uw telefoonnummer", "Your phone number"),
        NULL,      V(phone), E(AF_PHONE),
        "tel",     NULL,     opt,
        false,     20};
    form_field(h, &f_phone);

    HTML(h, "<h2 class=\"utrecht-heading-2\">{}</h2>\n",
         tr(lang, "Uw straat", "Your street"));
    struct field_view f_street = {FIELD_TEXT,
                                  AF_STREET,
                                  tr(lang, "Straat", "Street"),
                                  tr(lang,
                                     "Begin te typen; u krijgt suggesties.",
                                     "Start typing to get suggestions."),
                                  V(street),
                                  E(AF_STREET),
                                  "address-line1",
                                  "straten",
                                  opt,
                                  true,
                                  100};
    form_field(h, &f_street);
    HTML_LIT(h, "<datalist id=\"straten\">\n");
    if (db != NULL)
        (void)db_street_names(db, street_option, &r);
    HTML_LIT(h, "</datalist>\n");
    struct field_view f_house = {
        FIELD_TEXT,
        AF_HOUSE,
        tr(lang, "Huisnummer", "House number"),
        tr(lang, "Met toevoeging als u die heeft, bijvoorbeeld 12 bis.",
           "With an addition if you have one, for example 12 bis."),
        V(house),
        E(AF_HOUSE),
        NULL,
        NULL,
        opt,
        true,
        20};
    form_field(h, &f_house);
    struct field_view f_pc = {
        FIELD_TEXT,
        AF_POSTCODE,
        tr(lang, "Postcode", "Postcode"),
        tr(lang, "Bijvoorbeeld 3511 AB.", "For example 3511 AB."),
        V(postcode),
        E(AF_POSTCODE),
        "postal-code",
        NULL,
        opt,
        true,
        8};
    form_field(h, &f_pc);
    struct field_view f_wijk = {
        FIELD_TEXT,
        AF_WIJK,
        tr(lang, "Wijk", "District"),
        tr(lang,
           "Alleen nodig als wij uw straat niet kennen of als de straat in "
           "meer wijken ligt.",
           "Only needed if we do not know your street or it runs through "
           "more than one district."),
        V(wijk),
        E(AF_WIJK),
        NULL,
        NULL,
        opt,
        false,
        0};
    form_select(h, &f_wijk, tr(lang, "Weet ik niet", "I do not know"), wl.opts,
                wl.n);
    struct field_view f_hh = {
        FIELD_NUMBER,
        AF_HOUSEHOLDS,
        tr(lang, "Ongeveer hoeveel huishoudens wonen in uw straat?",
           "Roughly how many households live in your street?"),
        tr(lang, "Of in het deel van de straat waar u het voor doet.",
           "Or in the part of the street you do it for."),
        V(households),
        E(AF_HOUSEHOLDS),
        NULL,
        NULL,
        opt,
        true,
        5};
    form_field(h, &f_hh);

    HTML(h,
         "<h2 class=\"utrecht-heading-2\">{}</h2>\n"
         "<p class=\"utrecht-paragraph\">{}</p>\n",
         tr(lang, "Tweede gangmaker", "Second organiser"),
         tr(lang, "Doet een buur mee? Dat is fijn, maar het hoeft niet.",
            "Is a neighbour joining you? That is nice, but not needed."));
    struct field_view f_n2 = {FIELD_TEXT, AF_NAME2, tr(lang, "Naam", "Name"),
                              NULL,       V(name2), E(AF_NAME2),
                              "off",      NULL,     opt,
                              false,      100};
    form_field(h, &f_n2);
    struct field_view f_e2 = {
        FIELD_EMAIL, AF_EMAIL2, tr(lang, "E-mailadres", "Email address"),
        NULL,        V(email2), E(AF_EMAIL2),
        "off",       NULL,      opt,
        false,       254};
    form_field(h, &f_e2);

    HTML(h, "<h2 class=\"utrecht-heading-2\">{}</h2>\n",
         tr(lang, "Uw plan", "Your plan"));
    struct field_view f_plan = {
        FIELD_TEXTAREA,
        AF_PLAN,
        tr(lang, "Wat wilt u doen met het potje?",
           "What do you want to do with the potje?"),
        tr(lang,
           "Een paar zinnen is genoeg. Schrijf geen namen of gezondheid van "
           "buren op.",
           "A few sentences are enough. Do not write down names or health "
           "details of neighbours."),
        V(plan),
        E(AF_PLAN),
        NULL,
        NULL,
        opt,
        true,
        1000};
    form_field(h, &f_plan);

    HTML(h, "<h2 class=\"utrecht-heading-2\">{}</h2>\n",
         tr(lang, "Uitbetaling", "Payment"));
    struct option_view payout[2] = {
        {"bank", tr(lang, "Op mijn bankrekening", "To my bank account")},
        {"prepaid_card",
         tr(lang,
            "Op een prepaidkaart (bijvoorbeeld als u een uitkering of "
            "een betalingsregeling heeft)",
            "On a prepaid card (for example if you receive benefits or have "
            "a payment arrangement)")}};
    struct field_view f_pay = {FIELD_TEXT,
                               AF_PAYOUT,
                               tr(lang, "Hoe wilt u het geld krijgen?",
                                  "How do you want to receive the money?"),
                               NULL,
                               in ? in->payout : "bank",
                               E(AF_PAYOUT),
                               NULL,
                               NULL,
                               opt,
                               true,
                               0};
    form_radios(h, &f_pay, payout, 2);
    struct field_view f_iban = {
        FIELD_TEXT,
        AF_IBAN,
        tr(lang, "IBAN (rekeningnummer)", "IBAN (account number)"),
        tr(lang,
           "Alleen nodig voor de bankrekening. Bijvoorbeeld NL91 ABNA "
           "0417 1643 00.",
           "Only needed for a bank account. For example NL91 ABNA 0417 1643 "
           "00."),
        V(iban),
        E(AF_IBAN),
        "off",
        NULL,
        opt,
        false,
        42};
    if (fu != NULL)
        follow_up_account_choice(h, fu, lang);
    form_field(h, &f_iban);
    struct field_view f_holder = {
        FIELD_TEXT,
        AF_HOLDER,
        tr(lang, "Naam van de rekeninghouder", "Name of the account holder"),
        NULL,
        V(holder),
        E(AF_HOLDER),
        "off",
        NULL,
        opt,
        false,
        70};
    form_field(h, &f_holder);

    HTML(h, "<h2 class=\"utrecht-heading-2\">{}</h2>\n",
         tr(lang, "Privacy", "Privacy"));
    struct field_view f_ok = {FIELD_TEXT,
                              AF_CONSENT,
                              tr(lang, "Ik ga akkoord met de privacyverklaring",
                                 "I agree to the privacy statement"),
                              tr(lang, "Lees de privacyverklaring op /privacy.",
                                 "Read the privacy statement at /privacy."),
                              V(consent),
                              E(AF_CONSENT),
                              NULL,
                              NULL,
                              opt,
                              true,
                              0};
    form_checkbox(h, &f_ok);
    HTML(h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"/privacy{}\">{}</a></p>\n",
         tr(lang, "", "?taal=en"),
         tr(lang, "Privacyverklaring lezen", "Read the privacy statement"));
    /* a field people do not see and bots fill in */
    HTML(h,
         "<div class=\"ll-hp\" aria-hidden=\"true\"><label for=\"website\">{}"
         "</label><input type=\"text\" id=\"website\" name=\"website\" "
         "tabindex=\"-1\" autocomplete=\"off\" value=\"{}\"></div>\n",
         tr(lang, "Dit veld leeg laten", "Leave this field empty"),
         V(honeypot));
    HTML(h,
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--primary-action\">{}</button>"
         "</p>\n</form>\n",
         tr(lang, "Aanvraag versturen", "Send application"));
    layout_end(h);
#undef V
#undef E
}

static enum MHD_Result
show_form(struct request *rq, const struct follow_up *fu, unsigned status,
          struct application_input *in, const char *lang, const char *banner)
{
    char token[CSRF_TOKEN_MAX], key[65];
    unsigned char raw[32];
    struct html h;

    form_csrf_issue(rq, CSRF_PURPOSE, token);
    if (in != NULL && strlen(in->key) >= 32 && strlen(in->key) <= 64) {
        /* keep the one-time key: a resubmission is the same application */
        snprintf(key, sizeof(key), "%s", in->key);
    } else {
        randombytes_buf(raw, sizeof(raw));
        sodium_bin2hex(key, sizeof(key), raw, sizeof(raw));
    }
    html_init(&h);
    render_form(rq, &h, in, lang, banner, token, key, fu);
    return reply_html(rq, status, &h);
}

/* GET /aanvragen?vervolg=<status token>: the form for the next potje,
 * filled in from the previous one, once its spending report is in. */
static enum MHD_Result
follow_up_form(struct request *rq, const char *token)
{
    const char *lang = request_lang(rq);
    struct application_input in;
    struct follow_up *fu = malloc(sizeof(*fu));
    enum MHD_Result ret;
    unsigned code;

    if (fu == NULL)
        return reply_error(rq, 500, NULL);
    code = follow_up_load(rq, token, fu);
    if (code != 0) {
        ret = reply_error(rq, code, NULL);
    } else if (!follow_up_open(fu)) {
        ret = follow_up_refused(rq, 409, fu, lang);
    } else {
        follow_up_prefill(fu, &in, lang);
        ret = show_form(rq, fu, 200, &in, lang, NULL);
    }
    free(fu);
    return ret;
}

enum MHD_Result
page_application_form(struct request *rq)
{
    const char *token = urlenc_get(&rq->query, FOLLOW_UP_PARAM);

    if (token != NULL)
        return follow_up_form(rq, token);
    return show_form(rq, NULL, 200, NULL, request_lang(rq), NULL);
}

static bool
key_valid(const char *k)
{
    size_t n = strlen(k), i;

    if (n != 64)
        return false;
    for (i = 0; i < n; i++)
        if (!((k[i] >= '0' && k[i] <= '9') || (k[i] >= 'a' && k[i] <= 'f')))
            return false;
    return true;
}

enum MHD_Result
page_application_submit(struct request *rq)
{
    struct urlenc_pairs form = {NULL, 0};
    struct application_input in;
    struct street_match sm;
    struct street_facts facts;
    struct submit_result res;
    struct submit_context ctx;
    struct follow_up *fu = NULL;
    const char *vervolg, *typed_iban;
    unsigned char client[32];
    unsigned retry = 0, code;
    enum urlenc_status us;
    struct db_conn *db;
    enum MHD_Result ret;
    char loc[128];
    int hits, found;
    enum db_status st;

    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    us = urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 64,
                      8192, &form);
    if (us != URLENC_OK)
        return reply_error(rq, 400,
                           "Wat u invulde bevat tekens die wij niet kunnen "
                           "lezen. Ga terug en controleer wat u typte.");
    application_input_from_form(&in, &form);
    vervolg = urlenc_get(&form, FOLLOW_UP_PARAM);
    if (vervolg != NULL) {
        /* a follow-up potje: its status token is checked again */
        fu = malloc(sizeof(*fu));
        code = fu ? follow_up_load(rq, vervolg, fu) : 500;
        if (code != 0) {
            ret = reply_error(rq, code, NULL);
            goto out;
        }
        follow_up_take_account(fu, &form);
        if (!fu->src.report_submitted) {
            ret = follow_up_refused(rq, 409, fu, in.lang);
            goto out;
        }
    }
    if (!form_csrf_valid(rq, CSRF_PURPOSE, in.csrf)) {
        ret = show_form(rq, fu, 403, &in, in.lang,
                        tr(in.lang,
                           "Uw formulier is verlopen of kwam niet goed aan. "
                           "Uw gegevens staan er nog. Controleer ze en "
                           "verstuur het formulier opnieuw.",
                           "Your form expired or did not arrive correctly. "
                           "Your answers are still here. Please check them "
                           "and send the form again."));
        goto out;
    }
    if (in.honeypot[0] != '\0') {
        ret = show_form(rq, fu, 422, &in, in.lang,
                        tr(in.lang,
                           "Uw aanvraag is niet verstuurd. Laat het veld "
                           "'website' leeg en verstuur opnieuw.",
                           "Your application was not sent. Leave the field "
                           "'website' empty and send it again."));
        goto out;
    }
    db = request_db(rq);
    if (db == NULL) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    request_client_hash(rq, client);
    hits = db_rate_limit_hit(db, "application_submit", client, 3600, &retry);
    if (hits < 0) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    if ((unsigned)hits > rq->app->cfg.submit_limit) {
        snprintf(rq->retry_after, sizeof(rq->retry_after), "%u", retry);
        ret = show_form(rq, fu, 429, &in, in.lang,
                        tr(in.lang,
                           "Er zijn vanaf uw adres veel aanvragen verstuurd. "
                           "Wacht een uur en verstuur dan opnieuw. Uw "
                           "gegevens staan er nog.",
                           "Many applications were sent from your address. "
                           "Please wait an hour and send again. Your answers "
                           "are still here."));
        goto out;
    }
    found = db_street_find(db, in.street, &sm);
    if (found < 0) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    memset(&facts, 0, sizeof(facts));
    facts.known = found == 1;
    snprintf(facts.wijken, sizeof(facts.wijken), "%s", sm.wijken);
    typed_iban = in.iban;
    if (fu != NULL)
        in.iban = follow_up_iban(fu, &in);
    application_input_validate(&in, &facts);
    in.iban = typed_iban;
    if (!key_valid(in.key))
        in.key = "";
    if (in.nerrors > 0 || in.key[0] == '\0') {
        ret = show_form(rq, fu, 422, &in, in.lang,
                        in.nerrors
                            ? NULL
                            : tr(in.lang, "Verstuur het formulier opnieuw.",
                                 "Please send the form again."));
        goto out;
    }
    ctx.box_key = rq->app->box_key;
    ctx.font_dir = FONT_DIR;
    ctx.entered_by = 0;
    ctx.previous_id = fu ? fu->src.application_id : 0;
    st = application_submit(
        db, &ctx, &in, facts.known ? sm.id : 0,
        facts.known ? sm.name : in.street, application_input_wijk(&in, &facts),
        (facts.known && sm.buurt[0]) ? sm.buurt : NULL, &res);
    if (st == DB_CONFLICT) {
        /* the one-time key belongs to an application we can no longer
         * answer for (its key was forgotten): treat this as a new form */
        in.key = "";
        ret = show_form(rq, fu, 422, &in, in.lang,
                        tr(in.lang,
                           "Verstuur het formulier nog een keer; het was al "
                           "eerder verstuurd.",
                           "Please send the form once more; it had been "
                           "sent before."));
        goto out;
    }
    if (st < 0) {
        ret = reply_error(rq, 500, NULL);
        goto out;
    }
    if (res.follow_up_refused) {
        /* another follow-up of this potje was filed meanwhile */
        code = follow_up_load(rq, vervolg, fu);
        ret = code ? reply_error(rq, code, NULL)
                   : follow_up_refused(rq, 409, fu, in.lang);
        goto out;
    }
    snprintf(loc, sizeof(loc), "/status/%s?nieuw=1%s", res.token,
             strcmp(in.lang, "en") == 0 ? "&taal=en" : "");
    ret = reply_redirect(rq, loc);
out:
    free(fu);
    urlenc_pairs_free(&form);
    return ret;
}
