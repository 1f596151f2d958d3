#include "staff_application_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_staff_application.h"
#include "form_render.h"
#include "iban.h"
#include "log.h"
#include "money.h"
#include "staff_application_words.h"
#include "staff_csrf.h"
#include "staff_layout.h"

/* Everything the page shows, read before the first byte is written. */
struct page {
    struct staff_app *a; /* malloc()ed: it holds long texts */
    struct staff_app_organiser org[2];
    int norg;
    struct staff_app_event *events;
    int nevents;
    struct staff_app_message *msgs;
    int nmsgs;
    struct staff_street_potje *potjes;
    int npotjes;
    struct staff_street_status street;
    bool has_street_status;
    struct staff_budget budget;
};

static void
page_free(struct page *p)
{
    free(p->a);
    free(p->events);
    free(p->msgs);
    free(p->potjes);
}

/* 1 loaded, 0 not of me's wijken, <0 a database error. */
static int
page_load(struct db_conn *db, const struct staff *me, long long id,
          struct page *p)
{
    int r;

    memset(p, 0, sizeof(*p));
    if ((p->a = malloc(sizeof(*p->a))) == NULL)
        return DB_HARD_ERROR;
    r = db_staff_app_get(db, id, me->wijken, p->a);
    if (r <= 0)
        return r;
    if ((r = db_staff_app_organisers(db, id, me->wijken, p->org)) < 0)
        return r;
    p->norg = r;
    if ((r = db_staff_app_history(db, id, me->wijken, &p->events)) < 0)
        return r;
    p->nevents = r;
    if ((r = db_staff_app_messages(db, id, me->wijken, &p->msgs)) < 0)
        return r;
    p->nmsgs = r;
    if (p->a->street_id != 0) {
        r = db_staff_street_potjes(db, p->a->street_id, id, me->wijken,
                                   &p->potjes);
        if (r < 0)
            return r;
        p->npotjes = r;
        if ((r = db_staff_street_status(db, p->a->street_id, &p->street)) < 0)
            return r;
        p->has_street_status = r == 1;
    }
    if ((r = db_staff_budget(db, p->a->wijk, &p->budget)) < 0)
        return r;
    return 1;
}

static bool
is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static bool
is_open(const char *status)
{
    return is(status, "ingediend") || is(status, "in_behandeling") ||
           is(status, "aanvulling_gevraagd");
}

static void
dl_row(struct html *h, const char *term, const char *value)
{
    HTML(h,
         "<div class=\"ll-dl__row\"><dt class=\"ll-dl__term\">{}</dt>"
         "<dd class=\"ll-dl__value\">{}</dd></div>\n",
         term, value);
}

static void
dl_money(struct html *h, const char *term, long long cents)
{
    char m[MONEY_TEXT_SIZE];

    money_format_euro(cents, m, sizeof(m));
    dl_row(h, term, m);
}

static void
badge(struct html *h, const char *text)
{
    HTML(h,
         "<span class=\"utrecht-badge-status utrecht-badge-status--warning "
         "ll-flag\">{}</span>\n",
         text);
}

static void
flags(struct html *h, const struct staff_app *a)
{
    bool any = a->unknown_street || a->second_open || a->over_yearly_maximum ||
               (a->has_payout && !a->iban_confirmed) || a->entered_by_id;

    if (!any)
        return;
    HTML_LIT(h, "<p class=\"utrecht-paragraph ll-flags\">Let op: ");
    if (a->unknown_street)
        badge(h, "Onbekende straat");
    if (a->second_open)
        badge(h, "Tweede open aanvraag voor deze straat");
    if (a->over_yearly_maximum)
        badge(h, "Boven het maximum per straat per jaar");
    if (a->has_payout && !a->iban_confirmed)
        badge(h, "IBAN gewijzigd, wacht op bevestiging");
    if (a->entered_by_id)
        badge(h, "Ingevoerd door een makelaar");
    HTML_LIT(h, "</p>\n");
}

static void
hidden_fields(struct html *h, const struct staff *me, const char *purpose,
              int version)
{
    char csrf[CSRF_TOKEN_MAX], v[16];

    staff_csrf_issue(me, purpose, csrf);
    snprintf(v, sizeof(v), "%d", version);
    HTML(h,
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"versie\" value=\"{}\">\n",
         csrf, v);
}

