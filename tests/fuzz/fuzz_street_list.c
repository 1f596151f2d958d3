/* fuzz_street_list.c - libFuzzer target for the street list reader.
 *
 * Any bytes must give either a list or a malformed-file error, never a
 * crash, a leak or undefined behaviour; and the result must be
 * self-consistent. scripts/fuzz.sh (make fuzz) builds it with clang
 * -fsanitize=fuzzer,address,undefined from this file, every source in
 * reports/, backend/utf8.c and backend/buf.c, linked with -lcsv, and runs
 * it on a copy of tests/fuzz/corpus/street_list.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "street_list.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct street_list l;
    struct csv_error err;
    size_t i, n;

    if (street_list_parse((const char *)data, size, &l, &err)) {
        if (err.kind != CSV_FATAL_NONE)
            abort();
        for (i = 0; i < l.count; i++) {
            n = strlen(l.row[i].name);
            if (n == 0 || !utf8_valid_text(l.row[i].name, n, false) ||
                strlen(l.row[i].buurt) != 4 ||
                memcmp(l.row[i].buurt, l.row[i].wijk, 2) != 0)
                abort();
        }
    } else if (err.kind == CSV_FATAL_NONE || l.count != 0 ||
               l.rejects.count != 0 || err.message[0] == '\0') {
        abort();
    }
    street_list_free(&l);
    return 0;
}
