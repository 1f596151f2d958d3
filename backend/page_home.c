/* GET / - the landing page: what a Lief en Leedstraat is, in plain Dutch
 * (B1), and the way to apply. Needs no database. */
#include <string.h>

#include "layout.h"
#include "pages.h"

static void
home_nl(struct html *h)
{
    layout_begin(h, "Lief en Leedstraten");
    HTML_LIT(
        h,
        "<h1 class=\"utrecht-heading-1\">Lief en Leed in uw straat</h1>\n"
        "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
        "href=\"/?taal=en\" lang=\"en\">Read this page in English</a></p>\n"
        "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Wilt u iets "
        "doen voor uw buren als er iets moois of iets verdrietigs gebeurt? "
        "Dan kunt u een potje aanvragen: een klein bedrag van de gemeente, "
        "meestal 150 euro.</p>\n"
        "<h2 class=\"utrecht-heading-2\">Wat is een Lief en Leedstraat?</h2>\n"
        "<p class=\"utrecht-paragraph\">In een Lief en Leedstraat letten "
        "buren op elkaar. Een bewoner is de <strong>gangmaker</strong>. De "
        "gangmaker krijgt een potje en geeft daarmee aandacht aan buren. "
        "Bijvoorbeeld:</p>\n"
        "<ul class=\"utrecht-unordered-list\">\n"
        "<li class=\"utrecht-unordered-list__item\">bloemen als iemand ziek "
        "is;</li>\n"
        "<li class=\"utrecht-unordered-list__item\">een kaart bij de geboorte "
        "van een kind;</li>\n"
        "<li class=\"utrecht-unordered-list__item\">een cadeau bij een "
        "huwelijk van 50 jaar;</li>\n"
        "<li class=\"utrecht-unordered-list__item\">een welkom voor nieuwe "
        "buren.</li>\n"
        "</ul>\n"
        "<h2 class=\"utrecht-heading-2\">Hoe werkt het?</h2>\n"
        "<ol class=\"utrecht-ordered-list\">\n"
        "<li class=\"utrecht-ordered-list__item\">U vult het formulier in. "
        "Dat duurt ongeveer 10 minuten.</li>\n"
        "<li class=\"utrecht-ordered-list__item\">Een sociaal makelaar uit uw "
        "wijk bekijkt uw aanvraag. U hoort binnen 4 weken of u het potje "
        "krijgt.</li>\n"
        "<li class=\"utrecht-ordered-list__item\">De gemeente maakt het geld "
        "over. U houdt bij waaraan u het uitgeeft.</li>\n"
        "</ol>\n"
        "<p class=\"utrecht-paragraph\">Is het potje op? Dan kunt u een nieuw "
        "potje aanvragen. Zijn er in uw straat twee potjes uitbetaald? Dan is "
        "uw straat een echte Lief en Leedstraat.</p>\n"
        "<p class=\"utrecht-paragraph\"><a class=\"utrecht-button-link "
        "utrecht-button-link--html-a utrecht-button-link--primary-action\" "
        "href=\"/aanvragen\">Vraag een potje aan</a></p>\n"
        "<h2 class=\"utrecht-heading-2\">Hulp nodig?</h2>\n"
        "<p class=\"utrecht-paragraph\">Heeft u geen computer, of vindt u het "
        "formulier lastig? De sociaal makelaar in uw wijk helpt u graag. Die "
        "kan de aanvraag ook samen met u invullen.</p>\n");
}

static void
home_en(struct html *h)
{
    layout_begin(h, "Lief en Leed streets");
    HTML_LIT(
        h,
        "<div lang=\"en\">\n"
        "<h1 class=\"utrecht-heading-1\">Lief en Leed in your street</h1>\n"
        "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\" "
        "lang=\"nl\">Lees deze pagina in het Nederlands</a></p>\n"
        "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Would you "
        "like to do something for your neighbours when something good or sad "
        "happens? Then you can apply for a potje: a small amount from the "
        "city, usually 150 euros.</p>\n"
        "<h2 class=\"utrecht-heading-2\">What is a Lief en Leed street?</h2>\n"
        "<p class=\"utrecht-paragraph\">In a Lief en Leed street neighbours "
        "look out for each other. One resident is the <strong>organiser"
        "</strong> (gangmaker). The organiser receives a potje and uses it to "
        "give neighbours attention. For example:</p>\n"
        "<ul class=\"utrecht-unordered-list\">\n"
        "<li class=\"utrecht-unordered-list__item\">flowers when someone is "
        "ill;</li>\n"
        "<li class=\"utrecht-unordered-list__item\">a card when a baby is "
        "born;</li>\n"
        "<li class=\"utrecht-unordered-list__item\">a present for a 50-year "
        "wedding anniversary;</li>\n"
        "<li class=\"utrecht-unordered-list__item\">a welcome for new "
        "neighbours.</li>\n"
        "</ul>\n"
        "<h2 class=\"utrecht-heading-2\">How does it work?</h2>\n"
        "<ol class=\"utrecht-ordered-list\">\n"
        "<li class=\"utrecht-ordered-list__item\">You fill in the form. It "
        "takes about 10 minutes.</li>\n"
        "<li class=\"utrecht-ordered-list__item\">A social broker from your "
        "district looks at your application. Within 4 weeks you hear whether "
        "you receive the potje.</li>\n"
        "<li class=\"utrecht-ordered-list__item\">The city transfers the "
        "money. You keep track of what you spend it on.</li>\n"
        "</ol>\n"
        "<p class=\"utrecht-paragraph\">Is the potje used up? Then you can "
        "apply for a new one. Have two potjes been paid out in your street? "
        "Then your street is a real Lief en Leed street.</p>\n"
        "<p class=\"utrecht-paragraph\"><a class=\"utrecht-button-link "
        "utrecht-button-link--html-a utrecht-button-link--primary-action\" "
        "href=\"/aanvragen?taal=en\">Apply for a potje</a></p>\n"
        "<h2 class=\"utrecht-heading-2\">Need help?</h2>\n"
        "<p class=\"utrecht-paragraph\">No computer, or is the form hard? "
        "The social broker in your district is glad to help, and can fill in "
        "the application together with you.</p>\n</div>\n");
}

enum MHD_Result
page_home(struct request *rq)
{
    struct html h;

    html_init(&h);
    if (strcmp(request_lang(rq), "en") == 0)
        home_en(&h);
    else
        home_nl(&h);
    layout_end(&h);
    return reply_html(rq, 200, &h);
}
