/* GET /beheer/audit.csv - the audit log, with the same filter as
 * /beheer/audit, as CSV (reports/audit_csv.h: UTF-8 without BOM, ';',
 * CRLF, a header row, dd-mm-yyyy HH:MM). The download is itself on the
 * record (audit.export, with the row count and the filter), in the same
 * transaction that reads the rows, so what is exported and its record
 * agree. More than AUDIT_CSV_MAX_ROWS rows are refused with a request
 * for a narrower filter: the export is built in memory. Beheerder only. */
#include <stdio.h>
#include <string.h>

#include "audit_csv.h"
#include "pages.h"
#include "staff_admin_audit.h"
#include "staff_admin_common.h"
#include "staff_session.h"

#define AUDIT_CSV_MAX_ROWS 100000
/* a generous ceiling for the bytes of that many rows */
#define AUDIT_CSV_MAX_BYTES ((size_t)256 * 1024 * 1024)

struct export_tx {
    long long actor;
    const struct audit_filter *f;
    /* filled by the transaction */
    long long count;
    bool too_many, failed;
    struct buf csv;
    struct buf details;
};

static void
csv_row(void *cls, const struct audit_row *e)
{
    struct export_tx *t = cls;
    struct audit_csv_row row = {
        e->id,
        e->at,
        staff_admin_audit_actor(e->actor_kind, e->actor_name),
        e->actor_id,
        e->action,
        e->object_type,
        e->object_id,
        e->details,
    };

    if (!audit_csv_row(&t->csv, &row))
        t->failed = true;
}

static enum db_status
export_tx(struct db_conn *c, void *cls)
{
    struct export_tx *t = cls;
    int r;

    t->too_many = t->failed = false;
    t->count = 0;
    buf_reset(&t->csv);
    buf_reset(&t->details);
    r = db_audit_count(c, t->f, &t->count);
    if (r < 0)
        return (enum db_status)r;
    if (t->count > AUDIT_CSV_MAX_ROWS) {
        t->too_many = true;
        return DB_NO_RESULTS;
    }
    if (!audit_csv_header(&t->csv))
        return DB_HARD_ERROR;
    r = db_audit_list(c, t->f, AUDIT_CSV_MAX_ROWS, csv_row, t);
    if (r < 0)
        return (enum db_status)r;
    if (t->failed || t->csv.failed)
        return DB_HARD_ERROR;
    buf_printf(&t->details, "{\"rows\": %d, \"filter\": ", r);
    staff_admin_audit_filter_json(&t->details, t->f);
    buf_putc(&t->details, '}');
    if (t->details.failed)
        return DB_HARD_ERROR;
    return (enum db_status)db_audit_export_insert(c, t->actor, t->details.data);
}

enum MHD_Result
page_staff_audit_csv(struct request *rq)
{
    struct staff me;
    enum MHD_Result ret;
    struct audit_filter f;
    struct audit_filter_errors e;
    struct export_tx t;
    struct db_conn *db;
    enum db_status st;
    char msg[300];
    char *data;
    size_t len;

    if (!staff_require(rq, "beheerder", &me, &ret))
        return ret;
    if (!staff_admin_audit_filter(rq, &f, &e))
        return reply_error(rq, 400,
                           "Het filter klopt niet. Ga terug naar het "
                           "auditlog en verbeter het filter.");
    f.before_id = 0; /* the export is the whole selection */
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    memset(&t, 0, sizeof(t));
    t.actor = me.id;
    t.f = &f;
    buf_init(&t.csv, AUDIT_CSV_MAX_BYTES);
    buf_init(&t.details, 4096);
    st = db_transaction(db, export_tx, &t);
    if (st < 0) {
        ret = staff_admin_db_failed(rq, db, "audit export");
    } else if (t.too_many) {
        snprintf(msg, sizeof(msg),
                 "Deze selectie heeft %lld regels; een download heeft er "
                 "hoogstens %d. Kies een kortere periode of een smaller "
                 "filter.",
                 t.count, AUDIT_CSV_MAX_ROWS);
        ret = reply_error(rq, 413, msg);
    } else {
        data = buf_steal(&t.csv, &len);
        if (data == NULL)
            ret = reply_error(rq, 500, NULL);
        else {
            request_attachment(rq, "auditlog.csv");
            ret = reply_bytes(rq, 200, "text/csv; charset=utf-8", data, len,
                              true, "private, no-store");
        }
    }
    buf_free(&t.csv);
    buf_free(&t.details);
    return ret;
}
