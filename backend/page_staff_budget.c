/* GET /beheer/begroting?jaar=2026 - the budgets of a year: the city's,
 * the default potje and the most potjes per street (empty: the setting,
 * shown), each wijk's budget with what is awarded and what remains, and a
 * warning when the wijken together exceed the city. Beheerder only. */
#include "pages.h"
#include "staff_admin_budget.h"
#include "staff_session.h"

enum MHD_Result
page_staff_budget(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    const char *jaar = urlenc_get(&rq->query, "jaar");
    int year = staff_admin_this_year();

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    if (jaar != NULL && !staff_admin_parse_year(jaar, &year))
        return reply_error(rq, 400, "Kies een jaar tussen 2000 en 2100.");
    return staff_admin_budget_page(rq, &me, 200, year, NULL, NULL,
                                   urlenc_get(&rq->query, "opgeslagen")
                                       ? "De begroting is opgeslagen."
                                       : NULL);
}
