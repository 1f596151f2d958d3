/* POST /beheer/straten/samenvoegen - merge two spellings of one street
 * (beheerder only; any other role gets 404).
 *
 * Form: csrf, straat (the street to merge away), doel (the street it is
 * merged into, one of the same wijk), bevestigd=ja, and boven_maximum=ja
 * once the page has asked for it. In ONE transaction: both streets are
 * locked, checked (exists, not merged, a common wijk, the yearly maximum),
 * the source is marked merged into the target (sql/009: not into itself,
 * not into a merged street), streets merged into the source earlier are
 * pointed at the target, every application moves (street_id; the typed
 * street_name stays), and the audit event street.merge is written. Awards
 * and payouts follow their applications, so the target's counts and badge
 * include them at once.
 *
 * The yearly maximum: when the two streets together have more awards in a
 * budget year than the maximum per street, the merge is refused (409)
 * with the figures, and the form asks for a second tick. Those awards are
 * already made and paid for; the tick records in the audit event that the
 * beheerder merged knowingly ("over_maximum": true). The flag
 * flag_second_open of open applications is left as it was.
 *
 * 303 to the target's page on success; the street page again with the
 * errors otherwise (422 input, 409 refused by the state of the streets). */
#include <stdio.h>
#include <string.h>

#include "db_audit.h"
#include "db_staff_street.h"
#include "log.h"
#include "pages.h"
#include "staff_csrf.h"
#include "staff_session.h"
#include "staff_street_view.h"

enum merge_outcome {
    MERGE_DONE,
    MERGE_SOURCE_GONE,   /* no such street */
    MERGE_SOURCE_MERGED, /* merged meanwhile */
    MERGE_TARGET_GONE,   /* no such target */
    MERGE_TARGET_MERGED, /* the target is itself merged */
    MERGE_OTHER_WIJK,    /* no wijk in common */
    MERGE_OVER_MAXIMUM,  /* needs the second tick */
};

struct merge {
    long long from, into, by;
    bool over_maximum_ok;
    /* filled by the transaction */
    enum merge_outcome outcome;
    int moved;
    int year;
    long potjes, max;
};

static enum db_status
merge_tx(struct db_conn *c, void *cls)
{
    struct merge *m = cls;
    long long merged;
    char details[200];
    int r;

    m->outcome = MERGE_DONE;
    m->moved = 0;
    r = db_staff_street_lock(c, m->from, &merged);
    if (r <= 0) {
        m->outcome = MERGE_SOURCE_GONE;
        return (enum db_status)r;
    }
    if (merged != 0) {
        m->outcome = MERGE_SOURCE_MERGED;
        return DB_NO_RESULTS;
    }
    r = db_staff_street_lock(c, m->into, &merged);
    if (r <= 0) {
        m->outcome = MERGE_TARGET_GONE;
        return (enum db_status)r;
    }
    if (merged != 0) {
        m->outcome = MERGE_TARGET_MERGED;
        return DB_NO_RESULTS;
    }
    r = db_staff_street_share_wijk(c, m->from, m->into);
    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        m->outcome = MERGE_OTHER_WIJK;
        return DB_NO_RESULTS;
    }
    r = db_staff_street_over_maximum(c, m->from, m->into, &m->year, &m->potjes,
                                     &m->max);
    if (r < 0)
        return (enum db_status)r;
    if (r > 0 && !m->over_maximum_ok) {
        m->outcome = MERGE_OVER_MAXIMUM;
        return DB_NO_RESULTS;
    }
    /* the schema refuses a merge into itself or into a merged street */
    r = db_staff_street_mark_merged(c, m->from, m->into, m->by);
    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        m->outcome = MERGE_SOURCE_MERGED;
        return DB_NO_RESULTS;
    }
    r = db_staff_street_repoint_merged(c, m->from, m->into);
    if (r < 0)
        return (enum db_status)r;
    r = db_staff_street_move_applications(c, m->from, m->into);
    if (r < 0)
        return (enum db_status)r;
    m->moved = r;
    if (m->year != 0)
        snprintf(details, sizeof(details),
                 "{\"from\":%lld,\"into\":%lld,\"applications\":%d,"
                 "\"over_maximum\":true,\"year\":%d,\"potjes\":%ld,"
                 "\"max\":%ld}",
                 m->from, m->into, m->moved, m->year, m->potjes, m->max);
    else
        snprintf(details, sizeof(details),
                 "{\"from\":%lld,\"into\":%lld,\"applications\":%d}", m->from,
                 m->into, m->moved);
    return db_audit_insert(c, "staff", m->by, "street.merge", "street", m->from,
                           details);
}

/* The message for a refusal by the schema (db_last_constraint). */
static const char *
refusal_message(const char *constraint)
{
    if (strcmp(constraint, "street_not_merged_into_itself") == 0)
        return "Een straat kan niet met zichzelf worden samengevoegd. Kies "
               "een andere straat.";
    if (strcmp(constraint, "street_merge_target_live") == 0)
        return "De gekozen straat is zelf al samengevoegd met een andere "
               "straat. Kies die straat.";
    return NULL;
}

