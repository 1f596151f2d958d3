#include "db_util.h"

#include <stdlib.h>

void
db_bytea_hex(const unsigned char *in, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;

    out[0] = '\\';
    out[1] = 'x';
    for (i = 0; i < n; i++) {
        out[2 + 2 * i] = hex[in[i] >> 4];
        out[3 + 2 * i] = hex[in[i] & 15];
    }
    out[2 + 2 * n] = '\0';
}

long long
db_ll(const char *s)
{
    char *end;
    long long v;

    if (s == NULL)
        return 0;
    v = strtoll(s, &end, 10);
    return (*s != '\0' && *end == '\0') ? v : 0;
}
