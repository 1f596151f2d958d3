// The retention purge (SPEC section 8): `liefleed purge` and the daily job
// anonymise the personal data of applications whose period has passed and
// leave every figure as it was.
//
// The history is built the way residents and staff build it: applications
// through the real form, withdrawal through the status page, award and
// payment with fixtures.mjs, a rejection and a settlement with SQL that
// obeys the triggers. Periods are made to pass by back-dating the moment
// the clock starts (decided_at, withdrawn_at, settled_at, paid_at): the
// retention settings are whole years, at least 1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { BIN, startServer, sql, run, waitFor } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { award, day, freshStreet, pay, staffUser } from './fixtures.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

// A valid Dutch IBAN nobody else uses (mod-97 check digits computed).
function freshIban() {
  const bban = 'ABNA' + String(crypto.randomInt(1e9)).padStart(10, '0');
  const num = (bban + 'NL00').replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  return 'NL' + String(98n - (BigInt(num) % 97n)).padStart(2, '0') + bban;
}

// File an application with personal data unique to this test; returns
// { id, path, cookie, csrf, tag }.
async function apply(extra = {}) {
  const tag = crypto.randomBytes(4).toString('hex');
  const fields = {
    ...GOOD,
    straat: freshStreet(),
    naam: `Gangmaker Purge${tag}`,
    email: `purge-${tag}@example.nl`,
    telefoon: `06 ${String(crypto.randomInt(1e8)).padStart(8, '0')}`,
    huisnummer: `${crypto.randomInt(1, 900)}`,
    plan: `Plan van straat purge-plan-${tag}: bloemen voor de buren.`,
    iban: freshIban(),
    rekeninghouder: `Houder Purge${tag}`,
    ...extra,
  };
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, fields);
  assert.equal(r.status, 303);
  const path = r.headers.get('location').split('?')[0];
  const html = await (await fetch(srv.url + path, { headers: { cookie: f.cookie } })).text();
  const ref = html.match(/LL-\d{4}-\d{5}/)[0];
  const id = Number(sql(`SELECT id FROM application WHERE reference = '${ref}'`));
  const csrf = html.match(/name="csrf" value="([^"]+)"/)?.[1];
  return { id, path, cookie: f.cookie, csrf, tag };
}

// Everything personal stored for an application, as stored.
function personal(id) {
  const rows = sql(`SELECT concat_ws(chr(31), o.name, o.email, o.phone, o.address, o.iban, o.account_holder)
    FROM application a JOIN organiser o ON o.id IN (a.organiser_id, a.second_organiser_id) WHERE a.id = ${id}`);
  // a second gangmaker's address is the street alone: the street stays
  const street = sql(`SELECT street_name FROM application WHERE id = ${id}`);
  const out = [];
  for (const row of rows.split('\n')) out.push(...row.split('\x1f').filter((s) => s.length >= 6 && s !== street));
  const plan = sql(`SELECT coalesce(plan, '') FROM application WHERE id = ${id}`);
  if (plan) out.push(plan);
  return out;
}

