#include "staff_layout.h"

#include <string.h>

#include "form_csrf.h"
#include "layout.h"

struct nav_item {
    const char *section;
    const char *href;
    const char *label;
    const char *roles;       /* who sees it */
    const char *description; /* on the home page; NULL: not listed there */
};

/* One list for the whole staff side, so no role is shown a link it would
 * get a 404 for (the routes check the same roles themselves). */
static const struct nav_item nav[] = {
    {"start", "/beheer", "Start", NULL, NULL},
    {"aanvragen", "/beheer/aanvragen", "Aanvragen", "makelaar",
     "de aanvragen van uw wijken, de oudste eerst"},
    {"invoeren", "/beheer/aanvragen/nieuw", "Aanvraag invoeren", "makelaar",
     "een aanvraag invullen voor een bewoner zonder computer"},
    {"straten", "/beheer/straten", "Straten", "makelaar,beheerder",
     "potjes per straat en de Lief en Leedstraten"},
    {"steekproef", "/beheer/steekproef", "Steekproef", "makelaar,beheerder",
     "controle van bonnetjes bij een deel van de afgeronde potjes"},
    {"betalingen", "/beheer/betalingen", "Betalingen", "financien",
     "uitbetalingen die klaarstaan, betaalbatches en hun bestanden"},
    {"resultaat", "/beheer/resultaat", "Resultaat inlezen", "financien",
     "het resultaatbestand van de bank of financi\xc3\xabn verwerken"},
    {"afstemming", "/beheer/afstemming", "Afstemming", "financien,beheerder",
     "per batch en per jaar: is elke euro terug te vinden?"},
    {"gebruikers", "/beheer/gebruikers", "Gebruikers", "beheerder",
     "accounts, rollen en wijken"},
    {"begroting", "/beheer/begroting", "Begroting", "beheerder",
     "budget van de stad en de wijken per jaar"},
    {"instellingen", "/beheer/instellingen", "Instellingen", "beheerder",
     "bedragen, termijnen, briefhoofd en beveiliging"},
    {"audit", "/beheer/audit", "Auditlog", "beheerder",
     "wie deed wat en wanneer"},
    {"tweestaps", "/beheer/tweestaps", "Inlogcode-app", NULL,
     "inloggen met een code uit een app op uw telefoon"},
};

bool
staff_role_in(const char *role, const char *roles)
{
    size_t n = strlen(role);
    const char *p = roles;

    if (roles == NULL)
        return true;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len == n && strncmp(p, role, n) == 0)
            return true;
        if (end == NULL)
            break;
        p = end + 1;
    }
    return false;
}

bool
staff_has_wijk(const struct staff *me, const char *wijk)
{
    return wijk != NULL && strlen(wijk) == 2 && staff_role_in(wijk, me->wijken);
}

void
staff_layout_begin(struct request *rq, struct html *h, const struct staff *me,
                   const char *title, const char *section)
{
    char csrf[CSRF_TOKEN_MAX];
    size_t i;

    form_csrf_issue(rq, "logout", csrf);
    layout_begin(h, title);
    HTML_LIT(h, "<nav class=\"ll-staff-nav\" aria-label=\"Beheer\">\n"
                "<ul class=\"utrecht-unordered-list ll-staff-nav__list\">\n");
    for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
        if (!staff_role_in(me->role, nav[i].roles))
            continue;
        if (section != NULL && strcmp(section, nav[i].section) == 0)
            HTML(h,
                 "<li class=\"utrecht-unordered-list__item\"><a "
                 "class=\"utrecht-link\" href=\"{}\" aria-current=\"page\">"
                 "{}</a></li>\n",
                 nav[i].href, nav[i].label);
        else
            HTML(h,
                 "<li class=\"utrecht-unordered-list__item\"><a "
                 "class=\"utrecht-link\" href=\"{}\">{}</a></li>\n",
                 nav[i].href, nav[i].label);
    }
    HTML(h,
         "</ul>\n<form class=\"ll-staff-nav__logout\" method=\"post\" "
         "action=\"/uitloggen\">\n"
         "<span class=\"ll-staff-nav__who\">Ingelogd als {} ({})</span>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<button type=\"submit\" class=\"utrecht-button "
         "utrecht-button--secondary-action\">Uitloggen</button>\n"
         "</form>\n</nav>\n",
         me->name, me->role, csrf);
}

void
staff_layout_end(struct html *h)
{
    layout_end(h);
}

void
staff_layout_shortcuts(struct html *h, const struct staff *me)
{
    size_t i;

    HTML_LIT(h, "<ul class=\"utrecht-unordered-list\">\n");
    for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
        if (nav[i].description == NULL ||
            !staff_role_in(me->role, nav[i].roles))
            continue;
        HTML(h,
             "<li class=\"utrecht-unordered-list__item\"><a "
             "class=\"utrecht-link\" href=\"{}\">{}</a>: {}</li>\n",
             nav[i].href, nav[i].label, nav[i].description);
    }
    HTML_LIT(h, "</ul>\n");
}
