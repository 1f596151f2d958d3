// Assisted intake: a makelaar enters an application for a resident without
// a computer, with the resident form's rules, in their own wijken only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, sql } from './lib.mjs';
import { GOOD } from './form.mjs';
import { staffClient, client } from './staff.mjs';
import { ensureBudget, freshStreet } from './fixtures.mjs';

const PATH = '/beheer/aanvragen/nieuw';
let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

// An unused street from the list lying in exactly one wijk: in `wijk`, or
// (not: true) in any other.
function streetOf(wijk, { not = false } = {}) {
  return freshStreet(wijk, { outside: not });
}

// The intake form's own token and one-time key (the page also holds the
// logout form with its own token).
async function openIntake(c) {
  const page = await c.get(PATH);
  assert.equal(page.status, 200, page.html.slice(0, 300));
  const form = page.html.slice(page.html.indexOf(`action="${PATH}"`));
  return {
    page,
    csrf: form.match(/name="csrf" value="([^"]+)"/)[1],
    sleutel: form.match(/name="sleutel" value="([^"]+)"/)[1],
  };
}

const mine = (id) => Number(sql(`SELECT count(*) FROM application WHERE entered_by = ${id}`));

function pdfText(buf) {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: buf }).toString('utf8');
}

test('a makelaar files an application for a resident without e-mail', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const street = streetOf('03');
  const f = await openIntake(mk);
  assert.match(f.page.html, /<h1 class="utrecht-heading-1">Aanvraag invoeren<\/h1>/);
  assert.match(f.page.html, /Laat leeg als de bewoner geen e-mail heeft/);
  const r = await mk.post(PATH, {
    ...GOOD, naam: 'Łukasz Kowalski', email: '', straat: street,
    uitbetaling: 'prepaid_card', iban: '', rekeninghouder: '', csrf: f.csrf, sleutel: f.sleutel, taal: 'nl',
  });
  assert.equal(r.status, 303, r.html.slice(0, 2000));
  assert.equal(r.location, `${PATH}?klaar=${f.sleutel}`);

  const row = sql(`SELECT a.id, a.reference, a.entered_by, a.wijk_code, a.status, a.street_name,
      coalesce(o.email, '(geen)'), o.address, a.payout_method
    FROM application a JOIN organiser o ON o.id = a.organiser_id
    WHERE a.entered_by = ${mk.user.id}`).split('|');
  const [id, ref, enteredBy, wijk, status, streetName, email, address, method] = row;
  assert.equal(Number(enteredBy), mk.user.id);
  assert.equal(wijk, '03');
  assert.equal(status, 'ingediend');
  assert.equal(streetName, street);
  assert.equal(email, '(geen)');
  assert.ok(address.startsWith(`${street} 12`), address);
  assert.equal(method, 'prepaid_card');
  // on the record as an intake by this makelaar; the message goes by post
  assert.equal(sql(`SELECT actor_kind || ' ' || actor_user_id FROM audit_event
    WHERE action = 'application.intake' AND object_id = '${id}'`), `staff ${mk.user.id}`);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'application.submit' AND object_id = '${id}'`), '0');
  assert.equal(sql(`SELECT string_agg(channel, ',') FROM outbox_message WHERE application_id = ${id}`), 'letter');

  // the page to hand over: reference, receipt, status link, who decides
  const done = await mk.follow(r);
  assert.equal(done.status, 200);
  assert.match(done.html, new RegExp(`referentie <strong>${ref}</strong>`));
  const wijkName = sql(`SELECT name FROM wijk WHERE code = '03'`);
  assert.ok(done.html.includes(`voor de ${street} in wijk ${wijkName}.`), done.html);
  const token = done.html.match(/\/status\/([A-Za-z0-9_-]{43})\/ontvangstbewijs\.pdf/)[1];
  assert.ok(done.html.includes(`${srv.url}/status/${token}`) || done.html.includes(`/status/${token}</code>`),
    'the status link in full');
  assert.match(done.html, /een andere makelaar van de wijk beoordeelt de aanvraag/);

  // the status link works for the resident, and the receipt says "by post"
  const statusPage = await fetch(`${srv.url}/status/${token}`);
  assert.equal(statusPage.status, 200);
  assert.match(await statusPage.text(), new RegExp(ref));
  const pdf = await fetch(`${srv.url}/status/${token}/ontvangstbewijs.pdf`);
  assert.equal(pdf.status, 200);
  const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
  assert.match(text, new RegExp(ref));
  assert.match(text, /Łukasz Kowalski/);
  assert.match(text, /geen: u krijgt brieven per post/);
  assert.match(text, /Prepaidkaart/);

  // the same form again: the same application, not a second one
  const again = await mk.post(PATH, {
    ...GOOD, naam: 'Łukasz Kowalski', email: '', straat: street,
    uitbetaling: 'prepaid_card', iban: '', rekeninghouder: '', csrf: f.csrf, sleutel: f.sleutel, taal: 'nl',
  });
  assert.equal(again.status, 303);
  assert.equal(mine(mk.user.id), 1);

  // this makelaar cannot decide on it (the schema refuses); another can
  assert.throws(() => sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${id};
    UPDATE application SET status = 'afgewezen', decided_by = ${mk.user.id}, decided_at = now(),
      rejection_reason = 'zelf' WHERE id = ${id}`), /segregation_of_duties/);
  // another makelaar of the wijk awards it through the award page; the
  // news goes by post, as the resident has no e-mail
  const decider = await staffClient(srv, 'makelaar', { wijk: '03' });
  ensureBudget(Number(sql(`SELECT date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')::int`)), '03', 15000);
  sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${id}`);
  const form = await decider.get(`/beheer/aanvragen/${id}/toekennen`);
  assert.equal(form.status, 200);
  const awarded = await decider.post(`/beheer/aanvragen/${id}/toekennen`, {
    csrf: form.csrf(`/beheer/aanvragen/${id}/toekennen`),
    versie: form.html.match(/name="versie" value="(\d+)"/)[1], bedrag: '150,00', reden: '' });
  assert.equal(awarded.status, 303, awarded.html.slice(0, 500));
  assert.equal(sql(`SELECT status FROM application WHERE id = ${id}`), 'toegekend');
  assert.equal(sql(`SELECT channel FROM outbox_message WHERE application_id = ${id} AND kind = 'awarded'`), 'letter');

  // another makelaar of the same wijk does not get the hand-over page
  const other = await staffClient(srv, 'makelaar', { wijk: '03' });
  const peek = await other.get(`${PATH}?klaar=${f.sleutel}`);
  assert.equal(peek.status, 404);
  assert.ok(!peek.html.includes(token));
  // nor does a made-up key
  const bad = await mk.get(`${PATH}?klaar=${'0'.repeat(64)}`);
  assert.equal(bad.status, 404);
});

test('with e-mail, bank and English letters: stored as typed, normalised', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '05,06' });
  const street = streetOf('06');
  const f = await openIntake(mk);
  const r = await mk.post(PATH, {
    ...GOOD, email: 'Bewoner@Example.nl', straat: street, csrf: f.csrf, sleutel: f.sleutel, taal: 'en',
  });
  assert.equal(r.status, 303, r.html.slice(0, 2000));
  const [wijk, email, iban, lang, channel] = sql(`SELECT a.wijk_code, o.email, o.iban, a.language,
      (SELECT string_agg(channel, ',') FROM outbox_message m WHERE m.application_id = a.id)
    FROM application a JOIN organiser o ON o.id = a.organiser_id WHERE a.entered_by = ${mk.user.id}`).split('|');
  assert.equal(wijk, '06');
  assert.equal(email.toLowerCase(), 'bewoner@example.nl');
  assert.equal(iban, 'NL91ABNA0417164300');
  assert.equal(lang, 'en');
  assert.equal(channel, 'email');
  const done = await mk.follow(r);
  assert.equal(done.status, 200);
  assert.ok(!done.html.includes('NL91ABNA0417164300'), 'no IBAN on the hand-over page');
});

test('a street of another wijk is refused with a clear message, input kept', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const street = streetOf('03', { not: true });
  const wijk = sql(`SELECT min(b.wijk_code) FROM street s JOIN street_buurt sb ON sb.street_id = s.id
    JOIN buurt b ON b.code = sb.buurt_code WHERE s.name = '${street}'`);
  const f = await openIntake(mk);
  const r = await mk.post(PATH, { ...GOOD, naam: 'Anna de Vries', straat: street, csrf: f.csrf, sleutel: f.sleutel });
  assert.equal(r.status, 422);
  assert.match(r.html, new RegExp(`Deze straat ligt in wijk [^<]*\\(${wijk}\\)\\. U kunt alleen aanvragen invoeren voor straten in uw eigen wijken \\(03\\)`));
  assert.match(r.html, /value="Anna de Vries"/);
  assert.ok(r.html.includes(`value="${street}"`));
  assert.match(r.html, /Controleer deze punten/);
  assert.equal(mine(mk.user.id), 0);

  // an unknown street with another wijk chosen: refused at the wijk
  const r2 = await mk.post(PATH, { ...GOOD, straat: 'Nergenshuizenstraat', wijk: '07', csrf: f.csrf, sleutel: f.sleutel });
  assert.equal(r2.status, 422);
  assert.match(r2.html, /ligt in wijk [^<]*\(07\)/);
  assert.equal(mine(mk.user.id), 0);
});

test('missing or forged CSRF: 400, nothing stored, input kept', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const street = streetOf('03');
  const f = await openIntake(mk);
  let r = await mk.post(PATH, { ...GOOD, naam: 'Zonder Token', straat: street, sleutel: f.sleutel });
  assert.equal(r.status, 400);
  assert.match(r.html, /Het formulier is verlopen of kwam niet goed aan\. Er is niets opgeslagen/);
  assert.match(r.html, /value="Zonder Token"/);
  // another makelaar's token does not count either
  const other = await staffClient(srv, 'makelaar', { wijk: '03' });
  const of = await openIntake(other);
  r = await mk.post(PATH, { ...GOOD, straat: street, csrf: of.csrf, sleutel: f.sleutel });
  assert.equal(r.status, 400);
  assert.equal(mine(mk.user.id), 0);
  assert.equal(sql(`SELECT count(*) FROM application WHERE street_name = '${street}'`), '0');
});

test('field errors keep everything typed', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '03' });
  const street = streetOf('03');
  const f = await openIntake(mk);
  const r = await mk.post(PATH, {
    ...GOOD, naam: 'Fout Invuller', email: 'geen-adres', huisnummer: '', straat: street,
    plan: 'Een plan dat blijft staan.', csrf: f.csrf, sleutel: f.sleutel,
  });
  assert.equal(r.status, 422);
  assert.match(r.html, /Vul uw huisnummer in\./);
  assert.match(r.html, /value="Fout Invuller"/);
  assert.match(r.html, /value="geen-adres"/);
  assert.match(r.html, /Een plan dat blijft staan\./);
  assert.ok(r.html.includes(`value="${f.sleutel}"`), 'the one-time key is kept');
  assert.equal(mine(mk.user.id), 0);
});

test('only a makelaar: other roles get 404, strangers the login page', async () => {
  for (const role of ['financien', 'beheerder', 'beleid']) {
    const c = await staffClient(srv, role);
    const g = await c.get(PATH);
    assert.equal(g.status, 404, role);
    const p = await c.post(PATH, { ...GOOD, csrf: 'x' });
    assert.equal(p.status, 404, role);
  }
  const anon = client(srv.url);
  const g = await anon.get(PATH);
  assert.equal(g.status, 303);
  assert.match(g.headers.get('location'), /\/inloggen/);
  const before = sql('SELECT count(*) FROM application');
  const p = await anon.post(PATH, { ...GOOD });
  assert.equal(p.status, 303);
  assert.equal(sql('SELECT count(*) FROM application'), before);
});
