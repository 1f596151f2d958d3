/* The spending report (kostenoverzicht) on the private status page, once
 * the potje is paid: the section that shows it, and its three actions
 * through POST /status/<token> (actie uitgave, uitgave_weg,
 * kosten_insturen). Each action is one transaction with its audit event
 * (states and amounts only: the resident's note never goes into the
 * audit log); afterwards the resident is sent back to the page (303).
 * Once the report is in, the section leads on to a follow-up potje. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "application_follow_up.h"
#include "db_audit.h"
#include "db_expense.h"
#include "expense_fields.h"
#include "form_render.h"
#include "money.h"
#include "status_page.h"
#include "text_field.h"

#define ACT_ADD "uitgave"
#define ACT_REMOVE "uitgave_weg"
#define ACT_SUBMIT "kosten_insturen"

struct table {
    struct html *h;
    const char *token, *csrf, *lang;
    bool open; /* lines can still be removed */
    long long n;
};

static void
table_row(void *cls, const struct expense_line_row *l)
{
    struct table *t = cls;
    char amount[MONEY_TEXT_SIZE + 4], nr[24], no[24];

    t->n++;
    money_format_euro(l->amount_cents, amount, sizeof(amount));
    snprintf(nr, sizeof(nr), "%lld", t->n);
    snprintf(no, sizeof(no), "%lld", l->line_no);
    HTML(t->h,
         "<tr class=\"utrecht-table__row\">"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">"
         "{}</td><td class=\"utrecht-table__cell\">{}</td>",
         nr, l->spent_on, expense_occasion_label(l->occasion, t->lang), amount,
         l->note);
    if (t->open) {
        HTML_LIT(t->h, "<td class=\"utrecht-table__cell\">");
        status_action_form_head(t->h, t->token, t->csrf, ACT_REMOVE, t->lang);
        HTML(t->h,
             "<input type=\"hidden\" name=\"regel\" value=\"{}\">"
             "<button type=\"submit\" class=\"utrecht-button "
             "utrecht-button--secondary-action\">{} {}</button></form></td>",
             no, tr(t->lang, "Verwijder nr.", "Remove no."), nr);
    }
    HTML_LIT(t->h, "</tr>\n");
}

static void
lines_table(struct html *h, struct db_conn *db,
            const struct expense_report_view *rep, const char *token,
            const char *csrf, const char *lang)
{
    struct table t = {h, token, csrf, lang, !rep->submitted, 0};

    if (rep->lines == 0 || db == NULL) {
        HTML(h, "<p class=\"utrecht-paragraph\">{}</p>\n",
             tr(lang, "U heeft nog geen uitgaven ingevuld.",
                "You have not entered any spending yet."));
        return;
    }
    HTML(h,
         "<table class=\"utrecht-table utrecht-table--html-table\">\n"
         "<caption class=\"utrecht-table__caption\">{}</caption>\n"
         "<thead class=\"utrecht-table__header\"><tr "
         "class=\"utrecht-table__row\">"
         "<th class=\"utrecht-table__header-cell\" scope=\"col\">{}</th>"
         "<th class=\"utrecht-table__header-cell\" scope=\"col\">{}</th>"
         "<th class=\"utrecht-table__header-cell\" scope=\"col\">{}</th>"
         "<th class=\"utrecht-table__header-cell "
         "utrecht-table__header-cell--numeric-column\" scope=\"col\">{}</th>"
         "<th class=\"utrecht-table__header-cell\" scope=\"col\">{}</th>",
         tr(lang, "Uw uitgaven", "Your spending"), tr(lang, "Nr.", "No."),
         tr(lang, "Datum", "Date"), tr(lang, "Gelegenheid", "Occasion"),
         tr(lang, "Bedrag", "Amount"), tr(lang, "Toelichting", "Note"));
    if (t.open)
        HTML(h,
             "<th class=\"utrecht-table__header-cell\" scope=\"col\">{}</th>",
             tr(lang, "Verwijderen", "Remove"));
    HTML_LIT(h, "</tr></thead>\n<tbody class=\"utrecht-table__body\">\n");
    (void)db_expense_lines(db, rep->id, table_row, &t);
    HTML_LIT(h, "</tbody>\n</table>\n");
}