static void
submit_button(struct html *h, const char *label)
{
    HTML(h,
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--primary-action\">{}</button>"
         "</p>\n</form>\n",
         label);
}

/* Open a form that POSTs to /beheer/aanvragen/<id>/<action>. */
static void
action_form(struct html *h, const struct staff *me, const struct staff_app *a,
            const char *action, const char *purpose)
{
    char url[96], purp[48];

    snprintf(url, sizeof(url), "/beheer/aanvragen/%lld/%s", a->id, action);
    snprintf(purp, sizeof(purp), "%s:%lld", purpose, a->id);
    HTML(h,
         "<form class=\"utrecht-form ll-action\" method=\"post\" "
         "action=\"{}\">\n",
         url);
    hidden_fields(h, me, purp, a->version);
}

static void
action_link(struct html *h, const struct staff_app *a, const char *action,
            const char *label)
{
    char url[96];

    snprintf(url, sizeof(url), "/beheer/aanvragen/%lld/%s", a->id, action);
    HTML(h,
         "<li class=\"utrecht-unordered-list__item\"><a class=\"utrecht-link\""
         " href=\"{}\">{}</a></li>\n",
         url, label);
}

struct datalist {
    struct html *h;
};

static void
datalist_option(void *cls, const char *name)
{
    struct datalist *d = cls;

    HTML(d->h, "<option value=\"{}\"></option>\n", name);
}

static void
actions(struct html *h, struct db_conn *db, const struct staff *me,
        const struct staff_app *a, const struct staff_app_form *st)
{
    bool own_intake = a->entered_by_id == me->id;
    bool links;

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Wat kunt u doen</h2>\n");
    if (is(a->status, "ingediend")) {
        action_form(h, me, a, "in-behandeling", "review");
        submit_button(h, "In behandeling nemen");
    }
    if (is(a->status, "in_behandeling")) {
        struct field_view f = {
            .kind = FIELD_TEXTAREA,
            .name = "vraag",
            .label = "Vraag om aanvulling",
            .description = "De aanvrager ziet deze vraag op de statuspagina "
                           "en kan daar antwoorden. Hoogstens 2000 tekens.",
            .value = (st && st->question) ? st->question : "",
            .error = st ? st->question_error : NULL,
            .required = true,
            .maxlength = 2000,
        };
        action_form(h, me, a, "vraag", "ask");
        form_field(h, &f);
        submit_button(h, "Vraag om aanvulling");
    }
    if (a->street_id == 0 && is_open(a->status)) {
        char list_id[32];
        struct datalist d = {h};
        struct field_view f = {
            .kind = FIELD_TEXT,
            .name = "straat",
            .label = "Straat koppelen",
            .description = "Deze straat staat niet in de stratenlijst. Kies "
                           "de straat uit de lijst van de wijk.",
            .value = (st && st->street) ? st->street : "",
            .error = st ? st->street_error : NULL,
            .autocomplete = "off",
            .list = list_id,
            .required = true,
            .maxlength = 200,
        };
        snprintf(list_id, sizeof(list_id), "straten-%s", a->wijk);
        action_form(h, me, a, "straat", "street");
        form_field(h, &f);
        HTML(h, "<datalist id=\"{}\">\n", list_id);
        if (db_staff_wijk_streets(db, a->wijk, datalist_option, &d) < 0)
            log_error("staff application %lld: street list: %s", a->id,
                      db_last_error(db));
        HTML_LIT(h, "</datalist>\n");
        submit_button(h, "Straat koppelen");
    }

    links = is(a->status, "in_behandeling") ||
            is(a->status, "aanvulling_gevraagd") ||
            (a->has_payout && !a->iban_confirmed) ||
            (a->has_payout && is(a->payout_status, "betaald") &&
             !a->has_settlement) ||
            a->has_award_letter || a->has_rejection_letter;
    if (links)
        HTML_LIT(h, "<ul class=\"utrecht-unordered-list ll-actions\">\n");
    if (is(a->status, "in_behandeling") && !own_intake)
        action_link(h, a, "toekennen", "Toekennen");
    if (is(a->status, "in_behandeling") || is(a->status, "aanvulling_gevraagd"))
        action_link(h, a, "afwijzen", "Afwijzen");
    if (a->has_payout && !a->iban_confirmed)
        action_link(h, a, "iban", "Gewijzigd IBAN bevestigen");
    if (a->has_payout && is(a->payout_status, "betaald") && !a->has_settlement)
        action_link(h, a, "vaststellen", "Bedrag vaststellen");
    if (a->has_award_letter)
        action_link(h, a, "toekenningsbrief.pdf", "Toekenningsbrief (PDF)");
    if (a->has_rejection_letter)
        action_link(h, a, "afwijzingsbrief.pdf", "Afwijzingsbrief (PDF)");
    if (links)
        HTML_LIT(h, "</ul>\n");
    if (own_intake && is_open(a->status))
        HTML_LIT(h,
                 "<p class=\"utrecht-paragraph\">U heeft deze aanvraag "
                 "zelf ingevoerd. Een andere makelaar beslist erover.</p>\n");
    if (!is_open(a->status) && !links)
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Over deze aanvraag is al "
                    "beslist, of hij is ingetrokken.</p>\n");
}

