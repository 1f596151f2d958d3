#include "batch_create.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_files.h"
#include "db_audit.h"
#include "log.h"

bool
batch_number_valid(const char *s)
{
    size_t i;

    if (s == NULL || s[0] == '\0')
        return false;
    for (i = 0; s[i]; i++) {
        if (i >= 35)
            return false;
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-'))
            return false;
    }
    return true;
}

void
batch_file_name(const char *number, enum batch_file_kind kind, char *out,
                size_t outlen)
{
    snprintf(out, outlen, "betaalbatch-%s.%s", number,
             kind == BATCH_FILE_CSV    ? "csv"
             : kind == BATCH_FILE_SEPA ? "xml"
                                       : "pdf");
}

/* ---- making a batch ---- */

struct create_tx {
    long long user_id;
    const char *until_iso;
    struct batch_settings settings;
    struct batch_create_result *out;
};

struct made_files {
    unsigned char *csv, *sepa, *pdf;
    size_t csv_len, sepa_len, pdf_len;
};

static void
made_files_free(struct made_files *f)
{
    free(f->csv);
    free(f->sepa);
    free(f->pdf);
    memset(f, 0, sizeof(*f));
}

/* The three files from the lines read in the transaction. Deterministic:
 * the moment of creation is the batch's created_at, not the clock. */
static bool
make_files(const struct batch_settings *s, const struct batch_head *head,
           const struct batch_lines *l, long long bank,
           struct batch_stored_files *st, struct made_files *f, char *err,
           size_t errlen)
{
    struct batch_file_meta m;
    struct pdf_doc_options opt;
    char hex[65], title[64], generated[1024];

    memset(&m, 0, sizeof(m));
    m.number = head->number;
    m.msg_id = head->number;
    m.created_at_iso = head->created_iso;
    m.created_at_text = head->created_text;
    m.created_by = s->creator_name;
    m.execution_date = head->execution_date;
    m.debtor_name = s->debtor_name;
    m.debtor_iban = s->debtor_iban;
    m.debtor_bic = s->debtor_bic;
    m.kostenplaats = s->kostenplaats;
    m.grootboekrekening = s->grootboekrekening;
    m.delimiter = s->delimiter;
    m.decimal_mark = s->decimal_mark;

    if (!batch_csv(&m, l->line, l->n, &f->csv, &f->csv_len, err, errlen))
        return false;
    crypto_hash_sha256(st->csv_sha256, f->csv, f->csv_len);
    if (bank > 0) {
        if (!batch_sepa(&m, l->line, l->n, &f->sepa, &f->sepa_len, err, errlen))
            return false;
        crypto_hash_sha256(st->sepa_sha256, f->sepa, f->sepa_len);
    }
    sodium_bin2hex(hex, sizeof(hex), st->csv_sha256, 32);
    snprintf(title, sizeof(title), "Betaalbatch %s", head->number);
    snprintf(generated, sizeof(generated),
             "Gemaakt op %s door %s uit de stand: klaar voor betaling",
             head->created_text, s->creator_name);
    memset(&opt, 0, sizeof(opt));
    opt.lang = "nl";
    opt.title = title;
    opt.author = s->letterhead[0] ? s->letterhead : "Gemeente Utrecht";
    opt.subject = head->number;
    opt.org_name = opt.author;
    opt.generated = generated;
    opt.created = (time_t)head->created_epoch;
    opt.synthetic_bold = true;
    if (!batch_statement_pdf(&m, l->line, l->n, hex, &opt, &f->pdf, &f->pdf_len,
                             err, errlen))
        return false;
    crypto_hash_sha256(st->pdf_sha256, f->pdf, f->pdf_len);
    st->csv = f->csv;
    st->csv_len = f->csv_len;
    st->sepa = f->sepa;
    st->sepa_len = f->sepa_len;
    st->pdf = f->pdf;
    st->pdf_len = f->pdf_len;
    return true;
}

/* Runs again on a serialization failure: it only fills x->out. A
 * selection that turns out empty, or files that cannot be made, roll back
 * with DB_REFUSED and the outcome set, so not even a batch number is used
 * up. */
