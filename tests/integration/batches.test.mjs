// Payout batches for finance (issue 5): the overview, making a batch and
// its three stored files, downloads, cancelling, segregation of duties,
// two finance users at once, the command line, and a kill -9 halfway.
// Everything over HTTP or the real binary, checked in the database and in
// the files (xmllint against the SEPA schema, pdftotext). Money
// conservation is checked after every test by lib.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, DB, startServer, sql, run, TMP, waitFor } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { staffClient, makeStaff } from './staff.mjs';
import { award, freshStreet } from './fixtures.mjs';

const XSD = path.resolve('../shared/data/pain.001.001.03.xsd');
const DEBTOR_IBAN = 'NL20INGB0001234567';
let srv;
let fin;

before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '10000' });
  sql(`UPDATE setting SET value = '${DEBTOR_IBAN}' WHERE key = 'debtor_iban';
       UPDATE setting SET value = 'INGBNL2A' WHERE key = 'debtor_bic';
       UPDATE setting SET value = 'KP-4410' WHERE key = 'kostenplaats';
       UPDATE setting SET value = '4410100' WHERE key = 'grootboekrekening';`);
  fin = await staffClient(srv, 'financien');
});

after(async () => {
  // leave no live batch of this suite behind: its payouts are ready again
  const live = sql(`SELECT number FROM payout_batch WHERE status = 'live' AND number LIKE 'BT-%'
    AND NOT EXISTS (SELECT 1 FROM batch_line l WHERE l.batch_id = payout_batch.id AND l.result IS NOT NULL)`);
  for (const n of live.split('\n').filter(Boolean))
    run(['batch', 'cancel', n, '--user', fin.user.email, '--reden', 'einde van de test']);
  assert.equal(await srv.stop(), 0, srv.log());
});

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

// A resident files an application in a fresh street; a makelaar awards it
// (fixtures.award). Returns { id, ref, payoutId, cents, wijk }.
async function awarded(fields = {}) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, straat: freshStreet(), ...fields });
  assert.equal(r.status, 303, 'application filed');
  const statusPath = r.headers.get('location').split('?')[0];
  const html = await (await fetch(srv.url + statusPath, { headers: { cookie: f.cookie } })).text();
  const ref = html.match(/LL-\d{4}-\d{5}/)[0];
  const id = Number(sql(`SELECT id FROM application WHERE reference = '${ref}'`));
  const a = award(id);
  const wijk = sql(`SELECT wijk_code FROM application WHERE id = ${id}`);
  return { id, ref, payoutId: a.payoutId, cents: a.cents, wijk, reference: `${ref}-U1` };
}

const card = () => awarded({ naam: 'Kaart Houder', uitbetaling: 'prepaid_card', iban: '', rekeninghouder: '' });
const payoutStatus = (p) => sql(`SELECT status FROM payout WHERE id = ${p.payoutId}`);
const batchable = () => Number(sql(`SELECT count(*) FROM payout WHERE status = 'te_betalen' AND iban_confirmed`));
const liveDuplicates = () => sql('SELECT payout_id FROM batch_line WHERE live GROUP BY 1 HAVING count(*) > 1');

// POST the create form of the overview as client c.
async function create(c, fields = {}) {
  const page = await c.get('/beheer/betalingen');
  assert.equal(page.status, 200);
  return c.post('/beheer/betalingen', { csrf: page.csrf('/beheer/betalingen'), tot: '', ...fields });
}

function batchOf(location) {
  const m = location.match(/\/beheer\/batches\/(BT-\d{4}-\d{5})\?gemaakt=1$/);
  assert.ok(m, `redirect to the new batch: ${location}`);
  return m[1];
}

