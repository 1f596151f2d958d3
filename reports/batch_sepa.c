/* batch_sepa.c - the SEPA credit transfer (pain.001.001.03) of a batch.
 *
 * One PmtInf with every bank line as a CdtTrfTxInf; prepaid cards are
 * ordered apart and left out. Amounts are written from integer cents, so
 * CtrlSum is exactly the sum of the InstdAmt values. Free text goes
 * through sepa_text() (the SEPA Latin set, see sepa_text.h), is cut to
 * the length the EPC guidelines allow and XML-escaped; identifiers (MsgId,
 * PmtInfId, EndToEndId, IBAN, BIC) are checked instead of changed, since a
 * changed identifier would no longer match the payout it stands for. */
#include "batch_files.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "sepa_text.h"

#define NAME_MAX_CHARS 70        /* EPC: Nm of debtor and creditor */
#define REMITTANCE_MAX_CHARS 140 /* Max140Text, RmtInf/Ustrd */
#define ID_MAX_CHARS 35          /* Max35Text */

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* s matches the pattern, where '9' stands for a digit and every other
 * character for itself. */
static bool
shape(const char *s, const char *pattern)
{
    if (s == NULL || strlen(s) != strlen(pattern))
        return false;
    for (; *pattern; s++, pattern++)
        if (*pattern == '9' ? !is_digit(*s) : *s != *pattern)
            return false;
    return true;
}

/* IBAN2007Identifier: [A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30} */
static bool
iban_ok(const char *s)
{
    size_t n, i;

    if (s == NULL)
        return false;
    n = strlen(s);
    if (n < 5 || n > 34 || !is_upper(s[0]) || !is_upper(s[1]) ||
        !is_digit(s[2]) || !is_digit(s[3]))
        return false;
    for (i = 4; i < n; i++)
        if (!is_digit(s[i]) && !is_upper(s[i]) && !(s[i] >= 'a' && s[i] <= 'z'))
            return false;
    return true;
}

/* BICIdentifier: [A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})? */
static bool
bic_ok(const char *s)
{
    size_t n = strlen(s), i;

    if (n != 8 && n != 11)
        return false;
    for (i = 0; i < 6; i++)
        if (!is_upper(s[i]))
            return false;
    if (!is_upper(s[6]) && !(s[6] >= '2' && s[6] <= '9'))
        return false;
    if ((!is_upper(s[7]) && !is_digit(s[7])) || s[7] == 'O')
        return false;
    for (i = 8; i < n; i++)
        if (!is_upper(s[i]) && !is_digit(s[i]))
            return false;
    return true;
}

/* An identifier: 1..35 characters of the SEPA set, no space at either
 * end (banks trim them, and the result file must match). */
