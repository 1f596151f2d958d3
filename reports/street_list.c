#include "street_list.h"

#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "ref_fields.h"

enum { COL_BUURT, COL_WIJK, COL_NAME, NCOLS };

static const char *const columns[NCOLS] = {"buurtcode", "wijkcode",
                                           "straatnaam"};

struct parse {
    struct street_list *list;
    struct keyset seen; /* buurt code + folded name */
};

/* Remember the pair; false when it was seen before or memory ran out. */
static bool
first_time(struct parse *p, const struct street_row *row, size_t namelen,
           bool *nomem)
{
    char key[4 + 1 + 4 * REF_STREET_NAME_MAX];
    unsigned first = 0;

    memcpy(key, row->buurt, 4);
    key[4] = ';';
    ref_fold(key + 5, row->name, namelen);
    switch (keyset_add(&p->seen, key, 5 + namelen, row->line, &first)) {
    case KEYSET_NEW:
        return true;
    case KEYSET_SEEN:
        *nomem = !csv_rejects_add(&p->list->rejects, row->line,
                                  "dubbele regel: dezelfde straat en buurt "
                                  "als regel %u",
                                  first);
        return false;
    case KEYSET_NO_MEMORY:
        break;
    }
    *nomem = true;
    return false;
}

static bool
reject(struct street_list *l, unsigned line, const char *label, const char *why)
{
    return csv_rejects_add(&l->rejects, line, "%s%s", label, why);
}

static bool
on_record(void *cls, const struct csv_record *rec)
{
    struct parse *p = cls;
    struct street_list *l = p->list;
    struct street_row row;
    const char *why, *name;
    size_t namelen;
    bool nomem = false;
    void *items = l->row;

    row.line = rec->line;
    why = ref_wijk_code(rec->field[COL_WIJK], rec->len[COL_WIJK], row.wijk);
    if (why == NULL)
        why = ref_buurt_code(rec->field[COL_BUURT], rec->len[COL_BUURT],
                             row.wijk, row.buurt);
    if (why != NULL)
        return reject(l, rec->line, "", why);
    why = ref_name(rec->field[COL_NAME], rec->len[COL_NAME],
                   REF_STREET_NAME_MAX, &name, &namelen);
    if (why != NULL)
        return reject(l, rec->line, "straatnaam ", why);
    row.name = strndup(name, namelen);
    if (row.name == NULL)
        return false;
    if (!first_time(p, &row, namelen, &nomem)) {
        free(row.name);
        return !nomem;
    }
    if (!csv_array_grow(&items, &l->cap, l->count + 1, sizeof(*l->row))) {
        free(row.name);
        return false;
    }
    l->row = items;
    l->row[l->count++] = row;
    return true;
}

bool
street_list_parse(const char *data, size_t len, struct street_list *out,
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
        street_list_free(out);
    return ok;
}

void
street_list_free(struct street_list *l)
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
