/* reply.c - building responses: security headers on every one, the error
 * pages, and the per-request database connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "db.h"
#include "http.h"
#include "layout.h"

/* No inline script or style anywhere: the pages work without JavaScript and
 * the CSP says so. */
#define CSP                                                                    \
    "default-src 'none'; style-src 'self'; img-src 'self' data:; "             \
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; "            \
    "base-uri 'none'"

uint64_t
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

struct db_conn *
request_db(struct request *rq)
{
    if (rq->db == NULL && rq->app->pool != NULL)
        rq->db = db_acquire(rq->app->pool, 5000);
    return rq->db;
}

static enum MHD_Result
queue(struct request *rq, unsigned status, struct MHD_Response *resp,
      const char *content_type, const char *cache_control, size_t len)
{
    enum MHD_Result ret;

    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Permissions-Policy",
                            "camera=(), microphone=(), geolocation=()");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                            cache_control ? cache_control : "no-store");
    if (rq->allow[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, rq->allow);
    ret = MHD_queue_response(rq->conn, status, resp);
    MHD_destroy_response(resp);
    rq->status = status;
    rq->bytes = len;
    return ret;
}

enum MHD_Result
reply_bytes(struct request *rq, unsigned status, const char *content_type,
            const char *data, size_t len, bool must_free,
            const char *cache_control)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        len, (void *)(uintptr_t)data,
        must_free ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);

    if (resp == NULL && must_free)
        free((void *)(uintptr_t)data);
    return queue(rq, status, resp, content_type, cache_control, len);
}

enum MHD_Result
reply_html(struct request *rq, unsigned status, struct html *page)
{
    size_t len;
    char *bytes;

    if (html_failed(page)) {
        html_free(page);
        return reply_error(rq, 500, NULL);
    }
    bytes = html_steal(page, &len);
    if (bytes == NULL)
        return MHD_NO;
    return reply_bytes(rq, status, "text/html; charset=utf-8", bytes, len, true,
                       NULL);
}

struct error_text {
    unsigned status;
    const char *title;
    const char *text;
};

static const struct error_text error_texts[] = {
    {400, "Dit adres klopt niet",
     "Het adres van deze pagina bevat tekens die wij niet kunnen lezen. "
     "Controleer het adres of ga naar de startpagina."},
    {404, "Deze pagina bestaat niet",
     "Misschien is het adres verkeerd getypt, of is de pagina verplaatst."},
    {405, "Dit kan hier niet",
     "Deze pagina kan niet op deze manier worden gebruikt."},
    {413, "Wat u stuurt is te groot",
     "Het formulier of bestand is groter dan wij aannemen. Maak het kleiner "
     "en probeer het opnieuw."},
    {429, "Even geduld",
     "Er kwamen te veel verzoeken tegelijk binnen. Wacht even en probeer "
     "het dan opnieuw. Wat u hebt ingevuld, blijft bewaard in uw browser."},
    {500, "Er ging iets mis",
     "Er ging bij ons iets mis. Probeer het later opnieuw. Blijft het "
     "misgaan? Neem dan contact op met uw sociaal makelaar."},
    {503, "Tijdelijk niet beschikbaar",
     "Deze dienst is even niet bereikbaar. Probeer het over een paar "
     "minuten opnieuw."},
};

enum MHD_Result
reply_error(struct request *rq, unsigned status, const char *detail)
{
    const struct error_text *t = &error_texts[5]; /* 500 */
    struct html h;
    size_t i;
    char code[16];

    for (i = 0; i < sizeof(error_texts) / sizeof(error_texts[0]); i++)
        if (error_texts[i].status == status)
            t = &error_texts[i];
    snprintf(code, sizeof(code), "%u", status);
    html_init(&h);
    layout_begin(&h, t->title);
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", t->title);
    HTML(&h, "<p class=\"utrecht-paragraph\">{}</p>\n", t->text);
    if (detail != NULL)
        HTML(&h, "<p class=\"utrecht-paragraph\">{}</p>\n", detail);
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"/\">Naar de startpagina</a></p>\n"
         "<p class=\"utrecht-paragraph ll-error-code\">Foutcode {}</p>\n",
         code);
    layout_end(&h);
    return reply_html(rq, status, &h);
}
