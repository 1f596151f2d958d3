/* POST /beheer/aanvragen/nieuw - a makelaar files an application for a
 * resident without a computer (assisted intake).
 *
 * In order: content type (415), the form's encoding (400), the staff CSRF
 * token (400, the form again with everything typed), then every field with
 * the resident form's rules (the e-mail may be empty: letters by post),
 * and the street must lie in one of the makelaar's own wijken (422, form
 * again). A valid form is filed through application_submit() with
 * entered_by = the makelaar (audit application.intake, in the same
 * transaction) and answered with 303 to the page with the reference, the
 * receipt and the status link. The schema keeps this makelaar from
 * awarding it (award_segregation_of_duties). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "application_input.h"
#include "application_submit.h"
#include "db_street.h"
#include "log.h"
#include "pages.h"
#include "staff_csrf.h"
#include "staff_intake.h"
#include "staff_layout.h"
#include "staff_session.h"

#define FONT_DIR "/usr/share/fonts/truetype/dejavu"

/* Add an error for field unless the form already has one there. */
static void
add_error(struct application_input *in, const char *field, const char *msg)
{
    if (in->nerrors >= AF_MAX_ERRORS ||
        application_input_error(in, field) != NULL)
        return;
    in->errors[in->nerrors].field = field;
    in->errors[in->nerrors].message = msg;
    in->nerrors++;
}

/* The application must lie in one of the makelaar's wijken; else a
 * message naming the street's wijk into msg (added to in's errors).
 * Returns false on a database error. */
static bool
check_scope(struct db_conn *db, const struct staff *me,
            struct application_input *in, const struct street_facts *facts,
            char *msg, size_t msglen)
{
    const char *wijk = application_input_wijk(in, facts);
    char name[101] = "";
    int r;

    if (wijk[0] == '\0' || staff_has_wijk(me, wijk))
        return true;
    r = db_wijk_name(db, wijk, name, sizeof(name));
    if (r < 0)
        return false;
    snprintf(msg, msglen,
             "Deze straat ligt in wijk %s (%s). U kunt alleen aanvragen "
             "invoeren voor straten in uw eigen wijken (%s). Vraag een "
             "makelaar van wijk %s om de aanvraag in te voeren.",
             r == 1 ? name : wijk, wijk, me->wijken, wijk);
    /* an unknown street: the wijk was chosen in the list */
    add_error(in, facts->known ? AF_STREET : AF_WIJK, msg);
    return true;
}

enum MHD_Result
page_staff_intake_submit(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct urlenc_pairs form = {NULL, 0};
    struct application_input in;
    struct street_match sm;
    struct street_facts facts;
    struct submit_context ctx;
    struct submit_result res;
    const char *lang;
    struct db_conn *db;
    enum db_status st;
    char loc[128], scope_msg[512];
    int found;

    if (!staff_require(rq, "makelaar", &me, &ret))
        return ret;
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 64, 8192,
                     &form) != URLENC_OK)
        return reply_error(rq, 400,
                           "Wat u invulde bevat tekens die wij niet kunnen "
                           "lezen. Ga terug en controleer wat u typte.");
    application_input_from_form(&in, &form);
    /* the resident's language is for the letters and the receipt; the
     * makelaar reads the messages of the form in Dutch */
    lang = in.lang;
    in.lang = "nl";
    in.email_optional = true;
    if (!staff_csrf_valid(&me, STAFF_INTAKE_CSRF, urlenc_get(&form, "csrf"))) {
        ret = staff_intake_form(rq, &me, 400, &in, lang,
                                "Het formulier is verlopen of kwam niet goed "
                                "aan. Er is niets opgeslagen. Wat u typte "
                                "staat er nog: controleer het en sla het "
                                "opnieuw op.");
        goto out;
    }
    db = request_db(rq);
    if (db == NULL) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    found = db_street_find(db, in.street, &sm);
    if (found < 0) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    memset(&facts, 0, sizeof(facts));
    facts.known = found == 1;
    snprintf(facts.wijken, sizeof(facts.wijken), "%s", sm.wijken);
    application_input_validate(&in, &facts);
    if (!check_scope(db, &me, &in, &facts, scope_msg, sizeof(scope_msg))) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    if (!staff_intake_key_valid(in.key))
        in.key = "";
    if (in.nerrors > 0 || in.key[0] == '\0') {
        ret = staff_intake_form(rq, &me, 422, &in, lang,
                                in.nerrors ? NULL
                                           : "Sla het formulier opnieuw op.");
        goto out;
    }

    in.lang = lang;
    ctx.box_key = rq->app->box_key;
    ctx.font_dir = FONT_DIR;
    ctx.entered_by = me.id;
    ctx.previous_id = 0;
    st = application_submit(
        db, &ctx, &in, facts.known ? sm.id : 0,
        facts.known ? sm.name : in.street, application_input_wijk(&in, &facts),
        (facts.known && sm.buurt[0]) ? sm.buurt : NULL, &res);
    in.lang = "nl";
    if (st == DB_CONFLICT) {
        /* the one-time key was used for a result we can no longer read:
         * a new key makes it a new form */
        in.key = "";
        ret = staff_intake_form(rq, &me, 422, &in, lang,
                                "Sla het formulier nog een keer op; het was "
                                "al eerder verstuurd.");
        goto out;
    }
    if (st == DB_REFUSED) {
        /* validation mirrors the schema; should a rule still refuse, say
         * so without losing the form */
        log_error("intake refused: %s", db_last_constraint(db));
        ret = staff_intake_form(rq, &me, 422, &in, lang,
                                "De aanvraag voldoet niet aan de regels en "
                                "is niet opgeslagen. Controleer de gegevens.");
        goto out;
    }
    if (st < 0) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    snprintf(loc, sizeof(loc), STAFF_INTAKE_PATH "?" STAFF_INTAKE_DONE "=%s",
             in.key);
    ret = reply_redirect(rq, loc);
out:
    urlenc_pairs_free(&form);
    return ret;
}
