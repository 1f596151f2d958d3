// The makelaar's decisions on one application (issue 4): award, reject,
// confirm a changed IBAN, settle, and the stored letters. Every step over
// HTTP against the real server, checked in the database, in the letter
// (pdftotext) and on the resident's status page. After every test the
// money is conserved (budget_year_reconciliation).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, sql, TMP } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { staffClient } from './staff.mjs';
import { awardAndPay, day, ensureBudget, freshStreet } from './fixtures.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});
afterEach(() => {
  assert.equal(sql('SELECT count(*) FROM budget_year_reconciliation WHERE NOT balanced'), '0',
    'money conservation: every budget year balanced');
});

const YEAR = Number(sql(`SELECT date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')::int`));
const defaultCents = () => Number(sql(`SELECT coalesce((SELECT potje_default_cents FROM budget_year WHERE year = ${YEAR}),
  setting_int('potje_default_cents'))`));
// the text of a page without tags, spaces collapsed
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

// A street of the reference list that lies in wijk only and that no
// application names yet.
function streetIn(wijk) {
  return freshStreet(wijk);
}

// File an application as a resident would, in wijk; put it in review.
async function apply(wijk, fields = {}, { review = true } = {}) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, straat: streetIn(wijk), ...fields });
  assert.equal(r.status, 303);
  const statusPath = r.headers.get('location').split('?')[0];
  const html = await (await fetch(srv.url + statusPath, { headers: { cookie: f.cookie } })).text();
  const ref = html.match(/LL-\d{4}-\d{5}/)[0];
  const id = Number(sql(`SELECT id FROM application WHERE reference = '${ref}'`));
  assert.equal(sql(`SELECT wijk_code FROM application WHERE id = ${id}`), wijk);
  if (review) sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${id}`);
  return { id, ref, statusPath, cookie: f.cookie, street: sql(`SELECT street_name FROM application WHERE id = ${id}`) };
}

const statusOf = (app) => sql(`SELECT status FROM application WHERE id = ${app.id}`);
const awards = (app) => Number(sql(`SELECT count(*) FROM award WHERE application_id = ${app.id}`));
const nothingWritten = (app, status = 'in_behandeling') => {
  assert.equal(statusOf(app), status);
  assert.equal(awards(app), 0, 'no award');
  assert.equal(sql(`SELECT count(*) FROM document WHERE application_id = ${app.id} AND kind <> 'receipt'`), '0', 'no letter');
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE object_type = 'application' AND object_id = '${app.id}'
    AND action IN ('application.award', 'application.reject')`), '0', 'no audit record');
};

// GET the form of action, then POST it with fields (csrf and versie from
// the form unless given).
async function decide(mk, app, action, fields = {}) {
  const form = await mk.get(`/beheer/aanvragen/${app.id}/${action}`);
  assert.equal(form.status, 200, `GET ${action}: ${form.status} ${text(form.html).slice(0, 300)}`);
  const versie = form.html.match(/name="versie" value="([^"]+)"/)[1];
  return mk.post(`/beheer/aanvragen/${app.id}/${action}`, { csrf: form.csrf(), versie, ...fields });
}

