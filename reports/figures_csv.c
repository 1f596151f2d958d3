#include "figures_csv.h"

#include <stdio.h>

#include "csv_field.h"

void
figures_tenths(long long tenths, char *out, size_t outlen)
{
    if (tenths < 0)
        snprintf(out, outlen, "%s", "");
    else
        snprintf(out, outlen, "%lld,%lld", tenths / 10, tenths % 10);
}

void
figures_cents(long long cents, char *out, size_t outlen)
{
    /* unsigned arithmetic so that LLONG_MIN has a magnitude too */
    unsigned long long m = cents < 0 ? 0ULL - (unsigned long long)cents
                                     : (unsigned long long)cents;

    snprintf(out, outlen, "%s%llu,%02llu", cents < 0 ? "-" : "", m / 100,
             m % 100);
}

bool
figures_csv_header(struct buf *out)
{
    return buf_puts(out, FIGURES_CSV_HEADER);
}

static bool
num(struct buf *out, long long v)
{
    char t[24];

    snprintf(t, sizeof(t), "%lld", v);
    return buf_putc(out, ';') && csv_field(out, t, ';');
}

static bool
text(struct buf *out, const char *s)
{
    return buf_putc(out, ';') && csv_field(out, s, ';');
}

bool
figures_csv_row(struct buf *out, const struct figures_csv_row *r)
{
    char year[16], euro[32], fu[24], dd[24], dp[24];

    snprintf(year, sizeof(year), "%d", r->year);
    figures_cents(r->cents_paid, euro, sizeof(euro));
    figures_tenths(r->follow_up_pm, fu, sizeof(fu));
    figures_tenths(r->days_decision_x10, dd, sizeof(dd));
    figures_tenths(r->days_payment_x10, dp, sizeof(dp));
    return csv_field(out, year, ';') && text(out, r->wijk_code) &&
           text(out, r->wijk_name) && num(out, r->applications) &&
           num(out, r->awards) && num(out, r->rejections) &&
           num(out, r->potjes_paid) && text(out, euro) &&
           num(out, r->streets) && num(out, r->streets_new) &&
           num(out, r->gangmakers) && text(out, fu) && text(out, dd) &&
           text(out, dp) && buf_puts(out, "\r\n");
}