static void
details(struct html *h, const struct staff_app *a)
{
    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Gegevens</h2>\n"
                "<dl class=\"ll-dl\">\n");
    dl_row(h, "Referentie", a->reference);
    dl_row(h, "Stand", staff_status_label(a->status));
    if (is(a->kind, "follow_up")) {
        dl_row(h, "Soort", "Vervolgaanvraag");
        if (a->previous_id) {
            char prev[64];

            snprintf(prev, sizeof(prev), "/beheer/aanvragen/%lld",
                     a->previous_id);
            HTML(h,
                 "<div class=\"ll-dl__row\"><dt class=\"ll-dl__term\">Vorige "
                 "aanvraag</dt><dd class=\"ll-dl__value\"><a "
                 "class=\"utrecht-link\" href=\"{}\">{}</a></dd></div>\n",
                 prev, a->previous_reference);
        }
    } else {
        dl_row(h, "Soort", "Eerste aanvraag");
    }
    dl_row(h, "Straat", a->street_name);
    if (a->street_id == 0)
        dl_row(h, "Stratenlijst", "Deze straat staat niet in de stratenlijst");
    HTML(h,
         "<div class=\"ll-dl__row\"><dt class=\"ll-dl__term\">Wijk</dt>"
         "<dd class=\"ll-dl__value\">{} ({})</dd></div>\n",
         a->wijk_name, a->wijk);
    if (a->buurt[0])
        HTML(h,
             "<div class=\"ll-dl__row\"><dt class=\"ll-dl__term\">Buurt</dt>"
             "<dd class=\"ll-dl__value\">{} ({})</dd></div>\n",
             a->buurt_name, a->buurt);
    else
        dl_row(h, "Buurt", "Onbekend");
    if (a->households) {
        char n[24];

        snprintf(n, sizeof(n), "%lld", a->households);
        dl_row(h, "Huishoudens", n);
    }
    if (a->requested_cents)
        dl_money(h, "Gevraagd bedrag", a->requested_cents);
    dl_row(h, "Uitbetaling", staff_channel_label(a->payout_method));
    dl_row(h, "Taal van de aanvrager",
           is(a->language, "en") ? "Engels" : "Nederlands");
    dl_row(h, "Ingediend", a->submitted);
    if (a->entered_by_id)
        dl_row(h, "Ingevoerd door", a->entered_by);
    if (a->decided[0]) {
        dl_row(h, "Besluit op", a->decided);
        dl_row(h, "Besluit door", a->decided_by);
    }
    if (a->rejection_reason[0])
        dl_row(h, "Reden van afwijzing", a->rejection_reason);
    HTML_LIT(h, "</dl>\n<h3 class=\"utrecht-heading-3\">Plan</h3>\n");
    HTML(h, "<p class=\"utrecht-paragraph ll-pre\">{}</p>\n",
         a->plan[0] ? a->plan : "(niet ingevuld of verwijderd)");
}

