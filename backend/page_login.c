/* GET and POST /inloggen - staff login.
 *
 * The same answer for an unknown e-mail address, a wrong password and a
 * disabled account, and the same work (one argon2id verification) for
 * each, so neither the text nor the time tells which accounts exist.
 * Failures are counted per account and per client address
 * (db_login_throttle.h); a blocked subject gets 429 with Retry-After and
 * its password is not even checked. Success starts a new session (a
 * fresh random id, whatever cookie the browser had) and goes to /beheer.
 * Every attempt is on the record, never with the e-mail or password.
 *
 * An account with a second factor gets no session for its password alone:
 * the answer is a second form asking the 6-digit code of its authenticator
 * app, carrying the half-finished login sealed (seal.h: account and
 * e-mail, five minutes). A wrong code counts as a failure like a wrong
 * password, and a code works once (db_staff_totp_use). */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "db_audit.h"
#include "db_login_throttle.h"
#include "db_staff_totp.h"
#include "form_csrf.h"
#include "form_render.h"
#include "layout.h"
#include "log.h"
#include "pages.h"
#include "password.h"
#include "seal.h"
#include "staff_session.h"
#include "totp.h"

#define LOGIN_CSRF_PURPOSE "login"
#define EMAIL_MAX_BYTES 254
/* An account is blocked from its 5th failure; an address (an office may
 * share one) from its 20th. Blocks last 2^(failures - threshold)
 * minutes, at most an hour. */
#define THROTTLE_ACCOUNT 5
#define THROTTLE_ADDRESS 20
#define PENDING_PURPOSE "login-second-factor"
#define PENDING_TTL_S 300

static const char WRONG[] = "E-mailadres of wachtwoord klopt niet.";

struct login_view {
    const char *email;
    const char *banner;  /* an error above the form */
    const char *notice;  /* a neutral message (logged out) */
    const char *pending; /* sealed login waiting for its code: code form */
};

/* What the code form carries between the two steps, sealed. */
struct pending {
    long long user_id;
    char email[EMAIL_MAX_BYTES + 1];
};

/* The second step: the code of the authenticator app. */
static void
render_code_form(struct html *h, const char *csrf, const char *pending)
{
    struct field_view code = {
        .kind = FIELD_TEXT,
        .name = "code",
        .label = "Code uit uw app",
        .description = "De 6 cijfers die uw authenticator-app nu laat zien.",
        .autocomplete = "one-time-code",
        .required = true,
        .maxlength = 7,
    };

    HTML(h,
         "<form class=\"utrecht-form\" method=\"post\" action=\"/inloggen\" "
         "novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
         "<input type=\"hidden\" name=\"stap\" value=\"{}\">\n",
         csrf, pending);
    form_field(h, &code);
    HTML_LIT(h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                "class=\"utrecht-button utrecht-button--primary-action\">"
                "Controleren</button></p>\n</form>\n"
                "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
                "href=\"/inloggen\">Opnieuw beginnen</a></p>\n");
}

static enum MHD_Result
render(struct request *rq, unsigned status, const struct login_view *v)
{
    char csrf[CSRF_TOKEN_MAX];
    struct html h;
    struct field_view email = {
        .kind = FIELD_EMAIL,
        .name = "email",
        .label = "E-mailadres",
        .value = v->email ? v->email : "",
        .autocomplete = "username",
        .required = true,
        .maxlength = EMAIL_MAX_BYTES,
    };
    struct field_view pw = {
        .kind = FIELD_PASSWORD,
        .name = "wachtwoord",
        .label = "Wachtwoord",
        .autocomplete = "current-password",
        .required = true,
    };

    form_csrf_issue(rq, LOGIN_CSRF_PURPOSE, csrf);
    html_init(&h);
    layout_begin(&h, "Inloggen");
    HTML_LIT(&h, "<h1 class=\"utrecht-heading-1\">Inloggen</h1>\n"
                 "<p class=\"utrecht-paragraph\">Voor medewerkers van de "
                 "gemeente en sociaal makelaars.</p>\n");
    if (v->notice)
        HTML(&h,
             "<p class=\"utrecht-paragraph ll-notice\" role=\"status\">{}"
             "</p>\n",
             v->notice);
    if (v->banner)
        HTML(&h,
             "<div class=\"utrecht-alert utrecht-alert--error\" "
             "role=\"alert\"><p class=\"utrecht-paragraph\">{}</p></div>\n",
             v->banner);
    if (v->pending) {
        render_code_form(&h, csrf, v->pending);
        layout_end(&h);
        return reply_html(rq, status, &h);
    }
    HTML(&h,
         "<form class=\"utrecht-form\" method=\"post\" action=\"/inloggen\" "
         "novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
         csrf);
    form_field(&h, &email);
    form_field(&h, &pw);
    HTML_LIT(&h, "<p class=\"utrecht-paragraph\"><button type=\"submit\" "
                 "class=\"utrecht-button utrecht-button--primary-action\">"
                 "Inloggen</button></p>\n</form>\n");
    layout_end(&h);
    return reply_html(rq, status, &h);
}

