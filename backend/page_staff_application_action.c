/* POST /beheer/aanvragen/<id>/<action> - the makelaar's light actions on
 * one application, and the decisions of staff_decision.h:
 *
 *   in-behandeling  ingediend -> in_behandeling
 *   vraag           in_behandeling -> aanvulling_gevraagd, with a question
 *                   the resident sees on the status page (and an outbox
 *                   message telling them so)
 *   straat          link an application whose street is not in the list
 *                   to a street of the list in its wijk
 *
 * Order of checks: role (404 for another role), the id in the makelaar's
 * wijken (404, so a token cannot even be tried against another wijk), the
 * CSRF token bound to the action and id (400), the fields (422, typed
 * values kept), then one transaction: lock the row, compare the version
 * from the form (409 when somebody else was first), update (the trigger
 * refuses a move that is not allowed: 409), audit event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_application.h"
#include "db_audit.h"
#include "db_staff_application.h"
#include "log.h"
#include "pages.h"
#include "staff_application_view.h"
#include "staff_application_words.h"
#include "staff_csrf.h"
#include "staff_decision.h"
#include "staff_session.h"
#include "text_field.h"

#define QUESTION_MAX_CHARS 2000

struct action_def {
    const char *path;    /* after /beheer/aanvragen/<id>/ */
    const char *purpose; /* of its CSRF token, with ":<id>" */
    const char *audit;   /* audit_event.action */
    const char *to;      /* the status it moves to, NULL: none */
};

static const struct action_def action_defs[] = {
    {"in-behandeling", "review", "application.review", "in_behandeling"},
    {"vraag", "ask", "application.ask_info", "aanvulling_gevraagd"},
    {"straat", "street", "application.link_street", NULL},
};

enum outcome {
    OUT_DONE,
    OUT_NOT_FOUND, /* not (any more) in the makelaar's wijken */
    OUT_STALE,     /* the version moved on: somebody else was first */
    OUT_REFUSED,   /* the status does not allow it */
    OUT_NO_STREET, /* the typed street is not in the wijk's list */
};

struct action_tx {
    const struct staff *me;
    const struct action_def *def;
    long long id;
    int version;
    const char *question, *street;
    /* filled by the transaction */
    enum outcome out;
    struct staff_app_lock lock;
    char constraint[64];
};

static enum db_status
audit(struct db_conn *c, struct action_tx *x, const char *details)
{
    return db_audit_insert(c, "staff", x->me->id, x->def->audit, "application",
                           x->id, details);
}

/* in-behandeling and vraag: a status move, and for vraag the question. */
static enum db_status
move_tx(struct db_conn *c, struct action_tx *x)
{
    char details[160];
    long long msg_id = 0;
    int r;

    if (strcmp(x->lock.status, x->def->to) == 0) {
        x->out = OUT_REFUSED;
        return DB_NO_RESULTS;
    }
    r = db_staff_app_set_status(c, x->id, x->version, x->me->wijken,
                                x->def->to);
    if (r == DB_REFUSED) {
        x->out = OUT_REFUSED;
        snprintf(x->constraint, sizeof(x->constraint), "%s",
                 db_last_constraint(c));
        return DB_REFUSED; /* the transaction is aborted: roll back */
    }
    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        x->out = OUT_STALE;
        return DB_NO_RESULTS;
    }
    if (x->question != NULL) {
        r = db_staff_app_question_insert(c, x->id, x->me->id, x->question,
                                         &msg_id);
        if (r < 0)
            return (enum db_status)r;
        r = db_outbox_insert(c, x->id, "information_requested",
                             x->lock.has_email ? "email" : "letter");
        if (r < 0)
            return (enum db_status)r;
    }
    if (msg_id)
        snprintf(details, sizeof(details),
                 "{\"from\":\"%s\",\"to\":\"%s\",\"message_id\":%lld}",
                 x->lock.status, x->def->to, msg_id);
    else
        snprintf(details, sizeof(details), "{\"from\":\"%s\",\"to\":\"%s\"}",
                 x->lock.status, x->def->to);
    return audit(c, x, details);
}

static bool
is_open(const char *status)
{
    return strcmp(status, "ingediend") == 0 ||
           strcmp(status, "in_behandeling") == 0 ||
           strcmp(status, "aanvulling_gevraagd") == 0;
}

