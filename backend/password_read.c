#include "password_read.h"

#include <signal.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The terminal settings to restore, also from a signal handler. */
static struct termios saved_tty;
static volatile sig_atomic_t tty_changed;

static const int restore_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define NSIGNALS (sizeof(restore_signals) / sizeof(restore_signals[0]))

static void
restore_and_reraise(int sig)
{
    if (tty_changed)
        (void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
    signal(sig, SIG_DFL);
    raise(sig);
}

static bool
echo_off(struct sigaction old[NSIGNALS])
{
    struct termios t;
    struct sigaction sa;
    size_t i;

    if (tcgetattr(STDIN_FILENO, &saved_tty) != 0)
        return false;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = restore_and_reraise;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < NSIGNALS; i++)
        sigaction(restore_signals[i], &sa, &old[i]);
    t = saved_tty;
    t.c_lflag &= ~(tcflag_t)ECHO;
    t.c_lflag |= ECHONL; /* the newline still shows, so the next prompt
                            starts on its own line */
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) != 0) {
        for (i = 0; i < NSIGNALS; i++)
            sigaction(restore_signals[i], &old[i], NULL);
        return false;
    }
    tty_changed = 1;
    return true;
}

static void
echo_restore(const struct sigaction old[NSIGNALS])
{
    size_t i;

    (void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
    tty_changed = 0;
    for (i = 0; i < NSIGNALS; i++)
        sigaction(restore_signals[i], &old[i], NULL);
}

enum line_result { LINE_OK, LINE_EMPTY_INPUT, LINE_TOO_LONG, LINE_NUL };

/* Read one line from stdin into buf without its line end. A line longer
 * than size - 1 bytes is consumed to its end and refused. */
static enum line_result
read_line(char *buf, size_t size, size_t *len)
{
    size_t n = 0;
    int ch;
    bool too_long = false, nul = false, any = false;

    while ((ch = getchar()) != EOF) {
        any = true;
        if (ch == '\n')
            break;
        if (ch == '\0')
            nul = true;
        if (n + 1 < size)
            buf[n++] = (char)ch;
        else
            too_long = true;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    *len = n;
    if (!any)
        return LINE_EMPTY_INPUT;
    if (too_long)
        return LINE_TOO_LONG;
    return nul ? LINE_NUL : LINE_OK;
}

static const char *
line_error(enum line_result r)
{
    switch (r) {
    case LINE_EMPTY_INPUT:
        return "geen wachtwoord op standaardinvoer "
               "(no password on standard input)";
    case LINE_TOO_LONG:
        return "het wachtwoord is te lang (the password is too long)";
    case LINE_NUL:
        return "het wachtwoord bevat een NUL-teken "
               "(the password contains a NUL character)";
    case LINE_OK:
        break;
    }
    return NULL;
}

static const char *
read_from_terminal(char *buf, size_t size, size_t *len)
{
    struct sigaction old[NSIGNALS];
    char *again;
    const char *err = NULL;
    enum line_result r;
    size_t len2 = 0;

    if (sodium_init() < 0)
        return "libsodium kan niet starten (cannot initialise libsodium)";
    again = sodium_malloc(size);
    if (again == NULL)
        return "geen geheugen (out of memory)";
    if (!echo_off(old)) {
        sodium_free(again);
        return "kan de terminal niet instellen "
               "(cannot switch off terminal echo)";
    }
    fputs("Wachtwoord (password): ", stderr);
    fflush(stderr);
    r = read_line(buf, size, len);
    err = line_error(r);
    if (err == NULL) {
        fputs("Nog een keer (repeat): ", stderr);
        fflush(stderr);
        err = line_error(read_line(again, size, &len2));
    }
    echo_restore(old);
    if (err == NULL && (len2 != *len || sodium_memcmp(buf, again, *len) != 0))
        err = "de twee wachtwoorden verschillen "
              "(the two passwords differ)";
    sodium_free(again);
    return err;
}

const char *
password_read_new(char *buf, size_t size, size_t *len)
{
    const char *err;

    *len = 0;
    if (size < 2)
        return "interne fout: buffer te klein (internal error)";
    /* No stdio buffer, so no stray copy of the password in libc's memory;
     * it is one short line, read a byte at a time. */
    (void)setvbuf(stdin, NULL, _IONBF, 0);
    if (isatty(STDIN_FILENO))
        err = read_from_terminal(buf, size, len);
    else
        err = line_error(read_line(buf, size, len));
    if (err == NULL && *len == 0)
        err = "leeg wachtwoord (empty password)";
    if (err != NULL) {
        sodium_memzero(buf, size);
        *len = 0;
    }
    return err;
}
