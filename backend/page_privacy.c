/* GET /privacy - the privacy statement in plain language (B1). */
#include <string.h>

#include "layout.h"
#include "pages.h"

enum MHD_Result
page_privacy(struct request *rq)
{
    bool en = strcmp(request_lang(rq), "en") == 0;
    struct html h;

    html_init(&h);
    if (!en) {
        layout_begin(&h, "Privacyverklaring");
        HTML_LIT(
            &h,
            "<h1 class=\"utrecht-heading-1\">Privacyverklaring</h1>\n"
            "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
            "href=\"/privacy?taal=en\" lang=\"en\">Read this page in "
            "English</a></p>\n"
            "<h2 class=\"utrecht-heading-2\">Welke gegevens bewaren wij?</h2>\n"
            "<p class=\"utrecht-paragraph\">Uw naam, adres, postcode, "
            "e-mailadres, telefoonnummer (als u dat invult) en "
            "rekeningnummer (IBAN). Van een tweede gangmaker de naam en het "
            "e-mailadres. Wij vragen geen burgerservicenummer. Wij bewaren "
            "geen namen of gezondheid van uw buren; schrijf die ook niet "
            "op.</p>\n"
            "<h2 class=\"utrecht-heading-2\">Waarvoor?</h2>\n"
            "<p class=\"utrecht-paragraph\">Om uw aanvraag te behandelen, het "
            "geld over te maken en u te laten weten hoe het gaat. De gemeente "
            "maakt ook cijfers, maar daarin staan nooit namen.</p>\n"
            "<h2 class=\"utrecht-heading-2\">Wie ziet uw gegevens?</h2>\n"
            "<p class=\"utrecht-paragraph\">De sociaal makelaar van uw wijk "
            "en de afdeling financi\xc3\xabn van de gemeente. Niemand "
            "anders.</p>\n"
            "<h2 class=\"utrecht-heading-2\">Hoe lang?</h2>\n"
            "<p class=\"utrecht-paragraph\">Krijgt u het potje? Dan bewaren "
            "wij uw gegevens 7 jaar na de afrekening. Krijgt u het niet? Dan "
            "5 jaar. Trekt u de aanvraag in? Dan 1 jaar. Daarna halen wij uw "
            "naam en andere gegevens weg.</p>\n"
            "<h2 class=\"utrecht-heading-2\">Uw rechten</h2>\n"
            "<p class=\"utrecht-paragraph\">U mag altijd zien welke gegevens "
            "wij van u hebben, en vragen om iets te verbeteren. Dat kan via "
            "uw persoonlijke statuspagina of via de sociaal makelaar.</p>\n");
    } else {
        layout_begin(&h, "Privacy statement");
        HTML_LIT(
            &h,
            "<h1 class=\"utrecht-heading-1\" lang=\"en\">Privacy "
            "statement</h1>\n"
            "<div lang=\"en\">\n"
            "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
            "href=\"/privacy\" lang=\"nl\">Lees deze pagina in het "
            "Nederlands</a></p>\n"
            "<h2 class=\"utrecht-heading-2\">What do we keep?</h2>\n"
            "<p class=\"utrecht-paragraph\">Your name, address, postcode, "
            "email address, phone number (if you give it) and bank account "
            "(IBAN). Of a second organiser the name and email address. We do "
            "not ask for a citizen service number. We keep no names or "
            "health details of your neighbours; please do not write them "
            "down.</p>\n"
            "<h2 class=\"utrecht-heading-2\">What for?</h2>\n"
            "<p class=\"utrecht-paragraph\">To handle your application, pay "
            "the money and tell you how it is going. The city also makes "
            "figures, but they never contain names.</p>\n"
            "<h2 class=\"utrecht-heading-2\">Who sees your data?</h2>\n"
            "<p class=\"utrecht-paragraph\">The social broker of your "
            "district and the city's finance department. Nobody else.</p>\n"
            "<h2 class=\"utrecht-heading-2\">For how long?</h2>\n"
            "<p class=\"utrecht-paragraph\">If you receive the potje, we keep "
            "your data for 7 years after the final settlement; if not, 5 "
            "years; if you withdraw, 1 year. Then we remove your name and "
            "other details.</p>\n"
            "<h2 class=\"utrecht-heading-2\">Your rights</h2>\n"
            "<p class=\"utrecht-paragraph\">You may always see what we keep "
            "about you and ask us to correct it, on your private status page "
            "or through the social broker.</p>\n</div>\n");
    }
    layout_end(&h);
    return reply_html(rq, 200, &h);
}
