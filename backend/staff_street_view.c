/* staff_street_view.c - see staff_street_view.h. */
#include "staff_street_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_staff_street.h"
#include "form_render.h"
#include "log.h"
#include "money.h"
#include "staff_csrf.h"
#include "staff_layout.h"

bool
staff_street_parse_id(const char *s, long long *out)
{
    long long v = 0;
    size_t i, n = s ? strlen(s) : 0;

    if (n == 0 || n > 18)
        return false;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v <= 0)
        return false;
    *out = v;
    return true;
}

bool
staff_street_page_param(struct request *rq, long *page)
{
    const char *s = urlenc_get(&rq->query, "pagina");
    long long v;

    *page = 1;
    if (s == NULL)
        return true;
    if (strlen(s) > 6 || !staff_street_parse_id(s, &v) || v > 100000)
        return false;
    *page = (long)v;
    return true;
}

const char *
staff_street_status_label(const char *status)
{
    static const char *const labels[][2] = {
        {"ingediend", "Ingediend"},
        {"in_behandeling", "In behandeling"},
        {"aanvulling_gevraagd", "Aanvulling gevraagd"},
        {"toegekend", "Toegekend"},
        {"afgewezen", "Afgewezen"},
        {"ingetrokken", "Ingetrokken"},
        {"te_betalen", "Te betalen"},
        {"in_batch", "In betaalbatch"},
        {"betaald", "Betaald"},
        {"mislukt", "Mislukt"},
    };
    size_t i;

    for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        if (strcmp(status, labels[i][0]) == 0)
            return labels[i][1];
    return status;
}

struct history {
    struct html *h;
    bool makelaar;
};

static void
euro_cell(struct html *h, bool present, long long cents)
{
    char m[MONEY_TEXT_SIZE];

    if (!present) {
        HTML_LIT(h, "<td class=\"utrecht-table__cell "
                    "utrecht-table__cell--numeric-data\"></td>");
        return;
    }
    money_format_euro(cents, m, sizeof(m));
    HTML(h,
         "<td class=\"utrecht-table__cell "
         "utrecht-table__cell--numeric-data\">{}</td>",
         m);
}

static void
history_row(void *cls, const struct street_history_row *r)
{
    struct history *x = cls;
    struct html *h = x->h;

    HTML_LIT(h, "<tr class=\"utrecht-table__row\">"
                "<th class=\"utrecht-table__header-cell\" scope=\"row\">");
    if (r->own) {
        char href[64];

        snprintf(href, sizeof(href), "/beheer/aanvragen/%lld",
                 r->application_id);
        HTML(h, "<a class=\"utrecht-link\" href=\"{}\">{}</a>", href,
             r->reference);
    } else {
        html_text(h, r->reference);
    }
    HTML(h, "</th><td class=\"utrecht-table__cell\">{}</td>", r->wijk);
    if (x->makelaar) {
        if (!r->own)
            HTML_LIT(h, "<td class=\"utrecht-table__cell\">"
                        "(andere wijk)</td>");
        else if (r->organiser_removed)
            HTML_LIT(h, "<td class=\"utrecht-table__cell\">"
                        "(verwijderd)</td>");
        else
            HTML(h, "<td class=\"utrecht-table__cell\">{}</td>", r->organiser);
    }
    HTML(h,
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>",
         staff_street_status_label(r->status), r->submitted, r->decided);
    euro_cell(h, r->awarded, r->award_cents);
    HTML(h,
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>",
         r->payout_status[0] ? staff_street_status_label(r->payout_status) : "",
         r->paid_on);
    euro_cell(h, r->settled, r->settlement_cents);
    HTML_LIT(h, "</tr>\n");
}

