/* POST /beheer/begroting - save the budgets of one year: the city's, the
 * year's own default potje and most potjes per street (empty: the
 * setting), and each wijk's. Everything in one transaction with one
 * audit event budget.update (before and after of every changed field, in
 * cents): either all is saved or nothing.
 *
 * A budget below what is already awarded from it is refused by the
 * schema (wijk_budget_covers_awards, budget_year_covers_awards); the form
 * comes back with the awarded amount next to the field. Amounts are
 * read with money_parse() (euros with a decimal comma, at most two
 * decimals). Beheerder only; without a valid CSRF token nothing changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_audit.h"
#include "db_budget.h"
#include "money.h"
#include "pages.h"
#include "staff_admin_budget.h"
#include "staff_admin_common.h"
#include "staff_csrf.h"
#include "staff_session.h"

/* The parsed form: -1 for an empty field. */
struct budget_values {
    long long city, potje, max;
    long long wijk[11];
};

struct wijk_before {
    bool seen;
    struct budget_wijk_row row;
};

struct save_tx {
    int year;
    long long actor;
    const struct budget_values *v;
    /* filled by the transaction */
    struct budget_year_row before;
    struct wijk_before wijk[11];
    int failing_wijk; /* the wijk whose save the schema refused, or 0 */
    bool failing_city, changed;
    const char *missing; /* a required value absent: which */
    int emptied_wijk;    /* a wijk budget that cannot be emptied */
    const char *version; /* of the figures the form showed */
    bool conflict;       /* they changed since: nothing saved */
    struct buf details;
};

static void
wijk_before_row(void *cls, const struct budget_wijk_row *r)
{
    struct save_tx *t = cls;
    int k = (r->code[0] - '0') * 10 + (r->code[1] - '0');

    if (k >= 1 && k <= 10) {
        t->wijk[k].seen = true;
        t->wijk[k].row = *r;
    }
}

/* Append "key": before/after pairs; null for an absent value. */
static void
json_num(struct buf *b, long long v)
{
    if (v < 0)
        buf_puts(b, "null");
    else
        buf_printf(b, "%lld", v);
}

static void
change(struct save_tx *t, struct buf *before, struct buf *after,
       const char *key, long long old, long long now)
{
    if (old == now)
        return;
    t->changed = true;
    buf_printf(before, "%s\"%s\": ", before->len > 1 ? ", " : "", key);
    json_num(before, old);
    buf_printf(after, "%s\"%s\": ", after->len > 1 ? ", " : "", key);
    json_num(after, now);
}

