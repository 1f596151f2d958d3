#include "db_staff_session.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "db_internal.h"
#include "db_util.h"

/* room for "\x" and 64 hex digits */
#define HASH_HEX_SIZE (2 + 2 * STAFF_SESSION_HASH_BYTES + 1)

static struct db_stmt stmt_db_staff_login_find =
    DB_STMT("db_staff_login_find",
            "SELECT id, password_hash, disabled_at IS NOT NULL"
            " FROM staff_user WHERE lower(email) = lower($1)",
            1);

int
db_staff_login_find(struct db_conn *c, const char *email, long long *id,
                    char *hash, size_t hash_size, bool *disabled)
{
    const char *p[1] = {email};
    PGresult *res;
    int r = db_query(c, &stmt_db_staff_login_find, p, &res);

    if (r < 0)
        return r;
    if (r > 0) {
        *id = db_ll(PQgetvalue(res, 0, 0));
        snprintf(hash, hash_size, "%s", PQgetvalue(res, 0, 1));
        *disabled = strcmp(PQgetvalue(res, 0, 2), "t") == 0;
        if (*id <= 0)
            r = DB_HARD_ERROR;
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_session_insert = DB_STMT(
    "db_staff_session_insert",
    "INSERT INTO staff_session (id_hash, user_id, csrf_secret, expires_at)"
    " VALUES ($1::bytea, $2::bigint, $3::bytea, now() + make_interval("
    " hours => setting_int('session_absolute_hours')::integer))",
    3);

int
db_staff_session_insert(struct db_conn *c, const unsigned char id_hash[32],
                        long long user_id, const unsigned char csrf_secret[32])
{
    char h[HASH_HEX_SIZE], s[HASH_HEX_SIZE], uid[24];
    const char *p[3] = {h, uid, s};

    db_bytea_hex(id_hash, STAFF_SESSION_HASH_BYTES, h);
    db_bytea_hex(csrf_secret, 32, s);
    snprintf(uid, sizeof(uid), "%lld", user_id);
    return db_query(c, &stmt_db_staff_session_insert, p, NULL);
}

static struct db_stmt stmt_db_staff_session_find = DB_STMT(
    "db_staff_session_find",
    "SELECT u.id, u.name, u.role,"
    " coalesce((SELECT string_agg(w.wijk_code, ',' ORDER BY w.wijk_code)"
    "   FROM staff_user_wijk w WHERE w.user_id = u.id), ''),"
    " s.last_seen_at < now() - interval '1 minute',"
    " encode(s.csrf_secret, 'hex'),"
    " u.totp_secret IS NOT NULL,"
    " u.role IN ('financien', 'beheerder') AND coalesce((SELECT value"
    "   FROM setting WHERE key = 'totp_required'), 'false') = 'true'"
    " FROM staff_session s JOIN staff_user u ON u.id = s.user_id"
    " WHERE s.id_hash = $1::bytea AND s.ended_at IS NULL"
    " AND s.expires_at > now() AND u.disabled_at IS NULL"
    " AND s.last_seen_at > now() - make_interval("
    " mins => setting_int('session_idle_minutes')::integer)",
    1);

int
db_staff_session_find(struct db_conn *c, const unsigned char id_hash[32],
                      struct staff *out)
{
    char h[HASH_HEX_SIZE];
    const char *p[1] = {h};
    PGresult *res;
    size_t secret_len = 0;
    int r;

    db_bytea_hex(id_hash, STAFF_SESSION_HASH_BYTES, h);
    r = db_query(c, &stmt_db_staff_session_find, p, &res);
    if (r < 0)
        return r;
    if (r > 0) {
        memset(out, 0, sizeof(*out));
        out->id = db_ll(PQgetvalue(res, 0, 0));
        snprintf(out->name, sizeof(out->name), "%s", PQgetvalue(res, 0, 1));
        snprintf(out->role, sizeof(out->role), "%s", PQgetvalue(res, 0, 2));
        snprintf(out->wijken, sizeof(out->wijken), "%s", PQgetvalue(res, 0, 3));
        out->seen_long_ago = strcmp(PQgetvalue(res, 0, 4), "t") == 0;
        out->totp_enrolled = strcmp(PQgetvalue(res, 0, 6), "t") == 0;
        out->totp_required = strcmp(PQgetvalue(res, 0, 7), "t") == 0;
        memcpy(out->session_hash, id_hash, STAFF_SESSION_HASH_BYTES);
        if (sodium_hex2bin(out->csrf_secret, sizeof(out->csrf_secret),
                           PQgetvalue(res, 0, 5), 64, NULL, &secret_len,
                           NULL) != 0 ||
            secret_len != sizeof(out->csrf_secret))
            r = DB_HARD_ERROR;
        if (out->id <= 0)
            r = DB_HARD_ERROR;
    }
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_session_touch =
    DB_STMT("db_staff_session_touch",
            "UPDATE staff_session SET last_seen_at = now()"
            " WHERE id_hash = $1::bytea AND ended_at IS NULL",
            1);

int
db_staff_session_touch(struct db_conn *c, const unsigned char id_hash[32])
{
    char h[HASH_HEX_SIZE];
    const char *p[1] = {h};

    db_bytea_hex(id_hash, STAFF_SESSION_HASH_BYTES, h);
    return db_query(c, &stmt_db_staff_session_touch, p, NULL);
}

static struct db_stmt stmt_db_staff_session_end =
    DB_STMT("db_staff_session_end",
            "UPDATE staff_session SET ended_at = now()"
            " WHERE id_hash = $1::bytea AND ended_at IS NULL"
            " RETURNING user_id",
            1);

int
db_staff_session_end(struct db_conn *c, const unsigned char id_hash[32],
                     long long *user_id)
{
    char h[HASH_HEX_SIZE];
    const char *p[1] = {h};
    PGresult *res;
    int r;

    db_bytea_hex(id_hash, STAFF_SESSION_HASH_BYTES, h);
    r = db_query(c, &stmt_db_staff_session_end, p, &res);
    if (r < 0)
        return r;
    if (r > 0)
        *user_id = db_ll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return r;
}

static struct db_stmt stmt_db_staff_session_end_others =
    DB_STMT("db_staff_session_end_others",
            "UPDATE staff_session SET ended_at = now()"
            " WHERE user_id = $1 AND id_hash <> $2::bytea AND ended_at IS NULL",
            2);

int
db_staff_session_end_others(struct db_conn *c, long long user_id,
                            const unsigned char keep_hash[32])
{
    char id[24], h[HASH_HEX_SIZE];
    const char *p[2] = {id, h};

    snprintf(id, sizeof(id), "%lld", user_id);
    db_bytea_hex(keep_hash, STAFF_SESSION_HASH_BYTES, h);
    return db_query(c, &stmt_db_staff_session_end_others, p, NULL);
}
