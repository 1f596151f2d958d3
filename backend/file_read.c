#include "file_read.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

char *
file_read(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
    bool use_stdin = strcmp(path, "-") == 0;
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    struct buf b;
    char chunk[65536];
    size_t n;
    char *data = NULL;

    if (f == NULL) {
        snprintf(err, errlen, "kan %s niet openen: %s (cannot open file)", path,
                 strerror(errno));
        return NULL;
    }
    buf_init(&b, max);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (!buf_append(&b, chunk, n))
            break;
    }
    if (b.failed) {
        snprintf(err, errlen,
                 "%s is groter dan %zu bytes of het geheugen is op "
                 "(file too large)",
                 path, max);
    } else if (ferror(f)) {
        snprintf(err, errlen, "kan %s niet lezen: %s (cannot read file)", path,
                 strerror(errno));
    } else {
        data = buf_steal(&b, len);
        if (data == NULL)
            snprintf(err, errlen, "onvoldoende geheugen (out of memory)");
    }
    buf_free(&b);
    if (!use_stdin)
        fclose(f);
    return data;
}
