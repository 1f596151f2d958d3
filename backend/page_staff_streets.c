/* GET /beheer/straten - the streets of one wijk (?wijk=03) with potjes
 * awarded and paid, euros paid and the Lief en Leedstraat badge with the
 * date it was earned (derived from paid payouts by the view
 * street_potje_status, never stored). ?alle=ja lists every street of the
 * wijk, not only those with an application; ?pagina=N pages through.
 *
 * Makelaar: their own wijken only (default the first; another wijk
 * answers 404, and the statement itself returns nothing for it).
 * Beheerder: any wijk (default 01). Merged spellings are left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_staff_street.h"
#include "db_street.h"
#include "form_render.h"
#include "log.h"
#include "money.h"
#include "pages.h"
#include "staff_layout.h"
#include "staff_session.h"
#include "staff_street_view.h"

#define STREETS_PAGE 100

struct wijk_choice {
    const struct staff *me;
    struct option_view opts[10];
    char codes[10][3];
    char labels[10][120];
    size_t n;
    char chosen_name[101];
    const char *chosen;
};

static void
wijk_option(void *cls, const char *code, const char *name)
{
    struct wijk_choice *w = cls;

    if (strcmp(w->me->role, "makelaar") == 0 && !staff_has_wijk(w->me, code))
        return;
    if (w->n >= sizeof(w->opts) / sizeof(w->opts[0]))
        return;
    snprintf(w->codes[w->n], sizeof(w->codes[0]), "%s", code);
    snprintf(w->labels[w->n], sizeof(w->labels[0]), "%s (%s)", name, code);
    w->opts[w->n].value = w->codes[w->n];
    w->opts[w->n].label = w->labels[w->n];
    if (strcmp(code, w->chosen) == 0)
        snprintf(w->chosen_name, sizeof(w->chosen_name), "%s", name);
    w->n++;
}

static void
street_row(void *cls, const struct street_row *r)
{
    struct html *h = cls;
    char href[64], m[MONEY_TEXT_SIZE];

    snprintf(href, sizeof(href), "/beheer/straten/%lld", r->id);
    money_format_euro(r->paid_cents, m, sizeof(m));
    HTML(h,
         "<tr class=\"utrecht-table__row\"><th "
         "class=\"utrecht-table__header-cell\" scope=\"row\"><a "
         "class=\"utrecht-link\" href=\"{}\">{}</a></th>"
         "<td class=\"utrecht-table__cell "
         "utrecht-table__cell--numeric-data\">",
         href, r->name);
    html_long(h, r->applications);
    HTML_LIT(h, "</td><td class=\"utrecht-table__cell "
                "utrecht-table__cell--numeric-data\">");
    html_long(h, r->awarded);
    HTML_LIT(h, "</td><td class=\"utrecht-table__cell "
                "utrecht-table__cell--numeric-data\">");
    html_long(h, r->paid);
    HTML(h,
         "</td><td class=\"utrecht-table__cell "
         "utrecht-table__cell--numeric-data\">{}</td>"
         "<td class=\"utrecht-table__cell\">",
         m);
    if (r->badge)
        staff_street_badge(h, true, r->since);
    HTML_LIT(h, "</td></tr>\n");
}

/* The wijk asked for, or the default. NULL when the value is malformed. */
static const char *
wijk_param(struct request *rq, const struct staff *me)
{
    const char *w = urlenc_get(&rq->query, "wijk");

    if (w == NULL || w[0] == '\0') {
        if (strcmp(me->role, "makelaar") == 0)
            return me->wijken[0] ? me->wijken : NULL; /* "03,04": cut below */
        return "01";
    }
    if (strlen(w) != 2 || w[0] < '0' || w[0] > '9' || w[1] < '0' || w[1] > '9')
        return NULL;
    return w;
}