static void
organisers(struct html *h, const struct page *p)
{
    char masked[IBAN_TEXT_SIZE];
    int i;

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Gangmakers</h2>\n");
    for (i = 0; i < p->norg; i++) {
        const struct staff_app_organiser *o = &p->org[i];

        HTML(h, "<h3 class=\"utrecht-heading-3\">{}</h3>\n",
             o->second ? "Tweede gangmaker" : "Gangmaker");
        if (o->anonymised) {
            HTML_LIT(h, "<p class=\"utrecht-paragraph\">De persoonsgegevens "
                        "zijn verwijderd (bewaartermijn).</p>\n");
            continue;
        }
        HTML_LIT(h, "<dl class=\"ll-dl\">\n");
        dl_row(h, "Naam", o->name);
        if (o->email[0])
            dl_row(h, "E-mail", o->email);
        if (o->phone[0])
            dl_row(h, "Telefoon", o->phone);
        if (o->address[0])
            dl_row(h, "Adres", o->address);
        if (o->postcode[0])
            dl_row(h, "Postcode", o->postcode);
        if (o->iban[0]) {
            iban_mask(o->iban, masked, sizeof(masked));
            dl_row(h, "IBAN", masked);
        }
        if (o->account_holder[0])
            dl_row(h, "Rekeninghouder", o->account_holder);
        HTML_LIT(h, "</dl>\n");
    }
}

static void
award(struct html *h, const struct staff_app *a)
{
    char y[8];

    if (!a->has_award)
        return;
    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Toekenning en "
                "uitbetaling</h2>\n<dl class=\"ll-dl\">\n");
    dl_money(h, "Toegekend bedrag", a->award_cents);
    if (a->award_cents != a->default_cents) {
        dl_money(h, "Standaardbedrag", a->default_cents);
        dl_row(h, "Reden lager bedrag", a->reduction_reason);
    }
    snprintf(y, sizeof(y), "%d", a->budget_year);
    dl_row(h, "Begrotingsjaar", y);
    dl_row(h, "Toegekend op", a->awarded);
    dl_row(h, "Toegekend door", a->awarded_by);
    if (a->has_payout) {
        dl_row(h, "Uitbetaling", staff_payout_status_label(a->payout_status));
        dl_row(h, "Betaalwijze", staff_channel_label(a->payout_channel));
        dl_row(h, "Betalingskenmerk", a->payout_reference);
        if (a->payout_iban[0]) {
            char masked[IBAN_TEXT_SIZE];

            iban_mask(a->payout_iban, masked, sizeof(masked));
            dl_row(h, "IBAN van de betaling", masked);
            dl_row(h, "Rekeninghouder", a->payout_holder);
        }
        if (!a->iban_confirmed)
            dl_row(h, "IBAN bevestigd", "Nee, wacht op een makelaar");
        if (a->paid[0])
            dl_row(h, "Betaald op", a->paid);
    }
    if (a->has_settlement)
        dl_money(h, "Vastgesteld bedrag", a->settled_cents);
    dl_row(h, "Kostenoverzicht",
           a->expense_submitted ? "Ingestuurd" : "Nog niet ingestuurd");
    HTML_LIT(h, "</dl>\n");
}

static void
budget(struct html *h, const struct staff_app *a, const struct staff_budget *b)
{
    char y[8];

    snprintf(y, sizeof(y), "%d", b->year);
    HTML(h, "<h2 class=\"utrecht-heading-2\">Budget {}</h2>\n", y);
    HTML_LIT(h, "<dl class=\"ll-dl\">\n");
    if (b->has_wijk) {
        char t[128];

        snprintf(t, sizeof(t), "Nog te verdelen in wijk %s", a->wijk);
        dl_money(h, t, b->wijk_remaining_cents);
        snprintf(t, sizeof(t), "Budget wijk %s", a->wijk);
        dl_money(h, t, b->wijk_cents);
        dl_money(h, "Al toegekend in de wijk", b->wijk_awarded_cents);
    } else {
        dl_row(h, "Budget van de wijk", "Nog niet vastgesteld");
    }
    if (b->has_city) {
        dl_money(h, "Nog te verdelen in de stad", b->city_remaining_cents);
        dl_money(h, "Budget van de stad", b->city_cents);
    } else {
        dl_row(h, "Budget van de stad", "Nog niet vastgesteld");
    }
    HTML_LIT(h, "</dl>\n");
}