static enum db_status
street_tx(struct db_conn *c, struct action_tx *x)
{
    char details[128], canonical[4 * 200 + 1];
    long long street_id = 0;
    int r;

    if (x->lock.street_id != 0 || !is_open(x->lock.status)) {
        x->out = OUT_REFUSED;
        return DB_NO_RESULTS;
    }
    r = db_staff_street_in_wijk(c, x->street, x->lock.wijk, &street_id,
                                canonical, sizeof(canonical));
    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        x->out = OUT_NO_STREET;
        return DB_NO_RESULTS;
    }
    r = db_staff_app_link_street(c, x->id, x->version, x->me->wijken,
                                 street_id);
    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        x->out = OUT_STALE;
        return DB_NO_RESULTS;
    }
    snprintf(details, sizeof(details),
             "{\"street_id\":%lld,\"flag_unknown_street\":false}", street_id);
    return audit(c, x, details);
}

static enum db_status
action_tx(struct db_conn *c, void *cls)
{
    struct action_tx *x = cls;
    int r;

    /* may run more than once: start from nothing each time */
    x->out = OUT_DONE;
    x->constraint[0] = '\0';
    r = db_staff_app_lock(c, x->id, x->me->wijken, &x->lock);
    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        x->out = OUT_NOT_FOUND;
        return DB_NO_RESULTS;
    }
    if (x->lock.version != x->version) {
        x->out = OUT_STALE;
        return DB_NO_RESULTS;
    }
    return x->def->to ? move_tx(c, x) : street_tx(c, x);
}

static const char *
actor_words(const struct staff_app_change *chg)
{
    if (strcmp(chg->actor_kind, "staff") == 0)
        return chg->actor;
    if (strcmp(chg->actor_kind, "resident") == 0)
        return "de aanvrager";
    return "het systeem";
}

/* The 409 sentence: what the application is now, and who changed it
 * last, so the makelaar can decide again. */
static void
stale_banner(struct request *rq, const struct staff *me, long long id,
             char *out, size_t len)
{
    struct staff_app_change chg;
    int r = db_staff_app_last_change(request_db(rq), id, me->wijken, &chg);

    if (r == 1 && chg.at[0])
        snprintf(out, len,
                 "Iemand anders heeft deze aanvraag intussen gewijzigd. Er is "
                 "niets veranderd. De aanvraag staat nu op \"%s\". Laatste "
                 "wijziging: %s, door %s op %s. Bekijk de aanvraag hieronder "
                 "en probeer het zo nodig opnieuw.",
                 staff_status_label(chg.status), staff_audit_label(chg.action),
                 actor_words(&chg), chg.at);
    else if (r == 1)
        snprintf(out, len,
                 "Iemand anders heeft deze aanvraag intussen gewijzigd. Er is "
                 "niets veranderd. De aanvraag staat nu op \"%s\". Bekijk de "
                 "aanvraag hieronder en probeer het zo nodig opnieuw.",
                 staff_status_label(chg.status));
    else
        snprintf(out, len,
                 "Iemand anders heeft deze aanvraag intussen gewijzigd. Er is "
                 "niets veranderd.");
}

static void
refused_banner(const struct action_tx *x, char *out, size_t len)
{
    if (x->def->to == NULL && x->lock.street_id != 0)
        snprintf(out, len,
                 "De straat van deze aanvraag is al gekoppeld. Er is niets "
                 "veranderd.");
    else if (x->def->to == NULL)
        snprintf(out, len,
                 "Een straat koppelen kan alleen bij een open aanvraag. Deze "
                 "aanvraag staat op \"%s\". Er is niets veranderd.",
                 staff_status_label(x->lock.status));
    else if (strcmp(x->lock.status, x->def->to) == 0)
        snprintf(out, len,
                 "De aanvraag staat al op \"%s\". Er is niets veranderd.",
                 staff_status_label(x->def->to));
    else
        snprintf(out, len,
                 "Dit kan niet: een aanvraag die op \"%s\" staat, kan niet "
                 "naar \"%s\". Er is niets veranderd.",
                 staff_status_label(x->lock.status),
                 staff_status_label(x->def->to));
}

/* A positive version number as sent in the hidden field, or 0. */
static int
parse_version(const char *s)
{
    long v = 0;

    if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 9)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (*s - '0');
    }
    return (int)v;
}

static const struct action_def *
find_action(const char *path)
{
    size_t i;

    for (i = 0; i < sizeof(action_defs) / sizeof(action_defs[0]); i++)
        if (strcmp(action_defs[i].path, path) == 0)
            return &action_defs[i];
    return NULL;
}

