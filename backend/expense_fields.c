#include "expense_fields.h"

#include <string.h>

#include "money.h"
#include "text_field.h"

const struct expense_occasion expense_occasions[] = {
    {"birth", "Geboorte", "Birth"},
    {"illness", "Ziekte", "Illness"},
    {"death", "Overlijden", "Death"},
    {"new_neighbour", "Nieuwe buren", "New neighbours"},
    {"anniversary_birthday", "Jubileum of verjaardag",
     "Anniversary or birthday"},
    {"get_together", "Samenkomst", "Get-together"},
    {"other", "Anders", "Other"},
};
const size_t expense_occasions_count =
    sizeof(expense_occasions) / sizeof(expense_occasions[0]);

static const char *
say(const char *lang, const char *nl, const char *en)
{
    return (lang != NULL && strcmp(lang, "en") == 0) ? en : nl;
}

const struct expense_occasion *
expense_occasion_find(const char *code)
{
    size_t i;

    if (code == NULL)
        return NULL;
    for (i = 0; i < expense_occasions_count; i++)
        if (strcmp(expense_occasions[i].code, code) == 0)
            return &expense_occasions[i];
    return NULL;
}

const char *
expense_occasion_label(const char *code, const char *lang)
{
    const struct expense_occasion *o = expense_occasion_find(code);

    if (o == NULL)
        return code;
    return say(lang, o->nl, o->en);
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 1 or 2 digits (day, month) or exactly 4 (year) into *v; advances *p. */
static bool
digits(const char **p, size_t min, size_t max, int *v)
{
    size_t n = 0;

    *v = 0;
    while (is_digit((*p)[n]) && n < max) {
        *v = *v * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n < min || is_digit((*p)[n]))
        return false;
    *p += n;
    return true;
}

static bool
separator(const char **p)
{
    if (**p != '-' && **p != '/' && **p != '.')
        return false;
    (*p)++;
    return true;
}

static int
days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    return month == 2 && leap ? 29 : days[month - 1];
}

const char *
expense_date_parse(const char *in, char iso[EXPENSE_DATE_ISO_SIZE],
                   const char *lang)
{
    const char *p = in ? in : "";
    int d, m, y;

    iso[0] = '\0';
    while (*p == ' ')
        p++;
    if (*p == '\0')
        return say(lang, "Vul de datum in, bijvoorbeeld 14-03-2027.",
                   "Please enter the date, for example 14-03-2027.");
    if (!digits(&p, 1, 2, &d) || !separator(&p) || !digits(&p, 1, 2, &m) ||
        !separator(&p) || !digits(&p, 4, 4, &y))
        goto form;
    while (*p == ' ')
        p++;
    if (*p != '\0')
        goto form;
    if (m < 1 || m > 12 || d < 1 || y < 1000 || d > days_in_month(y, m))
        return say(lang,
                   "Deze datum bestaat niet. Controleer de dag en de maand.",
                   "This date does not exist. Please check the day and the "
                   "month.");
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d / 10);
    iso[9] = (char)('0' + d % 10);
    iso[10] = '\0';
    return NULL;
form:
    return say(lang,
               "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 14-03-2027.",
               "Please write the date as day-month-year, for example "
               "14-03-2027.");
}

static const char *
check_date(struct expense_line_input *in, const struct expense_limits *lim,
           const char *lang)
{
    const char *msg = expense_date_parse(in->date, in->iso, lang);

    if (msg != NULL)
        return msg;
    /* ISO dates compare as text */
    if (strcmp(in->iso, lim->today) > 0)
        return say(lang,
                   "Deze datum ligt in de toekomst. Vul alleen uitgaven in "
                   "die u al heeft gedaan.",
                   "This date is in the future. Only enter spending you have "
                   "already done.");
    if (strcmp(in->iso, lim->paid_on) < 0)
        return say(lang,
                   "Deze datum ligt voor de dag waarop wij het geld hebben "
                   "overgemaakt. Vul alleen uitgaven van dit potje in.",
                   "This date is before the day we transferred the money. "
                   "Only enter spending from this potje.");
    return NULL;
}

static const char *
check_amount(struct expense_line_input *in, const struct expense_limits *lim,
             const char *lang)
{
    const char *msg =
        money_check(in->amount ? in->amount : "", &in->cents, lang);

    if (msg != NULL)
        return msg;
    if (in->cents <= 0)
        return say(lang, "Vul een bedrag in dat groter is dan 0.",
                   "Please enter an amount greater than 0.");
    if (in->cents > lim->remaining)
        return say(lang,
                   "Dit is meer dan er nog over is van het potje. Hieronder "
                   "ziet u hoeveel er nog over is.",
                   "This is more than what is left of the potje. You can see "
                   "below how much is left.");
    return NULL;
}

bool
expense_line_check(struct expense_line_input *in,
                   const struct expense_limits *lim, const char *lang)
{
    const char *note = in->note ? in->note : "";

    in->cents = 0;
    in->date_error = check_date(in, lim, lang);
    in->occasion_error = expense_occasion_find(in->occasion) == NULL
                             ? say(lang, "Kies bij welke gelegenheid dit was.",
                                   "Please choose the occasion.")
                             : NULL;
    in->amount_error = check_amount(in, lim, lang);
    in->note_error =
        text_field_check(note, 0, EXPENSE_NOTE_MAX_CHARS, false, lang);
    return in->date_error == NULL && in->occasion_error == NULL &&
           in->amount_error == NULL && in->note_error == NULL;
}
