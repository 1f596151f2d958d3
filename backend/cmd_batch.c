/* liefleed batch - payout batches from the command line, for scheduled
 * use (issue 5):
 *
 *   liefleed batch create --user EMAIL [--tot DD-MM-JJJJ]
 *   liefleed batch files NUMBER --out DIR
 *   liefleed batch cancel NUMBER --user EMAIL --reden TEXT
 *
 * Each subcommand is one entry of the table `subcommands` below: a name,
 * a function taking (argc, argv, db) with argv[0] the subcommand's name,
 * and a line of help. To add one (e.g. `import FILE`), write its function
 * in this file (or another file with a prototype here) and add a row. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result_import_cmd.h"
#include "batch_create.h"
#include "commands.h"
#include "db.h"
#include "db_batch.h"
#include "db_staff_user.h"
#include "expense_fields.h"
#include "money.h"
#include "text_field.h"

struct batch_subcommand {
    const char *name;
    int (*run)(int argc, char **argv, struct db_conn *c);
    const char *usage;
};

static int batch_create_cmd(int argc, char **argv, struct db_conn *c);
static int batch_files_cmd(int argc, char **argv, struct db_conn *c);
static int batch_cancel_cmd(int argc, char **argv, struct db_conn *c);

static const struct batch_subcommand subcommands[] = {
    {"create", batch_create_cmd,
     "create --user EMAIL [--tot DD-MM-JJJJ]\n"
     "      Make a batch as the financien user EMAIL of every payout that\n"
     "      is ready, or of those awarded up to and including the date.\n"
     "      Prints the number, the lines and the total. Exit 0 also when\n"
     "      nothing was ready (the message says so)."},
    {"files", batch_files_cmd,
     "files NUMBER --out DIR\n"
     "      Write the stored files of batch NUMBER into DIR, byte for byte\n"
     "      as stored: betaalbatch-NUMBER.csv, .xml (when the batch has\n"
     "      bank lines) and .pdf. On the audit record as a download."},
    {"cancel", batch_cancel_cmd,
     "cancel NUMBER --user EMAIL --reden TEXT\n"
     "      Cancel a live batch without imported results: its payouts are\n"
     "      ready again, its files stay stored."},
    {"import", cmd_batch_import, RESULT_IMPORT_CMD_USAGE},
};
#define NSUB (sizeof(subcommands) / sizeof(subcommands[0]))

static void
help(FILE *out)
{
    size_t i;

    fprintf(out, "Usage: liefleed batch SUBCOMMAND [ARGS]\n\n"
                 "Payout batches for finance (betaalbatches).\n\n");
    for (i = 0; i < NSUB; i++)
        fprintf(out, "  liefleed batch %s\n\n", subcommands[i].usage);
}

/* The value of option name in argv[1..argc), or NULL. */
static const char *
option(int argc, char **argv, const char *name)
{
    int i;

    for (i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return NULL;
}

/* Whether every argument after argv[0] is one of the options in names
 * (each with a value) or, when positional is set, exactly one bare word
 * (stored in *positional). */
static bool
args_ok(int argc, char **argv, const char *const *names, size_t nnames,
        const char **positional)
{
    int i;
    size_t k;

    if (positional)
        *positional = NULL;
    for (i = 1; i < argc; i++) {
        for (k = 0; k < nnames; k++)
            if (strcmp(argv[i], names[k]) == 0)
                break;
        if (k < nnames) {
            if (i + 1 >= argc)
                return false;
            i++;
            continue;
        }
        if (positional == NULL || *positional != NULL || argv[i][0] == '-')
            return false;
        *positional = argv[i];
    }
    return positional == NULL || *positional != NULL;
}

/* The staff account of email, or an error on stderr. */
static bool
find_user(struct db_conn *c, const char *email, struct staff_user *u)
{
    int r = db_staff_user_find_by_email(c, email, u);

    if (r < 0) {
        fprintf(stderr, "liefleed batch: databasefout (database error): %s\n",
                db_last_error(c));
        return false;
    }
    if (r == 0) {
        fprintf(stderr,
                "liefleed batch: geen account met dit e-mailadres (no such "
                "user)\n");
        return false;
    }
    return true;
}

static int
batch_create_cmd(int argc, char **argv, struct db_conn *c)
{
    static const char *const names[] = {"--user", "--tot"};
    const char *email = option(argc, argv, "--user");
    const char *tot = option(argc, argv, "--tot");
    char iso[EXPENSE_DATE_ISO_SIZE], total[MONEY_TEXT_SIZE];
    struct staff_user *u;
    struct batch_create_result res;
    const char *err;
    int rc = 1;

    if (!args_ok(argc, argv, names, 2, NULL) || email == NULL) {
        help(stderr);
        return 2;
    }
    if (tot != NULL) {
        err = expense_date_parse(tot, iso, "nl");
        if (err != NULL) {
            fprintf(stderr, "liefleed batch: --tot: %s\n", err);
            return 2;
        }
    }
    u = malloc(sizeof(*u));
    if (u == NULL)
        return 1;
    if (!find_user(c, email, u))
        goto out;
    switch (batch_create(c, u->id, tot ? iso : NULL, &res)) {
    case BATCH_MADE:
        money_format_euro(res.total_cents, total, sizeof(total));
        printf("Batch %s: %lld regels, %s (%lld bank, %lld prepaidkaart)\n",
               res.number, res.lines, total, res.bank, res.cards);
        if (res.skipped > 0 || res.waiting > 0)
            printf("Niet in de batch: %lld zelf goedgekeurd, %lld wachten "
                   "op bevestiging van het IBAN\n",
                   res.skipped, res.waiting);
        rc = 0;
        break;
    case BATCH_NOTHING:
        printf("%s\n", res.message);
        rc = 0;
        break;
    case BATCH_FILES_FAILED:
        fprintf(stderr, "liefleed batch: %s\n", res.message);
        break;
    case BATCH_NOT_ALLOWED:
        fprintf(stderr, "liefleed batch: dit account is geen actieve "
                        "financien-gebruiker; er is geen batch gemaakt (not "
                        "an active financien user)\n");
        break;
    default:
        fprintf(stderr,
                "liefleed batch: databasefout, er is geen batch gemaakt "
                "(database error): %s\n",
                db_last_error(c));
        break;
    }
out:
    free(u);
    return rc;
}

/* Write data to dir/name through a temporary file, so a reader never sees
 * half a file. */
static bool
write_file(const char *dir, const char *name, const unsigned char *data,
           size_t len)
{
    char path[4096], tmp[4200];
    FILE *f;
    bool ok;

    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
        sizeof(path))
        return false;
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    f = fopen(tmp, "wb");
    if (f == NULL) {
        fprintf(stderr, "liefleed batch: kan %s niet schrijven: %s\n", tmp,
                strerror(errno));
        return false;
    }
    ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "liefleed batch: kan %s niet schrijven: %s\n", path,
                strerror(errno));
        remove(tmp);
        return false;
    }
    printf("%s\n", path);
    return true;
}

