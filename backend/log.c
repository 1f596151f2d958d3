#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static void
log_line(const char *level, const char *fmt, va_list ap)
{
    char msg[1024], stamp[32];
    struct tm tm;
    time_t now = time(NULL);

    vsnprintf(msg, sizeof(msg), fmt, ap);
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* One fprintf per line so concurrent threads do not interleave. */
    fprintf(stderr, "%s %s %s\n", stamp, level, msg);
}

void
log_info(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_line("info", fmt, ap);
    va_end(ap);
}

void
log_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_line("error", fmt, ap);
    va_end(ap);
}
