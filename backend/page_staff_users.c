/* GET /beheer/gebruikers - every staff account (name, e-mail, role,
 * wijken, enabled or not, last login) and the form for a new one.
 * Beheerder only. */
#include "pages.h"
#include "staff_admin_users.h"
#include "staff_session.h"

enum MHD_Result
page_staff_users(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    return staff_admin_users_page(rq, &me, 200, NULL, NULL);
}
