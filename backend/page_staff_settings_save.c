/* POST /beheer/instellingen - save the settings form. Every value is
 * checked against its kind and range first (a wrong one: the form comes
 * back, 422, nothing saved); then the changed ones are written in one
 * transaction, each with an audit event setting.update (key, and before
 * and after for numbers, yes/no and single characters; free text and the
 * IBAN only as "changed"). When someone else saved the settings since the
 * form was opened, nothing is applied (409). The schema's CHECK
 * setting_value_typed stays the backstop. Beheerder only; without a valid
 * CSRF token nothing changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "staff_admin_common.h"
#include "staff_admin_settings.h"
#include "staff_csrf.h"
#include "staff_session.h"

/* One value to store, already checked. */
struct new_value {
    const struct setting_row *row; /* as read before the transaction */
    char *value;                   /* malloc()ed */
};

struct save_tx {
    long long actor;
    const char *version;
    struct new_value *v;
    size_t n;
    /* filled by the transaction */
    bool conflict;
    int changed;
    const char *refused_key;
    struct buf details;
};

static enum db_status
save_tx(struct db_conn *c, void *cls)
{
    struct save_tx *t = cls;
    struct settings_list now = {NULL, 0};
    char version[32];
    enum db_status st = DB_ONE_RESULT;
    size_t i, k;
    int r;

    t->conflict = false;
    t->changed = 0;
    t->refused_key = NULL;
    r = db_setting_version(c, version);
    if (r < 0)
        return (enum db_status)r;
    if (strcmp(version, t->version) != 0) {
        t->conflict = true;
        return DB_NO_RESULTS;
    }
    r = staff_admin_settings_load(c, &now);
    if (r < 0)
        return (enum db_status)r;
    for (i = 0; i < t->n; i++) {
        const struct setting_row *before = NULL;

        for (k = 0; k < now.n; k++)
            if (strcmp(now.rows[k].key, t->v[i].row->key) == 0)
                before = &now.rows[k];
        if (before == NULL || strcmp(before->value, t->v[i].value) == 0)
            continue;
        t->refused_key = before->key;
        r = db_setting_update(c, before->key, t->v[i].value, t->actor);
        if (r < 0) {
            st = (enum db_status)r;
            goto out;
        }
        t->refused_key = NULL;
        buf_reset(&t->details);
        buf_puts(&t->details, "{\"key\": ");
        staff_admin_json_str(&t->details, before->key);
        if (staff_admin_setting_auditable(before)) {
            buf_puts(&t->details, ", \"before\": ");
            staff_admin_json_str(&t->details, before->value);
            buf_puts(&t->details, ", \"after\": ");
            staff_admin_json_str(&t->details, t->v[i].value);
        } else
            buf_puts(&t->details, ", \"changed\": true");
        buf_putc(&t->details, '}');
        if (t->details.failed) {
            st = DB_HARD_ERROR;
            goto out;
        }
        r = db_setting_audit(c, t->actor, before->key, t->details.data);
        if (r < 0) {
            st = (enum db_status)r;
            goto out;
        }
        t->changed++;
    }
out:
    staff_admin_settings_free(&now);
    return st;
}

enum MHD_Result
page_staff_settings_save(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct urlenc_pairs form;
    struct settings_list list = {NULL, 0};
    struct setting_error *errs = NULL;
    struct save_tx t;
    struct db_conn *db;
    enum db_status st;
    size_t i, nerr = 0;
    char banner[300];

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    if (!staff_admin_form(rq, 100, &form, &ret))
        return ret;
    memset(&t, 0, sizeof(t));
    if (!staff_csrf_valid(&me, "settings", urlenc_get(&form, "csrf"))) {
        ret = staff_admin_csrf_refused(rq);
        goto out;
    }
    db = request_db(rq);
    if (db == NULL || staff_admin_settings_load(db, &list) < 0) {
        ret = staff_admin_db_failed(rq, db, "settings save: load");
        goto out;
    }
    errs = calloc(list.n + 1, sizeof(*errs));
    t.v = calloc(list.n + 1, sizeof(*t.v));
    if (errs == NULL || t.v == NULL) {
        ret = reply_error(rq, 500, NULL);
        goto out;
    }
    for (i = 0; i < list.n; i++) {
        const struct setting_row *s = &list.rows[i];
        const char *typed = urlenc_get(&form, s->key);
        size_t cap;

        if (typed == NULL) /* not on the form that was sent: unchanged */
            continue;
        cap = strlen(typed) + 64; /* room for a normalised IBAN or cents */
        t.v[t.n].row = s;
        t.v[t.n].value = malloc(cap);
        if (t.v[t.n].value == NULL) {
            ret = reply_error(rq, 500, NULL);
            goto out;
        }
        if (!staff_admin_setting_parse(s, typed, t.v[t.n].value, cap,
                                       errs[nerr].message,
                                       sizeof(errs[nerr].message))) {
            errs[nerr++].key = s->key;
            free(t.v[t.n].value);
            t.v[t.n].value = NULL;
            continue;
        }
        t.n++;
    }
    if (nerr > 0) {
        ret = staff_admin_settings_page(rq, &me, 422, &form, errs, nerr, NULL,
                                        NULL);
        goto out;
    }
    t.actor = me.id;
    t.version = urlenc_get(&form, "versie");
    if (t.version == NULL)
        t.version = "";
    buf_init(&t.details, 4096);
    st = db_transaction(db, save_tx, &t);
    if (st == DB_REFUSED && t.refused_key != NULL) {
        errs[0].key = t.refused_key;
        snprintf(errs[0].message, sizeof(errs[0].message),
                 "Deze waarde past niet bij deze instelling.");
        ret =
            staff_admin_settings_page(rq, &me, 422, &form, errs, 1, NULL, NULL);
    } else if (st < 0)
        ret = staff_admin_db_failed(rq, db, "settings save");
    else if (t.conflict) {
        snprintf(banner, sizeof(banner),
                 "Iemand anders heeft de instellingen opgeslagen terwijl u "
                 "dit formulier invulde. Er is niets opgeslagen. Hieronder "
                 "staan de waarden van nu; pas ze opnieuw aan.");
        ret = staff_admin_settings_page(rq, &me, 409, NULL, NULL, 0, banner,
                                        NULL);
    } else
        ret = reply_redirect(rq, "/beheer/instellingen?opgeslagen=1");
out:
    if (t.v != NULL)
        for (i = 0; i < t.n; i++)
            free(t.v[i].value);
    free(t.v);
    free(errs);
    buf_free(&t.details);
    staff_admin_settings_free(&list);
    urlenc_pairs_free(&form);
    return ret;
}
