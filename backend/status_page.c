/* The private status page: loading it from the link and drawing it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "app.h"
#include "db_application.h"
#include "layout.h"
#include "db_status_actions.h"
#include "form_csrf.h"
#include "form_render.h"
#include "money.h"
#include "status_page.h"

struct step {
    const char *nl, *en;
};

/* Where the application is, in words a resident understands. */
static const char *
status_words(const char *status, const char *lang)
{
    static const struct {
        const char *status, *nl, *en;
    } words[] = {
        {"ingediend",
         "Uw aanvraag is ontvangen. Een sociaal makelaar gaat er "
         "binnenkort naar kijken.",
         "We have received your application. A social broker will look at "
         "it soon."},
        {"in_behandeling",
         "Een sociaal makelaar bekijkt uw aanvraag. U hoort binnen 4 weken "
         "wat het besluit is.",
         "A social broker is looking at your application. You will hear the "
         "decision within 4 weeks."},
        {"aanvulling_gevraagd",
         "De sociaal makelaar heeft een vraag voor u. Beantwoord die vraag, "
         "dan gaat de behandeling verder.",
         "The social broker has a question for you. Answer it and the review "
         "continues."},
        {"toegekend", "U krijgt het potje. Het geld wordt overgemaakt.",
         "You will receive the potje. The money will be transferred."},
        {"afgewezen", "U krijgt het potje helaas niet. Hieronder staat waarom.",
         "Unfortunately you will not receive the potje. The reason is below."},
        {"ingetrokken", "U heeft de aanvraag ingetrokken.",
         "You withdrew the application."},
    };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(words[i].status, status) == 0)
            return tr(lang, words[i].nl, words[i].en);
    return status;
}

/* rep: the spending report once the potje is paid, else NULL */
static void
timeline(struct html *h, const struct application_view *a,
         const struct expense_report_view *rep, const char *lang)
{
    bool decided = strcmp(a->status, "toegekend") == 0 ||
                   strcmp(a->status, "afgewezen") == 0;
    bool reviewing = strcmp(a->status, "ingediend") != 0 &&
                     strcmp(a->status, "ingetrokken") != 0;

    HTML(h,
         "<h2 class=\"utrecht-heading-2\">{}</h2>\n"
         "<ol class=\"utrecht-ordered-list ll-timeline\">\n"
         "<li class=\"utrecht-ordered-list__item\">{} {}</li>\n",
         tr(lang, "Stappen", "Steps"), tr(lang, "Ingediend op", "Submitted on"),
         a->submitted);
    HTML(h, "<li class=\"utrecht-ordered-list__item\">{}{}</li>\n",
         tr(lang, "In behandeling bij de sociaal makelaar",
            "Being reviewed by the social broker"),
         reviewing ? tr(lang, " (bezig of klaar)", " (in progress or done)")
                   : tr(lang, " (nog niet begonnen)", " (not started yet)"));
    if (strcmp(a->status, "ingetrokken") == 0)
        HTML(h, "<li class=\"utrecht-ordered-list__item\">{}</li>\n",
             tr(lang, "Ingetrokken", "Withdrawn"));
    else
        HTML(h, "<li class=\"utrecht-ordered-list__item\">{} {}</li>\n",
             tr(lang, "Besluit", "Decision"),
             decided ? a->decided : tr(lang, "(nog niet)", "(not yet)"));
    if (rep != NULL) {
        HTML(h, "<li class=\"utrecht-ordered-list__item\">{} {}</li>\n",
             tr(lang, "Geld overgemaakt op", "Money transferred on"),
             rep->paid_on_text);
        if (rep->submitted)
            HTML(h, "<li class=\"utrecht-ordered-list__item\">{} {}</li>\n",
                 tr(lang, "Kostenoverzicht ingestuurd op",
                    "Spending report sent in on"),
                 rep->submitted_text);
        else
            HTML(h, "<li class=\"utrecht-ordered-list__item\">{} {} {})</li>\n",
                 tr(lang, "Kostenoverzicht", "Spending report"),
                 tr(lang, "(nog niet ingestuurd; uiterlijk",
                    "(not sent in yet; at the latest on"),
                 rep->due_on_text);
    }
    HTML_LIT(h, "</ol>\n");
}

