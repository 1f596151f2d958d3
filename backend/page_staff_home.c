/* GET /beheer - the staff home page: who is logged in, in which wijken,
 * and the sections their role may open. Any role; without a session the
 * visitor goes to /inloggen. */
#include <string.h>

#include "pages.h"
#include "staff_layout.h"
#include "staff_session.h"

static const char *
role_words(const char *role)
{
    if (strcmp(role, "makelaar") == 0)
        return "sociaal makelaar";
    if (strcmp(role, "financien") == 0)
        return "financi\xc3\xabn";
    if (strcmp(role, "beleid") == 0)
        return "beleid (alleen cijfers)";
    return "beheerder";
}

enum MHD_Result
page_staff_home(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct html h;

    if (!staff_require(rq, NULL, &me, &ret))
        return ret;
    html_init(&h);
    staff_layout_begin(rq, &h, &me, "Beheer", "start");
    HTML(&h, "<h1 class=\"utrecht-heading-1\">Welkom, {}</h1>\n", me.name);
    if (urlenc_get(&rq->query, "tweestaps") != NULL)
        HTML_LIT(&h, "<p class=\"utrecht-paragraph ll-notice\" "
                     "role=\"status\">Uw inlogcode-app is gekoppeld. Voortaan "
                     "vragen wij bij het inloggen ook de code uit de "
                     "app.</p>\n");
    HTML(&h, "<p class=\"utrecht-paragraph\">U bent ingelogd als {}.</p>\n",
         role_words(me.role));
    if (me.wijken[0])
        HTML(&h, "<p class=\"utrecht-paragraph\">Wijken: {}</p>\n", me.wijken);
    HTML_LIT(&h, "<h2 class=\"utrecht-heading-2\">Waar wilt u heen?</h2>\n");
    staff_layout_shortcuts(&h, &me);
    staff_layout_end(&h);
    return reply_html(rq, 200, &h);
}
