#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "routes.h"

#define QUERY_MAX_PAIRS 64
#define QUERY_MAX_LEN 4096

int
server_bind(const struct app *app, char *err, size_t errlen)
{
    struct addrinfo hints, *ai = NULL;
    char port[8];
    int fd = -1, one = 1, rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    snprintf(port, sizeof(port), "%u", app->cfg.listen_port);
    rc = getaddrinfo(app->cfg.listen_host, port, &hints, &ai);
    if (rc != 0) {
        snprintf(err, errlen,
                 "LIEFLEED_LISTEN: adres %s onbekend (unknown address): %s",
                 app->cfg.listen_host, gai_strerror(rc));
        return -1;
    }
    fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
        snprintf(err, errlen, "socket: %s", strerror(errno));
        goto out;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno == EADDRINUSE)
            snprintf(err, errlen,
                     "poort %s op %s is al in gebruik (address already in "
                     "use); stop het andere programma of kies een andere "
                     "LIEFLEED_LISTEN",
                     port, app->cfg.listen_host);
        else
            snprintf(err, errlen, "kan niet luisteren op %s:%s: %s",
                     app->cfg.listen_host, port, strerror(errno));
        close(fd);
        fd = -1;
        goto out;
    }
    if (listen(fd, 1024) != 0) {
        snprintf(err, errlen, "listen: %s", strerror(errno));
        close(fd);
        fd = -1;
    }
out:
    freeaddrinfo(ai);
    return fd;
}

/* Split the raw target into a decoded path and query pairs. Malformed
 * escapes or invalid UTF-8 leave rq->path NULL and set target_status. */
static void
parse_target(struct request *rq)
{
    const char *t = rq->target, *q = strchr(t, '?');
    size_t plen = q ? (size_t)(q - t) : strlen(t);

    rq->target_status = urlenc_decode(t, plen, false, QUERY_MAX_LEN, &rq->path);
    if (rq->target_status == URLENC_OK && rq->path[0] != '/') {
        free(rq->path);
        rq->path = NULL;
        rq->target_status = URLENC_BAD_ESCAPE;
    }
    if (rq->target_status == URLENC_OK && q != NULL)
        rq->target_status = urlenc_parse(q + 1, strlen(q + 1), QUERY_MAX_PAIRS,
                                         QUERY_MAX_LEN, &rq->query);
}

/* MHD calls this first, with the raw request target: the place to create
 * the per-request context (it becomes *req_cls). */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    struct app *app = cls;
    struct request *rq = calloc(1, sizeof(*rq));

    if (rq == NULL)
        return NULL;
    rq->app = app;
    rq->conn = con;
    rq->start_us = now_us();
    rq->status = 0;
    buf_init(&rq->body, app->cfg.max_body_bytes);
    rq->target = strdup(uri ? uri : "");
    if (rq->target == NULL)
        rq->target_status = URLENC_TOO_LONG;
    else
        parse_target(rq);
    atomic_fetch_add(&app->in_flight, 1);
    return rq;
}

/* The access log names a route by its log_name, so secrets inside a path
 * (status tokens) never reach the log, also when the method or the body
 * was refused. Another path is shown only when it is plainly harmless:
 * short, plain characters, and no segment long enough to be a token. */
#define LOG_MAX_SEGMENT 24
static const char *
log_path(const struct request *rq)
{
    const char *p = rq->path;
    size_t i, seg = 0;

    if (rq->route != NULL)
        return rq->route->log_name ? rq->route->log_name : rq->route->path;
    if (p == NULL)
        return "(ongeldig)";
    for (i = 0; i < app_routes_count; i++) {
        const struct route *r = &app_routes[i];
        if (r->match == ROUTE_PREFIX &&
            strncmp(p, r->path, strlen(r->path)) == 0)
            return r->log_name ? r->log_name : r->path;
    }
    for (i = 0; p[i]; i++) {
        char c = p[i];
        seg = c == '/' ? 0 : seg + 1;
        if (i >= 100 || seg > LOG_MAX_SEGMENT ||
            !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '-' ||
              c == '_'))
            return "(onbekend)";
    }
    return p;
}