static enum db_status
create_tx(struct db_conn *c, void *cls)
{
    struct create_tx *x = cls;
    struct batch_create_result *o = x->out;
    struct batch_head head;
    struct batch_lines lines;
    struct batch_stored_files st;
    struct made_files files;
    char err[400], details[256];
    size_t i;
    int r;

    memset(o, 0, sizeof(*o));
    o->outcome = BATCH_DB_ERROR;
    r = db_batch_settings(c, x->user_id, &x->settings);
    if (r == 0) {
        o->outcome = BATCH_NOT_ALLOWED;
        return DB_REFUSED;
    }
    if (r < 0)
        return (enum db_status)r;
    r = db_batch_not_batchable(c, x->user_id, x->until_iso, &o->skipped,
                               &o->waiting);
    if (r < 0)
        return (enum db_status)r;
    r = db_batch_insert(c, x->user_id, &head);
    if (r == DB_REFUSED &&
        strcmp(db_last_constraint(c), "payout_batch_by_financien") == 0)
        o->outcome = BATCH_NOT_ALLOWED;
    if (r < 0)
        return (enum db_status)r;
    r = db_batch_lines_insert(c, head.id, x->user_id, x->until_iso);
    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        o->outcome = BATCH_NOTHING;
        return DB_REFUSED;
    }
    r = db_batch_payouts_in_batch(c, head.id);
    if (r < 0)
        return (enum db_status)r;
    r = db_batch_lines(c, head.id, &lines);
    if (r < 0)
        return (enum db_status)r;

    memset(&st, 0, sizeof(st));
    for (i = 0; i < lines.n; i++) {
        st.lines++;
        st.total_cents += lines.line[i].amount_cents;
        if (lines.line[i].channel == BATCH_BANK)
            o->bank++;
        else
            o->cards++;
    }
    memset(&files, 0, sizeof(files));
    if (!make_files(&x->settings, &head, &lines, o->bank, &st, &files, err,
                    sizeof(err))) {
        db_batch_lines_free(&lines);
        made_files_free(&files);
        o->outcome = BATCH_FILES_FAILED;
        snprintf(o->message, sizeof(o->message),
                 "De bestanden van de batch konden niet worden gemaakt: %s. "
                 "Er is geen batch gemaakt.",
                 err);
        return DB_REFUSED;
    }
    db_batch_lines_free(&lines);
    r = db_batch_files_store(c, head.id, &st);
    made_files_free(&files);
    if (r < 0)
        return (enum db_status)r;
    if (r != 1)
        return DB_HARD_ERROR;
    o->lines = st.lines;
    o->total_cents = st.total_cents;
    snprintf(o->number, sizeof(o->number), "%s", head.number);
    /* the number matches ^[A-Z0-9-]+$ (CHECK), safe inside JSON */
    snprintf(details, sizeof(details),
             "{\"number\":\"%s\",\"lines\":%lld,\"total_cents\":%lld,"
             "\"bank\":%lld,\"cards\":%lld,\"skipped\":%lld}",
             head.number, o->lines, o->total_cents, o->bank, o->cards,
             o->skipped);
    r = db_audit_insert(c, "staff", x->user_id, "batch.create", "payout_batch",
                        head.id, details);
    if (r < 0)
        return (enum db_status)r;
    o->outcome = BATCH_MADE;
    return DB_ONE_RESULT;
}

/* Why nothing could be batched, with the counts that explain it. */
static void
nothing_message(struct batch_create_result *o, bool dated)
{
    char skipped[200] = "", waiting[200] = "";

    if (o->skipped > 0)
        snprintf(skipped, sizeof(skipped),
                 " %lld uitbetaling(en) heeft u zelf goedgekeurd; die zet "
                 "een collega in een batch.",
                 o->skipped);
    if (o->waiting > 0)
        snprintf(waiting, sizeof(waiting),
                 " %lld uitbetaling(en) wacht(en) tot de makelaar een nieuw "
                 "rekeningnummer bevestigt.",
                 o->waiting);
    snprintf(o->message, sizeof(o->message),
             "Er is niets om in een batch te zetten: er staan geen "
             "uitbetalingen klaar%s die u in een batch mag zetten.%s%s",
             dated ? " (toegekend op of voor die datum)" : "", skipped,
             waiting);
}

enum batch_outcome
batch_create(struct db_conn *c, long long user_id, const char *until_iso,
             struct batch_create_result *out)
{
    struct create_tx *x = calloc(1, sizeof(*x));
    enum db_status st;

