/* GET /status/<token> and /status/<token>/ontvangstbewijs.pdf - the
 * resident's private status page and the stored receipt.
 *
 * The token is the only key: a wrong one, of any length or alphabet, gets
 * the same 404 as an unknown page. The access log shows only the route. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db_application.h"
#include "layout.h"
#include "pages.h"
#include "status_token.h"

#define RECEIPT_SUFFIX "/ontvangstbewijs.pdf"

static const char *
tr(const char *lang, const char *nl, const char *en)
{
    return strcmp(lang, "en") == 0 ? en : nl;
}

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

static void
timeline(struct html *h, const struct application_view *a, const char *lang)
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
    HTML_LIT(h, "</ol>\n");
}

static enum MHD_Result
show(struct request *rq, const struct application_view *a, const char *token)
{
    const char *lang = a->language[0] ? a->language : "nl";
    const char *q = urlenc_get(&rq->query, "taal");
    bool fresh = urlenc_get(&rq->query, "nieuw") != NULL;
    char link[700], title[80];
    struct html h;

    if (q != NULL)
        lang = strcmp(q, "en") == 0 ? "en" : "nl";
    snprintf(link, sizeof(link), "%s/status/%s", rq->app->cfg.base_url, token);
    snprintf(title, sizeof(title), "%s %s",
             tr(lang, "Uw aanvraag", "Your application"), a->reference);
    html_init(&h);
    layout_begin(&h, title);
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", title);
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
         status_words(a->status, lang), tr(lang, "Straat:", "Street:"),
         a->street_name);
    if (strcmp(a->status, "afgewezen") == 0 && a->rejection_reason[0])
        HTML(&h,
             "<h2 class=\"utrecht-heading-2\">{}</h2>"
             "<p class=\"utrecht-paragraph\">{}</p>\n",
             tr(lang, "Waarom niet?", "Why not?"), a->rejection_reason);
    timeline(&h, a, lang);
    if (a->has_receipt)
        HTML(&h,
             "<h2 class=\"utrecht-heading-2\">{}</h2>"
             "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
             "href=\"/status/{}" RECEIPT_SUFFIX "\">{}</a></p>\n",
             tr(lang, "Documenten", "Documents"), token,
             tr(lang, "Ontvangstbewijs (PDF)", "Receipt (PDF)"));
    layout_end(&h);
    return reply_html(rq, 200, &h);
}

enum MHD_Result
page_status(struct request *rq)
{
    const char *p = rq->path_param;
    char token[STATUS_TOKEN_CHARS + 1];
    unsigned char hash[STATUS_TOKEN_HASH_BYTES], *pdf = NULL;
    struct application_view *a;
    struct db_conn *db;
    bool receipt;
    size_t len = 0;
    int r;
    enum MHD_Result ret;

    if (strlen(p) < STATUS_TOKEN_CHARS)
        return reply_error(rq, 404, NULL);
    memcpy(token, p, STATUS_TOKEN_CHARS);
    token[STATUS_TOKEN_CHARS] = '\0';
    receipt = strcmp(p + STATUS_TOKEN_CHARS, RECEIPT_SUFFIX) == 0;
    if ((!receipt && p[STATUS_TOKEN_CHARS] != '\0') ||
        !status_token_hash(token, hash))
        return reply_error(rq, 404, NULL);
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    a = malloc(sizeof(*a));
    if (a == NULL)
        return reply_error(rq, 500, NULL);
    r = db_application_by_token(db, hash, a);
    if (r <= 0) {
        free(a);
        return reply_error(rq, r < 0 ? 503 : 404, NULL);
    }
    if (!receipt) {
        ret = show(rq, a, token);
        free(a);
        return ret;
    }
    r = db_document_get(db, a->id, "receipt", &pdf, &len);
    free(a);
    if (r <= 0)
        return reply_error(rq, r < 0 ? 503 : 404, NULL);
    return reply_bytes(rq, 200, "application/pdf", (const char *)pdf, len, true,
                       "private, no-store");
}
