/* cmd_user.c - `liefleed user add|list|disable`: staff accounts from the
 * command line (the first beheerder comes from here).
 *
 * Arguments are checked before anything else happens; the password is
 * read from standard input only (password_read.h), checked against the
 * policy and hashed before the database is touched. Each change is one
 * transaction with its audit event. Accounts are never deleted.
 * Errors are one line on stderr, in Dutch with English in parentheses;
 * exit status 0 ok, 1 failure, 2 usage error (commands.h).
 */
#include <pwd.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "db.h"
#include "db_staff_user.h"
#include "password.h"
#include "password_read.h"
#include "staff_fields.h"

static void
usage_user(FILE *out)
{
    fputs("Usage: liefleed user COMMAND [OPTIONS]\n"
          "\n"
          "Staff accounts. Accounts are never deleted, only disabled, so\n"
          "the audit log keeps its names.\n"
          "\n"
          "Commands:\n"
          "  add      --email E --name N --role R [--wijk 03,04]\n"
          "           create an account; the password is read from "
          "standard input\n"
          "  list     show every account: e-mail, name, role, wijken, "
          "disabled\n"
          "  disable  --email E\n"
          "           switch an account off and end its sessions\n"
          "\n"
          "Run 'liefleed user COMMAND --help' for one command.\n",
          out);
}

static void
usage_add(FILE *out)
{
    fputs("Usage: liefleed user add --email E --name N --role R "
          "[--wijk 03,04]\n"
          "\n"
          "Create a staff account. The password is read from standard "
          "input:\n"
          "typed twice without echo on a terminal, or the first line of a "
          "pipe:\n"
          "  printf '%s\\n' \"$PASSWORD\" | liefleed user add ...\n"
          "It is never accepted on the command line, where every user of "
          "the\n"
          "machine can read it in the process list.\n"
          "\n"
          "  --email E   e-mail address, the login name (unique, any case)\n"
          "  --name N    full name, as shown in the audit log\n"
          "  --role R    makelaar | financien | beheerder | beleid\n"
          "  --wijk L    wijk codes 01..10, comma-separated; required for a\n"
          "              makelaar, not allowed for the other roles\n"
          "\n"
          "Password: at least 12 characters, not a well-known password.\n",
          out);
}

static void
usage_list(FILE *out)
{
    fputs("Usage: liefleed user list\n"
          "\n"
          "Print every staff account, one per line, tab-separated: e-mail,\n"
          "name, role, wijken, and when it was disabled ('-' when "
          "enabled).\n",
          out);
}

static void
usage_disable(FILE *out)
{
    fputs("Usage: liefleed user disable --email E\n"
          "\n"
          "Switch an account off: it can no longer log in and its open\n"
          "sessions end at once. The account stays on the record.\n",
          out);
}

/* One error line. */
static int
fail(const char *sub, const char *msg, int status)
{
    fprintf(stderr, "liefleed user%s%s: %s\n", sub ? " " : "", sub ? sub : "",
            msg);
    return status;
}

static bool
is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* The options of one subcommand. An option is "--name VALUE" or
 * "--name=VALUE"; each may appear once. */
struct option_spec {
    const char *name;
    const char **value;
};

static int
parse_options(const char *sub, int argc, char **argv,
              const struct option_spec *spec, size_t nspec)
{
    char msg[300];
    int i;
    size_t k, n;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i], *val = NULL;

        if (strncmp(arg, "--password", 10) == 0)
            return fail(sub,
                        "geef het wachtwoord via standaardinvoer, niet op de "
                        "opdrachtregel (give the password on standard input, "
                        "not on the command line)",
                        2);
        for (k = 0; k < nspec; k++) {
            n = strlen(spec[k].name);
            if (strncmp(arg, spec[k].name, n) != 0)
                continue;
            if (arg[n] == '=')
                val = arg + n + 1;
            else if (arg[n] == '\0' && i + 1 < argc)
                val = argv[++i];
            else if (arg[n] != '\0')
                continue;
            break;
        }
        if (k == nspec) {
            if (strncmp(arg, "--", 2) == 0)
                snprintf(msg, sizeof(msg),
                         "onbekende optie '%.100s' (unknown option); zie "
                         "--help",
                         arg);
            else
                snprintf(msg, sizeof(msg),
                         "onverwacht argument '%.100s' (unexpected "
                         "argument); zie --help",
                         arg);
            return fail(sub, msg, 2);
        }
        if (val == NULL) {
            snprintf(msg, sizeof(msg),
                     "%s verwacht een waarde (%s needs a value)", spec[k].name,
                     spec[k].name);
            return fail(sub, msg, 2);
        }
        if (*spec[k].value != NULL) {
            snprintf(msg, sizeof(msg), "%s staat er twee keer (%s given twice)",
                     spec[k].name, spec[k].name);
            return fail(sub, msg, 2);
        }
        *spec[k].value = val;
    }
    return 0;
}

/* The operating-system account running the command, for the audit log. */
static void
os_user_name(char *out, size_t size)
{
    struct passwd *pw = getpwuid(geteuid());

    if (pw != NULL && pw->pw_name != NULL)
        snprintf(out, size, "%s", pw->pw_name);
    else
        snprintf(out, size, "uid %u", (unsigned)geteuid());
}

