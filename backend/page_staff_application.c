/* GET /beheer/aanvragen/<id> - the makelaar's page of one application
 * (staff_application_view.c), and GET /beheer/aanvragen/<id>/<action>
 * for the decision pages (staff_decision.h). Makelaar only; an id outside
 * their wijken answers 404, decided inside the queries. */
#include <string.h>

#include "pages.h"
#include "staff_application_view.h"
#include "staff_decision.h"
#include "staff_session.h"

/* The sentence after a successful action (Post/Redirect/Get). */
static const char *
done_text(const char *done)
{
    if (done == NULL)
        return NULL;
    if (strcmp(done, "in-behandeling") == 0)
        return "De aanvraag is in behandeling genomen.";
    if (strcmp(done, "vraag") == 0)
        return "Uw vraag staat nu op de statuspagina van de aanvrager. De "
               "aanvraag staat op \"Aanvulling gevraagd\" tot er antwoord is.";
    if (strcmp(done, "straat") == 0)
        return "De straat is gekoppeld aan de stratenlijst.";
    return NULL;
}

enum MHD_Result
page_staff_application(struct request *rq)
{
    struct staff_app_form st = {0};
    struct staff me;
    enum MHD_Result ret;
    const char *action;
    long long id;

    if (!staff_require(rq, "makelaar", &me, &ret))
        return ret;
    if (!staff_application_path(rq->path_param, &id, &action))
        return reply_error(rq, 404, NULL);
    if (action[0] == '\0') {
        st.banner = done_text(urlenc_get(&rq->query, "gedaan"));
        return staff_application_render(rq, &me, id, 200, &st);
    }
    if (staff_decision_known(action))
        return staff_decision_page(rq, &me, id, action);
    return reply_error(rq, 404, NULL);
}