enum MHD_Result
page_staff_street_merge(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct urlenc_pairs form = {NULL, 0};
    struct street_merge_view mv;
    struct merge m;
    struct db_conn *db;
    char purpose[48], msg[300], location[96];
    const char *v;
    int st;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 16, 4096,
                     &form) != URLENC_OK)
        return reply_error(rq, 400, NULL);
    memset(&m, 0, sizeof(m));
    memset(&mv, 0, sizeof(mv));
    m.by = me.id;
    if (!staff_street_parse_id(urlenc_get(&form, "straat"), &m.from)) {
        ret = reply_error(rq, 400,
                          "Er is geen straat gekozen om samen te "
                          "voegen.");
        goto out;
    }
    snprintf(purpose, sizeof(purpose), "street-merge:%lld", m.from);
    if (!staff_csrf_valid(&me, purpose, urlenc_get(&form, "csrf"))) {
        ret = reply_error(rq, 400,
                          "Het formulier is verlopen. Ga terug, laad de "
                          "pagina opnieuw en probeer het nog een keer. Er is "
                          "niets veranderd.");
        goto out;
    }
    mv.doel = urlenc_get(&form, "doel");
    v = urlenc_get(&form, "bevestigd");
    mv.confirmed = v != NULL && strcmp(v, "ja") == 0;
    v = urlenc_get(&form, "boven_maximum");
    mv.over_maximum_ok = m.over_maximum_ok = v != NULL && strcmp(v, "ja") == 0;
    if (mv.doel == NULL || mv.doel[0] == '\0')
        mv.doel_error = "Kies de straat waarmee u deze straat wilt "
                        "samenvoegen.";
    else if (!staff_street_parse_id(mv.doel, &m.into))
        mv.doel_error = "Deze straat bestaat niet. Kies een straat uit de "
                        "lijst.";
    if (!mv.confirmed)
        mv.confirm_error = "Vink aan dat u zeker weet dat u de straten wilt "
                           "samenvoegen.";
    if (mv.doel_error || mv.confirm_error) {
        ret = staff_street_view(rq, &me, m.from, 1, &mv, 422);
        goto out;
    }

    db = request_db(rq);
    if (db == NULL) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    st = db_transaction(db, merge_tx, &m);
    if (st == DB_REFUSED && refusal_message(db_last_constraint(db))) {
        mv.doel_error = refusal_message(db_last_constraint(db));
        ret = staff_street_view(rq, &me, m.from, 1, &mv, 422);
        goto out;
    }
    if (st < 0) {
        log_error("street merge %lld into %lld: %s", m.from, m.into,
                  db_last_error(db));
        ret = reply_error(rq, st == DB_REFUSED ? 409 : 503,
                          st == DB_REFUSED ? "De straten konden niet worden "
                                             "samengevoegd. Er is niets "
                                             "veranderd."
                                           : NULL);
        goto out;
    }
    switch (m.outcome) {
    case MERGE_DONE:
        snprintf(location, sizeof(location),
                 "/beheer/straten/%lld?verplaatst=%d", m.into, m.moved);
        ret = reply_redirect(rq, location);
        break;
    case MERGE_SOURCE_GONE:
        ret = reply_error(rq, 404, NULL);
        break;
    case MERGE_SOURCE_MERGED:
        /* the page shows with which street; nothing to choose any more */
        ret = staff_street_view(rq, &me, m.from, 1, NULL, 409);
        break;
    case MERGE_TARGET_GONE:
        mv.doel_error = "Deze straat bestaat niet. Kies een straat uit de "
                        "lijst.";
        ret = staff_street_view(rq, &me, m.from, 1, &mv, 422);
        break;
    case MERGE_TARGET_MERGED:
        mv.doel_error = refusal_message("street_merge_target_live");
        ret = staff_street_view(rq, &me, m.from, 1, &mv, 409);
        break;
    case MERGE_OTHER_WIJK:
        mv.doel_error = "De gekozen straat ligt niet in dezelfde wijk. U kunt "
                        "alleen straten uit dezelfde wijk samenvoegen.";
        ret = staff_street_view(rq, &me, m.from, 1, &mv, 422);
        break;
    case MERGE_OVER_MAXIMUM:
    default:
        snprintf(msg, sizeof(msg),
                 "Samen hebben deze straten in %d al %ld potjes gekregen. Het "
                 "maximum is %ld per straat per jaar. Wilt u ze toch "
                 "samenvoegen? Vink dat dan hieronder aan.",
                 m.year, m.potjes, m.max);
        mv.ask_over_maximum = true;
        mv.over_maximum_error = msg;
        ret = staff_street_view(rq, &me, m.from, 1, &mv, 409);
        break;
    }
out:
    urlenc_pairs_free(&form);
    return ret;
}
