/* config.h - settings from LIEFLEED_* environment variables.
 *
 * Every setting is declared once in config.c's table with its default and a
 * line of help; `liefleed serve --help` prints that table. Numbers are range
 * checked: a bad value is an error message, never a silent default.
 */
#ifndef LIEFLEED_CONFIG_H
#define LIEFLEED_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct config {
    char database_url[1024];
    char listen_host[256];
    unsigned listen_port;
    char base_url[512];
    char data_dir[1024];
    char static_dir[1024];
    char sql_dir[1024];
    unsigned workers;
    unsigned db_pool_size;
    unsigned max_body_bytes;
    unsigned max_header_bytes;
    unsigned max_connections;
    unsigned max_connections_per_ip;
    unsigned idle_timeout_s;
    unsigned shutdown_grace_s;
    unsigned db_retry_s;
    unsigned job_interval_s;
    unsigned health_cache_ms;
    unsigned submit_limit;
    char trusted_proxies[512];
    bool access_log;
};

/* Fill cfg from the environment. On a bad value writes one line in Dutch
 * and English to err (e.g. "LIEFLEED_WORKERS: ...") and returns false. */
bool config_load(struct config *cfg, char *err, size_t errlen);

/* Print every setting with its default and meaning. */
void config_print_help(FILE *out);

#endif
