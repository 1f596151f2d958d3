#include "db_app_secret.h"

#include <sodium.h>
#include <string.h>

#include "db_internal.h"

static struct db_stmt stmt_db_app_secret_create =
    DB_STMT("db_app_secret_create",
            "INSERT INTO app_secret (name, value) VALUES ($1, $2::bytea) "
            "ON CONFLICT (name) DO NOTHING",
            2);
static struct db_stmt stmt_db_app_secret_read =
    DB_STMT("db_app_secret_read",
            "SELECT encode(value, 'hex') FROM app_secret WHERE name = $1", 1);

int
db_app_secret_get(struct db_conn *c, const char *name,
                  unsigned char out[APP_SECRET_BYTES])
{
    unsigned char fresh[APP_SECRET_BYTES];
    char hex[2 + APP_SECRET_BYTES * 2 + 1] = "\\x";
    const char *p2[2] = {name, hex};
    const char *p1[1] = {name};
    PGresult *res;
    size_t len;
    int r;

    randombytes_buf(fresh, sizeof(fresh));
    sodium_bin2hex(hex + 2, sizeof(hex) - 2, fresh, sizeof(fresh));
    sodium_memzero(fresh, sizeof(fresh));
    r = db_query(c, &stmt_db_app_secret_create, p2, NULL);
    sodium_memzero(hex, sizeof(hex));
    if (r < 0)
        return r;
    r = db_query(c, &stmt_db_app_secret_read, p1, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? r : DB_HARD_ERROR;
    }
    r = sodium_hex2bin(out, APP_SECRET_BYTES, PQgetvalue(res, 0, 0),
                       strlen(PQgetvalue(res, 0, 0)), NULL, &len, NULL);
    PQclear(res);
    return (r == 0 && len == APP_SECRET_BYTES) ? 1 : DB_HARD_ERROR;
}