static enum db_status
save_tx(struct db_conn *c, void *cls)
{
    struct save_tx *t = cls;
    const struct budget_values *v = t->v;
    struct buf before = BUF_INIT, after = BUF_INIT;
    enum db_status st = DB_ONE_RESULT;
    long long city;
    int r, k;

    t->failing_wijk = t->emptied_wijk = 0;
    t->failing_city = t->changed = false;
    t->missing = NULL;
    memset(t->wijk, 0, sizeof(t->wijk));
    r = db_budget_year_get(c, t->year, &t->before);
    if (r >= 0)
        r = db_budget_wijk_list(c, t->year, wijk_before_row, t);
    if (r < 0)
        return (enum db_status)r;
    {
        char now[BUDGET_VERSION_SIZE];
        long long cents[11];

        for (k = 0; k < 11; k++)
            cents[k] = (t->wijk[k].seen && t->wijk[k].row.has_budget)
                           ? t->wijk[k].row.budget_cents
                           : -1;
        staff_admin_budget_version(&t->before, cents, now);
        t->conflict = t->version == NULL || strcmp(now, t->version) != 0;
        if (t->conflict)
            return DB_NO_RESULTS;
    }
    city = v->city;
    if (city < 0) {
        t->missing = "city";
        return DB_NO_RESULTS;
    }
    buf_putc(&before, '{');
    buf_putc(&after, '{');
    change(t, &before, &after, "city_budget_cents",
           t->before.exists ? t->before.city_cents : -1, city);
    change(t, &before, &after, "potje_default_cents",
           t->before.exists ? t->before.potje_default_cents : -1, v->potje);
    change(t, &before, &after, "max_potjes_per_street",
           t->before.exists ? t->before.max_potjes : -1, v->max);
    if (t->changed || !t->before.exists) {
        t->failing_city = true;
        r = db_budget_year_save(c, t->year, city, v->potje, v->max, t->actor);
        if (r < 0) {
            st = (enum db_status)r;
            goto out;
        }
        t->failing_city = false;
    }
    for (k = 1; k <= 10; k++) {
        const struct wijk_before *b = &t->wijk[k];
        long long old =
            (b->seen && b->row.has_budget) ? b->row.budget_cents : -1;
        char key[24];

        if (!b->seen)
            continue;
        if (v->wijk[k] < 0 && old >= 0) {
            /* a budget row is never deleted: the awards refer to it */
            t->emptied_wijk = k;
            st = DB_NO_RESULTS;
            goto out;
        }
        if (v->wijk[k] == old)
            continue;
        snprintf(key, sizeof(key), "wijk_%s_cents", b->row.code);
        change(t, &before, &after, key, old, v->wijk[k]);
        t->failing_wijk = k;
        r = db_budget_wijk_save(c, t->year, b->row.code, v->wijk[k], t->actor);
        if (r < 0) {
            st = (enum db_status)r;
            goto out;
        }
        t->failing_wijk = 0;
    }
    if (!t->changed)
        goto out;
    buf_putc(&before, '}');
    buf_putc(&after, '}');
    buf_reset(&t->details);
    buf_printf(&t->details, "{\"year\": %d, \"before\": %s, \"after\": %s}",
               t->year, before.data, after.data);
    if (before.failed || after.failed || t->details.failed) {
        st = DB_HARD_ERROR;
        goto out;
    }
    st = db_audit_insert(c, "staff", t->actor, "budget.update", "budget_year",
                         t->year, t->details.data);
out:
    buf_free(&before);
    buf_free(&after);
    return st;
}

/* Read one amount field; *cents -1 when empty. */
static const char *
amount(const char *text, long long *cents)
{
    const char *msg;

    *cents = -1;
    if (text[0] == '\0')
        return NULL;
    msg = money_check(text, cents, "nl");
    if (msg != NULL) {
        *cents = -1;
        return msg;
    }
    if (*cents > BUDGET_MAX_CENTS) {
        *cents = -1;
        return "Dit bedrag is te hoog voor een budget.";
    }
    return NULL;
}

