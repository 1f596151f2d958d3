/* libFuzzer target: query strings and form bodies. Whatever the bytes,
 * parsing ends, frees everything, and a success yields valid UTF-8. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "urlenc.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct urlenc_pairs p;
    char *out;
    size_t i;

    if (urlenc_parse((const char *)data, size, 64, 4096, &p) == URLENC_OK) {
        for (i = 0; i < p.count; i++) {
            assert(utf8_valid(p.items[i].name, strlen(p.items[i].name)));
            assert(utf8_valid(p.items[i].value, strlen(p.items[i].value)));
        }
        urlenc_pairs_free(&p);
    }
    if (urlenc_decode((const char *)data, size, false, 4096, &out) ==
        URLENC_OK) {
        assert(strlen(out) <= size);
        free(out);
    }
    return 0;
}
