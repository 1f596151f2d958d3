// The spending report (kostenoverzicht) on the status page once the potje
// is paid, and the follow-up potje once the report is in: every step over
// HTTP against the real server, with its rows and audit events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { award, awardAndPay, day, freshStreet, pay } from './fixtures.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// File an application in a street of its own; returns what its page needs.
async function apply(fields = {}) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, straat: freshStreet(), ...fields });
  assert.equal(r.status, 303);
  const path = r.headers.get('location').split('?')[0];
  const token = path.split('/')[2];
  const html = await (await fetch(srv.url + path, { headers: { cookie: f.cookie } })).text();
  const ref = html.match(/LL-\d{4}-\d{5}/)[0];
  const id = Number(sql(`SELECT id FROM application WHERE reference = '${ref}'`));
  return { path, token, ref, id, cookie: f.cookie };
}

// The status page now (and its CSRF token for the next action).
async function page(app, query = '') {
  const r = await fetch(srv.url + app.path + query, { headers: { cookie: app.cookie } });
  assert.equal(r.status, 200);
  const html = await r.text();
  app.csrf = html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? app.csrf;
  return html;
}

async function act(app, fields, lang = 'nl') {
  if (!app.csrf) await page(app);
  return fetch(srv.url + app.path, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...FORM, cookie: app.cookie },
    body: new URLSearchParams({ csrf: app.csrf, taal: lang, ...fields }).toString(),
  });
}

const addLine = (app, line, lang) => act(app, { actie: 'uitgave', toelichting: '', ...line }, lang);
const lines = (app) => Number(sql(`SELECT count(*) FROM expense_line l JOIN expense_report r ON r.id = l.report_id
  JOIN award w ON w.id = r.award_id WHERE w.application_id = ${app.id}`));
const audits = (action, app) => sql(`SELECT count(*) FROM audit_event e JOIN expense_report r ON e.object_id = r.id::text
  JOIN award w ON w.id = r.award_id WHERE e.action = '${action}' AND e.object_type = 'expense_report'
  AND w.application_id = ${app.id}`);
// the text of the page without tags, spaces collapsed
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

// An application awarded and paid ten days ago.
async function paidApp(fields = {}) {
  const app = await apply(fields);
  awardAndPay(app.id, { paidOn: day(-10) });
  return app;
}

test('the report section is absent before payment and present after', async () => {
  const app = await apply({ naam: 'Voor Betaling' });
  let html = await page(app);
  assert.ok(!html.includes('id="kostenoverzicht"'), 'no report while submitted');
  let r = await addLine(app, { datum: day(0, 'nl'), soort: 'birth', bedrag: '10' });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Een kostenoverzicht kunt u invullen als het geld is overgemaakt/);

  const { payoutId } = award(app.id);
  html = await page(app);
  assert.match(html, /U krijgt het potje/);
  assert.ok(!html.includes('id="kostenoverzicht"'), 'no report while awarded but not paid');
  assert.equal(sql(`SELECT count(*) FROM expense_report r JOIN award w ON w.id = r.award_id WHERE w.application_id = ${app.id}`), '0');

  pay(payoutId, { paidOn: day(-3) });
  assert.equal(sql(`SELECT status FROM payout WHERE id = ${payoutId}`), 'betaald');
  // the payment opened the report, due 12 months later
  assert.equal(sql(`SELECT r.due_on = (DATE '${day(-3)}' + interval '12 months')::date
    FROM expense_report r JOIN award w ON w.id = r.award_id WHERE w.application_id = ${app.id}`), 't');
  html = await page(app);
  const t = text(html);
  assert.match(html, /<h2 class="utrecht-heading-2" id="kostenoverzicht">Kostenoverzicht<\/h2>/);
  assert.match(t, /Het geld is overgemaakt\./);
  assert.ok(t.includes(`Geld overgemaakt op ${day(-3, 'nl')}`), 'paid in the timeline');
  assert.match(t, /Schrijf geen namen of gezondheid van buren op\./);
  assert.match(t, /U heeft nog geen uitgaven ingevuld\./);
  assert.match(t, /Potje € 150,00 Totaal uitgegeven € 0,00 Nog over € 150,00/);
  for (const id of ['datum', 'soort', 'bedrag', 'toelichting'])
    assert.match(html, new RegExp(`<label class="utrecht-form-label" for="${id}">`), id);
  for (const label of ['Geboorte', 'Ziekte', 'Overlijden', 'Nieuwe buren', 'Jubileum of verjaardag', 'Samenkomst', 'Anders'])
    assert.ok(html.includes(`>${label}</option>`), label);
  assert.match(html, /Kostenoverzicht insturen<\/button>/);
  assert.ok(!html.includes('vervolg='), 'no follow-up before the report is in');
  assert.ok(!html.includes('name="iban"'), 'no IBAN change once paid');
  // and in English
  const en = text(await page(app, '?taal=en'));
  assert.match(en, /Spending report/);
  assert.match(en, /Do not write down names or health details of neighbours\./);
  assert.match(en, /Total spent € 0,00 Left € 150,00/);
  assert.match(en, /Anniversary or birthday/);
});

