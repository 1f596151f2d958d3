// Every staff route with every role: who gets the page, who gets 404 as if
// it did not exist, and that nobody without a session gets further than
// the login page. A makelaar of wijk 02 asking for wijk 01's records gets
// the same 404 as for a record that does not exist.
//
// The table below is the role-by-route table of issue 4. A route added to
// backend/routes_table.c under /beheer without a row here fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, sql } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { staffClient, client } from './staff.mjs';
import { awardAndPay, freshStreet } from './fixtures.mjs';

let srv;
const who = {};
const ids = {};

before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  who.anoniem = client(srv.url);
  who.makelaar01 = await staffClient(srv, 'makelaar', { wijk: '01' });
  who.makelaar02 = await staffClient(srv, 'makelaar', { wijk: '02' });
  who.financien = await staffClient(srv, 'financien');
  who.beheerder = await staffClient(srv, 'beheerder');
  who.beleid = await staffClient(srv, 'beleid');
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, naam: 'Rollen Proef' });
  assert.equal(r.status, 303);
  ids.app = sql(`SELECT max(id) FROM application WHERE wijk_code = '01'`);
  sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${ids.app}`);
  ids.street = sql(`SELECT street_id FROM application WHERE id = ${ids.app}`);
  ids.user = who.makelaar01.user.id;
  // a second application, awarded and paid through a batch of its own
  const f2 = await openForm(srv.url);
  assert.equal((await submit(srv.url, f2, { ...GOOD, naam: 'Rollen Batch', straat: freshStreet() })).status, 303);
  const paid = awardAndPay(Number(sql('SELECT max(id) FROM application')));
  ids.batch = sql(`SELECT number FROM payout_batch WHERE id = ${paid.batchId}`);
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

// allowed: which visitors get the page. mk01 = makelaar of wijk 01 only.
const ALL = ['makelaar01', 'makelaar02', 'financien', 'beheerder', 'beleid'];
const MK = ['makelaar01', 'makelaar02'];
const GETS = [
  ['/beheer', ALL],
  ['/beheer/tweestaps', ALL],
  ['/beheer/aanvragen', MK],
  ['/beheer/aanvragen?wijk=01', ['makelaar01']],
  ['/beheer/aanvragen/nieuw', MK],
  ['/beheer/aanvragen/{app}', ['makelaar01']],
  ['/beheer/aanvragen/{app}/toekennen', ['makelaar01']],
  ['/beheer/aanvragen/{app}/afwijzen', ['makelaar01']],
  ['/beheer/straten', [...MK, 'beheerder']],
  ['/beheer/straten?wijk=01', ['makelaar01', 'beheerder']],
  ['/beheer/straten/{street}', ['makelaar01', 'beheerder']],
  ['/beheer/gebruikers', ['beheerder']],
  ['/beheer/gebruikers/{user}', ['beheerder']],
  ['/beheer/begroting', ['beheerder']],
  ['/beheer/instellingen', ['beheerder']],
  ['/beheer/audit', ['beheerder']],
  ['/beheer/audit.csv', ['beheerder']],
  ['/beheer/steekproef', ['beheerder', ...MK]],
  ['/beheer/betalingen', ['financien']],
  ['/beheer/batches/{batch}', ['financien']],
  ['/beheer/resultaat', ['financien']],
  ['/beheer/afstemming', ['financien', 'beheerder']],
];
// POST without a valid token: the allowed get 400 (nothing done), the
// others 404 (or 400: the token is checked before the record is looked
// up, and says nothing about it); no session: 303 to /inloggen.
const POSTS = [
  ['/beheer/tweestaps', ALL],
  ['/beheer/aanvragen/nieuw', MK],
  ['/beheer/aanvragen/{app}/in-behandeling', ['makelaar01']],
  ['/beheer/aanvragen/{app}/vraag', ['makelaar01']],
  ['/beheer/aanvragen/{app}/straat', ['makelaar01']],
  ['/beheer/aanvragen/{app}/toekennen', ['makelaar01']],
  ['/beheer/aanvragen/{app}/afwijzen', ['makelaar01']],
  ['/beheer/aanvragen/{app}/iban', ['makelaar01']],
  ['/beheer/aanvragen/{app}/vaststellen', ['makelaar01']],
  ['/beheer/straten/samenvoegen', ['beheerder']],
  ['/beheer/gebruikers', ['beheerder']],
  ['/beheer/gebruikers/{user}', ['beheerder']],
  ['/beheer/begroting', ['beheerder']],
  ['/beheer/instellingen', ['beheerder']],
  // drawing a sample is the beheerder's; a makelaar records outcomes
  ['/beheer/steekproef', ['beheerder'], { actie: 'trekken' }],
  ['/beheer/betalingen', ['financien']],
  ['/beheer/batches/{batch}/annuleren', ['financien']],
  // an upload must be multipart: a form-encoded body is 415 before the token
  ['/beheer/resultaat', ['financien'], {}, [415]],
  ['/beheer/resultaat/verwerken', ['financien']],
];

const fill = (p) => p.replace('{app}', ids.app).replace('{street}', ids.street).replace('{user}', ids.user)
  .replaceAll('{batch}', ids.batch);

test('every /beheer route of the routing table is in this test', () => {
  const table = fs.readFileSync('backend/routes_table.c', 'utf8');
  const routes = [...table.matchAll(/\{"(GET|POST)", "(\/beheer[^"]*)", ROUTE_(EXACT|PREFIX)/g)];
  assert.ok(routes.length > 10);
  for (const [, method, path, kind] of routes) {
    const rows = method === 'GET' ? GETS : POSTS;
    const covered = rows.some(([p]) => {
      const bare = p.split('?')[0];
      return kind === 'EXACT' ? bare === path : bare.startsWith(path) && bare !== path;
    });
    assert.ok(covered, `${method} ${path} has no row in the role table`);
  }
});

test('GET: the allowed roles get 200, the others 404, no session 303', async () => {
  const wrong = [];
  for (const [pattern, allowed] of GETS) {
    const path = fill(pattern);
    for (const [name, c] of Object.entries(who)) {
      const r = await c.get(path);
      const want = name === 'anoniem' ? 303 : allowed.includes(name) ? 200 : 404;
      if (r.status !== want) wrong.push(`${name} GET ${path}: ${r.status}, expected ${want}`);
      if (name === 'anoniem' && r.status === 303 && r.headers.get('location') !== '/inloggen')
        wrong.push(`anoniem GET ${path}: to ${r.headers.get('location')}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('POST without a valid token: nothing happens, whoever asks', async () => {
  const before = sql(`SELECT status || '/' || version FROM application WHERE id = ${ids.app}`);
  const lastAudit = sql('SELECT coalesce(max(id), 0) FROM audit_event');
  const wrong = [];
  for (const [pattern, allowed, extra = {}, allowedStatus = [400]] of POSTS) {
    const path = fill(pattern);
    for (const [name, c] of Object.entries(who)) {
      const r = await c.post(path, { csrf: 'vervalst', versie: '1', reden: 'x', bedrag: '1,00', ...extra });
      const ok = name === 'anoniem' ? [303] : allowed.includes(name) ? allowedStatus : [404, 400, ...allowedStatus];
      if (!ok.includes(r.status)) wrong.push(`${name} POST ${path}: ${r.status}, expected ${ok.join(' or ')}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal(sql(`SELECT status || '/' || version FROM application WHERE id = ${ids.app}`), before);
  // nothing but (failed) logins reached the record: no change did
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE id > ${lastAudit} AND action NOT LIKE 'login.%'`), '0');
});
