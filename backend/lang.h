/* lang.h - choosing the Dutch or English text of a message.
 *
 * Texts stand next to each other where they are used, so both languages
 * are complete by construction: tr(lang, "Straat", "Street"). Dutch is the
 * default for anything that is not "en". */
#ifndef LIEFLEED_LANG_H
#define LIEFLEED_LANG_H

#include <string.h>

static inline const char *
tr(const char *lang, const char *nl, const char *en)
{
    return (lang != NULL && strcmp(lang, "en") == 0) ? en : nl;
}

#endif