test('adding lines shows them with the total and what is left', async () => {
  const app = await paidApp({ naam: 'Uitgaven Toevoeger' });
  let r = await addLine(app, { datum: day(-5, 'nl'), soort: 'birth', bedrag: '12,50', toelichting: 'bloemen <b>en</b> kaart' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `${app.path}?gedaan=uitgave#kostenoverzicht`);
  r = await addLine(app, { datum: day(0, 'nl'), soort: 'get_together', bedrag: '€ 20,-' });
  assert.equal(r.status, 303);
  const html = await page(app, '?gedaan=uitgave');
  const t = text(html);
  assert.match(t, /De uitgave staat in uw kostenoverzicht\./);
  assert.ok(t.includes(`1 ${day(-5, 'nl')} Geboorte € 12,50 bloemen &lt;b&gt;en&lt;/b&gt; kaart`), t);
  assert.ok(t.includes(`2 ${day(0, 'nl')} Samenkomst € 20,00`), t);
  assert.match(html, /bloemen &lt;b&gt;en&lt;\/b&gt; kaart/);
  assert.match(t, /Potje € 150,00 Totaal uitgegeven € 32,50 Nog over € 117,50/);
  assert.equal(sql(`SELECT string_agg(l.spent_on || ' ' || l.occasion || ' ' || l.amount_cents || ' ' || coalesce(l.note, '-'), ', ' ORDER BY l.line_no)
    FROM expense_line l JOIN expense_report r ON r.id = l.report_id JOIN award w ON w.id = r.award_id
    WHERE w.application_id = ${app.id}`),
  `${day(-5)} birth 1250 bloemen <b>en</b> kaart, ${day(0)} get_together 2000 -`);
  // on the record, with states and amounts but never the resident's words
  assert.equal(audits('expense_line.add', app), '2');
  const details = sql(`SELECT string_agg(e.details::text, ' ') FROM audit_event e JOIN expense_report r ON e.object_id = r.id::text
    JOIN award w ON w.id = r.award_id WHERE e.action = 'expense_line.add' AND w.application_id = ${app.id}`);
  assert.match(details, /"occasion": "birth"/);
  assert.match(details, /"amount_cents": 1250/);
  assert.ok(!details.includes('bloemen'), details);
  // the whole remainder fits exactly
  r = await addLine(app, { datum: day(-1, 'nl'), soort: 'other', bedrag: '117,50' });
  assert.equal(r.status, 303);
  assert.match(text(await page(app)), /Totaal uitgegeven € 150,00 Nog over € 0,00/);
  // download my data has the lines
  const data = await (await fetch(srv.url + app.path + '/mijn-gegevens.txt')).text();
  assert.ok(data.includes(`Uitgave (expense) ${day(-5)} nr. 1: birth 12,50 bloemen <b>en</b> kaart`), data);
});

test('bad input gives its message beside the field, keeps the values and adds nothing (422)', async () => {
  const app = await paidApp({ naam: 'Foute Invoer' });
  await addLine(app, { datum: day(-2, 'nl'), soort: 'illness', bedrag: '100' });
  const good = { datum: day(-1, 'nl'), soort: 'death', bedrag: '10,00', toelichting: 'kaart' };
  const cases = [
    ['bedrag', { bedrag: '12,505' }, 'Een bedrag heeft hoogstens 2 cijfers na de komma, zoals 12,50.'],
    ['bedrag', { bedrag: '50,01' }, 'Dit is meer dan er nog over is van het potje.'],
    ['bedrag', { bedrag: '0' }, 'Vul een bedrag in dat groter is dan 0.'],
    ['bedrag', { bedrag: '12.50' }, 'Schrijf het bedrag als 150 of 150,00.'],
    ['datum', { datum: day(1, 'nl') }, 'Deze datum ligt in de toekomst.'],
    ['datum', { datum: day(-11, 'nl') }, 'Deze datum ligt voor de dag waarop wij het geld hebben overgemaakt.'],
    ['datum', { datum: day(-1) }, 'Schrijf de datum als dag-maand-jaar, bijvoorbeeld 14-03-2027.'],
    ['datum', { datum: '31-02-2026' }, 'Deze datum bestaat niet.'],
    ['soort', { soort: 'bruiloft' }, 'Kies bij welke gelegenheid dit was.'],
    ['soort', { soort: '' }, 'Kies bij welke gelegenheid dit was.'],
    ['toelichting', { toelichting: 'x'.repeat(101) }, 'lang'],
  ];
  for (const [field, bad, message] of cases) {
    const values = { ...good, ...bad };
    const r = await addLine(app, values);
    assert.equal(r.status, 422, `${field} ${JSON.stringify(bad)}`);
    const html = await r.text();
    const err = html.match(new RegExp(`id="${field}-fout">([^<]*)<`));
    assert.ok(err, `message beside ${field}`);
    assert.ok(err[1].includes(message) || (message === 'lang' && err[1].length > 0), `${field}: ${err[1]}`);
    assert.match(html, new RegExp(`id="${field}" name="${field}" aria-describedby="[^"]*${field}-fout" aria-invalid="true"`));
    assert.match(html, /De uitgave is niet toegevoegd/);
    // every value as typed
    for (const [k, v] of Object.entries(values)) {
      if (k === 'soort') {
        if (v === 'death') assert.match(html, /<option value="death" selected>Overlijden<\/option>/);
      } else {
        assert.ok(html.includes(`name="${k}"`) && html.includes(`value="${v}"`), `${k} kept`);
      }
    }
    assert.equal(lines(app), 1, 'nothing added');
  }
  // in English
  const r = await addLine(app, { ...good, bedrag: '1,234' }, 'en');
  assert.equal(r.status, 422);
  assert.match(await r.text(), /An amount has at most 2 digits after the comma/);
  // the database refuses a total over the award, whoever writes it
  assert.throws(() => sql(`INSERT INTO expense_line (report_id, line_no, spent_on, occasion, amount_cents)
    SELECT r.id, 9, DATE '${day(-1)}', 'other', 5001 FROM expense_report r JOIN award w ON w.id = r.award_id
    WHERE w.application_id = ${app.id}`), /expense_report_within_award|exceeds the award/);
  assert.throws(() => sql(`INSERT INTO expense_line (report_id, line_no, spent_on, occasion, amount_cents)
    SELECT r.id, 9, DATE '${day(-11)}', 'other', 100 FROM expense_report r JOIN award w ON w.id = r.award_id
    WHERE w.application_id = ${app.id}`), /outside the paid period/);
  assert.equal(lines(app), 1);
});

test('a line can be removed while the report is not submitted', async () => {
  const app = await paidApp({ naam: 'Regel Verwijderaar' });
  await addLine(app, { datum: day(-4, 'nl'), soort: 'new_neighbour', bedrag: '15' });
  await addLine(app, { datum: day(-3, 'nl'), soort: 'anniversary_birthday', bedrag: '25,95' });
  let html = await page(app);
  assert.match(html, /Verwijder nr\. 1<\/button>/);
  assert.match(html, /Verwijder nr\. 2<\/button>/);
  const first = sql(`SELECT l.line_no FROM expense_line l JOIN expense_report r ON r.id = l.report_id
    JOIN award w ON w.id = r.award_id WHERE w.application_id = ${app.id} AND l.occasion = 'new_neighbour'`);
  let r = await act(app, { actie: 'uitgave_weg', regel: first });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /gedaan=uitgave_weg#kostenoverzicht$/);
  html = await page(app, '?gedaan=uitgave_weg');
  const t = text(html);
  assert.match(t, /De uitgave is uit uw kostenoverzicht gehaald\./);
  assert.ok(!t.includes('Nieuwe buren € 15,00'), 'the line is gone');
  assert.match(t, /Jubileum of verjaardag € 25,95/);
  assert.match(t, /Totaal uitgegeven € 25,95 Nog over € 124,05/);
  assert.equal(lines(app), 1);
  assert.equal(audits('expense_line.remove', app), '1');
  // twice: nothing left to remove
  r = await act(app, { actie: 'uitgave_weg', regel: first });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Dit kan nu niet meer/);
  // not a line number
  for (const regel of ['0', '-1', 'abc', '1; DELETE', ''])
    assert.equal((await act(app, { actie: 'uitgave_weg', regel })).status, 400, regel);
  // another application's line cannot be reached through this link
  const other = await paidApp({ naam: 'Andere Straat' });
  await addLine(other, { datum: day(-1, 'nl'), soort: 'other', bedrag: '5' });
  const otherLine = sql(`SELECT l.line_no FROM expense_line l JOIN expense_report r ON r.id = l.report_id
    JOIN award w ON w.id = r.award_id WHERE w.application_id = ${other.id}`);
  assert.equal(otherLine, first, 'line numbers count per report');
  r = await act(app, { actie: 'uitgave_weg', regel: otherLine });
  assert.equal(r.status, 409);
  assert.equal(lines(other), 1);
  assert.equal(lines(app), 1);
});

