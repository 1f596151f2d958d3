#include "staff_admin_users.h"

#include <stdio.h>
#include <string.h>

#include "form_render.h"
#include "staff_admin_common.h"
#include "staff_csrf.h"
#include "staff_fields.h"
#include "staff_layout.h"

static const struct option_view roles[] = {
    {"makelaar", "Sociaal makelaar"},
    {"financien", "Financiën"},
    {"beheerder", "Beheerder"},
    {"beleid", "Beleid (alleen cijfers)"},
};

static const char *
role_label(const char *role)
{
    size_t i;

    for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
        if (strcmp(roles[i].value, role) == 0)
            return roles[i].label;
    return role;
}

void
staff_admin_wijken_from_form(const struct urlenc_pairs *form, char out[32])
{
    char name[8];
    size_t len = 0;
    int i;

    out[0] = '\0';
    for (i = 1; i <= 10; i++) {
        const char *v;

        snprintf(name, sizeof(name), "wijk_%02d", i);
        v = urlenc_get(form, name);
        if (v == NULL || v[0] == '\0')
            continue;
        len +=
            (size_t)snprintf(out + len, 32 - len, "%s%02d", len ? "," : "", i);
    }
}

bool
staff_admin_user_check(const struct user_form *f, struct user_form_errors *err,
                       char wijken_canon[32])
{
    struct staff_wijken w;
    char msg[200];
    bool ok = true;

    wijken_canon[0] = '\0';
    if (f->name[0] == '\0') {
        err->name = "Vul de naam in.";
        ok = false;
    } else if (!staff_name_valid(f->name)) {
        err->name = "Een naam heeft 1 tot 200 tekens, zonder onzichtbare "
                    "tekens.";
        ok = false;
    }
    if (!staff_role_valid(f->role)) {
        err->role = "Kies een rol.";
        ok = false;
    }
    if (!staff_wijken_parse(f->wijken, &w, msg, sizeof(msg))) {
        err->wijken = "Kies geldige wijken.";
        ok = false;
    } else if (strcmp(f->role, "makelaar") == 0 && w.n == 0) {
        err->wijken = "Een sociaal makelaar heeft minstens één wijk. Kies "
                      "de wijken waarin deze makelaar werkt.";
        ok = false;
    } else if (staff_role_valid(f->role) && strcmp(f->role, "makelaar") != 0 &&
               w.n > 0) {
        err->wijken = "Alleen een sociaal makelaar werkt in wijken. Zet de "
                      "vinkjes bij de wijken uit, of kies de rol sociaal "
                      "makelaar.";
        ok = false;
    } else
        snprintf(wijken_canon, 32, "%s", w.canon);
    return ok;
}

static void
error_summary(struct html *h, const struct user_form_errors *err)
{
    struct form_error list[6];
    size_t n = 0;

    if (err == NULL)
        return;
    if (err->email)
        list[n++] = (struct form_error){"email", err->email};
    if (err->name)
        list[n++] = (struct form_error){"naam", err->name};
    if (err->role)
        list[n++] = (struct form_error){"rol", err->role};
    if (err->wijken)
        list[n++] = (struct form_error){"wijken", err->wijken};
    if (err->disabled)
        list[n++] = (struct form_error){"uitgeschakeld", err->disabled};
    if (err->password)
        list[n++] = (struct form_error){"wachtwoord", err->password};
    form_error_summary(h, "Controleer het formulier", list, n);
    if (err->banner)
        HTML(h,
             "<div class=\"utrecht-alert utrecht-alert--error\" "
             "role=\"alert\"><p class=\"utrecht-paragraph\">{}</p></div>\n",
             err->banner);
}

/* The wijken as a group of checkboxes wijk_01 .. wijk_10. */
static void
wijken_fieldset(struct html *h, const struct wijk_name *w, int n,
                const char *checked, const char *error)
{
    int i;

    HTML(h,
         "<div class=\"utrecht-form-fieldset{}\"><fieldset "
         "class=\"utrecht-form-fieldset__fieldset\" id=\"wijken\" "
         "aria-describedby=\"wijken-uitleg{}\">\n"
         "<legend class=\"utrecht-form-fieldset__legend utrecht-form-label\">"
         "Wijken</legend>\n"
         "<div class=\"utrecht-form-field-description\" id=\"wijken-uitleg\">"
         "Alleen voor een sociaal makelaar: die ziet alleen de aanvragen en "
         "straten van deze wijken.</div>\n",
         error ? " utrecht-form-fieldset--invalid" : "",
         error ? " wijken-fout" : "");
    if (error)
        HTML(h,
             "<div class=\"utrecht-form-field-error-message\" "
             "id=\"wijken-fout\">{}</div>\n",
             error);
    for (i = 0; i < n; i++) {
        char name[8], label[420];
        struct field_view f = {.kind = FIELD_TEXT};

        snprintf(name, sizeof(name), "wijk_%s", w[i].code);
        snprintf(label, sizeof(label), "%s %s", w[i].code, w[i].name);
        f.name = name;
        f.label = label;
        f.value = (checked && staff_role_in(w[i].code, checked)) ? "ja" : "";
        form_checkbox(h, &f);
    }
    HTML_LIT(h, "</fieldset></div>\n");
}

