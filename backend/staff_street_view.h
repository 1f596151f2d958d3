/* staff_street_view.h - the staff street page (GET /beheer/straten/<id>),
 * shared by its own handler and by the merge handler, which shows the same
 * page again with the merge form's errors and what was chosen.
 *
 * What the page holds depends on the visitor: a makelaar sees streets of
 * their own wijken and, for applications in those wijken, the gangmaker's
 * name and a link to the application; a beheerder sees every street but no
 * personal data (reference, dates and amounts only) and the merge form.
 */
#ifndef LIEFLEED_STAFF_STREET_VIEW_H
#define LIEFLEED_STAFF_STREET_VIEW_H

#include <stdbool.h>

#include "db_staff_session.h"
#include "http.h"

/* Applications per page of a street's history. */
#define STREET_HISTORY_PAGE 50

/* The merge form as submitted, with its errors (all optional). */
struct street_merge_view {
    const char *doel;       /* the chosen street id, as sent */
    bool confirmed;         /* the "I am sure" tick */
    bool over_maximum_ok;   /* the tick for going over the maximum */
    bool ask_over_maximum;  /* show that second tick */
    const char *doel_error; /* no or an impossible target */
    const char *confirm_error;
    const char *over_maximum_error;
    const char *moved; /* after a merge: how many moved ("3") */
};

/* Reply with the page of street id for me: history page (1-based), the
 * merge form state mv (NULL: empty), with HTTP status. A street that does
 * not exist or is outside me's wijken answers 404; an unreachable
 * database 503. */
enum MHD_Result staff_street_view(struct request *rq, const struct staff *me,
                                  long long id, long page,
                                  const struct street_merge_view *mv,
                                  unsigned status);

/* The Lief en Leedstraat badge with its date, or the words for a street
 * that is not one (yet). */
void staff_street_badge(struct html *h, bool badge, const char *since);

/* "Vorige", "Pagina 2 van 5", "Volgende" for a long list. base is the
 * list's path and query ending in '?' or '&'; nothing when pages <= 1. */
void staff_street_pager(struct html *h, const char *base, long page,
                        long pages);

/* A positive decimal id of at most 18 digits, nothing else. */
bool staff_street_parse_id(const char *s, long long *out);

/* ?pagina= of the request: 1 when absent, else a number 1..100000.
 * Returns false for anything else. */
bool staff_street_page_param(struct request *rq, long *page);

/* "In behandeling" for "in_behandeling", etc.; the code itself when
 * unknown. */
const char *staff_street_status_label(const char *status);

#endif