static bool
open_status(const char *s)
{
    return strcmp(s, "ingediend") == 0 || strcmp(s, "in_behandeling") == 0 ||
           strcmp(s, "aanvulling_gevraagd") == 0;
}

/* Banner after a successful action (?gedaan=...). */
static const char *
done_words(const char *done, const char *lang)
{
    if (done == NULL)
        return NULL;
    if (strcmp(done, "ingetrokken") == 0)
        return tr(lang, "Uw aanvraag is ingetrokken.",
                  "Your application has been withdrawn.");
    if (strcmp(done, "antwoord") == 0)
        return tr(lang,
                  "Bedankt voor uw antwoord. De sociaal makelaar gaat verder "
                  "met uw aanvraag.",
                  "Thank you for your answer. The social broker will continue "
                  "with your application.");
    if (strcmp(done, "iban") == 0)
        return tr(lang, "Uw nieuwe rekeningnummer is opgeslagen.",
                  "Your new account number has been saved.");
    if (strcmp(done, "uitgave") == 0)
        return tr(lang, "De uitgave staat in uw kostenoverzicht.",
                  "The spending is in your spending report.");
    if (strcmp(done, "uitgave_weg") == 0)
        return tr(lang, "De uitgave is uit uw kostenoverzicht gehaald.",
                  "The spending has been removed from your spending report.");
    if (strcmp(done, "kosten") == 0)
        return tr(lang, "Bedankt! Uw kostenoverzicht is ingestuurd.",
                  "Thank you! Your spending report has been sent in.");
    return NULL;
}

void
status_action_form_head(struct html *h, const char *token, const char *csrf,
                        const char *action, const char *lang)
{
    HTML(h,
         "<form class=\"utrecht-form\" method=\"post\" action=\"/status/{}\" "
         "novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"actie\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"taal\" value=\"{}\">\n",
         token, csrf, action, lang);
}

static void
button(struct html *h, const char *label)
{
    HTML(h,
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--secondary-action\">{}"
         "</button></p>\n</form>\n",
         label);
}