static void
role_select(struct html *h, const char *value, const char *error)
{
    struct field_view f = {
        .kind = FIELD_TEXT,
        .name = "rol",
        .label = "Rol",
        .value = value,
        .error = error,
        .required = true,
    };

    form_select(h, &f, "Kies een rol", roles, sizeof(roles) / sizeof(roles[0]));
}

struct list_ctx {
    struct html *h;
};

static void
list_row(void *cls, const struct staff_admin_user *a)
{
    struct list_ctx *x = cls;
    const struct staff_user *u = &a->u;
    char id[24];

    snprintf(id, sizeof(id), "%lld", u->id);
    HTML(x->h,
         "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"
         "<a class=\"utrecht-link\" href=\"/beheer/gebruikers/{}\">{}</a></td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>",
         id, u->name, u->email, role_label(u->role),
         u->wijken[0] ? u->wijken : "-");
    if (u->disabled)
        HTML(x->h,
             "<td class=\"utrecht-table__cell\">Uitgeschakeld sinds {}</td>",
             u->disabled_at);
    else
        HTML_LIT(x->h, "<td class=\"utrecht-table__cell\">Actief</td>");
    HTML(x->h, "<td class=\"utrecht-table__cell\">{}</td></tr>\n",
         a->last_login[0] ? a->last_login : "nooit");
}

enum MHD_Result
staff_admin_users_page(struct request *rq, const struct staff *me,
                       unsigned status, const struct user_form *typed,
                       const struct user_form_errors *err)
{
    struct db_conn *db = request_db(rq);
    struct wijk_name wijken[WIJK_COUNT_MAX];
    char csrf[CSRF_TOKEN_MAX];
    struct list_ctx x;
    struct html h, rows;
    int nw, r;
    static const struct user_form_errors none = {0};
    static const struct user_form empty = {"", "", "", "", false, "", false};
    struct field_view email = {.kind = FIELD_EMAIL,
                               .name = "email",
                               .label = "E-mailadres",
                               .description = "Hiermee logt de gebruiker in.",
                               .autocomplete = "off",
                               .required = true,
                               .maxlength = 254};
    struct field_view name = {.kind = FIELD_TEXT,
                              .name = "naam",
                              .label = "Naam",
                              .autocomplete = "off",
                              .required = true,
                              .maxlength = 200};
    struct field_view pw = {.kind = FIELD_PASSWORD,
                            .name = "wachtwoord",
                            .label = "Eerste wachtwoord",
                            .description = "Minstens 12 tekens en geen bekend "
                                           "wachtwoord. Geef het de gebruiker "
                                           "persoonlijk door.",
                            .autocomplete = "new-password",
                            .required = true};

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    if (typed == NULL)
        typed = &empty;
    if (err == NULL)
        err = &none;
    nw = db_staff_admin_wijk_names(db, wijken);
    if (nw < 0)
        return staff_admin_db_failed(rq, db, "users: wijken");
    html_init(&rows);
    x.h = &rows;
    r = db_staff_admin_list(db, list_row, &x);
    if (r < 0) {
        html_free(&rows);
        return staff_admin_db_failed(rq, db, "users: list");
    }
    staff_csrf_issue(me, "user:new", csrf);
    html_init(&h);
    staff_layout_begin(rq, &h, me, "Gebruikers", "gebruikers");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Gebruikers</h1>\n"
                 "<p class=\"utrecht-paragraph\">Accounts worden nooit "
                 "verwijderd, alleen uitgeschakeld: zo blijft het auditlog "
                 "compleet.</p>\n"
                 "<table class=\"utrecht-table\"><thead "
                 "class=\"utrecht-table__header\"><tr "
                 "class=\"utrecht-table__row\">"
                 "<th class=\"utrecht-table__header-cell\" scope=\"col\">Naam"
                 "</th><th class=\"utrecht-table__header-cell\" scope=\"col\">"
                 "E-mailadres</th><th class=\"utrecht-table__header-cell\" "
                 "scope=\"col\">Rol</th><th class=\"utrecht-table__header-cell"
                 "\" scope=\"col\">Wijken</th><th "
                 "class=\"utrecht-table__header-cell\" scope=\"col\">Status"
                 "</th><th class=\"utrecht-table__header-cell\" scope=\"col\">"
                 "Laatst ingelogd</th></tr></thead>\n"
                 "<tbody class=\"utrecht-table__body\">\n");
    html_append_html(&h, &rows);
    html_free(&rows);
    HTML_LIT(&h, "</tbody></table>\n"
                 "<h2 class=\"utrecht-heading-2\" id=\"nieuw\">Nieuwe "
                 "gebruiker</h2>\n");
    error_summary(&h, err);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" "
         "action=\"/beheer/gebruikers\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
         csrf);
    email.value = typed->email;
    email.error = err->email;
    form_field(&h, &email);
    name.value = typed->name;
    name.error = err->name;
    form_field(&h, &name);
    role_select(&h, typed->role, err->role);
    wijken_fieldset(&h, wijken, nw, typed->wijken, err->wijken);
    pw.error = err->password;
    form_field(&h, &pw);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Gebruiker aanmaken</button></p>\n</form>\n");
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}

