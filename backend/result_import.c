#include "result_import.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_audit.h"
#include "log.h"
#include "money.h"

/* ---- checking against the database ---- */

static void
incomplete(void *cls, const char *number, long long lines, long long missing,
           const char *examples)
{
    struct result_import *x = cls;

    result_file_problem(&x->file, 0,
                        "batch %s heeft %lld betalingen; %lld daarvan staan "
                        "niet in het bestand (bijvoorbeeld %s). Een batch "
                        "wordt in zijn geheel verwerkt: zet alle betalingen "
                        "van de batch in het bestand",
                        number, lines, missing, examples);
}

/* The rules per row (issue 5): the reference exists, is in a live batch
 * (or, for geweigerd, was paid: a reversal), the amount is the payout's,
 * nothing is paid twice, the date is not in the future. */
static void
check_row(struct result_import *x, const struct result_row *row,
          const struct db_result_fact *fact)
{
    struct result_file *f = &x->file;
    bool betaald = row->status == RESULT_BETAALD;
    const char *st = fact->payout_status;
    size_t before = f->problems_total;

    if (fact->payout_id == 0) {
        result_file_problem(f, row->line,
                            "referentie %s is onbekend: er is geen betaling "
                            "met dit kenmerk",
                            row->reference);
        return;
    }
    if (fact->amount_cents != row->amount_cents) {
        char want[32], got[32];
        money_format_euro(row->amount_cents, got, sizeof(got));
        money_format_euro(fact->amount_cents, want, sizeof(want));
        result_file_problem(f, row->line,
                            "bedrag %s wijkt af van de betaling %s: die is "
                            "%s",
                            got, row->reference, want);
    }
    if (fact->date_in_future)
        result_file_problem(f, row->line,
                            "de datum %.2s-%.2s-%.4s ligt in de toekomst",
                            row->date + 8, row->date + 5, row->date);
    if (strcmp(st, "in_batch") == 0 &&
        strcmp(fact->batch_status, "live") == 0) {
        /* the normal answer for a payout on its way */
    } else if (strcmp(st, "betaald") == 0) {
        if (betaald)
            result_file_problem(f, row->line,
                                "betaling %s is al betaald (op %s); een "
                                "betaling wordt één keer betaald",
                                row->reference, fact->paid_on);
        /* geweigerd: the bank returned the money (a reversal) */
    } else if (strcmp(st, "mislukt") == 0) {
        result_file_problem(f, row->line,
                            "betaling %s is al als mislukt geboekt; er is "
                            "niets meer te verwerken",
                            row->reference);
    } else if (strcmp(fact->batch_status, "cancelled") == 0) {
        result_file_problem(f, row->line,
                            "betaling %s hoort bij batch %s, en die is "
                            "geannuleerd",
                            row->reference, fact->batch_number);
    } else {
        result_file_problem(f, row->line,
                            "betaling %s staat niet in een lopende batch "
                            "(stand: %s)",
                            row->reference, st);
    }
    if (f->problems_total != before)
        return;
    if (betaald)
        x->paid++;
    else if (strcmp(st, "betaald") == 0)
        x->reversed++;
    else
        x->refused++;
}

/* Check every row of x->file. Problems are added to x->file; <0 on a
 * database error. */
static int
check_db(struct db_conn *c, struct result_import *x)
{
    struct db_result_fact *facts;
    bool clean = x->file.problems_total == 0;
    size_t i;
    int r;

    x->paid = x->refused = x->reversed = 0;
    if (x->file.count == 0)
        return 0;
    if (x->file.count >= 500 && (r = db_result_analyze(c)) < 0)
        return r;
    facts = calloc(x->file.count, sizeof(*facts));
    if (facts == NULL)
        return DB_HARD_ERROR;
    r = db_result_check_rows(c, &x->file, facts);
    if (r < 0) {
        free(facts);
        return r;
    }
    for (i = 0; i < x->file.count; i++)
        check_row(x, &x->file.row[i], &facts[i]);
    free(facts);
    /* only when every row was read: a bad row would count as missing */
    if (clean) {
        r = db_result_incomplete_batches(c, &x->file, incomplete, x);
        if (r < 0)
            return r;
    }
    result_file_sort_problems(&x->file);
    return 0;
}

static void
sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, (const unsigned char *)data, len);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

void
result_import_preview(struct db_conn *db, long long user_id, const char *data,
                      size_t len, struct result_import *out)
{
    char mark = ',', hex[65];

    memset(out, 0, sizeof(*out));
    out->outcome = RESULT_IMPORT_DB_ERROR;
    sha256_hex(data, len, hex);
    if (db_result_decimal_mark(db, &mark) < 0 ||
        db_result_file_store(db, data, len, hex, user_id, &out->info) < 0) {
        log_error("result import: storing the file: %s", db_last_error(db));
        return;
    }
    if (out->info.applied) {
        out->outcome = RESULT_IMPORT_ALREADY_APPLIED;
        return;
    }
    (void)result_file_parse(data, len, mark, &out->file);
    if (check_db(db, out) < 0) {
        log_error("result import: checking: %s", db_last_error(db));
        return;
    }
    out->outcome = out->file.problems_total == 0 && out->file.count > 0
                       ? RESULT_IMPORT_READY
                       : RESULT_IMPORT_PROBLEMS;
}

/* ---- commit ---- */

struct commit_tx {
    struct result_import *x;
    long long user_id;
    bool dry_run;
    bool already, problems, rolled_back, no_file;
};