function pdfText(bytes, name) {
  const file = path.join(TMP, `${name}-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------
// Award
// ---------------------------------------------------------------------

test('award the default: award, payout te_betalen, letter, audit, message, status page', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  const def = defaultCents();
  const form = await mk.get(`/beheer/aanvragen/${app.id}/toekennen`);
  assert.equal(form.status, 200);
  assert.match(text(form.html), /Budget wijk [^ ]+.* over van/);
  assert.match(form.html, /name="bedrag"[^>]*value="150,00"|value="150,00"[^>]*name="bedrag"/);

  const r = await decide(mk, app, 'toekennen', { bedrag: '150,00', reden: '' });
  assert.equal(r.status, 303, text(r.html).slice(0, 500));
  assert.equal(r.location, `/beheer/aanvragen/${app.id}`);
  assert.equal(statusOf(app), 'toegekend');
  assert.equal(sql(`SELECT decided_by FROM application WHERE id = ${app.id}`), String(mk.user.id));
  const [awardId, amount, dflt, reason, by] = sql(`SELECT id, amount_cents, default_amount_cents,
    coalesce(reduction_reason, '-'), awarded_by FROM award WHERE application_id = ${app.id}`).split('|');
  assert.deepEqual([amount, dflt, reason, by], ['15000', String(def), '-', String(mk.user.id)]);
  const [payoutId, pref, pamount, pstatus, channel, iban] = sql(`SELECT id, reference, amount_cents, status, channel, iban
    FROM payout WHERE award_id = ${awardId}`).split('|');
  assert.deepEqual([pref, pamount, pstatus, channel, iban], [`${app.ref}-U1`, '15000', 'te_betalen', 'bank', 'NL91ABNA0417164300']);
  assert.equal(sql(`SELECT details->>'from' || ' ' || (details->>'to') || ' ' || (details->>'amount_cents') || ' '
    || (details->>'payout_id') FROM audit_event WHERE action = 'application.award' AND object_id = '${app.id}'
    AND actor_user_id = ${mk.user.id}`), `in_behandeling toegekend 15000 ${payoutId}`);
  assert.equal(sql(`SELECT count(*) FROM outbox_message WHERE application_id = ${app.id} AND kind = 'awarded'`), '1');
  assert.equal(sql(`SELECT count(*) FROM document WHERE application_id = ${app.id} AND kind = 'award_letter'
    AND sha256 = sha256(content)`), '1');

  // the letter, for staff: stored bytes, on the record
  const pdf = await mk.get(`/beheer/aanvragen/${app.id}/toekenningsbrief.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const t = pdfText(pdf.body, 'award');
  assert.ok(t.includes(app.ref), 'letter names the reference');
  assert.ok(t.includes(app.street), 'letter names the street');
  assert.ok(t.includes('€ 150,00'), `letter names the amount: ${t.slice(0, 400)}`);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'personal_data.download' AND object_id = '${app.id}'
    AND actor_user_id = ${mk.user.id}`), '1');
  const again = await mk.get(`/beheer/aanvragen/${app.id}/toekenningsbrief.pdf`);
  assert.ok(Buffer.compare(again.body, pdf.body) === 0, 'byte-identical download');

  // the resident's status page offers the same letter
  const page = await (await fetch(srv.url + app.statusPath, { headers: { cookie: app.cookie } })).text();
  assert.match(page, /toekenningsbrief\.pdf">Toekenningsbrief/);
  const resident = Buffer.from(await (await fetch(srv.url + app.statusPath + '/toekenningsbrief.pdf')).arrayBuffer());
  assert.ok(Buffer.compare(resident, pdf.body) === 0, 'the resident gets the same bytes');

  // once awarded, the form is not offered again and a repeat changes nothing
  assert.equal((await mk.get(`/beheer/aanvragen/${app.id}/toekennen`)).status, 409);
});

test('a lower amount needs a reason; with one it is awarded and in the letter', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  let r = await decide(mk, app, 'toekennen', { bedrag: '100', reden: '   ' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /Schrijf op waarom het bedrag lager is/);
  assert.match(r.html, /value="100"/, 'what was typed is kept');
  nothingWritten(app);

  r = await decide(mk, app, 'toekennen', { bedrag: '100,50', reden: '  De straat is klein.\n' });
  assert.equal(r.status, 303, text(r.html).slice(0, 500));
  assert.equal(sql(`SELECT amount_cents || ' ' || reduction_reason FROM award WHERE application_id = ${app.id}`),
    '10050 De straat is klein.');
  assert.equal(sql(`SELECT p.amount_cents FROM payout p JOIN award w ON w.id = p.award_id WHERE w.application_id = ${app.id}`), '10050');
  const t = pdfText((await mk.get(`/beheer/aanvragen/${app.id}/toekenningsbrief.pdf`)).body, 'lower');
  assert.ok(t.includes('€ 100,50'), 'the letter has the lower amount');
});

test('bad amounts are refused with the form and nothing is written', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  const cases = [
    ['0', /meer dan € 0,00/],
    ['0,00', /meer dan € 0,00/],
    ['-5', /./],
    ['150,001', /./],
    ['150,01', /niet hoger .* standaardbedrag van € 150,00/],
    ['1.000', /niet hoger/],
    ['veel', /./],
    ['', /./],
    ['150.50', /./],
  ];
  for (const [bedrag, msg] of cases) {
    const r = await decide(mk, app, 'toekennen', { bedrag, reden: 'omdat' });
    assert.equal(r.status, 422, `amount ${JSON.stringify(bedrag)}`);
    assert.match(text(r.html), msg, `message for ${JSON.stringify(bedrag)}`);
    assert.match(r.html, /id="bedrag"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="bedrag"/);
    nothingWritten(app);
  }
});

test('one cent short of the wijk budget: refused with the figures, nothing written', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '05' });
  const app = await apply('05');
  ensureBudget(YEAR, '05', 100000);
  sql(`UPDATE wijk_budget SET budget_cents = (SELECT coalesce(sum(amount_cents), 0) FROM award
    WHERE budget_year = ${YEAR} AND wijk_code = '05') + 14999 WHERE year = ${YEAR} AND wijk_code = '05'`);
  try {
    const r = await decide(mk, app, 'toekennen', { bedrag: '150,00' });
    assert.equal(r.status, 409, text(r.html).slice(0, 500));
    const t = text(r.html);
    assert.match(t, /niet genoeg budget over in wijk/);
    assert.ok(t.includes('€ 149,99') && t.includes('€ 150,00'), `figures shown: ${t.slice(0, 800)}`);
    nothingWritten(app);
    // the same amount fits once the budget has the cent
    ensureBudget(YEAR, '05', 15000);
    const ok = await decide(mk, app, 'toekennen', { bedrag: '150,00' });
    assert.equal(ok.status, 303);
  } finally {
    ensureBudget(YEAR, '05', 100000);
  }
});

test('no budget for the wijk this year: refused with a clear message', async (t) => {
  const free = sql(`SELECT w.code FROM wijk w WHERE NOT EXISTS (SELECT 1 FROM wijk_budget b
    WHERE b.year = ${YEAR} AND b.wijk_code = w.code) AND w.code IN ('08', '09', '10') ORDER BY w.code DESC LIMIT 1`);
  // budgets are never removed: once every wijk has one, this cannot be shown
  if (!free) return t.skip('every wijk already has a budget this year');
  sql(`INSERT INTO budget_year (year, city_budget_cents) VALUES (${YEAR}, 10000000) ON CONFLICT (year) DO NOTHING`);
  const mk = await staffClient(srv, 'makelaar', { wijk: free });
  const app = await apply(free);
  if (sql(`SELECT count(*) FROM wijk_budget WHERE year = ${YEAR} AND wijk_code = '${free}'`) !== '0')
    return t.skip('another suite just set a budget for the wijk');
  const r = await decide(mk, app, 'toekennen', { bedrag: '150,00' });
  assert.equal(r.status, 409);
  assert.match(text(r.html), /nog geen budget voor wijk .* Vraag de beheerder/);
  nothingWritten(app);
});

test('the street has had its potjes this year: refused with the figures', async () => {
  ensureBudget(YEAR, '03', 1000000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const max = Number(sql(`SELECT coalesce((SELECT max_potjes_per_street FROM budget_year WHERE year = ${YEAR}),
    setting_int('max_potjes_per_street_per_year'))`));
  const first = await apply('03');
  for (let i = 0; i < max; i++) {
    const app = i === 0 ? first : await apply('03', { straat: first.street });
    const r = await decide(mk, app, 'toekennen', { bedrag: '150,00' });
    assert.equal(r.status, 303, `award ${i + 1} of ${max}`);
  }
  const over = await apply('03', { straat: first.street });
  const r = await decide(mk, over, 'toekennen', { bedrag: '150,00' });
  assert.equal(r.status, 409);
  assert.match(text(r.html), new RegExp(`Deze straat heeft in ${YEAR} al ${max} potjes gekregen. Meer dan ${max} per jaar kan niet`));
  nothingWritten(over);
});

test('two makelaars award at once: exactly one award, the other gets 409', async () => {
  ensureBudget(YEAR, '03', 100000);
  const a = await staffClient(srv, 'makelaar', { wijk: '03' });
  const b = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  const fa = await a.get(`/beheer/aanvragen/${app.id}/toekennen`);
  const fb = await b.get(`/beheer/aanvragen/${app.id}/toekennen`);
  const versie = fa.html.match(/name="versie" value="([^"]+)"/)[1];
  const [ra, rb] = await Promise.all([
    a.post(`/beheer/aanvragen/${app.id}/toekennen`, { csrf: fa.csrf(), versie, bedrag: '150,00' }),
    b.post(`/beheer/aanvragen/${app.id}/toekennen`, { csrf: fb.csrf(), versie, bedrag: '150,00' }),
  ]);
  assert.deepEqual([ra.status, rb.status].sort(), [303, 409]);
  const loser = ra.status === 409 ? ra : rb;
  assert.match(text(loser.html), /intussen gewijzigd.*De status is nu: toegekend/);
  assert.equal(awards(app), 1);
  assert.equal(sql(`SELECT count(*) FROM payout p JOIN award w ON w.id = p.award_id WHERE w.application_id = ${app.id}`), '1');
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'application.award' AND object_id = '${app.id}'`), '1');
});