static void
totals(struct html *h, const struct expense_report_view *rep, const char *lang)
{
    char awarded[MONEY_TEXT_SIZE + 4], spent[MONEY_TEXT_SIZE + 4],
        left[MONEY_TEXT_SIZE + 4];

    money_format_euro(rep->awarded_cents, awarded, sizeof(awarded));
    money_format_euro(rep->spent_cents, spent, sizeof(spent));
    money_format_euro(rep->awarded_cents - rep->spent_cents, left,
                      sizeof(left));
    HTML(h,
         "<dl class=\"utrecht-data-list utrecht-data-list--rows\">\n"
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">{}</dt><dd "
         "class=\"utrecht-data-list__item-value "
         "utrecht-data-list__item-value--html-dd\">{}</dd></div>\n"
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">{}</dt><dd "
         "class=\"utrecht-data-list__item-value "
         "utrecht-data-list__item-value--html-dd\">{}</dd></div>\n"
         "<div class=\"utrecht-data-list__item\"><dt "
         "class=\"utrecht-data-list__item-key\">{}</dt><dd "
         "class=\"utrecht-data-list__item-value "
         "utrecht-data-list__item-value--html-dd\">{}</dd></div>\n</dl>\n",
         tr(lang, "Potje", "Potje"), awarded,
         tr(lang, "Totaal uitgegeven", "Total spent"), spent,
         tr(lang, "Nog over", "Left"), left);
}

static void
add_form(struct html *h, const char *token, const char *csrf,
         const struct status_form_state *st, const char *lang)
{
    const char *opt = tr(lang, " (niet verplicht)", " (optional)");
    struct option_view opts[16];
    size_t i, n = 0;

    for (i = 0; i < expense_occasions_count && n < 16; i++, n++) {
        opts[n].value = expense_occasions[i].code;
        opts[n].label =
            tr(lang, expense_occasions[i].nl, expense_occasions[i].en);
    }
    HTML(h, "<h3 class=\"utrecht-heading-3\">{}</h3>\n",
         tr(lang, "Uitgave toevoegen", "Add spending"));
    status_action_form_head(h, token, csrf, ACT_ADD, lang);
    struct field_view fd = {FIELD_TEXT,
                            "datum",
                            tr(lang, "Datum", "Date"),
                            tr(lang, "Dag-maand-jaar, bijvoorbeeld 14-03-2027.",
                               "Day-month-year, for example 14-03-2027."),
                            st ? st->exp_date : "",
                            st ? st->exp_date_error : NULL,
                            "off",
                            NULL,
                            opt,
                            true,
                            10};
    form_field(h, &fd);
    struct field_view fo = {
        FIELD_TEXT,
        "soort",
        tr(lang, "Bij welke gelegenheid?", "For which occasion?"),
        NULL,
        st ? st->exp_occasion : "",
        st ? st->exp_occasion_error : NULL,
        NULL,
        NULL,
        opt,
        true,
        0};
    form_select(h, &fo, tr(lang, "Kies een gelegenheid", "Choose an occasion"),
                opts, n);
    struct field_view fa = {
        FIELD_TEXT,
        "bedrag",
        tr(lang, "Bedrag in euro", "Amount in euros"),
        tr(lang, "Bijvoorbeeld 12,50.", "For example 12,50."),
        st ? st->exp_amount : "",
        st ? st->exp_amount_error : NULL,
        "off",
        NULL,
        opt,
        true,
        15};
    form_field(h, &fa);
    struct field_view fn = {
        FIELD_TEXT,
        "toelichting",
        tr(lang, "Korte toelichting", "Short note"),
        tr(lang,
           "Hoogstens 100 tekens, bijvoorbeeld: bloemen, kaart of taart. "
           "Schrijf geen namen of gezondheid van buren op.",
           "At most 100 characters, for example: flowers, card or cake. Do "
           "not write down names or health details of neighbours."),
        st ? st->exp_note : "",
        st ? st->exp_note_error : NULL,
        "off",
        NULL,
        opt,
        false,
        EXPENSE_NOTE_MAX_CHARS};
    form_field(h, &fn);
    HTML(h,
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--secondary-action\">{}"
         "</button></p>\n</form>\n",
         tr(lang, "Uitgave toevoegen", "Add spending"));
}

