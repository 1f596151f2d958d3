/* server.h - the libmicrohttpd daemon and the request life cycle. */
#ifndef LIEFLEED_SERVER_H
#define LIEFLEED_SERVER_H

#include <stdbool.h>
#include <stddef.h>

struct app;
struct MHD_Daemon;

/* Bind the listening socket of app->cfg (so "port in use" is found before
 * anything else starts). Returns the socket or -1 with err filled. */
int server_bind(const struct app *app, char *err, size_t errlen);

/* Start serving on the bound socket with the worker pool. NULL on failure. */
struct MHD_Daemon *server_start(struct app *app, int listen_fd);

/* Stop accepting, wait up to grace_s seconds for requests in flight, then
 * stop the daemon. */
void server_stop(struct app *app, struct MHD_Daemon *d, unsigned grace_s);

#endif
