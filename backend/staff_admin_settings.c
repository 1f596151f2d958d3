#include "staff_admin_settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_render.h"
#include "iban.h"
#include "money.h"
#include "staff_admin_common.h"
#include "staff_csrf.h"
#include "staff_layout.h"
#include "text_field.h"
#include "utf8.h"

#define SETTINGS_MAX 64

/* What the beheerder reads for each known key; a key a later migration
 * adds without an entry here shows its key and English description. */
struct setting_label {
    const char *key;
    const char *label;
    const char *help;
    bool required; /* text that may not be empty */
    bool multiline;
};

static const struct setting_label labels[] = {
    {"organisation_name", "Naam van de welzijnsorganisatie",
     "De organisatie van de sociaal makelaars. Staat in brieven en op de "
     "website.",
     true, false},
    {"letterhead_text", "Briefhoofd",
     "De afzender bovenaan elke brief. Meerdere regels mogen.", true, true},
    {"potje_default_cents", "Standaardbedrag van een potje (euro)",
     "Een toekenning mag lager zijn, nooit hoger. Een jaar kan een eigen "
     "bedrag hebben (Begroting).",
     false, false},
    {"max_potjes_per_street_per_year", "Hoogstens potjes per straat per jaar",
     "Een jaar kan een eigen aantal hebben (Begroting).", false, false},
    {"street_status_threshold", "Drempel Lief en Leedstraat",
     "Zoveel uitbetaalde potjes maken een straat een Lief en Leedstraat.",
     false, false},
    {"decision_term_days", "Beslistermijn (dagen)",
     "Dagen vanaf een complete aanvraag tot het besluit.", false, false},
    {"expense_report_due_months", "Termijn kostenoverzicht (maanden)",
     "Maanden na de betaling waarin het kostenoverzicht binnen moet zijn.",
     false, false},
    {"retention_awarded_years", "Bewaartermijn toegekende potjes (jaren)",
     "Jaren na de vaststelling waarna persoonsgegevens worden verwijderd.",
     false, false},
    {"retention_rejected_years", "Bewaartermijn afgewezen aanvragen (jaren)",
     "Jaren na de afwijzing waarna persoonsgegevens worden verwijderd.", false,
     false},
    {"retention_withdrawn_years", "Bewaartermijn ingetrokken aanvragen (jaren)",
     "Jaren na het intrekken waarna persoonsgegevens worden verwijderd.", false,
     false},
    {"retention_unfinished_days",
     "Bewaartermijn onafgemaakte formulieren "
     "(dagen)",
     "Dagen dat een niet verstuurd formulier bewaard blijft.", false, false},
    {"session_idle_minutes", "Uitloggen na stilte (minuten)",
     "Een medewerker wordt uitgelogd na zoveel minuten zonder klik.", false,
     false},
    {"session_absolute_hours", "Uitloggen na (uren)",
     "Een sessie stopt altijd na zoveel uren, ook bij gebruik.", false, false},
    {"totp_required", "Tweede factor verplicht",
     "Moeten medewerkers van financiën en beheerders een tweede factor "
     "gebruiken?",
     false, false},
    {"csv_delimiter", "Scheidingsteken betaalbestand (CSV)",
     "Eén teken, meestal een puntkomma.", false, false},
    {"csv_decimal_mark", "Decimaalteken betaalbestand (CSV)",
     "Eén teken, meestal een komma.", false, false},
    {"debtor_name", "Naam betalende rekening (SEPA)",
     "De naam van de rekening waarvan de gemeente betaalt.", true, false},
    {"debtor_iban", "IBAN betalende rekening (SEPA)",
     "Zolang dit leeg is, kan er geen SEPA-bestand gemaakt worden.", false,
     false},
    {"debtor_bic", "BIC van de bank (SEPA)",
     "Leeg: NOTPROVIDED in het SEPA-bestand.", false, false},
    {"kostenplaats", "Kostenplaats", "Staat op elke betaalregel.", false,
     false},
    {"grootboekrekening", "Grootboekrekening", "Staat op elke betaalregel.",
     false, false},
};

static const struct setting_label *
label_of(const char *key)
{
    size_t i;

    for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        if (strcmp(labels[i].key, key) == 0)
            return &labels[i];
    return NULL;
}

static void
load_row(void *cls, const struct setting_row *row)
{
    struct settings_list *l = cls;

    if (l->rows != NULL && l->n < SETTINGS_MAX)
        l->rows[l->n++] = *row;
}

