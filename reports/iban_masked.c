#include "iban_masked.h"

#include <string.h>

void
iban_masked(const char *iban, char *out, size_t outlen)
{
    char s[35];
    size_t n = 0, i, o = 0;

    if (outlen == 0)
        return;
    out[0] = '\0';
    for (; *iban; iban++) {
        if (*iban == ' ')
            continue;
        if (n == sizeof(s) - 1)
            return; /* longer than any IBAN */
        s[n++] = *iban;
    }
    if (n + (n > 0 ? (n - 1) / 4 : 0) + 1 > outlen)
        return;
    for (i = 0; i < n; i++) {
        if (i > 0 && i % 4 == 0)
            out[o++] = ' ';
        /* the country code and the last four stay readable */
        out[o++] = (i < 2 || (n >= 8 && i >= n - 4)) ? s[i] : '*';
    }
    out[o] = '\0';
}