test('a makelaar of another wijk gets 404 and changes nothing; finance gets 404', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mine = await staffClient(srv, 'makelaar', { wijk: '03' });
  const other = await staffClient(srv, 'makelaar', { wijk: '04' });
  const fin = await staffClient(srv, 'financien');
  const app = await apply('03');
  const form = await mine.get(`/beheer/aanvragen/${app.id}/toekennen`);
  const versie = form.html.match(/name="versie" value="([^"]+)"/)[1];
  for (const action of ['toekennen', 'afwijzen', 'iban', 'vaststellen', 'toekenningsbrief.pdf']) {
    assert.equal((await other.get(`/beheer/aanvragen/${app.id}/${action}`)).status, 404, action);
    assert.equal((await fin.get(`/beheer/aanvragen/${app.id}/${action}`)).status, 404, action);
  }
  // even with a token that is valid for the form of the right makelaar
  for (const action of ['toekennen', 'afwijzen']) {
    const r = await other.post(`/beheer/aanvragen/${app.id}/${action}`, { csrf: form.csrf(), versie, bedrag: '150,00', reden: 'x' });
    assert.equal(r.status, 404, action);
  }
  assert.equal((await other.get(`/beheer/aanvragen/999999999/toekennen`)).status, 404);
  nothingWritten(app);
});

