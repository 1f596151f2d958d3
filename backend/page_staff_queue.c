/* GET /beheer/aanvragen - the sociaal makelaar's work list.
 *
 *   ?wijk=03            one of the makelaar's wijken (another: 404);
 *                       without it, all of them
 *   ?status=ingediend   one status, "open" (the default: ingediend,
 *                       in_behandeling, aanvulling_gevraagd) or "alle"
 *   ?na=<id>            the next page: the rows after this application
 *
 * Oldest first, STAFF_QUEUE_PAGE rows a page (keyset, so a wijk with
 * thousands of applications stays fast), counts per wijk and per status,
 * and the flags as text badges. Makelaar only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_staff_queue.h"
#include "log.h"
#include "pages.h"
#include "staff_application_words.h"
#include "staff_layout.h"
#include "staff_session.h"

#define OPEN_STATUSES "ingediend,in_behandeling,aanvulling_gevraagd"
#define ALL_STATUSES OPEN_STATUSES ",toegekend,afgewezen,ingetrokken"

static const char *const status_order[] = {
    "ingediend", "in_behandeling", "aanvulling_gevraagd",
    "toegekend", "afgewezen",      "ingetrokken",
};
#define NSTATUS (sizeof(status_order) / sizeof(status_order[0]))

static bool
is_open(const char *status)
{
    return strstr(OPEN_STATUSES, status) != NULL;
}

/* Applications of wijk (NULL: every wijk) in status ("open", "alle" or
 * one status). */
static long long
count_of(const struct staff_queue_count *c, int n, const char *wijk,
         const char *status)
{
    long long total = 0;
    int i;

    for (i = 0; i < n; i++) {
        if (wijk != NULL && strcmp(c[i].wijk, wijk) != 0)
            continue;
        if (strcmp(status, "alle") == 0 ||
            (strcmp(status, "open") == 0 && is_open(c[i].status)) ||
            strcmp(status, c[i].status) == 0)
            total += c[i].n;
    }
    return total;
}

static void
queue_url(char *out, size_t len, const char *wijk, const char *status)
{
    snprintf(out, len, "/beheer/aanvragen?%s%s%sstatus=%s", wijk ? "wijk=" : "",
             wijk ? wijk : "", wijk ? "&" : "", status);
}

static void
tab(struct html *h, const char *url, const char *label, long long n,
    bool current)
{
    char num[24];

    snprintf(num, sizeof(num), "%lld", n);
    if (current)
        HTML(h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"{}\" aria-current=\"page\">"
             "<strong>{} ({})</strong></a></li>\n",
             url, label, num);
    else
        HTML(h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"{}\">{} ({})</a></li>\n",
             url, label, num);
}

/* Per wijk: the open applications of each of the makelaar's wijken. */
static void
wijk_tabs(struct html *h, const struct staff *me,
          const struct staff_queue_count *c, int n, const char *wijk,
          const char *status)
{
    char url[96], label[32], code[3];
    const char *p = me->wijken;

    HTML_LIT(h, "<nav aria-label=\"Wijken\"><h2 class=\"utrecht-heading-2\">"
                "Wijken (open aanvragen)</h2>\n<ul class=\"utrecht-unordered-"
                "list ll-tabs\">\n");
    queue_url(url, sizeof(url), NULL, status);
    tab(h, url, "Al mijn wijken", count_of(c, n, NULL, "open"), wijk == NULL);
    while (strlen(p) >= 2) {
        memcpy(code, p, 2);
        code[2] = '\0';
        queue_url(url, sizeof(url), code, status);
        snprintf(label, sizeof(label), "Wijk %s", code);
        tab(h, url, label, count_of(c, n, code, "open"),
            wijk != NULL && strcmp(wijk, code) == 0);
        p += 2;
        if (*p == ',')
            p++;
    }
    HTML_LIT(h, "</ul></nav>\n");
}

static void
status_tabs(struct html *h, const struct staff_queue_count *c, int n,
            const char *wijk, const char *status)
{
    char url[96];
    size_t i;

    HTML_LIT(h, "<nav aria-label=\"Stand\"><h2 class=\"utrecht-heading-2\">"
                "Stand</h2>\n<ul class=\"utrecht-unordered-list ll-tabs\">\n");
    queue_url(url, sizeof(url), wijk, "open");
    tab(h, url, "Open", count_of(c, n, wijk, "open"),
        strcmp(status, "open") == 0);
    for (i = 0; i < NSTATUS; i++) {
        queue_url(url, sizeof(url), wijk, status_order[i]);
        tab(h, url, staff_status_label(status_order[i]),
            count_of(c, n, wijk, status_order[i]),
            strcmp(status, status_order[i]) == 0);
    }
    queue_url(url, sizeof(url), wijk, "alle");
    tab(h, url, "Alle", count_of(c, n, wijk, "alle"),
        strcmp(status, "alle") == 0);
    HTML_LIT(h, "</ul></nav>\n");
}

static void
badge(struct html *h, const char *text)
{
    HTML(h,
         "<span class=\"utrecht-badge-status utrecht-badge-status--warning "
         "ll-flag\">{}</span> ",
         text);
}

