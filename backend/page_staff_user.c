/* GET /beheer/gebruikers/<id> - the edit form of one staff account: name,
 * role, wijken, switched off or not, a new password. Beheerder only; an
 * unknown id is 404. */
#include "pages.h"
#include "staff_admin_common.h"
#include "staff_admin_users.h"
#include "staff_session.h"

enum MHD_Result
page_staff_user(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    long long id;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    if (!staff_admin_parse_id(rq->path_param, &id))
        return reply_error(rq, 404, NULL);
    return staff_admin_user_page(rq, &me, 200, id, NULL, NULL,
                                 urlenc_get(&rq->query, "opgeslagen")
                                     ? "De wijzigingen zijn opgeslagen."
                                     : NULL);
}