test('a forged or missing CSRF token: 400, nothing changed', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  const other = await apply('03');
  const form = await mk.get(`/beheer/aanvragen/${app.id}/toekennen`);
  const versie = form.html.match(/name="versie" value="([^"]+)"/)[1];
  let r = await mk.post(`/beheer/aanvragen/${app.id}/toekennen`, { csrf: 'x'.repeat(40), versie, bedrag: '150,00' });
  assert.equal(r.status, 400);
  r = await mk.post(`/beheer/aanvragen/${app.id}/toekennen`, { versie, bedrag: '150,00' });
  assert.equal(r.status, 400);
  // a token of one application does not work for another
  const oform = await mk.get(`/beheer/aanvragen/${other.id}/toekennen`);
  r = await mk.post(`/beheer/aanvragen/${app.id}/toekennen`, { csrf: oform.csrf(), versie, bedrag: '150,00' });
  assert.equal(r.status, 400);
  // a token of the award form does not reject
  r = await mk.post(`/beheer/aanvragen/${app.id}/afwijzen`, { csrf: form.csrf(), versie, reden: 'nee' });
  assert.equal(r.status, 400);
  nothingWritten(app);
  nothingWritten(other);
});

test('a stale form (the application changed since) gets 409', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  const form = await mk.get(`/beheer/aanvragen/${app.id}/toekennen`);
  const versie = form.html.match(/name="versie" value="([^"]+)"/)[1];
  sql(`UPDATE application SET status = 'aanvulling_gevraagd' WHERE id = ${app.id}`);
  sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${app.id}`);
  const r = await mk.post(`/beheer/aanvragen/${app.id}/toekennen`, { csrf: form.csrf(), versie, bedrag: '150,00' });
  assert.equal(r.status, 409);
  assert.match(text(r.html), /intussen gewijzigd/);
  nothingWritten(app);
});

test('the makelaar who entered an application cannot award it; another can', async () => {
  ensureBudget(YEAR, '03', 100000);
  const entered = await staffClient(srv, 'makelaar', { wijk: '03' });
  const other = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  sql(`UPDATE application SET entered_by = ${entered.user.id} WHERE id = ${app.id}`);
  let r = await decide(entered, app, 'toekennen', { bedrag: '150,00' });
  assert.equal(r.status, 409);
  assert.match(text(r.html), /zelf ingevoerd .* andere sociaal makelaar/);
  nothingWritten(app);
  r = await decide(entered, app, 'afwijzen', { reden: 'Past niet.' });
  assert.equal(r.status, 409);
  nothingWritten(app);
  r = await decide(other, app, 'toekennen', { bedrag: '150,00' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT awarded_by FROM award WHERE application_id = ${app.id}`), String(other.user.id));
});

