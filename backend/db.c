#include "db_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

static atomic_int next_stmt_id = 1;

bool
db_conninfo_valid(const char *conninfo, char *err, size_t errlen)
{
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &msg);
    size_t n;

    if (opts != NULL) {
        PQconninfoFree(opts);
        return true;
    }
    snprintf(err, errlen,
             "LIEFLEED_DATABASE_URL is geen geldige verbindingstekst "
             "(invalid connection string): %s",
             msg ? msg : "?");
    if (msg)
        PQfreemem(msg);
    n = strlen(err);
    while (n > 0 && err[n - 1] == '\n')
        err[--n] = '\0';
    return false;
}

static void
set_err(struct db_conn *c, const char *msg)
{
    size_t n;

    snprintf(c->err, sizeof(c->err), "%s", msg ? msg : "");
    /* libpq messages end in a newline; the log wants one line. */
    n = strlen(c->err);
    while (n > 0 && (c->err[n - 1] == '\n' || c->err[n - 1] == '\r'))
        c->err[--n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (c->err[i] == '\n')
            c->err[i] = ' ';
}

const char *
db_last_error(const struct db_conn *c)
{
    return c->err;
}

const char *
db_last_constraint(const struct db_conn *c)
{
    return c->constraint;
}

/* Quiet libpq's NOTICE messages (e.g. "relation already exists, skipping"):
 * they would otherwise go to stderr in the middle of the access log. */
static void
notice_ignore(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

static bool
conn_open(struct db_conn *c)
{
    if (c->pg != NULL)
        PQfinish(c->pg);
    memset(c->prepared, 0, sizeof(c->prepared));
    c->in_tx = 0;
    c->pg = PQconnectdb(c->conninfo);
    if (c->pg == NULL || PQstatus(c->pg) != CONNECTION_OK) {
        set_err(c, c->pg ? PQerrorMessage(c->pg) : "out of memory");
        return false;
    }
    PQsetNoticeProcessor(c->pg, notice_ignore, NULL);
    return true;
}

static struct db_conn *
conn_new(const char *conninfo)
{
    struct db_conn *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->conninfo = strdup(conninfo);
    if (c->conninfo == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

static void
conn_free(struct db_conn *c)
{
    if (c == NULL)
        return;
    if (c->pg != NULL)
        PQfinish(c->pg);
    free(c->conninfo);
    free(c);
}

struct db_conn *
db_connect(const char *conninfo, char *err, size_t errlen)
{
    struct db_conn *c = conn_new(conninfo);

    if (c == NULL) {
        snprintf(err, errlen, "geen geheugen (out of memory)");
        return NULL;
    }
    if (!conn_open(c)) {
        snprintf(err, errlen, "%s", c->err);
        conn_free(c);
        return NULL;
    }
    return c;
}

void
db_disconnect(struct db_conn *c)
{
    conn_free(c);
}

static bool
conn_healthy(const struct db_conn *c)
{
    return c->pg != NULL && PQstatus(c->pg) == CONNECTION_OK;
}

static int
stmt_id(struct db_stmt *s)
{
    int id = __atomic_load_n(&s->id, __ATOMIC_ACQUIRE);
    int want;

    if (id != 0)
        return id;
    want = atomic_fetch_add(&next_stmt_id, 1);
    if (want >= DB_MAX_STMTS) {
        log_error("db: more than %d statements; raise DB_MAX_STMTS",
                  DB_MAX_STMTS);
        abort();
    }
    /* Another thread may have won the race; then use its id. */
    if (!__atomic_compare_exchange_n(&s->id, &id, want, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
        return id;
    return want;
}

/* What goes into the log of a failed statement: the SQLSTATE, the
 * constraint and, unless the error is about data, the primary message.
 * Never DETAIL (it quotes the row: names, e-mail, IBAN) and never the
 * message of a data exception (it quotes the value). */
static void
set_result_err(struct db_conn *c, PGresult *res)
{
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char *cons = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    char line[256];

    snprintf(c->constraint, sizeof(c->constraint), "%s", cons ? cons : "");
    if (state == NULL) {
        set_err(c, PQerrorMessage(c->pg));
        return;
    }
    if (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0)
        msg = strncmp(state, "22", 2) == 0 ? "invalid data" : "constraint";
    snprintf(line, sizeof(line), "SQLSTATE %s%s%s: %s", state,
             cons ? " constraint " : "", cons ? cons : "", msg ? msg : "");
    set_err(c, line);
}

static enum db_status
status_of(struct db_conn *c, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

    c->constraint[0] = '\0';
    if (res != NULL)
        set_result_err(c, res);
    else
        set_err(c, PQerrorMessage(c->pg));
    if (state == NULL || !conn_healthy(c))
        return DB_HARD_ERROR;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
        return DB_SOFT_ERROR;
    if (strcmp(state, "23505") == 0 || strcmp(state, "23P01") == 0)
        return DB_CONFLICT;
    if (strcmp(state, "23514") == 0 || strcmp(state, "23503") == 0)
        return DB_REFUSED;
    return DB_HARD_ERROR;
}

static int
result_count(PGresult *res)
{
    const char *n;

    if (PQresultStatus(res) == PGRES_TUPLES_OK)
        return PQntuples(res);
    n = PQcmdTuples(res);
    return (n && *n) ? (int)strtol(n, NULL, 10) : 0;
}

static int
query_once(struct db_conn *c, struct db_stmt *s, const char *const *params,
           PGresult **res_out)
{
    int id = stmt_id(s);
    PGresult *res;
    ExecStatusType rs;
    enum db_status st;
    int n;

    if (!c->prepared[id]) {
        res = PQprepare(c->pg, s->name, s->sql, s->nparams, NULL);
        if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK) {
            st = status_of(c, res);
            log_error("db: prepare %s failed: %s", s->name, c->err);
            PQclear(res);
            return st;
        }
        PQclear(res);
        c->prepared[id] = 1;
    }
    res = PQexecPrepared(c->pg, s->name, s->nparams, params, NULL, NULL, 0);
    rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
        st = status_of(c, res);
        if (st == DB_HARD_ERROR)
            log_error("db: %s failed: %s", s->name, c->err);
        else if (st == DB_CONFLICT || st == DB_REFUSED)
            log_info("db: %s %s: %s", s->name,
                     st == DB_CONFLICT ? "conflict" : "refused", c->err);
        PQclear(res);
        return st;
    }
    n = result_count(res);
    if (res_out)
        *res_out = res;
    else
        PQclear(res);
    return n;
}

int
db_query(struct db_conn *c, struct db_stmt *s, const char *const *params,
         PGresult **res)
{
    int r;

    if (res)
        *res = NULL;
    if (!conn_healthy(c) && (c->in_tx || !conn_open(c)))
        return DB_HARD_ERROR;
    r = query_once(c, s, params, res);
    /* A connection that died since its last use (PostgreSQL restarted)
     * fails on first contact; outside a transaction one fresh attempt is
     * safe because nothing was applied. */
    if (r == DB_HARD_ERROR && !c->in_tx && !conn_healthy(c) && conn_open(c))
        r = query_once(c, s, params, res);
    return r;
}

int
db_query_id(struct db_conn *c, struct db_stmt *s, long long id, PGresult **res)
{
    char v[24];
    const char *p[1] = {v};

    snprintf(v, sizeof(v), "%lld", id);
    return db_query(c, s, p, res);
}

enum db_status
db_exec_script(struct db_conn *c, const char *sql)
{
    PGresult *res = PQexec(c->pg, sql);
    ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    enum db_status st = DB_NO_RESULTS;

    if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK)
        st = status_of(c, res);
    PQclear(res);
    return st;
}

static enum db_status
exec_simple(struct db_conn *c, const char *sql)
{
    return db_exec_script(c, sql);
}

/* COMMIT of a transaction that already failed answers "ROLLBACK": that
 * is no commit, whatever the body of the transaction returned. */
static enum db_status
commit(struct db_conn *c)
{
    PGresult *res = PQexec(c->pg, "COMMIT");
    enum db_status st = DB_NO_RESULTS;

    if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK)
        st = status_of(c, res);
    else if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
        set_err(c, "transaction was rolled back");
        st = DB_HARD_ERROR;
    }
    PQclear(res);
    return st;
}

enum db_status
db_transaction(struct db_conn *c, db_tx_fn fn, void *cls)
{
    enum db_status st = DB_HARD_ERROR;
    int attempt;

    for (attempt = 0; attempt < 8; attempt++) {
        if (!conn_healthy(c) && !conn_open(c))
            return DB_HARD_ERROR;
        st = exec_simple(c, "BEGIN ISOLATION LEVEL SERIALIZABLE");
        if (st == DB_HARD_ERROR && !conn_healthy(c) && conn_open(c))
            st = exec_simple(c, "BEGIN ISOLATION LEVEL SERIALIZABLE");
        if (st < 0)
            return st;
        c->in_tx = 1;
        st = fn(c, cls);
        if (st >= 0) {
            enum db_status cst = commit(c);
            if (cst < 0)
                st = cst;
        }
        if (st < 0 && conn_healthy(c))
            (void)exec_simple(c, "ROLLBACK");
        c->in_tx = 0;
        if (st != DB_SOFT_ERROR)
            return st;
        /* Back off a little, growing, so two retrying writers separate. */
        struct timespec ts = {0, (long)(1 + attempt * attempt) * 1000000L};
        nanosleep(&ts, NULL);
    }
    return st;
}

/* ---- pool ---- */

struct db_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    unsigned size;
    unsigned nfree;
    struct db_conn **conns; /* all connections */
    struct db_conn **free;  /* stack of free ones */
};

