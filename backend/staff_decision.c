/* staff_decision.c - the dispatch of /beheer/aanvragen/<id>/<action>, the
 * helpers every decision page shares, and the stored letters. The
 * decisions themselves live in staff_decision_award.c, _reject.c, _iban.c
 * and _settle.c. */
#include "staff_decision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_application.h"
#include "db_audit.h"
#include "log.h"
#include "money.h"
#include "staff_csrf.h"
#include "staff_decision_common.h"
#include "staff_layout.h"
#include "text_field.h"

#define AWARD_LETTER "toekenningsbrief.pdf"
#define REJECTION_LETTER "afwijzingsbrief.pdf"

bool
staff_decision_known(const char *action)
{
    static const char *const known[] = {"toekennen",  "afwijzen",
                                        "iban",       "vaststellen",
                                        AWARD_LETTER, REJECTION_LETTER};
    size_t i;

    if (action == NULL)
        return false;
    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (strcmp(action, known[i]) == 0)
            return true;
    return false;
}

/* ---- shared helpers ---- */

struct decision_app *
decision_load(struct request *rq, const struct staff *me, long long id,
              unsigned *code)
{
    struct db_conn *db = request_db(rq);
    struct decision_app *a;
    int r;

    *code = 503;
    if (db == NULL)
        return NULL;
    a = malloc(sizeof(*a));
    if (a == NULL)
        return NULL;
    /* only a makelaar decides; the wijken list of other roles is empty,
     * so the query finds nothing for them anyway */
    r = strcmp(me->role, "makelaar") == 0
            ? db_decision_app(db, id, me->wijken, a)
            : 0;
    if (r != 1) {
        if (r < 0)
            log_error("decision: load: %s", db_last_error(db));
        *code = r < 0 ? 503 : 404;
        free(a);
        return NULL;
    }
    return a;
}

static void
purpose_of(const char *what, long long id, char *out, size_t n)
{
    snprintf(out, n, "%s:%lld", what, id);
}

bool
decision_post_begin(struct request *rq, const struct staff *me, long long id,
                    const char *what, struct urlenc_pairs *form,
                    struct decision_app **app, enum MHD_Result *ret)
{
    char purpose[64];
    unsigned code;

    memset(form, 0, sizeof(*form));
    *app = NULL;
    if (!request_is_form(rq)) {
        *ret = reply_error(rq, 415, NULL);
        return false;
    }
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 16,
                     16384, form) != URLENC_OK) {
        *ret = reply_error(rq, 400, NULL);
        return false;
    }
    /* scope before the token: another wijk's application answers 404
     * whatever was sent, like one that does not exist */
    *app = decision_load(rq, me, id, &code);
    if (*app == NULL) {
        urlenc_pairs_free(form);
        *ret = reply_error(rq, code, NULL);
        return false;
    }
    purpose_of(what, id, purpose, sizeof(purpose));
    if (!staff_csrf_valid(me, purpose, urlenc_get(form, "csrf"))) {
        urlenc_pairs_free(form);
        free(*app);
        *app = NULL;
        *ret = reply_error(rq, 400,
                           "Het formulier is verlopen of niet van deze "
                           "pagina. Er is niets veranderd. Open de pagina "
                           "opnieuw en probeer het nog een keer.");
        return false;
    }
    return true;
}

bool
decision_version_is(const struct urlenc_pairs *form, long long expected)
{
    const char *v = urlenc_get(form, "versie");
    char want[24];

    snprintf(want, sizeof(want), "%lld", expected);
    return v != NULL && strcmp(v, want) == 0;
}

void
decision_hidden(struct html *h, const struct staff *me, const char *what,
                long long id, long long version)
{
    char purpose[64], token[CSRF_TOKEN_MAX], v[24];

    purpose_of(what, id, purpose, sizeof(purpose));
    staff_csrf_issue(me, purpose, token);
    snprintf(v, sizeof(v), "%lld", version);
    HTML(h,
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"versie\" value=\"{}\">\n",
         token, v);
}

void
decision_page_begin(struct request *rq, struct html *h, const struct staff *me,
                    const struct decision_app *a, const char *title)
{
    char back[64];

    snprintf(back, sizeof(back), "/beheer/aanvragen/%lld", a->id);
    staff_layout_begin(rq, h, me, title, "aanvragen");
    HTML(h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"{}\">Terug naar de aanvraag</a></p>\n"
         "<h1 class=\"utrecht-heading-1\">{}</h1>\n"
         "<p class=\"utrecht-paragraph\">Aanvraag {}, {} (wijk {}). Status: "
         "{}.</p>\n",
         back, title, a->reference, a->street_name, a->wijk_name,
         decision_status_label(a->status));
}

