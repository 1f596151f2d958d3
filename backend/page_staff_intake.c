/* GET /beheer/aanvragen/nieuw[?klaar=<one-time key>] - assisted intake:
 * the empty form, or after filing the page to hand over on paper: the
 * reference, the receipt to print and the resident's private status link.
 *
 * The filed result is found again through the form's one-time key (the
 * status token is stored only sealed with it); only the makelaar who
 * entered the application, within their wijken, sees it: anyone else
 * gets the same 404 as for a key that does not exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "application_submit.h"
#include "db_application.h"
#include "db_decision.h"
#include "pages.h"
#include "staff_intake.h"
#include "staff_layout.h"
#include "staff_session.h"
#include "status_page.h"

/* The page after filing. */
static enum MHD_Result
filed(struct request *rq, const struct staff *me, const char *key)
{
    struct db_conn *db = request_db(rq);
    struct application_view *a = NULL;
    struct decision_app *d = NULL;
    struct submit_result res;
    unsigned char hash[STATUS_TOKEN_HASH_BYTES];
    char link[700];
    enum MHD_Result ret;
    struct html h;
    int r;

    if (!staff_intake_key_valid(key))
        return reply_error(rq, 404, NULL);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    r = application_submit_lookup(db, rq->app->box_key, key, &res);
    if (r <= 0 || !status_token_hash(res.token, hash))
        return reply_error(rq, r < 0 ? 503 : 404, NULL);
    a = malloc(sizeof(*a));
    d = malloc(sizeof(*d));
    if (a == NULL || d == NULL) {
        ret = reply_error(rq, 500, NULL);
        goto out;
    }
    r = db_application_by_token(db, hash, a);
    if (r == 1)
        r = db_decision_app(db, a->id, me->wijken, d);
    if (r < 0) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    if (r == 0 || d->entered_by != me->id) {
        ret = reply_error(rq, 404, NULL);
        goto out;
    }

    snprintf(link, sizeof(link), "%s/status/%s", rq->app->cfg.base_url,
             res.token);
    html_init(&h);
    staff_layout_begin(rq, &h, me, "Aanvraag ingevoerd", "invoeren");
    HTML(&h,
         "<h1 class=\"utrecht-heading-1\">Aanvraag ingevoerd</h1>\n"
         "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\">"
         "<div class=\"utrecht-alert__content\"><p "
         "class=\"utrecht-paragraph\">De aanvraag is opgeslagen met "
         "referentie <strong>{}</strong>, voor de {} in wijk {}.</p></div>"
         "</div>\n",
         a->reference, a->street_name, d->wijk_name);
    HTML(&h,
         "<h2 class=\"utrecht-heading-2\">Geef de bewoner op papier</h2>\n"
         "<ol class=\"utrecht-ordered-list\">\n"
         "<li class=\"utrecht-ordered-list__item\">Het ontvangstbewijs: <a "
         "class=\"utrecht-link\" href=\"/status/{}" RECEIPT_SUFFIX
         "\">ontvangstbewijs (PDF) printen</a>.</li>\n"
         "<li class=\"utrecht-ordered-list__item\">De persoonlijke "
         "statuslink. Schrijf of print hem voor de bewoner; met deze link "
         "ziet de bewoner hoe het met de aanvraag gaat en beantwoordt vragen. "
         "Deel de link met niemand anders en bewaar hem niet:"
         "<p class=\"utrecht-paragraph\"><code class=\"ll-link\">{}</code>"
         "</p></li>\n</ol>\n",
         res.token, link);
    if (a->flag_second_open || a->flag_over_yearly_maximum ||
        a->flag_unknown_street) {
        HTML_LIT(&h, "<h2 class=\"utrecht-heading-2\">Let op</h2>\n"
                     "<ul class=\"utrecht-unordered-list\">\n");
        if (a->flag_second_open)
            HTML_LIT(&h, "<li class=\"utrecht-unordered-list__item\">Er is "
                         "al een andere open aanvraag voor deze "
                         "straat.</li>\n");
        if (a->flag_over_yearly_maximum)
            HTML_LIT(&h, "<li class=\"utrecht-unordered-list__item\">De "
                         "straat heeft dit jaar al het maximum aantal "
                         "potjes.</li>\n");
        if (a->flag_unknown_street)
            HTML_LIT(&h, "<li class=\"utrecht-unordered-list__item\">De "
                         "straat staat niet in de stratenlijst.</li>\n");
        HTML_LIT(&h, "</ul>\n");
    }
    HTML(&h,
         "<h2 class=\"utrecht-heading-2\">Wie beslist?</h2>\n"
         "<p class=\"utrecht-paragraph\">{}</p>\n"
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"" STAFF_INTAKE_PATH "\">Nog een aanvraag invoeren</a> · "
         "<a class=\"utrecht-link\" href=\"/beheer/aanvragen\">Naar de "
         "aanvragen</a></p>\n",
         "U heeft deze aanvraag zelf ingevoerd. Daarom kunt u er niet over "
         "beslissen: een andere makelaar van de wijk beoordeelt de aanvraag "
         "en kent het potje toe of wijst het af.");
    staff_layout_end(&h);
    ret = reply_html(rq, 200, &h);
out:
    free(a);
    free(d);
    return ret;
}

enum MHD_Result
page_staff_intake_form(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    const char *key;

    if (!staff_require(rq, "makelaar", &me, &ret))
        return ret;
    key = urlenc_get(&rq->query, STAFF_INTAKE_DONE);
    if (key != NULL)
        return filed(rq, &me, key);
    return staff_intake_form(rq, &me, 200, NULL, "nl", NULL);
}
