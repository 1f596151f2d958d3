/* POST /beheer/gebruikers/<id> - change a staff account: name, role,
 * wijken, switched off or on, and optionally a new password. Never
 * deletes. Beheerder only; without a valid CSRF token nothing changes.
 *
 * The form carries the account's version (updated_at): when someone else
 * changed the account meanwhile, nothing is applied and the form comes
 * back (409) with the current values and what changed. A beheerder can
 * neither switch off nor demote their own account, so there is always
 * one left. Switching an account off ends its open sessions at once.
 * Audit: user.update (role and wijken before and after, whether name or
 * password changed), user.disable (with the sessions ended), user.enable;
 * all in the transaction of the change. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "db_audit.h"
#include "db_staff_totp.h"
#include "db_staff_admin.h"
#include "pages.h"
#include "password.h"
#include "staff_admin_common.h"
#include "staff_admin_users.h"
#include "staff_csrf.h"
#include "staff_fields.h"
#include "staff_session.h"

struct update_tx {
    long long id, actor;
    const struct user_form *f;
    const struct staff_wijken *w;
    const char *hash; /* NULL: keep the password */
    /* filled by the transaction */
    bool found, conflict;
    struct staff_admin_user before;
    int sessions_ended;
    struct buf details;
};

static enum db_status
audit_update(struct db_conn *c, struct update_tx *t, bool name_changed)
{
    struct buf *d = &t->details;

    buf_reset(d);
    buf_puts(d, "{\"before\": {\"role\": ");
    staff_admin_json_str(d, t->before.u.role);
    buf_puts(d, ", \"wijken\": ");
    staff_admin_json_wijken(d, t->before.u.wijken);
    buf_puts(d, "}, \"after\": {\"role\": ");
    staff_admin_json_str(d, t->f->role);
    buf_puts(d, ", \"wijken\": ");
    staff_admin_json_wijken(d, t->w->canon);
    buf_printf(d,
               "}, \"name_changed\": %s, \"password_changed\": %s, "
               "\"sessions_ended\": %d}",
               name_changed ? "true" : "false", t->hash ? "true" : "false",
               t->sessions_ended);
    if (d->failed)
        return DB_HARD_ERROR;
    return db_audit_insert(c, "staff", t->actor, "user.update", "staff_user",
                           t->id, d->data);
}

static enum db_status
update_tx(struct db_conn *c, void *cls)
{
    struct update_tx *t = cls;
    const struct staff_user *b = &t->before.u;
    bool name_changed, role_changed, wijken_changed;
    int r;

    t->found = t->conflict = false;
    t->sessions_ended = 0;
    r = db_staff_admin_get(c, t->id, &t->before);
    if (r <= 0)
        return (enum db_status)r;
    t->found = true;
    if (strcmp(t->before.version, t->f->version) != 0) {
        t->conflict = true;
        return DB_NO_RESULTS;
    }
    name_changed = strcmp(b->name, t->f->name) != 0;
    role_changed = strcmp(b->role, t->f->role) != 0;
    wijken_changed = strcmp(b->wijken, t->w->canon) != 0;
    if (name_changed || role_changed || wijken_changed || t->hash) {
        r = db_staff_admin_update(c, t->id, t->f->name, t->f->role,
                                  t->f->version);
        if (r < 0)
            return (enum db_status)r;
        if (r == 0) {
            t->conflict = true;
            return DB_NO_RESULTS;
        }
    }
    if (wijken_changed) {
        int i;

        r = db_staff_admin_wijken_clear(c, t->id);
        if (r < 0)
            return (enum db_status)r;
        for (i = 0; i < t->w->n; i++) {
            r = db_staff_user_wijk_add(c, t->id, t->w->codes[i]);
            if (r < 0)
                return (enum db_status)r;
            if (r == 0)
                return DB_HARD_ERROR;
        }
    }
    if (t->hash) {
        r = db_staff_admin_set_password(c, t->id, t->hash);
        if (r < 0)
            return (enum db_status)r;
    }
    /* a new password or an unlinked app is the answer to a stolen one: the
     * sessions opened with it end now (not the beheerder's own) */
    if ((t->hash || (t->f->totp_reset && t->before.totp)) &&
        t->id != t->actor) {
        r = db_staff_user_end_sessions(c, t->id);
        if (r < 0)
            return (enum db_status)r;
        t->sessions_ended = r;
    }
    if (name_changed || role_changed || wijken_changed || t->hash) {
        r = audit_update(c, t, name_changed);
        if (r < 0)
            return (enum db_status)r;
    }
    if (t->f->disabled && !b->disabled) {
        char details[160];

        r = db_staff_user_disable(c, t->id);
        if (r < 0)
            return (enum db_status)r;
        r = db_staff_user_end_sessions(c, t->id);
        if (r < 0)
            return (enum db_status)r;
        t->sessions_ended += r;
        r = t->sessions_ended;
        snprintf(details, sizeof(details),
                 "{\"before\": {\"disabled\": false}, \"after\": "
                 "{\"disabled\": true}, \"sessions_ended\": %d}",
                 r);
        r = db_audit_insert(c, "staff", t->actor, "user.disable", "staff_user",
                            t->id, details);
        if (r < 0)
            return (enum db_status)r;
    } else if (!t->f->disabled && b->disabled) {
        r = db_staff_admin_enable(c, t->id);
        if (r < 0)
            return (enum db_status)r;
        r = db_audit_insert(c, "staff", t->actor, "user.enable", "staff_user",
                            t->id,
                            "{\"before\": {\"disabled\": true}, \"after\": "
                            "{\"disabled\": false}}");
        if (r < 0)
            return (enum db_status)r;
    }
    if (t->f->totp_reset && t->before.totp) {
        r = db_staff_totp_clear(c, t->id);
        if (r < 0)
            return (enum db_status)r;
        r = db_audit_insert(c, "staff", t->actor, "user.totp_reset",
                            "staff_user", t->id,
                            t->sessions_ended > 0
                                ? "{\"before\": {\"totp\": true}, \"after\": "
                                  "{\"totp\": false}, \"sessions_ended\": true}"
                                : "{\"before\": {\"totp\": true}, \"after\": "
                                  "{\"totp\": false}}");
        if (r < 0)
            return (enum db_status)r;
    }
    return DB_ONE_RESULT;
}

