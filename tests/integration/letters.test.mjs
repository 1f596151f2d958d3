// The decision letters on the resident's status page: the rejection letter
// is offered only once it is stored, and served byte for byte as stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { freshStreet, staffUser } from './fixtures.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

// File an application as a resident does; returns { path, id }.
async function apply(fields = {}) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, ...fields });
  assert.equal(r.status, 303);
  const path = r.headers.get('location').split('?')[0];
  const html = await (await fetch(srv.url + path)).text();
  const ref = html.match(/LL-\d{4}-\d{5}/)[0];
  const id = sql(`SELECT id FROM application WHERE reference = '${ref}'`);
  return { path, id };
}

// Reject it the way the makelaar's page does (status rules and the
// decided_by trigger of the schema apply).
function reject(id, reason) {
  const wijk = sql(`SELECT wijk_code FROM application WHERE id = ${id}`);
  const mk = staffUser('makelaar', wijk);
  sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${id}`);
  sql(`UPDATE application SET status = 'afgewezen', decided_by = ${mk}, decided_at = now(),
       rejection_reason = '${reason.replaceAll("'", "''")}' WHERE id = ${id}`);
}

test('rejection letter: no link before it is stored, then the stored bytes', async () => {
  const app = await apply({ naam: 'Afgewezen Bewoner', straat: freshStreet() });
  reject(app.id, 'Er was dit jaar al een potje voor uw straat.');
  assert.equal(sql(`SELECT status FROM application WHERE id = ${app.id}`), 'afgewezen');

  let html = await (await fetch(srv.url + app.path)).text();
  assert.match(html, /U krijgt het potje helaas niet/);
  assert.match(html, /Er was dit jaar al een potje voor uw straat\./);
  assert.ok(!html.includes('afwijzingsbrief.pdf'), 'no letter link before the letter exists');
  let r = await fetch(srv.url + app.path + '/afwijzingsbrief.pdf');
  assert.equal(r.status, 404);
  await r.text();

  // bytes that are not valid UTF-8 too: served as they are
  sql(`INSERT INTO document (application_id, kind, content, sha256)
       VALUES (${app.id}, 'rejection_letter', '\\x255044462d74657374ff00e9'::bytea,
               sha256('\\x255044462d74657374ff00e9'::bytea))`);
  html = await (await fetch(srv.url + app.path)).text();
  assert.match(html, /href="\/status\/[A-Za-z0-9_-]{43}\/afwijzingsbrief\.pdf">Afwijzingsbrief \(PDF\)/);
  assert.ok(!html.includes('toekenningsbrief.pdf'), 'no award letter for a rejection');

  r = await fetch(srv.url + app.path + '/afwijzingsbrief.pdf');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(r.headers.get('cache-control') ?? '', /no-store/);
  const got = Buffer.from(await r.arrayBuffer());
  assert.equal(got.toString('hex'), sql(`SELECT encode(content, 'hex') FROM document
    WHERE application_id = ${app.id} AND kind = 'rejection_letter'`));
  assert.equal(got.toString('hex'), '255044462d74657374ff00e9');

  // English page, English link text
  html = await (await fetch(srv.url + app.path + '?taal=en')).text();
  assert.match(html, /afwijzingsbrief\.pdf">Rejection letter \(PDF\)/);
});

test('rejection letter: not offered or served for an application that is not rejected', async () => {
  const app = await apply({ naam: 'Lopende Aanvraag', straat: freshStreet() });
  // a stray document on an open application is not shown
  sql(`INSERT INTO document (application_id, kind, content, sha256)
       VALUES (${app.id}, 'rejection_letter', '%PDF-test'::bytea, sha256('%PDF-test'::bytea))`);
  const html = await (await fetch(srv.url + app.path)).text();
  assert.match(html, /Uw aanvraag is ontvangen/);
  assert.ok(!html.includes('afwijzingsbrief.pdf'));
  // a wrong token: the same 404 as any unknown page
  const bad = app.path.replace(/\/status\/./, (m) => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A'));
  const r = await fetch(srv.url + bad + '/afwijzingsbrief.pdf');
  assert.equal(r.status, 404);
  await r.text();
});
