/* cmd_reference.c - `liefleed reference load DIR`: the city's reference
 * data (wijken, buurten, streets) from the files in DIR.
 *
 * Each table is loaded only when it is empty, so running this at every
 * start is harmless. All files that are needed are read and checked
 * first; a malformed one stops everything before the database is touched.
 * Then everything goes in within one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buurt_list.h"
#include "commands.h"
#include "db.h"
#include "db_reference.h"
#include "file_read.h"
#include "street_import.h"
#include "street_list.h"
#include "wijk_list.h"

static const char wijk_file[] = "utrecht_wijken_2013.csv";
static const char buurt_file[] = "utrecht_buurten_2013.csv";
static const char street_file[] = "utrecht_straten_partieel_2013.csv";

static void
usage(FILE *out)
{
    fprintf(out,
            "Gebruik (usage): liefleed reference load MAP\n"
            "\n"
            "Laadt de referentiegegevens van de gemeente uit de map MAP:\n"
            "  %-34s de wijken\n"
            "  %-34s de buurten\n"
            "  %-34s straten per buurt\n"
            "Een tabel wordt alleen gevuld als hij leeg is; alles gebeurt in "
            "een transactie.\n"
            "(Loads wijken, buurten and streets from DIR, each only into an "
            "empty table,\n"
            "in one transaction.) Database: LIEFLEED_DATABASE_URL.\n",
            wijk_file, buurt_file, street_file);
}

/* What to load, and (filled by the transaction) what was loaded. */
struct load {
    struct wijk_list wijken;
    struct buurt_list buurten;
    struct street_list straten;
    bool want_wijken, want_buurten, want_straten; /* files read */
    bool did_wijken, did_buurten, did_straten;
    size_t wijken_added, buurten_added;
    struct street_import_result streets;
};

/* Read DIR/name; prints the reason and returns NULL on failure. */
static char *
read_in(const char *dir, const char *name, size_t *len)
{
    char path[4096], err[512];
    char *data;
    int n = snprintf(path, sizeof(path), "%s/%s", dir, name);

    if (n < 0 || (size_t)n >= sizeof(path)) {
        fprintf(stderr, "liefleed reference: pad te lang (path too long)\n");
        return NULL;
    }
    data = file_read(path, CSV_TABLE_MAX_BYTES, len, err, sizeof(err));
    if (data == NULL)
        fprintf(stderr, "liefleed reference: %s\n", err);
    return data;
}

static bool
malformed(const char *name, const struct csv_error *err)
{
    fprintf(stderr,
            "liefleed reference: %s is onbruikbaar (malformed file): %s\n"
            "Er is niets ingelezen (nothing was imported).\n",
            name, err->message);
    return false;
}

/* Read and check the files of the empty tables. */
static bool
read_files(const char *dir, const struct db_reference_counts *n,
           struct load *ld)
{
    struct csv_error err;
    size_t len = 0;
    char *data;

    if (n->wijk == 0) {
        if ((data = read_in(dir, wijk_file, &len)) == NULL)
            return false;
        ld->want_wijken = wijk_list_parse(data, len, &ld->wijken, &err);
        free(data);
        if (!ld->want_wijken)
            return malformed(wijk_file, &err);
    }
    if (n->buurt == 0) {
        if ((data = read_in(dir, buurt_file, &len)) == NULL)
            return false;
        ld->want_buurten = buurt_list_parse(data, len, &ld->buurten, &err);
        free(data);
        if (!ld->want_buurten)
            return malformed(buurt_file, &err);
    }
    if (n->street == 0) {
        if ((data = read_in(dir, street_file, &len)) == NULL)
            return false;
        ld->want_straten = street_list_parse(data, len, &ld->straten, &err);
        free(data);
        if (!ld->want_straten)
            return malformed(street_file, &err);
    }
    return true;
}

static enum db_status
load_wijken(struct db_conn *c, struct load *ld)
{
    size_t i;
    int r;

    for (i = 0; i < ld->wijken.count; i++) {
        r = db_wijk_insert(c, ld->wijken.row[i].code, ld->wijken.row[i].name);
        if (r < 0)
            return (enum db_status)r;
        ld->wijken_added += (size_t)r;
    }
    ld->did_wijken = true;
    return DB_NO_RESULTS;
}

