/* GET /beheer - the staff home page: who is logged in, and the logout
 * button. Any role; without a session the visitor goes to /inloggen. */
#include "form_csrf.h"
#include "layout.h"
#include "pages.h"
#include "staff_session.h"

enum MHD_Result
page_staff_home(struct request *rq)
{
    struct staff me;
    char csrf[CSRF_TOKEN_MAX];
    enum MHD_Result ret;
    struct html h;

    if (!staff_require(rq, NULL, &me, &ret))
        return ret;
    form_csrf_issue(rq, "logout", csrf);
    html_init(&h);
    layout_begin(&h, "Beheer");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Beheer</h1>\n");
    HTML(&h, "<p class=\"utrecht-paragraph\">Ingelogd als {} ({})</p>\n",
         me.name, me.role);
    if (me.wijken[0])
        HTML(&h, "<p class=\"utrecht-paragraph\">Wijken: {}</p>\n", me.wijken);
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" action=\"/uitloggen\">"
         "\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
         "class=\"utrecht-button utrecht-button--secondary-action\">"
         "Uitloggen</button></p>\n</form>\n",
         csrf);
    layout_end(&h);
    return reply_html(rq, 200, &h);
}