void
staff_street_pager(struct html *h, const char *base, long page, long pages)
{
    char href[512];

    if (pages <= 1)
        return;
    HTML_LIT(h, "<nav class=\"ll-pager\" aria-label=\"Pagina's\">"
                "<p class=\"utrecht-paragraph\">");
    if (page > 1) {
        snprintf(href, sizeof(href), "%spagina=%ld", base, page - 1);
        HTML(h,
             "<a class=\"utrecht-link\" href=\"{}\" rel=\"prev\">"
             "Vorige</a> ",
             href);
    }
    HTML_LIT(h, "Pagina ");
    html_long(h, page);
    HTML_LIT(h, " van ");
    html_long(h, pages);
    if (page < pages) {
        snprintf(href, sizeof(href), "%spagina=%ld", base, page + 1);
        HTML(h,
             " <a class=\"utrecht-link\" href=\"{}\" rel=\"next\">"
             "Volgende</a>",
             href);
    }
    HTML_LIT(h, "</p></nav>\n");
}

void
staff_street_badge(struct html *h, bool badge, const char *since)
{
    if (badge)
        HTML(h,
             "<span class=\"utrecht-badge-status "
             "utrecht-badge-status--valid ll-badge\">Lief en Leedstraat"
             "</span> sinds {}",
             since);
    else
        HTML_LIT(h, "Nog geen Lief en Leedstraat");
}

struct candidate_text {
    char value[24];
    char label[248];
};

/* The streets to choose from; grows as they come (a wijk has a few
 * hundred). failed: out of memory, the form is not shown. */
struct candidates {
    struct candidate_text *text;
    struct option_view *opts;
    size_t n, cap;
    bool failed;
};

static void
candidate(void *cls, long long id, const char *name, const char *wijken)
{
    struct candidates *c = cls;

    if (c->failed)
        return;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        struct candidate_text *t = realloc(c->text, cap * sizeof(*t));

        if (t == NULL) {
            c->failed = true;
            return;
        }
        c->text = t;
        c->cap = cap;
    }
    snprintf(c->text[c->n].value, sizeof(c->text[0].value), "%lld", id);
    snprintf(c->text[c->n].label, sizeof(c->text[0].label), "%s (wijk %s)",
             name, wijken);
    c->n++;
}

static void
candidates_free(struct candidates *c)
{
    free(c->text);
    free(c->opts);
}