static void
submit_form(struct html *h, const char *token, const char *csrf,
            const struct status_form_state *st, const char *lang)
{
    const char *err = st ? st->exp_submit_error : NULL;

    HTML(h,
         "<h3 class=\"utrecht-heading-3\">{}</h3>\n"
         "<p class=\"utrecht-paragraph\">{}</p>\n",
         tr(lang, "Kostenoverzicht insturen", "Send in the spending report"),
         tr(lang,
            "Klaar? Stuur dan het kostenoverzicht in. Daarna kunt u het niet "
            "meer veranderen.",
            "Finished? Then send in the spending report. After that you "
            "cannot change it any more."));
    status_action_form_head(h, token, csrf, ACT_SUBMIT, lang);
    if (err != NULL)
        HTML(h,
             "<div class=\"utrecht-form-field-error-message\" "
             "id=\"kosten-fout\">{}</div>\n",
             err);
    HTML_LIT(h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                "class=\"utrecht-button utrecht-button--primary-action\"");
    if (err != NULL)
        HTML_LIT(h, " aria-describedby=\"kosten-fout\"");
    HTML(h, ">{}</button></p>\n</form>\n",
         tr(lang, "Kostenoverzicht insturen", "Send in the spending report"));
}

static void
follow_up_offer(struct html *h, const struct expense_report_view *rep,
                const char *token, const char *lang)
{
    char href[128];

    HTML(h, "<h2 class=\"utrecht-heading-2\" id=\"nieuw-potje\">{}</h2>\n",
         tr(lang, "Nieuw potje aanvragen", "Apply for a new potje"));
    if (rep->follow_up_reference[0]) {
        HTML(h, "<p class=\"utrecht-paragraph\">{} {}. {}</p>\n",
             tr(lang, "U heeft al een nieuw potje aangevraagd:",
                "You have already applied for a new potje:"),
             rep->follow_up_reference,
             tr(lang,
                "Op de pagina van die aanvraag ziet u hoe het ermee staat.",
                "The page of that application shows how it is doing."));
        return;
    }
    snprintf(href, sizeof(href), "/aanvragen?" FOLLOW_UP_PARAM "=%s%s", token,
             strcmp(lang, "en") == 0 ? "&taal=en" : "");
    HTML(h,
         "<p class=\"utrecht-paragraph\">{}</p>\n"
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\">{}</a></p>\n",
         tr(lang,
            "Wilt u doorgaan met Lief en Leed in uw straat? Vraag dan een "
            "nieuw potje aan. Wij vullen uw gegevens van deze aanvraag alvast "
            "in.",
            "Do you want to go on with Lief en Leed in your street? Then "
            "apply for a new potje. We fill in your details from this "
            "application for you."),
         href, tr(lang, "Nieuw potje aanvragen", "Apply for a new potje"));
}

void
status_expense_section(struct html *h, struct db_conn *db,
                       const struct expense_report_view *rep, const char *token,
                       const char *csrf, const struct status_form_state *st,
                       const char *lang)
{
    HTML(h, "<h2 class=\"utrecht-heading-2\" id=\"kostenoverzicht\">{}</h2>\n",
         tr(lang, "Kostenoverzicht", "Spending report"));
    if (rep->submitted) {
        HTML(h, "<p class=\"utrecht-paragraph\">{} {}. {}</p>\n",
             tr(lang, "U heeft het kostenoverzicht ingestuurd op",
                "You sent in the spending report on"),
             rep->submitted_text, tr(lang, "Bedankt!", "Thank you!"));
    } else {
        HTML(h,
             "<p class=\"utrecht-paragraph\">{} {}.</p>\n"
             "<p class=\"utrecht-paragraph\"><strong>{}</strong> {}</p>\n",
             tr(lang,
                "Schrijf hieronder op waaraan u het geld van het potje "
                "uitgeeft: de datum, bij welke gelegenheid en het bedrag. "
                "Stuur het overzicht in als het potje op is, en uiterlijk op",
                "Write down below what you spend the money of the potje on: "
                "the date, the occasion and the amount. Send in the report "
                "when the potje is used up, and at the latest on"),
             rep->due_on_text,
             tr(lang, "Schrijf geen namen of gezondheid van buren op.",
                "Do not write down names or health details of neighbours."),
             tr(lang,
                "Schrijf dus wel \"bloemen\", maar niet voor wie of waarom.",
                "So write \"flowers\", but not for whom or why."));
    }
    lines_table(h, db, rep, token, csrf, lang);
    totals(h, rep, lang);
    if (!rep->submitted) {
        add_form(h, token, csrf, st, lang);
        submit_form(h, token, csrf, st, lang);
    } else {
        follow_up_offer(h, rep, token, lang);
    }
}

