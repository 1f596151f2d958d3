#include "staff_session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "log.h"

#define COOKIE_CHARS                                                           \
    (sodium_base64_ENCODED_LEN(STAFF_SESSION_ID_BYTES,                         \
                               sodium_base64_VARIANT_URLSAFE_NO_PADDING))

static const char *
secure_flag(const struct request *rq)
{
    return strncmp(rq->app->cfg.base_url, "https:", 6) == 0 ? "; Secure" : "";
}

bool
staff_session_cookie_hash(struct request *rq,
                          unsigned char hash[STAFF_SESSION_HASH_BYTES])
{
    const char *v = request_cookie(rq, STAFF_SESSION_COOKIE);
    unsigned char id[STAFF_SESSION_ID_BYTES];
    size_t n = 0;
    bool ok;

    if (v == NULL || strlen(v) != COOKIE_CHARS - 1)
        return false;
    ok = sodium_base642bin(id, sizeof(id), v, strlen(v), NULL, &n, NULL,
                           sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
         n == sizeof(id);
    if (ok)
        crypto_hash_sha256(hash, id, sizeof(id));
    sodium_memzero(id, sizeof(id));
    return ok;
}

void
staff_session_new(struct request *rq,
                  unsigned char hash[STAFF_SESSION_HASH_BYTES])
{
    unsigned char id[STAFF_SESSION_ID_BYTES];
    char b64[COOKIE_CHARS];

    randombytes_buf(id, sizeof(id));
    crypto_hash_sha256(hash, id, sizeof(id));
    sodium_bin2base64(b64, sizeof(b64), id, sizeof(id),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    snprintf(rq->set_cookie2, sizeof(rq->set_cookie2),
             STAFF_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s",
             b64, secure_flag(rq));
    sodium_memzero(id, sizeof(id));
    sodium_memzero(b64, sizeof(b64));
}

void
staff_session_cookie_clear(struct request *rq)
{
    snprintf(rq->set_cookie2, sizeof(rq->set_cookie2),
             STAFF_SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; "
                                  "Max-Age=0%s",
             secure_flag(rq));
}

enum staff_auth
staff_session_current(struct request *rq, struct staff *out)
{
    unsigned char hash[STAFF_SESSION_HASH_BYTES];
    struct db_conn *db;
    int r;

    if (!staff_session_cookie_hash(rq, hash))
        return STAFF_AUTH_NONE;
    db = request_db(rq);
    if (db == NULL)
        return STAFF_AUTH_DB_ERROR;
    r = db_staff_session_find(db, hash, out);
    if (r < 0) {
        log_error("session: %s", db_last_error(db));
        return STAFF_AUTH_DB_ERROR;
    }
    if (r == 0)
        return STAFF_AUTH_NONE;
    if (out->seen_long_ago && db_staff_session_touch(db, hash) < 0)
        log_error("session: %s", db_last_error(db));
    return STAFF_AUTH_OK;
}

/* Whether role is one of the comma-separated roles. */
static bool
role_in(const char *role, const char *roles)
{
    size_t n = strlen(role), k;
    const char *p;

    for (p = roles; *p != '\0'; p += k + (p[k] == ',')) {
        k = strcspn(p, ",");
        if (k == n && strncmp(p, role, n) == 0)
            return true;
    }
    return false;
}

bool
staff_require(struct request *rq, const char *roles, struct staff *out,
              enum MHD_Result *ret)
{
    switch (staff_session_current(rq, out)) {
    case STAFF_AUTH_OK:
        break;
    case STAFF_AUTH_NONE:
        *ret = reply_redirect(rq, "/inloggen");
        return false;
    default:
        *ret = reply_error(rq, 503, NULL);
        return false;
    }
    if (roles != NULL && !role_in(out->role, roles)) {
        *ret = reply_error(rq, 404, NULL);
        return false;
    }
    /* a role that must have a second factor does nothing else until it
     * has one */
    if (out->totp_required && !out->totp_enrolled &&
        (rq->path == NULL || strcmp(rq->path, STAFF_TOTP_PATH) != 0)) {
        *ret = reply_redirect(rq, STAFF_TOTP_PATH);
        return false;
    }
    return true;
}