/* The beheerder's merge form. Returns false on a database error. */
static bool
merge_form(struct html *h, struct db_conn *db, const struct staff *me,
           const struct street_detail *s, const struct street_merge_view *mv)
{
    struct candidates cands = {NULL, NULL, 0, 0, false}, *cand = &cands;
    struct form_error errs[3];
    size_t nerr = 0;
    char purpose[48], csrf[CSRF_TOKEN_MAX], idv[24], confirm[400];
    struct field_view f;
    int r;

    r = db_staff_street_merge_candidates(db, s->id, candidate, cand);
    if (r >= 0 && !cand->failed && cand->n > 0) {
        size_t i;

        cand->opts = calloc(cand->n, sizeof(*cand->opts));
        cand->failed = cand->opts == NULL;
        for (i = 0; !cand->failed && i < cand->n; i++) {
            cand->opts[i].value = cand->text[i].value;
            cand->opts[i].label = cand->text[i].label;
        }
    }
    if (r < 0 || cand->failed) {
        candidates_free(cand);
        return false;
    }
    HTML_LIT(h, "<section aria-labelledby=\"samenvoegen\">\n"
                "<h2 class=\"utrecht-heading-2\" id=\"samenvoegen\">"
                "Samenvoegen met\xE2\x80\xA6</h2>\n");
    HTML(h,
         "<p class=\"utrecht-paragraph\">Is {} een andere schrijfwijze van "
         "een straat in dezelfde wijk? Voeg de straten dan samen. Alle "
         "aanvragen van deze straat gaan naar de straat die u kiest, met hun "
         "potjes en uitbetalingen. De straatnaam die de bewoner typte, blijft "
         "bij de aanvraag staan.</p>\n",
         s->name);
    if (mv && mv->doel_error)
        errs[nerr++] = (struct form_error){"doel", mv->doel_error};
    if (mv && mv->confirm_error)
        errs[nerr++] = (struct form_error){"bevestigd", mv->confirm_error};
    if (mv && mv->over_maximum_error)
        errs[nerr++] =
            (struct form_error){"boven_maximum", mv->over_maximum_error};
    form_error_summary(h, "Samenvoegen is niet gelukt", errs, nerr);
    if (cand->n == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Er is geen andere straat "
                    "in dezelfde wijk om mee samen te voegen.</p>\n"
                    "</section>\n");
        candidates_free(cand);
        return true;
    }
    snprintf(purpose, sizeof(purpose), "street-merge:%lld", s->id);
    staff_csrf_issue(me, purpose, csrf);
    snprintf(idv, sizeof(idv), "%lld", s->id);
    HTML(h,
         "<form class=\"utrecht-form ll-merge\" method=\"post\" "
         "action=\"/beheer/straten/samenvoegen\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"straat\" value=\"{}\">\n",
         csrf, idv);
    memset(&f, 0, sizeof(f));
    f.name = "doel";
    f.label = "Samenvoegen met";
    f.description = "Straten die door dezelfde wijk lopen.";
    f.value = mv ? mv->doel : NULL;
    f.error = mv ? mv->doel_error : NULL;
    f.required = true;
    form_select(h, &f, "Kies een straat", cand->opts, cand->n);
    snprintf(confirm, sizeof(confirm),
             "Ik weet het zeker: de aanvragen van %s gaan naar de gekozen "
             "straat. Dit kan niet ongedaan worden gemaakt.",
             s->name);
    memset(&f, 0, sizeof(f));
    f.name = "bevestigd";
    f.label = confirm;
    f.value = (mv && mv->confirmed) ? "ja" : NULL;
    f.error = mv ? mv->confirm_error : NULL;
    form_checkbox(h, &f);
    if (mv && (mv->ask_over_maximum || mv->over_maximum_ok)) {
        memset(&f, 0, sizeof(f));
        f.name = "boven_maximum";
        f.label = "Toch samenvoegen: deze potjes zijn al toegekend. De straat "
                  "komt daarmee boven het maximum per jaar.";
        f.value = mv->over_maximum_ok ? "ja" : NULL;
        f.error = mv->over_maximum_error;
        form_checkbox(h, &f);
    }
    HTML_LIT(h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                "class=\"utrecht-button utrecht-button--primary-action\">"
                "Samenvoegen</button></p>\n</form>\n</section>\n");
    candidates_free(cand);
    return true;
}

