#include "staff_intake.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_street.h"
#include "form_render.h"
#include "staff_csrf.h"
#include "staff_layout.h"

#define MAX_WIJKEN 16

/* The makelaar's own wijken, for the wijk list. */
struct own_wijken {
    const struct staff *me;
    char code[MAX_WIJKEN][3];
    char name[MAX_WIJKEN][64];
    struct option_view opts[MAX_WIJKEN];
    size_t n;
};

static void
wijk_option(void *cls, const char *code, const char *name)
{
    struct own_wijken *w = cls;

    if (w->n >= MAX_WIJKEN || !staff_has_wijk(w->me, code))
        return;
    snprintf(w->code[w->n], sizeof(w->code[0]), "%s", code);
    snprintf(w->name[w->n], sizeof(w->name[0]), "%s (%s)", name, code);
    w->opts[w->n].value = w->code[w->n];
    w->opts[w->n].label = w->name[w->n];
    w->n++;
}

static void
street_option(void *cls, const char *name)
{
    HTML((struct html *)cls, "<option value=\"{}\"></option>\n", name);
}

bool
staff_intake_key_valid(const char *k)
{
    size_t n = strlen(k), i;

    if (n != 64)
        return false;
    for (i = 0; i < n; i++)
        if (!((k[i] >= '0' && k[i] <= '9') || (k[i] >= 'a' && k[i] <= 'f')))
            return false;
    return true;
}

/* The fields of the form, in the resident form's order and names. */
static void
fields(struct html *h, struct db_conn *db, const struct application_input *in,
       const struct own_wijken *wl)
{
    static const char *const empty = "";
    const char *opt = " (niet verplicht)";
#define V(field) (in ? in->field : empty)
#define E(id) (in ? application_input_error(in, id) : NULL)

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">De bewoner</h2>\n");
    struct field_view f_name = {FIELD_TEXT, AF_NAME, "Naam van de bewoner",
                                NULL,       V(name), E(AF_NAME),
                                "off",      NULL,    opt,
                                true,       100};
    form_field(h, &f_name);
    struct field_view f_email = {
        FIELD_EMAIL,
        AF_EMAIL,
        "E-mailadres",
        "Laat leeg als de bewoner geen e-mail heeft. Brieven gaan dan per "
        "post naar het adres hieronder.",
        V(email),
        E(AF_EMAIL),
        "off",
        NULL,
        opt,
        false,
        254};
    form_field(h, &f_email);
    struct field_view f_phone = {FIELD_TEL, AF_PHONE, "Telefoonnummer",
                                 NULL,      V(phone), E(AF_PHONE),
                                 "off",     NULL,     opt,
                                 false,     20};
    form_field(h, &f_phone);

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Adres en straat</h2>\n");
    struct field_view f_street = {FIELD_TEXT,
                                  AF_STREET,
                                  "Straat",
                                  "De straat moet in een van uw wijken "
                                  "liggen.",
                                  V(street),
                                  E(AF_STREET),
                                  "off",
                                  "straten",
                                  opt,
                                  true,
                                  100};
    form_field(h, &f_street);
    HTML_LIT(h, "<datalist id=\"straten\">\n");
    if (db != NULL)
        (void)db_street_names(db, street_option, h);
    HTML_LIT(h, "</datalist>\n");
    struct field_view f_house = {FIELD_TEXT,
                                 AF_HOUSE,
                                 "Huisnummer",
                                 "Met toevoeging, bijvoorbeeld 12 bis.",
                                 V(house),
                                 E(AF_HOUSE),
                                 "off",
                                 NULL,
                                 opt,
                                 true,
                                 20};
    form_field(h, &f_house);
    struct field_view f_pc = {
        FIELD_TEXT,  AF_POSTCODE,    "Postcode", "Bijvoorbeeld 3511 AB.",
        V(postcode), E(AF_POSTCODE), "off",      NULL,
        opt,         true,           8};
    form_field(h, &f_pc);
    struct field_view f_wijk = {FIELD_TEXT,
                                AF_WIJK,
                                "Wijk",
                                "Alleen nodig als de straat onbekend is of "
                                "in meer wijken ligt.",
                                V(wijk),
                                E(AF_WIJK),
                                NULL,
                                NULL,
                                opt,
                                false,
                                0};
    form_select(h, &f_wijk, "Kies uit de straat", wl->opts, wl->n);
    struct field_view f_hh = {
        FIELD_NUMBER,
        AF_HOUSEHOLDS,
        "Ongeveer hoeveel huishoudens wonen in de straat?",
        "Of in het deel van de straat waar de bewoner het voor doet.",
        V(households),
        E(AF_HOUSEHOLDS),
        NULL,
        NULL,
        opt,
        true,
        5};
    form_field(h, &f_hh);

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Tweede gangmaker</h2>\n");
    struct field_view f_n2 = {FIELD_TEXT, AF_NAME2,    "Naam", NULL,
                              V(name2),   E(AF_NAME2), "off",  NULL,
                              opt,        false,       100};
    form_field(h, &f_n2);
    struct field_view f_e2 = {
        FIELD_EMAIL, AF_EMAIL2, "E-mailadres", NULL,  V(email2), E(AF_EMAIL2),
        "off",       NULL,      opt,           false, 254};
    form_field(h, &f_e2);

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Het plan</h2>\n");
    struct field_view f_plan = {FIELD_TEXTAREA,
                                AF_PLAN,
                                "Wat wil de bewoner doen met het potje?",
                                "In de woorden van de bewoner. Geen namen "
                                "of gezondheid van buren.",
                                V(plan),
                                E(AF_PLAN),
                                NULL,
                                NULL,
                                opt,
                                true,
                                1000};
    form_field(h, &f_plan);

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Uitbetaling</h2>\n");
    static const struct option_view payout[2] = {
        {"bank", "Op de bankrekening van de bewoner"},
        {"prepaid_card", "Op een prepaidkaart (u geeft de kaart)"}};
    struct field_view f_pay = {FIELD_TEXT,
                               AF_PAYOUT,
                               "Hoe krijgt de bewoner het geld?",
                               NULL,
                               in ? in->payout : "bank",
                               E(AF_PAYOUT),
                               NULL,
                               NULL,
                               opt,
                               true,
                               0};
    form_radios(h, &f_pay, payout, 2);
    struct field_view f_iban = {FIELD_TEXT,
                                AF_IBAN,
                                "IBAN (rekeningnummer)",
                                "Alleen nodig voor de bankrekening.",
                                V(iban),
                                E(AF_IBAN),
                                "off",
                                NULL,
                                opt,
                                false,
                                42};
    form_field(h, &f_iban);
    struct field_view f_holder = {
        FIELD_TEXT, AF_HOLDER, "Naam van de rekeninghouder",
        NULL,       V(holder), E(AF_HOLDER),
        "off",      NULL,      opt,
        false,      70};
    form_field(h, &f_holder);

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Privacy</h2>\n");
    struct field_view f_ok = {
        FIELD_TEXT,
        AF_CONSENT,
        "De bewoner heeft de privacyverklaring gekregen en gaat akkoord",
        "Geef de bewoner de privacyverklaring op papier (/privacy).",
        V(consent),
        E(AF_CONSENT),
        NULL,
        NULL,
        opt,
        true,
        0};
    form_checkbox(h, &f_ok);
