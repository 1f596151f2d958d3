// The result import (issue 5): finance uploads the bank's result file at
// /beheer/resultaat, sees every problem with its line, and applies a good
// file all or nothing. Bad input of every kind leaves the database as it
// was; the same file twice changes nothing; a kill -9 in the middle of a
// large commit leaves all rows applied or none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, DB, rawRequest, run, sql, startServer, waitFor } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { award, day, freshStreet, staffUser } from './fixtures.mjs';
import { makeStaff, staffClient } from './staff.mjs';

let srv, fin;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  fin = await staffClient(srv, 'financien');
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

const YEAR = 2084;
let seq = 0;

// n payouts te_betalen of 150,00 in a budget year of this suite, straight
// in SQL the way the award page makes them (batches.test.mjs does the same).
function bulkPayouts(n) {
  const tag = `R${process.pid}${Date.now()}${++seq}`;
  const mk = makeStaff('makelaar', { wijk: '05' });
  sql(`BEGIN;
    INSERT INTO budget_year (year, city_budget_cents, potje_default_cents, max_potjes_per_street)
      VALUES (${YEAR}, 0, 15000, 2) ON CONFLICT (year) DO NOTHING;
    UPDATE budget_year SET city_budget_cents = city_budget_cents + ${n} * 15000 WHERE year = ${YEAR};
    INSERT INTO wijk_budget (year, wijk_code, budget_cents) VALUES (${YEAR}, '05', 0) ON CONFLICT DO NOTHING;
    UPDATE wijk_budget SET budget_cents = budget_cents + ${n} * 15000 WHERE year = ${YEAR} AND wijk_code = '05';
    CREATE TEMP TABLE t AS SELECT g, '${tag}-' || g AS tag FROM generate_series(1, ${n}) g;
    INSERT INTO street (name) SELECT 'Resultaat ' || tag FROM t;
    INSERT INTO organiser (name, address, iban, account_holder)
      SELECT 'Gangmaker ' || g, 'Resultaat ' || tag || ' 1', 'NL91ABNA0417164300', 'Gangmaker ' || g FROM t;
    INSERT INTO application (reference, kind, street_id, street_name, wijk_code, organiser_id, status,
        status_token_hash, payout_method)
      SELECT next_reference('LL', ${YEAR}), 'first', s.id, s.name, '05', o.id, 'in_behandeling',
        sha256(convert_to(t.tag, 'UTF8')), 'bank'
      FROM t JOIN street s ON s.name = 'Resultaat ' || t.tag
      JOIN organiser o ON o.address = 'Resultaat ' || t.tag || ' 1';
    UPDATE application SET status = 'toegekend', decided_by = ${mk.id}, decided_at = now()
      WHERE street_name LIKE 'Resultaat ${tag}-%';
    INSERT INTO award (application_id, budget_year, wijk_code, amount_cents, default_amount_cents, awarded_by)
      SELECT id, ${YEAR}, '05', 15000, 15000, ${mk.id} FROM application WHERE street_name LIKE 'Resultaat ${tag}-%';
    INSERT INTO payout (award_id, reference, amount_cents, channel, iban, account_holder)
      SELECT w.id, a.reference || '-U1', 15000, 'bank', o.iban, o.account_holder
      FROM award w JOIN application a ON a.id = w.application_id JOIN organiser o ON o.id = a.organiser_id
      WHERE a.street_name LIKE 'Resultaat ${tag}-%';
    COMMIT;`);
  return sql(`SELECT p.id || ' ' || p.reference FROM payout p JOIN award w ON w.id = p.award_id
    JOIN application a ON a.id = w.application_id WHERE a.street_name LIKE 'Resultaat ${tag}-%' ORDER BY p.id`)
    .split('\n').map((l) => { const [id, ref] = l.split(' '); return { id: Number(id), ref, cents: 15000 }; });
}