function reject(id, { yearsAgo, reason }) {
  const mk = staffUser('makelaar', sql(`SELECT wijk_code FROM application WHERE id = ${id}`));
  sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${id}`);
  sql(`UPDATE application SET status = 'afgewezen', rejection_reason = ${q(reason)}, decided_by = ${mk},
    decided_at = now() - interval '${yearsAgo} years' WHERE id = ${id}`);
}

function settle(awardId, { cents, reason, yearsAgo }) {
  const [wijk, awarded] = sql(`SELECT wijk_code, amount_cents FROM award WHERE id = ${awardId}`).split('|');
  const mk = staffUser('makelaar', wijk);
  sql(`INSERT INTO settlement (award_id, awarded_cents, amount_cents, reason, settled_by, settled_at)
    VALUES (${awardId}, ${awarded}, ${cents}, ${reason ? q(reason) : 'NULL'}, ${mk},
            now() - interval '${yearsAgo} years')`);
}

// Every text, json and bytea column of every table: where do the needles
// occur? Returns ["table.column: needle", ...].
function findPersonal(needles) {
  const cols = sql(`SELECT c.table_name || '.' || c.column_name || '.' || c.data_type
    FROM information_schema.columns c JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      AND c.data_type IN ('text', 'character varying', 'character', 'bytea', 'jsonb', 'json')`).split('\n');
  const arr = `ARRAY[${needles.map(q).join(',')}]::text[]`;
  const parts = cols.map((x) => {
    const [t, c, type] = x.split('.');
    const hit = type === 'bytea'
      ? `position(convert_to(n, 'UTF8') in "${c}") > 0`
      : `strpos(lower("${c}"::text), lower(n)) > 0`;
    return `SELECT '${t}.${c}: ' || n FROM "${t}", unnest(${arr}) n WHERE ${hit}`;
  });
  const out = sql(parts.join(' UNION ALL '));
  return out ? out.split('\n') : [];
}

// The figures that must not move: street statuses, wijk totals, money
// conservation, and counts and sums per status.
function figures() {
  return {
    streets: sql(`SELECT string_agg(street_id || ':' || paid_count || ':' || coalesce(lief_en_leed_since::text, '-')
      || ':' || is_lief_en_leedstraat, ',' ORDER BY street_id) FROM street_potje_status WHERE paid_count > 0`),
    wijken: sql(`SELECT string_agg(year || wijk_code || ':' || budget_cents || ':' || awarded_cents || ':' || remaining_cents,
      ',' ORDER BY year, wijk_code) FROM wijk_budget_usage`),
    reconciliation: sql(`SELECT string_agg(r::text, ',' ORDER BY year) FROM budget_year_reconciliation r`),
    balanced: sql(`SELECT bool_and(balanced) FROM budget_year_reconciliation`),
    applications: sql(`SELECT string_agg(status || ':' || n, ',' ORDER BY status)
      FROM (SELECT status, count(*) n FROM application GROUP BY status) x`),
    awards: sql(`SELECT count(*) || ':' || coalesce(sum(amount_cents), 0) FROM award`),
    payouts: sql(`SELECT string_agg(status || ':' || n || ':' || s, ',' ORDER BY status)
      FROM (SELECT status, count(*) n, sum(amount_cents) s FROM payout GROUP BY status) x`),
    settlements: sql(`SELECT count(*) || ':' || coalesce(sum(amount_cents), 0) FROM settlement`),
    expenses: sql(`SELECT count(*) || ':' || coalesce(sum(amount_cents), 0) FROM expense_line`),
    // what each application is, where and when: the statistics
    facts: sql(`SELECT md5(string_agg(concat_ws('|', id, reference, status, street_id, street_name, wijk_code,
      buurt_code, submitted_at, decided_at, decided_by, withdrawn_at, households, payout_method), ',' ORDER BY id))
      FROM application`),
  };
}

// Every row of the tables the purge writes, to prove a second run is a no-op.
function rows() {
  const tables = ['application', 'organiser', 'payout', 'document', 'application_message', 'award',
    'settlement', 'expense_line', 'outbox_message', 'batch_line', 'payout_batch'];
  return Object.fromEntries(tables.map((t) => [t, sql(`SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM ${t} x`)]));
}

function purgeAsync(args = []) {
  return new Promise((resolve) => {
    const p = spawn(BIN, ['purge', ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code, stdout: out, stderr: err }));
  });
}

const anonymiseEvents = (id) => sql(`SELECT count(*) FROM audit_event
  WHERE action = 'retention.anonymise' AND object_type = 'application' AND object_id = '${id}'`);

test('purge anonymises what is due, keeps every figure, and a second run changes nothing', async () => {
  const due = [];
  const kept = [];

  // rejected six years ago (due after 5), with a second gangmaker
  const rejected = await apply({ naam2: 'Tweede Purgegangmaker', email2: `purge2-${Date.now()}@example.nl` });
  reject(rejected.id, { yearsAgo: 6, reason: `Afgewezen purge-reden-${rejected.tag}` });
  due.push(rejected);

  // withdrawn by the resident on the status page two years ago (due after 1)
  const withdrawn = await apply();
  let r = await fetch(srv.url + withdrawn.path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: withdrawn.cookie },
    body: new URLSearchParams({ csrf: withdrawn.csrf, taal: 'nl', actie: 'intrekken', zeker: 'ja' }).toString(),
  });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT withdrawn_at IS NOT NULL FROM application WHERE id = ${withdrawn.id}`), 't');
  sql(`UPDATE application SET withdrawn_at = now() - interval '2 years' WHERE id = ${withdrawn.id}`);
  due.push(withdrawn);

  // awarded lower, paid, spent with notes, asked about, settled eight years ago
  const settled = await apply();
  const s = award(settled.id, { amountCents: 12000, reason: `Minder nodig purge-award-${settled.tag}` });
  pay(s.payoutId, { paidOn: day(-20) });
  sql(`INSERT INTO expense_line (report_id, line_no, spent_on, occasion, amount_cents, note)
    SELECT r.id, 1, DATE '${day(-5)}', 'illness', 9000, 'bloemen purge-note-${settled.tag}'
    FROM expense_report r WHERE r.award_id = ${s.awardId}`);
  const mk = staffUser('makelaar', sql(`SELECT wijk_code FROM application WHERE id = ${settled.id}`));
  sql(`INSERT INTO application_message (application_id, author, staff_user_id, body)
    VALUES (${settled.id}, 'staff', ${mk}, 'Vraag purge-msg-${settled.tag}'),
           (${settled.id}, 'applicant', NULL, 'Antwoord purge-answer-${settled.tag}')`);
  sql(`UPDATE batch_line SET result_reason = 'bank purge-bank-${settled.tag}' WHERE payout_id = ${s.payoutId}`);
  settle(s.awardId, { cents: 9000, reason: `Lager purge-settle-${settled.tag}`, yearsAgo: 8 });
  // the batch's files and finance's result file name the payee
  const batchId = Number(sql(`SELECT batch_id FROM batch_line WHERE payout_id = ${s.payoutId}`));
  const payee = sql(`SELECT iban || ';' || account_holder FROM payout WHERE id = ${s.payoutId}`);
  sql(`UPDATE payout_batch SET csv = convert_to(${q(payee + ';120,00')}, 'UTF8'),
    csv_sha256 = sha256(convert_to(${q(payee + ';120,00')}, 'UTF8')) WHERE id = ${batchId}`);
  sql(`INSERT INTO batch_result_file (batch_id, sha256, content, imported_by)
    VALUES (${batchId}, sha256(convert_to(${q(payee + ';betaald')}, 'UTF8')), convert_to(${q(payee + ';betaald')}, 'UTF8'),
            ${staffUser('financien')})`);
  due.push(settled);

  // awarded and paid eight years ago, never settled: counts from payment
  const unsettled = await apply({ uitbetaling: 'prepaid_card', iban: '', rekeninghouder: '' });
  const u = award(unsettled.id);
  pay(u.payoutId, { paidOn: day(-8 * 366) });
  due.push(unsettled);

  // within their period: rejected a year ago, settled a year ago, awarded
  // long ago but not paid yet, and one still open
  const recentReject = await apply();
  reject(recentReject.id, { yearsAgo: 1, reason: `Afgewezen purge-recent-${recentReject.tag}` });
  kept.push(recentReject);
  const recentSettled = await apply();
  const rs = award(recentSettled.id);
  pay(rs.payoutId, { paidOn: day(-400) });
  settle(rs.awardId, { cents: rs.cents, yearsAgo: 1 });
  kept.push(recentSettled);
  const unpaid = await apply();
  award(unpaid.id);
  sql(`UPDATE application SET decided_at = now() - interval '9 years' WHERE id = ${unpaid.id}`);
  kept.push(unpaid);
  const open = await apply();
  kept.push(open);

  // what was typed, as stored, and the tag every free text of theirs carries
  const needles = due.flatMap((a) => personal(a.id)).concat(due.map((a) => a.tag));
  const keptNeedles = kept.flatMap((a) => personal(a.id));
  // the search finds them before the purge (so it can fail)
  const before = findPersonal(needles);
  for (const n of needles) assert.ok(before.some((h) => h.endsWith(': ' + n)), `found before the purge: ${n}`);
  assert.notEqual(sql(`SELECT count(*) FROM document
    WHERE application_id IN (${due.map((a) => a.id).join(',')}) AND content IS NOT NULL`), '0', 'stored letters exist');
  const keptRows = sql(`SELECT md5(string_agg(x::text, ',' ORDER BY x.id)) FROM application x WHERE id IN (${kept.map((a) => a.id).join(',')})`);
  const keptOrganisers = sql(`SELECT md5(string_agg(o::text, ',' ORDER BY o.id)) FROM organiser o
    WHERE o.id IN (SELECT organiser_id FROM application WHERE id IN (${kept.map((a) => a.id).join(',')}))`);
  const figs = figures();
  assert.equal(figs.balanced, 't');

  // a dry run counts and changes nothing
  const rowsBefore = rows();
  r = run(['purge', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Proefdraai \(dry run\): niets gewijzigd/);
  const dueLine = r.stdout.match(/(\d+) afgewezen, (\d+) ingetrokken, (\d+) toegekend/);
  assert.ok(Number(dueLine[1]) >= 1 && Number(dueLine[2]) >= 1 && Number(dueLine[3]) >= 2, r.stdout);
  assert.deepEqual(rows(), rowsBefore);

  // two purges at once (two servers): each application is done once
  const events = Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'retention.purge'`));
  const [p1, p2] = await Promise.all([purgeAsync(), purgeAsync()]);
  assert.equal(p1.code, 0, p1.stderr);
  assert.equal(p2.code, 0, p2.stderr);
  for (const a of due) assert.equal(anonymiseEvents(a.id), '1', `one anonymise event for ${a.id}`);
  for (const a of kept) assert.equal(anonymiseEvents(a.id), '0');
  assert.equal(Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'retention.purge'`)), events + 2);
  const last = JSON.parse(sql(`SELECT details FROM audit_event WHERE action = 'retention.purge' ORDER BY id DESC LIMIT 1`));
  assert.equal(typeof last.applications, 'number');
  assert.equal(sql(`SELECT actor_kind FROM audit_event WHERE action = 'retention.purge' ORDER BY id DESC LIMIT 1`), 'system');

  // every figure is exactly as before
  assert.deepEqual(figures(), figs);

  // nothing personal of the due applications is left anywhere
  assert.deepEqual(findPersonal(needles), []);
  const ids = due.map((a) => a.id).join(',');
  assert.equal(sql(`SELECT count(*) FROM application WHERE id IN (${ids}) AND anonymised_at IS NULL`), '0');
  assert.equal(sql(`SELECT count(*) FROM organiser o JOIN application a ON o.id IN (a.organiser_id, a.second_organiser_id)
    WHERE a.id IN (${ids}) AND (o.anonymised_at IS NULL OR o.postcode IS NOT NULL)`), '0');
  assert.equal(sql(`SELECT count(*) FROM organiser o JOIN application a ON o.id = a.second_organiser_id
    WHERE a.id = ${rejected.id} AND o.anonymised_at IS NOT NULL`), '1', 'the second gangmaker too');
  assert.equal(sql(`SELECT count(*) FROM document WHERE application_id IN (${ids}) AND (content IS NOT NULL OR purged_at IS NULL)`), '0');
  assert.ok(Number(sql(`SELECT count(*) FROM document WHERE application_id IN (${ids}) AND octet_length(sha256) = 32`)) >= 4, 'hashes kept');
  assert.equal(sql(`SELECT count(*) FROM payout p JOIN award w ON w.id = p.award_id
    WHERE w.application_id IN (${ids}) AND (p.anonymised_at IS NULL OR p.iban IS NOT NULL)`), '0');
  assert.equal(sql(`SELECT count(*) FROM outbox_message WHERE application_id IN (${ids}) AND status = 'pending'`), '0');
  assert.equal(sql(`SELECT (csv IS NULL AND csv_sha256 IS NOT NULL AND files_purged_at IS NOT NULL)::text
    FROM payout_batch WHERE id = ${batchId}`), 'true', 'batch files gone, hash kept');
  assert.equal(sql(`SELECT count(*) FROM batch_result_file WHERE batch_id = ${batchId} AND content IS NOT NULL`), '0');
  // the amounts of the settled one are as they were
  assert.equal(sql(`SELECT w.amount_cents || ' ' || s.amount_cents || ' ' || s.reason || ' ' || w.reduction_reason
    FROM award w JOIN settlement s ON s.award_id = w.id WHERE w.id = ${s.awardId}`),
  '12000 9000 (verwijderd na de bewaartermijn) (verwijderd na de bewaartermijn)');
  assert.equal(sql(`SELECT l.amount_cents || ' ' || l.occasion || ' ' || coalesce(l.note, '-') FROM expense_line l
    JOIN expense_report r ON r.id = l.report_id WHERE r.award_id = ${s.awardId}`), '9000 illness -');
  // the status page of an anonymised application still works, without data
  const page = await fetch(srv.url + settled.path);
  assert.ok([200, 404].includes(page.status), `status page: ${page.status}`);
  const html = await page.text();
  for (const n of personal(settled.id)) assert.ok(!html.includes(n));

  // applications within their period are untouched
  assert.equal(sql(`SELECT md5(string_agg(x::text, ',' ORDER BY x.id)) FROM application x WHERE id IN (${kept.map((a) => a.id).join(',')})`), keptRows);
  assert.equal(sql(`SELECT md5(string_agg(o::text, ',' ORDER BY o.id)) FROM organiser o
    WHERE o.id IN (SELECT organiser_id FROM application WHERE id IN (${kept.map((a) => a.id).join(',')}))`), keptOrganisers);
  const stillThere = findPersonal(keptNeedles);
  for (const n of keptNeedles) assert.ok(stillThere.some((h) => h.endsWith(': ' + n)), `kept: ${n}`);

  // a second run changes nothing
  const rowsAfter = rows();
  r = run(['purge']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Geanonimiseerd \(anonymised\): 0 aanvragen/);
  assert.deepEqual(rows(), rowsAfter);
  assert.deepEqual(figures(), figs);
});

