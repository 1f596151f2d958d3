/* POST /beheer/resultaat - upload finance's result file (multipart form
 * with csrf and the file part "bestand"), store it and show the preview:
 * every problem with its line, or the Verwerken form. Nothing but the
 * stored file changes here. This route takes bodies up to 16 MB
 * (routes_table.c); a larger one gets 413 before it is read. */
#include <string.h>

#include "multipart.h"
#include "pages.h"
#include "result_import_view.h"
#include "staff_csrf.h"
#include "staff_session.h"

enum MHD_Result
page_finance_import_upload(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    char boundary[MULTIPART_BOUNDARY_MAX + 1], token[CSRF_TOKEN_MAX];
    const struct multipart_part *file;
    struct result_import x;
    struct multipart m;
    enum multipart_status st;
    struct db_conn *db;

    if (!staff_require(rq, "financien", &me, &ret))
        return ret;
    st = multipart_boundary(request_header(rq, "Content-Type"), boundary);
    if (st == MULTIPART_NOT_MULTIPART)
        return reply_error(rq, 415, NULL);
    if (st == MULTIPART_OK)
        st = multipart_parse(rq->body.data ? rq->body.data : "", rq->body.len,
                             boundary, &m);
    if (st != MULTIPART_OK)
        return reply_error(rq, 400, multipart_status_message(st));
    if (!multipart_text(&m, "csrf", token, sizeof(token)) ||
        !staff_csrf_valid(&me, RESULT_IMPORT_CSRF, token))
        return reply_error(rq, 400,
                           "Het formulier is verlopen of hoort bij een andere "
                           "pagina. Laad de pagina opnieuw en probeer het nog "
                           "een keer; er is niets veranderd.");
    file = multipart_get(&m, "bestand");
    if (file == NULL || file->filename == NULL ||
        (file->len == 0 && file->filename_len == 0))
        return result_import_form_page(rq, &me, 422,
                                       "Kies het resultaatbestand.", 0);
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    result_import_preview(db, me.id, file->data, file->len, &x);
    if (x.outcome == RESULT_IMPORT_DB_ERROR)
        ret = reply_error(rq, 503, NULL);
    else
        ret = result_import_preview_page(rq, &me, &x, false);
    result_import_free(&x);
    return ret;
}
