/* layout.h - the one page layout: NL Design System (Gemeente Utrecht)
 * classes, skip link, page header with the site name, footer. */
#ifndef LIEFLEED_LAYOUT_H
#define LIEFLEED_LAYOUT_H

#include "html.h"

/* Open the document up to and including <main>. title is escaped. */
void layout_begin(struct html *h, const char *title);

/* Close <main> and the document. */
void layout_end(struct html *h);

#endif