bool
status_expense_is_action(const char *actie)
{
    return actie != NULL &&
           (strcmp(actie, ACT_ADD) == 0 || strcmp(actie, ACT_REMOVE) == 0 ||
            strcmp(actie, ACT_SUBMIT) == 0);
}

void
status_expense_keep(struct status_form_state *st,
                    const struct urlenc_pairs *form)
{
    const char *v;

#define KEEP(field, name)                                                      \
    v = urlenc_get(form, name);                                                \
    st->field = v ? v : ""
    KEEP(exp_date, "datum");
    KEEP(exp_occasion, "soort");
    KEEP(exp_amount, "bedrag");
    KEEP(exp_note, "toelichting");
#undef KEEP
}

struct expense_tx {
    long long report_id;
    const char *what;
    const char *spent_on, *occasion, *note; /* add: checked values */
    long long cents;
    long long line_no; /* add: out; remove: in */
    long long lines, total;
    int done;
    char spent_on_iso[EXPENSE_DATE_ISO_SIZE];
};

static enum db_status
expense_tx(struct db_conn *c, void *cls)
{
    struct expense_tx *x = cls;
    char details[160];
    const char *action;
    int r;

    if (strcmp(x->what, ACT_ADD) == 0) {
        r = db_expense_line_add(c, x->report_id, x->spent_on, x->occasion,
                                x->cents, x->note, &x->line_no);
        action = "expense_line.add";
        snprintf(details, sizeof(details),
                 "{\"line_no\":%lld,\"occasion\":\"%s\",\"amount_cents\":%lld}",
                 x->line_no, x->occasion, x->cents);
    } else if (strcmp(x->what, ACT_REMOVE) == 0) {
        r = db_expense_line_remove(c, x->report_id, x->line_no);
        action = "expense_line.remove";
        snprintf(details, sizeof(details), "{\"line_no\":%lld}", x->line_no);
    } else {
        r = db_expense_report_submit(c, x->report_id, &x->lines, &x->total);
        action = "expense_report.submit";
        snprintf(details, sizeof(details),
                 "{\"lines\":%lld,\"total_cents\":%lld}", x->lines, x->total);
    }
    x->done = r;
    if (r <= 0)
        return (enum db_status)r;
    return db_audit_insert(c, "resident", 0, action, "expense_report",
                           x->report_id, details);
}

/* The page again, with a sentence at the top. */
static enum MHD_Result
again(struct request *rq, unsigned status, const struct application_view *a,
      const char *token, struct status_form_state *st, const char *banner)
{
    st->banner = banner;
    return status_page_render(rq, status, a, token, st);
}

static const char *
not_now(const char *lang)
{
    return tr(lang,
              "Dit kan nu niet meer. Bekijk hieronder hoe het met uw "
              "kostenoverzicht staat.",
              "This is no longer possible. See below how your spending "
              "report is doing.");
}

/* A line number from the form: 1..500 (expense_line.line_no). */
static bool
line_number(const char *s, long long *out)
{
    char *end;
    long v;

    if (s == NULL || *s < '1' || *s > '9')
        return false;
    v = strtol(s, &end, 10);
    if (*end != '\0' || v < 1 || v > 500)
        return false;
    *out = v;
    return true;
}