static void
on_completed(void *cls, struct MHD_Connection *con, void **req_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct app *app = cls;
    struct request *rq = *req_cls;

    (void)con;
    if (rq == NULL)
        return;
    if (app->cfg.access_log)
        log_access(
            "access %s %s %u %llu %lluus%s", rq->method[0] ? rq->method : "-",
            log_path(rq), rq->status, (unsigned long long)rq->bytes,
            (unsigned long long)(now_us() - rq->start_us),
            toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
    if (rq->db != NULL)
        db_release(app->pool, rq->db);
    urlenc_pairs_free(&rq->query);
    buf_free(&rq->body);
    free(rq->path);
    free(rq->target);
    free(rq);
    *req_cls = NULL;
    atomic_fetch_sub(&app->in_flight, 1);
}

/* The body limit of this request: its route's own, else the configured
 * default. The route is known once routing ran (NULL before or when no
 * route matched). */
static size_t
body_limit(const struct request *rq)
{
    if (rq->route != NULL && rq->route->max_body > 0)
        return rq->route->max_body;
    return rq->app->cfg.max_body_bytes;
}

/* 413 in the layout; a route with its own limit (an upload) says how much
 * it takes, in whole MB. */
static enum MHD_Result
reply_too_large(struct request *rq)
{
    char detail[96];

    if (rq->route == NULL || rq->route->max_body == 0)
        return reply_error(rq, 413, NULL);
    snprintf(detail, sizeof(detail),
             "Het bestand is te groot: hoogstens %zu MB.",
             rq->route->max_body / (1024 * 1024));
    return reply_error(rq, 413, detail);
}

static bool
body_declared_too_large(struct request *rq)
{
    const char *cl = MHD_lookup_connection_value(
        rq->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    char *end;
    unsigned long long n;

    if (cl == NULL)
        return false;
    errno = 0;
    n = strtoull(cl, &end, 10);
    return errno != 0 || *end != '\0' || n > body_limit(rq);
}

/* First call: route and check what needs no body. Then the body arrives in
 * pieces. Last call: the handler. Replying to a GET only on the second call
 * keeps the connection alive in libmicrohttpd 0.9.75. */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *con, const char *url,
           const char *method, const char *version, const char *upload_data,
           size_t *upload_data_size, void **req_cls)
{
    struct request *rq = *req_cls;
    char allow[64];
    enum route_result rr;
    enum MHD_Result ret;

    (void)cls;
    (void)url;
    (void)version;
    if (rq == NULL)
        return MHD_NO;
    rq->conn = con;
    if (!rq->started) {
        rq->started = true;
        snprintf(rq->method, sizeof(rq->method), "%s", method);
        if (rq->target_status != URLENC_OK)
            return reply_error(rq, 400,
                               urlenc_status_message(rq->target_status));
        rr = routes_find(app_routes, app_routes_count, rq->method, rq->path,
                         &rq->route, &rq->path_param, allow, sizeof(allow));
        if (rr != ROUTE_FOUND)
            rq->route = NULL;
        /* an upload route takes more than the default; the body is
         * still empty here, so raising its ceiling is safe */
        rq->body.max = body_limit(rq);
        if (body_declared_too_large(rq))
            return reply_too_large(rq);
        if (rr == ROUTE_NOT_FOUND)
            return reply_error(rq, 404, NULL);
        if (rr == ROUTE_BAD_METHOD) {
            snprintf(rq->allow, sizeof(rq->allow), "%s", allow);
            return reply_error(rq, 405, NULL);
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (!rq->body_too_large &&
            !buf_append(&rq->body, upload_data, *upload_data_size))
            rq->body_too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (rq->body_too_large)
        return reply_too_large(rq);
    ret = rq->route->handler(rq);
    /* the reply is fully built: give the connection back now, not when
     * the last byte reached a slow client */
    if (rq->db != NULL) {
        db_release(rq->app->pool, rq->db);
        rq->db = NULL;
    }
    return ret;
}

static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    size_t n;

    (void)cls;
    vsnprintf(msg, sizeof(msg), fmt, ap);
    n = strlen(msg);
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    log_error("http: %s", msg);
}

struct MHD_Daemon *
server_start(struct app *app, int listen_fd)
{
    const struct config *c = &app->cfg;

    return MHD_start_daemon(
        MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
            MHD_USE_ERROR_LOG,
        0, NULL, NULL, on_request, app, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log,
        NULL, MHD_OPTION_LISTEN_SOCKET, listen_fd, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned int)c->workers, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)c->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned int)c->max_connections_per_ip, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)c->idle_timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)c->max_header_bytes, MHD_OPTION_URI_LOG_CALLBACK, on_uri, app,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, app, MHD_OPTION_END);
}

void
server_stop(struct app *app, struct MHD_Daemon *d, unsigned grace_s)
{
    uint64_t deadline = now_us() + (uint64_t)grace_s * 1000000u;
    struct timespec ts = {0, 20 * 1000 * 1000};
    MHD_socket fd;

    fd = MHD_quiesce_daemon(d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    while (atomic_load(&app->in_flight) > 0 && now_us() < deadline)
        nanosleep(&ts, NULL);
    if (atomic_load(&app->in_flight) > 0)
        log_error("server: %ld requests still running after %u s; stopping",
                  (long)atomic_load(&app->in_flight), grace_s);
    MHD_stop_daemon(d);
}