test('an application that is not in review cannot be awarded', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03', {}, { review: false });
  const r = await mk.get(`/beheer/aanvragen/${app.id}/toekennen`);
  assert.equal(r.status, 409);
  assert.match(text(r.html), /status is ingediend/);
  nothingWritten(app, 'ingediend');
});

// ---------------------------------------------------------------------
// Reject
// ---------------------------------------------------------------------

test('reject: a reason is required; with it the resident reads it, letter stored', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  sql(`UPDATE application SET status = 'aanvulling_gevraagd' WHERE id = ${app.id}`);
  let r = await decide(mk, app, 'afwijzen', { reden: '  ' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /Schrijf op waarom u de aanvraag afwijst/);
  nothingWritten(app, 'aanvulling_gevraagd');
  r = await decide(mk, app, 'afwijzen', { reden: 'x'.repeat(2001) });
  assert.equal(r.status, 422);
  nothingWritten(app, 'aanvulling_gevraagd');

  const reason = 'Er is dit jaar al een potje voor deze straat & buurt.';
  r = await decide(mk, app, 'afwijzen', { reden: `  ${reason}\n` });
  assert.equal(r.status, 303, text(r.html).slice(0, 500));
  assert.equal(statusOf(app), 'afgewezen');
  assert.equal(sql(`SELECT rejection_reason FROM application WHERE id = ${app.id}`), reason);
  assert.equal(sql(`SELECT details::text FROM audit_event WHERE action = 'application.reject' AND object_id = '${app.id}'`),
    '{"to": "afgewezen", "from": "aanvulling_gevraagd"}');
  assert.equal(sql(`SELECT count(*) FROM outbox_message WHERE application_id = ${app.id} AND kind = 'rejected'`), '1');
  assert.equal(sql(`SELECT count(*) FROM document WHERE application_id = ${app.id} AND kind = 'rejection_letter'`), '1');
  const page = await (await fetch(srv.url + app.statusPath, { headers: { cookie: app.cookie } })).text();
  assert.ok(text(page).includes(reason), 'the reason on the status page');
  const pdf = await mk.get(`/beheer/aanvragen/${app.id}/afwijzingsbrief.pdf`);
  assert.equal(pdf.status, 200);
  const t = pdfText(pdf.body, 'reject');
  assert.ok(t.includes(app.ref) && t.includes('Er is dit jaar al een potje'), 'the letter has reference and reason');
  // decided: no second decision
  assert.equal((await mk.get(`/beheer/aanvragen/${app.id}/afwijzen`)).status, 409);
  assert.equal((await mk.get(`/beheer/aanvragen/${app.id}/toekennen`)).status, 409);
  assert.equal((await mk.get(`/beheer/aanvragen/${app.id}/toekenningsbrief.pdf`)).status, 404);
});

// ---------------------------------------------------------------------
// IBAN
// ---------------------------------------------------------------------