enum MHD_Result
page_login_form(struct request *rq)
{
    struct login_view v = {NULL, NULL, NULL, NULL};
    const char *out = urlenc_get(&rq->query, "uitgelogd");

    if (out != NULL)
        v.notice = "U bent uitgelogd.";
    return render(rq, 200, &v);
}

/* A real argon2id hash of a random password, verified against for unknown
 * accounts so that they cost as much time as known ones. */
static char dummy_hash[PASSWORD_HASH_SIZE];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_make(void)
{
    char pw[33];
    unsigned char r[16];

    randombytes_buf(r, sizeof(r));
    sodium_bin2hex(pw, sizeof(pw), r, sizeof(r));
    if (!password_hash(pw, strlen(pw), dummy_hash))
        dummy_hash[0] = '\0';
}

struct attempt {
    const char *email;
    const char *address; /* hex HMAC of the client address */
    long long user_id;   /* the account; 0 when unknown */
    bool ok;             /* password right and account enabled */
    const char *reason;  /* for the record on failure */
    unsigned char old_session[STAFF_SESSION_HASH_BYTES];
    bool has_old_session;
    unsigned char new_session[STAFF_SESSION_HASH_BYTES];
    int64_t totp_step; /* the code's step to mark used; -1: no code */
    bool replayed;     /* that step was used already */
};

static enum db_status
success_tx(struct db_conn *c, void *cls)
{
    struct attempt *a = cls;
    unsigned char csrf_secret[32];
    long long old_user = 0;
    int r;

    if (a->totp_step >= 0) {
        r = db_staff_totp_use(c, a->user_id, a->totp_step);
        if (r < 0)
            return (enum db_status)r;
        if (r == 0) {
            a->replayed = true;
            return DB_CONFLICT;
        }
    }
    if (a->has_old_session) {
        r = db_staff_session_end(c, a->old_session, &old_user);
        if (r < 0)
            return (enum db_status)r;
    }
    randombytes_buf(csrf_secret, sizeof(csrf_secret));
    r = db_staff_session_insert(c, a->new_session, a->user_id, csrf_secret);
    sodium_memzero(csrf_secret, sizeof(csrf_secret));
    if (r < 0)
        return (enum db_status)r;
    r = db_login_throttle_clear(c, "account", a->email);
    if (r < 0)
        return (enum db_status)r;
    return db_audit_insert(
        c, "staff", a->user_id, "login.success", "staff_user", a->user_id,
        a->totp_step >= 0 ? "{\"second_factor\": true}" : "{}");
}

static enum db_status
failure_tx(struct db_conn *c, void *cls)
{
    struct attempt *a = cls;
    char details[96];
    int r;

    r = db_login_throttle_fail(c, "account", a->email, THROTTLE_ACCOUNT);
    if (r < 0)
        return (enum db_status)r;
    r = db_login_throttle_fail(c, "address", a->address, THROTTLE_ADDRESS);
    if (r < 0)
        return (enum db_status)r;
    /* reason is one of our literals: no quoting needed */
    snprintf(details, sizeof(details), "{\"reason\": \"%s\"}", a->reason);
    return db_audit_insert(c, "anonymous", 0, "login.fail", "staff_user",
                           a->user_id, details);
}

