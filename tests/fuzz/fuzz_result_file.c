/* fuzz_result_file.c - libFuzzer target for finance's result file reader.
 *
 * Any bytes must give rows and problems, never a crash, a leak or
 * undefined behaviour; every row must be well-formed, and a file is
 * accepted only without problems. The first byte picks the decimal mark.
 * scripts/fuzz.sh builds it with reports/result_file.c, backend/utf8.c and
 * backend/buf.c, linked with -lcsv.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "result_file.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct result_file f;
    char mark;
    size_t i;
    bool ok;

    if (size == 0)
        return 0;
    mark = (data[0] & 1) ? '.' : ',';
    ok = result_file_parse((const char *)data + 1, size - 1, mark, &f);
    if (ok != (f.problems_total == 0 && f.count > 0))
        abort();
    if (f.nproblems > RESULT_FILE_MAX_PROBLEMS ||
        f.nproblems > f.problems_total || f.count > RESULT_FILE_MAX_ROWS)
        abort();
    for (i = 0; i < f.nproblems; i++)
        if (f.problem[i].message[0] == '\0' ||
            !utf8_valid(f.problem[i].message, strlen(f.problem[i].message)) ||
            (i > 0 && f.problem[i - 1].line > f.problem[i].line))
            abort();
    for (i = 0; i < f.count; i++) {
        const struct result_row *r = &f.row[i];
        if (r->reference[0] == '\0' || strlen(r->date) != 10 ||
            r->amount_cents <= 0 ||
            (r->status != RESULT_BETAALD && r->status != RESULT_GEWEIGERD) ||
            (r->reason != NULL &&
             !utf8_valid_text(r->reason, strlen(r->reason), false)))
            abort();
    }
    result_file_free(&f);
    return 0;
}
