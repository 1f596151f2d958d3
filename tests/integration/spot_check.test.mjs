// Spot checks (steekproef): the beheerder draws a share of the settled
// potjes of a year, reproducible from the stored seed; the makelaar of the
// wijk records the outcome of each. Over HTTP, with rows and audit events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer, sql } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { award, freshStreet, pay, staffUser } from './fixtures.mjs';
import { staffClient } from './staff.mjs';

let srv;
let year;
const settled = []; // { id, awardId, wijk, cents }
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  // a budget year of its own, so the population is exactly ours
  // 2040-2079: staff_admin.test.mjs owns 2090 and later
  do year = 2040 + crypto.randomInt(40);
  while (sql(`SELECT count(*) FROM award WHERE budget_year = ${year}`) !== '0');
  for (let i = 0; i < 8; i++) {
    const f = await openForm(srv.url);
    const r = await submit(srv.url, f, { ...GOOD, straat: freshStreet(), naam: `Steekproef ${i}` });
    assert.equal(r.status, 303);
    const path = r.headers.get('location').split('?')[0];
    const html = await (await fetch(srv.url + path, { headers: { cookie: f.cookie } })).text();
    const ref = html.match(/LL-\d{4}-\d{5}/)[0];
    const id = Number(sql(`SELECT id FROM application WHERE reference = '${ref}'`));
    const a = award(id, { year });
    pay(a.payoutId);
    const wijk = sql(`SELECT wijk_code FROM application WHERE id = ${id}`);
    // settled at the full amount, by a makelaar of the wijk
    sql(`INSERT INTO settlement (award_id, awarded_cents, amount_cents, settled_by)
      VALUES (${a.awardId}, ${a.cents}, ${a.cents}, ${staffUser('makelaar', wijk)})`);
    settled.push({ id, awardId: a.awardId, wijk, cents: a.cents });
  }
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const checks = () => Number(sql(`SELECT count(*) FROM spot_check WHERE year = ${year}`));

// The draw as anyone can repeat it from the record, computed here in
// JavaScript: sha256(seed || award id), both 8 bytes big-endian, the first
// ceil(population * percent / 100).
function redraw(seed, percent, awardIds) {
  const key = (id) => {
    const b = Buffer.alloc(16);
    b.writeBigInt64BE(BigInt(seed), 0);
    b.writeBigInt64BE(BigInt(id), 8);
    return crypto.createHash('sha256').update(b).digest('hex');
  };
  const sorted = [...awardIds].sort((x, y) => (key(x) < key(y) ? -1 : 1));
  return sorted.slice(0, Math.ceil((awardIds.length * percent) / 100)).sort((x, y) => x - y);
}

let drawn; // { id, items: [awardId] }
const drawnWijk = () => settled.find((s) => s.awardId === drawn.items[0]).wijk;
const firstOf = (wijk) => drawn.items.find((a) => settled.find((s) => s.awardId === a).wijk === wijk);
const item = (awardId) => sql(`SELECT coalesce(outcome, '-') || '|' || coalesce(lower_final_cents::text, '-') || '|'
  || coalesce(checked_by::text, '-') || '|' || coalesce(note, '-')
  FROM spot_check_item WHERE spot_check_id = ${drawn.id} AND award_id = ${awardId}`);


