#include "street_import.h"

#include <string.h>

#include "db_reference.h"

enum buurt_state { BUURT_UNKNOWN, BUURT_EXISTS, BUURT_MISSING };

/* Does the buurt exist? Asks the database once per code. */
static int
buurt_known(struct db_conn *c, unsigned char *cache, const char *code)
{
    unsigned i = (unsigned)(code[0] - '0') * 1000 +
                 (unsigned)(code[1] - '0') * 100 +
                 (unsigned)(code[2] - '0') * 10 + (unsigned)(code[3] - '0');
    int r;

    if (cache[i] != BUURT_UNKNOWN)
        return cache[i] == BUURT_EXISTS;
    r = db_buurt_exists(c, code);
    if (r < 0)
        return r;
    cache[i] = r > 0 ? BUURT_EXISTS : BUURT_MISSING;
    return r > 0;
}

static enum db_status
import_row(struct db_conn *c, unsigned char *cache,
           const struct street_row *row, struct street_import_result *res)
{
    long long id = 0;
    bool created = false;
    int r = buurt_known(c, cache, row->buurt);

    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        if (!csv_rejects_add(&res->rejects, row->line, "buurt %s bestaat niet",
                             row->buurt)) {
            res->no_memory = true;
            return DB_HARD_ERROR;
        }
        return DB_NO_RESULTS;
    }
    r = db_street_ensure(c, row->name, &id, &created);
    if (r < 0)
        return (enum db_status)r;
    if (created)
        res->streets_added++;
    r = db_street_buurt_insert(c, id, row->buurt);
    if (r < 0)
        return (enum db_status)r;
    if (r > 0)
        res->added++;
    else
        res->present++;
    return DB_NO_RESULTS;
}

enum db_status
street_import_apply(struct db_conn *c, const struct street_list *list,
                    struct street_import_result *res)
{
    unsigned char cache[10000];
    enum db_status st = DB_NO_RESULTS;
    size_t i;

    street_import_result_free(res);
    memset(cache, BUURT_UNKNOWN, sizeof(cache));
    for (i = 0; i < list->count && st >= 0; i++)
        st = import_row(c, cache, &list->row[i], res);
    return st;
}

void
street_import_result_free(struct street_import_result *res)
{
    csv_rejects_free(&res->rejects);
    res->added = 0;
    res->present = 0;
    res->streets_added = 0;
    res->no_memory = false;
}

static void
print_reject(FILE *out, const struct csv_reject *r)
{
    fprintf(out, "regel %u: %s\n", r->line, r->reason);
}

void
street_import_print(FILE *out, const struct street_list *list,
                    const struct street_import_result *res)
{
    const struct csv_rejects *a = &list->rejects, *b = &res->rejects;
    size_t i = 0, j = 0;

    fprintf(out, "toegevoegd: %zu, al aanwezig: %zu, geweigerd: %zu\n",
            res->added, res->present, a->count + b->count);
    /* Both lists are in line order already: merge them. */
    while (i < a->count || j < b->count) {
        if (j >= b->count ||
            (i < a->count && a->item[i].line <= b->item[j].line))
            print_reject(out, &a->item[i++]);
        else
            print_reject(out, &b->item[j++]);
    }
}