#undef V
#undef E
}

enum MHD_Result
staff_intake_form(struct request *rq, const struct staff *me, unsigned status,
                  const struct application_input *in, const char *resident_lang,
                  const char *banner)
{
    static const struct option_view langs[2] = {{"nl", "Nederlands"},
                                                {"en", "Engels (English)"}};
    struct db_conn *db = request_db(rq);
    struct own_wijken *wl = calloc(1, sizeof(*wl));
    char csrf[CSRF_TOKEN_MAX], key[65];
    struct html h;

    if (wl == NULL)
        return reply_error(rq, 500, NULL);
    wl->me = me;
    if (db != NULL)
        (void)db_wijk_names(db, wijk_option, wl);
    staff_csrf_issue(me, STAFF_INTAKE_CSRF, csrf);
    if (in != NULL && staff_intake_key_valid(in->key)) {
        /* the same form sent again is the same application */
        snprintf(key, sizeof(key), "%s", in->key);
    } else {
        unsigned char raw[32];

        randombytes_buf(raw, sizeof(raw));
        sodium_bin2hex(key, sizeof(key), raw, sizeof(raw));
    }

    html_init(&h);
    staff_layout_begin(rq, &h, me, "Aanvraag invoeren", "invoeren");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Aanvraag invoeren</h1>\n");
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Vul de aanvraag in voor een "
                 "bewoner zonder computer. Dezelfde regels gelden als voor het "
                 "formulier op de website. U kunt over een aanvraag die u zelf "
                 "invoert niet beslissen: dat doet een andere makelaar van de "
                 "wijk.</p>\n");
    if (banner != NULL)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--warning\" "
             "role=\"status\"><div class=\"utrecht-alert__content\"><p "
             "class=\"utrecht-paragraph\">{}</p></div></div>\n",
             banner);
    if (in != NULL)
        form_error_summary(&h, "Controleer deze punten", in->errors,
                           in->nerrors);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" "
         "action=\"" STAFF_INTAKE_PATH "\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"sleutel\" value=\"{}\">\n",
         csrf, key);
    fields(&h, db, in, wl);
    struct field_view f_lang = {FIELD_TEXT,
                                AF_LANG,
                                "In welke taal krijgt de bewoner de brieven?",
                                NULL,
                                resident_lang ? resident_lang : "nl",
                                NULL,
                                NULL,
                                NULL,
                                NULL,
                                true,
                                0};
    form_radios(&h, &f_lang, langs, 2);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Aanvraag opslaan</button></p>\n</form>\n");
    staff_layout_end(&h);
    free(wl);
    return reply_html(rq, status, &h);
}
