/* libFuzzer target: the route matcher, with the application's own table,
 * on any method and path (split at the first space of the input). */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), *sp, allow[64];
    const struct route *r = NULL;
    const char *param = NULL;

    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    sp = strchr(s, ' ');
    if (sp != NULL) {
        *sp = '\0';
        if (routes_find(app_routes, app_routes_count, s, sp + 1, &r, &param,
                        allow, sizeof(allow)) == ROUTE_FOUND)
            assert(r != NULL && (param == NULL || *param != '\0'));
    }
    free(s);
    return 0;
}