static enum db_status
load_buurten(struct db_conn *c, struct load *ld)
{
    const struct buurt_row *b;
    size_t i;
    int r;

    for (i = 0; i < ld->buurten.count; i++) {
        b = &ld->buurten.row[i];
        r = db_buurt_insert(c, b->code, b->wijk, b->name);
        if (r < 0)
            return (enum db_status)r;
        ld->buurten_added += (size_t)r;
    }
    ld->did_buurten = true;
    return DB_NO_RESULTS;
}

/* The transaction; it may run more than once, so it starts afresh. */
static enum db_status
load_tx(struct db_conn *c, void *cls)
{
    struct load *ld = cls;
    struct db_reference_counts n;
    enum db_status st = DB_NO_RESULTS;
    int r;

    ld->did_wijken = ld->did_buurten = ld->did_straten = false;
    ld->wijken_added = ld->buurten_added = 0;
    street_import_result_free(&ld->streets);
    r = db_reference_count(c, &n);
    if (r < 0)
        return (enum db_status)r;
    if (ld->want_wijken && n.wijk == 0)
        st = load_wijken(c, ld);
    if (st >= 0 && ld->want_buurten && n.buurt == 0)
        st = load_buurten(c, ld);
    if (st >= 0 && ld->want_straten && n.street == 0) {
        st = street_import_apply(c, &ld->straten, &ld->streets);
        ld->did_straten = st >= 0;
    }
    return st;
}

static void
print_rejects(const char *name, const struct csv_rejects *r)
{
    size_t i;

    for (i = 0; i < r->count; i++)
        printf("%s regel %u: %s\n", name, r->item[i].line, r->item[i].reason);
}

static void
print_skipped(const char *what)
{
    printf("%s: overgeslagen, de tabel is niet leeg "
           "(skipped: table not empty)\n",
           what);
}

static void
report(const struct load *ld)
{
    if (ld->did_wijken) {
        printf("wijken: %zu toegevoegd uit %s, geweigerd: %zu\n",
               ld->wijken_added, wijk_file, ld->wijken.rejects.count);
        print_rejects(wijk_file, &ld->wijken.rejects);
    } else {
        print_skipped("wijken");
    }
    if (ld->did_buurten) {
        printf("buurten: %zu toegevoegd uit %s, geweigerd: %zu\n",
               ld->buurten_added, buurt_file, ld->buurten.rejects.count);
        print_rejects(buurt_file, &ld->buurten.rejects);
    } else {
        print_skipped("buurten");
    }
    if (ld->did_straten) {
        printf("straten uit %s: ", street_file);
        street_import_print(stdout, &ld->straten, &ld->streets);
    } else {
        print_skipped("straten");
    }
}

static int
load(const char *dir, struct db_conn *conn)
{
    struct db_reference_counts n;
    struct load ld;
    enum db_status st;
    int rc = 1;

    memset(&ld, 0, sizeof(ld));
    if (db_reference_count(conn, &n) < 0) {
        fprintf(stderr, "liefleed reference: %s\n", db_last_error(conn));
        return 1;
    }
    if (!read_files(dir, &n, &ld))
        goto out;
    st = db_transaction(conn, load_tx, &ld);
    if (st < 0) {
        fprintf(stderr,
                "liefleed reference: laden mislukt, er is niets veranderd "
                "(load failed, nothing changed): %s\n",
                ld.streets.no_memory ? "onvoldoende geheugen (out of memory)"
                                     : db_last_error(conn));
        goto out;
    }
    report(&ld);
    rc = 0;
out:
    wijk_list_free(&ld.wijken);
    buurt_list_free(&ld.buurten);
    street_list_free(&ld.straten);
    street_import_result_free(&ld.streets);
    return rc;
}

int
cmd_reference(int argc, char **argv, const struct config *cfg)
{
    struct db_conn *conn;
    struct stat st;
    char err[512];
    int rc;

    if (argc == 2 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "load") == 0 &&
        (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc != 3 || strcmp(argv[1], "load") != 0) {
        usage(stderr);
        return 2;
    }
    if (stat(argv[2], &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr,
                "liefleed reference: %s is geen map (not a directory)\n",
                argv[2]);
        return 1;
    }
    conn = db_connect(cfg->database_url, err, sizeof(err));
    if (conn == NULL) {
        fprintf(stderr,
                "liefleed reference: kan de database niet bereiken "
                "(cannot connect to the database): %s\n",
                err);
        return 1;
    }
    rc = load(argv[2], conn);
    db_disconnect(conn);
    return rc;
}
