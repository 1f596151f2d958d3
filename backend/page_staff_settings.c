/* GET /beheer/instellingen - every setting with a Dutch label, editable
 * by kind (number, amount, yes/no, one character, IBAN, text).
 * Beheerder only. */
#include "pages.h"
#include "staff_admin_settings.h"
#include "staff_session.h"

enum MHD_Result
page_staff_settings(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    return staff_admin_settings_page(rq, &me, 200, NULL, NULL, 0, NULL,
                                     urlenc_get(&rq->query, "opgeslagen")
                                         ? "De instellingen zijn opgeslagen."
                                         : NULL);
}