int
staff_admin_settings_load(struct db_conn *c, struct settings_list *out)
{
    int r;

    out->n = 0;
    out->rows = calloc(SETTINGS_MAX, sizeof(*out->rows));
    if (out->rows == NULL)
        return DB_HARD_ERROR;
    r = db_setting_list(c, load_row, out);
    if (r < 0) {
        staff_admin_settings_free(out);
        return r;
    }
    return (int)out->n;
}

void
staff_admin_settings_free(struct settings_list *l)
{
    free(l->rows);
    l->rows = NULL;
    l->n = 0;
}

bool
staff_admin_setting_auditable(const struct setting_row *s)
{
    return strcmp(s->kind, "integer") == 0 || strcmp(s->kind, "cents") == 0 ||
           strcmp(s->kind, "boolean") == 0 || strcmp(s->kind, "char") == 0;
}

/* "42" within the setting's range; *v set. */
static bool
integer_in_range(const struct setting_row *s, const char *t, long long *v,
                 char *err, size_t errlen)
{
    char *end;
    size_t n = strlen(t);

    errno = 0;
    *v = 0;
    if (n > 0 && n <= 18 && (t[0] == '-' || (t[0] >= '0' && t[0] <= '9')))
        *v = strtoll(t, &end, 10);
    else
        end = (char *)t;
    if (n == 0 || errno != 0 || *end != '\0' || end == t ||
        (s->has_min && *v < s->min_value) ||
        (s->has_max && *v > s->max_value)) {
        if (s->has_min && s->has_max)
            snprintf(err, errlen,
                     "Vul een heel getal van %lld tot en met %lld in.",
                     s->min_value, s->max_value);
        else
            snprintf(err, errlen, "Vul een heel getal in.");
        return false;
    }
    return true;
}

bool
staff_admin_setting_parse(const struct setting_row *s, const char *typed,
                          char *out, size_t outlen, char *err, size_t errlen)
{
    const struct setting_label *l = label_of(s->key);
    const char *msg;
    size_t i, j, n;

    err[0] = '\0';
    out[0] = '\0';
    if (strcmp(s->kind, "integer") == 0) {
        long long v;

        if (!integer_in_range(s, typed, &v, err, errlen))
            return false;
        snprintf(out, outlen, "%lld", v);
        return true;
    }
    if (strcmp(s->kind, "cents") == 0) {
        long long v = 0;

        msg = money_check(typed, &v, "nl");
        if (msg != NULL) {
            snprintf(err, errlen, "%s", msg);
            return false;
        }
        if ((s->has_min && v < s->min_value) ||
            (s->has_max && v > s->max_value)) {
            char lo[MONEY_TEXT_SIZE], hi[MONEY_TEXT_SIZE];

            money_format_euro(s->min_value, lo, sizeof(lo));
            money_format_euro(s->max_value, hi, sizeof(hi));
            snprintf(err, errlen, "Vul een bedrag van %s tot en met %s in.", lo,
                     hi);
            return false;
        }
        snprintf(out, outlen, "%lld", v);
        return true;
    }
    if (strcmp(s->kind, "boolean") == 0) {
        if (strcmp(typed, "true") != 0 && strcmp(typed, "false") != 0) {
            snprintf(err, errlen, "Kies ja of nee.");
            return false;
        }
        snprintf(out, outlen, "%s", typed);
        return true;
    }
    if (strcmp(s->kind, "char") == 0) {
        n = strlen(typed);
        if (n == 0 || !utf8_valid_text(typed, n, false) ||
            utf8_chars(typed, n) != 1) {
            snprintf(err, errlen, "Vul precies één teken in.");
            return false;
        }
        snprintf(out, outlen, "%s", typed);
        return true;
    }
    if (strcmp(s->kind, "iban") == 0) {
        if (typed[0] == '\0')
            return true;
        if (outlen < IBAN_SIZE) {
            snprintf(err, errlen, "Dit IBAN is te lang.");
            return false;
        }
        msg = iban_parse(typed, out, outlen, "nl");
        if (msg != NULL) {
            snprintf(err, errlen, "%s", msg);
            return false;
        }
        return true;
    }
    /* text: one line, or several for a multi-line field */
    msg = text_field_check(typed, (l && l->required) ? 1 : 0, 4000,
                           l && l->multiline, "nl");
    if (msg != NULL) {
        snprintf(err, errlen, "%s (hoogstens 4000 tekens)", msg);
        return false;
    }
    n = strlen(typed);
    if (n >= outlen) {
        snprintf(err, errlen, "Deze tekst is te lang.");
        return false;
    }
    for (i = j = 0; i < n; i++)
        if (!(typed[i] == '\r' && typed[i + 1] == '\n'))
            out[j++] = typed[i];
    out[j] = '\0';
    text_field_trim(out);
    return true;
}