// A live batch of these payouts, made as pay() in fixtures.mjs makes one.
function batchOf(payouts) {
  const finId = staffUser('financien');
  const number = `TEST-R${process.pid}-${Date.now()}-${++seq}`.toUpperCase();
  const ids = payouts.map((p) => p.id).join(',');
  const total = payouts.reduce((s, p) => s + p.cents, 0);
  return Number(sql(`BEGIN;
    INSERT INTO payout_batch (number, created_by) VALUES ('${number}', ${finId});
    INSERT INTO batch_line (batch_id, line_no, payout_id)
      SELECT b.id, row_number() OVER (ORDER BY p.id), p.id FROM payout_batch b, payout p
      WHERE b.number = '${number}' AND p.id IN (${ids});
    UPDATE payout SET status = 'in_batch' WHERE id IN (${ids});
    UPDATE payout_batch SET line_count = ${payouts.length}, total_cents = ${total} WHERE number = '${number}';
    COMMIT;
    SELECT id FROM payout_batch WHERE number = '${number}';`));
}

const HEADER = 'referentie;status;datum;bedrag;reden\r\n';
// yesterday, asked once (each day() is a psql run)
let yesterday;
const row = (p, status = 'betaald', { date = (yesterday ??= day(-1, 'nl')), amount = '150,00', reason = '' } = {}) =>
  `${p.ref};${status};${date};${amount};${reason}\r\n`;