static void
row(struct html *h, const struct staff_queue_row *r)
{
    char url[48], days[24];

    snprintf(url, sizeof(url), "/beheer/aanvragen/%lld", r->id);
    snprintf(days, sizeof(days), "%lld", r->days_waiting);
    HTML(h,
         "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-"
         "cell\" scope=\"row\"><a class=\"utrecht-link\" href=\"{}\">{}</a>"
         "</th><td class=\"utrecht-table__cell\">{}</td><td "
         "class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">{}"
         "</td><td class=\"utrecht-table__cell\">{}</td><td "
         "class=\"utrecht-table__cell\">{}</td><td "
         "class=\"utrecht-table__cell\">{}</td><td "
         "class=\"utrecht-table__cell\">{}</td><td "
         "class=\"utrecht-table__cell\">",
         url, r->reference, r->submitted, days, r->street, r->wijk,
         r->organiser, staff_status_label(r->status));
    if (r->unknown_street)
        badge(h, "Onbekende straat");
    if (r->second_open)
        badge(h, "Tweede open aanvraag");
    if (r->over_yearly_maximum)
        badge(h, "Boven jaarmaximum");
    if (r->iban_unconfirmed)
        badge(h, "IBAN gewijzigd");
    if (r->entered_by_staff)
        badge(h, "Ingevoerd door makelaar");
    HTML_LIT(h, "</td></tr>\n");
}

static void
table(struct html *h, const struct staff_queue_row *rows, int n)
{
    int i;

    if (n == 0) {
        HTML_LIT(h, "<p class=\"utrecht-paragraph\">Er zijn geen aanvragen "
                    "in deze lijst.</p>\n");
        return;
    }
    HTML_LIT(h, "<table class=\"utrecht-table utrecht-table--html-table "
                "ll-queue\">\n<caption class=\"utrecht-table__caption\">"
                "Aanvragen, de oudste eerst</caption>\n"
                "<thead class=\"utrecht-table__header\"><tr "
                "class=\"utrecht-table__row\">"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Aanvraag</th>"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Ingediend</th>"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Dagen wachtend</th>"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Straat</th>"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Wijk</th>"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Gangmaker</th>"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Stand</th>"
                "<th class=\"utrecht-table__header-cell\" scope=\"col\">"
                "Let op</th></tr></thead>\n"
                "<tbody class=\"utrecht-table__body\">\n");
    for (i = 0; i < n; i++)
        row(h, &rows[i]);
    HTML_LIT(h, "</tbody>\n</table>\n");
}

/* A positive id, or 0 for anything else. */
static long long
parse_id(const char *s)
{
    long long v = 0;

    if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 15)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (*s - '0');
    }
    return v;
}

enum MHD_Result
page_staff_queue(struct request *rq)
{
    struct staff_queue_count *counts = NULL;
    struct staff_queue_row *rows = NULL;
    struct staff_queue_query q;
    struct staff me;
    struct db_conn *db;
    struct html h;
    const char *wijk, *status, *na;
    enum MHD_Result ret;
    int n, ncounts;

    if (!staff_require(rq, "makelaar", &me, &ret))
        return ret;
    wijk = urlenc_get(&rq->query, "wijk");
    if (wijk != NULL && wijk[0] == '\0')
        wijk = NULL;
    if (wijk != NULL && !staff_has_wijk(&me, wijk))
        return reply_error(rq, 404, NULL);
    status = urlenc_get(&rq->query, "status");
    if (status == NULL || status[0] == '\0')
        status = "open";
    if (strcmp(status, "open") != 0 && strcmp(status, "alle") != 0 &&
        !staff_status_valid(status))
        return reply_error(rq, 400,
                           "Deze stand bestaat niet. Kies een stand uit de "
                           "lijst.");
    na = urlenc_get(&rq->query, "na");
    memset(&q, 0, sizeof(q));
    q.wijken = me.wijken;
    q.wijk = wijk;
    q.statuses = strcmp(status, "open") == 0   ? OPEN_STATUSES
                 : strcmp(status, "alle") == 0 ? ALL_STATUSES
                                               : status;
    q.after_id = parse_id(na);
    if (na != NULL && q.after_id == 0)
        return reply_error(rq, 400, NULL);

    if ((db = request_db(rq)) == NULL)
        return reply_error(rq, 503, NULL);
    ncounts = db_staff_queue_counts(db, me.wijken, &counts);
    n = ncounts < 0 ? ncounts : db_staff_queue_page(db, &q, &rows);
    if (n < 0) {
        log_error("staff queue: %s", db_last_error(db));
        free(counts);
        return reply_error(rq, 503, NULL);
    }

    html_init(&h);
    staff_layout_begin(rq, &h, &me, "Aanvragen", "aanvragen");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Aanvragen</h1>\n");
    wijk_tabs(&h, &me, counts, ncounts, wijk, status);
    status_tabs(&h, counts, ncounts, wijk, status);
    table(&h, rows, n > STAFF_QUEUE_PAGE ? STAFF_QUEUE_PAGE : n);
    if (q.after_id || n > STAFF_QUEUE_PAGE) {
        char url[128];

        HTML_LIT(&h, "<p class=\"utrecht-paragraph ll-pages\">");
        if (q.after_id) {
            queue_url(url, sizeof(url), wijk, status);
            HTML(&h,
                 "<a class=\"utrecht-link\" href=\"{}\">Naar het begin"
                 "</a> ",
                 url);
        }
        if (n > STAFF_QUEUE_PAGE) {
            size_t len;

            queue_url(url, sizeof(url), wijk, status);
            len = strlen(url);
            snprintf(url + len, sizeof(url) - len, "&na=%lld",
                     rows[STAFF_QUEUE_PAGE - 1].id);
            HTML(&h,
                 "<a class=\"utrecht-link\" rel=\"next\" href=\"{}\">"
                 "Volgende aanvragen</a>",
                 url);
        }
        HTML_LIT(&h, "</p>\n");
    }
    staff_layout_end(&h);
    free(rows);
    free(counts);
    return reply_html(rq, 200, &h);
}