enum MHD_Result
page_staff_streets(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct db_conn *db;
    struct wijk_choice *wc;
    struct street_list_totals tot;
    struct field_view f;
    struct html h;
    char wijk[3], title[160], base[64];
    const char *w, *alle;
    bool all;
    long page, pages;
    int r;

    if (!staff_require(rq, "makelaar,beheerder", &me, &ret))
        return ret;
    w = wijk_param(rq, &me);
    if (w == NULL)
        return reply_error(rq, 404, NULL);
    snprintf(wijk, sizeof(wijk), "%.2s", w);
    /* the scope rule; the statement applies it again */
    if (strcmp(me.role, "makelaar") == 0 && !staff_has_wijk(&me, wijk))
        return reply_error(rq, 404, NULL);
    if (!staff_street_page_param(rq, &page))
        return reply_error(rq, 400, "Dit paginanummer bestaat niet.");
    alle = urlenc_get(&rq->query, "alle");
    all = alle != NULL && strcmp(alle, "ja") == 0;

    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    wc = calloc(1, sizeof(*wc));
    if (wc == NULL)
        return reply_error(rq, 503, NULL);
    wc->me = &me;
    wc->chosen = wijk;
    r = db_wijk_names(db, wijk_option, wc);
    if (r < 0) {
        log_error("street list: %s", db_last_error(db));
        free(wc);
        return reply_error(rq, 503, NULL);
    }
    if (wc->chosen_name[0] == '\0') { /* no such wijk */
        free(wc);
        return reply_error(rq, 404, NULL);
    }

    html_init(&h);
    snprintf(title, sizeof(title), "Straten in %s", wc->chosen_name);
    staff_layout_begin(rq, &h, &me, title, "straten");
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", title);
    HTML_LIT(&h, "<form class=\"utrecht-form ll-filter\" method=\"get\" "
                 "action=\"/beheer/straten\">\n");
    memset(&f, 0, sizeof(f));
    f.name = "wijk";
    f.label = "Wijk";
    f.value = wijk;
    form_select(&h, &f, "Kies een wijk", wc->opts, wc->n);
    memset(&f, 0, sizeof(f));
    f.name = "alle";
    f.label = "Ook straten zonder aanvragen tonen";
    f.value = all ? "ja" : NULL;
    form_checkbox(&h, &f);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--secondary-action\">"
                 "Tonen</button></p>\n</form>\n");
    free(wc);

    r = 0;
    {
        /* first pass for the totals and the page; the rows are written
         * into a separate writer so the counts can come first */
        struct html rows;

        html_init(&rows);
        r = db_staff_street_list(db, wijk, me.role, me.wijken, all,
                                 (page - 1) * STREETS_PAGE, STREETS_PAGE,
                                 street_row, &rows, &tot);
        if (r < 0) {
            log_error("street list: %s", db_last_error(db));
            html_free(&rows);
            html_free(&h);
            return reply_error(rq, 503, NULL);
        }
        if (r == 0 && page > 1) {
            html_free(&rows);
            html_free(&h);
            return reply_error(rq, 404,
                               "Deze pagina van de lijst bestaat "
                               "niet.");
        }
        HTML_LIT(&h, "<p class=\"utrecht-paragraph ll-counts\">");
        html_long(&h, tot.badges);
        if (tot.badges == 1)
            HTML_LIT(&h, " Lief en Leedstraat in deze wijk, ");
        else
            HTML_LIT(&h, " Lief en Leedstraten in deze wijk, ");
        html_long(&h, tot.paid);
        if (tot.paid == 1)
            HTML_LIT(&h, " potje uitbetaald.");
        else
            HTML_LIT(&h, " potjes uitbetaald.");
        HTML_LIT(&h, "</p>\n");
        if (r == 0) {
            if (all)
                HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Deze wijk "
                             "heeft geen straten in de lijst.</p>\n");
            else
                HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Nog geen "
                             "straat in deze wijk heeft een aanvraag.</p>\n");
        } else {
            HTML_LIT(&h, "<table class=\"utrecht-table "
                         "utrecht-table--html-table\">\n"
                         "<caption class=\"utrecht-table__caption\">");
            html_long(&h, tot.streets);
            HTML_LIT(&h, " straten, op naam</caption>\n"
                         "<thead class=\"utrecht-table__header\"><tr "
                         "class=\"utrecht-table__row\">"
                         "<th class=\"utrecht-table__header-cell\" "
                         "scope=\"col\">Straat</th>"
                         "<th class=\"utrecht-table__header-cell "
                         "utrecht-table__header-cell--numeric-column\" "
                         "scope=\"col\">Aanvragen</th>"
                         "<th class=\"utrecht-table__header-cell "
                         "utrecht-table__header-cell--numeric-column\" "
                         "scope=\"col\">Potjes toegekend</th>"
                         "<th class=\"utrecht-table__header-cell "
                         "utrecht-table__header-cell--numeric-column\" "
                         "scope=\"col\">Potjes uitbetaald</th>"
                         "<th class=\"utrecht-table__header-cell "
                         "utrecht-table__header-cell--numeric-column\" "
                         "scope=\"col\">Bedrag uitbetaald</th>"
                         "<th class=\"utrecht-table__header-cell\" "
                         "scope=\"col\">Lief en Leedstraat</th>"
                         "</tr></thead>\n<tbody class=\"utrecht-table__body\">"
                         "\n");
            html_append_html(&h, &rows);
            HTML_LIT(&h, "</tbody></table>\n");
        }
        html_free(&rows);
    }
    pages = (tot.streets + STREETS_PAGE - 1) / STREETS_PAGE;
    snprintf(base, sizeof(base), "/beheer/straten?wijk=%s%s&", wijk,
             all ? "&alle=ja" : "");
    staff_street_pager(&h, base, page, pages);
    staff_layout_end(&h);
    return reply_html(rq, 200, &h);
}