enum MHD_Result
page_staff_budget_save(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct urlenc_pairs form;
    struct budget_form f;
    struct budget_errors err;
    struct budget_values v;
    struct save_tx t;
    struct budget_year_row now;
    char city[32], potje[32], max[32], wijk[11][32], purpose[32], loc[64];
    char msg[300], a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE];
    struct db_conn *db;
    enum db_status st;
    bool ok = true;
    int year, k;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    if (!staff_admin_form(rq, 32, &form, &ret))
        return ret;
    memset(&t, 0, sizeof(t));
    if (!staff_admin_parse_year(urlenc_get(&form, "jaar"), &year)) {
        ret = reply_error(rq, 400, "Kies een jaar tussen 2000 en 2100.");
        goto out;
    }
    snprintf(purpose, sizeof(purpose), "budget:%d", year);
    if (!staff_csrf_valid(&me, purpose, urlenc_get(&form, "csrf"))) {
        ret = staff_admin_csrf_refused(rq);
        goto out;
    }
    memset(&err, 0, sizeof(err));
    memset(&f, 0, sizeof(f));
    bool long_city = false, long_potje = false, long_max = false;
    staff_admin_field(&form, "stad", city, sizeof(city), &long_city);
    staff_admin_field(&form, "potje", potje, sizeof(potje), &long_potje);
    staff_admin_field(&form, "max_potjes", max, sizeof(max), &long_max);
    f.city = city;
    f.potje = potje;
    f.max = max;
    err.city = long_city ? "Dit bedrag is te lang." : amount(city, &v.city);
    if (err.city == NULL && v.city < 0)
        err.city = "Vul het budget van de stad in, bijvoorbeeld 50.000,00.";
    err.potje = long_potje ? "Dit bedrag is te lang." : amount(potje, &v.potje);
    if (err.potje == NULL && v.potje >= 0 &&
        (v.potje < BUDGET_POTJE_MIN_CENTS || v.potje > BUDGET_POTJE_MAX_CENTS))
        err.potje = "Een potje is minstens € 1,00 en hoogstens € 1.000,00.";
    v.max = -1;
    if (long_max)
        err.max = "Vul een getal van 1 tot en met 52 in.";
    else if (max[0] != '\0') {
        char *end;
        long n = strtol(max, &end, 10);

        if (*end != '\0' || max[0] < '0' || max[0] > '9' || n < 1 ||
            n > BUDGET_MAX_POTJES_MAX)
            err.max = "Vul een getal van 1 tot en met 52 in.";
        else
            v.max = n;
    }
    for (k = 1; k <= 10; k++) {
        char name[8];
        bool too_long = false;

        snprintf(name, sizeof(name), "wijk_%02d", k);
        staff_admin_field(&form, name, wijk[k], sizeof(wijk[k]), &too_long);
        f.wijk[k] = wijk[k];
        err.wijk[k] =
            too_long ? "Dit bedrag is te lang." : amount(wijk[k], &v.wijk[k]);
    }
    ok = err.city == NULL && err.potje == NULL && err.max == NULL;
    for (k = 1; k <= 10; k++)
        ok = ok && err.wijk[k] == NULL;
    if (!ok) {
        ret = staff_admin_budget_page(rq, &me, 422, year, &f, &err, NULL);
        goto out;
    }

    t.year = year;
    t.actor = me.id;
    t.v = &v;
    t.version = urlenc_get(&form, "versie");
    buf_init(&t.details, 8192);
    db = request_db(rq);
    st = db ? db_transaction(db, save_tx, &t) : DB_HARD_ERROR;
    if (st == DB_REFUSED && (t.failing_wijk || t.failing_city)) {
        /* the figures as they are now, after the rollback */
        if (db_budget_year_get(db, year, &now) < 0) {
            ret = staff_admin_db_failed(rq, db, "budget save: reread");
            goto out;
        }
        if (t.failing_wijk) {
            const struct budget_wijk_row *w = &t.wijk[t.failing_wijk].row;

            money_format_euro(w->awarded_cents, a, sizeof(a));
            money_format_euro(v.wijk[t.failing_wijk], b, sizeof(b));
            snprintf(msg, sizeof(msg),
                     "Het budget van wijk %s kan niet %s worden: in %d is "
                     "daar al %s toegekend. Vul minstens %s in.",
                     w->code, b, year, a, a);
            err.wijk[t.failing_wijk] = msg;
        } else {
            money_format_euro(now.awarded_cents, a, sizeof(a));
            money_format_euro(v.city, b, sizeof(b));
            snprintf(msg, sizeof(msg),
                     "Het budget van de stad kan niet %s worden: in %d is al "
                     "%s toegekend. Vul minstens %s in.",
                     b, year, a, a);
            err.city = msg;
        }
        err.banner = "Er is niets opgeslagen.";
        ret = staff_admin_budget_page(rq, &me, 422, year, &f, &err, NULL);
    } else if (st < 0)
        ret = staff_admin_db_failed(rq, db, "budget save");
    else if (t.conflict) {
        err.banner = "Iemand anders heeft de begroting van dit jaar intussen "
                     "gewijzigd. Er is niets opgeslagen. Hieronder staan de "
                     "bedragen van nu; pas ze zo nodig opnieuw aan.";
        ret = staff_admin_budget_page(rq, &me, 409, year, NULL, &err, NULL);
    } else if (t.missing) {
        err.city = "Vul het budget van de stad in, bijvoorbeeld 50.000,00.";
        ret = staff_admin_budget_page(rq, &me, 422, year, &f, &err, NULL);
    } else if (t.emptied_wijk) {
        err.wijk[t.emptied_wijk] = "Deze wijk heeft al een budget; dat kan "
                                   "niet leeg. Vul 0 in voor geen budget.";
        ret = staff_admin_budget_page(rq, &me, 422, year, &f, &err, NULL);
    } else {
        snprintf(loc, sizeof(loc), "/beheer/begroting?jaar=%d&opgeslagen=1",
                 year);
        ret = reply_redirect(rq, loc);
    }
out:
    buf_free(&t.details);
    urlenc_pairs_free(&form);
    return ret;
}