enum MHD_Result
staff_admin_user_page(struct request *rq, const struct staff *me,
                      unsigned status, long long id,
                      const struct user_form *typed,
                      const struct user_form_errors *err, const char *notice)
{
    struct db_conn *db = request_db(rq);
    struct wijk_name wijken[WIJK_COUNT_MAX];
    struct staff_admin_user a;
    struct user_form stored;
    char csrf[CSRF_TOKEN_MAX], purpose[48], action[64];
    struct html h;
    int nw, r;
    static const struct user_form_errors none = {0};
    struct field_view name = {.kind = FIELD_TEXT,
                              .name = "naam",
                              .label = "Naam",
                              .autocomplete = "off",
                              .required = true,
                              .maxlength = 200};
    struct field_view off = {.kind = FIELD_TEXT,
                             .name = "uitgeschakeld",
                             .label = "Account uitgeschakeld",
                             .description =
                                 "Een uitgeschakeld account kan niet "
                                 "inloggen; open sessies eindigen direct."};
    struct field_view pw = {.kind = FIELD_PASSWORD,
                            .name = "wachtwoord",
                            .label = "Nieuw wachtwoord",
                            .description = "Laat leeg om het wachtwoord te "
                                           "houden. Minstens 12 tekens.",
                            .optional = " (niet verplicht)",
                            .autocomplete = "new-password"};

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    if (err == NULL)
        err = &none;
    r = db_staff_admin_get(db, id, &a);
    if (r < 0)
        return staff_admin_db_failed(rq, db, "user: get");
    if (r == 0)
        return reply_error(rq, 404, NULL);
    nw = db_staff_admin_wijk_names(db, wijken);
    if (nw < 0)
        return staff_admin_db_failed(rq, db, "user: wijken");
    if (typed == NULL) {
        stored =
            (struct user_form){a.u.email,    a.u.name,  a.u.role, a.u.wijken,
                               a.u.disabled, a.version, false};
        typed = &stored;
    }
    snprintf(purpose, sizeof(purpose), "user:%lld", id);
    snprintf(action, sizeof(action), "/beheer/gebruikers/%lld", id);
    staff_csrf_issue(me, purpose, csrf);
    html_init(&h);
    staff_layout_begin(rq, &h, me, "Gebruiker wijzigen", "gebruikers");
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"/beheer/gebruikers\">Alle gebruikers</a></p>\n"
         "<h1 class=\"utrecht-heading-1\">{}</h1>\n"
         "<dl class=\"ll-facts\"><dt>E-mailadres</dt><dd>{}</dd>"
         "<dt>Aangemaakt</dt><dd>{}</dd><dt>Laatst ingelogd</dt><dd>{}</dd>"
         "<dt>Status</dt><dd>{}</dd><dt>Inlogcode-app</dt><dd>{}</dd>"
         "</dl>\n",
         a.u.name, a.u.email, a.u.created_at,
         a.last_login[0] ? a.last_login : "nooit",
         a.u.disabled ? "Uitgeschakeld" : "Actief",
         a.totp ? "gekoppeld" : "niet gekoppeld");
    if (notice)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\">"
             "<p class=\"utrecht-paragraph\">{}</p></div>\n",
             notice);
    error_summary(&h, err);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" action=\"{}\" "
         "novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"versie\" value=\"{}\">\n",
         action, csrf, typed->version);
    name.value = typed->name;
    name.error = err->name;
    form_field(&h, &name);
    role_select(&h, typed->role, err->role);
    wijken_fieldset(&h, wijken, nw, typed->wijken, err->wijken);
    off.value = typed->disabled ? "ja" : "";
    off.error = err->disabled;
    form_checkbox(&h, &off);
    if (a.totp) {
        struct field_view unlink = {
            .kind = FIELD_TEXT,
            .name = "totp_los",
            .label = "Inlogcode-app loskoppelen",
            .description = "Bij een verloren of nieuwe telefoon. De "
                           "gebruiker logt dan in met alleen het wachtwoord "
                           "en koppelt daarna een nieuwe app.",
            .value = typed->totp_reset ? "ja" : "",
        };
        form_checkbox(&h, &unlink);
    }
    pw.error = err->password;
    form_field(&h, &pw);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Opslaan</button></p>\n</form>\n");
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}