enum MHD_Result
staff_street_view(struct request *rq, const struct staff *me, long long id,
                  long page, const struct street_merge_view *mv,
                  unsigned status)
{
    struct db_conn *db = request_db(rq);
    struct street_detail s;
    struct history x;
    struct html h;
    long pages;
    int r;

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    r = db_staff_street_get(db, id, me->role, me->wijken, &s);
    if (r < 0) {
        log_error("street page: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    if (r == 0)
        return reply_error(rq, 404, NULL);
    pages = (s.applications + STREET_HISTORY_PAGE - 1) / STREET_HISTORY_PAGE;
    if (pages < 1)
        pages = 1;
    if (page > pages)
        return reply_error(rq, 404,
                           "Deze pagina van de geschiedenis bestaat "
                           "niet.");

    html_init(&h);
    staff_layout_begin(rq, &h, me, s.name, "straten");
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
                 "href=\"/beheer/straten\">Alle straten</a></p>\n");
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", s.name);
    if (mv && mv->moved)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\">"
             "<p class=\"utrecht-paragraph\">De straten zijn samengevoegd. "
             "Aanvragen verplaatst naar deze straat: {}.</p></div>\n",
             mv->moved);
    if (s.merged_into) {
        char href[64];

        snprintf(href, sizeof(href), "/beheer/straten/%lld", s.merged_into);
        HTML(&h,
             "<div class=\"utrecht-alert\" role=\"note\"><p "
             "class=\"utrecht-paragraph\">Deze schrijfwijze is op {} "
             "samengevoegd met <a class=\"utrecht-link\" href=\"{}\">{}</a>. "
             "Haar aanvragen staan daar.</p></div>\n",
             s.merged_on, href, s.merged_into_name);
    }
    HTML(&h,
         "<dl class=\"ll-facts\">\n<dt>Wijk</dt><dd>{}</dd>\n"
         "<dt>Buurt</dt><dd>{}</dd>\n<dt>Status</dt><dd>",
         s.wijk_names[0] ? s.wijk_names : "onbekend",
         s.buurt_names[0] ? s.buurt_names : "onbekend");
    staff_street_badge(&h, s.badge, s.since);
    HTML_LIT(&h, "</dd>\n<dt>Potjes uitbetaald</dt><dd>");
    html_long(&h, s.paid);
    HTML_LIT(&h, "</dd>\n");
    if (s.merged_from > 0) {
        HTML_LIT(&h, "<dt>Samengevoegde schrijfwijzen</dt><dd>");
        html_long(&h, s.merged_from);
        HTML_LIT(&h, "</dd>\n");
    }
    HTML_LIT(&h, "</dl>\n<h2 class=\"utrecht-heading-2\">Geschiedenis</h2>\n");
    if (s.applications == 0) {
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Er zijn nog geen "
                     "aanvragen voor deze straat.</p>\n");
    } else {
        char base[64];

        HTML_LIT(&h, "<p class=\"utrecht-paragraph\">");
        html_long(&h, s.applications);
        if (s.applications == 1)
            HTML_LIT(&h, " aanvraag");
        else
            HTML_LIT(&h, " aanvragen");
        HTML_LIT(&h, ", oudste eerst.</p>\n"
                     "<table class=\"utrecht-table utrecht-table--html-table\">"
                     "\n<caption class=\"utrecht-table__caption\">Aanvragen "
                     "voor deze straat</caption>\n"
                     "<thead class=\"utrecht-table__header\"><tr "
                     "class=\"utrecht-table__row\">"
                     "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Aanvraag</th>"
                     "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Wijk</th>");
        if (strcmp(me->role, "makelaar") == 0)
            HTML_LIT(&h, "<th class=\"utrecht-table__header-cell\" "
                         "scope=\"col\">Gangmaker</th>");
        HTML_LIT(&h, "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Status</th>"
                     "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Ingediend</th>"
                     "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Besluit</th>"
                     "<th class=\"utrecht-table__header-cell "
                     "utrecht-table__header-cell--numeric-column\" "
                     "scope=\"col\">Toegekend</th>"
                     "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Uitbetaling</th>"
                     "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Betaald op</th>"
                     "<th class=\"utrecht-table__header-cell "
                     "utrecht-table__header-cell--numeric-column\" "
                     "scope=\"col\">Vastgesteld</th>"
                     "</tr></thead>\n<tbody class=\"utrecht-table__body\">\n");
        x.h = &h;
        x.makelaar = strcmp(me->role, "makelaar") == 0;
        r = db_staff_street_history(db, id, me->role, me->wijken,
                                    (page - 1) * STREET_HISTORY_PAGE,
                                    STREET_HISTORY_PAGE, history_row, &x);
        if (r < 0) {
            log_error("street history: %s", db_last_error(db));
            html_free(&h);
            return reply_error(rq, 503, NULL);
        }
        HTML_LIT(&h, "</tbody></table>\n");
        snprintf(base, sizeof(base), "/beheer/straten/%lld?", id);
        staff_street_pager(&h, base, page, pages);
    }
    if (strcmp(me->role, "beheerder") == 0 && s.merged_into == 0 &&
        !merge_form(&h, db, me, &s, mv)) {
        log_error("street merge candidates: %s", db_last_error(db));
        html_free(&h);
        return reply_error(rq, 503, NULL);
    }
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}
