#include "db_application.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "db_util.h"

static struct db_stmt stmt_db_organiser_insert = DB_STMT(
    "db_organiser_insert",
    "INSERT INTO organiser (name, email, phone, address, postcode, iban,"
    " account_holder, language) VALUES ($1, $2, $3, $4, $5, $6, $7,"
    " coalesce($8, 'nl')) RETURNING id",
    8);

enum db_status
db_organiser_insert(struct db_conn *c, const struct organiser_row *o,
                    long long *id)
{
    const char *p[8] = {o->name,     o->email, o->phone,          o->address,
                        o->postcode, o->iban,  o->account_holder, o->language};
    PGresult *res;
    int r = db_query(c, &stmt_db_organiser_insert, p, &res);

    if (r != 1) {
        PQclear(res);
        return r < 0 ? (enum db_status)r : DB_HARD_ERROR;
    }
    *id = db_ll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return DB_ONE_RESULT;
}

static struct db_stmt stmt_db_application_street_counts = DB_STMT(
    "db_application_street_counts",
    "SELECT count(*) FILTER (WHERE status IN ('ingediend', 'in_behandeling',"
    " 'aanvulling_gevraagd')),"
    " count(*) FILTER (WHERE status NOT IN ('afgewezen', 'ingetrokken')"
    " AND date_part('year', submitted_at AT TIME ZONE 'Europe/Amsterdam')"
    " = date_part('year', now() AT TIME ZONE 'Europe/Amsterdam'))"
    " FROM application WHERE ($1::bigint IS NOT NULL AND street_id = $1)"
    " OR ($1::bigint IS NULL AND lower(street_name) = lower($2))",
    2);

enum db_status
db_application_street_counts(struct db_conn *c, long long street_id,
                             const char *street_name, long long *open,
                             long long *this_year)
{
    char sid[24];
    const char *p[2] = {street_id ? sid : NULL, street_name};
    PGresult *res;
    int r;

    snprintf(sid, sizeof(sid), "%lld", street_id);
    r = db_query(c, &stmt_db_application_street_counts, p, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? (enum db_status)r : DB_HARD_ERROR;
    }
    *open = db_ll(PQgetvalue(res, 0, 0));
    *this_year = db_ll(PQgetvalue(res, 0, 1));
    PQclear(res);
    return DB_ONE_RESULT;
}

static struct db_stmt stmt_db_application_insert = DB_STMT(
    "db_application_insert",
    "INSERT INTO application (reference, kind, street_id, street_name,"
    " wijk_code, buurt_code, organiser_id, second_organiser_id,"
    " requested_amount_cents, plan, flag_unknown_street, flag_second_open,"
    " flag_over_yearly_maximum, status_token_hash, idempotency_key,"
    " households, payout_method, privacy_consent_at, language, entered_by,"
    " previous_application_id)"
    " VALUES (next_reference('LL', date_part('year', now() AT TIME ZONE"
    " 'Europe/Amsterdam')::integer), CASE WHEN $18::bigint IS NULL THEN"
    " 'first' ELSE 'follow_up' END, $1::bigint, $2, $3, $4,"
    " $5::bigint, $6::bigint, $7::bigint, $8, $9::boolean, $10::boolean,"
    " $11::boolean, $12::bytea, $13, $14::integer, $15, now(), $16,"
    " $17::bigint, $18::bigint)"
    " RETURNING id, reference, to_char(submitted_at AT TIME ZONE"
    " 'Europe/Amsterdam', 'DD-MM-YYYY \"om\" HH24:MI')",
    18);