static struct db_conn *
connect_db(const char *sub, const struct config *cfg)
{
    char err[512], msg[700];
    struct db_conn *c = db_connect(cfg->database_url, err, sizeof(err));

    if (c == NULL) {
        snprintf(msg, sizeof(msg),
                 "kan geen verbinding maken met de database (cannot connect "
                 "to the database): %s",
                 err);
        fail(sub, msg, 1);
    }
    return c;
}

static int
db_failure(const char *sub, struct db_conn *c)
{
    char msg[400];

    snprintf(msg, sizeof(msg), "databasefout (database error): %s",
             db_last_error(c));
    return fail(sub, msg, 1);
}

/* ---- add ---- */

struct add_args {
    const char *email, *name, *role, *wijk;
    struct staff_wijken wijken;
};

/* Check the arguments of add; returns 0, or the exit status after printing
 * the error. */
static int
add_check(struct add_args *a)
{
    char msg[300];

    if (a->email == NULL || a->name == NULL || a->role == NULL)
        return fail("add",
                    "--email, --name en --role zijn verplicht (--email, "
                    "--name and --role are required); zie --help",
                    2);
    if (!staff_email_valid(a->email))
        return fail("add", "ongeldig e-mailadres (invalid e-mail address)", 2);
    if (!staff_name_valid(a->name))
        return fail("add",
                    "ongeldige naam: 1 tot 200 tekens, zonder stuurtekens of "
                    "spaties aan het begin of eind (invalid name)",
                    2);
    if (!staff_role_valid(a->role))
        return fail("add",
                    "onbekende rol: kies makelaar, financien, beheerder of "
                    "beleid (unknown role)",
                    2);
    if (!staff_wijken_parse(a->wijk ? a->wijk : "", &a->wijken, msg,
                            sizeof(msg)))
        return fail("add", msg, 2);
    if (strcmp(a->role, "makelaar") == 0 && a->wijken.n == 0)
        return fail("add",
                    "een makelaar heeft minstens een wijk nodig: --wijk 03 "
                    "(a makelaar needs at least one wijk)",
                    2);
    if (strcmp(a->role, "makelaar") != 0 && a->wijk != NULL)
        return fail("add",
                    "--wijk geldt alleen voor de rol makelaar (--wijk only "
                    "applies to the makelaar role)",
                    2);
    return 0;
}

/* Read, check and hash the password; the plain text never outlives this
 * function. Returns NULL, or the message to show. */
static const char *
add_password(char hash[PASSWORD_HASH_SIZE])
{
    char pw[PASSWORD_MAX_BYTES + 2];
    const char *err;
    size_t len;

    err = password_read_new(pw, sizeof(pw), &len);
    if (err == NULL)
        err = password_policy_check(pw, len);
    if (err == NULL && !password_hash(pw, len, hash))
        err = "het wachtwoord kan niet versleuteld worden (cannot hash the "
              "password)";
    sodium_memzero(pw, sizeof(pw));
    return err;
}

struct add_tx {
    const struct add_args *args;
    const char *hash, *os_user;
    long long id;
    const char *unknown_wijk; /* set when a wijk is not in the database */
};

