#include "layout.h"

#include "static_files.h"

void
layout_begin(struct html *h, const char *title)
{
    HTML(h,
         "<!DOCTYPE html>\n"
         "<html lang=\"nl\" class=\"utrecht-theme utrecht-root\">\n"
         "<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\">\n"
         "<title>{} - Lief en Leed Utrecht</title>\n"
         "<link rel=\"stylesheet\" href=\"{}\">\n"
         "<link rel=\"stylesheet\" href=\"{}\">\n"
         "<link rel=\"stylesheet\" href=\"{}\">\n"
         "</head>\n"
         "<body class=\"utrecht-body utrecht-document\">\n"
         "<a class=\"utrecht-skip-link utrecht-skip-link--visible-on-focus\" "
         "href=\"#inhoud\">Ga direct naar de inhoud</a>\n"
         "<div class=\"utrecht-page\">\n"
         "<header class=\"utrecht-page-header ll-header\">\n"
         "<a class=\"utrecht-link ll-site-name\" href=\"/\">Lief en Leed "
         "Utrecht</a>\n"
         "</header>\n"
         "<main id=\"inhoud\" class=\"utrecht-page-content\">\n",
         title, static_url("utrecht-tokens.css"),
         static_url("utrecht-components.css"), static_url("liefleed.css"));
}

void
layout_end(struct html *h)
{
    HTML_LIT(h, "</main>\n"
                "<footer class=\"utrecht-page-footer ll-footer\">\n"
                "<p class=\"utrecht-paragraph\">Lief en Leedstraten is een "
                "regeling van de gemeente Utrecht.</p>\n"
                "</footer>\n"
                "</div>\n"
                "</body>\n"
                "</html>\n");
}