/* Check the password of the account, or of the dummy when unknown. */
static int
check_password(struct db_conn *db, struct attempt *a, const char *pw)
{
    char hash[256];
    bool disabled = false;
    int r;

    r = db_staff_login_find(db, a->email, &a->user_id, hash, sizeof(hash),
                            &disabled);
    if (r < 0)
        return r;
    if (r == 0) {
        pthread_once(&dummy_once, dummy_make);
        (void)password_verify(dummy_hash, pw, strlen(pw));
        a->user_id = 0;
        a->reason = "unknown_account";
        return 0;
    }
    a->ok = password_verify(hash, pw, strlen(pw));
    sodium_memzero(hash, sizeof(hash));
    if (!a->ok)
        a->reason = "wrong_password";
    else if (disabled) {
        a->ok = false;
        a->reason = "disabled";
    }
    return 0;
}

/* The throttle of the account and the client address: true when blocked,
 * with the 429 page queued in *ret (and the attempt on the record). */
static bool
throttled(struct request *rq, struct db_conn *db, struct attempt *a,
          struct login_view *v, enum MHD_Result *ret)
{
    unsigned retry_s = 0;
    char text[160];
    unsigned min;
    int r = db_login_throttle_check(db, a->email, a->address, &retry_s);

    if (r == 0)
        return false;
    if (r < 0) {
        log_error("login: %s", db_last_error(db));
        *ret = reply_error(rq, 503, NULL);
        return true;
    }
    min = (retry_s + 59) / 60;
    snprintf(rq->retry_after, sizeof(rq->retry_after), "%u", retry_s);
    snprintf(text, sizeof(text),
             "Er is te vaak een verkeerd wachtwoord of een verkeerde code "
             "gebruikt. Probeer het over %u %s opnieuw.",
             min, min == 1 ? "minuut" : "minuten");
    v->banner = text;
    v->pending = NULL;
    r = db_audit_insert(db, "anonymous", 0, "login.fail", "staff_user", 0,
                        "{\"reason\": \"throttled\"}");
    if (r < 0) {
        log_error("login: %s", db_last_error(db));
        *ret = reply_error(rq, 503, NULL);
        return true;
    }
    *ret = render(rq, 429, v);
    return true;
}

