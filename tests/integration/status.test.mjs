// The private status page: answering a question, a new IBAN, withdrawing,
// and downloading everything stored, each over HTTP with its record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, run } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

// File an application; returns { path, ref, id, cookie, csrf } for its page.
async function apply(fields = {}) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, ...fields });
  assert.equal(r.status, 303);
  const path = r.headers.get('location').split('?')[0];
  const page = await fetch(srv.url + path, { headers: { cookie: f.cookie } });
  const html = await page.text();
  const ref = html.match(/LL-\d{4}-\d{5}/)[0];
  const id = sql(`SELECT id FROM application WHERE reference = '${ref}'`);
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  return { path, ref, id, cookie: f.cookie, csrf, html };
}

function act(app, fields, cookie = app.cookie) {
  return fetch(srv.url + app.path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ csrf: app.csrf, taal: 'nl', ...fields }).toString(),
  });
}

test('withdraw: asks for a tick first, then withdraws, on the record', async () => {
  const app = await apply({ naam: 'Intrekker Een' });
  assert.match(app.html, /Aanvraag intrekken/);
  let r = await act(app, { actie: 'intrekken' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Zet een vinkje als u echt wilt intrekken/);
  assert.equal(sql(`SELECT status FROM application WHERE id = ${app.id}`), 'ingediend');
  r = await act(app, { actie: 'intrekken', zeker: 'ja' });
  assert.equal(r.status, 303);
  const page = await (await fetch(srv.url + r.headers.get('location'))).text();
  assert.match(page, /Uw aanvraag is ingetrokken\./);
  assert.match(page, /U heeft de aanvraag ingetrokken\./);
  assert.ok(!page.includes('name="actie" value="intrekken"'), 'no withdraw form any more');
  assert.equal(sql(`SELECT status FROM application WHERE id = ${app.id}`), 'ingetrokken');
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'application.withdraw' AND object_id = '${app.id}'`), '1');
  // a second try changes nothing and says so
  r = await act(app, { actie: 'intrekken', zeker: 'ja' });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Dit kan nu niet meer/);
});

test('answer a question of the makelaar: the page shows it, the answer goes back to review', async () => {
  const app = await apply({ naam: 'Vraag Beantwoorder' });
  const add = run(['user', 'add', '--email', `mk${Date.now()}@example.nl`, '--name', 'Makelaar Test', '--role', 'makelaar', '--wijk', '01'], {}, 'een heel lang geheim wachtwoord\n');
  assert.equal(add.code, 0, add.stderr);
  const uid = sql("SELECT id FROM staff_user WHERE name = 'Makelaar Test' ORDER BY id DESC LIMIT 1");
  sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${app.id}`);
  sql(`UPDATE application SET status = 'aanvulling_gevraagd' WHERE id = ${app.id}`);
  sql(`INSERT INTO application_message (application_id, author, staff_user_id, body) VALUES (${app.id}, 'staff', ${uid}, 'Doen er <b>buren</b> mee?')`);
  const html = await (await fetch(srv.url + app.path, { headers: { cookie: app.cookie } })).text();
  assert.match(html, /Vraag van de sociaal makelaar/);
  assert.match(html, /Doen er &lt;b&gt;buren&lt;\/b&gt; mee\?/);
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  let r = await act({ ...app, csrf }, { actie: 'antwoorden', antwoord: '   ' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Schrijf uw antwoord\./);
  r = await act({ ...app, csrf }, { actie: 'antwoorden', antwoord: 'Ja, zes buren doen mee.' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /gedaan=antwoord/);
  assert.equal(sql(`SELECT status FROM application WHERE id = ${app.id}`), 'in_behandeling');
  assert.equal(sql(`SELECT body FROM application_message WHERE application_id = ${app.id} AND author = 'applicant'`), 'Ja, zes buren doen mee.');
});

test('a new IBAN: checked, stored normalised, never in the audit details', async () => {
  const app = await apply({ naam: 'Nieuwe Rekening' });
  let r = await act(app, { actie: 'iban', iban: 'NL91 ABNA 0417 1643 01', rekeninghouder: 'N. Rekening' });
  assert.equal(r.status, 422);
  const html = await r.text();
  assert.match(html, /id="iban"[^>]*aria-invalid="true"/);
  assert.match(html, /value="NL91 ABNA 0417 1643 01"/);
  r = await act(app, { actie: 'iban', iban: 'de89 3704 0044 0532 0130 00', rekeninghouder: 'N. Rekening' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT o.iban FROM organiser o JOIN application a ON a.organiser_id = o.id WHERE a.id = ${app.id}`), 'DE89370400440532013000');
  assert.equal(sql(`SELECT details::text FROM audit_event WHERE action = 'organiser.iban_change' AND object_id = '${app.id}'`), '{}');
  assert.ok(!srv.log().includes('DE89'), 'IBAN in the log');
});

test('download my data: everything stored, as a text file, on the record', async () => {
  const app = await apply({ naam: 'Gegevens Opvrager', naam2: 'Buur Twee', email2: 'buur2@example.nl' });
  const r = await fetch(srv.url + app.path + '/mijn-gegevens.txt');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(r.headers.get('cache-control'), 'private, no-store');
  const text = await r.text();
  for (const s of [`Aanvraag (application): ${app.ref}`, 'Naam (name): Gegevens Opvrager', 'E-mail: sukru@example.nl',
    'IBAN: NL91ABNA0417164300', 'Postcode: 3511 AB', 'Tweede gangmaker (second organiser): Buur Twee', 'Straat (street): Verdilaan'])
    assert.ok(text.includes(s), s);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'personal_data.download' AND object_id = '${app.id}'`), '1');
});

test('a status action without a valid CSRF token is refused with the page and a message', async () => {
  const app = await apply({ naam: 'Zonder Token' });
  const r = await act(app, { actie: 'intrekken', zeker: 'ja' }, '');
  assert.equal(r.status, 403);
  assert.match(await r.text(), /Het formulier is verlopen/);
  assert.equal(sql(`SELECT status FROM application WHERE id = ${app.id}`), 'ingediend');
});

test('the server, not only the page, decides when an IBAN may change', async () => {
  const app = await apply({ naam: 'Prepaid Kaart', uitbetaling: 'prepaid_card', iban: '', rekeninghouder: '' });
  assert.ok(!app.html.includes('name="actie" value="iban"'), 'no IBAN form for a prepaid card');
  const r = await act(app, { actie: 'iban', iban: 'NL91ABNA0417164300', rekeninghouder: 'Mallory' });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Dit kan nu niet meer/);
  assert.equal(sql(`SELECT coalesce(o.iban, '-') FROM organiser o JOIN application a ON a.organiser_id = o.id WHERE a.id = ${app.id}`), '-');
});

test('a new IBAN after the award blocks the payout until a makelaar confirms it, and the page says so', async () => {
  const { award, freshStreet } = await import('./fixtures.mjs');
  const app = await apply({ naam: 'Na Toekenning', straat: freshStreet() });
  const { payoutId } = award(app.id);
  assert.equal(sql(`SELECT iban_confirmed FROM payout WHERE id = ${payoutId}`), 't');
  const page = await (await fetch(srv.url + app.path, { headers: { cookie: app.cookie } })).text();
  const csrf = page.match(/name="csrf" value="([^"]+)"/)[1];
  const r = await act({ ...app, csrf }, { actie: 'iban', iban: 'NL02 ABNA 0123 4567 89', rekeninghouder: 'N. Toekenning' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT iban || ' ' || iban_confirmed FROM payout WHERE id = ${payoutId}`), 'NL02ABNA0123456789 false');
  const after = await (await fetch(srv.url + app.path)).text();
  assert.match(after, /Uw rekeningnummer is veranderd\. De sociaal makelaar controleert het nieuwe nummer/);
});

test('after the award: the amount, and the award letter once it is made, on the status page', async () => {
  const { award, freshStreet } = await import('./fixtures.mjs');
  const app = await apply({ naam: 'Met Brief', straat: freshStreet() });
  award(app.id, { amountCents: 12500, reason: 'minder nodig' });
  let html = await (await fetch(srv.url + app.path)).text();
  assert.match(html, /Toegekend bedrag: <strong>€ 125,00<\/strong>/);
  assert.match(html, /U krijgt het potje/);
  assert.ok(!html.includes('toekenningsbrief.pdf'), 'no letter yet');
  // the award letter is made by the makelaar's side (issue 4); a stored one is served as stored
  sql(`INSERT INTO document (application_id, kind, content, sha256) VALUES (${app.id}, 'award_letter', '\\x255044462d', sha256('\\x255044462d'))`);
  html = await (await fetch(srv.url + app.path)).text();
  assert.match(html, /href="\/status\/[A-Za-z0-9_-]{43}\/toekenningsbrief\.pdf">Toekenningsbrief \(PDF\)/);
  const pdf = await fetch(srv.url + app.path + '/toekenningsbrief.pdf');
  assert.equal(pdf.status, 200);
  assert.equal(Buffer.from(await pdf.arrayBuffer()).toString('latin1'), '%PDF-');
});

test('a payment the bank sent back: the page says so plainly and asks for the account number', async () => {
  const { awardAndPay, freshStreet } = await import('./fixtures.mjs');
  const app = await apply({ naam: 'Terug Geboekt', straat: freshStreet() });
  const { payoutId } = awardAndPay(app.id);
  sql(`UPDATE payout SET status = 'mislukt', failed_at = now(), failure_reason = 'rekening opgeheven' WHERE id = ${payoutId}`);
  let html = await (await fetch(srv.url + app.path)).text();
  assert.match(html, /Het overmaken is niet gelukt: de bank kon het geld niet op uw rekening zetten/);
  assert.match(html, /Ander rekeningnummer/);
  assert.ok(!html.includes('rekening opgeheven'), 'the bank\'s reason is for staff, not shown here');
  html = await (await fetch(srv.url + app.path + '?taal=en')).text();
  assert.match(html, /The transfer did not go through/);
});
