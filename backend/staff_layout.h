/* staff_layout.h - the layout of every staff page: the site layout plus a
 * navigation bar with the sections the visitor's role may open, who is
 * logged in, and the logout button. */
#ifndef LIEFLEED_STAFF_LAYOUT_H
#define LIEFLEED_STAFF_LAYOUT_H

#include "db_staff_session.h"
#include "html.h"
#include "http.h"

/* Open a staff page up to and including <main>. section names the
 * current navigation item ("aanvragen", "straten", "gebruikers",
 * "begroting", "instellingen", "audit", "start"; NULL: none); it gets
 * aria-current. rq is needed for the logout form's token. */
void staff_layout_begin(struct request *rq, struct html *h,
                        const struct staff *me, const char *title,
                        const char *section);

/* The sections me's role may open, as a list of links with a line of
 * explanation each (the home page). */
void staff_layout_shortcuts(struct html *h, const struct staff *me);

/* Close a staff page. */
void staff_layout_end(struct html *h);

/* Whether role (e.g. "makelaar") is one of roles ("makelaar,beheerder";
 * NULL matches every role). */
bool staff_role_in(const char *role, const char *roles);

/* Whether a makelaar's wijken list ("03,04") holds wijk ("04"). */
bool staff_has_wijk(const struct staff *me, const char *wijk);

#endif