test('the beheerder draws a sample; it is on the record and reproducible from its seed', async () => {
  const bh = await staffClient(srv, 'beheerder');
  const page = await bh.get('/beheer/steekproef');
  assert.equal(page.status, 200);
  assert.match(page.html, /<h1 class="utrecht-heading-1">Steekproef<\/h1>/);
  assert.match(page.html, /Steekproef trekken<\/button>/);
  const r = await bh.post('/beheer/steekproef', { csrf: page.csrf(), actie: 'trekken', jaar: String(year), percentage: '30' });
  assert.equal(r.status, 303, r.html.slice(0, 500));
  const id = Number(r.location.match(/id=(\d+)/)[1]);
  assert.match(r.location, /gedaan=getrokken/);
  const [y, pct, seed, population, by] = sql(`SELECT year, percent, seed, population, drawn_by FROM spot_check WHERE id = ${id}`).split('|');
  assert.equal(Number(y), year);
  assert.equal(pct, '30');
  assert.equal(population, '8');
  assert.equal(Number(by), bh.user.id);
  const items = sql(`SELECT award_id FROM spot_check_item WHERE spot_check_id = ${id} ORDER BY award_id`).split('\n').map(Number);
  assert.equal(items.length, 3, 'ceil(8 * 30 / 100)');
  for (const a of items) assert.ok(settled.some((s) => s.awardId === a), 'only settled potjes of the year');
  // reproducible: the same set from the stored seed, in JavaScript and in SQL
  assert.deepEqual(redraw(seed, 30, settled.map((s) => s.awardId)), items);
  assert.equal(sql(`SELECT string_agg(award_id::text, ',' ORDER BY award_id) FROM (
      SELECT s.award_id FROM settlement s JOIN award w ON w.id = s.award_id WHERE w.budget_year = ${year}
      ORDER BY sha256(int8send(${seed}::bigint) || int8send(s.award_id)) LIMIT 3) x`), items.join(','));
  // on the record
  const details = JSON.parse(sql(`SELECT details FROM audit_event WHERE action = 'spot_check.draw' AND object_id = '${id}'`));
  assert.deepEqual(details, { year, percent: 30, seed, population: 8, items: 3 });
  // the page shows it
  const shown = await bh.follow(r);
  assert.equal(shown.status, 200);
  const t = text(shown.html);
  assert.match(t, /De steekproef is getrokken\./);
  assert.ok(t.includes(`30% van de 8 vastgestelde potjes van ${year}`), t);
  assert.ok(t.includes(seed), 'the seed is shown');
  assert.equal((shown.html.match(/\/beheer\/steekproef\?id=\d+&amp;potje=\d+/g) ?? []).length, 3);
  for (const a of items) {
    const ref = sql(`SELECT a.reference FROM award w JOIN application a ON a.id = w.application_id WHERE w.id = ${a}`);
    assert.ok(t.includes(ref), ref);
  }
  assert.ok(t.includes('Nog niet gecontroleerd'));
  drawn = { id, items };
});

test('bad input and forged forms draw nothing', async () => {
  const bh = await staffClient(srv, 'beheerder');
  const page = await bh.get('/beheer/steekproef');
  const before = checks();
  const cases = [
    [{ jaar: String(year), percentage: '0' }, 'percentage', 'Vul een heel getal van 1 tot en met 100 in.'],
    [{ jaar: String(year), percentage: '10,5' }, 'percentage', 'Vul een heel getal van 1 tot en met 100 in.'],
    [{ jaar: String(year), percentage: '101' }, 'percentage', 'Vul een heel getal van 1 tot en met 100 in.'],
    [{ jaar: 'dit jaar', percentage: '10' }, 'jaar', 'Vul een jaar in, bijvoorbeeld 2026.'],
    [{ jaar: '2099', percentage: '10' }, 'jaar', 'In 2099 is nog geen potje vastgesteld.'],
  ];
  for (const [fields, field, message] of cases) {
    if (fields.jaar === '2099' && year === 2099) continue;
    const r = await bh.post('/beheer/steekproef', { csrf: page.csrf(), actie: 'trekken', ...fields });
    assert.equal(r.status, 422, JSON.stringify(fields));
    const err = r.html.match(new RegExp(`id="${field}-fout">([^<]*)<`));
    assert.ok(err, `message beside ${field}`);
    assert.ok(err[1].includes(message), err[1]);
    assert.match(r.html, /Er is geen steekproef getrokken/);
    assert.ok(r.html.includes(`value="${fields[field]}"`), 'the value as typed');
  }
  // no token, a token of another form, a token of another session
  let r = await bh.post('/beheer/steekproef', { actie: 'trekken', jaar: String(year), percentage: '10' });
  assert.equal(r.status, 400);
  assert.match(r.html, /Het formulier is verlopen/);
  const mk = await staffClient(srv, 'makelaar', { wijk: drawnWijk() });
  const item = await mk.get(`/beheer/steekproef?id=${drawn.id}&potje=${firstOf(drawnWijk())}`);
  r = await bh.post('/beheer/steekproef', { csrf: item.csrf(), actie: 'trekken', jaar: String(year), percentage: '10' });
  assert.equal(r.status, 400);
  const other = await staffClient(srv, 'beheerder');
  r = await other.post('/beheer/steekproef', { csrf: page.csrf(), actie: 'trekken', jaar: String(year), percentage: '10' });
  assert.equal(r.status, 400);
  // a makelaar cannot draw; finance and beleid have no such page
  r = await mk.post('/beheer/steekproef', { csrf: item.csrf(), actie: 'trekken', jaar: String(year), percentage: '10' });
  assert.equal(r.status, 404);
  for (const role of ['financien', 'beleid']) {
    const c = await staffClient(srv, role);
    assert.equal((await c.get('/beheer/steekproef')).status, 404, role);
    assert.equal((await c.post('/beheer/steekproef', { actie: 'trekken', jaar: String(year), percentage: '10' })).status, 404, role);
  }
  assert.equal(checks(), before, 'nothing drawn');
  // not logged in: to the login page
  const anon = await fetch(srv.url + '/beheer/steekproef', { redirect: 'manual' });
  assert.equal(anon.status, 303);
});