static void
street(struct html *h, const struct page *p)
{
    char url[64], money[MONEY_TEXT_SIZE];
    int i;

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">De straat</h2>\n");
    if (p->a->street_id == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">De straat is nog niet "
                    "gekoppeld aan de stratenlijst, dus eerdere potjes zijn "
                    "niet bekend.</p>\n");
        return;
    }
    if (p->has_street_status) {
        char n[24], m[24];

        snprintf(n, sizeof(n), "%lld", p->street.paid_count);
        HTML_LIT(h, "<dl class=\"ll-dl\">\n");
        dl_row(h, "Lief en Leedstraat",
               p->street.lief_en_leedstraat ? "Ja" : "Nee");
        if (p->street.since[0])
            dl_row(h, "Lief en Leedstraat sinds", p->street.since);
        dl_row(h, "Uitbetaalde potjes", n);
        snprintf(n, sizeof(n), "%lld", p->street.awards_year);
        snprintf(m, sizeof(m), "%lld", p->street.max_per_year);
        HTML(h,
             "<div class=\"ll-dl__row\"><dt class=\"ll-dl__term\">Potjes "
             "dit jaar</dt><dd class=\"ll-dl__value\">{} van hoogstens {}"
             "</dd></div>\n</dl>\n",
             n, m);
    }
    if (p->npotjes == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Geen andere aanvragen "
                    "voor deze straat.</p>\n");
        return;
    }
    HTML_LIT(h, "<table class=\"utrecht-table utrecht-table--html-table\">\n"
                "<caption class=\"utrecht-table__caption\">Andere aanvragen "
                "voor deze straat</caption>\n"
                "<thead class=\"utrecht-table__header\"><tr "
                "class=\"utrecht-table__row\">"
                "<th class=\"utrecht-table__header-cell\" "
                "scope=\"col\">Aanvraag</th>"
                "<th class=\"utrecht-table__header-cell\" "
                "scope=\"col\">Ingediend</th>"
                "<th class=\"utrecht-table__header-cell\" "
                "scope=\"col\">Stand</th>"
                "<th class=\"utrecht-table__header-cell\" "
                "scope=\"col\">Toegekend</th>"
                "<th class=\"utrecht-table__header-cell\" "
                "scope=\"col\">Uitbetaling</th></tr></thead>\n"
                "<tbody class=\"utrecht-table__body\">\n");
    for (i = 0; i < p->npotjes; i++) {
        const struct staff_street_potje *o = &p->potjes[i];
        char paid[48];

        snprintf(url, sizeof(url), "/beheer/aanvragen/%lld", o->id);
        if (o->award_cents)
            money_format_euro(o->award_cents, money, sizeof(money));
        else
            snprintf(money, sizeof(money), "-");
        snprintf(paid, sizeof(paid), "%s%s%s",
                 o->payout_status[0]
                     ? staff_payout_status_label(o->payout_status)
                     : "-",
                 o->paid[0] ? " op " : "", o->paid);
        HTML(h,
             "<tr class=\"utrecht-table__row\"><td "
             "class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
             "href=\"{}\">{}</a></td><td class=\"utrecht-table__cell\">{}"
             "</td><td class=\"utrecht-table__cell\">{}</td><td "
             "class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">"
             "{}</td><td class=\"utrecht-table__cell\">{}</td></tr>\n",
             url, o->reference, o->submitted, staff_status_label(o->status),
             money, paid);
    }
    HTML_LIT(h, "</tbody>\n</table>\n");
}

static void
conversation(struct html *h, const struct page *p)
{
    int i;

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Berichten met de "
                "aanvrager</h2>\n");
    if (p->nmsgs == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Nog geen berichten.</p>"
                    "\n");
        return;
    }
    HTML_LIT(h, "<ol class=\"utrecht-ordered-list ll-messages\">\n");
    for (i = 0; i < p->nmsgs; i++) {
        const struct staff_app_message *m = &p->msgs[i];

        HTML(h,
             "<li class=\"utrecht-ordered-list__item\"><p "
             "class=\"utrecht-paragraph\"><strong>{}{}{}</strong>, {}</p>"
             "<p class=\"utrecht-paragraph ll-pre\">{}</p></li>\n",
             m->from_staff ? "Vraag van " : "Antwoord van de aanvrager",
             m->from_staff ? m->staff_name : "",
             m->from_staff ? " (makelaar)" : "", m->at,
             m->body[0] ? m->body : "(verwijderd)");
    }
    HTML_LIT(h, "</ol>\n");
}

