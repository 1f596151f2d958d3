#include "result_import_view.h"

#include <stdio.h>
#include <string.h>

#include "form_render.h"
#include "log.h"
#include "staff_csrf.h"
#include "staff_layout.h"

void
result_import_commit_purpose(long long id, char *out, size_t outlen)
{
    snprintf(out, outlen, "import-commit:%lld", id);
}

static void
num(char *out, size_t outlen, long long v)
{
    snprintf(out, outlen, "%lld", v);
}

/* ---- the form ---- */

struct recent_view {
    struct html *h;
    long long done_id;
    int n;
};

static void
recent_row(void *cls, const struct db_result_recent *r)
{
    struct recent_view *v = cls;
    char rows[24], paid[24], refused[24], reversed[24];

    num(rows, sizeof(rows), r->rows);
    num(paid, sizeof(paid), r->paid);
    num(refused, sizeof(refused), r->refused);
    num(reversed, sizeof(reversed), r->reversed);
    if (v->n++ == 0)
        HTML_LIT(v->h, "<table class=\"utrecht-table\">\n<thead "
                       "class=\"utrecht-table__header\"><tr "
                       "class=\"utrecht-table__row\">"
                       "<th class=\"utrecht-table__header-cell\" "
                       "scope=\"col\">Aangeleverd</th>"
                       "<th class=\"utrecht-table__header-cell\" "
                       "scope=\"col\">Door</th>"
                       "<th class=\"utrecht-table__header-cell\" "
                       "scope=\"col\">Stand</th>"
                       "<th class=\"utrecht-table__header-cell\" "
                       "scope=\"col\">Regels</th>"
                       "<th class=\"utrecht-table__header-cell\" "
                       "scope=\"col\">Betaald</th>"
                       "<th class=\"utrecht-table__header-cell\" "
                       "scope=\"col\">Geweigerd</th>"
                       "<th class=\"utrecht-table__header-cell\" "
                       "scope=\"col\">Teruggeboekt</th>"
                       "<th class=\"utrecht-table__header-cell\" "
                       "scope=\"col\">Batches</th></tr></thead>\n"
                       "<tbody class=\"utrecht-table__body\">\n");
    if (r->applied)
        HTML(v->h,
             "<tr class=\"utrecht-table__row\">"
             "<td class=\"utrecht-table__cell\">{}</td>"
             "<td class=\"utrecht-table__cell\">{}</td>"
             "<td class=\"utrecht-table__cell\">verwerkt op {}</td>"
             "<td class=\"utrecht-table__cell\">{}</td>"
             "<td class=\"utrecht-table__cell\">{}</td>"
             "<td class=\"utrecht-table__cell\">{}</td>"
             "<td class=\"utrecht-table__cell\">{}</td>"
             "<td class=\"utrecht-table__cell\">{}</td></tr>\n",
             r->uploaded_at, r->uploaded_by, r->applied_at, rows, paid, refused,
             reversed, r->batches);
    else
        HTML(v->h,
             "<tr class=\"utrecht-table__row\">"
             "<td class=\"utrecht-table__cell\">{}</td>"
             "<td class=\"utrecht-table__cell\">{}</td>"
             "<td class=\"utrecht-table__cell\">alleen gecontroleerd, niet "
             "verwerkt</td>"
             "<td class=\"utrecht-table__cell\"></td>"
             "<td class=\"utrecht-table__cell\"></td>"
             "<td class=\"utrecht-table__cell\"></td>"
             "<td class=\"utrecht-table__cell\"></td>"
             "<td class=\"utrecht-table__cell\"></td></tr>\n",
             r->uploaded_at, r->uploaded_by);
    if (r->id == v->done_id && r->applied)
        v->done_id = -1; /* seen: the message above was right */
}

struct done_view {
    long long id;
    bool found;
    struct db_result_recent row;
};

static void
find_done(void *cls, const struct db_result_recent *r)
{
    struct done_view *d = cls;

    if (r->id == d->id && r->applied) {
        d->found = true;
        d->row = *r;
    }
}

