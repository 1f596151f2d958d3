/* log.h - one-line log messages on stderr.
 *
 * Never pass personal data (names, e-mail, IBAN, status tokens) to these:
 * the log is read by operators who must not see it.
 *
 * Access log lines are buffered (at most LOG_BUFFER bytes or
 * LOG_FLUSH_MS milliseconds old) because a write per request cost a third
 * of the server's throughput; every other line, and anything buffered
 * before it, is written at once.
 */
#ifndef LIEFLEED_LOG_H
#define LIEFLEED_LOG_H

#define LOG_BUFFER 16384
#define LOG_FLUSH_MS 200

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A buffered line (the access log). */
void log_access(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Start and stop the thread that writes buffered lines out at least every
 * LOG_FLUSH_MS; stopping writes out what is left. Without the thread,
 * buffered lines go out when the buffer fills or another line is logged. */
void log_flusher_start(void);
void log_flusher_stop(void);

/* Write buffered lines now. */
void log_flush(void);

#endif
