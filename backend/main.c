/* main.c - the liefleed program: subcommands in the style of git. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "config.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv, const struct config *cfg);
    const char *summary;
};

static const struct command commands[] = {
    {"serve", cmd_serve, "serve the web application over HTTP"},
    {"migrate", cmd_migrate, "apply the database migrations in sql/"},
    {"user", cmd_user, "manage staff accounts: add, list, disable"},
    {"streets", cmd_streets, "import a street list: streets import FILE"},
    {"reference", cmd_reference,
     "load wijken, buurten and streets from a data directory"},
    {"purge", cmd_purge,
     "anonymise personal data whose retention period has passed"},
    {"batch", cmd_batch, "payout batches: create, files, cancel"},
};

static void
usage(FILE *out)
{
    size_t i;

    fprintf(out, "Usage: liefleed COMMAND [ARGS]\n\nCommands:\n");
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'liefleed COMMAND --help' for the options of one "
                 "command.\n");
}

int
main(int argc, char **argv)
{
    struct config cfg;
    char err[512];
    size_t i;

    if (sodium_init() < 0) {
        fprintf(stderr, "liefleed: libsodium kan niet starten\n");
        return 1;
    }
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (!config_load(&cfg, err, sizeof(err))) {
            fprintf(stderr, "liefleed: %s\n", err);
            return 2;
        }
        return commands[i].run(argc - 1, argv + 1, &cfg);
    }
    fprintf(stderr, "liefleed: onbekende opdracht '%s' (unknown command)\n\n",
            argv[1]);
    usage(stderr);
    return 2;
}
