/* fuzz_multipart.c - libFuzzer target for the multipart/form-data reader.
 *
 * The input is a Content-Type line, a NUL byte, then the body. Any bytes
 * must give a status, never a crash or a read outside the body; on success
 * every part lies inside the body. scripts/fuzz.sh builds it with
 * backend/multipart.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
inside(const char *body, size_t len, const char *p, size_t n)
{
    if (p < body || p + n > body + len)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nul = memchr(data, '\0', size);
    char ct[256], boundary[MULTIPART_BOUNDARY_MAX + 1];
    const char *body;
    char *copy;
    size_t ctlen, len;
    struct multipart m;

    if (nul == NULL)
        return 0;
    ctlen = (size_t)(nul - (const char *)data);
    if (ctlen >= sizeof(ct))
        return 0;
    memcpy(ct, data, ctlen);
    ct[ctlen] = '\0';
    if (multipart_boundary(ct, boundary) != MULTIPART_OK) {
        /* still exercise the body reader with a fixed boundary */
        memcpy(boundary, "x", 2);
    }
    len = size - ctlen - 1;
    /* an exact-size copy, so ASan sees any read past the end */
    copy = malloc(len ? len : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, nul + 1, len);
    body = copy;
    if (multipart_parse(body, len, boundary, &m) == MULTIPART_OK) {
        char text[64];
        size_t i;
        if (m.count == 0 || m.count > MULTIPART_MAX_PARTS)
            abort();
        for (i = 0; i < m.count; i++) {
            inside(body, len, m.part[i].name, m.part[i].name_len);
            inside(body, len, m.part[i].data, m.part[i].len);
            if (m.part[i].filename)
                inside(body, len, m.part[i].filename, m.part[i].filename_len);
        }
        (void)multipart_text(&m, "csrf", text, sizeof(text));
    }
    (void)multipart_status_message(MULTIPART_MALFORMED);
    free(copy);
    return 0;
}