test('a gangmaker shared with a live application keeps their data until that one is due too', async () => {
  const first = await apply();
  const second = await apply();
  const shared = sql(`SELECT organiser_id FROM application WHERE id = ${first.id}`);
  // the second application names the first one's gangmaker as co-organiser
  sql(`UPDATE application SET second_organiser_id = ${shared} WHERE id = ${second.id}`);
  reject(first.id, { yearsAgo: 6, reason: `Afgewezen purge-shared-${first.tag}` });
  const name = sql(`SELECT name FROM organiser WHERE id = ${shared}`);

  let r = run(['purge']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(`SELECT anonymised_at IS NOT NULL FROM application WHERE id = ${first.id}`), 't');
  assert.equal(sql(`SELECT coalesce(rejection_reason, '-') FROM application WHERE id = ${first.id}`), '-');
  assert.equal(sql(`SELECT name FROM organiser WHERE id = ${shared}`), name, 'still needed by the live application');

  // the second is withdrawn and its year passes: now the gangmaker goes
  sql(`UPDATE application SET status = 'ingetrokken' WHERE id = ${second.id}`);
  sql(`UPDATE application SET withdrawn_at = now() - interval '13 months' WHERE id = ${second.id}`);
  r = run(['purge']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(`SELECT (name IS NULL AND email IS NULL AND anonymised_at IS NOT NULL)::text FROM organiser WHERE id = ${shared}`), 'true');
  assert.deepEqual(findPersonal([name]), []);
});

