/* GET /beheer/betalingen - finance's overview (issue 5): the payouts
 * te_betalen with totals per wijk (how many, euros, bank or prepaid card,
 * how many wait for a makelaar to confirm a new IBAN), the form to make a
 * betaalbatch, and the latest batches. No IBANs here. Financien only;
 * every other role gets 404. */
#include "batch_pages.h"
#include "pages.h"
#include "staff_session.h"

enum MHD_Result
page_finance_overview(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct batch_overview_view v = {0};

    if (!staff_require(rq, "financien", &me, &ret))
        return ret;
    return batch_overview_reply(rq, &me, 200, &v);
}
