/* reply.c - building responses: security headers on every one, the error
 * pages, and the per-request database connection. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
    if (rq->set_cookie[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE,
                                rq->set_cookie);
    if (rq->set_cookie2[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE,
                                rq->set_cookie2);
    if (rq->retry_after[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER,
                                rq->retry_after);
    if (rq->content_disposition[0] && status == 200)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
                                rq->content_disposition);
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
        static const char oops[] = "Er ging iets mis. Probeer het later "
                                   "opnieuw.\n";
        html_free(page);
        return reply_bytes(rq, 500, "text/plain; charset=utf-8", oops,
                           sizeof(oops) - 1, false, NULL);
    }
    bytes = html_steal(page, &len);
    if (bytes == NULL)
        return MHD_NO;
    return reply_bytes(rq, status, "text/html; charset=utf-8", bytes, len, true,
                       NULL);
}

enum MHD_Result
reply_redirect(struct request *rq, const char *location)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);

    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, location);
    return queue(rq, 303, resp, "text/plain; charset=utf-8", NULL, 0);
}

const char *
request_header(struct request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *
request_cookie(struct request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

bool
request_is_form(struct request *rq)
{
    const char *ct = request_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE);
    static const char want[] = "application/x-www-form-urlencoded";

    return ct != NULL && strncasecmp(ct, want, sizeof(want) - 1) == 0 &&
           (ct[sizeof(want) - 1] == '\0' || ct[sizeof(want) - 1] == ';');
}

/* Behind a load balancer every resident has its address. When the peer
 * is one of LIEFLEED_TRUSTED_PROXIES, the client is the last address the
 * proxy added to X-Forwarded-For (earlier ones the client could forge). */
static void
client_behind_proxy(struct request *rq, char *addr, size_t len)
{
    const char *list = rq->app->cfg.trusted_proxies, *p, *xff, *last;
    size_t n = strlen(addr), k;
    bool trusted = false;

    for (p = list; *p != '\0' && !trusted; p += k + (p[k] == ',')) {
        while (*p == ' ')
            p++;
        k = strcspn(p, ",");
        size_t e = k;
        while (e > 0 && p[e - 1] == ' ')
            e--;
        trusted = e == n && strncmp(p, addr, n) == 0;
    }
    if (!trusted)
        return;
    xff = request_header(rq, "X-Forwarded-For");
    if (xff == NULL)
        return;
    last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    while (*last == ' ')
        last++;
    k = strcspn(last, " ");
    if (k > 0 && k < len) {
        memcpy(addr, last, k);
        addr[k] = '\0';
    }
}

void
request_client_hash(struct request *rq, unsigned char out[32])
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char addr[INET6_ADDRSTRLEN] = "unknown";
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;

    if (sa != NULL && sa->sa_family == AF_INET)
        inet_ntop(AF_INET,
                  &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                  addr, sizeof(addr));
    else if (sa != NULL && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6,
                  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                  addr, sizeof(addr));
    client_behind_proxy(rq, addr, sizeof(addr));
    crypto_auth_hmacsha256(out, (const unsigned char *)addr, strlen(addr),
                           rq->app->client_key);
}

const char *
request_lang(struct request *rq)
{
    const char *l = urlenc_get(&rq->query, "taal");
    return (l != NULL && strcmp(l, "en") == 0) ? "en" : "nl";
}

/* Dutch first; the English sentence follows on the same page, so a
 * resident new to Dutch understands any error whatever link brought them. */
struct error_text {
    unsigned status;
    const char *title;
    const char *text;
    const char *en;
};

static const struct error_text error_texts[] = {
    {400, "Dit adres klopt niet",
     "Het adres van deze pagina bevat tekens die wij niet kunnen lezen. "
     "Controleer het adres of ga naar de startpagina.",
     "This address contains characters we cannot read. Check the address or go "
     "to the home page."},
    {404, "Deze pagina bestaat niet",
     "Misschien is het adres verkeerd getypt, of is de pagina verplaatst.",
     "This page does not exist. Perhaps the address was mistyped, or the page "
     "has moved."},
    {405, "Dit kan hier niet",
     "Deze pagina kan niet op deze manier worden gebruikt.",
     "This page cannot be used in this way."},
    {415, "Dit formulier kwam niet goed aan",
     "Wat u stuurde is geen gewoon formulier. Ga terug naar het formulier "
     "en verstuur het opnieuw.",
     "What you sent is not an ordinary form. Go back to the form and send it "
     "again."},
    {413, "Wat u stuurt is te groot",
     "Het formulier of bestand is groter dan wij aannemen. Maak het kleiner "
     "en probeer het opnieuw.",
     "What you sent is larger than we accept. Make it smaller and try again."},
    {429, "Even geduld",
     "Er kwamen te veel verzoeken tegelijk binnen. Wacht even en probeer "
     "het dan opnieuw. Wat u hebt ingevuld, blijft bewaard in uw browser.",
     "Too many requests arrived at once. Wait a moment and try again."},
    {500, "Er ging iets mis",
     "Er ging bij ons iets mis. Probeer het later opnieuw. Blijft het "
     "misgaan? Neem dan contact op met uw sociaal makelaar.",
     "Something went wrong on our side. Please try again later, or contact "
     "your social broker."},
    {503, "Tijdelijk niet beschikbaar",
     "Deze dienst is even niet bereikbaar. Probeer het over een paar "
     "minuten opnieuw.",
     "This service is briefly unavailable. Please try again in a few minutes."},
};

enum MHD_Result
reply_error(struct request *rq, unsigned status, const char *detail)
{
    const struct error_text *t = NULL, *fallback = NULL;
    struct html h;
    size_t i;
    char code[16];

    for (i = 0; i < sizeof(error_texts) / sizeof(error_texts[0]); i++) {
        if (error_texts[i].status == status)
            t = &error_texts[i];
        if (error_texts[i].status == 500)
            fallback = &error_texts[i];
    }
    if (t == NULL)
        t = fallback;
    if (t == NULL)
        return MHD_NO;
    snprintf(code, sizeof(code), "%u", status);
    html_init(&h);
    layout_begin(&h, t->title);
    HTML(&h, "<h1 class=\"utrecht-heading-1\">{}</h1>\n", t->title);
    HTML(&h, "<p class=\"utrecht-paragraph\">{}</p>\n", t->text);
    if (detail != NULL)
        HTML(&h, "<p class=\"utrecht-paragraph\">{}</p>\n", detail);
    HTML(&h, "<p class=\"utrecht-paragraph\" lang=\"en\">In English: {}</p>\n",
         t->en);
    HTML(&h,
         "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
         "href=\"/\">Naar de startpagina</a></p>\n"
         "<p class=\"utrecht-paragraph ll-error-code\">Foutcode {}</p>\n",
         code);
    layout_end(&h);
    return reply_html(rq, status, &h);
}

void
request_attachment(struct request *rq, const char *filename)
{
    char safe[96];
    size_t i;

    for (i = 0; i < sizeof(safe) - 1 && filename[i]; i++) {
        char c = filename[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';

        safe[i] = ok ? c : '_';
    }
    safe[i] = '\0';
    snprintf(rq->content_disposition, sizeof(rq->content_disposition),
             "attachment; filename=\"%s\"", safe);
}
