/* result_import_cmd.h - `liefleed batch import FILE --user EMAIL
 * [--dry-run]`: the result import from the command line, with the same
 * checks and all-or-nothing as /beheer/resultaat (result_import.h).
 *
 * A subcommand of `liefleed batch` (backend/cmd_batch.c): argv[0] is
 * "import", c is the open connection. Prints every problem as "regel N:
 * ..." on standard error. Exit 0 applied (or, with --dry-run, would apply;
 * or the file was applied before: nothing changes, the message says so),
 * 1 problems or failure (nothing changed), 2 usage. */
#ifndef LIEFLEED_RESULT_IMPORT_CMD_H
#define LIEFLEED_RESULT_IMPORT_CMD_H

struct db_conn;

#define RESULT_IMPORT_CMD_USAGE                                                \
    "import FILE --user EMAIL [--dry-run]\n"                                   \
    "      Import finance's result file FILE (referentie;status;datum;\n"      \
    "      bedrag;reden) as the financien user EMAIL: every row is\n"          \
    "      checked, then all rows are applied or none. With --dry-run\n"       \
    "      nothing is applied. The same file twice changes nothing."

int cmd_batch_import(int argc, char **argv, struct db_conn *c);

#endif
