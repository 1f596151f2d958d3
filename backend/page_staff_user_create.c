/* POST /beheer/gebruikers - create a staff account from the beheerder's
 * form: e-mail, name, role, wijken (a makelaar needs at least one, the
 * other roles none) and a first password (password.h policy). The
 * account, its wijken and the audit event user.create commit together;
 * an e-mail address that exists already (in any case) is refused with a
 * clear message. Beheerder only; without a valid CSRF token nothing is
 * created. */
#include <stdio.h>
#include <string.h>

#include "db_audit.h"
#include "db_staff_user.h"
#include "pages.h"
#include "password.h"
#include "staff_admin_common.h"
#include "staff_admin_users.h"
#include "staff_csrf.h"
#include "staff_fields.h"
#include "staff_session.h"

struct create_tx {
    const struct user_form *f;
    const struct staff_wijken *w;
    const char *hash;
    long long actor;
    const char *details;
    long long id;
};

static enum db_status
create_tx(struct db_conn *c, void *cls)
{
    struct create_tx *t = cls;
    int r, i;

    r = db_staff_user_insert(c, t->f->email, t->f->name, t->f->role, t->hash,
                             &t->id);
    if (r < 0)
        return (enum db_status)r;
    for (i = 0; i < t->w->n; i++) {
        r = db_staff_user_wijk_add(c, t->id, t->w->codes[i]);
        if (r < 0)
            return (enum db_status)r;
        if (r == 0) /* a wijk missing from the reference data */
            return DB_HARD_ERROR;
    }
    return db_audit_insert(c, "staff", t->actor, "user.create", "staff_user",
                           t->id, t->details);
}

enum MHD_Result
page_staff_user_create(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct urlenc_pairs form;
    struct user_form f;
    struct user_form_errors err;
    struct staff_wijken w;
    struct create_tx t;
    struct buf details = BUF_INIT;
    char email[300], name[1000], role[16], wijken[32], canon[32], msg[200];
    char hash[PASSWORD_HASH_SIZE], loc[64];
    const char *pw, *perr;
    struct db_conn *db;
    enum db_status st;
    bool ok;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    if (!staff_admin_form(rq, 32, &form, &ret))
        return ret;
    if (!staff_csrf_valid(&me, "user:new", urlenc_get(&form, "csrf"))) {
        ret = staff_admin_csrf_refused(rq);
        goto out;
    }
    memset(&err, 0, sizeof(err));
    staff_admin_field(&form, "email", email, sizeof(email), NULL);
    staff_admin_field(&form, "naam", name, sizeof(name), NULL);
    staff_admin_field(&form, "rol", role, sizeof(role), NULL);
    staff_admin_wijken_from_form(&form, wijken);
    f = (struct user_form){email, name, role, wijken, false, "", false};
    ok = staff_admin_user_check(&f, &err, canon);
    if (email[0] == '\0') {
        err.email = "Vul het e-mailadres in.";
        ok = false;
    } else if (!staff_email_valid(email)) {
        err.email = "Vul een geldig e-mailadres in, zoals naam@dock.nl.";
        ok = false;
    }
    pw = urlenc_get(&form, "wachtwoord");
    perr = password_policy_check(pw ? pw : "", pw ? strlen(pw) : 0);
    if (perr != NULL) {
        err.password = perr;
        ok = false;
    }
    if (!ok) {
        ret = staff_admin_users_page(rq, &me, 422, &f, &err);
        goto out;
    }
    if (!staff_wijken_parse(canon, &w, msg, sizeof(msg)) ||
        !password_hash(pw, strlen(pw), hash)) {
        ret = reply_error(rq, 500, NULL);
        goto out;
    }
    buf_puts(&details, "{\"after\": {\"role\": ");
    staff_admin_json_str(&details, role);
    buf_puts(&details, ", \"wijken\": ");
    staff_admin_json_wijken(&details, canon);
    buf_puts(&details, ", \"disabled\": false}}");
    if (details.failed) {
        ret = reply_error(rq, 500, NULL);
        goto out;
    }
    memset(&t, 0, sizeof(t));
    t.f = &f;
    t.w = &w;
    t.hash = hash;
    t.actor = me.id;
    t.details = details.data;
    db = request_db(rq);
    st = db ? db_transaction(db, create_tx, &t) : DB_HARD_ERROR;
    if (st == DB_CONFLICT) {
        err.email = "Er is al een account met dit e-mailadres. Zoek het op in "
                    "de lijst hierboven.";
        ret = staff_admin_users_page(rq, &me, 409, &f, &err);
    } else if (st == DB_REFUSED) {
        err.banner = "De database weigerde dit account: een sociaal makelaar "
                     "heeft minstens één wijk.";
        ret = staff_admin_users_page(rq, &me, 422, &f, &err);
    } else if (st < 0)
        ret = staff_admin_db_failed(rq, db, "user create");
    else {
        snprintf(loc, sizeof(loc), "/beheer/gebruikers/%lld?opgeslagen=1",
                 t.id);
        ret = reply_redirect(rq, loc);
    }
out:
    staff_admin_form_wipe(&form, "wachtwoord");
    buf_free(&details);
    urlenc_pairs_free(&form);
    return ret;
}
