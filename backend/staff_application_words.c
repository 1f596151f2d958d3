#include "staff_application_words.h"

#include <stddef.h>
#include <string.h>

struct word {
    const char *code;
    const char *label;
};

static const struct word statuses[] = {
    {"ingediend", "Ingediend"},
    {"in_behandeling", "In behandeling"},
    {"aanvulling_gevraagd", "Aanvulling gevraagd"},
    {"toegekend", "Toegekend"},
    {"afgewezen", "Afgewezen"},
    {"ingetrokken", "Ingetrokken"},
};

static const struct word payout_statuses[] = {
    {"te_betalen", "Te betalen"},
    {"in_batch", "In een betaalbatch"},
    {"betaald", "Betaald"},
    {"mislukt", "Mislukt"},
};

static const struct word channels[] = {
    {"bank", "Overboeking naar een bankrekening"},
    {"prepaid_card", "Prepaidkaart"},
};

/* The actions other pages write about an application; the rest is shown
 * by its code, which is still readable. */
static const struct word actions[] = {
    {"application.submit", "Aanvraag ingediend"},
    {"application.intake", "Aanvraag ingevoerd door een makelaar"},
    {"application.review", "In behandeling genomen"},
    {"application.ask_info", "Om aanvulling gevraagd"},
    {"application.answer", "Aanvulling gegeven door de aanvrager"},
    {"application.link_street", "Straat gekoppeld"},
    {"application.withdraw", "Ingetrokken door de aanvrager"},
    {"application.award", "Toegekend"},
    {"application.reject", "Afgewezen"},
    {"application.settle", "Bedrag vastgesteld"},
    {"organiser.iban_change", "IBAN gewijzigd door de aanvrager"},
    {"payout.iban_confirm", "Gewijzigd IBAN bevestigd"},
    {"personal_data.download", "Persoonsgegevens gedownload"},
    {"expense.submit", "Kostenoverzicht ingestuurd"},
    {"document.download", "Brief gedownload"},
};

static const char *
lookup(const struct word *w, size_t n, const char *code)
{
    size_t i;

    if (code == NULL)
        return "";
    for (i = 0; i < n; i++)
        if (strcmp(w[i].code, code) == 0)
            return w[i].label;
    return code;
}

#define LOOKUP(table, code)                                                    \
    lookup((table), sizeof(table) / sizeof((table)[0]), (code))

const char *
staff_status_label(const char *status)
{
    return LOOKUP(statuses, status);
}

bool
staff_status_valid(const char *status)
{
    return status != NULL && LOOKUP(statuses, status) != status;
}

const char *
staff_payout_status_label(const char *status)
{
    return LOOKUP(payout_statuses, status);
}

const char *
staff_channel_label(const char *channel)
{
    return LOOKUP(channels, channel);
}

const char *
staff_audit_label(const char *action)
{
    return LOOKUP(actions, action);
}
