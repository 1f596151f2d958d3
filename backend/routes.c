#include "routes.h"

#include <stdio.h>
#include <string.h>

static bool
method_matches(const char *route_method, const char *method)
{
    if (strcmp(route_method, method) == 0)
        return true;
    return strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0;
}

static bool
path_matches(const struct route *r, const char *path, const char **param)
{
    size_t n;

    if (r->match == ROUTE_EXACT) {
        *param = NULL;
        return strcmp(r->path, path) == 0;
    }
    n = strlen(r->path);
    if (strncmp(r->path, path, n) != 0 || path[n] == '\0')
        return false;
    *param = path + n;
    return true;
}

enum route_result
routes_find(const struct route *table, size_t n, const char *method,
            const char *path, const struct route **out, const char **param,
            char *allow, size_t allow_len)
{
    bool path_seen = false;
    size_t i, used = 0;
    const char *p;

    if (allow && allow_len)
        allow[0] = '\0';
    for (i = 0; i < n; i++) {
        if (!path_matches(&table[i], path, &p))
            continue;
        if (method_matches(table[i].method, method)) {
            *out = &table[i];
            *param = p;
            return ROUTE_FOUND;
        }
        path_seen = true;
        if (allow && allow_len > used) {
            int w =
                snprintf(allow + used, allow_len - used, "%s%s%s",
                         used ? ", " : "", table[i].method,
                         strcmp(table[i].method, "GET") == 0 ? ", HEAD" : "");
            if (w > 0)
                used += (size_t)w < allow_len - used ? (size_t)w
                                                     : allow_len - used - 1;
        }
    }
    return path_seen ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