static enum db_status
add_run(struct db_conn *c, void *cls)
{
    struct add_tx *t = cls;
    const struct add_args *a = t->args;
    int r, i;

    t->unknown_wijk = NULL;
    r = db_staff_user_insert(c, a->email, a->name, a->role, t->hash, &t->id);
    if (r < 0)
        return (enum db_status)r;
    for (i = 0; i < a->wijken.n; i++) {
        r = db_staff_user_wijk_add(c, t->id, a->wijken.codes[i]);
        if (r < 0)
            return (enum db_status)r;
        if (r == 0) {
            t->unknown_wijk = a->wijken.codes[i];
            return DB_HARD_ERROR;
        }
    }
    r = db_staff_user_audit_add(c, t->id, a->role, a->wijken.canon, t->os_user);
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

static int
user_add(int argc, char **argv, const struct config *cfg)
{
    struct add_args a = {0};
    const struct option_spec spec[] = {{"--email", &a.email},
                                       {"--name", &a.name},
                                       {"--role", &a.role},
                                       {"--wijk", &a.wijk}};
    char hash[PASSWORD_HASH_SIZE], os_user[64], msg[300];
    struct add_tx t = {0};
    struct db_conn *c;
    const char *err;
    enum db_status st;
    int r;

    if (argc > 1 && is_help(argv[1])) {
        usage_add(stdout);
        return 0;
    }
    r = parse_options("add", argc, argv, spec, sizeof(spec) / sizeof(spec[0]));
    if (r == 0)
        r = add_check(&a);
    if (r != 0)
        return r;
    err = add_password(hash);
    if (err != NULL)
        return fail("add", err, 1);

    c = connect_db("add", cfg);
    if (c == NULL)
        return 1;
    os_user_name(os_user, sizeof(os_user));
    t.args = &a;
    t.hash = hash;
    t.os_user = os_user;
    st = db_transaction(c, add_run, &t);
    if (st == DB_CONFLICT)
        r = fail("add",
                 "er bestaat al een account met dit e-mailadres (an account "
                 "with this e-mail address exists)",
                 1);
    else if (t.unknown_wijk != NULL) {
        snprintf(msg, sizeof(msg),
                 "wijk %s staat niet in de database; laad eerst de "
                 "referentiegegevens (wijk %s is not in the database; load "
                 "the reference data first)",
                 t.unknown_wijk, t.unknown_wijk);
        r = fail("add", msg, 1);
    } else if (st < 0)
        r = db_failure("add", c);
    else {
        printf("Account aangemaakt (account created): %s, %s%s%s\n", a.email,
               a.role, a.wijken.n > 0 ? ", wijk " : "", a.wijken.canon);
        r = 0;
    }
    db_disconnect(c);
    return r;
}

/* ---- list ---- */

static void
list_row(void *cls, const struct staff_user *u)
{
    (void)cls;
    printf("%s\t%s\t%s\t%s\t%s\n", u->email, u->name, u->role,
           u->wijken[0] ? u->wijken : "-", u->disabled ? u->disabled_at : "-");
}

static int
user_list(int argc, char **argv, const struct config *cfg)
{
    struct db_conn *c;
    int r;

    if (argc > 1 && is_help(argv[1])) {
        usage_list(stdout);
        return 0;
    }
    if (argc > 1)
        return parse_options("list", argc, argv, NULL, 0);
    c = connect_db("list", cfg);
    if (c == NULL)
        return 1;
    printf("e-mail\tnaam\trol\twijken\tuitgeschakeld\n");
    r = db_staff_user_list(c, list_row, NULL);
    r = r < 0 ? db_failure("list", c) : 0;
    db_disconnect(c);
    return r;
}

/* ---- disable ---- */

struct disable_tx {
    const char *email, *os_user;
    struct staff_user user;
    bool found, already;
    int sessions;
};

static enum db_status
disable_run(struct db_conn *c, void *cls)
{
    struct disable_tx *d = cls;
    int r;

    d->found = d->already = false;
    d->sessions = 0;
    r = db_staff_user_find_by_email(c, d->email, &d->user);
    if (r <= 0)
        return (enum db_status)r;
    d->found = true;
    r = db_staff_user_disable(c, d->user.id);
    if (r < 0)
        return (enum db_status)r;
    if (r == 0) {
        d->already = true;
        return DB_NO_RESULTS;
    }
    r = db_staff_user_end_sessions(c, d->user.id);
    if (r < 0)
        return (enum db_status)r;
    d->sessions = r;
    r = db_staff_user_audit_disable(c, d->user.id, d->sessions, d->os_user);
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

static int
user_disable(int argc, char **argv, const struct config *cfg)
{
    const char *email = NULL;
    const struct option_spec spec[] = {{"--email", &email}};
    char os_user[64];
    struct disable_tx d;
    struct db_conn *c;
    enum db_status st;
    int r;

    if (argc > 1 && is_help(argv[1])) {
        usage_disable(stdout);
        return 0;
    }
    r = parse_options("disable", argc, argv, spec, 1);
    if (r != 0)
        return r;
    if (email == NULL)
        return fail("disable",
                    "--email is verplicht (--email is required); zie --help",
                    2);
    if (!staff_email_valid(email))
        return fail("disable", "ongeldig e-mailadres (invalid e-mail address)",
                    2);
    c = connect_db("disable", cfg);
    if (c == NULL)
        return 1;
    os_user_name(os_user, sizeof(os_user));
    memset(&d, 0, sizeof(d));
    d.email = email;
    d.os_user = os_user;
    st = db_transaction(c, disable_run, &d);
    if (st < 0)
        r = db_failure("disable", c);
    else if (!d.found)
        r = fail("disable",
                 "geen account met dit e-mailadres (no account with this "
                 "e-mail address)",
                 1);
    else if (d.already) {
        printf("Account was al uitgeschakeld (already disabled): %s\n",
               d.user.email);
        r = 0;
    } else {
        printf("Account uitgeschakeld (account disabled): %s; %d sessie(s) "
               "beëindigd (sessions ended)\n",
               d.user.email, d.sessions);
        r = 0;
    }
    db_disconnect(c);
    return r;
}

int
cmd_user(int argc, char **argv, const struct config *cfg)
{
    char msg[200];

    if (argc < 2) {
        usage_user(stderr);
        return 2;
    }
    if (is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        usage_user(stdout);
        return 0;
    }
    if (strcmp(argv[1], "add") == 0)
        return user_add(argc - 1, argv + 1, cfg);
    if (strcmp(argv[1], "list") == 0)
        return user_list(argc - 1, argv + 1, cfg);
    if (strcmp(argv[1], "disable") == 0)
        return user_disable(argc - 1, argv + 1, cfg);
    snprintf(msg, sizeof(msg),
             "onbekende opdracht '%.50s' (unknown command); zie 'liefleed "
             "user --help'",
             argv[1]);
    return fail(NULL, msg, 2);
}
