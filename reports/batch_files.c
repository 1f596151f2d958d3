/* batch_files.c - what the three writers of a payout batch share: the
 * amount as text and the check of the input. The writers themselves are
 * batch_csv.c, batch_sepa.c and batch_statement_pdf.c. */
#include "batch_files.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

void
batch_amount_text(long long cents, char mark, char thousands, char *out,
                  size_t outlen)
{
    char digits[32], grouped[48];
    size_t n, i, k = 0;

    if (cents < 0)
        cents = 0; /* never happens: batch_files_check() refuses it */
    snprintf(digits, sizeof(digits), "%lld", cents / 100);
    n = strlen(digits);
    for (i = 0; i < n; i++) {
        if (thousands != '\0' && i > 0 && (n - i) % 3 == 0)
            grouped[k++] = thousands;
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    snprintf(out, outlen, "%s%c%02d", grouped, mark, (int)(cents % 100));
}

static bool
given(const char *s)
{
    return s != NULL && *s != '\0';
}

/* Valid UTF-8 (NULL counts as the empty string). */
static bool
text_ok(const char *s)
{
    return s == NULL || utf8_valid(s, strlen(s));
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "dd-mm-yyyy" with a plausible day and month. */
static bool
date_ok(const char *s)
{
    int d, mo;

    if (s == NULL || strlen(s) != 10 || s[2] != '-' || s[5] != '-')
        return false;
    if (!is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[3]) ||
        !is_digit(s[4]) || !is_digit(s[6]) || !is_digit(s[7]) ||
        !is_digit(s[8]) || !is_digit(s[9]))
        return false;
    d = (s[0] - '0') * 10 + (s[1] - '0');
    mo = (s[3] - '0') * 10 + (s[4] - '0');
    return d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
}

static bool
line_ok(const struct batch_file_line *l, int prev_no, char *err, size_t errlen)
{
    const char *what = NULL;

    if (l->line_no <= prev_no)
        what = "het regelnummer is niet oplopend";
    else if (!given(l->reference))
        what = "de referentie ontbreekt";
    else if (!date_ok(l->award_date))
        what = "de toekenningsdatum is geen dd-mm-jjjj";
    else if (!given(l->payee_name))
        what = "de naam ontbreekt";
    else if (l->amount_cents <= 0 || l->amount_cents > BATCH_FILES_MAX_CENTS)
        what = "het bedrag is niet groter dan 0 of te groot";
    else if (l->channel != BATCH_BANK && l->channel != BATCH_PREPAID_CARD)
        what = "het kanaal is onbekend";
    else if (l->channel == BATCH_BANK && !given(l->iban))
        what = "de IBAN ontbreekt bij een overboeking";
    else if (!text_ok(l->reference) || !text_ok(l->payee_name) ||
             !text_ok(l->iban) || !text_ok(l->description) ||
             !text_ok(l->wijk_code) || !text_ok(l->wijk_name) ||
             !text_ok(l->street))
        what = "een tekst is geen geldige UTF-8";
    if (what == NULL)
        return true;
    snprintf(err, errlen, "regel %d van de batch: %s", l->line_no, what);
    return false;
}

bool
batch_files_check(const struct batch_file_meta *m,
                  const struct batch_file_line *lines, size_t n,
                  struct batch_totals *t, char *err, size_t errlen)
{
    int prev = 0;
    size_t i;

    memset(t, 0, sizeof(*t));
    if (m == NULL || !given(m->number)) {
        snprintf(err, errlen, "het batchnummer ontbreekt");
        return false;
    }
    if (!text_ok(m->number) || !text_ok(m->created_by) ||
        !text_ok(m->created_at_text) || !text_ok(m->debtor_name) ||
        !text_ok(m->kostenplaats) || !text_ok(m->grootboekrekening)) {
        snprintf(err, errlen, "een tekst van de batch is geen geldige UTF-8");
        return false;
    }
    if (n == 0 || lines == NULL) {
        snprintf(err, errlen, "de batch heeft geen regels");
        return false;
    }
    if (n > BATCH_FILES_MAX_LINES) {
        snprintf(err, errlen, "de batch heeft meer dan %d regels",
                 BATCH_FILES_MAX_LINES);
        return false;
    }
    for (i = 0; i < n; i++) {
        const struct batch_file_line *l = &lines[i];

        if (!line_ok(l, prev, err, errlen))
            return false;
        prev = l->line_no;
        /* no overflow: at most 100,000 lines of at most 10^12 cents */
        if (l->channel == BATCH_BANK) {
            t->bank_count++;
            t->bank_cents += l->amount_cents;
        } else {
            t->card_count++;
            t->card_cents += l->amount_cents;
        }
    }
    t->total_cents = t->bank_cents + t->card_cents;
    return true;
}
