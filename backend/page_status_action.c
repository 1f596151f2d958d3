/* POST /status/<token> - what a resident does from the status page:
 * answer the makelaar's question, give a new IBAN, withdraw, and keep the
 * spending report once the potje is paid (page_status_expense.c). Each is
 * one transaction with its audit event; afterwards the resident is sent
 * back to the page (303) with a sentence saying what happened. A refusal
 * shows the page again with the values kept and the reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "db_audit.h"
#include "db_status_actions.h"
#include "form_csrf.h"
#include "iban.h"
#include "pages.h"
#include "status_page.h"
#include "text_field.h"

struct action {
    const struct application_view *a;
    const char *what; /* intrekken | antwoorden | iban */
    const char *text; /* the answer */
    const char *iban, *holder;
    int done;
};

static enum db_status
action_tx(struct db_conn *c, void *cls)
{
    struct action *x = cls;
    const char *audit;
    int r;

    if (strcmp(x->what, "intrekken") == 0) {
        r = db_application_withdraw(c, x->a->id);
        audit = "application.withdraw";
    } else if (strcmp(x->what, "antwoorden") == 0) {
        r = db_application_answer(c, x->a->id, x->text);
        audit = "application.answer";
    } else {
        r = db_organiser_change_iban(c, x->a->id, x->iban, x->holder);
        audit = "organiser.iban_change";
    }
    x->done = r;
    if (r <= 0)
        return (enum db_status)r;
    return db_audit_insert(c, "resident", 0, audit, "application", x->a->id,
                           "{}");
}

enum MHD_Result
page_status_action(struct request *rq)
{
    char token[STATUS_TOKEN_CHARS + 1], iban[40], loc[160];
    struct urlenc_pairs form = {NULL, 0};
    struct status_form_state st;
    struct application_view *a = NULL;
    struct action x;
    const char *rest, *what, *lang, *done;
    unsigned code;
    enum MHD_Result ret;
    enum db_status s;

    if (!request_is_form(rq))
        return reply_error(rq, 415, NULL);
    code = status_page_load(rq, token, &rest, &a);
    if (code != 0 || rest[0] != '\0') {
        free(a);
        return reply_error(rq, code ? code : 404, NULL);
    }
    if (urlenc_parse(rq->body.data ? rq->body.data : "", rq->body.len, 16, 8192,
                     &form) != URLENC_OK) {
        free(a);
        return reply_error(rq, 400,
                           "Wat u invulde bevat tekens die wij niet kunnen "
                           "lezen. Ga terug en controleer wat u typte.");
    }
    for (size_t i = 0; i < form.count; i++)
        text_field_trim(form.items[i].value);
    memset(&st, 0, sizeof(st));
    memset(&x, 0, sizeof(x));
    x.done = -1; /* the action has not run */
    what = urlenc_get(&form, "actie");
    lang = urlenc_get(&form, "taal");
    lang = (lang && strcmp(lang, "en") == 0) ? "en" : "nl";
    st.lang = lang;
    x.a = a;
    x.what = what ? what : "";
    x.text = urlenc_get(&form, "antwoord");
    x.holder = urlenc_get(&form, "rekeninghouder");
    st.answer = x.text ? x.text : "";
    st.iban = urlenc_get(&form, "iban");
    st.iban = st.iban ? st.iban : "";
    st.holder = x.holder ? x.holder : "";
    status_expense_keep(&st, &form);

    if (!form_csrf_valid(rq, STATUS_CSRF_PURPOSE, urlenc_get(&form, "csrf"))) {
        st.banner =
            tr(lang, "Het formulier is verlopen. Probeer het nog een keer.",
               "The form expired. Please try again.");
        ret = status_page_render(rq, 403, a, token, &st);
        goto out;
    }
    if (status_expense_is_action(x.what)) {
        ret = status_expense_action(rq, a, token, &form, lang, &st);
        goto out;
    }
    if (strcmp(x.what, "antwoorden") == 0) {
        st.answer_error =
            (x.text == NULL || x.text[strspn(x.text, " \r\n\t")] == '\0')
                ? tr(lang, "Schrijf uw antwoord.", "Write your answer.")
                : text_field_check(x.text, 2, 2000, true, lang);
        if (st.answer_error)
            goto invalid;
        done = "antwoord";
    } else if (strcmp(x.what, "iban") == 0) {
        st.iban_error = iban_parse(st.iban, iban, sizeof(iban), lang);
        st.holder_error =
            (x.holder == NULL || x.holder[0] == '\0')
                ? tr(lang, "Vul de naam van de rekeninghouder in.",
                     "Enter the name of the account holder.")
                : text_field_check(x.holder, 2, 70, false, lang);
        if (st.iban_error || st.holder_error)
            goto invalid;
        x.iban = iban;
        done = "iban";
    } else if (strcmp(x.what, "intrekken") == 0) {
        const char *sure = urlenc_get(&form, "zeker");
        if (sure == NULL || strcmp(sure, "ja") != 0) {
            st.withdraw_error =
                tr(lang, "Zet een vinkje als u echt wilt intrekken.",
                   "Tick the box if you really want to withdraw.");
            goto invalid;
        }
        done = "ingetrokken";
    } else {
        ret = reply_error(rq, 400, NULL);
        goto out;
    }
    s = db_transaction(request_db(rq), action_tx, &x);
    if (s < 0 && x.done != 0) {
        ret = reply_error(rq, 503, NULL);
        goto out;
    }
    if (x.done == 0) {
        /* show the state as it is now, not as it was before the attempt */
        free(a);
        a = NULL;
        code = status_page_load(rq, token, &rest, &a);
        if (code != 0) {
            ret = reply_error(rq, code, NULL);
            goto out;
        }
        /* the state changed meanwhile (decided, paid, in a batch) */
        st.banner = tr(lang,
                       "Dit kan nu niet meer. Bekijk hieronder hoe het met "
                       "uw aanvraag staat, of neem contact op met de sociaal "
                       "makelaar.",
                       "This is no longer possible. See below how your "
                       "application is doing, or contact the social "
                       "broker.");
        ret = status_page_render(rq, 409, a, token, &st);
        goto out;
    }
    snprintf(loc, sizeof(loc), "/status/%s?gedaan=%s%s", token, done,
             strcmp(lang, "en") == 0 ? "&taal=en" : "");
    ret = reply_redirect(rq, loc);
    goto out;
invalid:
    ret = status_page_render(rq, 422, a, token, &st);
out:
    urlenc_pairs_free(&form);
    free(a);
    return ret;
}
