/* GET /beheer/audit - the audit log for the beheerder: newest first, 50
 * at a time (keyset on id: "voor=<id>" shows the older ones), filtered by
 * day range, staff member, action prefix, object type and object id.
 * Shows who (the staff member's name, or bewoner/systeem/anoniem), when
 * (Europe/Amsterdam), what, the object and the details (states and
 * amounts only: the log holds nothing personal). A link downloads the
 * same selection as CSV. Beheerder only. */
#include <stdio.h>
#include <string.h>

#include "db_staff_admin.h"
#include "form_render.h"
#include "pages.h"
#include "staff_admin_audit.h"
#include "staff_admin_common.h"
#include "staff_layout.h"
#include "staff_session.h"

#define AUDIT_PAGE_SIZE 50

struct actors {
    struct html *h;
    long long selected;
};

static void
actor_option(void *cls, const struct staff_admin_user *a)
{
    struct actors *x = cls;
    char id[24], label[1100];

    snprintf(id, sizeof(id), "%lld", a->u.id);
    snprintf(label, sizeof(label), "%s (%s)", a->u.name, a->u.role);
    HTML(x->h, "<option value=\"{}\"{}>{}</option>\n", id,
         a->u.id == x->selected ? " selected" : "", label);
}

struct rows {
    struct html *h;
    int n;
    long long last_id;
};

static void
event_row(void *cls, const struct audit_row *e)
{
    struct rows *x = cls;
    char id[24], object[200];

    if (x->n++ >= AUDIT_PAGE_SIZE)
        return; /* the one extra row only says there is an older page */
    x->last_id = e->id;
    snprintf(id, sizeof(id), "%lld", e->id);
    snprintf(object, sizeof(object), "%s%s%s", e->object_type,
             e->object_id[0] ? " " : "", e->object_id);
    HTML(x->h,
         "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"
         "{}</td><td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\">{}</td>"
         "<td class=\"utrecht-table__cell\"><code>{}</code></td></tr>\n",
         id, e->at, staff_admin_audit_actor(e->actor_kind, e->actor_name),
         e->action, object, e->details);
}

static void
filter_form(struct html *h, struct request *rq, struct db_conn *db,
            const struct audit_filter *f, const struct audit_filter_errors *e,
            int *r)
{
    struct actors a = {h, f->actor_id};
    struct field_view v = {.kind = FIELD_TEXT, .maxlength = 10};
    const char *q;

    HTML_LIT(h, "<form class=\"utrecht-form ll-filter\" method=\"get\" "
                "action=\"/beheer/audit\">\n"
                "<h2 class=\"utrecht-heading-2\">Filter</h2>\n");
    v.name = "van";
    v.label = "Vanaf datum";
    v.description = "Bijvoorbeeld 01-03-2026";
    q = urlenc_get(&rq->query, "van");
    v.value = q ? q : "";
    v.error = e->from;
    form_field(h, &v);
    v.name = "tot";
    v.label = "Tot en met datum";
    v.description = "Bijvoorbeeld 31-03-2026";
    q = urlenc_get(&rq->query, "tot");
    v.value = q ? q : "";
    v.error = e->to;
    form_field(h, &v);
    HTML(h,
         "<div class=\"utrecht-form-field utrecht-form-field--select{}\">"
         "<div class=\"utrecht-form-field__label\"><label "
         "class=\"utrecht-form-label\" for=\"wie\">Medewerker</label></div>",
         e->actor ? " utrecht-form-field--invalid" : "");
    if (e->actor)
        HTML(h,
             "<div class=\"utrecht-form-field-error-message\" id=\"wie-fout\">"
             "{}</div>",
             e->actor);
    HTML_LIT(h, "<div class=\"utrecht-form-field__input\"><select "
                "class=\"utrecht-select utrecht-select--html-select\" "
                "id=\"wie\" name=\"wie\">\n<option value=\"\">Iedereen"
                "</option>\n");
    *r = db_staff_admin_list(db, actor_option, &a);
    HTML_LIT(h, "</select></div></div>\n");
    v.maxlength = 100;
    v.name = "actie";
    v.label = "Actie begint met";
    v.description = "Bijvoorbeeld application. of user.";
    q = urlenc_get(&rq->query, "actie");
    v.value = q ? q : "";
    v.error = e->action;
    form_field(h, &v);
    v.maxlength = 50;
    v.name = "type";
    v.label = "Objecttype";
    v.description = "Bijvoorbeeld application, staff_user of setting";
    q = urlenc_get(&rq->query, "type");
    v.value = q ? q : "";
    v.error = e->object_type;
    form_field(h, &v);
    v.maxlength = 100;
    v.name = "object";
    v.label = "Object";
    v.description = "Het nummer (of de sleutel) van het object";
    q = urlenc_get(&rq->query, "object");
    v.value = q ? q : "";
    v.error = e->object_id;
    form_field(h, &v);
    HTML_LIT(h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                "class=\"utrecht-button utrecht-button--primary-action\">"
                "Zoeken</button></p>\n</form>\n");
}

