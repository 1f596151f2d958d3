#include "staff_admin_budget.h"

#include <sodium.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db_budget.h"
#include "db_setting.h"
#include "form_render.h"
#include "money.h"
#include "staff_admin_common.h"
#include "staff_csrf.h"
#include "staff_layout.h"

int
staff_admin_this_year(void)
{
    time_t now = time(NULL);
    struct tm tm;

    /* Utrecht is UTC+1 or +2: only the first hours of 1 January differ,
     * and then the page shows last year, which is also still relevant. */
    if (gmtime_r(&now, &tm) == NULL)
        return 2026;
    return tm.tm_year + 1900;
}

bool
staff_admin_parse_year(const char *s, int *year)
{
    int y = 0, i;

    if (s == NULL || strlen(s) != 4)
        return false;
    for (i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        y = y * 10 + (s[i] - '0');
    }
    if (y < BUDGET_YEAR_MIN || y > BUDGET_YEAR_MAX)
        return false;
    *year = y;
    return true;
}

/* The form field of wijk k (1..10). */
static const char *const wijk_field[11] = {
    NULL,      "wijk_01", "wijk_02", "wijk_03", "wijk_04", "wijk_05",
    "wijk_06", "wijk_07", "wijk_08", "wijk_09", "wijk_10"};

struct wijk_ctx {
    struct budget_wijk_row rows[11];
    int n;
};

static void
wijk_row(void *cls, const struct budget_wijk_row *r)
{
    struct wijk_ctx *x = cls;

    if (x->n < 10)
        x->rows[x->n++] = *r;
}

static const char *
euro(long long cents, char out[MONEY_TEXT_SIZE])
{
    money_format_euro(cents, out, MONEY_TEXT_SIZE);
    return out;
}

static void
summary(struct html *h, const struct budget_year_row *y,
        const struct wijk_ctx *w)
{
    char a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE], c[MONEY_TEXT_SIZE];
    long long sum = 0;
    int i;

    for (i = 0; i < w->n; i++)
        sum += w->rows[i].budget_cents;
    if (!y->exists) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Voor dit jaar is nog geen "
                    "budget vastgesteld. Zolang er geen budget is, kan niemand "
                    "een potje toekennen.</p>\n");
        return;
    }
    HTML(h,
         "<dl class=\"ll-facts\"><dt>Budget van de stad</dt><dd>{}</dd>"
         "<dt>Toegekend</dt><dd>{}</dd><dt>Wijkbudgetten samen</dt>"
         "<dd>{}</dd></dl>\n",
         euro(y->city_cents, a), euro(y->awarded_cents, b), euro(sum, c));
    if (sum > y->city_cents)
        HTML(h,
             "<div class=\"utrecht-alert utrecht-alert--warning\" "
             "role=\"status\"><p class=\"utrecht-paragraph\">Let op: de "
             "wijkbudgetten samen ({}) zijn hoger dan het budget van de stad "
             "({}). Toekenningen stoppen zodra het budget van de stad op is."
             "</p></div>\n",
             c, a);
    HTML_LIT(h, "<table class=\"utrecht-table\"><caption "
                "class=\"utrecht-table__caption\">Wijken</caption><thead "
                "class=\"utrecht-table__header\"><tr "
                "class=\"utrecht-table__row\"><th "
                "class=\"utrecht-table__header-cell\" scope=\"col\">Wijk</th>"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">Budget"
                "</th><th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Toegekend</th><th class=\"utrecht-table__header-cell\" "
                "scope=\"col\">Resterend</th></tr></thead>\n<tbody "
                "class=\"utrecht-table__body\">\n");
    for (i = 0; i < w->n; i++) {
        const struct budget_wijk_row *r = &w->rows[i];

        if (r->has_budget)
            HTML(h,
                 "<tr class=\"utrecht-table__row\"><td "
                 "class=\"utrecht-table__cell\">{} {}</td><td "
                 "class=\"utrecht-table__cell\">{}</td><td "
                 "class=\"utrecht-table__cell\">{}</td><td "
                 "class=\"utrecht-table__cell\">{}</td></tr>\n",
                 r->code, r->name, euro(r->budget_cents, a),
                 euro(r->awarded_cents, b), euro(r->remaining_cents, c));
        else
            HTML(h,
                 "<tr class=\"utrecht-table__row\"><td "
                 "class=\"utrecht-table__cell\">{} {}</td><td "
                 "class=\"utrecht-table__cell\" colspan=\"3\">geen budget"
                 "</td></tr>\n",
                 r->code, r->name);
    }
    HTML_LIT(h, "</tbody></table>\n");
}

