/* liefleed serve - the web application. */
#include <errno.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "commands.h"
#include "db.h"
#include "db_app_secret.h"
#include "jobs.h"
#include "log.h"
#include "migrations.h"
#include "server.h"
#include "static_files.h"

static void
help(FILE *out)
{
    fprintf(out, "Usage: liefleed serve\n\n"
                 "Serves the web application until SIGTERM or SIGINT, after "
                 "which requests in\nflight are finished and it exits 0.\n\n");
    config_print_help(out);
}

/* mkdir -p for the data directory, then prove it is writable. */
static bool
check_data_dir(const char *dir, char *err, size_t errlen)
{
    char path[1100], probe[1200];
    size_t i, n = strlen(dir);
    FILE *f;

    if (n == 0 || n >= sizeof(path)) {
        snprintf(err, errlen, "LIEFLEED_DATA_DIR is leeg of te lang");
        return false;
    }
    memcpy(path, dir, n + 1);
    for (i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0750) != 0 && errno != EEXIST) {
            snprintf(err, errlen,
                     "LIEFLEED_DATA_DIR %s kan niet worden gemaakt (cannot "
                     "create): %s",
                     dir, strerror(errno));
            return false;
        }
        path[i] = c;
    }
    snprintf(probe, sizeof(probe), "%s/.write-test-%ld", dir, (long)getpid());
    f = fopen(probe, "w");
    if (f == NULL || fclose(f) != 0) {
        snprintf(err, errlen,
                 "LIEFLEED_DATA_DIR %s is niet schrijfbaar (not writable): %s",
                 dir, strerror(errno));
        return false;
    }
    unlink(probe);
    return true;
}

/* Wait for the database, saying so once; a signal ends the wait. Returns
 * the connection, or NULL when asked to stop. */
static struct db_conn *
wait_for_database(const struct config *cfg, const sigset_t *sigs)
{
    char err[512];
    struct timespec ts = {(time_t)cfg->db_retry_s, 0};
    bool said = false;

    for (;;) {
        struct db_conn *c = db_connect(cfg->database_url, err, sizeof(err));
        if (c != NULL) {
            if (said)
                log_info("database is bereikbaar (database reachable)");
            return c;
        }
        if (!said) {
            log_error("database niet bereikbaar, nieuwe poging elke %u s "
                      "(database unreachable, retrying): %s",
                      cfg->db_retry_s, err);
            said = true;
        }
        if (sigtimedwait(sigs, NULL, &ts) > 0)
            return NULL;
    }
}

/* One master secret in the database; a subkey per purpose, so a leak of
 * one use (say, a client hash) says nothing about another. */
static bool
load_keys(struct db_conn *c, struct app *app)
{
    unsigned char master[APP_SECRET_BYTES];

    if (db_app_secret_get(c, "master", master) < 0)
        return false;
    crypto_kdf_derive_from_key(app->csrf_key, sizeof(app->csrf_key), 1,
                               "llcsrf__", master);
    crypto_kdf_derive_from_key(app->box_key, sizeof(app->box_key), 2,
                               "llbox___", master);
    crypto_kdf_derive_from_key(app->client_key, sizeof(app->client_key), 3,
                               "llclient", master);
    sodium_memzero(master, sizeof(master));
    return true;
}

int
cmd_serve(int argc, char **argv, const struct config *cfg)
{
    static struct app app;
    struct migration_set set = {NULL, 0};
    struct MHD_Daemon *d = NULL;
    struct db_conn *c = NULL;
    struct jobs *jobs = NULL;
    sigset_t sigs;
    char err[1024], host[40];
    int fd = -1, sig, rc = 1;

    if (argc > 1 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        help(stdout);
        return 0;
    }
    if (argc > 1) {
        help(stderr);
        return 2;
    }
    app.cfg = *cfg;
    atomic_store(&app.in_flight, 0);
    if (gethostname(host, sizeof(host)) != 0)
        snprintf(host, sizeof(host), "localhost");
    host[sizeof(host) - 1] = '\0';
    snprintf(app.server_id, sizeof(app.server_id), "%s:%ld", host,
             (long)getpid());

    /* Signals are taken by sigwait in this thread only: block them before
     * any thread starts so the workers inherit the mask. */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (!db_conninfo_valid(cfg->database_url, err, sizeof(err)) ||
        !check_data_dir(cfg->data_dir, err, sizeof(err)) ||
        !static_files_load(cfg->static_dir, err, sizeof(err)) ||
        !migrations_read(cfg->sql_dir, &set, err, sizeof(err)) ||
        (fd = server_bind(&app, err, sizeof(err))) < 0) {
        log_error("liefleed serve: %s", err);
        goto out;
    }
    c = wait_for_database(cfg, &sigs);
    if (c == NULL) {
        rc = 0;
        goto out;
    }
    if (!migrations_current(c, &set, err, sizeof(err))) {
        log_error("liefleed serve: %s", err);
        goto out;
    }
    if (!load_keys(c, &app)) {
        log_error("liefleed serve: kan de sleutels niet lezen (cannot read "
                  "app_secret): %s",
                  db_last_error(c));
        goto out;
    }
    db_disconnect(c);
    c = NULL;
    app.pool = db_pool_create(cfg->database_url, cfg->db_pool_size);
    if (app.pool == NULL) {
        log_error("liefleed serve: geen geheugen voor de verbindingen");
        goto out;
    }
    d = server_start(&app, fd);
    if (d == NULL) {
        log_error("liefleed serve: de webserver start niet (server failed to "
                  "start)");
        goto out;
    }
    fd = -1; /* the daemon owns it now */
    log_flusher_start();
    jobs = jobs_start(&app);
    log_info("liefleed serve: luistert op http://%s:%u/ (%u workers)",
             cfg->listen_host, cfg->listen_port, cfg->workers);
    do {
        sig = sigwaitinfo(&sigs, NULL);
    } while (sig < 0 && errno == EINTR);
    log_info("liefleed serve: stoppen (signal %d), lopende verzoeken worden "
             "afgemaakt",
             sig);
    jobs_stop(jobs);
    server_stop(&app, d, cfg->shutdown_grace_s);
    log_flusher_stop();
    rc = 0;
out:
    if (c != NULL)
        db_disconnect(c);
    if (fd >= 0)
        close(fd);
    db_pool_destroy(app.pool);
    app.pool = NULL;
    migrations_free(&set);
    static_files_free();
    return rc;
}