test('a potje paid on a prepaid card gets the same report', async () => {
  const app = await apply({ naam: 'Prepaid Kaart', uitbetaling: 'prepaid_card', iban: '', rekeninghouder: '' });
  const { batchId } = awardAndPay(app.id, { paidOn: day(-1) });
  assert.equal(batchId, null, 'no batch for a card');
  const html = await page(app);
  assert.match(html, /id="kostenoverzicht"/);
  assert.equal((await addLine(app, { datum: day(0, 'nl'), soort: 'birth', bedrag: '7,50' })).status, 303);
  assert.match(text(await page(app)), /Totaal uitgegeven € 7,50 Nog over € 142,50/);
});

test('submitting: needs a line, then the report is closed and a follow-up offered', async () => {
  const app = await paidApp({ naam: 'Kosten Insturer' });
  let r = await act(app, { actie: 'kosten_insturen' });
  assert.equal(r.status, 422);
  let html = await r.text();
  assert.match(html, /id="kosten-fout">Vul eerst minstens een uitgave in\./);
  assert.match(html, /aria-describedby="kosten-fout"/);
  await addLine(app, { datum: day(-2, 'nl'), soort: 'illness', bedrag: '30' });
  html = await page(app);
  assert.ok(!html.includes('vervolg='), 'no follow-up before the report is in');
  r = await act(app, { actie: 'kosten_insturen' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /gedaan=kosten#kostenoverzicht$/);
  html = await page(app, '?gedaan=kosten');
  const t = text(html);
  assert.match(t, /Bedankt! Uw kostenoverzicht is ingestuurd\./);
  assert.ok(t.includes(`U heeft het kostenoverzicht ingestuurd op ${day(0, 'nl')}. Bedankt!`), t);
  assert.match(t, /Ziekte € 30,00/);
  assert.match(t, /Totaal uitgegeven € 30,00 Nog over € 120,00/);
  assert.ok(!html.includes('value="uitgave"') && !html.includes('Verwijder nr.') && !html.includes('value="kosten_insturen"'),
    'no more changes offered');
  assert.ok(html.includes(`href="/aanvragen?vervolg=${app.token}"`), 'the follow-up link');
  assert.match(t, /Nieuw potje aanvragen/);
  assert.equal(sql(`SELECT r.submitted_at IS NOT NULL FROM expense_report r JOIN award w ON w.id = r.award_id
    WHERE w.application_id = ${app.id}`), 't');
  assert.equal(audits('expense_report.submit', app), '1');
  // closed for good: over HTTP and in the database
  for (const fields of [{ actie: 'uitgave', datum: day(-1, 'nl'), soort: 'other', bedrag: '1' },
    { actie: 'uitgave_weg', regel: '1' }, { actie: 'kosten_insturen' }]) {
    r = await act(app, fields);
    assert.equal(r.status, 409, fields.actie);
    assert.match(await r.text(), /U heeft het kostenoverzicht al ingestuurd/);
  }
  assert.throws(() => sql(`DELETE FROM expense_line l USING expense_report r, award w WHERE r.id = l.report_id
    AND w.id = r.award_id AND w.application_id = ${app.id}`), /expense_report_open|submitted/);
  assert.throws(() => sql(`UPDATE expense_report r SET submitted_at = NULL FROM award w
    WHERE w.id = r.award_id AND w.application_id = ${app.id}`), /final/);
  // the English link keeps the language
  assert.ok((await page(app, '?taal=en')).includes(`href="/aanvragen?vervolg=${app.token}&amp;taal=en"`));
});

// An application whose report is in; returns it.
async function reported(fields = {}) {
  const app = await paidApp(fields);
  await addLine(app, { datum: day(-1, 'nl'), soort: 'other', bedrag: '150' });
  assert.equal((await act(app, { actie: 'kosten_insturen' })).status, 303);
  return app;
}

async function openFollowUp(app, lang = '') {
  const r = await fetch(`${srv.url}/aanvragen?vervolg=${app.token}${lang ? `&taal=${lang}` : ''}`);
  const html = await r.text();
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = html.match(/name="csrf" value="([^"]+)"/)?.[1];
  const sleutel = html.match(/name="sleutel" value="([^"]+)"/)?.[1];
  return { status: r.status, html, cookie, csrf, sleutel };
}

