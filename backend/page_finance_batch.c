/* GET /beheer/batches/<number> - one betaalbatch (issue 5): status,
 * control totals, per wijk, the lines (IBAN masked), the links to its
 * files and, while it is live and has no result, the cancel form.
 *
 * GET /beheer/batches/<number>/betaalbatch-<number>.csv, .xml, .pdf - the
 * stored file, the same bytes on every download. The files hold IBANs, so
 * each download is on the record (audit batch.download; a HEAD request
 * downloads nothing and is not recorded). Financien only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_create.h"
#include "batch_pages.h"
#include "log.h"
#include "pages.h"
#include "staff_session.h"

static enum MHD_Result
download(struct request *rq, const struct staff *me, const char *number,
         const char *file)
{
    static const struct {
        enum batch_file_kind kind;
        const char *type;
    } kinds[] = {
        {BATCH_FILE_CSV, "text/csv; charset=utf-8"},
        {BATCH_FILE_SEPA, "application/xml"},
        {BATCH_FILE_PDF, "application/pdf"},
    };
    struct db_conn *db = request_db(rq);
    unsigned char *data = NULL;
    size_t len = 0, i;
    long long id;
    char name[80];
    int r = 0;

    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        batch_file_name(number, kinds[i].kind, name, sizeof(name));
        if (strcmp(name, file) == 0)
            break;
    }
    if (i == sizeof(kinds) / sizeof(kinds[0]))
        return reply_error(rq, 404, NULL);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    if (strcmp(rq->method, "HEAD") == 0)
        r = db_batch_file(db, number, kinds[i].kind, &data, &len, &id);
    else
        r = batch_file_download(db, "staff", me->id, number, kinds[i].kind,
                                &data, &len);
    if (r <= 0) {
        if (r < 0)
            log_error("batch download: %s", db_last_error(db));
        return reply_error(rq, r < 0 ? 503 : 404, NULL);
    }
    request_attachment(rq, name);
    return reply_bytes(rq, 200, kinds[i].type, (const char *)data, len, true,
                       "private, no-store");
}

enum MHD_Result
page_finance_batch(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct batch_page_view v = {0};
    const char *param = rq->path_param ? rq->path_param : "";
    const char *slash = strchr(param, '/');
    char number[BATCH_NUMBER_SIZE];
    size_t n;

    if (!staff_require(rq, "financien", &me, &ret))
        return ret;
    n = slash ? (size_t)(slash - param) : strlen(param);
    if (n == 0 || n >= sizeof(number))
        return reply_error(rq, 404, NULL);
    memcpy(number, param, n);
    number[n] = '\0';
    if (!batch_number_valid(number))
        return reply_error(rq, 404, NULL);
    if (slash != NULL)
        return download(rq, &me, number, slash + 1);
    if (urlenc_get(&rq->query, "gemaakt") != NULL)
        v.notice =
            "De betaalbatch is gemaakt. Download de bestanden hieronder.";
    else if (urlenc_get(&rq->query, "geannuleerd") != NULL)
        v.notice = "De batch is geannuleerd. De uitbetalingen staan weer "
                   "klaar.";
    return batch_page_reply(rq, &me, number, 200, &v);
}
