/* GET /healthz - 200 when this server can reach the database, else 503.
 * For load balancers: plain text, never cached by clients. The database
 * is asked at most once per LIEFLEED_HEALTH_CACHE_MS by one thread at a
 * time; everyone else gets that answer. */
#include "app.h"
#include "db.h"
#include "db_health.h"
#include "pages.h"

static bool
check_now(struct request *rq)
{
    struct db_conn *db = request_db(rq);

    return db != NULL && db_ping(db) >= 0;
}

enum MHD_Result
page_healthz(struct request *rq)
{
    struct app *app = rq->app;
    uint64_t now = now_us();
    uint64_t max_age = (uint64_t)app->cfg.health_cache_ms * 1000u;
    uint64_t checked = atomic_load(&app->health_checked_us);
    bool ok;

    if (checked != 0 && now - checked < max_age) {
        ok = atomic_load(&app->health_ok);
    } else if (max_age > 0 && checked != 0 &&
               atomic_flag_test_and_set(&app->health_checking)) {
        ok = atomic_load(&app->health_ok); /* another thread is asking */
    } else {
        ok = check_now(rq);
        atomic_store(&app->health_ok, ok);
        atomic_store(&app->health_checked_us, now_us());
        if (max_age > 0)
            atomic_flag_clear(&app->health_checking);
    }
    if (!ok)
        return reply_bytes(rq, 503, "text/plain; charset=utf-8",
                           "database niet bereikbaar\n", 25, false, NULL);
    return reply_bytes(rq, 200, "text/plain; charset=utf-8", "ok\n", 3, false,
                       NULL);
}