static enum db_status
commit_tx(struct db_conn *c, void *cls)
{
    struct commit_tx *t = cls;
    struct result_import *x = t->x;
    struct result_file *f = &x->file;
    char details[1400];
    bool applied = false;
    int r;

    /* a retry starts afresh: only the reader's findings (none, or we
     * would not be here) stay */
    f->nproblems = 0;
    f->problems_total = 0;
    t->already = t->problems = t->rolled_back = t->no_file = false;
    x->batches = 0;
    x->batch_numbers[0] = '\0';
    /* the row lock makes a second commit of the same file wait, and then
     * see that it was applied */
    r = db_result_file_lock(c, x->info.id, x->info.sha256_hex, &applied);
    if (r < 0)
        return (enum db_status)r;
    if (r == 0 || applied) {
        t->already = applied;
        t->no_file = r == 0;
        return DB_REFUSED;
    }
    if ((r = check_db(c, x)) < 0)
        return (enum db_status)r;
    if (f->problems_total > 0) {
        t->problems = true;
        return DB_REFUSED;
    }
    r = db_result_file_mark_applied(c, x->info.id, x->info.sha256_hex,
                                    t->user_id, (long long)f->count, x->paid,
                                    x->refused, x->reversed);
    if (r <= 0)
        return r < 0 ? (enum db_status)r : DB_SOFT_ERROR;
    /* the lines first: closing a batch needs every answer on its lines */
    if ((r = db_result_apply_lines(c, f)) < 0)
        return (enum db_status)r;
    if ((r = db_result_apply_paid(c, f)) < 0)
        return (enum db_status)r;
    if (r != x->paid)
        goto changed;
    if ((r = db_result_apply_failed(c, f, "in_batch")) < 0)
        return (enum db_status)r;
    if (r != x->refused)
        goto changed;
    if ((r = db_result_apply_failed(c, f, "betaald")) < 0)
        return (enum db_status)r;
    if (r != x->reversed)
        goto changed;
    r = db_result_close_batches(c, f, t->user_id, x->info.id, x->batch_numbers,
                                sizeof(x->batch_numbers));
    if (r < 0)
        return (enum db_status)r;
    x->batches = r;
    snprintf(details, sizeof(details),
             "{\"file_id\": %lld, \"rows\": %zu, \"paid\": %lld, "
             "\"refused\": %lld, \"reversed\": %lld, \"batches\": [%s]}",
             x->info.id, f->count, x->paid, x->refused, x->reversed,
             x->batch_numbers);
    r = db_audit_insert(c, "staff", t->user_id, "batch.import",
                        "batch_result_file", x->info.id, details);
    if (r < 0)
        return (enum db_status)r;
    if (t->dry_run) {
        t->rolled_back = true;
        return DB_REFUSED;
    }
    return DB_ONE_RESULT;
changed:
    /* the checks of this very transaction said otherwise: a bug, not the
     * user's file; nothing is applied */
    log_error("result import: file %lld: rows changed while applying",
              x->info.id);
    return DB_HARD_ERROR;
}

void
result_import_commit(struct db_conn *db, long long user_id, long long id,
                     const char *sha256_hex, bool dry_run,
                     struct result_import *out)
{
    struct commit_tx t;
    char mark = ',', *data = NULL;
    size_t len = 0;
    int r;

    memset(out, 0, sizeof(*out));
    out->outcome = RESULT_IMPORT_DB_ERROR;
    if (db_result_decimal_mark(db, &mark) < 0) {
        log_error("result import: %s", db_last_error(db));
        return;
    }
    r = db_result_file_load(db, id, sha256_hex, &data, &len, &out->info);
    if (r < 0) {
        log_error("result import: loading file %lld: %s", id,
                  db_last_error(db));
        return;
    }
    if (r == 0 || (data == NULL && !out->info.applied)) {
        free(data);
        out->outcome = RESULT_IMPORT_NO_FILE;
        return;
    }
    if (out->info.applied) {
        free(data);
        out->outcome = RESULT_IMPORT_ALREADY_APPLIED;
        return;
    }
    (void)result_file_parse(data, len, mark, &out->file);
    free(data);
    data = NULL;
    if (out->file.problems_total > 0 || out->file.count == 0) {
        out->outcome = RESULT_IMPORT_PROBLEMS;
        return;
    }
    memset(&t, 0, sizeof(t));
    t.x = out;
    t.user_id = user_id;
    t.dry_run = dry_run;
    r = db_transaction(db, commit_tx, &t);
    if (r >= 0) {
        out->outcome = RESULT_IMPORT_APPLIED;
    } else if (r == DB_REFUSED && t.rolled_back) {
        out->outcome = RESULT_IMPORT_READY;
    } else if (r == DB_REFUSED && t.problems) {
        out->outcome = RESULT_IMPORT_PROBLEMS;
    } else if (r == DB_REFUSED && t.already) {
        /* applied meanwhile: say by whom */
        if (db_result_file_load(db, id, sha256_hex, &data, &len, &out->info) ==
            1)
            out->outcome = RESULT_IMPORT_ALREADY_APPLIED;
        free(data);
    } else if (r == DB_REFUSED && t.no_file) {
        out->outcome = RESULT_IMPORT_NO_FILE;
    } else if (r == DB_REFUSED) {
        /* a rule of the schema said no that the checks above missed */
        log_error("result import: file %lld refused by %s", id,
                  db_last_constraint(db));
        result_file_problem(&out->file, 0,
                            "de database weigerde het verwerken (regel %s); "
                            "er is niets veranderd",
                            db_last_constraint(db));
        out->outcome = RESULT_IMPORT_PROBLEMS;
    } else {
        log_error("result import: applying file %lld: %s (%s)", id,
                  db_last_error(db), db_last_constraint(db));
    }
}

void
result_import_free(struct result_import *r)
{
    result_file_free(&r->file);
}
