#include "buurt_list.h"

#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "ref_fields.h"

enum { COL_CODE, COL_WIJK, COL_NAME, NCOLS };

static const char *const columns[NCOLS] = {"buurtcode", "wijkcode",
                                           "buurtnaam|buurtnaam_afgekapt_20"};

struct parse {
    struct buurt_list *list;
    struct keyset seen; /* buurt codes */
};

static bool
on_record(void *cls, const struct csv_record *rec)
{
    struct parse *p = cls;
    struct buurt_list *l = p->list;
    struct buurt_row row;
    const char *why, *name;
    size_t namelen;
    unsigned first = 0;
    void *items = l->row;

    row.line = rec->line;
    why = ref_wijk_code(rec->field[COL_WIJK], rec->len[COL_WIJK], row.wijk);
    if (why == NULL)
        why = ref_buurt_code(rec->field[COL_CODE], rec->len[COL_CODE], row.wijk,
                             row.code);
    if (why != NULL)
        return csv_rejects_add(&l->rejects, rec->line, "%s", why);
    why = ref_name(rec->field[COL_NAME], rec->len[COL_NAME], REF_BUURT_NAME_MAX,
                   &name, &namelen);
    if (why != NULL)
        return csv_rejects_add(&l->rejects, rec->line, "buurtnaam %s", why);
    switch (keyset_add(&p->seen, row.code, 4, rec->line, &first)) {
    case KEYSET_NEW:
        break;
    case KEYSET_SEEN:
        return csv_rejects_add(&l->rejects, rec->line,
                               "dubbele regel: dezelfde buurtcode als "
                               "regel %u",
                               first);
    case KEYSET_NO_MEMORY:
        return false;
    }
    if (!csv_array_grow(&items, &l->cap, l->count + 1, sizeof(*l->row)))
        return false;
    l->row = items;
    row.name = strndup(name, namelen);
    if (row.name == NULL)
        return false;
    l->row[l->count++] = row;
    return true;
}

bool
buurt_list_parse(const char *data, size_t len, struct buurt_list *out,
                 struct csv_error *err)
{
    struct parse p;
    struct csv_table_spec spec = {columns, NCOLS, on_record, &p};
    bool ok;

    memset(out, 0, sizeof(*out));
    memset(&p, 0, sizeof(p)); /* an empty keyset is all zero */
    p.list = out;
    ok = csv_table_read(data, len, &spec, &out->rejects, err);
    keyset_free(&p.seen);
    if (!ok)
        buurt_list_free(out);
    return ok;
}

void
buurt_list_free(struct buurt_list *l)
{
    size_t i;

    for (i = 0; i < l->count; i++)
        free(l->row[i].name);
    free(l->row);
    l->row = NULL;
    l->count = 0;
    l->cap = 0;
    csv_rejects_free(&l->rejects);
}
