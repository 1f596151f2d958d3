#include "lang.h"
#include "application_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "email.h"
#include "house_number.h"
#include "iban.h"
#include "phone.h"
#include "postcode.h"
#include "text_field.h"

static const char *
get(const struct urlenc_pairs *form, const char *name)
{
    const char *v = urlenc_get(form, name);
    return v ? v : "";
}

void
application_input_from_form(struct application_input *in,
                            const struct urlenc_pairs *form)
{
    const char *lang = get(form, AF_LANG);

    /* what is stored and looked up is what was meant: no white space that
     * a phone keyboard or a copy added around it */
    for (size_t i = 0; i < form->count; i++)
        text_field_trim(form->items[i].value);
    memset(in, 0, sizeof(*in));
    in->lang = strcmp(lang, "en") == 0 ? "en" : "nl";
    in->name = get(form, AF_NAME);
    in->email = get(form, AF_EMAIL);
    in->phone = get(form, AF_PHONE);
    in->street = get(form, AF_STREET);
    in->house = get(form, AF_HOUSE);
    in->postcode = get(form, AF_POSTCODE);
    in->wijk = get(form, AF_WIJK);
    in->households = get(form, AF_HOUSEHOLDS);
    in->name2 = get(form, AF_NAME2);
    in->email2 = get(form, AF_EMAIL2);
    in->plan = get(form, AF_PLAN);
    in->payout = get(form, AF_PAYOUT);
    in->iban = get(form, AF_IBAN);
    in->holder = get(form, AF_HOLDER);
    in->consent = get(form, AF_CONSENT);
    in->honeypot = get(form, AF_HONEYPOT);
    in->csrf = get(form, AF_CSRF);
    in->key = get(form, AF_KEY);
}

static void
add(struct application_input *in, const char *field, const char *msg)
{
    if (msg == NULL || in->nerrors >= AF_MAX_ERRORS)
        return;
    in->errors[in->nerrors].field = field;
    in->errors[in->nerrors].message = msg;
    in->nerrors++;
}

static bool
blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

static bool
wijk_in(const char *wijk, const char *list)
{
    size_t n = strlen(wijk);
    const char *p = list;

    if (n != 2)
        return false;
    while ((p = strstr(p, wijk)) != NULL) {
        if ((p == list || p[-1] == ',') && (p[2] == ',' || p[2] == '\0'))
            return true;
        p++;
    }
    return false;
}

static bool
wijk_code_valid(const char *w)
{
    return strlen(w) == 2 && ((w[0] == '0' && w[1] >= '1' && w[1] <= '9') ||
                              (w[0] == '1' && w[1] == '0'));
}

const char *
application_input_wijk(const struct application_input *in,
                       const struct street_facts *street)
{
    if (street->known && strlen(street->wijken) == 2)
        return street->wijken;
    if (street->known && street->wijken[0])
        return wijk_in(in->wijk, street->wijken) ? in->wijk : "";
    return wijk_code_valid(in->wijk) ? in->wijk : "";
}

static void
check_households(struct application_input *in)
{
    char *end;
    long v;

    if (blank(in->households)) {
        add(in, AF_HOUSEHOLDS,
            tr(in->lang,
               "Vul in hoeveel huishoudens ongeveer in uw straat wonen.",
               "Enter roughly how many households live in your street."));
        return;
    }
    v = strtol(in->households, &end, 10);
    while (*end == ' ')
        end++;
    if (*end != '\0' || v < 1 || v > 10000) {
        add(in, AF_HOUSEHOLDS,
            tr(in->lang, "Vul een getal in, bijvoorbeeld 40.",
               "Enter a number, for example 40."));
        return;
    }
    in->n_households = (int)v;
}

static void
check_street(struct application_input *in, const struct street_facts *street)
{
    const char *msg = text_field_check(in->street, 2, 100, false, in->lang);

    if (blank(in->street)) {
        add(in, AF_STREET,
            tr(in->lang, "Vul de naam van uw straat in.",
               "Enter the name of your street."));
        return;
    }
    if (msg != NULL) {
        add(in, AF_STREET, msg);
        return;
    }
    if (application_input_wijk(in, street)[0] != '\0')
        return;
    if (street->known)
        add(in, AF_WIJK,
            tr(in->lang,
               "Uw straat ligt in meer dan een wijk. Kies de wijk waar u "
               "woont.",
               "Your street runs through more than one district. Choose the "
               "district where you live."));
    else
        add(in, AF_WIJK,
            tr(in->lang,
               "Wij kennen deze straat nog niet. Kies de wijk waar uw straat "
               "ligt.",
               "We do not know this street yet. Choose the district your "
               "street is in."));
}