static void
forms(struct request *rq, struct html *h, const struct application_view *a,
      const struct expense_report_view *rep, const char *token,
      const struct status_form_state *st, const char *lang)
{
    char csrf[CSRF_TOKEN_MAX], question[4 * 4000 + 1] = "";
    const char *opt = tr(lang, " (niet verplicht)", " (optional)");
    struct db_conn *db = request_db(rq);
    bool paid = strcmp(a->payout_status, "betaald") == 0;

    form_csrf_issue(rq, STATUS_CSRF_PURPOSE, csrf);
    if (strcmp(a->status, "aanvulling_gevraagd") == 0) {
        if (db != NULL)
            (void)db_application_question(db, a->id, question,
                                          sizeof(question));
        HTML(h,
             "<h2 class=\"utrecht-heading-2\">{}</h2>\n"
             "<blockquote class=\"utrecht-blockquote\"><p "
             "class=\"utrecht-paragraph\">{}</p></blockquote>\n",
             tr(lang, "Vraag van de sociaal makelaar",
                "Question from the social broker"),
             question);
        status_action_form_head(h, token, csrf, "antwoorden", lang);
        struct field_view f = {
            FIELD_TEXTAREA,
            "antwoord",
            tr(lang, "Uw antwoord", "Your answer"),
            tr(lang, "Schrijf geen namen of gezondheid van buren op.",
               "Do not write down names or health details of neighbours."),
            st ? st->answer : "",
            st ? st->answer_error : NULL,
            NULL,
            NULL,
            opt,
            true,
            2000};
        form_field(h, &f);
        button(h, tr(lang, "Antwoord versturen", "Send answer"));
    }
    if (strcmp(a->payout_method, "bank") == 0 && !paid &&
        strcmp(a->status, "afgewezen") != 0 &&
        strcmp(a->status, "ingetrokken") != 0) {
        HTML(h,
             "<h2 class=\"utrecht-heading-2\">{}</h2>\n"
             "<p class=\"utrecht-paragraph\">{}</p>\n",
             tr(lang, "Ander rekeningnummer", "Different account number"),
             tr(lang,
                "Is uw rekeningnummer veranderd? Vul het nieuwe hier in. Na "
                "het potje toekennen moet de sociaal makelaar het nieuwe "
                "nummer eerst controleren; daarna maken wij het geld over.",
                "Has your account number changed? Enter the new one here. "
                "Once the potje has been awarded, the social broker checks "
                "the new number first; then we transfer the money."));
        status_action_form_head(h, token, csrf, "iban", lang);
        struct field_view fi = {FIELD_TEXT,
                                "iban",
                                tr(lang, "Nieuwe IBAN", "New IBAN"),
                                tr(lang, "Bijvoorbeeld NL91 ABNA 0417 1643 00.",
                                   "For example NL91 ABNA 0417 1643 00."),
                                st ? st->iban : "",
                                st ? st->iban_error : NULL,
                                "off",
                                NULL,
                                opt,
                                true,
                                42};
        form_field(h, &fi);
        struct field_view fh = {FIELD_TEXT,
                                "rekeninghouder",
                                tr(lang, "Naam van de rekeninghouder",
                                   "Name of the account holder"),
                                NULL,
                                st ? st->holder : "",
                                st ? st->holder_error : NULL,
                                "off",
                                NULL,
                                opt,
                                true,
                                70};
        form_field(h, &fh);
        button(h, tr(lang, "Rekeningnummer opslaan", "Save account number"));
    }
    if (open_status(a->status)) {
        HTML(h, "<h2 class=\"utrecht-heading-2\">{}</h2>\n",
             tr(lang, "Aanvraag intrekken", "Withdraw the application"));
        status_action_form_head(h, token, csrf, "intrekken", lang);
        struct field_view fw = {FIELD_TEXT,
                                "zeker",
                                tr(lang, "Ja, ik wil mijn aanvraag intrekken",
                                   "Yes, I want to withdraw my application"),
                                tr(lang, "Dit kunt u niet ongedaan maken.",
                                   "You cannot undo this."),
                                "",
                                st ? st->withdraw_error : NULL,
                                NULL,
                                NULL,
                                opt,
                                true,
                                0};
        form_checkbox(h, &fw);
        button(h, tr(lang, "Aanvraag intrekken", "Withdraw application"));
    }
    if (rep != NULL)
        status_expense_section(h, db, rep, token, csrf, st, lang);
}