/* Check the typed line against the report; true with x filled in (the
 * note trimmed into *note, which the caller frees), or false with the
 * messages in st. */
static bool
check_line(const struct expense_report_view *rep, const char *lang,
           struct status_form_state *st, struct expense_tx *x, char **note)
{
    struct expense_limits lim = {rep->paid_on, rep->today,
                                 rep->awarded_cents - rep->spent_cents};
    struct expense_line_input in;

    memset(&in, 0, sizeof(in));
    in.date = st->exp_date;
    in.occasion = st->exp_occasion;
    in.amount = st->exp_amount;
    in.note = st->exp_note;
    if (!expense_line_check(&in, &lim, lang)) {
        st->exp_date_error = in.date_error;
        st->exp_occasion_error = in.occasion_error;
        st->exp_amount_error = in.amount_error;
        st->exp_note_error = in.note_error;
        return false;
    }
    memcpy(x->spent_on_iso, in.iso, sizeof(in.iso));
    x->spent_on = x->spent_on_iso;
    x->occasion = expense_occasion_find(in.occasion)->code;
    x->cents = in.cents;
    *note = strdup(in.note ? in.note : "");
    if (*note != NULL && text_field_trim(*note)[0] != '\0')
        x->note = *note;
    return true;
}

enum MHD_Result
status_expense_action(struct request *rq, const struct application_view *a,
                      const char *token, const struct urlenc_pairs *form,
                      const char *lang, struct status_form_state *st)
{
    struct db_conn *db = request_db(rq);
    struct expense_report_view rep;
    struct expense_tx x;
    const char *what = urlenc_get(form, "actie"), *done;
    char *note = NULL, loc[192];
    enum db_status s;
    int r;

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    r = db_expense_report_of(db, a->id, &rep);
    if (r < 0)
        return reply_error(rq, 503, NULL);
    if (r == 0)
        return again(rq, 409, a, token, st,
                     tr(lang,
                        "Een kostenoverzicht kunt u invullen als het geld "
                        "is overgemaakt.",
                        "You can fill in a spending report once the money "
                        "has been transferred."));
    if (rep.submitted)
        return again(rq, 409, a, token, st,
                     tr(lang,
                        "U heeft het kostenoverzicht al ingestuurd. Daarna "
                        "kunt u het niet meer veranderen.",
                        "You have already sent in the spending report. It "
                        "cannot be changed after that."));
    memset(&x, 0, sizeof(x));
    x.report_id = rep.id;
    x.what = what;
    if (strcmp(what, ACT_ADD) == 0) {
        if (!check_line(&rep, lang, st, &x, &note))
            return again(rq, 422, a, token, st,
                         tr(lang,
                            "De uitgave is niet toegevoegd. Kijk bij het "
                            "kostenoverzicht wat er niet klopt.",
                            "The spending was not added. See the spending "
                            "report for what is not right."));
        if (note == NULL)
            return reply_error(rq, 500, NULL);
        done = "uitgave";
    } else if (strcmp(what, ACT_REMOVE) == 0) {
        if (!line_number(urlenc_get(form, "regel"), &x.line_no))
            return reply_error(rq, 400, NULL);
        done = "uitgave_weg";
    } else {
        if (rep.lines == 0) {
            st->exp_submit_error =
                tr(lang,
                   "Vul eerst minstens een uitgave in. Daarna kunt u het "
                   "kostenoverzicht insturen.",
                   "First enter at least one spending. Then you can send in "
                   "the spending report.");
            return again(rq, 422, a, token, st, NULL);
        }
        done = "kosten";
    }
    s = db_transaction(db, expense_tx, &x);
    free(note);
    if (s < 0)
        return reply_error(rq, 503, NULL);
    if (x.done == 0)
        return again(rq, 409, a, token, st, not_now(lang));
    snprintf(loc, sizeof(loc), "/status/%s?gedaan=%s%s#kostenoverzicht", token,
             done, strcmp(lang, "en") == 0 ? "&taal=en" : "");
    return reply_redirect(rq, loc);
}