static bool
id_ok(const char *s)
{
    size_t n, i;

    if (s == NULL)
        return false;
    n = strlen(s);
    if (n == 0 || n > ID_MAX_CHARS || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (i = 0; i < n; i++)
        if (!sepa_char_ok(s[i]))
            return false;
    return true;
}

static bool
meta_ok(const struct batch_file_meta *m, char *err, size_t errlen)
{
    const char *what = NULL;

    if (m->debtor_iban == NULL || *m->debtor_iban == '\0')
        what = "de IBAN van de betaalrekening (instelling debtor_iban) "
               "ontbreekt";
    else if (!iban_ok(m->debtor_iban))
        what = "de IBAN van de betaalrekening (instelling debtor_iban) is "
               "ongeldig: hoofdletters en cijfers, zonder spaties";
    else if (m->debtor_bic != NULL && *m->debtor_bic != '\0' &&
             !bic_ok(m->debtor_bic))
        what = "de BIC (instelling debtor_bic) is ongeldig";
    else if (m->debtor_name == NULL || *m->debtor_name == '\0')
        what = "de naam van de betaler (instelling debtor_name) ontbreekt";
    else if (!id_ok(m->msg_id))
        what = "het berichtnummer (MsgId) moet 1 tot 35 tekens zijn uit "
               "a-z A-Z 0-9 / - ? : ( ) . , ' +";
    else if (!id_ok(m->number))
        what = "het batchnummer past niet in een SEPA-bestand";
    else if (!shape(m->created_at_iso, "9999-99-99T99:99:99"))
        what = "het tijdstip van aanmaken is geen jjjj-mm-ddTuu:mm:ss";
    else if (!shape(m->execution_date, "9999-99-99"))
        what = "de uitvoeringsdatum is geen jjjj-mm-dd";
    if (what == NULL)
        return true;
    snprintf(err, errlen, "SEPA-bestand: %s", what);
    return false;
}

/* Transliterate s, cut to max characters, without spaces at either end;
 * never empty (Max70Text and Max140Text need a character). */
static void
latin(const char *s, char *out, size_t max)
{
    size_t n, start = 0;

    sepa_text(s ? s : "", s ? strlen(s) : 0, out, max + 1);
    n = strlen(out);
    while (n > 0 && out[n - 1] == ' ')
        n--;
    while (start < n && out[start] == ' ')
        start++;
    memmove(out, out + start, n - start);
    out[n - start] = '\0';
    if (out[0] == '\0') {
        out[0] = '.';
        out[1] = '\0';
    }
}

/* Append <tag>escaped text</tag>. */
static bool
element(struct buf *b, const char *indent, const char *tag, const char *text)
{
    /* 140 characters of the SEPA set escape to at most 6 bytes each */
    char esc[REMITTANCE_MAX_CHARS * 6 + 1];

    sepa_xml_escape(text, strlen(text), esc, sizeof(esc));
    return buf_printf(b, "%s<%s>%s</%s>\n", indent, tag, esc, tag);
}

/* The remittance text into out[0..REMITTANCE_MAX_CHARS]: the description
 * in the SEPA set, at most 140 characters, always holding the whole
 * reference (finance and the payee find the payout by it): when the
 * description lacks it, or it would be cut off, the reference goes in
 * front and the description follows as far as it fits. */
static void
remittance(const struct batch_file_line *l, char *out)
{
    char text[REMITTANCE_MAX_CHARS + 1];
    size_t r = strlen(l->reference), k;

    if (l->description == NULL || *l->description == '\0') {
        memcpy(out, l->reference, r + 1); /* id_ok(): at most 35 */
        return;
    }
    latin(l->description, text, REMITTANCE_MAX_CHARS);
    if (strstr(text, l->reference) != NULL) {
        memcpy(out, text, strlen(text) + 1);
        return;
    }
    memcpy(out, l->reference, r);
    out[r] = ' ';
    k = strlen(text);
    if (k > REMITTANCE_MAX_CHARS - r - 1)
        k = REMITTANCE_MAX_CHARS - r - 1;
    memcpy(out + r + 1, text, k);
    k += r + 1;
    while (out[k - 1] == ' ') /* a cut may end on a space */
        k--;
    out[k] = '\0';
}

static bool
transaction(struct buf *b, const struct batch_file_line *l)
{
    char amount[48], name[NAME_MAX_CHARS + 2];
    char ustrd[REMITTANCE_MAX_CHARS + 1];

    batch_amount_text(l->amount_cents, '.', '\0', amount, sizeof(amount));
    latin(l->payee_name, name, NAME_MAX_CHARS);
    remittance(l, ustrd);
    return buf_puts(b, "      <CdtTrfTxInf>\n        <PmtId>\n") &&
           element(b, "          ", "EndToEndId", l->reference) &&
           buf_puts(b, "        </PmtId>\n        <Amt>\n") &&
           buf_printf(b,
                      "          <InstdAmt Ccy=\"EUR\">%s</InstdAmt>\n"
                      "        </Amt>\n        <Cdtr>\n",
                      amount) &&
           element(b, "          ", "Nm", name) &&
           buf_puts(b,
                    "        </Cdtr>\n        <CdtrAcct>\n          <Id>\n") &&
           element(b, "            ", "IBAN", l->iban) &&
           buf_puts(b, "          </Id>\n        </CdtrAcct>\n"
                       "        <RmtInf>\n") &&
           element(b, "          ", "Ustrd", ustrd) &&
           buf_puts(b, "        </RmtInf>\n      </CdtTrfTxInf>\n");
}

static bool
header(struct buf *b, const struct batch_file_meta *m,
       const struct batch_totals *t)
{
    char sum[48], name[NAME_MAX_CHARS + 2];
    bool bic = m->debtor_bic != NULL && *m->debtor_bic != '\0';

    batch_amount_text(t->bank_cents, '.', '\0', sum, sizeof(sum));
    latin(m->debtor_name, name, NAME_MAX_CHARS);
    return buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
                       "pain.001.001.03\">\n"
                       "  <CstmrCdtTrfInitn>\n    <GrpHdr>\n") &&
           element(b, "      ", "MsgId", m->msg_id) &&
           element(b, "      ", "CreDtTm", m->created_at_iso) &&
           buf_printf(b,
                      "      <NbOfTxs>%zu</NbOfTxs>\n"
                      "      <CtrlSum>%s</CtrlSum>\n      <InitgPty>\n",
                      t->bank_count, sum) &&
           element(b, "        ", "Nm", name) &&
           buf_puts(b, "      </InitgPty>\n    </GrpHdr>\n    <PmtInf>\n") &&
           element(b, "      ", "PmtInfId", m->number) &&
           buf_printf(b,
                      "      <PmtMtd>TRF</PmtMtd>\n"
                      "      <BtchBookg>true</BtchBookg>\n"
                      "      <NbOfTxs>%zu</NbOfTxs>\n"
                      "      <CtrlSum>%s</CtrlSum>\n"
                      "      <PmtTpInf>\n        <SvcLvl>\n"
                      "          <Cd>SEPA</Cd>\n"
                      "        </SvcLvl>\n      </PmtTpInf>\n",
                      t->bank_count, sum) &&
           element(b, "      ", "ReqdExctnDt", m->execution_date) &&
           buf_puts(b, "      <Dbtr>\n") &&
           element(b, "        ", "Nm", name) &&
           buf_puts(b, "      </Dbtr>\n      <DbtrAcct>\n        <Id>\n") &&
           element(b, "          ", "IBAN", m->debtor_iban) &&
           buf_puts(b, "        </Id>\n      </DbtrAcct>\n      <DbtrAgt>\n"
                       "        <FinInstnId>\n") &&
           (bic ? element(b, "          ", "BIC", m->debtor_bic)
                : buf_puts(b, "          <Othr>\n"
                              "            <Id>NOTPROVIDED</Id>\n"
                              "          </Othr>\n")) &&
           buf_puts(b, "        </FinInstnId>\n      </DbtrAgt>\n"
                       "      <ChrgBr>SLEV</ChrgBr>\n");
}

