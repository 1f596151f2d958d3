/* GET /beheer/resultaat - the upload form for finance's result file, the
 * columns it needs, and the recent imports (financien only). After a
 * commit (?verwerkt=<id>) it says what the file did. */
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "result_import_view.h"
#include "staff_session.h"

enum MHD_Result
page_finance_import_form(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    const char *done;
    long long id = 0;

    if (!staff_require(rq, "financien", &me, &ret))
        return ret;
    done = urlenc_get(&rq->query, "verwerkt");
    if (done != NULL && strlen(done) <= 18 &&
        strspn(done, "0123456789") == strlen(done))
        id = strtoll(done, NULL, 10);
    return result_import_form_page(rq, &me, 200, NULL, id);
}