enum MHD_Result
page_staff_application_action(struct request *rq)
{
    struct urlenc_pairs form = {NULL, 0};
    struct staff_app_form st;
    struct staff_app_change chg;
    struct action_tx x;
    struct staff me;
    struct db_conn *db;
    const struct action_def *def;
    const char *action;
    char purpose[48], banner[2048], loc[96], street_error[160];
    enum MHD_Result ret;
    enum db_status s;
    long long id;
    int r;

    if (!staff_require(rq, "makelaar", &me, &ret))
        return ret;
    if (!staff_application_path(rq->path_param, &id, &action) ||
        action[0] == '\0')
        return reply_error(rq, 404, NULL);
    def = find_action(action);
    if (def == NULL) {
        if (staff_decision_known(action))
            return staff_decision_post(rq, &me, id, action);
        return reply_error(rq, 404, NULL);
    }
    if ((db = request_db(rq)) == NULL)
        return reply_error(rq, 503, NULL);
    r = db_staff_app_last_change(db, id, me.wijken, &chg);
    if (r <= 0) {
        if (r < 0)
            log_error("staff action %lld: %s", id, db_last_error(db));
        return reply_error(rq, r == 0 ? 404 : 503, NULL);
    }
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 16,
                     16384, &form) != URLENC_OK)
        return reply_error(rq, 400,
                           "Het formulier bevat tekens die wij niet kunnen "
                           "lezen. Ga terug en controleer wat u typte.");
    snprintf(purpose, sizeof(purpose), "%s:%lld", def->purpose, id);
    if (!staff_csrf_valid(&me, purpose, urlenc_get(&form, "csrf"))) {
        ret = reply_error(rq, 400,
                          "Het formulier is verlopen of niet van deze "
                          "pagina. Er is niets veranderd. Open de aanvraag "
                          "opnieuw en probeer het nog een keer.");
        goto out;
    }
    memset(&x, 0, sizeof(x));
    memset(&st, 0, sizeof(st));
    x.me = &me;
    x.def = def;
    x.id = id;
    x.version = parse_version(urlenc_get(&form, "versie"));
    if (x.version == 0) {
        ret = reply_error(rq, 400,
                          "Het formulier mist de versie van de aanvraag. Er "
                          "is niets veranderd. Open de aanvraag opnieuw.");
        goto out;
    }
    for (size_t i = 0; i < form.count; i++)
        text_field_trim(form.items[i].value);
    if (strcmp(def->path, "vraag") == 0) {
        x.question = urlenc_get(&form, "vraag");
        st.question = x.question;
        st.question_error =
            (x.question == NULL || x.question[0] == '\0')
                ? "Schrijf uw vraag aan de aanvrager."
                : text_field_check(x.question, 1, QUESTION_MAX_CHARS, true,
                                   "nl");
        if (st.question_error) {
            if (x.question != NULL && x.question[0] != '\0' &&
                utf8_chars(x.question, strlen(x.question)) > QUESTION_MAX_CHARS)
                st.question_error = "Uw vraag is te lang: hoogstens 2000 "
                                    "tekens.";
            ret = staff_application_render(rq, &me, id, 422, &st);
            goto out;
        }
    } else if (strcmp(def->path, "straat") == 0) {
        x.street = urlenc_get(&form, "straat");
        st.street = x.street;
        st.street_error = (x.street == NULL || x.street[0] == '\0')
                              ? "Kies een straat uit de lijst."
                              : text_field_check(x.street, 1, 200, false, "nl");
        if (st.street_error) {
            ret = staff_application_render(rq, &me, id, 422, &st);
            goto out;
        }
    }

    s = db_transaction(db, action_tx, &x);
    switch (x.out) {
    case OUT_DONE:
        if (s < 0) {
            log_error("staff action %s %lld: %s", def->path, id,
                      db_last_error(db));
            ret = reply_error(rq, 503, NULL);
            goto out;
        }
        snprintf(loc, sizeof(loc), "/beheer/aanvragen/%lld?gedaan=%s", id,
                 def->path);
        ret = reply_redirect(rq, loc);
        break;
    case OUT_NOT_FOUND:
        ret = reply_error(rq, 404, NULL);
        break;
    case OUT_STALE:
        stale_banner(rq, &me, id, banner, sizeof(banner));
        st.banner = banner;
        ret = staff_application_render(rq, &me, id, 409, &st);
        break;
    case OUT_REFUSED:
        if (x.constraint[0] &&
            strcmp(x.constraint, "application_status_transition") != 0)
            log_info("staff action %s %lld refused by %s", def->path, id,
                     x.constraint);
        refused_banner(&x, banner, sizeof(banner));
        st.banner = banner;
        ret = staff_application_render(rq, &me, id, 409, &st);
        break;
    case OUT_NO_STREET:
    default:
        snprintf(street_error, sizeof(street_error),
                 "Deze straat staat niet in de stratenlijst van wijk %s. "
                 "Kies een straat uit de lijst.",
                 x.lock.wijk);
        st.street_error = street_error;
        ret = staff_application_render(rq, &me, id, 422, &st);
        break;
    }
out:
    urlenc_pairs_free(&form);
    return ret;
}
