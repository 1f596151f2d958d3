/* bare_server.c - the baseline for `make bench`: libmicrohttpd with the
 * same threading as liefleed serve, answering every request with a fixed
 * page of a given size. Nothing else: no routing, no headers of ours, no
 * log. Usage: bare_server PORT BYTES WORKERS */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *page;
static size_t page_len;

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *data, size_t *size, void **req_cls)
{
    static int marker;
    struct MHD_Response *r;
    enum MHD_Result ret;

    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)data;
    (void)size;
    if (*req_cls == NULL) { /* reply on the second call: keep-alive */
        *req_cls = &marker;
        return MHD_YES;
    }
    r = MHD_create_response_from_buffer(page_len, page, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    ret = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ret;
}

int
main(int argc, char **argv)
{
    struct MHD_Daemon *d;
    sigset_t s;
    int sig;

    if (argc != 4)
        return 2;
    page_len = (size_t)strtoul(argv[2], NULL, 10);
    page = malloc(page_len + 1);
    if (page == NULL)
        return 1;
    memset(page, 'x', page_len);
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGINT);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    d = MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD,
                         (uint16_t)atoi(argv[1]), NULL, NULL, answer, NULL,
                         MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[3]),
                         MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_END);
    if (d == NULL)
        return 1;
    sigwait(&s, &sig);
    MHD_stop_daemon(d);
    free(page);
    return 0;
}
