/* liefleed purge - anonymise personal data whose retention period has
 * passed (SPEC section 8); the server does the same once a day. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "db.h"
#include "purge.h"

static void
help(FILE *out)
{
    fprintf(out,
            "Usage: liefleed purge [--dry-run]\n\n"
            "Anonymises the personal data (name, e-mail, phone, address, "
            "IBAN, free text,\nstored letters) of applications whose "
            "retention period has passed: the\nsettings retention_awarded_"
            "years (after settlement, or payment when never\nsettled), "
            "retention_rejected_years and retention_withdrawn_years. "
            "Amounts,\ndates, statuses, street and wijk stay, so every "
            "figure stays the same.\nSafe to run twice and next to running "
            "servers.\n\n"
            "  --dry-run   only count what is due; change nothing\n");
}

int
cmd_purge(int argc, char **argv, const struct config *cfg)
{
    struct purge_counts n = {0};
    struct db_conn *c;
    enum db_status st;
    bool dry_run = false;
    char err[512];

    if (argc > 1 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        help(stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--dry-run") == 0) {
        dry_run = true;
    } else if (argc > 1) {
        help(stderr);
        return 2;
    }
    c = db_connect(cfg->database_url, err, sizeof(err));
    if (c == NULL) {
        fprintf(stderr,
                "liefleed purge: database niet bereikbaar (cannot "
                "connect): %s\n",
                err);
        return 1;
    }
    st = purge_run(c, dry_run, &n);
    if (st < 0 && st != DB_REFUSED) {
        fprintf(stderr, "liefleed purge: gestopt (failed): %s\n",
                db_last_error(c));
        db_disconnect(c);
        return 1;
    }
    printf("Te verwijderen (due): %lld afgewezen, %lld ingetrokken, "
           "%lld toegekend\n",
           n.due_rejected, n.due_withdrawn, n.due_awarded);
    if (dry_run) {
        printf("Proefdraai (dry run): niets gewijzigd\n");
    } else {
        printf("Geanonimiseerd (anonymised): %lld aanvragen, %lld "
               "gangmakers, %lld uitbetalingen, %lld documenten, %lld "
               "berichten, %lld batches\n",
               n.applications, n.organisers, n.payouts, n.documents, n.messages,
               n.batches);
    }
    db_disconnect(c);
    if (n.failed > 0) {
        fprintf(stderr,
                "liefleed purge: %lld aanvragen niet geanonimiseerd "
                "(refused), zie hierboven\n",
                n.failed);
        return 1;
    }
    return 0;
}
