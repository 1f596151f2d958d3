#include "jobs.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "app.h"
#include "db_job.h"
#include "log.h"
#include "purge.h"

struct job_def {
    const char *name;
    unsigned interval_s;
    db_tx_fn work; /* runs inside the claiming transaction; may be NULL */
    /* runs after the claim committed, for work that needs transactions of
     * its own (one per application in the retention purge); may be NULL */
    void (*after)(struct db_conn *c);
};

static const struct job_def job_defs[] = {
    {"housekeeping", 24 * 3600, db_job_housekeeping, NULL},
    {"retention_purge", 24 * 3600, NULL, purge_job},
};

struct claim_ctx {
    const struct job_def *def;
    const char *server_id;
    bool ran;
};

static enum db_status
claim_and_run(struct db_conn *c, void *cls)
{
    struct claim_ctx *ctx = cls;
    long long run_id = 0;
    int r;

    ctx->ran = false;
    r = db_job_claim(c, ctx->def->name, ctx->def->interval_s, ctx->server_id,
                     &run_id);
    if (r <= 0)
        return (enum db_status)r;
    if (ctx->def->work != NULL) {
        r = ctx->def->work(c, NULL);
        if (r < 0)
            return (enum db_status)r;
    }
    r = db_job_finish(c, run_id);
    if (r < 0)
        return (enum db_status)r;
    ctx->ran = true;
    return DB_ONE_RESULT;
}

int
jobs_run_due(struct db_conn *c, const char *server_id)
{
    size_t i;
    int ran = 0;

    for (i = 0; i < sizeof(job_defs) / sizeof(job_defs[0]); i++) {
        struct claim_ctx ctx = {&job_defs[i], server_id, false};
        enum db_status st = db_transaction(c, claim_and_run, &ctx);
        if (st < 0) {
            log_error("jobs: %s failed: %s", job_defs[i].name,
                      db_last_error(c));
            return st;
        }
        if (ctx.ran && job_defs[i].after != NULL)
            job_defs[i].after(c);
        if (ctx.ran) {
            log_info("jobs: %s done", job_defs[i].name);
            ran++;
        }
    }
    return ran;
}

struct jobs {
    struct app *app;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
};

static void *
ticker(void *arg)
{
    struct jobs *j = arg;
    struct timespec until;

    pthread_mutex_lock(&j->lock);
    while (!j->stop) {
        pthread_mutex_unlock(&j->lock);
        struct db_conn *c = db_acquire(j->app->pool, 1000);
        if (c != NULL) {
            (void)jobs_run_due(c, j->app->server_id);
            db_release(j->app->pool, c);
        }
        pthread_mutex_lock(&j->lock);
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)j->app->cfg.job_interval_s;
        while (!j->stop &&
               pthread_cond_timedwait(&j->wake, &j->lock, &until) != ETIMEDOUT)
            ;
    }
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

struct jobs *
jobs_start(struct app *app)
{
    struct jobs *j = calloc(1, sizeof(*j));

    if (j == NULL)
        return NULL;
    j->app = app;
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->wake, NULL);
    if (pthread_create(&j->thread, NULL, ticker, j) != 0) {
        log_error("jobs: cannot start the ticker thread");
        pthread_mutex_destroy(&j->lock);
        pthread_cond_destroy(&j->wake);
        free(j);
        return NULL;
    }
    return j;
}

void
jobs_stop(struct jobs *j)
{
    if (j == NULL)
        return;
    pthread_mutex_lock(&j->lock);
    j->stop = true;
    pthread_cond_signal(&j->wake);
    pthread_mutex_unlock(&j->lock);
    pthread_join(j->thread, NULL);
    pthread_mutex_destroy(&j->lock);
    pthread_cond_destroy(&j->wake);
    free(j);
}