enum MHD_Result
page_staff_audit(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct audit_filter f;
    struct audit_filter_errors e;
    struct db_conn *db;
    struct html h, table;
    struct rows x;
    struct buf q = BUF_INIT, link = BUF_INIT;
    bool ok;
    int r = 0;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    ok = staff_admin_audit_filter(rq, &f, &e);
    html_init(&h);
    html_init(&table);
    staff_layout_begin(rq, &h, &me, "Auditlog", "audit");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Auditlog</h1>\n"
                 "<p class=\"utrecht-paragraph\">Elke wijziging, elk besluit, "
                 "elke inlog en elke download, nieuwste eerst. Het log kan "
                 "niet gewijzigd of gewist worden.</p>\n");
    filter_form(&h, rq, db, &f, &e, &r);
    if (r < 0)
        goto failed;
    staff_admin_audit_query(&q, &f);
    if (!ok) {
        HTML_LIT(&h, "<div class=\"utrecht-alert utrecht-alert--error\" "
                     "role=\"alert\"><p class=\"utrecht-paragraph\">Het "
                     "filter klopt niet. Verbeter de velden met een "
                     "melding.</p></div>\n");
        staff_layout_end(&h);
        html_free(&table);
        buf_free(&q);
        return reply_html(rq, 400, &h);
    }
    memset(&x, 0, sizeof(x));
    x.h = &table;
    r = db_audit_list(db, &f, AUDIT_PAGE_SIZE + 1, event_row, &x);
    if (r < 0)
        goto failed;
    buf_puts(&link, "/beheer/audit.csv");
    if (q.len)
        buf_printf(&link, "?%s", q.data);
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\">Download deze selectie als CSV</a></p>\n",
         link.data ? link.data : "/beheer/audit.csv");
    if (x.n == 0)
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\">Geen gebeurtenissen "
                     "gevonden.</p>\n");
    else {
        HTML_LIT(&h, "<table class=\"utrecht-table\"><thead "
                     "class=\"utrecht-table__header\"><tr "
                     "class=\"utrecht-table__row\">"
                     "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Nr.</th><th class=\"utrecht-table__header-cell\" "
                     "scope=\"col\">Wanneer</th><th "
                     "class=\"utrecht-table__header-cell\" scope=\"col\">Wie"
                     "</th><th class=\"utrecht-table__header-cell\" "
                     "scope=\"col\">Actie</th><th "
                     "class=\"utrecht-table__header-cell\" scope=\"col\">"
                     "Object</th><th class=\"utrecht-table__header-cell\" "
                     "scope=\"col\">Details</th></tr></thead>\n<tbody "
                     "class=\"utrecht-table__body\">\n");
        html_append_html(&h, &table);
        HTML_LIT(&h, "</tbody></table>\n");
    }
    HTML_LIT(&h, "<nav class=\"ll-pager\" aria-label=\"Bladeren\">"
                 "<p class=\"utrecht-paragraph\">");
    if (f.before_id > 0) {
        buf_reset(&link);
        buf_printf(&link, "/beheer/audit%s%s", q.len ? "?" : "",
                   q.len ? q.data : "");
        HTML(&h, "<a class=\"utrecht-link\" href=\"{}\">Nieuwste</a> ",
             link.data);
    }
    if (x.n > AUDIT_PAGE_SIZE) {
        buf_reset(&link);
        buf_printf(&link, "/beheer/audit?%s%svoor=%lld", q.len ? q.data : "",
                   q.len ? "&" : "", x.last_id);
        HTML(&h,
             "<a class=\"utrecht-link\" href=\"{}\" rel=\"next\">"
             "Oudere gebeurtenissen</a>",
             link.data);
    }
    HTML_LIT(&h, "</p></nav>\n");
    staff_layout_end(&h);
    html_free(&table);
    buf_free(&q);
    buf_free(&link);
    return reply_html(rq, 200, &h);
failed:
    html_free(&h);
    html_free(&table);
    buf_free(&q);
    buf_free(&link);
    return staff_admin_db_failed(rq, db, "audit page");
}
