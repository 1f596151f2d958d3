#include "log.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static char pending[LOG_BUFFER];
static size_t pending_len;
static pthread_t flusher;
static bool flusher_running, flusher_stop;

/* The timestamp only changes once a second: format it once a second. */
static void
stamp(char out[32])
{
    static __thread time_t last;
    static __thread char cached[32];
    time_t now = time(NULL);
    struct tm tm;

    if (now != last) {
        gmtime_r(&now, &tm);
        strftime(cached, sizeof(cached), "%Y-%m-%dT%H:%M:%SZ", &tm);
        last = now;
    }
    memcpy(out, cached, 32);
}

static void
write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* nowhere to report a failing log */
        p += w;
        n -= (size_t)w;
    }
}

/* Caller holds lock. */
static void
flush_locked(void)
{
    write_all(pending, pending_len);
    pending_len = 0;
}

static size_t
format_line(char *line, size_t cap, const char *level, const char *fmt,
            va_list ap)
{
    char ts[32];
    int n, m;

    stamp(ts);
    n = snprintf(line, cap, "%s %s ", ts, level);
    m = vsnprintf(line + n, cap - (size_t)n - 1, fmt, ap);
    if (m < 0)
        m = 0;
    if ((size_t)(n + m) > cap - 2)
        m = (int)(cap - 2) - n; /* cut, but keep the newline */
    line[n + m] = '\n';
    line[n + m + 1] = '\0';
    return (size_t)(n + m + 1);
}

static void
log_now(const char *level, const char *fmt, va_list ap)
{
    char line[1024];
    size_t n = format_line(line, sizeof(line), level, fmt, ap);

    pthread_mutex_lock(&lock);
    flush_locked(); /* keep the order of lines */
    write_all(line, n);
    pthread_mutex_unlock(&lock);
}

void
log_info(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_now("info", fmt, ap);
    va_end(ap);
}

void
log_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_now("error", fmt, ap);
    va_end(ap);
}

void
log_access(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    size_t n;

    va_start(ap, fmt);
    n = format_line(line, sizeof(line), "info", fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&lock);
    if (pending_len + n > sizeof(pending))
        flush_locked();
    memcpy(pending + pending_len, line, n);
    pending_len += n;
    if (!flusher_running)
        flush_locked();
    pthread_mutex_unlock(&lock);
}

void
log_flush(void)
{
    pthread_mutex_lock(&lock);
    flush_locked();
    pthread_mutex_unlock(&lock);
}

static void *
flush_loop(void *arg)
{
    struct timespec until;

    (void)arg;
    pthread_mutex_lock(&lock);
    while (!flusher_stop) {
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += LOG_FLUSH_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&wake, &lock, &until);
        flush_locked();
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

void
log_flusher_start(void)
{
    pthread_mutex_lock(&lock);
    flusher_stop = false;
    flusher_running = pthread_create(&flusher, NULL, flush_loop, NULL) == 0;
    pthread_mutex_unlock(&lock);
}

void
log_flusher_stop(void)
{
    bool running;

    pthread_mutex_lock(&lock);
    running = flusher_running;
    flusher_stop = true;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    if (running)
        pthread_join(flusher, NULL);
    pthread_mutex_lock(&lock);
    flusher_running = false;
    flush_locked();
    pthread_mutex_unlock(&lock);
}