enum MHD_Result
status_page_render(struct request *rq, unsigned status,
                   const struct application_view *a, const char *token,
                   const struct status_form_state *st)
{
    const char *lang = a->language[0] ? a->language : "nl";
    const char *q = urlenc_get(&rq->query, "taal");
    bool fresh = urlenc_get(&rq->query, "nieuw") != NULL;
    char link[700], title[80];
    const char *banner;
    struct db_conn *db = request_db(rq);
    bool db_payout_blocked =
        db != NULL && db_payout_iban_blocked(db, a->id) == 1;
    struct expense_report_view report;
    const struct expense_report_view *rep =
        (db != NULL && strcmp(a->payout_status, "betaald") == 0 &&
         db_expense_report_of(db, a->id, &report) == 1)
            ? &report
            : NULL;
    const char *words;
    struct html h;

    if (q != NULL)
        lang = strcmp(q, "en") == 0 ? "en" : "nl";
    if (st != NULL && st->lang != NULL)
        lang = st->lang;
    words = status_words(a->status, lang);
    if (rep != NULL)
        words = rep->submitted
                    ? tr(lang,
                         "Het geld is overgemaakt en u heeft het "
                         "kostenoverzicht ingestuurd. Bedankt!",
                         "The money has been transferred and you have sent "
                         "in the spending report. Thank you!")
                    : tr(lang,
                         "Het geld is overgemaakt. Houd hieronder bij waaraan "
                         "u het uitgeeft.",
                         "The money has been transferred. Keep track below of "
                         "what you spend it on.");
    /* the bank sent the money back: say so plainly and ask for the
     * number, unless a new one already waits for the makelaar */
    if (strcmp(a->payout_status, "mislukt") == 0)
        words = db_payout_blocked
                    ? tr(lang,
                         "Het overmaken was niet gelukt. U heeft een nieuw "
                         "rekeningnummer doorgegeven; de sociaal makelaar "
                         "controleert het. Daarna maken wij het geld opnieuw "
                         "over.",
                         "The transfer did not go through. You have given a "
                         "new account number; the social broker checks it. "
                         "Then we transfer the money again.")
                    : tr(lang,
                         "Het overmaken is niet gelukt: de bank kon het geld "
                         "niet op uw rekening zetten. Geef hieronder uw "
                         "juiste rekeningnummer door. De sociaal makelaar "
                         "controleert het, en daarna maken wij het geld "
                         "opnieuw over.",
                         "The transfer did not go through: the bank could "
                         "not pay the money into your account. Give your "
                         "correct account number below. The social broker "
                         "checks it, and then we transfer the money again.");
    banner = st && st->banner
                 ? st->banner
                 : done_words(urlenc_get(&rq->query, "gedaan"), lang);
    snprintf(link, sizeof(link), "%s/status/%s", rq->app->cfg.base_url, token);
    snprintf(title, sizeof(title), "%s %s",
             tr(lang, "Uw aanvraag", "Your application"), a->reference);
    html_init(&h);
    layout_begin(&h, title);
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", title);
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"/status/{}?taal={}\" lang=\"{}\">{}</a></p>\n",
         token, tr(lang, "en", "nl"), tr(lang, "en", "nl"),
         tr(lang, "Read this page in English",
            "Lees deze pagina in het Nederlands"));
    if (banner != NULL)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--info\" role=\"status\">"
             "<div class=\"utrecht-alert__content\"><p "
             "class=\"utrecht-paragraph\">{}</p></div></div>\n",
             banner);
    if (fresh) {
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\">"
             "<div class=\"utrecht-alert__content\">"
             "<h2 class=\"utrecht-heading-2\">{}</h2>"
             "<p class=\"utrecht-paragraph\">{} <strong>{}</strong>.</p>"
             "<p class=\"utrecht-paragraph\">{}</p>"
             "<p class=\"utrecht-paragraph ll-link\"><a class=\"utrecht-link\" "
             "href=\"{}\">{}</a></p></div></div>\n",
             tr(lang, "Bedankt, uw aanvraag is verstuurd",
                "Thank you, your application has been sent"),
             tr(lang, "Uw nummer is", "Your reference is"), a->reference,
             tr(lang,
                "Bewaar deze link goed. Hiermee kunt u altijd zien hoe het "
                "met uw aanvraag gaat. Deel de link niet met anderen.",
                "Keep this link safe. With it you can always see how your "
                "application is doing. Do not share the link."),
             link, link);
        if (a->flag_second_open)
            HTML(&h, "<p class=\"utrecht-paragraph\">{}</p>\n",
                 tr(lang,
                    "Er is al een andere aanvraag voor uw straat. De sociaal "
                    "makelaar neemt contact met u op om te kijken hoe u dat "
                    "samen kunt doen.",
                    "There is already another application for your street. "
                    "The social broker will contact you to see how you can "
                    "do this together."));
        if (a->flag_over_yearly_maximum)
            HTML(&h, "<p class=\"utrecht-paragraph\">{}</p>\n",
                 tr(lang,
                    "Uw straat heeft dit jaar al potjes gekregen. De sociaal "
                    "makelaar bekijkt of er nog een potje mogelijk is en "
                    "laat het u weten.",
                    "Your street has already received potjes this year. The "
                    "social broker will check whether another one is "
                    "possible and let you know."));
    }
    HTML(&h,
         "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">{}</p>\n"
         "<p class=\"utrecht-paragraph\">{} {}</p>\n",
         words, tr(lang, "Straat:", "Street:"), a->street_name);
    if (a->awarded_cents > 0) {
        char amount[MONEY_TEXT_SIZE];
        money_format_euro(a->awarded_cents, amount, sizeof(amount));
        HTML(&h, "<p class=\"utrecht-paragraph\">{} <strong>{}</strong></p>\n",
             tr(lang, "Toegekend bedrag:", "Amount awarded:"), amount);
    }
    if (strcmp(a->status, "afgewezen") == 0 && a->rejection_reason[0])
        HTML(&h,
             "<h2 class=\"utrecht-heading-2\">{}</h2>"
             "<p class=\"utrecht-paragraph\">{}</p>\n",
             tr(lang, "Waarom niet?", "Why not?"), a->rejection_reason);
    if (db_payout_blocked)
        HTML(&h, "<p class=\"utrecht-paragraph\"><strong>{}</strong></p>\n",
             tr(lang,
                "Uw rekeningnummer is veranderd. De sociaal makelaar "
                "controleert het nieuwe nummer; daarna maken wij het geld "
                "over.",
                "Your account number has changed. The social broker checks "
                "the new number; then we transfer the money."));
    timeline(&h, a, rep, lang);
    forms(rq, &h, a, rep, token, st, lang);
    HTML(&h,
         "<h2 class=\"utrecht-heading-2\">{}</h2>\n"
         "<ul class=\"utrecht-unordered-list\">\n",
         tr(lang, "Documenten", "Documents"));
    if (a->has_award_letter)
        HTML(&h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"/status/{}" AWARD_LETTER_SUFFIX
             "\">{}</a></li>\n",
             token, tr(lang, "Toekenningsbrief (PDF)", "Award letter (PDF)"));
    if (a->has_rejection_letter)
        HTML(&h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"/status/{}" REJECTION_LETTER_SUFFIX
             "\">{}</a></li>\n",
             token,
             tr(lang, "Afwijzingsbrief (PDF)", "Rejection letter (PDF)"));
    if (a->has_receipt)
        HTML(&h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"/status/{}" RECEIPT_SUFFIX
             "\">{}</a></li>\n",
             token, tr(lang, "Ontvangstbewijs (PDF)", "Receipt (PDF)"));
    HTML(&h,
         "<li class=\"utrecht-unordered-list__item\"><a "
         "class=\"utrecht-link\" href=\"/status/{}" DATA_SUFFIX
         "\">{}</a></li>\n</ul>\n",
         token,
         tr(lang, "Alles wat wij over u bewaren (tekstbestand)",
            "Everything we keep about you (text file)"));
    layout_end(&h);
    return reply_html(rq, status, &h);
}

unsigned
status_page_load(struct request *rq, char token[STATUS_TOKEN_CHARS + 1],
                 const char **rest, struct application_view **a)
{
    const char *p = rq->path_param;
    unsigned char hash[STATUS_TOKEN_HASH_BYTES];
    struct db_conn *db;
    int r;

    *a = NULL;
    if (p == NULL || strlen(p) < STATUS_TOKEN_CHARS)
        return 404;
    memcpy(token, p, STATUS_TOKEN_CHARS);
    token[STATUS_TOKEN_CHARS] = '\0';
    *rest = p + STATUS_TOKEN_CHARS;
    if (!status_token_hash(token, hash))
        return 404;
    db = request_db(rq);
    if (db == NULL)
        return 503;
    *a = malloc(sizeof(**a));
    if (*a == NULL)
        return 500;
    r = db_application_by_token(db, hash, *a);
    if (r <= 0) {
        free(*a);
        *a = NULL;
        return r < 0 ? 503 : 404;
    }
    return 0;
}