    memset(out, 0, sizeof(*out));
    out->outcome = BATCH_DB_ERROR;
    if (x == NULL)
        return out->outcome;
    x->user_id = user_id;
    x->until_iso = until_iso;
    x->out = out;
    st = db_transaction(c, create_tx, x);
    free(x);
    if (st >= 0)
        return out->outcome;
    if (out->outcome == BATCH_NOTHING) {
        out->lines = out->total_cents = out->bank = out->cards = 0;
        nothing_message(out, until_iso != NULL);
        return out->outcome;
    }
    if (out->outcome == BATCH_FILES_FAILED || out->outcome == BATCH_NOT_ALLOWED)
        return out->outcome;
    if (st == DB_REFUSED)
        log_error("batch create: refused by %s: %s", db_last_constraint(c),
                  db_last_error(c));
    else
        log_error("batch create: %s", db_last_error(c));
    out->outcome = BATCH_DB_ERROR;
    return out->outcome;
}

/* ---- cancelling ---- */

struct cancel_tx {
    long long user_id;
    const char *number, *reason;
    long long lines;
    bool done;
};

static enum db_status
cancel_tx(struct db_conn *c, void *cls)
{
    struct cancel_tx *x = cls;
    long long id = 0, released;
    char details[160];
    int r;

    x->done = false;
    x->lines = 0;
    r = db_batch_cancel(c, x->number, x->user_id, x->reason, &id, &x->lines);
    if (r <= 0)
        return (enum db_status)r;
    r = db_batch_payouts_release(c, id);
    if (r < 0)
        return (enum db_status)r;
    released = r;
    if (released != x->lines)
        log_info("batch cancel %s: %lld lines, %lld payouts released",
                 x->number, x->lines, released);
    snprintf(details, sizeof(details),
             "{\"number\":\"%s\",\"lines\":%lld,\"reason_given\":true}",
             x->number, x->lines);
    r = db_audit_insert(c, "staff", x->user_id, "batch.cancel", "payout_batch",
                        id, details);
    if (r < 0)
        return (enum db_status)r;
    x->done = true;
    return DB_ONE_RESULT;
}

enum batch_cancel_outcome
batch_cancel(struct db_conn *c, long long user_id, const char *number,
             const char *reason, long long *lines)
{
    struct cancel_tx x;
    enum db_status st;

    *lines = 0;
    if (!batch_number_valid(number))
        return BATCH_NOT_CANCELLABLE;
    memset(&x, 0, sizeof(x));
    x.user_id = user_id;
    x.number = number;
    x.reason = reason;
    st = db_transaction(c, cancel_tx, &x);
    if (st < 0) {
        log_error("batch cancel: %s", db_last_error(c));
        return BATCH_CANCEL_DB_ERROR;
    }
    *lines = x.lines;
    return x.done ? BATCH_CANCELLED : BATCH_NOT_CANCELLABLE;
}

/* ---- downloads ---- */

struct download_tx {
    const char *actor_kind;
    long long actor_id;
    const char *number;
    enum batch_file_kind kind;
    unsigned char *data;
    size_t len;
    int found;
};

static enum db_status
download_tx(struct db_conn *c, void *cls)
{
    struct download_tx *x = cls;
    long long id = 0;
    char details[128];
    int r;

    free(x->data);
    x->data = NULL;
    x->len = 0;
    x->found = 0;
    r = db_batch_file(c, x->number, x->kind, &x->data, &x->len, &id);
    if (r <= 0)
        return (enum db_status)r;
    snprintf(details, sizeof(details), "{\"number\":\"%s\",\"file\":\"%s\"}",
             x->number,
             x->kind == BATCH_FILE_CSV    ? "csv"
             : x->kind == BATCH_FILE_SEPA ? "sepa"
                                          : "statement");
    r = db_audit_insert(c, x->actor_kind, x->actor_id, "batch.download",
                        "payout_batch", id, details);
    if (r < 0)
        return (enum db_status)r;
    x->found = 1;
    return DB_ONE_RESULT;
}

int
batch_file_download(struct db_conn *c, const char *actor_kind,
                    long long actor_id, const char *number,
                    enum batch_file_kind kind, unsigned char **data,
                    size_t *len)
{
    struct download_tx x;
    enum db_status st;

    *data = NULL;
    *len = 0;
    if (!batch_number_valid(number))
        return 0;
    memset(&x, 0, sizeof(x));
    x.actor_kind = actor_kind;
    x.actor_id = actor_id;
    x.number = number;
    x.kind = kind;
    st = db_transaction(c, download_tx, &x);
    if (st < 0 || !x.found) {
        free(x.data);
        return st < 0 ? (int)st : 0;
    }
    *data = x.data;
    *len = x.len;
    return 1;
}