static void
year_select(struct html *h, int year)
{
    int this_year = staff_admin_this_year(), y;
    char v[12];

    HTML_LIT(h, "<form class=\"utrecht-form\" method=\"get\" "
                "action=\"/beheer/begroting\">\n"
                "<div class=\"utrecht-form-field utrecht-form-field--select\">"
                "<div class=\"utrecht-form-field__label\"><label "
                "class=\"utrecht-form-label\" for=\"jaar\">Jaar</label></div>"
                "<div class=\"utrecht-form-field__input\"><select "
                "class=\"utrecht-select utrecht-select--html-select\" "
                "id=\"jaar\" name=\"jaar\">\n");
    for (y = this_year - 3; y <= this_year + 1; y++) {
        snprintf(v, sizeof(v), "%d", y);
        HTML(h, "<option value=\"{}\"{}>{}</option>\n", v,
             y == year ? " selected" : "", v);
    }
    if (year < this_year - 3 || year > this_year + 1) {
        snprintf(v, sizeof(v), "%d", year);
        HTML(h, "<option value=\"{}\" selected>{}</option>\n", v, v);
    }
    HTML_LIT(h, "</select></div></div>\n<p class=\"utrecht-paragraph\">"
                "<button type=\"submit\" class=\"utrecht-button "
                "utrecht-button--secondary-action\">Toon jaar</button></p>\n"
                "</form>\n");
}

