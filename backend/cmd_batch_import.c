/* liefleed batch import FILE --user EMAIL [--dry-run] - see
 * result_import_cmd.h. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_result_import.h"
#include "file_read.h"
#include "result_import.h"
#include "result_import_cmd.h"

/* the web route takes 16 MB; the same here */
#define IMPORT_MAX_BYTES ((size_t)16 * 1024 * 1024)

static void
usage(void)
{
    fprintf(stderr, "Usage: liefleed batch " RESULT_IMPORT_CMD_USAGE "\n");
}

static void
print_problems(const struct result_import *x)
{
    const struct result_file *f = &x->file;
    size_t i;

    for (i = 0; i < f->nproblems; i++) {
        if (f->problem[i].line > 0)
            fprintf(stderr, "regel %u: %s\n", f->problem[i].line,
                    f->problem[i].message);
        else
            fprintf(stderr, "%s\n", f->problem[i].message);
    }
    if (f->problems_total > f->nproblems)
        fprintf(stderr, "en nog %zu problemen\n",
                f->problems_total - f->nproblems);
    fprintf(stderr,
            "liefleed batch import: %zu problemen; er is niets veranderd "
            "(nothing was changed)\n",
            f->problems_total);
}

static void
print_counts(const char *what, const struct result_import *x)
{
    printf("%s: %zu regels, %lld betaald, %lld geweigerd, %lld "
           "teruggeboekt",
           what, x->file.count, x->paid, x->refused, x->reversed);
    if (x->batch_numbers[0])
        printf("; afgesloten batches: %s", x->batch_numbers);
    printf("\n");
}

int
cmd_batch_import(int argc, char **argv, struct db_conn *c)
{
    const char *path = NULL, *email = NULL;
    bool dry_run = false;
    struct result_import x;
    long long user_id = 0;
    char err[256], *data;
    size_t len;
    int i, r, rc = 1;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
            email = argv[++i];
        else if (strcmp(argv[i], "--dry-run") == 0)
            dry_run = true;
        else if (argv[i][0] != '-' && path == NULL)
            path = argv[i];
        else {
            usage();
            return 2;
        }
    }
    if (path == NULL || email == NULL) {
        usage();
        return 2;
    }
    r = db_result_financien_user(c, email, &user_id);
    if (r < 0) {
        fprintf(stderr, "liefleed batch import: database: %s\n",
                db_last_error(c));
        return 1;
    }
    if (r == 0) {
        fprintf(stderr,
                "liefleed batch import: %s is geen actieve gebruiker met de "
                "rol financien (not an active financien user)\n",
                email);
        return 2;
    }
    data = file_read(path, IMPORT_MAX_BYTES, &len, err, sizeof(err));
    if (data == NULL) {
        fprintf(stderr, "liefleed batch import: %s\n", err);
        return 1;
    }
    result_import_preview(c, user_id, data, len, &x);
    free(data);
    if (x.outcome == RESULT_IMPORT_READY) {
        long long id = x.info.id;
        char sha[65];
        snprintf(sha, sizeof(sha), "%s", x.info.sha256_hex);
        result_import_free(&x);
        result_import_commit(c, user_id, id, sha, dry_run, &x);
    }
    switch (x.outcome) {
    case RESULT_IMPORT_APPLIED:
        print_counts("Verwerkt", &x);
        rc = 0;
        break;
    case RESULT_IMPORT_READY:
        print_counts("Gecontroleerd (--dry-run, er is niets veranderd)", &x);
        rc = 0;
        break;
    case RESULT_IMPORT_ALREADY_APPLIED:
        printf("Dit bestand is al verwerkt op %s door %s; er is niets "
               "veranderd.\n",
               x.info.applied_at, x.info.applied_by);
        rc = 0;
        break;
    case RESULT_IMPORT_PROBLEMS:
        print_problems(&x);
        break;
    case RESULT_IMPORT_NO_FILE:
    case RESULT_IMPORT_DB_ERROR:
        fprintf(stderr,
                "liefleed batch import: de database gaf een fout; er is niets "
                "veranderd: %s\n",
                db_last_error(c));
        break;
    }
    result_import_free(&x);
    return rc;
}