bool
batch_sepa(const struct batch_file_meta *m, const struct batch_file_line *lines,
           size_t n, unsigned char **out, size_t *len, char *err, size_t errlen)
{
    struct batch_totals t;
    struct buf b;
    size_t i;
    char *data;

    *out = NULL;
    *len = 0;
    if (!batch_files_check(m, lines, n, &t, err, errlen) ||
        !meta_ok(m, err, errlen))
        return false;
    if (t.bank_count == 0) {
        snprintf(err, errlen,
                 "SEPA-bestand: de batch heeft geen overboekingen, alleen "
                 "prepaidkaarten");
        return false;
    }
    for (i = 0; i < n; i++) {
        const struct batch_file_line *l = &lines[i];

        if (l->channel != BATCH_BANK)
            continue;
        if (!id_ok(l->reference) || !iban_ok(l->iban)) {
            snprintf(err, errlen,
                     "SEPA-bestand: regel %d heeft een %s die niet in een "
                     "SEPA-bestand past",
                     l->line_no, id_ok(l->reference) ? "IBAN" : "referentie");
            return false;
        }
    }
    buf_init(&b, 0);
    if (!header(&b, m, &t))
        goto nomem;
    for (i = 0; i < n; i++)
        if (lines[i].channel == BATCH_BANK && !transaction(&b, &lines[i]))
            goto nomem;
    if (!buf_puts(&b, "    </PmtInf>\n  </CstmrCdtTrfInitn>\n</Document>\n"))
        goto nomem;
    data = buf_steal(&b, len);
    if (data == NULL)
        goto nomem;
    *out = (unsigned char *)data;
    return true;
nomem:
    buf_free(&b);
    *len = 0;
    snprintf(err, errlen, "onvoldoende geheugen voor het SEPA-bestand");
    return false;
}
