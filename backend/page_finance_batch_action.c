/* POST /beheer/batches/<number>/annuleren - cancel a live betaalbatch
 * whose result has not been imported (issue 5). A reason is required
 * (422 with the form again, what was typed kept); a missing or wrong CSRF
 * token (bound to this batch) 400; a batch that is not live any more or
 * already has results 409. On success 303 to the batch page: its payouts
 * are te_betalen again, its files stay stored and are shown as cancelled.
 * Financien only. */
#include <stdio.h>
#include <string.h>

#include "batch_create.h"
#include "batch_pages.h"
#include "pages.h"
#include "staff_csrf.h"
#include "staff_session.h"
#include "text_field.h"

#define SUFFIX "/annuleren"

enum MHD_Result
page_finance_batch_action(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct urlenc_pairs form = {NULL, 0};
    struct batch_page_view v = {0};
    const char *param = rq->path_param ? rq->path_param : "";
    size_t plen = strlen(param), slen = strlen(SUFFIX);
    char number[BATCH_NUMBER_SIZE], purpose[80], clean[2048], to[96];
    const char *reden;
    struct db_conn *db;
    long long lines = 0;

    if (!staff_require(rq, "financien", &me, &ret))
        return ret;
    if (plen <= slen || plen - slen >= sizeof(number) ||
        strcmp(param + plen - slen, SUFFIX) != 0)
        return reply_error(rq, 404, NULL);
    memcpy(number, param, plen - slen);
    number[plen - slen] = '\0';
    if (!batch_number_valid(number))
        return reply_error(rq, 404, NULL);
    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 8, 8192,
                     &form) != URLENC_OK)
        return reply_error(rq, 400, NULL);
    snprintf(purpose, sizeof(purpose), BATCH_CANCEL_PURPOSE_PREFIX "%s",
             number);
    if (!staff_csrf_valid(&me, purpose, urlenc_get(&form, "csrf"))) {
        ret = reply_error(rq, 400,
                          "Het formulier is verlopen. Ga terug, laad de "
                          "pagina opnieuw en probeer het nog een keer. De "
                          "batch is niet geannuleerd.");
        goto out;
    }
    reden = urlenc_get(&form, "reden");
    v.reden = reden;
    if (reden == NULL || strspn(reden, " \t\r\n") == strlen(reden))
        v.reden_error = "Schrijf op waarom u de batch annuleert.";
    else
        v.reden_error = text_field_check(reden, 1, 500, true, "nl");
    if (v.reden_error != NULL) {
        ret = batch_page_reply(rq, &me, number, 422, &v);
        goto out;
    }
    snprintf(clean, sizeof(clean), "%s", reden);
    db = request_db(rq);
    if (db == NULL) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    switch (batch_cancel(db, me.id, number, text_field_trim(clean), &lines)) {
    case BATCH_CANCELLED:
        snprintf(to, sizeof(to), "/beheer/batches/%s?geannuleerd=1", number);
        ret = reply_redirect(rq, to);
        break;
    case BATCH_NOT_CANCELLABLE:
        ret = batch_page_reply(
            rq, &me, number, 409,
            &(struct batch_page_view){.error = "Deze batch kan niet (meer) "
                                               "worden geannuleerd: hij is al "
                                               "geannuleerd of er is al een "
                                               "resultaat van financi\xc3\xabn "
                                               "ingelezen. Er is niets "
                                               "veranderd."});
        break;
    default:
        ret = reply_error(rq, 503, NULL);
        break;
    }
out:
    urlenc_pairs_free(&form);
    return ret;
}
