/* log.h - one-line log messages on stderr.
 *
 * Never pass personal data (names, e-mail, IBAN, status tokens) to these:
 * the log is read by operators who must not see it.
 */
#ifndef LIEFLEED_LOG_H
#define LIEFLEED_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
