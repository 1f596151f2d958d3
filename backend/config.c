#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifndef LIEFLEED_DEFAULT_STATIC_DIR
#define LIEFLEED_DEFAULT_STATIC_DIR "build/static"
#endif
#ifndef LIEFLEED_DEFAULT_SQL_DIR
#define LIEFLEED_DEFAULT_SQL_DIR "sql"
#endif

enum setting_kind { SET_STRING, SET_UINT, SET_BOOL, SET_LISTEN };

struct setting {
    const char *name;
    const char *def;
    const char *help;
    enum setting_kind kind;
    size_t offset;
    size_t size;       /* for strings: capacity */
    unsigned min, max; /* for numbers */
};

#define STR(field)                                                             \
    SET_STRING, offsetof(struct config, field),                                \
        sizeof(((struct config *)0)->field), 0, 0
#define NUM(field, lo, hi)                                                     \
    SET_UINT, offsetof(struct config, field), sizeof(unsigned), lo, hi
#define FLAG(field) SET_BOOL, offsetof(struct config, field), sizeof(bool), 0, 1

static const struct setting settings[] = {
    {"LIEFLEED_DATABASE_URL", "dbname=liefleed",
     "libpq connection string of the PostgreSQL database", STR(database_url)},
    {"LIEFLEED_LISTEN", "127.0.0.1:8080",
     "address and port to serve HTTP on (host:port)", SET_LISTEN, 0, 0, 0, 0},
    {"LIEFLEED_BASE_URL", "http://127.0.0.1:8080",
     "public address of the site, used in links sent to residents",
     STR(base_url)},
    {"LIEFLEED_DATA_DIR", "var/data", "writable directory for generated files",
     STR(data_dir)},
    {"LIEFLEED_STATIC_DIR", LIEFLEED_DEFAULT_STATIC_DIR,
     "directory with the CSS served under /static/", STR(static_dir)},
    {"LIEFLEED_SQL_DIR", LIEFLEED_DEFAULT_SQL_DIR,
     "directory with the numbered migrations", STR(sql_dir)},
    {"LIEFLEED_WORKERS", "4", "HTTP worker threads", NUM(workers, 1, 256)},
    {"LIEFLEED_DB_POOL", "0",
     "database connections per server (0: one per worker)",
     NUM(db_pool_size, 0, 512)},
    {"LIEFLEED_MAX_BODY", "1048576",
     "largest request body in bytes (larger: 413)",
     NUM(max_body_bytes, 1024, 256u * 1024 * 1024)},
    {"LIEFLEED_MAX_HEADER", "16384",
     "memory per connection for the request line and headers, in bytes",
     NUM(max_header_bytes, 4096, 1024 * 1024)},
    {"LIEFLEED_MAX_CONNECTIONS", "1000", "open connections at most",
     NUM(max_connections, 1, 100000)},
    {"LIEFLEED_MAX_CONNECTIONS_PER_IP", "64",
     "open connections from one client address at most",
     NUM(max_connections_per_ip, 1, 100000)},
    {"LIEFLEED_IDLE_TIMEOUT", "30",
     "seconds before an idle connection is closed",
     NUM(idle_timeout_s, 1, 3600)},
    {"LIEFLEED_SHUTDOWN_GRACE", "10",
     "seconds to finish requests in flight after SIGTERM",
     NUM(shutdown_grace_s, 0, 600)},
    {"LIEFLEED_DB_RETRY", "2",
     "seconds between attempts to reach the database at start",
     NUM(db_retry_s, 1, 3600)},
    {"LIEFLEED_JOB_INTERVAL", "60",
     "seconds between checks for due scheduled jobs",
     NUM(job_interval_s, 1, 86400)},
    {"LIEFLEED_HEALTH_CACHE_MS", "1000",
     "milliseconds /healthz reuses its last database check",
     NUM(health_cache_ms, 0, 60000)},
    {"LIEFLEED_SUBMIT_LIMIT", "20",
     "form submissions per client address per hour (more: 429)",
     NUM(submit_limit, 1, 1000000)},
    {"LIEFLEED_TRUSTED_PROXIES", "",
     "addresses of load balancers whose X-Forwarded-For names the client "
     "(comma-separated; empty: none)",
     STR(trusted_proxies)},
    {"LIEFLEED_ACCESS_LOG", "1", "write an access log line per request (0/1)",
     FLAG(access_log)},
};

static bool
parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    unsigned long v;

    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return false;
    *out = (unsigned)v;
    return true;
}

static bool
parse_listen(const char *s, struct config *cfg)
{
    const char *colon = strrchr(s, ':');
    size_t hostlen;
    const char *host = s;

    if (colon == NULL)
        return false;
    hostlen = (size_t)(colon - s);
    if (hostlen >= 2 && s[0] == '[' && s[hostlen - 1] == ']') {
        host = s + 1;
        hostlen -= 2;
    }
    if (hostlen == 0 || hostlen >= sizeof(cfg->listen_host))
        return false;
    memcpy(cfg->listen_host, host, hostlen);
    cfg->listen_host[hostlen] = '\0';
    return parse_uint(colon + 1, 1, 65535, &cfg->listen_port);
}

bool
config_load(struct config *cfg, char *err, size_t errlen)
{
    size_t i;

    memset(cfg, 0, sizeof(*cfg));
    for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
        const struct setting *s = &settings[i];
        const char *v = getenv(s->name);
        char *field = (char *)cfg + s->offset;
        bool ok = true;

        if (v == NULL || *v == '\0')
            v = s->def;
        switch (s->kind) {
        case SET_STRING:
            if (strlen(v) >= s->size)
                ok = false;
            else
                memcpy(field, v, strlen(v) + 1);
            break;
        case SET_UINT:
            ok = parse_uint(v, s->min, s->max, (unsigned *)(void *)field);
            break;
        case SET_BOOL:
            if (strcmp(v, "1") == 0 || strcmp(v, "0") == 0)
                *(bool *)(void *)field = v[0] == '1';
            else
                ok = false;
            break;
        case SET_LISTEN:
            ok = parse_listen(v, cfg);
            break;
        }
        if (!ok) {
            if (s->kind == SET_UINT)
                snprintf(err, errlen,
                         "%s: ongeldige waarde, verwacht een getal van %u "
                         "tot en met %u (invalid value)",
                         s->name, s->min, s->max);
            else if (s->kind == SET_LISTEN)
                snprintf(err, errlen,
                         "%s: ongeldige waarde, verwacht adres:poort zoals "
                         "127.0.0.1:8080 (invalid value)",
                         s->name);
            else
                snprintf(err, errlen, "%s: ongeldige waarde (invalid value)",
                         s->name);
            return false;
        }
    }
    if (cfg->db_pool_size == 0)
        cfg->db_pool_size = cfg->workers;
    return true;
}

void
config_print_help(FILE *out)
{
    size_t i;

    fprintf(out, "Settings (environment variables):\n");
    for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
        fprintf(out, "  %-32s %s\n  %-32s (default: %s)\n", settings[i].name,
                settings[i].help, "", settings[i].def);
}
