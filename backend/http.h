/* http.h - the request life cycle every page plugs into.
 *
 * A handler gets a struct request whose target has already been decoded
 * and checked (malformed escapes and invalid UTF-8 never reach it), whose
 * body (if any) is complete and within the limit, and whose method matched
 * the route. It answers by calling exactly one reply_* function and
 * returning its result. Per-request state is freed in the server's
 * request-completed callback, whatever happens.
 */
#ifndef LIEFLEED_HTTP_H
#define LIEFLEED_HTTP_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "html.h"
#include "urlenc.h"

struct app;
struct route;
struct db_conn;

struct request {
    struct app *app;
    struct MHD_Connection *conn;
    char method[12];
    char *target; /* raw request target as sent (owned) */
    char *path;   /* decoded path without query (owned; NULL when bad) */
    enum urlenc_status target_status;
    struct urlenc_pairs query;
    struct buf body;
    bool body_too_large;
    bool started;
    const struct route *route;
    const char *path_param; /* points into path after a prefix route */
    char allow[64];         /* for a 405: the Allow header */
    char set_cookie[192];   /* a Set-Cookie header to send, or "" */
    char set_cookie2[192];  /* a second one (the staff session), or "" */
    char retry_after[16];   /* a Retry-After header (429), or "" */
    struct db_conn *db;     /* borrowed from the pool; released at end */
    unsigned status;
    uint64_t bytes;
    uint64_t start_us;
    /* a Content-Disposition header for a download, or "": set it with
     * request_attachment() */
    char content_disposition[160];
};

typedef enum MHD_Result (*handler_fn)(struct request *rq);

/* The database connection of this request, borrowed from the pool on first
 * use. NULL when the database cannot be reached: answer 503. */
struct db_conn *request_db(struct request *rq);

/* Reply with a complete HTML page (ownership of the bytes moves to MHD). */
enum MHD_Result reply_html(struct request *rq, unsigned status,
                           struct html *page);

/* Reply with bytes. When must_free, data was malloc()ed and now belongs to
 * MHD; otherwise it must outlive the response (static data). */
enum MHD_Result reply_bytes(struct request *rq, unsigned status,
                            const char *content_type, const char *data,
                            size_t len, bool must_free,
                            const char *cache_control);

/* Reply with a friendly error page in the site layout: 400, 404, 405, 413,
 * 429, 500, 503. detail is an optional extra sentence (escaped). */
enum MHD_Result reply_error(struct request *rq, unsigned status,
                            const char *detail);

/* Reply 303 See Other to location (a path of ours). */
enum MHD_Result reply_redirect(struct request *rq, const char *location);

/* A request header or cookie, or NULL. Borrowed from MHD for the request. */
const char *request_header(struct request *rq, const char *name);
const char *request_cookie(struct request *rq, const char *name);

/* True when the body is application/x-www-form-urlencoded. */
bool request_is_form(struct request *rq);

/* An HMAC of the client's address (never the address itself: it is
 * personal data), for rate limits. */
void request_client_hash(struct request *rq, unsigned char out[32]);

/* "nl" or "en": the ?taal= of the request, else Dutch. */
const char *request_lang(struct request *rq);

/* Make the reply a download saved as filename (letters, digits, '.', '-'
 * and '_' only; anything else becomes '_'). */
void request_attachment(struct request *rq, const char *filename);

/* Microseconds on the monotonic clock. */
uint64_t now_us(void);

#endif