test('a changed IBAN after the award waits for a makelaar; confirming it is on the record', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  assert.equal((await mk.get(`/beheer/aanvragen/${app.id}/iban`)).status, 409, 'nothing to confirm before the award');
  assert.equal((await decide(mk, app, 'toekennen', { bedrag: '150,00' })).status, 303);
  assert.equal((await mk.get(`/beheer/aanvragen/${app.id}/iban`)).status, 409, 'nothing to confirm yet');

  // the resident changes the IBAN on the status page
  const html = await (await fetch(srv.url + app.statusPath, { headers: { cookie: app.cookie } })).text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const change = await fetch(srv.url + app.statusPath, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: app.cookie },
    body: new URLSearchParams({ csrf, taal: 'nl', actie: 'iban', iban: 'NL02 ABNA 0123 4567 89', rekeninghouder: 'N. Nieuw' }).toString(),
  });
  assert.equal(change.status, 303);
  const pid = sql(`SELECT p.id FROM payout p JOIN award w ON w.id = p.award_id WHERE w.application_id = ${app.id}`);
  assert.equal(sql(`SELECT iban_confirmed FROM payout WHERE id = ${pid}`), 'f');

  const form = await mk.get(`/beheer/aanvragen/${app.id}/iban`);
  assert.equal(form.status, 200);
  assert.ok(form.html.includes('NL** **** **** **67 89'), 'the new IBAN, masked');
  assert.ok(!form.html.includes('NL02ABNA0123456789') && !form.html.includes('0123 4567'), 'never the full IBAN');
  const versie = form.html.match(/name="versie" value="([^"]+)"/)[1];
  let r = await mk.post(`/beheer/aanvragen/${app.id}/iban`, { csrf: 'nope', versie });
  assert.equal(r.status, 400);
  r = await mk.post(`/beheer/aanvragen/${app.id}/iban`, { csrf: form.csrf(), versie: '1' });
  assert.equal(r.status, 409, 'a confirmation of another change');
  assert.equal(sql(`SELECT iban_confirmed FROM payout WHERE id = ${pid}`), 'f');
  r = await mk.post(`/beheer/aanvragen/${app.id}/iban`, { csrf: form.csrf(), versie });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT iban_confirmed || ' ' || iban_confirmed_by || ' ' || (iban_confirmed_at IS NOT NULL)
    FROM payout WHERE id = ${pid}`), `true ${mk.user.id} true`);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'payout.iban_confirm' AND object_type = 'payout'
    AND object_id = '${pid}' AND actor_user_id = ${mk.user.id}`), '1');
  // a second confirmation changes nothing
  r = await mk.post(`/beheer/aanvragen/${app.id}/iban`, { csrf: form.csrf(), versie });
  assert.equal(r.status, 409);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'payout.iban_confirm' AND object_id = '${pid}'`), '1');
});

// ---------------------------------------------------------------------
// Settlement
// ---------------------------------------------------------------------

test('settlement: only once paid; lower needs a reason; stored once', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  assert.equal((await mk.get(`/beheer/aanvragen/${app.id}/vaststellen`)).status, 409, 'not before the award');
  const { awardId } = awardAndPay(app.id, { paidOn: day(-5) });

  const form = await mk.get(`/beheer/aanvragen/${app.id}/vaststellen`);
  assert.equal(form.status, 200);
  assert.match(text(form.html), /Kostenoverzicht .*Nog niet ingediend/);
  let r = await decide(mk, app, 'vaststellen', { bedrag: '120,00', reden: '' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /Schrijf op waarom het bedrag lager is dan toegekend/);
  r = await decide(mk, app, 'vaststellen', { bedrag: '150,01', reden: 'x' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /niet hoger .* toegekende bedrag van € 150,00/);
  r = await decide(mk, app, 'vaststellen', { bedrag: '-1', reden: 'x' });
  assert.equal(r.status, 422);
  assert.equal(sql(`SELECT count(*) FROM settlement WHERE award_id = ${awardId}`), '0');

  r = await decide(mk, app, 'vaststellen', { bedrag: '120,00', reden: 'Bonnetjes voor € 120,00.' });
  assert.equal(r.status, 303, text(r.html).slice(0, 500));
  assert.equal(sql(`SELECT amount_cents || ' ' || reason || ' ' || settled_by FROM settlement WHERE award_id = ${awardId}`),
    `12000 Bonnetjes voor € 120,00. ${mk.user.id}`);
  assert.equal(sql(`SELECT details->>'amount_cents' FROM audit_event WHERE action = 'award.settle' AND object_type = 'award'
    AND object_id = '${awardId}'`), '12000');
  assert.equal((await mk.get(`/beheer/aanvragen/${app.id}/vaststellen`)).status, 409, 'settled once');
});

test('settlement at the awarded amount needs no reason', async () => {
  ensureBudget(YEAR, '03', 100000);
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const app = await apply('03');
  const { awardId } = awardAndPay(app.id, { paidOn: day(-5) });
  const r = await decide(mk, app, 'vaststellen', { bedrag: '150,00', reden: '' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT amount_cents || ' ' || coalesce(reason, '-') FROM settlement WHERE award_id = ${awardId}`), '15000 -');
});
