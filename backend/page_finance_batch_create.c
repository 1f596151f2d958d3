/* POST /beheer/betalingen - make a betaalbatch (issue 5) of every payout
 * that is ready, or of those awarded up to a date (field "tot",
 * dd-mm-jjjj; empty: all). On success 303 to the new batch's page. When
 * nothing can be batched (also the second click of a double click: the
 * first batch took everything) the overview says so (409); a bad date
 * 422; files that cannot be made (a setting such as the paying IBAN
 * is missing) 409 with the reason; a missing or wrong CSRF token 400. Nothing
 * is half made: see batch_create.h. Financien only. */
#include <stdio.h>
#include <string.h>

#include "batch_create.h"
#include "batch_pages.h"
#include "expense_fields.h"
#include "pages.h"
#include "staff_csrf.h"
#include "staff_session.h"

enum MHD_Result
page_finance_batch_create(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct urlenc_pairs form = {NULL, 0};
    struct batch_overview_view v = {0};
    struct batch_create_result res;
    char iso[EXPENSE_DATE_ISO_SIZE], to[96];
    const char *tot, *until = NULL;
    struct db_conn *db;

    if (!staff_require(rq, "financien", &me, &ret))
        return ret;
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 8, 4096,
                     &form) != URLENC_OK)
        return reply_error(rq, 400, NULL);
    if (!staff_csrf_valid(&me, BATCH_CREATE_PURPOSE,
                          urlenc_get(&form, "csrf"))) {
        ret = reply_error(rq, 400,
                          "Het formulier is verlopen. Ga terug, laad de "
                          "pagina opnieuw en probeer het nog een keer. Er is "
                          "geen batch gemaakt.");
        goto out;
    }
    tot = urlenc_get(&form, "tot");
    v.tot = tot;
    if (tot != NULL && strspn(tot, " \t") != strlen(tot)) {
        v.tot_error = expense_date_parse(tot, iso, "nl");
        if (v.tot_error != NULL) {
            ret = batch_overview_reply(rq, &me, 422, &v);
            goto out;
        }
        until = iso;
    }
    db = request_db(rq);
    if (db == NULL) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    switch (batch_create(db, me.id, until, &res)) {
    case BATCH_MADE:
        snprintf(to, sizeof(to), "/beheer/batches/%s?gemaakt=1", res.number);
        ret = reply_redirect(rq, to);
        break;
    case BATCH_NOTHING:
        v.banner = res.message;
        v.banner_is_error = true;
        ret = batch_overview_reply(rq, &me, 409, &v);
        break;
    case BATCH_FILES_FAILED:
        v.banner = res.message;
        v.banner_is_error = true;
        ret = batch_overview_reply(rq, &me, 409, &v);
        break;
    case BATCH_NOT_ALLOWED:
        ret = reply_error(rq, 404, NULL);
        break;
    default:
        ret = reply_error(rq, 503, NULL);
        break;
    }
out:
    urlenc_pairs_free(&form);
    return ret;
}
