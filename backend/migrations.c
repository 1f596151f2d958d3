#include "migrations.h"

#include <dirent.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "db_migration.h"

#define MIGRATION_MAX_BYTES ((long)4 * 1024 * 1024)

static bool
name_is_migration(const char *n, int *version)
{
    size_t len = strlen(n), i;

    if (len < 9 || strcmp(n + len - 4, ".sql") != 0)
        return false;
    for (i = 0; i < 3; i++)
        if (n[i] < '0' || n[i] > '9')
            return false;
    if (n[3] != '_')
        return false;
    for (i = 4; i < len - 4; i++)
        if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= '0' && n[i] <= '9') ||
              n[i] == '_'))
            return false;
    *version = (n[0] - '0') * 100 + (n[1] - '0') * 10 + (n[2] - '0');
    return true;
}

static int
by_version(const void *a, const void *b)
{
    const struct migration *x = a, *y = b;
    return (x->version > y->version) - (x->version < y->version);
}

static bool
read_one(const char *dir, struct migration *m, char *err, size_t errlen)
{
    char path[2048];
    unsigned char hash[crypto_hash_sha256_BYTES];
    FILE *f;
    long n;
    bool ok = false;

    snprintf(path, sizeof(path), "%s/%s", dir, m->name);
    f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "kan %s niet lezen (cannot read)", path);
        return false;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        n <= MIGRATION_MAX_BYTES && fseek(f, 0, SEEK_SET) == 0 &&
        (m->sql = malloc((size_t)n + 1)) != NULL &&
        fread(m->sql, 1, (size_t)n, f) == (size_t)n) {
        m->sql[n] = '\0';
        crypto_hash_sha256(hash, (unsigned char *)m->sql, (size_t)n);
        sodium_bin2hex(m->sha256, sizeof(m->sha256), hash, sizeof(hash));
        ok = true;
    } else {
        snprintf(err, errlen, "kan %s niet lezen (cannot read)", path);
    }
    fclose(f);
    return ok;
}

bool
migrations_read(const char *dir, struct migration_set *out, char *err,
                size_t errlen)
{
    struct migration_set set = {NULL, 0};
    size_t cap = 0, i;
    DIR *d;
    struct dirent *e;
    bool ok = true;

    out->items = NULL;
    out->count = 0;
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium kan niet starten");
        return false;
    }
    d = opendir(dir);
    if (d == NULL) {
        snprintf(err, errlen,
                 "map met migraties %s niet gevonden (LIEFLEED_SQL_DIR)", dir);
        return false;
    }
    while (ok && (e = readdir(d)) != NULL) {
        int version;
        if (e->d_name[0] == '.')
            continue;
        if (!name_is_migration(e->d_name, &version)) {
            if (strstr(e->d_name, ".sql") != NULL) {
                snprintf(err, errlen,
                         "%s: naam moet NNN_naam.sql zijn (bad migration "
                         "name)",
                         e->d_name);
                ok = false;
            }
            continue;
        }
        if (set.count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct migration *n = realloc(set.items, ncap * sizeof(*n));
            if (n == NULL) {
                snprintf(err, errlen, "geen geheugen (out of memory)");
                ok = false;
                break;
            }
            set.items = n;
            cap = ncap;
        }
        memset(&set.items[set.count], 0, sizeof(set.items[0]));
        set.items[set.count].version = version;
        snprintf(set.items[set.count].name, sizeof(set.items[0].name), "%s",
                 e->d_name);
        set.count++;
        ok = read_one(dir, &set.items[set.count - 1], err, errlen);
    }
    closedir(d);
    if (ok) {
        qsort(set.items, set.count, sizeof(set.items[0]), by_version);
        for (i = 1; i < set.count; i++)
            if (set.items[i].version == set.items[i - 1].version) {
                snprintf(err, errlen, "%s en %s hebben hetzelfde nummer",
                         set.items[i - 1].name, set.items[i].name);
                ok = false;
            }
    }
    if (!ok) {
        migrations_free(&set);
        return false;
    }
    *out = set;
    return true;
}