enum db_status
db_application_insert(struct db_conn *c, const struct application_row *a,
                      long long *id, char reference[24], char submitted[32])
{
    char sid[24], oid[24], o2[24], cents[24], hh[16], eb[24], prev[24];
    char hash[2 + 64 + 1];
    const char *p[18];
    PGresult *res;
    int r;

    snprintf(sid, sizeof(sid), "%lld", a->street_id);
    snprintf(oid, sizeof(oid), "%lld", a->organiser_id);
    snprintf(o2, sizeof(o2), "%lld", a->second_organiser_id);
    snprintf(cents, sizeof(cents), "%lld", a->requested_cents);
    snprintf(hh, sizeof(hh), "%d", a->households);
    snprintf(eb, sizeof(eb), "%lld", a->entered_by);
    snprintf(prev, sizeof(prev), "%lld", a->previous_application_id);
    db_bytea_hex(a->token_hash, 32, hash);
    p[0] = a->street_id ? sid : NULL;
    p[1] = a->street_name;
    p[2] = a->wijk_code;
    p[3] = a->buurt_code;
    p[4] = oid;
    p[5] = a->second_organiser_id ? o2 : NULL;
    p[6] = cents;
    p[7] = a->plan;
    p[8] = a->flag_unknown_street ? "true" : "false";
    p[9] = a->flag_second_open ? "true" : "false";
    p[10] = a->flag_over_yearly_maximum ? "true" : "false";
    p[11] = hash;
    p[12] = a->idempotency_key;
    p[13] = a->households > 0 ? hh : NULL;
    p[14] = a->payout_method;
    p[15] = a->language;
    p[16] = a->entered_by ? eb : NULL;
    p[17] = a->previous_application_id ? prev : NULL;
    r = db_query(c, &stmt_db_application_insert, p, &res);
    if (r != 1) {
        PQclear(res);
        return r < 0 ? (enum db_status)r : DB_HARD_ERROR;
    }
    *id = db_ll(PQgetvalue(res, 0, 0));
    snprintf(reference, 24, "%s", PQgetvalue(res, 0, 1));
    snprintf(submitted, 32, "%s", PQgetvalue(res, 0, 2));
    PQclear(res);
    return DB_ONE_RESULT;
}

static struct db_stmt stmt_db_document_insert =
    DB_STMT("db_document_insert",
            "INSERT INTO document (application_id, kind, content, sha256)"
            " VALUES ($1::bigint, $2, $3::bytea, $4::bytea)",
            4);

