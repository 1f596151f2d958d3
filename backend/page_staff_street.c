/* GET /beheer/straten/<id> - one street: its wijk(en), buurt(en), its Lief
 * en Leedstraat status and the full history of its applications, oldest
 * first (?pagina=N for long ones). Makelaar (own wijken only; another
 * wijk's street answers 404 like one that does not exist) and beheerder
 * (every street, no personal data, and the merge form). The page itself
 * is drawn by staff_street_view.c. */
#include <string.h>

#include "pages.h"
#include "staff_session.h"
#include "staff_street_view.h"

enum MHD_Result
page_staff_street(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct street_merge_view mv = {0};
    long long id, moved;
    long page;

    if (!staff_require(rq, "makelaar,beheerder", &me, &ret))
        return ret;
    if (!staff_street_parse_id(rq->path_param, &id))
        return reply_error(rq, 404, NULL);
    if (!staff_street_page_param(rq, &page))
        return reply_error(rq, 400, "Dit paginanummer bestaat niet.");
    mv.moved = urlenc_get(&rq->query, "verplaatst");
    /* only a number is echoed back, never other text from the URL */
    if (mv.moved != NULL && strcmp(mv.moved, "0") != 0 &&
        !staff_street_parse_id(mv.moved, &moved))
        mv.moved = NULL;
    return staff_street_view(rq, &me, id, page, &mv, 200);
}