void
application_input_validate(struct application_input *in,
                           const struct street_facts *street)
{
    const char *msg;

    in->nerrors = 0;
    if (blank(in->name))
        add(in, AF_NAME, tr(in->lang, "Vul uw naam in.", "Enter your name."));
    else
        add(in, AF_NAME, text_field_check(in->name, 2, 100, false, in->lang));

    if (blank(in->email) && in->email_optional)
        in->n_email[0] = '\0';
    else if (blank(in->email))
        add(in, AF_EMAIL,
            tr(in->lang,
               "Vul uw e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
               "Enter your email address, for example name@example.com."));
    else
        add(in, AF_EMAIL,
            email_parse(in->email, in->n_email, sizeof(in->n_email), in->lang));

    if (!blank(in->phone))
        add(in, AF_PHONE,
            phone_parse(in->phone, in->n_phone, sizeof(in->n_phone), in->lang));

    check_street(in, street);

    if (blank(in->house))
        add(in, AF_HOUSE,
            tr(in->lang, "Vul uw huisnummer in.", "Enter your house number."));
    else if ((msg = house_number_parse(in->house, in->n_house,
                                       sizeof(in->n_house), in->lang)))
        add(in, AF_HOUSE, msg);

    if (blank(in->postcode))
        add(in, AF_POSTCODE,
            tr(in->lang, "Vul uw postcode in, bijvoorbeeld 3511 AB.",
               "Enter your postcode, for example 3511 AB."));
    else
        add(in, AF_POSTCODE,
            postcode_parse(in->postcode, in->n_postcode, sizeof(in->n_postcode),
                           in->lang));

    if (!blank(in->wijk) && !wijk_code_valid(in->wijk) &&
        application_input_error(in, AF_WIJK) == NULL)
        add(in, AF_WIJK,
            tr(in->lang, "Kies een wijk uit de lijst.",
               "Choose a district from the list."));

    check_households(in);

    if (!blank(in->name2) || !blank(in->email2)) {
        if (blank(in->name2))
            add(in, AF_NAME2,
                tr(in->lang, "Vul ook de naam van de tweede gangmaker in.",
                   "Also enter the name of the second organiser."));
        else
            add(in, AF_NAME2,
                text_field_check(in->name2, 2, 100, false, in->lang));
        if (blank(in->email2))
            add(in, AF_EMAIL2,
                tr(in->lang,
                   "Vul ook het e-mailadres van de tweede gangmaker in.",
                   "Also enter the email address of the second organiser."));
        else
            add(in, AF_EMAIL2,
                email_parse(in->email2, in->n_email2, sizeof(in->n_email2),
                            in->lang));
    }

    if (blank(in->plan))
        add(in, AF_PLAN,
            tr(in->lang, "Schrijf in een paar zinnen wat u wilt doen.",
               "Write a few sentences about what you want to do."));
    else
        add(in, AF_PLAN, text_field_check(in->plan, 10, 1000, true, in->lang));

    if (strcmp(in->payout, "bank") == 0) {
        if (blank(in->iban))
            add(in, AF_IBAN,
                tr(in->lang,
                   "Vul uw IBAN in, bijvoorbeeld NL91 ABNA 0417 1643 00.",
                   "Enter your IBAN, for example NL91 ABNA 0417 1643 00."));
        else
            add(in, AF_IBAN,
                iban_parse(in->iban, in->n_iban, sizeof(in->n_iban), in->lang));
        if (blank(in->holder))
            add(in, AF_HOLDER,
                tr(in->lang, "Vul de naam van de rekeninghouder in.",
                   "Enter the name of the account holder."));
        else
            add(in, AF_HOLDER,
                text_field_check(in->holder, 2, 70, false, in->lang));
    } else if (strcmp(in->payout, "prepaid_card") != 0) {
        add(in, AF_PAYOUT,
            tr(in->lang, "Kies hoe u het geld wilt krijgen.",
               "Choose how you want to receive the money."));
    }

    if (strcmp(in->consent, "ja") != 0)
        add(in, AF_CONSENT,
            tr(in->lang,
               "U kunt alleen aanvragen als u akkoord gaat met de "
               "privacyverklaring.",
               "You can only apply if you agree to the privacy statement."));

    snprintf(in->n_address, sizeof(in->n_address), "%s %s", in->street,
             in->n_house);
}

const char *
application_input_error(const struct application_input *in, const char *field)
{
    size_t i;

    for (i = 0; i < in->nerrors; i++)
        if (strcmp(in->errors[i].field, field) == 0)
            return in->errors[i].message;
    return NULL;
}