/* A right password (and code, when the account has one): a new session. */
static enum MHD_Result
start_session(struct request *rq, struct db_conn *db, struct attempt *a)
{
    a->has_old_session = staff_session_cookie_hash(rq, a->old_session);
    staff_session_new(rq, a->new_session);
    if (db_transaction(db, success_tx, a) < 0) {
        rq->set_cookie2[0] = '\0';
        if (a->replayed)
            return MHD_NO; /* the caller answers: the code was used */
        log_error("login: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    return reply_redirect(rq, "/beheer");
}

static enum MHD_Result
wrong(struct request *rq, struct db_conn *db, struct attempt *a,
      struct login_view *v, const char *reason, const char *banner)
{
    a->reason = reason;
    if (db_transaction(db, failure_tx, a) < 0) {
        log_error("login: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    v->banner = banner;
    return render(rq, 422, v);
}

/* Step two: the code of the account's authenticator app. */
static enum MHD_Result
second_factor(struct request *rq, struct db_conn *db, struct attempt *a,
              struct login_view *v, const char *code)
{
    struct pending pd;
    unsigned char key[DB_TOTP_SECRET_MAX];
    size_t keylen = 0;
    int64_t last = -1;
    enum MHD_Result ret;
    int r;

    if (!seal_open(rq->app->box_key, PENDING_PURPOSE, v->pending, time(NULL),
                   &pd, sizeof(pd)) ||
        pd.email[sizeof(pd.email) - 1] != '\0') {
        v->pending = NULL;
        v->banner = "De tijd om de code in te vullen is voorbij. Log "
                    "opnieuw in.";
        return render(rq, 422, v);
    }
    a->user_id = pd.user_id;
    a->email = pd.email;
    v->email = NULL;
    if (throttled(rq, db, a, v, &ret))
        return ret;
    r = db_staff_totp_get(db, a->user_id, key, &keylen, &last);
    if (r < 0) {
        log_error("login: %s", db_last_error(db));
        return reply_error(rq, 503, NULL);
    }
    a->totp_step =
        r == 0 ? -1 : totp_match(key, keylen, code, time(NULL), last);
    sodium_memzero(key, sizeof(key));
    if (a->totp_step < 0)
        return wrong(rq, db, a, v, "wrong_code",
                     "De code klopt niet. Kijk in uw app en typ de code "
                     "die u nu ziet.");
    ret = start_session(rq, db, a);
    if (ret == MHD_NO && a->replayed) {
        a->totp_step = -1;
        return wrong(rq, db, a, v, "code_reused",
                     "Deze code is al gebruikt. Wacht op de volgende code "
                     "in uw app.");
    }
    return ret;
}

static enum MHD_Result
login(struct request *rq, struct urlenc_pairs *form)
{
    struct login_view v = {NULL, NULL, NULL, NULL};
    struct attempt a;
    const char *pw = urlenc_get(form, "wachtwoord");
    unsigned char client[32];
    char address[65], sealed[SEAL_TOKEN_MAX];
    unsigned char key[DB_TOTP_SECRET_MAX];
    size_t keylen = 0;
    int64_t last = -1;
    struct pending pd;
    struct db_conn *db;
    enum MHD_Result ret;
    int r;

    memset(&a, 0, sizeof(a));
    a.totp_step = -1;
    v.email = urlenc_get(form, "email");
    v.pending = urlenc_get(form, "stap");
    a.email = v.email ? v.email : "";
    if (!form_csrf_valid(rq, LOGIN_CSRF_PURPOSE, urlenc_get(form, "csrf"))) {
        v.pending = NULL;
        v.banner = "Het formulier is verlopen. Probeer het nog een keer.";
        return render(rq, 403, &v);
    }
    db = request_db(rq);
    if (db == NULL)
        return reply_error(rq, 503, NULL);
    request_client_hash(rq, client);
    sodium_bin2hex(address, sizeof(address), client, sizeof(client));
    a.address = address;
    if (v.pending != NULL)
        return second_factor(rq, db, &a, &v, urlenc_get(form, "code"));
    if (a.email[0] == '\0' || pw == NULL || pw[0] == '\0') {
        v.banner = "Vul uw e-mailadres en uw wachtwoord in.";
        return render(rq, 422, &v);
    }
    if (strlen(a.email) > EMAIL_MAX_BYTES || strlen(pw) > PASSWORD_MAX_BYTES) {
        v.banner = WRONG;
        return render(rq, 422, &v);
    }
    if (throttled(rq, db, &a, &v, &ret))
        return ret;
    r = check_password(db, &a, pw);
    if (r < 0)
        goto db_error;
    if (!a.ok)
        return wrong(rq, db, &a, &v, a.reason, WRONG);
    r = db_staff_totp_get(db, a.user_id, key, &keylen, &last);
    sodium_memzero(key, sizeof(key));
    if (r < 0)
        goto db_error;
    if (r > 0) {
        memset(&pd, 0, sizeof(pd));
        pd.user_id = a.user_id;
        snprintf(pd.email, sizeof(pd.email), "%s", a.email);
        if (!seal_make(rq->app->box_key, PENDING_PURPOSE, &pd, sizeof(pd),
                       time(NULL) + PENDING_TTL_S, sealed))
            return reply_error(rq, 500, NULL);
        sodium_memzero(&pd, sizeof(pd));
        v.pending = sealed;
        return render(rq, 200, &v);
    }
    return start_session(rq, db, &a);
db_error:
    log_error("login: %s", db_last_error(db));
    return reply_error(rq, 503, NULL);
}

enum MHD_Result
page_login_submit(struct request *rq)
{
    struct urlenc_pairs form = {NULL, 0};
    enum MHD_Result ret;
    size_t i;

    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 8, 4096,
                     &form) != URLENC_OK)
        ret = reply_error(rq, 400, NULL);
    else
        ret = login(rq, &form);
    /* no copy of the password outlives the request */
    for (i = 0; i < form.count; i++)
        if (strcmp(form.items[i].name, "wachtwoord") == 0)
            sodium_memzero(form.items[i].value, strlen(form.items[i].value));
    if (rq->body.data != NULL)
        sodium_memzero(rq->body.data, rq->body.len);
    urlenc_pairs_free(&form);
    return ret;
}