static int
batch_files_cmd(int argc, char **argv, struct db_conn *c)
{
    static const char *const names[] = {"--out"};
    static const enum batch_file_kind kinds[] = {
        BATCH_FILE_CSV, BATCH_FILE_SEPA, BATCH_FILE_PDF};
    const char *dir = option(argc, argv, "--out");
    const char *number;
    unsigned char *data;
    size_t len, i;
    char name[80];
    int written = 0;

    if (!args_ok(argc, argv, names, 1, &number) || dir == NULL) {
        help(stderr);
        return 2;
    }
    if (!batch_number_valid(number)) {
        fprintf(stderr, "liefleed batch: geen batch %s (no such batch)\n",
                number);
        return 1;
    }
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        int r =
            batch_file_download(c, "system", 0, number, kinds[i], &data, &len);
        if (r < 0) {
            fprintf(stderr,
                    "liefleed batch: databasefout (database error): %s\n",
                    db_last_error(c));
            return 1;
        }
        if (r == 0)
            continue; /* no SEPA file for a batch of cards only */
        batch_file_name(number, kinds[i], name, sizeof(name));
        if (!write_file(dir, name, data, len)) {
            free(data);
            return 1;
        }
        free(data);
        written++;
    }
    if (written == 0) {
        fprintf(stderr,
                "liefleed batch: geen batch %s of geen bestanden (no such "
                "batch or no files)\n",
                number);
        return 1;
    }
    return 0;
}

static int
batch_cancel_cmd(int argc, char **argv, struct db_conn *c)
{
    static const char *const names[] = {"--user", "--reden"};
    const char *email = option(argc, argv, "--user");
    const char *reden = option(argc, argv, "--reden");
    const char *number, *err;
    struct staff_user *u;
    char clean[2048];
    long long lines = 0;
    int rc = 1;

    if (!args_ok(argc, argv, names, 2, &number) || email == NULL ||
        reden == NULL) {
        help(stderr);
        return 2;
    }
    err = text_field_check(reden, 1, 500, true, "nl");
    if (err != NULL) {
        fprintf(stderr, "liefleed batch: --reden: %s\n", err);
        return 2;
    }
    snprintf(clean, sizeof(clean), "%s", reden);
    u = malloc(sizeof(*u));
    if (u == NULL)
        return 1;
    if (!find_user(c, email, u))
        goto out;
    if (strcmp(u->role, "financien") != 0 || u->disabled) {
        fprintf(stderr, "liefleed batch: dit account is geen actieve "
                        "financien-gebruiker (not an active financien "
                        "user)\n");
        goto out;
    }
    switch (batch_cancel(c, u->id, number, text_field_trim(clean), &lines)) {
    case BATCH_CANCELLED:
        printf("Batch %s geannuleerd: %lld uitbetalingen staan weer klaar\n",
               number, lines);
        rc = 0;
        break;
    case BATCH_NOT_CANCELLABLE:
        fprintf(stderr,
                "liefleed batch: batch %s bestaat niet, is niet live of heeft "
                "al resultaten; niets veranderd\n",
                number);
        break;
    default:
        fprintf(stderr, "liefleed batch: databasefout (database error): %s\n",
                db_last_error(c));
        break;
    }
out:
    free(u);
    return rc;
}

int
cmd_batch(int argc, char **argv, const struct config *cfg)
{
    struct db_conn *c;
    char err[512];
    size_t i;
    int rc;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (i = 0; i < NSUB; i++)
        if (strcmp(argv[1], subcommands[i].name) == 0)
            break;
    if (i == NSUB) {
        fprintf(stderr, "liefleed batch: onbekende opdracht '%s'\n\n", argv[1]);
        help(stderr);
        return 2;
    }
    if (argc > 2 &&
        (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
        printf("Usage: liefleed batch %s\n", subcommands[i].usage);
        return 0;
    }
    c = db_connect(cfg->database_url, err, sizeof(err));
    if (c == NULL) {
        fprintf(stderr,
                "liefleed batch: database niet bereikbaar (cannot connect): "
                "%s\n",
                err);
        return 1;
    }
    rc = subcommands[i].run(argc - 1, argv + 1, c);
    db_disconnect(c);
    return rc;
}