enum db_status
db_document_insert(struct db_conn *c, long long application_id,
                   const char *kind, const unsigned char *data, size_t len,
                   const unsigned char sha256[32])
{
    char aid[24], hash[2 + 64 + 1];
    char *content = malloc(2 + 2 * len + 1);
    const char *p[4] = {aid, kind, content, hash};
    int r;

    if (content == NULL)
        return DB_HARD_ERROR;
    snprintf(aid, sizeof(aid), "%lld", application_id);
    db_bytea_hex(data, len, content);
    db_bytea_hex(sha256, 32, hash);
    r = db_query(c, &stmt_db_document_insert, p, NULL);
    free(content);
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

static struct db_stmt stmt_db_document_get =
    DB_STMT("db_document_get",
            "SELECT encode(content, 'hex') FROM document WHERE application_id ="
            " $1::bigint AND kind = $2 AND content IS NOT NULL",
            2);

int
db_document_get(struct db_conn *c, long long application_id, const char *kind,
                unsigned char **data, size_t *len)
{
    char aid[24];
    const char *p[2] = {aid, kind};
    const char *hex;
    PGresult *res;
    size_t n;
    int r;

    *data = NULL;
    snprintf(aid, sizeof(aid), "%lld", application_id);
    r = db_query(c, &stmt_db_document_get, p, &res);
    if (r != 1) {
        PQclear(res);
        return r;
    }
    hex = PQgetvalue(res, 0, 0);
    n = strlen(hex) / 2;
    *data = malloc(n ? n : 1);
    if (*data == NULL ||
        sodium_hex2bin(*data, n, hex, 2 * n, NULL, len, NULL) != 0) {
        free(*data);
        *data = NULL;
        PQclear(res);
        return DB_HARD_ERROR;
    }
    PQclear(res);
    return 1;
}

static struct db_stmt stmt_db_outbox_insert =
    DB_STMT("db_outbox_insert",
            "INSERT INTO outbox_message (application_id, kind, channel)"
            " VALUES ($1::bigint, $2, $3)",
            3);

enum db_status
db_outbox_insert(struct db_conn *c, long long application_id, const char *kind,
                 const char *channel)
{
    char aid[24];
    const char *p[3] = {aid, kind, channel};
    int r;

    snprintf(aid, sizeof(aid), "%lld", application_id);
    r = db_query(c, &stmt_db_outbox_insert, p, NULL);
    return r < 0 ? (enum db_status)r : DB_ONE_RESULT;
}

static struct db_stmt stmt_db_application_by_token =
    DB_STMT("db_application_by_token",
            "SELECT a.id, a.reference, a.status, a.street_name,"
            " to_char(a.submitted_at AT TIME ZONE 'Europe/Amsterdam',"
            " 'DD-MM-YYYY'),"
            " coalesce(to_char(a.decided_at AT TIME ZONE 'Europe/Amsterdam',"
            " 'DD-MM-YYYY'), ''), a.language, coalesce(a.rejection_reason, ''),"
            " EXISTS (SELECT 1 FROM document d WHERE d.application_id = a.id"
            " AND d.kind = 'receipt' AND d.content IS NOT NULL),"
            " encode(a.status_token_hash, 'hex'), a.flag_second_open,"
            " a.flag_over_yearly_maximum, a.flag_unknown_street,"
            " a.payout_method, coalesce(p.status, ''),"
            " coalesce(w.amount_cents, 0), EXISTS (SELECT 1 FROM document d"
            " WHERE d.application_id = a.id AND d.kind = 'award_letter'"
            " AND d.content IS NOT NULL),"
            /* offered only while the application is rejected */
            " a.status = 'afgewezen' AND EXISTS (SELECT 1 FROM document d"
            " WHERE d.application_id = a.id AND d.kind = 'rejection_letter'"
            " AND d.content IS NOT NULL)"
            " FROM application a LEFT JOIN award w ON w.application_id = a.id"
            " LEFT JOIN payout p ON p.award_id = w.id"
            " WHERE a.status_token_hash = $1::bytea",
            1);

int
db_application_by_token(struct db_conn *c, const unsigned char hash[32],
                        struct application_view *out)
{
    char hex[2 + 64 + 1], want[65];
    const char *p[1] = {hex};
    PGresult *res;
    int r;

    db_bytea_hex(hash, 32, hex);
    r = db_query(c, &stmt_db_application_by_token, p, &res);
    if (r != 1) {
        PQclear(res);
        return r;
    }
    /* the index found the row; compare the whole hash once more in
     * constant time so no timing tells how close a guess was */
    memcpy(want, hex + 2, sizeof(want));
    if (sodium_memcmp(want, PQgetvalue(res, 0, 9), 64) != 0) {
        PQclear(res);
        return 0;
    }
    memset(out, 0, sizeof(*out));
    out->id = db_ll(PQgetvalue(res, 0, 0));
    snprintf(out->reference, sizeof(out->reference), "%s",
             PQgetvalue(res, 0, 1));
    snprintf(out->status, sizeof(out->status), "%s", PQgetvalue(res, 0, 2));
    snprintf(out->street_name, sizeof(out->street_name), "%s",
             PQgetvalue(res, 0, 3));
    snprintf(out->submitted, sizeof(out->submitted), "%s",
             PQgetvalue(res, 0, 4));
    snprintf(out->decided, sizeof(out->decided), "%s", PQgetvalue(res, 0, 5));
    snprintf(out->language, sizeof(out->language), "%s", PQgetvalue(res, 0, 6));
    snprintf(out->rejection_reason, sizeof(out->rejection_reason), "%s",
             PQgetvalue(res, 0, 7));
    out->has_receipt = PQgetvalue(res, 0, 8)[0] == 't';
    out->flag_second_open = PQgetvalue(res, 0, 10)[0] == 't';
    out->flag_over_yearly_maximum = PQgetvalue(res, 0, 11)[0] == 't';
    out->flag_unknown_street = PQgetvalue(res, 0, 12)[0] == 't';
    snprintf(out->payout_method, sizeof(out->payout_method), "%s",
             PQgetvalue(res, 0, 13));
    snprintf(out->payout_status, sizeof(out->payout_status), "%s",
             PQgetvalue(res, 0, 14));
    out->awarded_cents = db_ll(PQgetvalue(res, 0, 15));
    out->has_award_letter = PQgetvalue(res, 0, 16)[0] == 't';
    out->has_rejection_letter = PQgetvalue(res, 0, 17)[0] == 't';
    PQclear(res);
    return 1;
}
