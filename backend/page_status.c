/* GET /status/<token>[/ontvangstbewijs.pdf | /toekenningsbrief.pdf |
 * /afwijzingsbrief.pdf | /mijn-gegevens.txt] - the resident's private
 * status page, the stored receipt and decision letters, and everything
 * stored about the resident.
 *
 * The token is the only key: a wrong one, of any length or alphabet, gets
 * the same 404 as an unknown page. The access log shows only the route. */
#include <stdlib.h>
#include <string.h>

#include "db_application.h"
#include "db_audit.h"
#include "db_status_actions.h"
#include "pages.h"
#include "status_page.h"

static enum MHD_Result
document(struct request *rq, const struct application_view *a, const char *kind)
{
    unsigned char *pdf = NULL;
    size_t len = 0;
    int r = db_document_get(request_db(rq), a->id, kind, &pdf, &len);

    if (r <= 0)
        return reply_error(rq, r < 0 ? 503 : 404, NULL);
    return reply_bytes(rq, 200, "application/pdf", (const char *)pdf, len, true,
                       "private, no-store");
}

static enum MHD_Result
personal_data(struct request *rq, const struct application_view *a)
{
    struct db_conn *db = request_db(rq);
    char *text = NULL;
    int r = db_personal_data(db, a->id, &text);

    /* downloading personal data is on the record; a HEAD (a link checker)
     * downloads nothing */
    if (r < 0 || text == NULL ||
        (strcmp(rq->method, "HEAD") != 0 &&
         db_audit_insert(db, "resident", 0, "personal_data.download",
                         "application", a->id, "{}") < 0)) {
        free(text);
        return reply_error(rq, 503, NULL);
    }
    return reply_bytes(rq, 200, "text/plain; charset=utf-8", text, strlen(text),
                       true, "private, no-store");
}

enum MHD_Result
page_status(struct request *rq)
{
    char token[STATUS_TOKEN_CHARS + 1];
    struct application_view *a;
    const char *rest;
    unsigned code = status_page_load(rq, token, &rest, &a);
    enum MHD_Result ret;

    if (code != 0)
        return reply_error(rq, code, NULL);
    if (rest[0] == '\0')
        ret = status_page_render(rq, 200, a, token, NULL);
    else if (strcmp(rest, RECEIPT_SUFFIX) == 0)
        ret = document(rq, a, "receipt");
    else if (strcmp(rest, AWARD_LETTER_SUFFIX) == 0)
        ret = document(rq, a, "award_letter");
    else if (strcmp(rest, REJECTION_LETTER_SUFFIX) == 0)
        ret = document(rq, a, "rejection_letter");
    else if (strcmp(rest, DATA_SUFFIX) == 0)
        ret = personal_data(rq, a);
    else
        ret = reply_error(rq, 404, NULL);
    free(a);
    return ret;
}
