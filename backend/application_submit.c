#include "application_submit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "application_receipt.h"
#include "db_application.h"
#include "db_audit.h"
#include "db_follow_up.h"
#include "db_idempotency.h"
#include "db_setting.h"
#include "db_street.h"
#include "log.h"

#define PURPOSE "application_submit"

struct submit_tx {
    const struct submit_context *ctx;
    const struct application_input *in;
    long long street_id;
    const char *street_name, *wijk_code, *buurt_code;
    struct submit_result *out;
};

/* The replay answer is stored as "<reference> <sealed token>". */
static bool
replay(struct submit_tx *t, const char *stored)
{
    const char *sp = strchr(stored, ' ');
    size_t n;

    if (sp == NULL || (n = (size_t)(sp - stored)) >= sizeof(t->out->reference))
        return false;
    memcpy(t->out->reference, stored, n);
    t->out->reference[n] = '\0';
    t->out->replay = true;
    return status_token_open(sp + 1, t->ctx->box_key, t->out->token);
}

static enum db_status
insert_organisers(struct db_conn *c, struct submit_tx *t, long long *first,
                  long long *second)
{
    const struct application_input *in = t->in;
    bool bank = strcmp(in->payout, "bank") == 0;
    /* no e-mail (assisted intake): NULL, letters go to the address */
    struct organiser_row o = {in->name,
                              in->n_email[0] ? in->n_email : NULL,
                              in->n_phone[0] ? in->n_phone : NULL,
                              in->n_address,
                              in->n_postcode,
                              bank ? in->n_iban : NULL,
                              bank ? in->holder : NULL,
                              in->lang};
    /* the second gangmaker lives in the same street; we do not ask for the
     * house number */
    struct organiser_row o2 = {in->name2, in->n_email2, NULL, t->street_name,
                               NULL,      NULL,         NULL, in->lang};
    enum db_status st = db_organiser_insert(c, &o, first);

    *second = 0;
    if (st >= 0 && in->name2[0] != '\0')
        st = db_organiser_insert(c, &o2, second);
    return st;
}

static enum db_status
store_receipt(struct db_conn *c, struct submit_tx *t, long long id,
              const char *submitted)
{
    unsigned char *pdf = NULL, hash[crypto_hash_sha256_BYTES];
    size_t len = 0;
    char err[256], wijk[101] = "";
    const struct application_input *in = t->in;
    enum db_status st;
    int r = db_wijk_name(c, t->wijk_code, wijk, sizeof(wijk));

    if (r < 0)
        return (enum db_status)r;
    if (!application_receipt_make(in, t->out->reference, submitted,
                                  t->street_name, wijk, t->ctx->font_dir, &pdf,
                                  &len, err, sizeof(err))) {
        log_error("receipt: %s", err);
        return DB_HARD_ERROR;
    }
    crypto_hash_sha256(hash, pdf, len);
    st = db_document_insert(c, id, "receipt", pdf, len, hash);
    free(pdf);
    return st;
}

static enum db_status
submit_tx(struct db_conn *c, void *cls)
{
    struct submit_tx *t = cls;
    const struct application_input *in = t->in;
    struct submit_result *out = t->out;
    char stored[STATUS_TOKEN_SEALED_MAX + 32], sealed[STATUS_TOKEN_SEALED_MAX];
    char submitted[32], details[160];
    unsigned char hash[STATUS_TOKEN_HASH_BYTES];
    long long open = 0, this_year = 0, max = 2, cents = 15000, first, second,
              id;
    enum db_status st;
    int r;

    memset(out, 0, sizeof(*out));
    r = db_idempotency_get(c, in->key, PURPOSE, stored, sizeof(stored));
    if (r < 0)
        return (enum db_status)r;
    if (r == 1)
        return replay(t, stored) ? DB_ONE_RESULT : DB_HARD_ERROR;
    if (t->ctx->previous_id != 0 &&
        (r = db_follow_up_allowed(c, t->ctx->previous_id)) <= 0) {
        out->follow_up_refused = r == 0;
        return r < 0 ? (enum db_status)r : DB_NO_RESULTS;
    }

    if ((st = db_application_street_counts(c, t->street_id, t->street_name,
                                           &open, &this_year)) < 0 ||
        (r = db_setting_int(c, "max_potjes_per_street_per_year", &max)) < 0 ||
        (r = db_setting_int(c, "potje_default_cents", &cents)) < 0)
        return st < 0 ? st : (enum db_status)r;
    out->flag_second_open = open > 0;
    out->flag_over_max = this_year >= max;
    out->flag_unknown_street = t->street_id == 0;

    if ((st = insert_organisers(c, t, &first, &second)) < 0)
        return st;
    status_token_new(out->token, hash);
    struct application_row a = {t->street_id,
                                t->street_name,
                                t->wijk_code,
                                t->buurt_code,
                                first,
                                second,
                                cents,
                                in->plan,
                                out->flag_unknown_street,
                                out->flag_second_open,
                                out->flag_over_max,
                                hash,
                                in->key,
                                in->n_households,
                                in->payout,
                                in->lang,
                                t->ctx->entered_by,
                                t->ctx->previous_id};
    if ((st = db_application_insert(c, &a, &id, out->reference, submitted)) < 0)
        return st;
    if ((st = store_receipt(c, t, id, submitted)) < 0)
        return st;
    snprintf(details, sizeof(details),
             "{\"status\":\"ingediend\",\"flags\":{\"unknown_street\":%s,"
             "\"second_open\":%s,\"over_yearly_maximum\":%s}}",
             out->flag_unknown_street ? "true" : "false",
             out->flag_second_open ? "true" : "false",
             out->flag_over_max ? "true" : "false");
    if ((st = db_audit_insert(
             c, t->ctx->entered_by ? "staff" : "resident", t->ctx->entered_by,
             t->ctx->entered_by ? "application.intake" : "application.submit",
             "application", id, details)) < 0 ||
        (st = db_outbox_insert(c, id, "submitted",
                               in->n_email[0] ? "email" : "letter")) < 0)
        return st;
    status_token_seal(out->token, t->ctx->box_key, sealed, sizeof(sealed));
    snprintf(stored, sizeof(stored), "%s %s", out->reference, sealed);
    return db_idempotency_put(c, in->key, PURPOSE, stored);
}

enum db_status
application_submit(struct db_conn *c, const struct submit_context *ctx,
                   const struct application_input *in, long long street_id,
                   const char *street_name, const char *wijk_code,
                   const char *buurt_code, struct submit_result *out)
{
    struct submit_tx t = {ctx,       in,         street_id, street_name,
                          wijk_code, buurt_code, out};
    enum db_status st = db_transaction(c, submit_tx, &t);

    /* The same form sent twice at the same moment: the second one hit the
     * unique key of the first. Now it can read the first one's answer. */
    if (st == DB_CONFLICT)
        st = db_transaction(c, submit_tx, &t);
    return st;
}

int
application_submit_lookup(struct db_conn *c, const unsigned char *box_key,
                          const char *key, struct submit_result *out)
{
    struct submit_context ctx = {box_key, NULL, 0, 0};
    struct submit_tx t = {&ctx, NULL, 0, NULL, NULL, NULL, out};
    char stored[STATUS_TOKEN_SEALED_MAX + 32];
    int r;

    memset(out, 0, sizeof(*out));
    r = db_idempotency_get(c, key, PURPOSE, stored, sizeof(stored));
    if (r <= 0)
        return r;
    return replay(&t, stored) ? 1 : DB_HARD_ERROR;
}
