#include "db_staff_totp.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

static struct db_stmt stmt_db_staff_totp_get =
    DB_STMT("db_staff_totp_get",
            "SELECT encode(totp_secret, 'hex'), coalesce(totp_last_step, -1)"
            " FROM staff_user WHERE id = $1 AND totp_secret IS NOT NULL",
            1);

int
db_staff_totp_get(struct db_conn *c, long long user_id,
                  unsigned char key[DB_TOTP_SECRET_MAX], size_t *keylen,
                  int64_t *last_step)
{
    PGresult *res;
    const char *hex;
    int r = db_query_id(c, &stmt_db_staff_totp_get, user_id, &res);

    if (r < 0)
        return r;
    if (r == 0) {
        PQclear(res);
        return 0;
    }
    hex = PQgetvalue(res, 0, 0);
    if (sodium_hex2bin(key, DB_TOTP_SECRET_MAX, hex, strlen(hex), NULL, keylen,
                       NULL) != 0 ||
        *keylen < 16)
        r = DB_HARD_ERROR;
    *last_step = db_ll(PQgetvalue(res, 0, 1));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_totp_use =
    DB_STMT("db_staff_totp_use",
            "UPDATE staff_user SET totp_last_step = $2::bigint"
            " WHERE id = $1 AND totp_secret IS NOT NULL"
            " AND (totp_last_step IS NULL OR totp_last_step < $2::bigint)",
            2);

int
db_staff_totp_use(struct db_conn *c, long long user_id, int64_t step)
{
    char id[24], st[24];
    const char *p[2] = {id, st};

    snprintf(id, sizeof(id), "%lld", user_id);
    snprintf(st, sizeof(st), "%" PRId64, step);
    return db_query(c, &stmt_db_staff_totp_use, p, NULL);
}

static struct db_stmt stmt_db_staff_totp_set = DB_STMT(
    "db_staff_totp_set",
    "UPDATE staff_user SET totp_secret = $2::bytea, totp_last_step = $3::bigint"
    " WHERE id = $1",
    3);

int
db_staff_totp_set(struct db_conn *c, long long user_id,
                  const unsigned char *key, size_t keylen, int64_t step)
{
    char id[24], st[24], hex[2 + 2 * DB_TOTP_SECRET_MAX + 1];
    const char *p[3] = {id, hex, st};

    if (keylen < 16 || keylen > DB_TOTP_SECRET_MAX)
        return DB_HARD_ERROR;
    snprintf(id, sizeof(id), "%lld", user_id);
    snprintf(st, sizeof(st), "%" PRId64, step);
    db_bytea_hex(key, keylen, hex);
    return db_query(c, &stmt_db_staff_totp_set, p, NULL);
}

static struct db_stmt stmt_db_staff_totp_clear =
    DB_STMT("db_staff_totp_clear",
            "UPDATE staff_user SET totp_secret = NULL, totp_last_step = NULL"
            " WHERE id = $1",
            1);

int
db_staff_totp_clear(struct db_conn *c, long long user_id)
{
    return db_query_id(c, &stmt_db_staff_totp_clear, user_id, NULL);
}
