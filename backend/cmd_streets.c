/* cmd_streets.c - `liefleed streets import FILE`: load a street list.
 *
 * Reads the file (at most CSV_TABLE_MAX_BYTES), checks all of it, and only
 * when it is a readable street list puts its good rows into the database
 * in one transaction. Prints how many street-buurt links were added, were
 * there already, or were refused, and why each refused row was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "db.h"
#include "file_read.h"
#include "street_import.h"
#include "street_list.h"

static void
usage(FILE *out)
{
    fprintf(out,
            "Gebruik (usage): liefleed streets import BESTAND\n"
            "\n"
            "Leest een stratenlijst in: een CSV-bestand in UTF-8 met ';' "
            "tussen de velden\n"
            "en een kopregel met ten minste de kolommen buurtcode, wijkcode "
            "en straatnaam\n"
            "(zoals utrecht_straten_partieel_2013.csv). Een regel per straat "
            "en buurt.\n"
            "\n"
            "Is het bestand onleesbaar (geen CSV, geen UTF-8, kolommen "
            "ontbreken, groter\n"
            "dan %zu MiB), dan verandert er niets. Anders komen alle goede "
            "regels in een\n"
            "keer in de database; foute regels worden met regelnummer en "
            "reden gemeld.\n"
            "Twee keer hetzelfde bestand inlezen voegt de tweede keer niets "
            "toe.\n"
            "\n"
            "(Imports a street list CSV; a malformed file changes nothing; "
            "rows that are\n"
            "refused are reported with their line number; importing twice "
            "adds nothing.)\n"
            "\n"
            "Database: LIEFLEED_DATABASE_URL. Uitvoer (output):\n"
            "  toegevoegd: N, al aanwezig: M, geweigerd: K\n"
            "  regel L: reden\n",
            CSV_TABLE_MAX_BYTES / (1024 * 1024));
}

struct import {
    const struct street_list *list;
    struct street_import_result result;
};

static enum db_status
import_tx(struct db_conn *c, void *cls)
{
    struct import *im = cls;

    return street_import_apply(c, im->list, &im->result);
}

static int
import_file(const char *path, const struct config *cfg)
{
    struct street_list list;
    struct csv_error perr;
    struct import im;
    struct db_conn *conn;
    enum db_status st;
    char err[512];
    size_t len = 0;
    char *data = file_read(path, CSV_TABLE_MAX_BYTES, &len, err, sizeof(err));

    memset(&im, 0, sizeof(im));
    im.list = &list;
    if (data == NULL) {
        fprintf(stderr, "liefleed streets: %s\n", err);
        return 1;
    }
    if (!street_list_parse(data, len, &list, &perr)) {
        free(data);
        fprintf(stderr,
                "liefleed streets: %s is geen bruikbare stratenlijst "
                "(malformed street list): %s\n"
                "Er is niets ingelezen (nothing was imported).\n",
                path, perr.message);
        street_list_free(&list);
        return 1;
    }
    free(data);
    conn = db_connect(cfg->database_url, err, sizeof(err));
    if (conn == NULL) {
        fprintf(stderr,
                "liefleed streets: kan de database niet bereiken "
                "(cannot connect to the database): %s\n",
                err);
        street_list_free(&list);
        return 1;
    }
    st = db_transaction(conn, import_tx, &im);
    if (st < 0)
        fprintf(stderr,
                "liefleed streets: inlezen mislukt, er is niets veranderd "
                "(import failed, nothing changed): %s\n",
                im.result.no_memory ? "onvoldoende geheugen (out of memory)"
                                    : db_last_error(conn));
    else
        street_import_print(stdout, &list, &im.result);
    db_disconnect(conn);
    street_import_result_free(&im.result);
    street_list_free(&list);
    return st < 0 ? 1 : 0;
}

static bool
is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int
cmd_streets(int argc, char **argv, const struct config *cfg)
{
    if ((argc == 2 && is_help(argv[1])) ||
        (argc == 3 && strcmp(argv[1], "import") == 0 && is_help(argv[2]))) {
        usage(stdout);
        return 0;
    }
    if (argc != 3 || strcmp(argv[1], "import") != 0) {
        usage(stderr);
        return 2;
    }
    return import_file(argv[2], cfg);
}
