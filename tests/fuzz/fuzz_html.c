/* libFuzzer target: the HTML escaper. The output of any input contains no
 * character that could open a tag or leave an attribute. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf b = BUF_INIT;
    size_t i;

    if (!html_escape_into(&b, (const char *)data, size))
        return 0;
    for (i = 0; i < b.len; i++)
        assert(b.data[i] != '<' && b.data[i] != '>' && b.data[i] != '"' &&
               b.data[i] != '\'');
    buf_free(&b);
    return 0;
}