void
decision_page_end(struct html *h)
{
    staff_layout_end(h);
}

enum MHD_Result
decision_notice(struct request *rq, const struct staff *me,
                const struct decision_app *a, unsigned status,
                const char *title, const char *message)
{
    struct html h;

    html_init(&h);
    decision_page_begin(rq, &h, me, a, title);
    HTML(&h, "<p class=\"utrecht-paragraph\" role=\"alert\">{}</p>\n", message);
    decision_page_end(&h);
    return reply_html(rq, status, &h);
}

enum MHD_Result
decision_changed(struct request *rq, const struct staff *me, long long id,
                 const char *title)
{
    unsigned code;
    struct decision_app *a = decision_load(rq, me, id, &code);
    char msg[256];
    enum MHD_Result ret;

    if (a == NULL)
        return reply_error(rq, code, NULL);
    snprintf(msg, sizeof(msg),
             "Deze aanvraag is intussen gewijzigd, waarschijnlijk door een "
             "collega. De status is nu: %s. Uw actie is niet uitgevoerd. "
             "Bekijk de aanvraag opnieuw.",
             decision_status_label(a->status));
    ret = decision_notice(rq, me, a, 409, title, msg);
    free(a);
    return ret;
}

const char *
decision_status_label(const char *status)
{
    static const struct {
        const char *code, *label;
    } labels[] = {
        {"ingediend", "ingediend"},
        {"in_behandeling", "in behandeling"},
        {"aanvulling_gevraagd", "aanvulling gevraagd"},
        {"toegekend", "toegekend"},
        {"afgewezen", "afgewezen"},
        {"ingetrokken", "ingetrokken"},
    };
    size_t i;

    for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        if (strcmp(status, labels[i].code) == 0)
            return labels[i].label;
    return status;
}

void
decision_euro(long long cents, char *out, size_t n)
{
    money_format_euro(cents, out, n);
}

void
decision_letter_base(struct decision_letter *l, struct pdf_doc_options *opt,
                     const struct decision_app *a, const struct staff *me,
                     bool award, char *generated, size_t n)
{
    bool en = strcmp(a->language, "en") == 0;

    memset(l, 0, sizeof(*l));
    l->lang = en ? "en" : "nl";
    l->reference = a->reference;
    l->decided_on = a->today;
    l->name = a->name;
    l->address = a->address[0] ? a->address : NULL;
    l->postcode = a->postcode[0] ? a->postcode : NULL;
    l->street = a->street_name;
    l->wijk = a->wijk_name;
    l->organisation = a->organisation[0] ? a->organisation : "DOCK";
    l->makelaar = me->name;

    memset(opt, 0, sizeof(*opt));
    opt->font_dir = NULL; /* PDF_DOC_DEFAULT_FONT_DIR */
    opt->lang = l->lang;
    if (award)
        opt->title = en ? "Award letter" : "Toekenningsbrief";
    else
        opt->title = en ? "Rejection letter" : "Afwijzingsbrief";
    opt->author = a->letterhead[0] ? a->letterhead : "Gemeente Utrecht";
    opt->subject = a->reference;
    opt->org_name = opt->author;
    snprintf(
        generated, n, "%s %s %s", en ? "Made on" : "Gemaakt op", a->today,
        award ? (en ? "from the state: awarded" : "uit de stand: toegekend")
              : (en ? "from the state: rejected" : "uit de stand: afgewezen"));
    opt->generated = generated;
    opt->created = time(NULL);
    opt->synthetic_bold = true;
}

/* ---- the stored letters ---- */

struct download_tx {
    long long user_id, app_id;
    const char *details;
};

static enum db_status
download_tx(struct db_conn *c, void *cls)
{
    const struct download_tx *x = cls;

    return db_audit_insert(c, "staff", x->user_id, "personal_data.download",
                           "application", x->app_id, x->details);
}

/* GET: the stored bytes, never made again. A letter holds the
 * gangmaker's name and address, so a download is on the record (in a
 * transaction of its own; a HEAD downloads nothing). */