async function download(c, number, ext) {
  const r = await fetch(`${srv.url}/beheer/batches/${number}/betaalbatch-${number}.${ext}`, {
    headers: { cookie: [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

test('the overview shows what is ready per wijk, what waits for an IBAN, and no IBAN', async () => {
  const a = await awarded();
  const b = await awarded();
  const k = await card();
  const changed = await awarded();
  // the resident changed the IBAN after the award: waits for the makelaar
  sql(`UPDATE payout SET iban = '${DEBTOR_IBAN}', account_holder = 'Nieuw' WHERE id = ${changed.payoutId}`);
  assert.equal(sql(`SELECT iban_confirmed FROM payout WHERE id = ${changed.payoutId}`), 'f');

  const page = await fin.get('/beheer/betalingen');
  assert.equal(page.status, 200);
  const t = text(page.html);
  for (const w of new Set([a.wijk, b.wijk, k.wijk, changed.wijk])) {
    const [n, cents, bank, cards, waiting] = sql(`SELECT count(*) FILTER (WHERE p.iban_confirmed),
        coalesce(sum(p.amount_cents) FILTER (WHERE p.iban_confirmed), 0),
        count(*) FILTER (WHERE p.iban_confirmed AND p.channel = 'bank'),
        count(*) FILTER (WHERE p.iban_confirmed AND p.channel <> 'bank'),
        count(*) FILTER (WHERE NOT p.iban_confirmed)
      FROM payout p JOIN award w ON w.id = p.award_id
      WHERE p.status = 'te_betalen' AND w.wijk_code = '${w}'`).split('|');
    const name = sql(`SELECT name FROM wijk WHERE code = '${w}'`);
    const euros = (Number(cents) / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 });
    assert.ok(t.includes(`${w} ${name} ${n} € ${euros} ${bank} ${cards} ${waiting}`),
      `row of wijk ${w}: ${n} € ${euros} ${bank} ${cards} ${waiting} in ${t.slice(0, 2000)}`);
  }
  assert.ok(!/NL\d\d[A-Z]{4}\d{6,}/.test(page.html), 'no IBAN on the overview');
  assert.ok(page.csrf('/beheer/betalingen'), 'the create form has a CSRF token');
});

test('a batch: lines, payouts in_batch, three stored files, identical downloads, on the record', async () => {
  const bank1 = await awarded();
  const bank2 = await awarded({ naam: 'José Müller', rekeninghouder: 'José Müller' });
  const k = await card();
  const expected = batchable();
  const total = Number(sql(`SELECT sum(amount_cents) FROM payout WHERE status = 'te_betalen' AND iban_confirmed`));

  const r = await create(fin);
  assert.equal(r.status, 303, text(r.html).slice(0, 500));
  const number = batchOf(r.location);
  const [id, status, lines, cents, createdBy] = sql(`SELECT id, status, line_count, total_cents, created_by
    FROM payout_batch WHERE number = '${number}'`).split('|');
  assert.equal(status, 'live');
  assert.equal(Number(lines), expected);
  assert.equal(Number(cents), total);
  assert.equal(Number(createdBy), fin.user.id);
  assert.equal(sql(`SELECT string_agg(line_no::text, ',' ORDER BY line_no) FROM batch_line WHERE batch_id = ${id}`),
    Array.from({ length: expected }, (_, i) => i + 1).join(','), 'lines 1..n');
  for (const p of [bank1, bank2, k]) {
    assert.equal(payoutStatus(p), 'in_batch');
    assert.equal(sql(`SELECT count(*) FROM batch_line WHERE batch_id = ${id} AND payout_id = ${p.payoutId} AND live`), '1');
  }
  assert.equal(batchable(), 0, 'nothing ready is left behind');

  // the batch page
  const page = await fin.get(r.location.replace(srv.url, ''));
  assert.equal(page.status, 200);
  const t = text(page.html);
  assert.ok(t.includes(`Betaalbatch ${number}`));
  assert.ok(t.includes('klaar voor betaling'));
  assert.ok(t.includes(bank1.reference) && t.includes(k.reference));
  assert.ok(!page.html.includes('NL91ABNA0417164300'), 'IBANs masked on the page');
  assert.ok(page.csrf(`/beheer/batches/${number}/annuleren`), 'a cancel form');

  // files: stored with their hashes, downloaded byte-identical twice
  const auditBefore = Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'batch.download' AND object_id = '${id}'`));
  const csv = await download(fin, number, 'csv');
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(csv.headers.get('content-disposition'), new RegExp(`betaalbatch-${number}\\.csv`));
  assert.deepEqual((await download(fin, number, 'csv')).body, csv.body, 'the same bytes twice');
  assert.equal(sha(csv.body), sql(`SELECT encode(csv_sha256, 'hex') FROM payout_batch WHERE id = ${id}`));
  const rows = csv.body.toString('utf8').split('\r\n').filter(Boolean);
  assert.equal(rows.length, expected + 1, 'a header and one row per line');
  assert.notEqual(csv.body[0], 0xef, 'no BOM');
  for (const p of [bank1, bank2, k]) assert.ok(rows.some((x) => x.includes(p.reference)), `${p.reference} in the CSV`);
  const cardRow = rows.find((x) => x.includes(k.reference));
  assert.match(cardRow, /prepaid|kaart/i, 'a card row names its channel');
  assert.ok(rows.find((x) => x.includes(bank1.reference)).includes('150,00'), 'decimal comma');

  const xml = await download(fin, number, 'xml');
  assert.equal(xml.status, 200);
  assert.equal(xml.headers.get('content-type'), 'application/xml');
  assert.equal(sha(xml.body), sql(`SELECT encode(sepa_sha256, 'hex') FROM payout_batch WHERE id = ${id}`));
  const x = xml.body.toString('utf8');
  assert.ok(x.includes(bank1.reference) && x.includes(bank2.reference), 'bank lines in SEPA');
  assert.ok(!x.includes(k.reference), 'a card is not in the SEPA file');
  assert.ok(x.includes(`<MsgId>${number}</MsgId>`));
  assert.ok(x.includes('Jose Muller'), 'transliterated to the SEPA Latin set');
  const bankCount = Number(sql(`SELECT count(*) FROM batch_line l JOIN payout p ON p.id = l.payout_id
    WHERE l.batch_id = ${id} AND p.channel = 'bank'`));
  assert.ok(x.includes(`<NbOfTxs>${bankCount}</NbOfTxs>`), 'NbOfTxs counts the bank lines only');
  const xmlFile = path.join(TMP, `${number}.xml`);
  fs.writeFileSync(xmlFile, xml.body);
  execFileSync('xmllint', ['--noout', '--schema', XSD, xmlFile], { stdio: 'pipe' });

  const pdf = await download(fin, number, 'pdf');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.deepEqual((await download(fin, number, 'pdf')).body, pdf.body);
  const pdfFile = path.join(TMP, `${number}.pdf`);
  fs.writeFileSync(pdfFile, pdf.body);
  const pt = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.ok(pt.includes(number), 'the statement names the batch');
  assert.ok(pt.includes((total / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })), 'the total');
  assert.ok(pt.replace(/ /g, '').includes(sha(csv.body)), 'the SHA-256 of the CSV (printed in groups)');
  assert.ok(pt.includes(k.reference), 'the card is listed');

  assert.equal(Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'batch.download' AND object_id = '${id}'`)),
    auditBefore + 5, 'every download is on the record');
  const details = JSON.parse(sql(`SELECT details FROM audit_event WHERE action = 'batch.create' AND object_id = '${id}'`));
  assert.equal(details.number, number);
  assert.equal(details.lines, expected);
  assert.equal(details.total_cents, total);
  assert.equal(details.cards + details.bank, expected);
  assert.equal(sql(`SELECT actor_user_id FROM audit_event WHERE action = 'batch.create' AND object_id = '${id}'`),
    String(fin.user.id));
});

test('a double click makes one batch; the second click is told nothing is ready', async () => {
  await awarded();
  const page = await fin.get('/beheer/betalingen');
  const token = page.csrf('/beheer/betalingen');
  const before = Number(sql('SELECT count(*) FROM payout_batch'));
  const first = await fin.post('/beheer/betalingen', { csrf: token, tot: '' });
  const second = await fin.post('/beheer/betalingen', { csrf: token, tot: '' });
  assert.equal(first.status, 303);
  assert.equal(second.status, 409);
  assert.match(text(second.html), /niets om in een batch te zetten/);
  assert.equal(Number(sql('SELECT count(*) FROM payout_batch')), before + 1);
});

test('awarded up to a date: an earlier date finds nothing; a bad date is refused', async () => {
  const p = await awarded();
  const yesterday = sql(`SELECT to_char((now() AT TIME ZONE 'Europe/Amsterdam')::date - 1, 'DD-MM-YYYY')`);
  const before = Number(sql('SELECT count(*) FROM payout_batch'));
  const r = await create(fin, { tot: yesterday });
  assert.equal(r.status, 409);
  assert.match(text(r.html), /op of voor die datum/);
  const bad = await create(fin, { tot: '31-02-2026' });
  assert.equal(bad.status, 422);
  assert.ok(bad.html.includes('value="31-02-2026"'), 'what was typed is kept');
  assert.match(bad.html, /aria-invalid="true"/);
  assert.equal(Number(sql('SELECT count(*) FROM payout_batch')), before, 'no batch');
  assert.equal(payoutStatus(p), 'te_betalen');
  const today = sql(`SELECT to_char((now() AT TIME ZONE 'Europe/Amsterdam')::date, 'DD-MM-YYYY')`);
  const ok = await create(fin, { tot: today });
  assert.equal(ok.status, 303);
  assert.equal(payoutStatus(p), 'in_batch');
});

test('segregation of duties: who confirmed the IBAN cannot batch it; a colleague can', async () => {
  const other = await staffClient(srv, 'financien');
  const p = await awarded();
  // the IBAN changed and "other" confirmed it (as if it were the approver)
  sql(`UPDATE payout SET iban = '${DEBTOR_IBAN}', account_holder = 'Nieuw' WHERE id = ${p.payoutId};
       UPDATE payout SET iban_confirmed = true, iban_confirmed_by = ${other.user.id}, iban_confirmed_at = now()
         WHERE id = ${p.payoutId};`);
  // the schema itself refuses it, whatever the pages do
  const number = `SEG-${Date.now()}`;
  assert.throws(() => sql(`BEGIN;
      INSERT INTO payout_batch (number, created_by) VALUES ('${number}', ${other.user.id});
      INSERT INTO batch_line (batch_id, line_no, payout_id)
        SELECT id, 1, ${p.payoutId} FROM payout_batch WHERE number = '${number}';
      COMMIT;`), /batch_line_segregation_of_duties|who approved it/);

  const r = await create(other);
  assert.equal(r.status, 409, 'only that payout was ready, and "other" may not batch it');
  assert.match(text(r.html), /1 uitbetaling\(en\) heeft u zelf goedgekeurd/);
  assert.equal(payoutStatus(p), 'te_betalen');

  const ok = await create(fin);
  assert.equal(ok.status, 303);
  assert.equal(payoutStatus(p), 'in_batch');
});

test('a user who is not in finance cannot make a batch (schema and command line)', async () => {
  await awarded();
  const mk = makeStaff('makelaar', { wijk: '01' });
  const before = Number(sql('SELECT count(*) FROM payout_batch'));
  const r = run(['batch', 'create', '--user', mk.email]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /geen actieve financien-gebruiker/);
  assert.equal(Number(sql('SELECT count(*) FROM payout_batch')), before);
  assert.throws(() => sql(`INSERT INTO payout_batch (number, created_by) VALUES ('MK-${Date.now()}', ${mk.id})`),
    /payout_batch_by_financien|not an active financien/);
});

test('two finance users at once get disjoint batches; no payout is in two live batches', async () => {
  const other = await staffClient(srv, 'financien');
  const mine = [];
  for (let i = 0; i < 6; i++) mine.push(await awarded());
  const ready = batchable();
  const [pa, pb] = await Promise.all([fin.get('/beheer/betalingen'), other.get('/beheer/betalingen')]);
  const before = Number(sql('SELECT count(*) FROM payout_batch'));
  const [ra, rb] = await Promise.all([
    fin.post('/beheer/betalingen', { csrf: pa.csrf('/beheer/betalingen'), tot: '' }),
    other.post('/beheer/betalingen', { csrf: pb.csrf('/beheer/betalingen'), tot: '' }),
  ]);
  const made = [ra, rb].filter((r) => r.status === 303);
  assert.ok(made.length >= 1, `at least one batch: ${ra.status} ${rb.status}`);
  for (const r of [ra, rb]) assert.ok([303, 409].includes(r.status), `303 or 409, got ${r.status}`);
  assert.equal(Number(sql('SELECT count(*) FROM payout_batch')), before + made.length);
  assert.equal(liveDuplicates(), '', 'no payout in two live batches');
  const numbers = made.map((r) => `'${batchOf(r.location)}'`).join(',');
  assert.equal(Number(sql(`SELECT count(*) FROM batch_line l JOIN payout_batch b ON b.id = l.batch_id
    WHERE b.number IN (${numbers})`)), ready, 'together they hold every payout that was ready');
  for (const p of mine) assert.equal(payoutStatus(p), 'in_batch');
});

test('cancel: a reason is required, CSRF is checked, payouts come back, files stay', async () => {
  const p = await awarded();
  const k = await card();
  const r = await create(fin);
  const number = batchOf(r.location);
  const id = sql(`SELECT id FROM payout_batch WHERE number = '${number}'`);
  const csvBefore = (await download(fin, number, 'csv')).body;
  const page = await fin.get(`/beheer/batches/${number}`);
  const token = page.csrf(`/beheer/batches/${number}/annuleren`);

  const noCsrf = await fin.post(`/beheer/batches/${number}/annuleren`, { reden: 'fout' });
  assert.equal(noCsrf.status, 400);
  const otherToken = await fin.post(`/beheer/batches/${number}/annuleren`, {
    csrf: (await fin.get('/beheer/betalingen')).csrf('/beheer/betalingen'), reden: 'fout' });
  assert.equal(otherToken.status, 400, 'a token of another form does not do');
  const noReason = await fin.post(`/beheer/batches/${number}/annuleren`, { csrf: token, reden: '   ' });
  assert.equal(noReason.status, 422);
  assert.match(text(noReason.html), /Schrijf op waarom u de batch annuleert/);
  assert.equal(sql(`SELECT status FROM payout_batch WHERE id = ${id}`), 'live', 'nothing changed');
  assert.equal(payoutStatus(p), 'in_batch');

  const ok = await fin.post(`/beheer/batches/${number}/annuleren`, { csrf: token, reden: 'Verkeerde uitvoeringsdatum' });
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT status || '|' || cancelled_by || '|' || cancel_reason FROM payout_batch WHERE id = ${id}`),
    `cancelled|${fin.user.id}|Verkeerde uitvoeringsdatum`);
  assert.equal(sql(`SELECT count(*) FROM batch_line WHERE batch_id = ${id} AND live`), '0');
  assert.equal(payoutStatus(p), 'te_betalen');
  assert.equal(payoutStatus(k), 'te_betalen');
  const details = sql(`SELECT details FROM audit_event WHERE action = 'batch.cancel' AND object_id = '${id}'`);
  assert.deepEqual(JSON.parse(details), { number, lines: Number(sql(`SELECT line_count FROM payout_batch WHERE id = ${id}`)), reason_given: true });
  assert.ok(!details.includes('Verkeerde'), 'no free text in the audit details');

  const shown = await fin.follow(ok);
  assert.equal(shown.status, 200);
  assert.match(text(shown.html), /geannuleerd op .* Verkeerde uitvoeringsdatum/);
  assert.ok(!shown.csrf(`/beheer/batches/${number}/annuleren`), 'no cancel form any more');
  assert.deepEqual((await download(fin, number, 'csv')).body, csvBefore, 'the files stay, unchanged');
  const again = await fin.post(`/beheer/batches/${number}/annuleren`, { csrf: token, reden: 'nog eens' });
  assert.equal(again.status, 409);

  // the payouts can go into a next batch
  const next = await create(fin);
  assert.equal(next.status, 303);
  assert.equal(payoutStatus(p), 'in_batch');
});

test('other roles get 404 on every finance page; without login 303', async () => {
  await awarded();
  const made = await create(fin);
  const number = batchOf(made.location);
  for (const role of ['makelaar', 'beheerder', 'beleid']) {
    const c = await staffClient(srv, role);
    for (const p of ['/beheer/betalingen', `/beheer/batches/${number}`,
      `/beheer/batches/${number}/betaalbatch-${number}.csv`])
      assert.equal((await c.get(p)).status, 404, `${role} GET ${p}`);
    assert.equal((await c.post('/beheer/betalingen', { tot: '' })).status, 404, `${role} POST create`);
    assert.equal((await c.post(`/beheer/batches/${number}/annuleren`, { reden: 'x' })).status, 404);
  }
  const anon = await fetch(`${srv.url}/beheer/betalingen`, { redirect: 'manual' });
  assert.equal(anon.status, 303);
  assert.equal((await fin.get('/beheer/batches/BT-1999-99999')).status, 404);
  assert.equal((await fin.get(`/beheer/batches/${number}/iets-anders.csv`)).status, 404);
  assert.equal((await fin.get('/beheer/batches/%3Cscript%3E')).status, 404);
  assert.equal(sql(`SELECT status FROM payout_batch WHERE number = '${number}'`), 'live');
});

test('command line: create, files byte-identical to the web downloads, cancel', async () => {
  const p = await awarded();
  const r = run(['batch', 'create', '--user', fin.user.email]);
  assert.equal(r.code, 0, r.stderr);
  const m = r.stdout.match(/Batch (BT-\d{4}-\d{5}): (\d+) regels, € ([\d.,]+)/);
  assert.ok(m, r.stdout);
  const number = m[1];
  assert.equal(payoutStatus(p), 'in_batch');
  assert.equal(Number(m[2]), Number(sql(`SELECT line_count FROM payout_batch WHERE number = '${number}'`)));

  const dir = fs.mkdtempSync(path.join(TMP, 'files-'));
  const f = run(['batch', 'files', number, '--out', dir]);
  assert.equal(f.code, 0, f.stderr);
  for (const ext of ['csv', 'xml', 'pdf']) {
    const web = await download(fin, number, ext);
    assert.equal(web.status, 200);
    assert.deepEqual(fs.readFileSync(path.join(dir, `betaalbatch-${number}.${ext}`)), web.body, `${ext} identical`);
  }
  const again = run(['batch', 'create', '--user', fin.user.email]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /niets om in een batch te zetten/);

  const noReason = run(['batch', 'cancel', number, '--user', fin.user.email, '--reden', '  ']);
  assert.equal(noReason.code, 2);
  const c = run(['batch', 'cancel', number, '--user', fin.user.email, '--reden', 'test van de opdracht']);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(payoutStatus(p), 'te_betalen');
  assert.equal(run(['batch', 'files', 'BT-1999-99999', '--out', dir]).code, 1);
});

// Many payouts at once, straight in SQL the way the pages would make them
// (fixtures.mjs does one at a time): a budget year of its own, a street,
// an organiser and an application per payout, awarded by one makelaar.
function bulkPayouts(n) {
  const year = 2086;
  const tag = `K${process.pid}${Date.now()}`;
  const mk = makeStaff('makelaar', { wijk: '05' });
  sql(`BEGIN;
    INSERT INTO budget_year (year, city_budget_cents, potje_default_cents, max_potjes_per_street)
      VALUES (${year}, 0, 15000, 2) ON CONFLICT (year) DO NOTHING;
    UPDATE budget_year SET city_budget_cents = city_budget_cents + ${n} * 15000 WHERE year = ${year};
    INSERT INTO wijk_budget (year, wijk_code, budget_cents) VALUES (${year}, '05', 0) ON CONFLICT DO NOTHING;
    UPDATE wijk_budget SET budget_cents = budget_cents + ${n} * 15000 WHERE year = ${year} AND wijk_code = '05';
    CREATE TEMP TABLE t AS SELECT g, '${tag}-' || g AS tag FROM generate_series(1, ${n}) g;
    INSERT INTO street (name) SELECT 'Killtest ' || tag FROM t;
    INSERT INTO organiser (name, address, iban, account_holder)
      SELECT 'Gangmaker ' || g, 'Killtest ' || tag || ' 1', 'NL91ABNA0417164300', 'Gangmaker ' || g FROM t;
    INSERT INTO application (reference, kind, street_id, street_name, wijk_code, organiser_id, status,
        status_token_hash, payout_method)
      SELECT next_reference('LL', ${year}), 'first', s.id, s.name, '05', o.id, 'in_behandeling',
        sha256(convert_to(t.tag, 'UTF8')), CASE WHEN t.g % 10 = 0 THEN 'prepaid_card' ELSE 'bank' END
      FROM t JOIN street s ON s.name = 'Killtest ' || t.tag
      JOIN organiser o ON o.address = 'Killtest ' || t.tag || ' 1';
    UPDATE application SET status = 'toegekend', decided_by = ${mk.id}, decided_at = now()
      WHERE street_name LIKE 'Killtest ${tag}-%';
    INSERT INTO award (application_id, budget_year, wijk_code, amount_cents, default_amount_cents, awarded_by)
      SELECT id, ${year}, '05', 15000, 15000, ${mk.id} FROM application WHERE street_name LIKE 'Killtest ${tag}-%';
    INSERT INTO payout (award_id, reference, amount_cents, channel, iban, account_holder)
      SELECT w.id, a.reference || '-U1', 15000, a.payout_method,
        CASE WHEN a.payout_method = 'bank' THEN o.iban END,
        CASE WHEN a.payout_method = 'bank' THEN o.account_holder END
      FROM award w JOIN application a ON a.id = w.application_id JOIN organiser o ON o.id = a.organiser_id
      WHERE a.street_name LIKE 'Killtest ${tag}-%';
    COMMIT;`);
  return Number(sql(`SELECT count(*) FROM payout p JOIN award w ON w.id = p.award_id
    JOIN application a ON a.id = w.application_id WHERE a.street_name LIKE 'Killtest ${tag}-%'`));
}

test('kill -9 while a batch of thousands is made leaves all or nothing', async () => {
  const n = bulkPayouts(3000);
  assert.equal(n, 3000);
  const ready = batchable();
  const before = Number(sql('SELECT count(*) FROM payout_batch'));
  const child = spawn(BIN, ['batch', 'create', '--user', fin.user.email],
    { env: { ...process.env, LIEFLEED_DATABASE_URL: DB }, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve(sig ?? code)));
  // wait until its transaction has written (lines inserted, not committed)
  const inTx = await waitFor(() => {
    if (child.exitCode !== null) return 'exited';
    const locks = Number(sql(`SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.relation = 'batch_line'::regclass AND l.mode = 'RowExclusiveLock' AND a.pid <> pg_backend_pid()`));
    return locks > 0 ? 'in transaction' : false;
  }, 20000, 5);
  assert.equal(inTx, 'in transaction', 'killed while the transaction was open');
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  // the server notices the lost client and rolls back
  await waitFor(() => Number(sql(`SELECT count(*) FROM pg_locks WHERE relation = 'batch_line'::regclass
    AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()`)) === 0, 20000);
  const after = Number(sql('SELECT count(*) FROM payout_batch'));
  assert.equal(after, before, 'no batch was committed');
  assert.equal(batchable(), ready, 'every payout is ready again');
  assert.equal(sql(`SELECT count(*) FROM payout p WHERE p.status = 'in_batch'
    AND NOT EXISTS (SELECT 1 FROM batch_line l WHERE l.payout_id = p.id AND l.live)`), '0');
  assert.equal(liveDuplicates(), '');

  // and the same command, left alone, makes the whole batch
  const t0 = Date.now();
  const r = run(['batch', 'create', '--user', fin.user.email]);
  const ms = Date.now() - t0;
  assert.equal(r.code, 0, r.stderr);
  const number = r.stdout.match(/Batch (BT-\d{4}-\d{5})/)[1];
  assert.equal(Number(sql(`SELECT line_count FROM payout_batch WHERE number = '${number}'`)), ready);
  console.log(`# batch of ${ready} payouts made in ${ms} ms (ASan build, incl. process start)`);
});
