/* libFuzzer target: the spending report's date field. Any input ends in
 * a message or in an ISO date that reads back to the same day. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expense_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), iso[EXPENSE_DATE_ISO_SIZE], again[16],
         iso2[EXPENSE_DATE_ISO_SIZE];

    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (expense_date_parse(s, iso, "nl") == NULL) {
        /* YYYY-MM-DD -> DD-MM-YYYY -> the same ISO date */
        assert(strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-');
        memcpy(again, iso + 8, 2);
        again[2] = '-';
        memcpy(again + 3, iso + 5, 2);
        again[5] = '-';
        memcpy(again + 6, iso, 4);
        again[10] = '\0';
        assert(expense_date_parse(again, iso2, "nl") == NULL);
        assert(strcmp(iso, iso2) == 0);
    }
    free(s);
    return 0;
}
