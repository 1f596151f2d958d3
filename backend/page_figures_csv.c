/* GET /cijfers.csv - the open data: the city's figures for every year
 * with data, one row per year and wijk plus the city row (wijkcode "00",
 * wijk "Utrecht"), oldest year first. Public and the same for everyone, so
 * caches may keep it for an hour. Aggregates only. */
#include <stdio.h>
#include <string.h>

#include "db_monitoring.h"
#include "figures_csv.h"
#include "pages.h"

#define MAX_YEARS 200

struct csv_ctx {
    struct buf *out;
    int year;
    bool ok;
};

static void
row(void *cls, const struct monitoring_row *r)
{
    struct csv_ctx *x = cls;
    struct figures_csv_row c = {x->year,
                                r->code,
                                r->name,
                                r->applications,
                                r->awards,
                                r->rejections,
                                r->potjes_paid,
                                r->cents_paid,
                                r->streets,
                                r->streets_new,
                                r->gangmakers,
                                r->follow_up_pm,
                                r->days_decision_x10,
                                r->days_payment_x10};

    if (x->ok)
        x->ok = figures_csv_row(x->out, &c);
}

/* All years in one snapshot, so the rows of different years agree with
 * each other. May run more than once: it starts from an empty buffer. */
static enum db_status
export_tx(struct db_conn *c, void *cls)
{
    struct csv_ctx *x = cls;
    int years[MAX_YEARS], ny, i;
    char from[16], to[16];

    buf_reset(x->out);
    ny = db_monitoring_years(c, years, MAX_YEARS);
    if (ny < 0)
        return (enum db_status)ny;
    x->ok = figures_csv_header(x->out);
    for (i = ny - 1; i >= 0 && x->ok; i--) {
        int r;

        x->year = years[i];
        snprintf(from, sizeof(from), "%d-01-01", years[i]);
        snprintf(to, sizeof(to), "%d-12-31", years[i]);
        r = db_monitoring_figures(c, from, to, row, x);
        if (r < 0)
            return (enum db_status)r;
    }
    return DB_NO_RESULTS;
}

enum MHD_Result
page_figures_csv(struct request *rq)
{
    struct db_conn *db = request_db(rq);
    struct buf out = BUF_INIT;
    struct csv_ctx x = {&out, 0, true};
    enum MHD_Result ret;
    char *data;
    size_t len;

    if (db == NULL)
        return reply_error(rq, 503, NULL);
    if (db_transaction(db, export_tx, &x) < 0) {
        buf_free(&out);
        return reply_error(rq, 503, NULL);
    }
    data = x.ok ? buf_steal(&out, &len) : NULL;
    if (data == NULL)
        ret = reply_error(rq, 500, NULL);
    else {
        request_attachment(rq, "lief-en-leed-cijfers.csv");
        ret = reply_bytes(rq, 200, "text/csv; charset=utf-8", data, len, true,
                          "public, max-age=3600");
    }
    buf_free(&out);
    return ret;
}