struct db_pool *
db_pool_create(const char *conninfo, unsigned size)
{
    struct db_pool *p = calloc(1, sizeof(*p));
    unsigned i;

    if (p == NULL)
        return NULL;
    p->conns = calloc(size, sizeof(*p->conns));
    p->free = calloc(size, sizeof(*p->free));
    if (p->conns == NULL || p->free == NULL)
        goto fail;
    for (i = 0; i < size; i++) {
        p->conns[i] = conn_new(conninfo);
        if (p->conns[i] == NULL)
            goto fail;
        p->free[i] = p->conns[i];
    }
    p->size = size;
    p->nfree = size;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    return p;
fail:
    if (p->conns)
        for (i = 0; i < size; i++)
            conn_free(p->conns[i]);
    free(p->conns);
    free(p->free);
    free(p);
    return NULL;
}

void
db_pool_destroy(struct db_pool *p)
{
    unsigned i;

    if (p == NULL)
        return;
    for (i = 0; i < p->size; i++)
        conn_free(p->conns[i]);
    free(p->conns);
    free(p->free);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->freed);
    free(p);
}

struct db_conn *
db_acquire(struct db_pool *p, unsigned wait_ms)
{
    struct timespec deadline;
    struct db_conn *c = NULL;

    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += wait_ms / 1000;
    deadline.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->lock);
    while (p->nfree == 0) {
        if (pthread_cond_timedwait(&p->freed, &p->lock, &deadline) == ETIMEDOUT)
            break;
    }
    if (p->nfree > 0)
        c = p->free[--p->nfree];
    pthread_mutex_unlock(&p->lock);
    if (c == NULL)
        return NULL;
    if (!conn_healthy(c) && !conn_open(c)) {
        log_error("db: cannot connect: %s", c->err);
        db_release(p, c);
        return NULL;
    }
    return c;
}

void
db_release(struct db_pool *p, struct db_conn *c)
{
    if (c == NULL)
        return;
    if (c->in_tx && conn_healthy(c)) {
        (void)exec_simple(c, "ROLLBACK");
        c->in_tx = 0;
    }
    pthread_mutex_lock(&p->lock);
    p->free[p->nfree++] = c;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}
