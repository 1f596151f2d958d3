/* liefleed migrate - apply the numbered migrations in LIEFLEED_SQL_DIR. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "db.h"
#include "migrations.h"

static void
help(FILE *out)
{
    fprintf(out,
            "Usage: liefleed migrate\n\n"
            "Applies the migrations in LIEFLEED_SQL_DIR (sql/NNN_name.sql) "
            "that the database\nof LIEFLEED_DATABASE_URL does not have yet, "
            "each in its own transaction.\nRefuses to run when an applied "
            "file was edited afterwards. Safe to run twice.\n");
}

int
cmd_migrate(int argc, char **argv, const struct config *cfg)
{
    struct migration_set set;
    struct db_conn *c;
    char err[1024];
    int rc = 1;

    if (argc > 1 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        help(stdout);
        return 0;
    }
    if (argc > 1) {
        help(stderr);
        return 2;
    }
    if (!migrations_read(cfg->sql_dir, &set, err, sizeof(err))) {
        fprintf(stderr, "liefleed migrate: %s\n", err);
        return 1;
    }
    c = db_connect(cfg->database_url, err, sizeof(err));
    if (c == NULL) {
        fprintf(stderr,
                "liefleed migrate: database niet bereikbaar (cannot "
                "connect): %s\n",
                err);
        goto out;
    }
    if (migrations_apply(c, &set, stdout, err, sizeof(err)))
        rc = 0;
    else
        fprintf(stderr, "liefleed migrate: %s\n", err);
    db_disconnect(c);
out:
    migrations_free(&set);
    return rc;
}