test('the makelaar of the wijk records the outcome; others cannot see or change it', async () => {
  const wijk = drawnWijk();
  const awardId = firstOf(wijk);
  const s = settled.find((x) => x.awardId === awardId);
  const mk = await staffClient(srv, 'makelaar', { wijk });
  // the list shows only their wijk's potjes
  let page = await mk.get(`/beheer/steekproef?id=${drawn.id}`);
  assert.equal(page.status, 200);
  const mine = drawn.items.filter((a) => settled.find((x) => x.awardId === a).wijk === wijk);
  assert.equal((page.html.match(/\/beheer\/steekproef\?id=\d+&amp;potje=\d+/g) ?? []).length, mine.length);
  page = await mk.get(`/beheer/steekproef?id=${drawn.id}&potje=${awardId}`);
  assert.equal(page.status, 200);
  assert.match(page.html, /Uitkomst vastleggen<\/button>/);
  const csrf = page.csrf();
  const post = (fields, token = csrf) => mk.post('/beheer/steekproef',
    { csrf: token, actie: 'uitkomst', steekproef: String(drawn.id), potje: String(awardId), ...fields });

  // bad input: its message beside the field, nothing recorded
  const euro = (c) => (c / 100).toFixed(2).replace('.', ',');
  const cases = [
    [{ bedrag: '10' }, 'uitkomst', 'Kies de uitkomst van de controle.'],
    [{ uitkomst: 'prima' }, 'uitkomst', 'Kies de uitkomst van de controle.'],
    [{ uitkomst: 'in_orde', bedrag: '10' }, 'bedrag', 'Laat dit veld leeg.'],
    [{ uitkomst: 'deels', bedrag: euro(s.cents) }, 'bedrag', `lager zijn dan het vastgestelde bedrag van € ${euro(s.cents)}`],
    [{ uitkomst: 'deels', bedrag: '12,345' }, 'bedrag', '2 cijfers'],
    [{ uitkomst: 'deels', bedrag: '-5' }, 'bedrag', ''],
    [{ uitkomst: 'deels', toelichting: 'x'.repeat(1001) }, 'toelichting', ''],
  ];
  for (const [fields, field, message] of cases) {
    const r = await post(fields);
    assert.equal(r.status, 422, JSON.stringify(fields));
    const err = r.html.match(new RegExp(`id="${field}-fout">([^<]*)<`));
    assert.ok(err && err[1].length > 0, `message beside ${field}: ${JSON.stringify(fields)}`);
    assert.ok(err[1].includes(message), err[1]);
    assert.match(r.html, /De uitkomst is niet vastgelegd/);
    assert.equal(item(awardId), '-|-|-|-');
  }
  // a token for another potje, or none
  const otherAward = drawn.items.find((a) => a !== awardId);
  const otherToken = (await mk.get(`/beheer/steekproef?id=${drawn.id}&potje=${otherAward}`)).csrf?.();
  for (const token of [undefined, otherToken, 'x']) {
    const r = await post({ uitkomst: 'deels', bedrag: '50' }, token ?? '');
    assert.equal(r.status, 400);
  }
  assert.equal(item(awardId), '-|-|-|-');
  // the beheerder sees it but cannot record it
  const bh = await staffClient(srv, 'beheerder');
  const bpage = await bh.get(`/beheer/steekproef?id=${drawn.id}&potje=${awardId}`);
  assert.equal(bpage.status, 200);
  assert.ok(!bpage.html.includes('Uitkomst vastleggen</button>'));
  assert.equal((await bh.post('/beheer/steekproef', { csrf: csrf, actie: 'uitkomst', steekproef: String(drawn.id),
    potje: String(awardId), uitkomst: 'in_orde' })).status, 404);
  // a makelaar of another wijk: 404 like a potje that does not exist
  const otherWijk = wijk === '01' ? '02' : '01';
  const mk2 = await staffClient(srv, 'makelaar', { wijk: otherWijk });
  assert.equal((await mk2.get(`/beheer/steekproef?id=${drawn.id}&potje=${awardId}`)).status, 404);
  assert.equal((await mk2.get(`/beheer/steekproef?id=${drawn.id}&potje=999999999`)).status, 404);
  const list2 = await mk2.get(`/beheer/steekproef?id=${drawn.id}`);
  assert.equal(list2.status, 200);
  for (const a of mine) assert.ok(!list2.html.includes(`potje=${a}`), 'no potje of another wijk');

  // deels with a lower amount: recorded, on the record; the settlement stays
  const lower = s.cents - 2550;
  let r = await post({ uitkomst: 'deels', bedrag: euro(lower), toelichting: '  Een bon ontbrak.  ' });
  assert.equal(r.status, 303, r.html.slice(0, 400));
  assert.equal(item(awardId), `deels|${lower}|${mk.user.id}|Een bon ontbrak.`);
  assert.equal(sql(`SELECT amount_cents FROM settlement WHERE award_id = ${awardId}`), String(s.cents));
  const details = JSON.parse(sql(`SELECT details FROM audit_event WHERE action = 'spot_check.outcome' AND object_id = '${drawn.id}'
    AND actor_user_id = ${mk.user.id}`));
  assert.deepEqual(details, { award_id: awardId, outcome: 'deels', settled_cents: s.cents, lower_final_cents: lower });
  const done = await mk.follow(r);
  assert.match(text(done.html), /De uitkomst is vastgelegd\./);
  assert.match(text(done.html), /Deels in orde/);
  // a second time: 409, nothing changes
  r = await post({ uitkomst: 'in_orde' });
  assert.equal(r.status, 409);
  assert.match(r.html, /al vastgelegd/);
  assert.equal(item(awardId), `deels|${lower}|${mk.user.id}|Een bon ontbrak.`);
  // the database holds the outcome final whoever writes
  assert.throws(() => sql(`UPDATE spot_check_item SET outcome = 'in_orde', lower_final_cents = NULL
    WHERE spot_check_id = ${drawn.id} AND award_id = ${awardId}`), /outcome is final/);
  // the beheerder's page shows the outcome
  assert.match(text((await bh.get(`/beheer/steekproef?id=${drawn.id}`)).html), /Deels in orde/);
});

test('a makelaar who lost the wijk after opening the form gets 404', async () => {
  const wijk = drawnWijk();
  const awardId = drawn.items.find((a) => item(a) === '-|-|-|-' && settled.find((s) => s.awardId === a).wijk === wijk)
    ?? drawn.items.find((a) => item(a) === '-|-|-|-');
  const w = settled.find((s) => s.awardId === awardId).wijk;
  const keep = w === '01' ? '02' : '01';
  const mk = await staffClient(srv, 'makelaar', { wijk: [w, keep].sort().join(',') });
  const page = await mk.get(`/beheer/steekproef?id=${drawn.id}&potje=${awardId}`);
  assert.equal(page.status, 200);
  sql(`DELETE FROM staff_user_wijk WHERE user_id = ${mk.user.id} AND wijk_code = '${w}'`);
  const r = await mk.post('/beheer/steekproef', { csrf: page.csrf(), actie: 'uitkomst', steekproef: String(drawn.id),
    potje: String(awardId), uitkomst: 'in_orde' });
  assert.equal(r.status, 404);
  assert.equal(item(awardId), '-|-|-|-');
});