enum MHD_Result
staff_admin_budget_page(struct request *rq, const struct staff *me,
                        unsigned status, int year,
                        const struct budget_form *typed,
                        const struct budget_errors *err, const char *notice)
{
    struct db_conn *db = request_db(rq);
    struct budget_year_row y;
    struct wijk_ctx w;
    struct budget_form stored;
    static const struct budget_errors none = {0};
    char city[MONEY_TEXT_SIZE], potje[MONEY_TEXT_SIZE], max[24];
    char wijk_text[11][MONEY_TEXT_SIZE], title[48], purpose[32], ys[8];
    char def_potje[MONEY_TEXT_SIZE], desc_potje[160], desc_max[160];
    char csrf[CSRF_TOKEN_MAX], version[BUDGET_VERSION_SIZE];
    long long set_potje = 0, set_max = 0;
    struct html h;
    int i, r;

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    if (err == NULL)
        err = &none;
    memset(&w, 0, sizeof(w));
    r = db_budget_year_get(db, year, &y);
    if (r >= 0)
        r = db_budget_wijk_list(db, year, wijk_row, &w);
    if (r >= 0)
        r = db_setting_int(db, "potje_default_cents", &set_potje);
    if (r >= 0)
        r = db_setting_int(db, "max_potjes_per_street_per_year", &set_max);
    if (r < 0)
        return staff_admin_db_failed(rq, db, "budget page");
    if (typed == NULL) {
        memset(&stored, 0, sizeof(stored));
        if (y.exists)
            money_format(y.city_cents, city, sizeof(city));
        else
            city[0] = '\0';
        stored.city = city;
        potje[0] = max[0] = '\0';
        if (y.potje_default_cents > 0)
            money_format(y.potje_default_cents, potje, sizeof(potje));
        if (y.max_potjes > 0)
            snprintf(max, sizeof(max), "%lld", y.max_potjes);
        stored.potje = potje;
        stored.max = max;
        for (i = 0; i < w.n; i++) {
            int k = (w.rows[i].code[0] - '0') * 10 + (w.rows[i].code[1] - '0');

            if (k < 1 || k > 10)
                continue;
            wijk_text[k][0] = '\0';
            if (w.rows[i].has_budget)
                money_format(w.rows[i].budget_cents, wijk_text[k],
                             sizeof(wijk_text[k]));
            stored.wijk[k] = wijk_text[k];
        }
        typed = &stored;
    }
    snprintf(title, sizeof(title), "Begroting %d", year);
    snprintf(ys, sizeof(ys), "%d", year);
    snprintf(purpose, sizeof(purpose), "budget:%d", year);
    staff_csrf_issue(me, purpose, csrf);
    {
        long long cents[11];

        for (i = 0; i < 11; i++)
            cents[i] = -1;
        for (i = 0; i < w.n; i++) {
            int k = (w.rows[i].code[0] - '0') * 10 + (w.rows[i].code[1] - '0');

            if (k >= 1 && k <= 10 && w.rows[i].has_budget)
                cents[k] = w.rows[i].budget_cents;
        }
        staff_admin_budget_version(&y, cents, version);
    }
    money_format_euro(set_potje, def_potje, sizeof(def_potje));
    snprintf(desc_potje, sizeof(desc_potje),
             "Laat leeg om de instelling te gebruiken: nu %s.", def_potje);
    snprintf(desc_max, sizeof(desc_max),
             "Laat leeg om de instelling te gebruiken: nu %lld.", set_max);

    html_init(&h);
    staff_layout_begin(rq, &h, me, title, "begroting");
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", title);
    year_select(&h, year);
    if (notice)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\">"
             "<p class=\"utrecht-paragraph\">{}</p></div>\n",
             notice);
    summary(&h, &y, &w);
    {
        struct form_error list[14];
        size_t n = 0;

        if (err->city)
            list[n++] = (struct form_error){"stad", err->city};
        if (err->potje)
            list[n++] = (struct form_error){"potje", err->potje};
        if (err->max)
            list[n++] = (struct form_error){"max_potjes", err->max};
        for (i = 0; i < w.n; i++) {
            int k = (w.rows[i].code[0] - '0') * 10 + (w.rows[i].code[1] - '0');

            if (k >= 1 && k <= 10 && err->wijk[k])
                list[n++] = (struct form_error){wijk_field[k], err->wijk[k]};
        }
        form_error_summary(&h, "Er is niets opgeslagen", list, n);
    }
    if (err->banner)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--error\" "
             "role=\"alert\"><p class=\"utrecht-paragraph\">{}</p></div>\n",
             err->banner);
    HTML(&h,
         "<h2 class=\"utrecht-heading-2\">Budget {} wijzigen</h2>\n"
         "<form class=\"utrecht-form\" method=\"post\" "
         "action=\"/beheer/begroting\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"jaar\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"versie\" value=\"{}\">\n",
         ys, csrf, ys, version);
    {
        struct field_view f = {.kind = FIELD_TEXT,
                               .name = "stad",
                               .label = "Budget van de stad (euro)",
                               .description = "Bijvoorbeeld 50.000,00",
                               .value = typed->city,
                               .error = err->city,
                               .required = true,
                               .maxlength = 24};
        form_field(&h, &f);
        f = (struct field_view){.kind = FIELD_TEXT,
                                .name = "potje",
                                .label = "Standaardbedrag van een potje (euro)",
                                .description = desc_potje,
                                .optional = " (niet verplicht)",
                                .value = typed->potje,
                                .error = err->potje,
                                .maxlength = 24};
        form_field(&h, &f);
        f = (struct field_view){.kind = FIELD_NUMBER,
                                .name = "max_potjes",
                                .label = "Hoogstens potjes per straat per jaar",
                                .description = desc_max,
                                .optional = " (niet verplicht)",
                                .value = typed->max,
                                .error = err->max,
                                .maxlength = 3};
        form_field(&h, &f);
    }
    HTML_LIT(&h, "<h3 class=\"utrecht-heading-3\">Budget per wijk</h3>\n"
                 "<p class=\"utrecht-paragraph\">Laat een wijk leeg als die "
                 "dit jaar geen budget krijgt. Een budget kan niet lager "
                 "worden dan wat er al is toegekend.</p>\n");
    for (i = 0; i < w.n; i++) {
        const struct budget_wijk_row *row = &w.rows[i];
        int k = (row->code[0] - '0') * 10 + (row->code[1] - '0');
        char label[440], desc[160], a[MONEY_TEXT_SIZE];
        struct field_view f = {.kind = FIELD_TEXT, .maxlength = 24};

        if (k < 1 || k > 10)
            continue;
        snprintf(label, sizeof(label), "%s %s (euro)", row->code, row->name);
        money_format_euro(row->awarded_cents, a, sizeof(a));
        snprintf(desc, sizeof(desc), "Al toegekend: %s.", a);
        f.name = wijk_field[k];
        f.label = label;
        f.description = row->has_budget ? desc : NULL;
        f.value = typed->wijk[k] ? typed->wijk[k] : "";
        f.error = err->wijk[k];
        form_field(&h, &f);
    }
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Begroting opslaan</button></p>\n</form>\n");
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}

void
staff_admin_budget_version(const struct budget_year_row *y,
                           const long long wijk_cents[11],
                           char out[BUDGET_VERSION_SIZE])
{
    unsigned char hash[16];
    char text[400];
    size_t n;
    int k;

    n = (size_t)snprintf(text, sizeof(text), "%d|%lld|%lld|%lld",
                         y->exists ? 1 : 0, y->exists ? y->city_cents : -1,
                         y->potje_default_cents, y->max_potjes);
    for (k = 1; k <= 10 && n < sizeof(text); k++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "|%lld",
                              wijk_cents[k]);
    if (n >= sizeof(text))
        n = sizeof(text) - 1;
    crypto_generichash(hash, sizeof(hash), (const unsigned char *)text, n, NULL,
                       0);
    sodium_bin2hex(out, BUDGET_VERSION_SIZE, hash, sizeof(hash));
}