static enum MHD_Result
letter_get(struct request *rq, const struct staff *me, long long id,
           const char *kind, const char *filename_kind)
{
    unsigned code;
    struct decision_app *a = decision_load(rq, me, id, &code);
    struct db_conn *db = request_db(rq);
    unsigned char *pdf = NULL;
    size_t len = 0;
    char details[96], filename[64];
    struct download_tx x;
    int r;

    if (a == NULL)
        return reply_error(rq, code, NULL);
    snprintf(filename, sizeof(filename), "%s-%s.pdf",
             strcmp(kind, "award_letter") == 0 ? "toekenningsbrief"
                                               : "afwijzingsbrief",
             a->reference);
    free(a);
    r = db_document_get(db, id, kind, &pdf, &len);
    if (r <= 0)
        return reply_error(rq, r < 0 ? 503 : 404, NULL);
    snprintf(details, sizeof(details), "{\"document\":\"%s\"}", kind);
    x.user_id = me->id;
    x.app_id = id;
    x.details = details;
    if (strcmp(rq->method, "HEAD") != 0 &&
        db_transaction(db, download_tx, &x) < 0) {
        log_error("decision: %s download: %s", filename_kind,
                  db_last_error(db));
        free(pdf);
        return reply_error(rq, 503, NULL);
    }
    request_attachment(rq, filename);
    return reply_bytes(rq, 200, "application/pdf", (const char *)pdf, len, true,
                       "private, no-store");
}

/* ---- dispatch ---- */

enum MHD_Result
staff_decision_page(struct request *rq, const struct staff *me,
                    long long app_id, const char *action)
{
    if (strcmp(action, "toekennen") == 0)
        return decision_award_get(rq, me, app_id);
    if (strcmp(action, "afwijzen") == 0)
        return decision_reject_get(rq, me, app_id);
    if (strcmp(action, "iban") == 0)
        return decision_iban_get(rq, me, app_id);
    if (strcmp(action, "vaststellen") == 0)
        return decision_settle_get(rq, me, app_id);
    if (strcmp(action, AWARD_LETTER) == 0)
        return letter_get(rq, me, app_id, "award_letter", "award letter");
    if (strcmp(action, REJECTION_LETTER) == 0)
        return letter_get(rq, me, app_id, "rejection_letter",
                          "rejection letter");
    return reply_error(rq, 404, NULL);
}

enum MHD_Result
staff_decision_post(struct request *rq, const struct staff *me,
                    long long app_id, const char *action)
{
    if (strcmp(action, "toekennen") == 0)
        return decision_award_post(rq, me, app_id);
    if (strcmp(action, "afwijzen") == 0)
        return decision_reject_post(rq, me, app_id);
    if (strcmp(action, "iban") == 0)
        return decision_iban_post(rq, me, app_id);
    if (strcmp(action, "vaststellen") == 0)
        return decision_settle_post(rq, me, app_id);
    if (strcmp(action, AWARD_LETTER) == 0 ||
        strcmp(action, REJECTION_LETTER) == 0) {
        snprintf(rq->allow, sizeof(rq->allow), "GET, HEAD");
        return reply_error(rq, 405, NULL);
    }
    return reply_error(rq, 404, NULL);
}

bool
decision_amount_check(struct decision_amount_form *f, long long max_cents,
                      bool above_zero, const char *max_words,
                      const char *why_missing, long long *cents,
                      const char **reason)
{
    *reason = NULL;
    f->amount_error = money_check(f->amount ? f->amount : "", cents, "nl");
    if (f->amount_error == NULL && above_zero && *cents <= 0)
        f->amount_error = "Het bedrag moet meer dan € 0,00 zijn.";
    if (f->amount_error == NULL && *cents > max_cents) {
        char max[MONEY_TEXT_SIZE];

        decision_euro(max_cents, max, sizeof(max));
        snprintf(f->over, sizeof(f->over),
                 "Het bedrag mag niet hoger zijn dan %s van %s.", max_words,
                 max);
        f->amount_error = f->over;
    }
    if (f->amount_error != NULL)
        return false;
    if (*cents == max_cents)
        return true; /* a reason is only for a lower amount */
    if (f->reason == NULL || strspn(f->reason, " \t\r\n") == strlen(f->reason))
        f->reason_error = why_missing;
    else
        f->reason_error = text_field_check(f->reason, 1, 2000, true, "nl");
    if (f->reason_error != NULL)
        return false;
    /* stored and printed without the white space around it */
    snprintf(f->clean, sizeof(f->clean), "%s", f->reason);
    *reason = text_field_trim(f->clean);
    return true;
}
