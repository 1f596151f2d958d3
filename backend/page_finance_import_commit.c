/* POST /beheer/resultaat/verwerken - apply a previewed result file (form
 * fields csrf, bestand = the stored file's id, sha256): checked again and
 * applied in one transaction, all rows or none (result_import.h). Then
 * 303 to the form, which shows the counts. Problems found now: the
 * preview again (422), nothing changed; the file applied before: 409 with
 * when and by whom. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "result_import_view.h"
#include "staff_csrf.h"
#include "staff_session.h"

static long long
id_of(const char *s)
{
    size_t n;

    if (s == NULL)
        return -1;
    n = strlen(s);
    if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
        return -1;
    return strtoll(s, NULL, 10);
}

enum MHD_Result
page_finance_import_commit(struct request *rq)
{
    struct urlenc_pairs form = {NULL, 0};
    struct staff me;
    enum MHD_Result ret;
    struct result_import x;
    struct db_conn *db;
    char purpose[64], where[64];
    const char *sha;
    long long id;

    if (!staff_require(rq, "financien", &me, &ret))
        return ret;
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 8, 4096,
                     &form) != URLENC_OK)
        return reply_error(rq, 400, NULL);
    id = id_of(urlenc_get(&form, "bestand"));
    sha = urlenc_get(&form, "sha256");
    result_import_commit_purpose(id, purpose, sizeof(purpose));
    if (id <= 0 || sha == NULL ||
        !staff_csrf_valid(&me, purpose, urlenc_get(&form, "csrf"))) {
        ret = reply_error(rq, 400,
                          "Het formulier is verlopen of hoort bij een ander "
                          "bestand. Lever het bestand opnieuw aan; er is "
                          "niets veranderd.");
        goto out;
    }
    db = request_db(rq);
    if (db == NULL) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    result_import_commit(db, me.id, id, sha, false, &x);
    switch (x.outcome) {
    case RESULT_IMPORT_APPLIED:
        snprintf(where, sizeof(where), "%s?verwerkt=%lld", RESULT_IMPORT_PATH,
                 id);
        ret = reply_redirect(rq, where);
        break;
    case RESULT_IMPORT_NO_FILE:
        ret = reply_error(rq, 404, NULL);
        break;
    case RESULT_IMPORT_DB_ERROR:
        ret = reply_error(rq, 503, NULL);
        break;
    default:
        ret = result_import_preview_page(rq, &me, &x, true);
        break;
    }
    result_import_free(&x);
out:
    urlenc_pairs_free(&form);
    return ret;
}