const cookie = (c) => [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');

// Upload bytes as the browser does (multipart/form-data with csrf).
async function upload(c, bytes, { csrf, name = 'resultaat.csv' } = {}) {
  if (csrf === undefined) csrf = (await c.get('/beheer/resultaat')).csrf('/beheer/resultaat');
  const fd = new FormData();
  if (csrf !== null) fd.append('csrf', csrf);
  fd.append('bestand', new Blob([bytes], { type: 'text/csv' }), name);
  const r = await fetch(srv.url + '/beheer/resultaat', {
    method: 'POST', redirect: 'manual', headers: { cookie: cookie(c) }, body: fd,
  });
  const html = await r.text();
  return { status: r.status, html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

// The Verwerken form of a preview, posted.
async function commit(c, preview) {
  const m = preview.html.match(/<form[^>]*action="\/beheer\/resultaat\/verwerken"[^>]*>([\s\S]*?)<\/form>/);
  assert.ok(m, `a Verwerken form: ${preview.text.slice(0, 600)}`);
  const val = (n) => m[1].match(new RegExp(`name="${n}" value="([^"]*)"`))[1];
  return c.post('/beheer/resultaat/verwerken', { csrf: val('csrf'), bestand: val('bestand'), sha256: val('sha256') });
}

// What the import may change, for these payouts: equal before and after
// means nothing changed.
const snapshot = (ps) => sql(`SELECT string_agg(p.id || p.status || coalesce(p.paid_at::text, '')
    || coalesce(p.failed_at::text, '') || coalesce(l.result, '') || coalesce(l.result_on::text, '')
    || l.live || b.status, ',' ORDER BY p.id, b.id)
  FROM payout p LEFT JOIN batch_line l ON l.payout_id = p.id LEFT JOIN payout_batch b ON b.id = l.batch_id
  WHERE p.id IN (${ps.map((p) => p.id).join(',')})`)
  + '|' + sql(`SELECT count(*) FROM batch_result_file WHERE status = 'applied'`)
  + '|' + sql(`SELECT count(*) FROM audit_event WHERE action = 'batch.import'`)
  + '|' + sql(`SELECT count(*) FROM outbox_message WHERE kind = 'payment_failed'`);

const status = (p) => sql(`SELECT status FROM payout WHERE id = ${p.id}`);

test('every bad input of the issue: a clear message with its line, nothing changed', async () => {
  const ps = bulkPayouts(4);
  batchOf(ps.slice(0, 3));
  const cancelled = bulkPayouts(1);
  const cb = batchOf(cancelled);
  sql(`BEGIN;
    UPDATE payout_batch SET status = 'cancelled', cancelled_by = ${staffUser('financien')}, cancelled_at = now() WHERE id = ${cb};
    UPDATE payout SET status = 'te_betalen' WHERE id = ${cancelled[0].id};
    COMMIT;`);
  const all = [...ps, ...cancelled];
  const good = HEADER + row(ps[0]) + row(ps[1]) + row(ps[2], 'geweigerd', { reason: 'rekening opgeheven' });
  const cases = [
    ['unbalanced quotes', HEADER + row(ps[0]) + `${ps[1].ref};betaald;"${day(-1, 'nl')};150,00;\r\n` + row(ps[2]),
      3, /aanhalingsteken wordt niet afgesloten/],
    ['wrong delimiter', good.replaceAll(';', '\t'), 1, /geen scheidingsteken gevonden: zet ; of ,/],
    ['Latin-1 bytes', Buffer.concat([Buffer.from(HEADER + row(ps[0]) + row(ps[1])),
      Buffer.from(`${ps[2].ref};geweigerd;${day(-1, 'nl')};150,00;rekening opgeheven, caf\xe9\r\n`, 'latin1')]),
      4, /sla het bestand op als UTF-8/],
    ['150.00 where 150,00 is expected', HEADER + row(ps[0]) + row(ps[1], 'betaald', { amount: '150.00' }) + row(ps[2]),
      3, /bedrag &#39;150\.00&#39; heeft een punt als decimaalteken; verwacht is een komma/],
    ['an empty file', '', 0, /het bestand is leeg/],
    ['a duplicate row', good + row(ps[0]), 5, /dubbele regel: referentie \S+ staat ook op regel 2/],
    ['an unparseable date', HEADER + row(ps[0], 'betaald', { date: '31-02-2026' }) + row(ps[1]) + row(ps[2]),
      2, /datum &#39;31-02-2026&#39; bestaat niet/],
    ['an unknown status', HEADER + row(ps[0], 'paid') + row(ps[1]) + row(ps[2]), 2, /status &#39;paid&#39; onbekend/],
    ['an unknown reference', good + 'LL-1999-99999-U1;betaald;01-01-2026;150,00;\r\n', 5, /referentie LL-1999-99999-U1 is onbekend/],
    ['a row for a cancelled batch', good + row(cancelled[0]), 5, /hoort bij batch TEST-R\S+, en die is geannuleerd/],
    ['a payout in no live batch', good + row(ps[3]), 5, /staat niet in een lopende batch/],
    ['an amount that differs', HEADER + row(ps[0], 'betaald', { amount: '175,00' }) + row(ps[1]) + row(ps[2]),
      2, /bedrag € 175,00 wijkt af van de betaling \S+: die is € 150,00/],
    ['a batch not answered in full', HEADER + row(ps[0]) + row(ps[1]), 0, /staan niet in het bestand/],
    ['a date in the future', HEADER + row(ps[0], 'betaald', { date: day(3, 'nl') }) + row(ps[1]) + row(ps[2]),
      2, /ligt in de toekomst/],
  ];
  const before = snapshot(all);
  for (const [what, bytes, line, message] of cases) {
    const r = await upload(fin, bytes);
    assert.equal(r.status, 422, `${what}: ${r.text.slice(0, 300)}`);
    assert.match(r.html, message, what);
    const cell = line === 0 ? 'hele bestand' : String(line);
    assert.match(r.html, new RegExp(`<td class="utrecht-table__cell">${cell}</td><td class="utrecht-table__cell">[^<]*`
      + message.source.slice(0, 12).replace(/\\$/, '')), `${what}: on line ${cell}`);
    assert.match(r.text, /Er is niets veranderd/, what);
    assert.ok(!r.html.includes('/beheer/resultaat/verwerken'), `${what}: no Verwerken form`);
    assert.equal(snapshot(all), before, `${what}: nothing changed`);
  }
  // every problem is listed, not only the first
  const many = await upload(fin, HEADER + row(ps[0], 'paid') + row(ps[1], 'betaald', { amount: '150.00' })
    + row(ps[2], 'betaald', { date: 'gisteren' }));
  assert.equal(many.status, 422);
  assert.match(many.html, /<dd id="problemen">3<\/dd>/);
  // a BOM is fine: the same good file with one previews without problems
  const bom = await upload(fin, '\ufeff' + good);
  assert.equal(bom.status, 200, bom.text.slice(0, 500));
  assert.match(bom.html, /<dd id="betaald">2<\/dd>/);
  assert.match(bom.html, /<dd id="geweigerd">1<\/dd>/);
  assert.equal(snapshot(all), before, 'a preview changes nothing');
});

test('a good file: preview, commit, paid and refused as in the file; the same file again changes nothing', async () => {
  const ps = bulkPayouts(3);
  const batch = batchOf(ps);
  const paidOn = day(-2);
  const file = HEADER + row(ps[0], 'betaald', { date: day(-2, 'nl') }) + row(ps[1], 'betaald', { date: paidOn })
    + row(ps[2], 'geweigerd', { reason: 'rekening opgeheven' });
  const preview = await upload(fin, file);
  assert.equal(preview.status, 200, preview.text.slice(0, 500));
  assert.match(preview.text, /Alle regels kloppen/);
  assert.equal(status(ps[0]), 'in_batch', 'the preview changed nothing');
  const outbox = Number(sql(`SELECT count(*) FROM outbox_message WHERE kind = 'payment_failed'`));

  const r = await commit(fin, preview);
  assert.equal(r.status, 303, r.html.slice(0, 500));
  const done = await fin.follow(r);
  assert.match(done.html, /Het bestand is verwerkt: 3 regels, 2 betaald, 1 geweigerd, 0 teruggeboekt/);
  assert.equal(status(ps[0]), 'betaald');
  assert.equal(sql(`SELECT to_char(paid_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD HH24:MI') FROM payout WHERE id = ${ps[1].id}`),
    `${paidOn} 12:00`);
  assert.equal(sql(`SELECT status || ' ' || failure_reason || ' ' || (failed_at IS NOT NULL) FROM payout WHERE id = ${ps[2].id}`),
    'mislukt rekening opgeheven true');
  assert.equal(sql(`SELECT string_agg(result || ' ' || result_on || ' ' || live, ',' ORDER BY line_no) FROM batch_line WHERE batch_id = ${batch}`),
    `betaald ${paidOn} false,betaald ${paidOn} false,geweigerd ${day(-1)} false`);
  assert.equal(sql(`SELECT status || ' ' || (imported_by = ${fin.user.id}) FROM payout_batch WHERE id = ${batch}`), 'imported true');
  const fileId = sql(`SELECT f.id FROM batch_result_file f JOIN result_file_batch x ON x.file_id = f.id WHERE x.batch_id = ${batch}`);
  assert.equal(sql(`SELECT status || ' ' || applied_by || ' ' || row_count FROM batch_result_file WHERE id = ${fileId}`),
    `applied ${fin.user.id} 3`);
  const number = sql(`SELECT number FROM payout_batch WHERE id = ${batch}`);
  assert.deepEqual(JSON.parse(sql(`SELECT details::text FROM audit_event WHERE action = 'batch.import' AND object_id = '${fileId}'`)),
    { file_id: Number(fileId), rows: 3, paid: 2, refused: 1, reversed: 0, batches: [number] });
  assert.equal(Number(sql(`SELECT count(*) FROM outbox_message WHERE kind = 'payment_failed'`)), outbox + 1,
    'the resident is asked for another IBAN');

  // the same file again: said so, nothing changes
  const before = snapshot(ps);
  const again = await upload(fin, file);
  assert.equal(again.status, 200);
  assert.match(again.text, new RegExp(`Dit bestand is al verwerkt op \\d\\d-\\d\\d-\\d{4} \\d\\d:\\d\\d door ${fin.user.name}; er is niets veranderd`));
  const twice = await commit(fin, preview);
  assert.equal(twice.status, 409);
  assert.match(twice.html, /Dit bestand is al verwerkt op/);
  assert.equal(snapshot(ps), before);
});

test('a refused row for a paid payout reverses it (the bank returned the money)', async () => {
  const ps = bulkPayouts(1);
  batchOf(ps);
  const paid = await upload(fin, HEADER + row(ps[0], 'betaald', { date: day(-5, 'nl') }));
  assert.equal((await commit(fin, paid)).status, 303);
  assert.equal(status(ps[0]), 'betaald');
  const back = await upload(fin, HEADER + row(ps[0], 'geweigerd', { reason: 'teruggestort door de bank' }));
  assert.equal(back.status, 200, back.text.slice(0, 500));
  assert.match(back.html, /<dd id="teruggeboekt">1<\/dd>/);
  const r = await commit(fin, back);
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT status || ' ' || failure_reason FROM payout WHERE id = ${ps[0].id}`), 'mislukt teruggestort door de bank');
  const details = JSON.parse(sql(`SELECT details::text FROM audit_event WHERE action = 'batch.import' ORDER BY id DESC LIMIT 1`));
  assert.equal(details.reversed, 1);
  assert.deepEqual(details.batches, []);
  // paid again by a later file: a betaald row for a payout that is mislukt is refused
  const twice = await upload(fin, HEADER + row(ps[0], 'betaald'));
  assert.equal(twice.status, 422);
  assert.match(twice.html, /al als mislukt geboekt/);
});

test('a refused payout: the resident gives a new IBAN, a makelaar confirms it, it is te_betalen again', async () => {
  const f = await openForm(srv.url);
  const s = await submit(srv.url, f, { ...GOOD, straat: freshStreet() });
  assert.equal(s.status, 303);
  const statusPath = s.headers.get('location').split('?')[0];
  const page = async () => (await fetch(srv.url + statusPath, { headers: { cookie: f.cookie } })).text();
  const ref = (await page()).match(/LL-\d{4}-\d{5}/)[0];
  const [appId, wijk] = sql(`SELECT id || '|' || wijk_code FROM application WHERE reference = '${ref}'`).split('|');
  const { payoutId } = award(Number(appId));
  const p = { id: payoutId, ref: `${ref}-U1`, cents: 15000 };
  p.cents = Number(sql(`SELECT amount_cents FROM payout WHERE id = ${payoutId}`));
  batchOf([p]);
  const amount = `${Math.floor(p.cents / 100)},${String(p.cents % 100).padStart(2, '0')}`;
  const pre = await upload(fin, HEADER + row(p, 'geweigerd', { amount, reason: 'IBAN bestaat niet' }));
  assert.equal((await commit(fin, pre)).status, 303);
  assert.equal(status(p), 'mislukt');

  // the status page still offers another account number
  const html = await page();
  assert.match(html, /Ander rekeningnummer/);
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const change = await fetch(srv.url + statusPath, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie },
    body: new URLSearchParams({ csrf, taal: 'nl', actie: 'iban', iban: 'NL02 ABNA 0123 4567 89', rekeninghouder: 'N. Nieuw' }).toString(),
  });
  assert.equal(change.status, 303);
  assert.equal(sql(`SELECT status || ' ' || iban_confirmed FROM payout WHERE id = ${payoutId}`), 'mislukt false',
    'waits for the makelaar');
  const mk = await staffClient(srv, 'makelaar', { wijk });
  const form = await mk.get(`/beheer/aanvragen/${appId}/iban`);
  assert.equal(form.status, 200);
  const versie = form.html.match(/name="versie" value="([^"]+)"/)[1];
  const r = await mk.post(`/beheer/aanvragen/${appId}/iban`, { csrf: form.csrf(), versie });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT status || ' ' || iban FROM payout WHERE id = ${payoutId}`), 'te_betalen NL02ABNA0123456789',
    'ready for the next batch');
});

test('20 MB: 413 friendly; another content type: 415; no CSRF: 400; other roles: 404', async () => {
  const big = await rawRequest(srv.port,
    'POST /beheer/resultaat HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\n'
    + `Cookie: ${cookie(fin)}\r\nContent-Length: ${20 * 1024 * 1024}\r\n\r\n--x\r\n`);
  assert.equal(big.status, 413);
  assert.match(big.body, /Het bestand is te groot: hoogstens 16 MB/);
  // a body over the limit that did not say so in advance
  const chunk = 'x'.repeat(1024 * 1024);
  const fd = new FormData();
  fd.append('csrf', 'x');
  fd.append('bestand', new Blob(Array(17).fill(chunk)), 'groot.csv');
  const r17 = await fetch(srv.url + '/beheer/resultaat', { method: 'POST', headers: { cookie: cookie(fin) }, body: fd })
    .then(async (r) => ({ status: r.status, text: await r.text() }), (e) => ({ status: 'reset', text: String(e) }));
  assert.ok(r17.status === 413 || r17.status === 'reset', String(r17.status));
  if (r17.status === 413) assert.match(r17.text, /hoogstens 16 MB/);
  // other routes keep the default limit
  const other = await rawRequest(srv.port, 'POST /beheer/resultaat/verwerken HTTP/1.1\r\nHost: x\r\n'
    + `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\nx=1`);
  assert.equal(other.status, 413);

  const files = sql('SELECT count(*) FROM batch_result_file');
  const wrong = await fin.post('/beheer/resultaat', { csrf: 'x', bestand: 'referentie;status' });
  assert.equal(wrong.status, 415);
  const noCsrf = await upload(fin, HEADER, { csrf: null });
  assert.equal(noCsrf.status, 400);
  assert.match(noCsrf.text, /Het formulier is verlopen/);
  const badCsrf = await upload(fin, HEADER, { csrf: 'nep' });
  assert.equal(badCsrf.status, 400);
  const broken = await fetch(srv.url + '/beheer/resultaat', {
    method: 'POST', headers: { cookie: cookie(fin), 'content-type': 'multipart/form-data; boundary=abc' }, body: '--abc\r\nkapot',
  });
  assert.equal(broken.status, 400);
  await broken.text();
  const commitNoCsrf = await fin.post('/beheer/resultaat/verwerken', { bestand: '1', sha256: 'a'.repeat(64) });
  assert.equal(commitNoCsrf.status, 400);
  assert.equal(sql('SELECT count(*) FROM batch_result_file'), files, 'nothing stored');

  const form = await fin.get('/beheer/resultaat');
  assert.equal(form.status, 200);
  assert.match(form.html, /enctype="multipart\/form-data"/);
  assert.match(form.html, /<label class="utrecht-form-label" for="bestand">Resultaatbestand<\/label>/);
  assert.match(form.html, /accept="\.csv,text\/csv"/);
  for (const role of ['makelaar', 'beheerder', 'beleid']) {
    const c = await staffClient(srv, role);
    assert.equal((await c.get('/beheer/resultaat')).status, 404, role);
    const up = await upload(c, HEADER, { csrf: 'x' });
    assert.equal(up.status, 404, role);
    assert.equal((await c.post('/beheer/resultaat/verwerken', { csrf: 'x' })).status, 404, role);
  }
  assert.equal((await fetch(srv.url + '/beheer/resultaat', { redirect: 'manual' })).status, 303, 'not logged in');
});

test('kill -9 of the server in the middle of a large commit: after restart all rows applied or none', async () => {
  const n = 3000;
  let t0 = Date.now();
  const ps = bulkPayouts(n);
  console.log(`# seed: ${Date.now() - t0} ms`);
  assert.equal(ps.length, n);
  const batch = batchOf(ps);
  const file = HEADER + ps.map((p, i) => row(p, i % 10 === 9 ? 'geweigerd' : 'betaald')).join('');
  const victim = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  const c = await staffClient(victim, 'financien');
  const cookieOf = cookie(c);
  const fd = new FormData();
  fd.append('csrf', (await c.get('/beheer/resultaat')).csrf('/beheer/resultaat'));
  fd.append('bestand', new Blob([file]), 'groot.csv');
  t0 = Date.now();
  const pre = await fetch(victim.url + '/beheer/resultaat', { method: 'POST', headers: { cookie: cookieOf }, body: fd });
  const preHtml = await pre.text();
  console.log(`# preview of ${n} rows: ${Date.now() - t0} ms`);
  t0 = Date.now();
  assert.equal(pre.status, 200, preHtml.slice(0, 300));
  const m = preHtml.match(/action="\/beheer\/resultaat\/verwerken"[^>]*>([\s\S]*?)<\/form>/)[1];
  const val = (k) => m.match(new RegExp(`name="${k}" value="([^"]*)"`))[1];
  const body = new URLSearchParams({ csrf: val('csrf'), bestand: val('bestand'), sha256: val('sha256') }).toString();
  const pending = fetch(victim.url + '/beheer/resultaat/verwerken', {
    method: 'POST', redirect: 'manual', headers: { cookie: cookieOf, 'content-type': 'application/x-www-form-urlencoded' }, body,
  }).then((r) => r.status, () => 'killed');
  // wait until its transaction has written payouts (not yet committed)
  const inTx = await waitFor(() => {
    if (status(ps[0]) !== 'in_batch') return 'committed';
    const locks = Number(sql(`SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.relation = 'payout'::regclass AND l.mode = 'RowExclusiveLock' AND a.pid <> pg_backend_pid()`));
    return locks > 0 ? 'in transaction' : false;
  }, 20000, 2);
  console.log(`# until the kill: ${Date.now() - t0} ms (${inTx})`);
  victim.proc.kill('SIGKILL');
  assert.equal(await victim.exited, 'SIGKILL');
  await pending;
  await waitFor(() => Number(sql(`SELECT count(*) FROM pg_locks WHERE relation = 'payout'::regclass
    AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()`)) === 0, 20000);
  const counts = () => sql(`SELECT string_agg(status || '=' || k, ',' ORDER BY status) FROM (
    SELECT status, count(*) AS k FROM payout WHERE id IN (${ps.map((p) => p.id).join(',')}) GROUP BY status) s`);
  const applied = sql(`SELECT count(*) FROM batch_result_file WHERE id = ${val('bestand')} AND status = 'applied'`);
  if (inTx === 'in transaction') {
    assert.equal(applied, '0', 'killed inside the transaction: nothing applied');
    assert.equal(counts(), `in_batch=${n}`);
    assert.equal(sql(`SELECT count(*) FROM batch_line WHERE batch_id = ${batch} AND result IS NOT NULL`), '0');
  } else {
    assert.equal(applied, '1');
    assert.equal(counts(), `betaald=${n - n / 10},mislukt=${n / 10}`);
  }
  // the file is stored: applying it on another server finishes the work
  if (applied === '0') {
    t0 = Date.now();
    const again = await upload(fin, file);
    assert.equal(again.status, 200);
    const done = await commit(fin, again);
    assert.equal(done.status, 303);
    console.log(`# commit of ${n} rows: ${Date.now() - t0} ms (incl. upload and preview)`);
  }
  assert.equal(counts(), `betaald=${n - n / 10},mislukt=${n / 10}`);
  assert.equal(sql(`SELECT status FROM payout_batch WHERE id = ${batch}`), 'imported');
  assert.equal(sql(`SELECT count(*) FROM batch_line WHERE batch_id = ${batch} AND result IS NULL`), '0');
});

test('liefleed batch import: the same checks and all or nothing from the command line', async (t) => {
  const help = spawnSync(BIN, ['batch', '--help'], { env: { ...process.env, LIEFLEED_DATABASE_URL: DB }, encoding: 'utf8' });
  if (!/import FILE/.test(help.stdout + help.stderr)) {
    t.skip('cmd_batch.c does not dispatch "import" yet (see the f3 report)');
    return;
  }
  const ps = bulkPayouts(2);
  batchOf(ps);
  const fs = await import('node:fs');
  const dir = fs.mkdtempSync('/tmp/ll-result-');
  const bad = `${dir}/bad.csv`;
  fs.writeFileSync(bad, HEADER + row(ps[0]) + row(ps[1], 'betaald', { amount: '150.00' }));
  const before = snapshot(ps);
  let r = run(['batch', 'import', bad, '--user', fin.user.email]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /regel 3: bedrag '150\.00' heeft een punt als decimaalteken/);
  assert.equal(snapshot(ps), before);
  const good = `${dir}/good.csv`;
  fs.writeFileSync(good, HEADER + row(ps[0]) + row(ps[1], 'geweigerd'));
  r = run(['batch', 'import', good, '--user', fin.user.email, '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(snapshot(ps), before, 'a dry run changes nothing');
  r = run(['batch', 'import', good, '--user', fin.user.email]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Verwerkt: 2 regels, 1 betaald, 1 geweigerd/);
  assert.equal(status(ps[0]), 'betaald');
  r = run(['batch', 'import', good, '--user', fin.user.email]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /al verwerkt/);
  fs.rmSync(dir, { recursive: true });
});