static const char *
actor(const char *kind, const char *name)
{
    if (is(kind, "staff"))
        return name;
    if (is(kind, "resident"))
        return "de aanvrager";
    if (is(kind, "system"))
        return "het systeem";
    return "onbekend";
}

static void
history(struct html *h, const struct page *p)
{
    int i;

    HTML_LIT(h, "<h2 class=\"utrecht-heading-2\">Geschiedenis</h2>\n");
    if (p->nevents == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Nog niets vastgelegd."
                    "</p>\n");
        return;
    }
    HTML_LIT(h, "<ol class=\"utrecht-ordered-list ll-history\">\n");
    for (i = 0; i < p->nevents; i++) {
        const struct staff_app_event *e = &p->events[i];

        HTML(h, "<li class=\"utrecht-ordered-list__item\">{}: {} door {}",
             e->at, staff_audit_label(e->action),
             actor(e->actor_kind, e->actor));
        if (e->from[0] && e->to[0] && staff_status_valid(e->from) &&
            staff_status_valid(e->to))
            HTML(h, " (van {} naar {})", staff_status_label(e->from),
                 staff_status_label(e->to));
        HTML_LIT(h, "</li>\n");
    }
    HTML_LIT(h, "</ol>\n");
}

enum MHD_Result
staff_application_render(struct request *rq, const struct staff *me,
                         long long id, unsigned status,
                         const struct staff_app_form *st)
{
    struct db_conn *db = request_db(rq);
    char title[48], back[64];
    struct page p;
    struct html h;
    int r;

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    r = page_load(db, me, id, &p);
    if (r <= 0) {
        if (r < 0)
            log_error("staff application %lld: %s", id, db_last_error(db));
        page_free(&p);
        return reply_error(rq, r == 0 ? 404 : 503, NULL);
    }
    snprintf(title, sizeof(title), "Aanvraag %s", p.a->reference);
    snprintf(back, sizeof(back), "/beheer/aanvragen?wijk=%s", p.a->wijk);
    html_init(&h);
    staff_layout_begin(rq, &h, me, title, "aanvragen");
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\">Terug naar de aanvragen van wijk {}</a></p>\n"
         "<h1 class=\"utrecht-heading-1\">{}</h1>\n"
         "<p class=\"utrecht-paragraph ll-status\">Stand: <strong>{}</strong>"
         "</p>\n",
         back, p.a->wijk, title, staff_status_label(p.a->status));
    if (st && st->banner)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--warning\" "
             "role=\"alert\"><div class=\"utrecht-alert__content\"><p "
             "class=\"utrecht-paragraph\">{}</p></div></div>\n",
             st->banner);
    flags(&h, p.a);
    actions(&h, db, me, p.a, st);
    details(&h, p.a);
    organisers(&h, &p);
    award(&h, p.a);
    budget(&h, p.a, &p.budget);
    street(&h, &p);
    conversation(&h, &p);
    history(&h, &p);
    staff_layout_end(&h);
    page_free(&p);
    return reply_html(rq, status, &h);
}

bool
staff_application_path(const char *param, long long *id, const char **action)
{
    const char *s = param;
    long long v = 0;

    if (s == NULL || *s < '1' || *s > '9')
        return false;
    while (*s >= '0' && *s <= '9') {
        if (v > (9007199254740991LL - 9) / 10)
            return false; /* longer than any id we hand out */
        v = v * 10 + (*s - '0');
        s++;
    }
    if (*s == '\0') {
        *action = s;
    } else if (*s == '/' && s[1] != '\0' && strchr(s + 1, '/') == NULL) {
        *action = s + 1;
    } else {
        return false;
    }
    *id = v;
    return true;
}
