/* commands.h - the subcommands of the liefleed program.
 *
 * Each takes the arguments after its own name (argv[0] is the subcommand
 * name) and the loaded configuration, prints its own --help, and returns
 * the process exit status (0 ok, 1 failure, 2 usage error).
 */
#ifndef LIEFLEED_COMMANDS_H
#define LIEFLEED_COMMANDS_H

#include "config.h"

int cmd_serve(int argc, char **argv, const struct config *cfg);
int cmd_migrate(int argc, char **argv, const struct config *cfg);
int cmd_user(int argc, char **argv, const struct config *cfg);
int cmd_streets(int argc, char **argv, const struct config *cfg);
int cmd_reference(int argc, char **argv, const struct config *cfg);
int cmd_purge(int argc, char **argv, const struct config *cfg);
int cmd_batch(int argc, char **argv, const struct config *cfg);

#endif