// The fields of the form as the browser would send them.
function formValues(html) {
  const v = {};
  for (const m of html.matchAll(/<input [^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>/g)) {
    if (/type="(radio|checkbox)"/.test(m[0]) && !/ checked/.test(m[0])) continue;
    v[m[1]] = m[2].replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');
  }
  for (const m of html.matchAll(/<select [^>]*name="([^"]+)"[\s\S]*?<\/select>/g))
    v[m[1]] = m[0].match(/<option value="([^"]*)" selected>/)?.[1] ?? '';
  for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) v[m[1]] = m[2];
  return v;
}

test('the follow-up form is filled in from the previous potje, the IBAN only masked', async () => {
  const app = await reported({ naam: 'Vervolg Aanvrager', naam2: 'Buur Twee', email2: 'buur2@example.nl' });
  const street = sql(`SELECT street_name FROM application WHERE id = ${app.id}`);
  const f = await openFollowUp(app);
  assert.equal(f.status, 200);
  const t = text(f.html);
  assert.match(f.html, /<h1 class="utrecht-heading-1">Nieuw potje aanvragen<\/h1>/);
  assert.ok(t.includes(`na uw potje ${app.ref}`), 'says which potje it follows');
  const v = formValues(f.html);
  assert.equal(v.vervolg, app.token);
  assert.equal(v.naam, 'Vervolg Aanvrager');
  assert.equal(v.email, 'sukru@example.nl');
  assert.equal(v.telefoon, sql(`SELECT o.phone FROM organiser o JOIN application a ON a.organiser_id = o.id WHERE a.id = ${app.id}`));
  assert.equal(v.straat, street);
  assert.equal(v.huisnummer, '12 BIS');
  assert.equal(v.postcode, '3511 AB');
  assert.equal(v.wijk, sql(`SELECT wijk_code FROM application WHERE id = ${app.id}`));
  assert.equal(v.huishoudens, '40');
  assert.equal(v.naam2, 'Buur Twee');
  assert.equal(v.email2, 'buur2@example.nl');
  assert.equal(v.uitbetaling, 'bank');
  assert.equal(v.rekeninghouder, 'Ş. Yıldız');
  assert.equal(v.plan, '', 'a new plan');
  assert.equal(v.akkoord, undefined, 'consent is given again');
  // the account: masked, kept by default; the full number never in the page
  assert.equal(v.iban, '');
  assert.equal(v.rekening, 'vorige');
  assert.match(f.html, /Dezelfde rekening als vorige keer: NL\*\* \*\*\*\* \*\*\*\* \*\*43 00/);
  assert.ok(!f.html.includes('NL91ABNA0417164300'), 'no full IBAN');
  // the language switch keeps the follow-up
  assert.ok(f.html.includes(`href="/aanvragen?vervolg=${app.token}&amp;taal=en"`));
  const en = await openFollowUp(app, 'en');
  assert.equal(en.status, 200);
  assert.match(en.html, /Apply for a new potje/);
  assert.match(en.html, /The same account as last time: NL\*\*/);
  // the token in the query string never reaches the access log
  await new Promise((res) => setTimeout(res, 400));
  assert.ok(!srv.log().includes(app.token), 'token in the log');
  assert.match(srv.log(), /access GET \/aanvragen 200/);
});

