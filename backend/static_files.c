#include "static_files.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct static_file files[] = {
    {"utrecht-tokens.css", "text/css; charset=utf-8", "", NULL, 0},
    {"utrecht-components.css", "text/css; charset=utf-8", "", NULL, 0},
    {"liefleed.css", "text/css; charset=utf-8", "", NULL, 0},
};
#define NFILES (sizeof(files) / sizeof(files[0]))
#define STATIC_MAX_FILE ((long)8 * 1024 * 1024)

static char *
read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n;

    if (f == NULL) {
        snprintf(err, errlen, "kan %s niet lezen (cannot read; run make)",
                 path);
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        n > STATIC_MAX_FILE || fseek(f, 0, SEEK_SET) != 0) {
        snprintf(err, errlen, "kan %s niet lezen (cannot read)", path);
        goto out;
    }
    data = malloc((size_t)n + 1);
    if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n) {
        snprintf(err, errlen, "kan %s niet lezen (cannot read)", path);
        free(data);
        data = NULL;
        goto out;
    }
    data[n] = '\0';
    *len = (size_t)n;
out:
    fclose(f);
    return data;
}

bool
static_files_load(const char *dir, char *err, size_t errlen)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    char path[2048], hex[crypto_hash_sha256_BYTES * 2 + 1];
    size_t i;

    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium kan niet starten");
        return false;
    }
    for (i = 0; i < NFILES; i++) {
        const char *dot = strrchr(files[i].name, '.');
        snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
        files[i].data = read_file(path, &files[i].len, err, errlen);
        if (files[i].data == NULL) {
            static_files_free();
            return false;
        }
        crypto_hash_sha256(hash, (const unsigned char *)files[i].data,
                           files[i].len);
        sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
        hex[10] = '\0';
        snprintf(files[i].url, sizeof(files[i].url), "/static/%.*s.%s%s",
                 (int)(dot - files[i].name), files[i].name, hex, dot);
    }
    return true;
}

void
static_files_free(void)
{
    size_t i;

    for (i = 0; i < NFILES; i++) {
        free(files[i].data);
        files[i].data = NULL;
        files[i].len = 0;
    }
}

const char *
static_url(const char *name)
{
    size_t i;

    for (i = 0; i < NFILES; i++)
        if (strcmp(files[i].name, name) == 0 && files[i].url[0])
            return files[i].url;
    return "/static/missing.css";
}

const struct static_file *
static_find(const char *url)
{
    size_t i;

    for (i = 0; i < NFILES; i++)
        if (files[i].data != NULL && strcmp(files[i].url, url) == 0)
            return &files[i];
    return NULL;
}