test('the daily job purges inside the server', async () => {
  const app = await apply();
  reject(app.id, { yearsAgo: 5, reason: `Afgewezen purge-job-${app.tag}` });
  sql(`UPDATE application SET decided_at = decided_at - interval '1 day' WHERE id = ${app.id}`);
  const needles = personal(app.id);
  sql(`INSERT INTO scheduled_job (name, next_run_at) VALUES ('retention_purge', now())
    ON CONFLICT (name) DO UPDATE SET next_run_at = now()`);
  const other = await startServer({ LIEFLEED_JOB_INTERVAL: '1' });
  try {
    await waitFor(() => sql(`SELECT anonymised_at IS NOT NULL FROM application WHERE id = ${app.id}`) === 't', 20000);
  } finally {
    assert.equal(await other.stop(), 0, other.log());
  }
  assert.deepEqual(findPersonal(needles), []);
  assert.equal(sql(`SELECT count(*) FROM job_run WHERE job_name = 'retention_purge' AND finished_at IS NOT NULL`) !== '0', true);
  assert.equal(anonymiseEvents(app.id), '1');
  // whichever server's ticker was first ran it
  assert.match(other.log() + srv.log(), /purge: \d+ aanvragen geanonimiseerd/);
});

test('purge --help and a bad option', () => {
  let r = run(['purge', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: liefleed purge \[--dry-run\]/);
  r = run(['purge', '--hard']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Usage: liefleed purge/);
});