static const struct option_view yes_no[] = {{"true", "Ja"}, {"false", "Nee"}};

static const char *
error_of(const struct setting_error *errs, size_t nerrs, const char *key)
{
    size_t i;

    for (i = 0; i < nerrs; i++)
        if (strcmp(errs[i].key, key) == 0)
            return errs[i].message;
    return NULL;
}

enum MHD_Result
staff_admin_settings_page(struct request *rq, const struct staff *me,
                          unsigned status, const struct urlenc_pairs *form,
                          const struct setting_error *errs, size_t nerrs,
                          const char *banner, const char *notice)
{
    struct db_conn *db = request_db(rq);
    struct settings_list list = {NULL, 0};
    struct form_error summary[SETTINGS_MAX];
    char csrf[CSRF_TOKEN_MAX], version[32], shown[MONEY_TEXT_SIZE];
    const char *typed_version = NULL;
    size_t i, ns = 0;
    struct html h;
    int r;

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    r = staff_admin_settings_load(db, &list);
    if (r >= 0)
        r = db_setting_version(db, version);
    if (r < 0) {
        staff_admin_settings_free(&list);
        return staff_admin_db_failed(rq, db, "settings page");
    }
    if (form != NULL)
        typed_version = urlenc_get(form, "versie");
    staff_csrf_issue(me, "settings", csrf);
    html_init(&h);
    staff_layout_begin(rq, &h, me, "Instellingen", "instellingen");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Instellingen</h1>\n"
                 "<p class=\"utrecht-paragraph\">Elke wijziging komt in het "
                 "auditlog.</p>\n");
    if (notice)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\">"
             "<p class=\"utrecht-paragraph\">{}</p></div>\n",
             notice);
    for (i = 0; i < list.n && errs != NULL; i++) {
        const char *e = error_of(errs, nerrs, list.rows[i].key);

        if (e != NULL)
            summary[ns++] = (struct form_error){list.rows[i].key, e};
    }
    form_error_summary(&h, "Er is niets opgeslagen", summary, ns);
    if (banner)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--error\" "
             "role=\"alert\"><p class=\"utrecht-paragraph\">{}</p></div>\n",
             banner);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" "
         "action=\"/beheer/instellingen\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"versie\" value=\"{}\">\n",
         csrf, typed_version ? typed_version : version);
    for (i = 0; i < list.n; i++) {
        const struct setting_row *s = &list.rows[i];
        const struct setting_label *l = label_of(s->key);
        const char *typed = form ? urlenc_get(form, s->key) : NULL;
        struct field_view f = {.kind = FIELD_TEXT};

        f.name = s->key;
        f.label = l ? l->label : s->key;
        f.description = l ? l->help : s->description;
        f.error = errs ? error_of(errs, nerrs, s->key) : NULL;
        f.value = typed ? typed : s->value;
        if (typed == NULL && strcmp(s->kind, "cents") == 0) {
            money_format(strtoll(s->value, NULL, 10), shown, sizeof(shown));
            f.value = shown;
        }
        if (strcmp(s->kind, "boolean") == 0) {
            form_select(&h, &f, "Kies", yes_no, 2);
            continue;
        }
        if (strcmp(s->kind, "integer") == 0)
            f.kind = FIELD_NUMBER;
        else if (strcmp(s->kind, "char") == 0)
            f.maxlength = 1;
        else if (l && l->multiline)
            f.kind = FIELD_TEXTAREA;
        else if (strcmp(s->kind, "text") == 0)
            f.maxlength = 4000;
        f.required = (l && l->required) || strcmp(s->kind, "integer") == 0 ||
                     strcmp(s->kind, "cents") == 0 ||
                     strcmp(s->kind, "char") == 0;
        form_field(&h, &f);
    }
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Instellingen opslaan</button></p>\n</form>\n");
    staff_layout_end(&h);
    staff_admin_settings_free(&list);
    return reply_html(rq, status, &h);
}
