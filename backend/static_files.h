/* static_files.h - the CSS under /static/, loaded once at start.
 *
 * Each file is served under a name that carries a hash of its content
 * (liefleed.3fa8c1d2.css), so browsers may cache it for a year and still
 * see a new version at once. The registry is filled before the server
 * starts and is read-only afterwards, so threads share it without locks.
 */
#ifndef LIEFLEED_STATIC_FILES_H
#define LIEFLEED_STATIC_FILES_H

#include <stdbool.h>
#include <stddef.h>

struct static_file {
    const char *name; /* e.g. "liefleed.css" */
    const char *content_type;
    char url[128]; /* "/static/liefleed.<hash>.css" */
    char *data;    /* owned by the registry */
    size_t len;
};

/* Load the known files from dir. On failure writes why to err. */
bool static_files_load(const char *dir, char *err, size_t errlen);
void static_files_free(void);

/* The versioned URL of a known file (for the layout), never NULL. */
const char *static_url(const char *name);

/* The file whose versioned URL is url, or NULL. */
const struct static_file *static_find(const char *url);

#endif