test('filing the follow-up: kind follow_up, previous application set, the account kept', async () => {
  const app = await reported({ naam: 'Vervolg Indiener' });
  const f = await openFollowUp(app);
  const fields = { ...formValues(f.html), plan: 'Weer bloemen en kaarten voor de buren, en een buurtborrel.', akkoord: 'ja' };
  const post = (extra = {}, key = f.sleutel) => fetch(srv.url + '/aanvragen', {
    method: 'POST', redirect: 'manual', headers: { ...FORM, cookie: f.cookie },
    body: new URLSearchParams({ ...fields, sleutel: key, ...extra }).toString(),
  });
  // a mistake first: the form comes back with the follow-up kept, no IBAN
  let r = await post({ plan: '' });
  assert.equal(r.status, 422);
  let html = await r.text();
  assert.match(html, /Schrijf in een paar zinnen wat u wilt doen/);
  assert.ok(html.includes(`name="vervolg" value="${app.token}"`));
  assert.match(html, /id="rekening-vorige" name="rekening" value="vorige" checked/);
  assert.ok(!html.includes('NL91ABNA0417164300'), 'no full IBAN after an error');
  r = await post();
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/status\/[A-Za-z0-9_-]{43}\?nieuw=1$/);
  const newRef = (await (await fetch(srv.url + loc)).text()).match(/LL-\d{4}-\d{5}/)[0];
  assert.equal(sql(`SELECT a.kind || ' ' || a.previous_application_id || ' ' || o.iban || ' ' || o.name || ' ' || a.status
    FROM application a JOIN organiser o ON o.id = a.organiser_id WHERE a.reference = '${newRef}'`),
  `follow_up ${app.id} NL91ABNA0417164300 Vervolg Indiener ingediend`);
  // the same form again (double click): the same application
  r = await post();
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), loc);
  assert.equal(sql(`SELECT count(*) FROM application WHERE previous_application_id = ${app.id}`), '1');
  // the previous page now names the follow-up instead of offering one
  const prev = text(await page(app));
  assert.ok(prev.includes(`U heeft al een nieuw potje aangevraagd: ${newRef}.`), prev);
  assert.ok(!(await page(app)).includes('vervolg='));
  // a second follow-up of the same potje is refused, by link and by form
  const again = await openFollowUp(app);
  assert.equal(again.status, 409);
  assert.ok(again.html.includes(`U heeft al een nieuw potje aangevraagd: ${newRef}.`));
  r = await post({}, 'b'.repeat(64));
  assert.equal(r.status, 409);
  assert.match(await r.text(), /U heeft al een nieuw potje aangevraagd/);
  assert.equal(sql(`SELECT count(*) FROM application WHERE previous_application_id = ${app.id}`), '1');
});

