#include "staff_totp_form.h"

#include <stdio.h>
#include <string.h>

#include "form_render.h"
#include "staff_csrf.h"
#include "staff_layout.h"

#define ISSUER "Lief%%20en%%20Leed%%20Utrecht"

void
staff_totp_purpose(const struct staff *me, char *out, size_t outlen)
{
    snprintf(out, outlen, "totp-enrol:%lld", me->id);
}

enum MHD_Result
staff_totp_render(struct request *rq, const struct staff *me, unsigned status,
                  const unsigned char *secret, const char *sealed,
                  const char *error, const char *current_error)
{
    char b32[TOTP_BASE32_SIZE], grouped[TOTP_BASE32_SIZE + 8];
    char uri[160], csrf[CSRF_TOKEN_MAX];
    size_t i, o = 0;
    struct html h;
    struct field_view code = {
        .kind = FIELD_TEXT,
        .name = "code",
        .label = "Code uit uw app",
        .description = "De 6 cijfers die de app laat zien nadat u de "
                       "sleutel hebt toegevoegd.",
        .error = error,
        .autocomplete = "one-time-code",
        .required = true,
        .maxlength = 7,
    };

    if (!totp_base32(secret, TOTP_SECRET_BYTES, b32, sizeof(b32)))
        return reply_error(rq, 500, NULL);
    /* groups of four are easier to type over */
    for (i = 0; b32[i]; i++) {
        if (i > 0 && i % 4 == 0)
            grouped[o++] = ' ';
        grouped[o++] = b32[i];
    }
    grouped[o] = '\0';
    snprintf(uri, sizeof(uri),
             "otpauth://totp/" ISSUER "?secret=%s&issuer=" ISSUER
             "&digits=6&period=30",
             b32);
    staff_csrf_issue(me, "totp-enrol", csrf);
    html_init(&h);
    staff_layout_begin(rq, &h, me, "Inlogcode-app", "tweestaps");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Inloggen met een code uit "
                 "een app</h1>\n");
    if (me->totp_enrolled)
        HTML_LIT(&h, "<p class=\"utrecht-paragraph\" role=\"status\">Uw "
                     "account vraagt al een code bij het inloggen. Hieronder "
                     "kunt u een nieuwe telefoon koppelen; de oude code werkt "
                     "dan niet meer.</p>\n");
    else if (me->totp_required)
        HTML_LIT(&h, "<div class=\"utrecht-alert\" role=\"alert\"><p "
                     "class=\"utrecht-paragraph\">Voor uw rol is een tweede "
                     "stap bij het inloggen verplicht. Stel deze eerst in; "
                     "daarna kunt u verder.</p></div>\n");
    HTML(&h,
         "<ol class=\"utrecht-ordered-list\">\n"
         "<li class=\"utrecht-ordered-list__item\">Open een authenticator-app "
         "op uw telefoon (bijvoorbeeld Microsoft Authenticator, Google "
         "Authenticator of FreeOTP).</li>\n"
         "<li class=\"utrecht-ordered-list__item\">Kies &lsquo;sleutel "
         "invoeren&rsquo; en typ deze sleutel over: <code "
         "class=\"utrecht-code ll-totp-key\">{}</code> (tijdgebaseerd, 6 "
         "cijfers).</li>\n"
         "<li class=\"utrecht-ordered-list__item\">Typ hieronder de code die "
         "de app laat zien.</li>\n</ol>\n"
         "<p class=\"utrecht-paragraph\">Werkt u met een app op deze "
         "computer? <a class=\"utrecht-link ll-link\" href=\"{}\">Open de "
         "sleutel in uw app</a>.</p>\n"
         "<form class=\"utrecht-form\" method=\"post\" "
         "action=\"/beheer/tweestaps\" novalidate>\n"
         "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"sleutel\" value=\"{}\">\n",
         grouped, uri, csrf, sealed);
    form_field(&h, &code);
    if (me->totp_enrolled) {
        /* a borrowed session alone must not be enough to take over the
         * second factor: the app linked now has to agree */
        struct field_view current = {
            .kind = FIELD_TEXT,
            .name = "huidige_code",
            .label = "Code uit uw huidige app",
            .description = "Nodig om de koppeling te vervangen. Kwijt? Vraag "
                           "een beheerder de app los te koppelen.",
            .error = current_error,
            .autocomplete = "one-time-code",
            .required = true,
            .maxlength = 7,
        };
        form_field(&h, &current);
    }
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Koppelen</button></p>\n</form>\n");
    staff_layout_end(&h);
    return reply_html(rq, status, &h);
}