enum MHD_Result
result_import_form_page(struct request *rq, const struct staff *me,
                        unsigned status, const char *error, long long done_id)
{
    struct recent_view v = {NULL, done_id, 0};
    struct done_view d;
    struct db_conn *db = request_db(rq);
    char csrf[CSRF_TOKEN_MAX];
    struct html h;

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    memset(&d, 0, sizeof(d));
    d.id = done_id;
    if (done_id > 0 && db_result_recent(db, 50, find_done, &d) < 0) {
        log_error("result import form: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    staff_csrf_issue(me, RESULT_IMPORT_CSRF, csrf);
    html_init(&h);
    v.h = &h;
    staff_layout_begin(rq, &h, me, "Resultaat inlezen", "resultaat");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Resultaat inlezen</h1>\n");
    if (d.found) {
        char rows[24], paid[24], refused[24], reversed[24];
        num(rows, sizeof(rows), d.row.rows);
        num(paid, sizeof(paid), d.row.paid);
        num(refused, sizeof(refused), d.row.refused);
        num(reversed, sizeof(reversed), d.row.reversed);
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\">"
             "<div class=\"utrecht-alert__content\"><p "
             "class=\"utrecht-paragraph\">Het bestand is verwerkt: {} "
             "regels, {} betaald, {} geweigerd, {} teruggeboekt. Afgesloten "
             "batches: {}.</p></div></div>\n",
             rows, paid, refused, reversed,
             d.row.batches[0] ? d.row.batches : "geen");
    }
    if (error != NULL) {
        struct form_error e = {"bestand", error};
        form_error_summary(&h, "Er is een probleem", &e, 1);
    }
    HTML(&h,
         "<p class=\"utrecht-paragraph\">Lever hier het resultaatbestand aan "
         "dat financi\xc3\xabn van de bank terugkrijgt. Eerst ziet u een "
         "controle van elke regel; pas als alles klopt kunt u het bestand "
         "verwerken. Dan verwerken wij alle regels tegelijk, of geen "
         "enkele.</p>\n"
         "<h2 class=\"utrecht-heading-2\">Wat er in het bestand moet "
         "staan</h2>\n"
         "<p class=\"utrecht-paragraph\">Een CSV-bestand in UTF-8, met ; of "
         ", tussen de kolommen, eventueel met een kopregel. Per betaling "
         "\xc3\xa9\xc3\xa9n regel met deze kolommen:</p>\n"
         "<ol class=\"utrecht-ordered-list\">\n"
         "<li class=\"utrecht-ordered-list__item\">referentie: het "
         "betalingskenmerk uit de betaalbatch, zoals LL-2026-00001-U1</li>\n"
         "<li class=\"utrecht-ordered-list__item\">status: betaald of "
         "geweigerd</li>\n"
         "<li class=\"utrecht-ordered-list__item\">datum: dd-mm-jjjj, zoals "
         "17-11-2026</li>\n"
         "<li class=\"utrecht-ordered-list__item\">bedrag: in euro met twee "
         "cijfers achter de komma, zoals 150,00</li>\n"
         "<li class=\"utrecht-ordered-list__item\">reden (mag leeg): "
         "waarom de bank weigerde</li>\n"
         "</ol>\n"
         "<p class=\"utrecht-paragraph\">Een batch wordt in zijn geheel "
         "verwerkt: zet alle betalingen van een batch in het bestand. Een "
         "geweigerde regel voor een betaling die al betaald was, boekt die "
         "betaling terug (de bank stortte het geld terug).</p>\n"
         "<form class=\"ll-form\" method=\"post\" action=\"{}\" "
         "enctype=\"multipart/form-data\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
         RESULT_IMPORT_PATH, csrf);
    HTML(&h,
         "<div class=\"utrecht-form-field utrecht-form-field--text{}\">\n"
         "<div class=\"utrecht-form-field__label\"><label "
         "class=\"utrecht-form-label\" for=\"bestand\">Resultaatbestand"
         "</label></div>\n"
         "<div class=\"utrecht-form-field-description\" "
         "id=\"bestand-uitleg\">Een .csv-bestand van hoogstens 16 MB."
         "</div>\n",
         error ? " utrecht-form-field--invalid" : "");
    if (error != NULL)
        HTML(&h,
             "<div class=\"utrecht-form-field-error-message\" "
             "id=\"bestand-fout\">{}</div>\n",
             error);
    HTML(&h,
         "<div class=\"utrecht-form-field__input\"><input "
         "class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"file\" "
         "id=\"bestand\" name=\"bestand\" accept=\".csv,text/csv\" required "
         "aria-describedby=\"bestand-uitleg{}\"{}></div>\n</div>\n"
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--primary-action\">Bestand "
         "controleren</button></p>\n</form>\n"
         "<h2 class=\"utrecht-heading-2\">Laatst aangeleverd</h2>\n",
         error ? " bestand-fout" : "", error ? " aria-invalid=\"true\"" : "");
    if (db_result_recent(db, 20, recent_row, &v) < 0) {
        html_free(&h);
        log_error("result import form: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    if (v.n == 0)
        HTML_LIT(&h,
                 "<p class=\"utrecht-paragraph\">Nog geen bestanden.</p>\n");
    else
        HTML_LIT(&h, "</tbody></table>\n");
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}

/* ---- the preview ---- */

enum MHD_Result
result_import_preview_page(struct request *rq, const struct staff *me,
                           const struct result_import *x, bool after_commit)
{
    const struct result_file *f = &x->file;
    char rows[24], paid[24], refused[24], reversed[24], problems[24], id[24],
        purpose[64], csrf[CSRF_TOKEN_MAX];
    unsigned status = 200;
    struct html h;

    html_init(&h);
    staff_layout_begin(rq, &h, me, "Controle resultaatbestand", "resultaat");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Controle van het "
                 "resultaatbestand</h1>\n");
    if (x->outcome == RESULT_IMPORT_ALREADY_APPLIED) {
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--warning\" "
             "role=\"status\"><div class=\"utrecht-alert__content\"><p "
             "class=\"utrecht-paragraph\">Dit bestand is al verwerkt op {} "
             "door {}; er is niets veranderd.</p></div></div>\n"
             "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
             "href=\"{}\">Terug naar Resultaat inlezen</a></p>\n",
             x->info.applied_at, x->info.applied_by, RESULT_IMPORT_PATH);
        staff_layout_end(&h);
        return reply_html(rq, after_commit ? 409 : 200, &h);
    }
    num(rows, sizeof(rows), (long long)f->records);
    num(paid, sizeof(paid), x->paid);
    num(refused, sizeof(refused), x->refused);
    num(reversed, sizeof(reversed), x->reversed);
    num(problems, sizeof(problems), (long long)f->problems_total);
    HTML(&h,
         "<dl class=\"ll-summary\">\n"
         "<dt>Regels met betalingen</dt><dd id=\"regels\">{}</dd>\n"
         "<dt>Betaald</dt><dd id=\"betaald\">{}</dd>\n"
         "<dt>Geweigerd</dt><dd id=\"geweigerd\">{}</dd>\n"
         "<dt>Teruggeboekt (was betaald)</dt><dd id=\"teruggeboekt\">{}</dd>\n"
         "<dt>Problemen</dt><dd id=\"problemen\">{}</dd>\n</dl>\n",
         rows, paid, refused, reversed, problems);
    if (f->problems_total > 0) {
        char line[24];
        size_t i;
        status = 422;
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--error\" "
             "role=\"alert\"><div class=\"utrecht-alert__content\"><p "
             "class=\"utrecht-paragraph\">{}</p></div></div>\n"
             "<table class=\"utrecht-table\" id=\"problemen-lijst\">\n"
             "<caption class=\"utrecht-table__caption\">Problemen per "
             "regel</caption>\n<thead class=\"utrecht-table__header\"><tr "
             "class=\"utrecht-table__row\"><th "
             "class=\"utrecht-table__header-cell\" scope=\"col\">Regel</th>"
             "<th class=\"utrecht-table__header-cell\" "
             "scope=\"col\">Probleem</th></tr></thead>\n"
             "<tbody class=\"utrecht-table__body\">\n",
             after_commit
                 ? "Bij het verwerken bleken er problemen te zijn. Er is "
                   "niets veranderd. Verbeter het bestand en lever het "
                   "opnieuw aan."
                 : "Het bestand kan zo niet verwerkt worden. Er is niets "
                   "veranderd. Verbeter het bestand en lever het opnieuw "
                   "aan.");
        for (i = 0; i < f->nproblems; i++) {
            if (f->problem[i].line > 0)
                num(line, sizeof(line), f->problem[i].line);
            else
                snprintf(line, sizeof(line), "%s", "hele bestand");
            HTML(&h,
                 "<tr class=\"utrecht-table__row\"><td "
                 "class=\"utrecht-table__cell\">{}</td><td "
                 "class=\"utrecht-table__cell\">{}</td></tr>\n",
                 line, f->problem[i].message);
        }
        HTML_LIT(&h, "</tbody></table>\n");
        if (f->problems_total > f->nproblems) {
            char more[24];
            num(more, sizeof(more),
                (long long)(f->problems_total - f->nproblems));
            HTML(&h,
                 "<p class=\"utrecht-paragraph\">En nog {} problemen die "
                 "hier niet staan.</p>\n",
                 more);
        }
        HTML(&h,
             "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
             "href=\"{}\">Een ander bestand aanleveren</a></p>\n",
             RESULT_IMPORT_PATH);
        staff_layout_end(&h);
        return reply_html(rq, status, &h);
    }
    num(id, sizeof(id), x->info.id);
    result_import_commit_purpose(x->info.id, purpose, sizeof(purpose));
    staff_csrf_issue(me, purpose, csrf);
    HTML(&h,
         "<p class=\"utrecht-paragraph\">Alle regels kloppen. Er is nog "
         "niets veranderd. Met Verwerken boeken wij alle regels in "
         "\xc3\xa9\xc3\xa9n keer: betaalde betalingen worden betaald, "
         "geweigerde mislukt (de aanvrager krijgt bericht om een ander "
         "rekeningnummer door te geven), en de batches worden "
         "afgesloten.</p>\n"
         "<form class=\"ll-form\" method=\"post\" "
         "action=\"/beheer/resultaat/verwerken\">\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"bestand\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"sha256\" value=\"{}\">\n"
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--primary-action\">"
         "Verwerken</button></p>\n</form>\n"
         "<p class=\"utrecht-paragraph\">Controlecode van het bestand "
         "(SHA-256): <code>{}</code></p>\n",
         csrf, id, x->info.sha256_hex, x->info.sha256_hex);
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}