test('a follow-up with another account number stores the new one', async () => {
  const app = await reported({ naam: 'Andere Rekening' });
  const f = await openFollowUp(app);
  const fields = { ...formValues(f.html), plan: 'Een welkom voor nieuwe buren in de straat.', akkoord: 'ja',
    rekening: 'ander', iban: 'de89 3704 0044 0532 0130 00', rekeninghouder: 'A. Rekening' };
  const r = await fetch(srv.url + '/aanvragen', {
    method: 'POST', redirect: 'manual', headers: { ...FORM, cookie: f.cookie },
    body: new URLSearchParams({ ...fields, sleutel: f.sleutel }).toString(),
  });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT o.iban || ' ' || o.account_holder FROM application a JOIN organiser o ON o.id = a.organiser_id
    WHERE a.previous_application_id = ${app.id}`), 'DE89370400440532013000 A. Rekening');
});

test('a forged token, or one whose report is not in, is refused', async () => {
  // not a token of ours: the same 404 as an unknown page
  for (const tok of ['A'.repeat(43), 'abc', `${'A'.repeat(42)}!`, ''])
    assert.equal((await fetch(`${srv.url}/aanvragen?vervolg=${encodeURIComponent(tok)}`)).status, 404, tok);
  // a real token, but the report is not in: a clear message, with the way back
  const early = await paidApp({ naam: 'Nog Niet Klaar' });
  const f = await openFollowUp(early);
  assert.equal(f.status, 409);
  const t = text(f.html);
  assert.match(t, /U kunt nu geen nieuw potje aanvragen/);
  assert.ok(t.includes(`Een nieuw potje kunt u aanvragen als u het kostenoverzicht van uw vorige potje heeft ingestuurd. Dat is het potje ${early.ref}.`), t);
  assert.ok(f.html.includes(`href="/status/${early.token}"`));
  // by POST, with a form taken from a proper follow-up: forged and early tokens
  const good = await reported({ naam: 'Formulier Lener' });
  const g = await openFollowUp(good);
  const fields = { ...formValues(g.html), plan: 'Een buurtborrel en bloemen bij ziekte.', akkoord: 'ja' };
  const before = sql('SELECT count(*) FROM application');
  const post = (vervolg, key) => fetch(srv.url + '/aanvragen', {
    method: 'POST', redirect: 'manual', headers: { ...FORM, cookie: g.cookie },
    body: new URLSearchParams({ ...fields, vervolg, sleutel: key }).toString(),
  });
  let r = await post('B'.repeat(43), 'c'.repeat(64));
  assert.equal(r.status, 404);
  r = await post(early.token, 'd'.repeat(64));
  assert.equal(r.status, 409);
  assert.match(await r.text(), /kostenoverzicht van uw vorige potje/);
  assert.equal(sql('SELECT count(*) FROM application'), before, 'nothing filed');
  assert.equal(sql(`SELECT count(*) FROM application WHERE previous_application_id = ${early.id}`), '0');
  // before the potje is even paid
  const fresh = await apply({ naam: 'Net Begonnen' });
  assert.equal((await openFollowUp(fresh)).status, 409);
});
