#include "purge.h"

#include <stdio.h>
#include <string.h>

#include "db_audit.h"
#include "db_purge.h"
#include "log.h"

/* Due applications are read in pages; each is then purged in its own
 * transaction so one refusal does not hold up the rest. */
#define PURGE_PAGE 100

struct one_ctx {
    long long id;
    char status[24];
    bool done;
    int organisers, payouts, documents, messages, batches;
};

/* The kinds of rows that only need to change, in an order where the
 * later steps can see the earlier ones (organisers after the application
 * is marked, the outbox after the organisers, batch files after the
 * payouts). A negative result aborts the transaction. */
static enum db_status
purge_one(struct db_conn *c, void *cls)
{
    struct one_ctx *x = cls;
    char details[256];
    int r;

    x->done = false;
    x->organisers = x->payouts = x->documents = x->messages = x->batches = 0;
    r = db_purge_lock(c, x->id, x->status);
    if (r <= 0)
        return (enum db_status)r; /* 0: someone else was first */
    if ((r = db_purge_application(c, x->id)) < 0)
        return (enum db_status)r;
    if ((r = db_purge_messages(c, x->id)) < 0)
        return (enum db_status)r;
    x->messages = r;
    if ((r = db_purge_documents(c, x->id)) < 0)
        return (enum db_status)r;
    x->documents = r;
    if ((r = db_purge_payouts(c, x->id)) < 0)
        return (enum db_status)r;
    x->payouts = r;
    if ((r = db_purge_batch_lines(c, x->id)) < 0 ||
        (r = db_purge_expense_notes(c, x->id)) < 0 ||
        (r = db_purge_award_reason(c, x->id)) < 0 ||
        (r = db_purge_settlement_reason(c, x->id)) < 0 ||
        (r = db_purge_spot_check_notes(c, x->id)) < 0)
        return (enum db_status)r;
    if ((r = db_purge_organisers(c, x->id)) < 0)
        return (enum db_status)r;
    x->organisers = r;
    if ((r = db_purge_outbox(c, x->id)) < 0)
        return (enum db_status)r;
    if ((r = db_purge_batch_files(c, x->id)) < 0)
        return (enum db_status)r;
    x->batches = r;
    if ((r = db_purge_result_files(c, x->id)) < 0)
        return (enum db_status)r;
    /* counts and the (fixed set of) status only: no personal data */
    snprintf(details, sizeof(details),
             "{\"status\": \"%s\", \"organisers\": %d, \"payouts\": %d,"
             " \"documents\": %d, \"messages\": %d, \"batches\": %d}",
             x->status, x->organisers, x->payouts, x->documents, x->messages,
             x->batches);
    r = db_audit_insert(c, "system", 0, "retention.anonymise", "application",
                        x->id, details);
    if (r < 0)
        return (enum db_status)r;
    x->done = true;
    return DB_ONE_RESULT;
}

struct run_ctx {
    const struct purge_counts *n;
};

static enum db_status
record_run(struct db_conn *c, void *cls)
{
    const struct purge_counts *n = ((struct run_ctx *)cls)->n;
    char details[512];

    snprintf(details, sizeof(details),
             "{\"due\": {\"afgewezen\": %lld, \"ingetrokken\": %lld,"
             " \"toegekend\": %lld}, \"applications\": %lld,"
             " \"organisers\": %lld, \"payouts\": %lld, \"documents\": %lld,"
             " \"messages\": %lld, \"batches\": %lld, \"failed\": %lld}",
             n->due_rejected, n->due_withdrawn, n->due_awarded, n->applications,
             n->organisers, n->payouts, n->documents, n->messages, n->batches,
             n->failed);
    /* object id 0: the run itself has no row of its own */
    return db_audit_insert(c, "system", 0, "retention.purge", "retention", 0,
                           details);
}

enum db_status
purge_run(struct db_conn *c, bool dry_run, struct purge_counts *n)
{
    struct purge_due_counts due;
    long long ids[PURGE_PAGE], after = 0;
    char statuses[PURGE_PAGE][24];
    struct run_ctx run = {n};
    enum db_status st;
    int got, i;

    memset(n, 0, sizeof(*n));
    if ((got = db_purge_due_counts(c, &due)) < 0)
        return (enum db_status)got;
    n->due_rejected = due.rejected;
    n->due_withdrawn = due.withdrawn;
    n->due_awarded = due.awarded;
    if (dry_run)
        return DB_ONE_RESULT;
    do {
        got = db_purge_due(c, after, PURGE_PAGE, ids, statuses);
        if (got < 0)
            return (enum db_status)got;
        for (i = 0; i < got; i++) {
            struct one_ctx x = {.id = ids[i]};
            after = ids[i];
            st = db_transaction(c, purge_one, &x);
            if (st == DB_REFUSED) {
                /* a rule of the schema said no: leave this one as it was,
                 * name it (by id and rule only) and go on with the rest */
                log_error("purge: aanvraag %lld niet geanonimiseerd: %s", x.id,
                          db_last_constraint(c));
                n->failed++;
                continue;
            }
            if (st < 0)
                return st;
            if (!x.done)
                continue;
            n->applications++;
            n->organisers += x.organisers;
            n->payouts += x.payouts;
            n->documents += x.documents;
            n->messages += x.messages;
            n->batches += x.batches;
        }
    } while (got == PURGE_PAGE);
    st = db_transaction(c, record_run, &run);
    if (st < 0)
        return st;
    return n->failed > 0 ? DB_REFUSED : DB_ONE_RESULT;
}

void
purge_job(struct db_conn *c)
{
    struct purge_counts n = {0};
    enum db_status st = purge_run(c, false, &n);

    if (st < 0 && st != DB_REFUSED)
        log_error("purge: gestopt: %s", db_last_error(c));
    else
        log_info("purge: %lld aanvragen geanonimiseerd, %lld geweigerd",
                 n.applications, n.failed);
}