/* What another beheerder changed, for the 409 page. */
static void
conflict_text(const struct staff_user *now, const struct user_form *typed,
              char *out, size_t size)
{
    snprintf(out, size,
             "Iemand anders heeft dit account gewijzigd terwijl u het "
             "formulier invulde. Er is niets opgeslagen. Nu: rol %s, "
             "wijken %s, %s. Controleer de gegevens hieronder en sla "
             "opnieuw op.",
             now->role, now->wijken[0] ? now->wijken : "geen",
             now->disabled ? "uitgeschakeld" : "actief");
    (void)typed;
}

enum MHD_Result
page_staff_user_update(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct urlenc_pairs form;
    struct user_form f;
    struct user_form_errors err;
    struct staff_wijken w;
    struct update_tx t;
    char name[1000], role[16], wijken[32], canon[32], version[40], msg[400];
    char hash[PASSWORD_HASH_SIZE], purpose[48], loc[80];
    const char *pw, *perr;
    struct db_conn *db;
    enum db_status st;
    long long id;
    bool ok;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    if (!staff_admin_parse_id(rq->path_param, &id))
        return reply_error(rq, 404, NULL);
    if (!staff_admin_form(rq, 32, &form, &ret))
        return ret;
    memset(&t, 0, sizeof(t));
    snprintf(purpose, sizeof(purpose), "user:%lld", id);
    if (!staff_csrf_valid(&me, purpose, urlenc_get(&form, "csrf"))) {
        ret = staff_admin_csrf_refused(rq);
        goto out;
    }
    memset(&err, 0, sizeof(err));
    staff_admin_field(&form, "naam", name, sizeof(name), NULL);
    staff_admin_field(&form, "rol", role, sizeof(role), NULL);
    staff_admin_field(&form, "versie", version, sizeof(version), NULL);
    staff_admin_wijken_from_form(&form, wijken);
    f = (struct user_form){"",
                           name,
                           role,
                           wijken,
                           urlenc_get(&form, "uitgeschakeld") != NULL,
                           version,
                           urlenc_get(&form, "totp_los") != NULL};
    ok = staff_admin_user_check(&f, &err, canon);
    if (id == me.id && f.disabled) {
        err.disabled = "U kunt uw eigen account niet uitschakelen. Vraag een "
                       "andere beheerder.";
        ok = false;
    }
    if (id == me.id && strcmp(role, "beheerder") != 0) {
        err.role = "U kunt uzelf geen andere rol geven: dan is er misschien "
                   "geen beheerder meer. Vraag een andere beheerder.";
        ok = false;
    }
    pw = urlenc_get(&form, "wachtwoord");
    if (pw != NULL && pw[0] != '\0') {
        perr = password_policy_check(pw, strlen(pw));
        if (perr != NULL) {
            err.password = perr;
            ok = false;
        }
    }
    if (!ok) {
        ret = staff_admin_user_page(rq, &me, 422, id, &f, &err, NULL);
        goto out;
    }
    if (!staff_wijken_parse(canon, &w, msg, sizeof(msg))) {
        ret = reply_error(rq, 500, NULL);
        goto out;
    }
    if (pw != NULL && pw[0] != '\0') {
        if (!password_hash(pw, strlen(pw), hash)) {
            ret = reply_error(rq, 500, NULL);
            goto out;
        }
        t.hash = hash;
    }
    t.id = id;
    t.actor = me.id;
    t.f = &f;
    t.w = &w;
    buf_init(&t.details, 4096);
    db = request_db(rq);
    st = db ? db_transaction(db, update_tx, &t) : DB_HARD_ERROR;
    if (st == DB_REFUSED) {
        err.banner = "De database weigerde deze wijziging: een actieve sociaal "
                     "makelaar heeft minstens één wijk.";
        ret = staff_admin_user_page(rq, &me, 422, id, &f, &err, NULL);
    } else if (st < 0)
        ret = staff_admin_db_failed(rq, db, "user update");
    else if (!t.found)
        ret = reply_error(rq, 404, NULL);
    else if (t.conflict) {
        conflict_text(&t.before.u, &f, msg, sizeof(msg));
        err = (struct user_form_errors){0};
        err.banner = msg;
        ret = staff_admin_user_page(rq, &me, 409, id, NULL, &err, NULL);
    } else {
        snprintf(loc, sizeof(loc), "/beheer/gebruikers/%lld?opgeslagen=1", id);
        ret = reply_redirect(rq, loc);
    }
out:
    sodium_memzero(hash, sizeof(hash));
    staff_admin_form_wipe(&form, "wachtwoord");
    buf_free(&t.details);
    urlenc_pairs_free(&form);
    return ret;
}