void
migrations_free(struct migration_set *set)
{
    size_t i;

    for (i = 0; i < set->count; i++)
        free(set->items[i].sql);
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

/* Compare the applied list with the files. Sets *pending to the number of
 * files not yet applied. */
static bool
check_applied(struct db_conn *c, const struct migration_set *set,
              size_t *pending, char *err, size_t errlen)
{
    struct applied_migration *applied = NULL;
    int n = db_migration_list(c, &applied);
    size_t i;
    int k;
    bool ok = true;

    if (n < 0) {
        snprintf(err, errlen, "kan schema_migration niet lezen: %s",
                 db_last_error(c));
        return false;
    }
    *pending = set->count;
    for (k = 0; k < n && ok; k++) {
        const struct migration *m = NULL;
        for (i = 0; i < set->count; i++)
            if (set->items[i].version == applied[k].version)
                m = &set->items[i];
        if (m == NULL) {
            snprintf(err, errlen,
                     "migratie %03d (%s) is toegepast maar het bestand "
                     "ontbreekt (applied migration file is missing)",
                     applied[k].version, applied[k].name);
            ok = false;
        } else if (strcmp(m->sha256, applied[k].sha256) != 0) {
            snprintf(err, errlen,
                     "migratie %s is gewijzigd nadat hij is toegepast "
                     "(applied migration was edited); maak een nieuwe "
                     "migratie in plaats daarvan",
                     m->name);
            ok = false;
        } else {
            (*pending)--;
        }
    }
    free(applied);
    return ok;
}

struct apply_ctx {
    const struct migration *m;
};

static enum db_status
apply_tx(struct db_conn *c, void *cls)
{
    const struct migration *m = ((struct apply_ctx *)cls)->m;
    enum db_status st = db_exec_sql_text(c, m->sql);

    if (st < 0)
        return st;
    return db_migration_record(c, m->version, m->name, m->sha256);
}

bool
migrations_apply(struct db_conn *c, const struct migration_set *set, FILE *out,
                 char *err, size_t errlen)
{
    size_t pending, i, applied = 0;
    bool ok = false;

    if (db_migration_prepare(c) < 0) {
        snprintf(err, errlen, "kan de migratietabel niet maken: %s",
                 db_last_error(c));
        return false;
    }
    if (!check_applied(c, set, &pending, err, errlen))
        goto out;
    for (i = 0; i < set->count; i++) {
        struct apply_ctx ctx = {&set->items[i]};
        int done = db_migration_is_applied(c, set->items[i].version);
        if (done < 0) {
            snprintf(err, errlen, "%s", db_last_error(c));
            goto out;
        }
        if (done > 0)
            continue;
        if (db_transaction(c, apply_tx, &ctx) < 0) {
            snprintf(err, errlen, "migratie %s mislukt: %s", set->items[i].name,
                     db_last_error(c));
            goto out;
        }
        fprintf(out, "toegepast: %s\n", set->items[i].name);
        applied++;
    }
    fprintf(out, "database is bijgewerkt (%zu nieuw, %zu totaal)\n", applied,
            set->count);
    ok = true;
out:
    db_migration_unlock(c);
    return ok;
}

bool
migrations_current(struct db_conn *c, const struct migration_set *set,
                   char *err, size_t errlen)
{
    size_t pending;

    if (db_migration_table_exists(c) <= 0) {
        snprintf(err, errlen,
                 "de database is leeg: voer eerst 'liefleed migrate' uit "
                 "(run migrate first)");
        return false;
    }
    if (!check_applied(c, set, &pending, err, errlen))
        return false;
    if (pending > 0) {
        snprintf(err, errlen,
                 "%zu migratie(s) nog niet toegepast: voer 'liefleed "
                 "migrate' uit (run migrate first)",
                 pending);
        return false;
    }
    return true;
}
