#include "wijk_list.h"

#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "ref_fields.h"

enum { COL_CODE, COL_NAME, NCOLS };

static const char *const columns[NCOLS] = {"wijkcode", "wijknaam"};

struct parse {
    struct wijk_list *list;
    struct keyset seen; /* "c" + code and "n" + folded name */
};

/* Is key (tagged with its kind) new? Adds a reject when it is not. */
static bool
unseen(struct parse *p, unsigned line, const char *key, size_t len,
       const char *what, bool *nomem)
{
    unsigned first = 0;

    switch (keyset_add(&p->seen, key, len, line, &first)) {
    case KEYSET_NEW:
        return true;
    case KEYSET_SEEN:
        *nomem = !csv_rejects_add(&p->list->rejects, line,
                                  "dubbele regel: dezelfde %s als regel %u",
                                  what, first);
        return false;
    case KEYSET_NO_MEMORY:
        break;
    }
    *nomem = true;
    return false;
}

static bool
on_record(void *cls, const struct csv_record *rec)
{
    struct parse *p = cls;
    struct wijk_list *l = p->list;
    struct wijk_row row;
    char key[1 + 4 * REF_WIJK_NAME_MAX];
    const char *why, *name;
    size_t namelen;
    bool nomem = false;
    void *items = l->row;

    row.line = rec->line;
    why = ref_wijk_code(rec->field[COL_CODE], rec->len[COL_CODE], row.code);
    if (why != NULL)
        return csv_rejects_add(&l->rejects, rec->line, "%s", why);
    why = ref_name(rec->field[COL_NAME], rec->len[COL_NAME], REF_WIJK_NAME_MAX,
                   &name, &namelen);
    if (why != NULL)
        return csv_rejects_add(&l->rejects, rec->line, "wijknaam %s", why);
    key[0] = 'c';
    memcpy(key + 1, row.code, 2);
    if (!unseen(p, rec->line, key, 3, "wijkcode", &nomem))
        return !nomem;
    key[0] = 'n';
    ref_fold(key + 1, name, namelen);
    if (!unseen(p, rec->line, key, 1 + namelen, "wijknaam", &nomem))
        return !nomem;
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
wijk_list_parse(const char *data, size_t len, struct wijk_list *out,
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
        wijk_list_free(out);
    return ok;
}

void
wijk_list_free(struct wijk_list *l)
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
