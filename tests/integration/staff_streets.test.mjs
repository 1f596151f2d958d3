// The staff street pages (issue 4, "Streets"): the list per wijk with the
// Lief en Leedstraat badge derived from paid payouts, the street page with
// its history, and merging two spellings of one street by a beheerder.
// Applications are filed through the resident's form; awards and payments
// go through the fixtures (the way the staff and finance pages will).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { award, awardAndPay, day, freshStreet } from './fixtures.mjs';
import { staffClient } from './staff.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '10000' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

// the text of a page without tags, spaces collapsed
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const q = (s) => s.replaceAll("'", "''");

const streetId = (name) => Number(sql(`SELECT id FROM street WHERE lower(name) = lower('${q(name)}')`));
const wijkOf = (name) => sql(`SELECT DISTINCT b.wijk_code FROM street s JOIN street_buurt sb ON sb.street_id = s.id
  JOIN buurt b ON b.code = sb.buurt_code WHERE s.id = ${streetId(name)}`);
const otherWijk = (w) => (w === '01' ? '02' : '01');

// An unused street of the reference list in exactly the wijk w.
function freshStreetIn(w, not = []) {
  return freshStreet(w, { not });
}

// A street and another unused one of the same wijk.
function twoStreets() {
  for (let i = 0; i < 20; i++) {
    const a = freshStreet();
    const w = wijkOf(a);
    try {
      return { a, b: freshStreetIn(w, [streetId(a)]), w };
    } catch {
      // a wijk with a single unused street: try another
    }
  }
  throw new Error('no two unused streets in one wijk');
}

// File an application on street; returns { id, ref }.
async function apply(street, fields = {}) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, straat: street, ...fields });
  assert.equal(r.status, 303, `submit for ${street}`);
  const id = Number(sql(`SELECT id FROM application WHERE street_name = '${q(street)}' ORDER BY id DESC LIMIT 1`));
  const ref = sql(`SELECT reference FROM application WHERE id = ${id}`);
  return { id, ref };
}

// The token of the merge form on a street page.
function mergeToken(page) {
  const m = page.html.match(/action="\/beheer\/straten\/samenvoegen"[^]*?name="csrf" value="([^"]+)"/);
  assert.ok(m, 'the page has a merge form');
  return m[1];
}

// The row of the street list for street name, as text.
// Every page of a street list as one html: the list pages by 100, and
// after the other suites a wijk has more streets than that (the bulk
// tests of batches and result_import add thousands to wijk 05).
async function wholeList(c, query) {
  let html = '';
  for (let n = 1; n <= 1000; n++) {
    const p = await c.get(`/beheer/straten?${query}${n > 1 ? `&pagina=${n}` : ''}`);
    if (p.status !== 200) {
      if (n === 1) return p;
      break;
    }
    html += p.html;
    if (!p.html.includes(`pagina=${n + 1}`)) break;
  }
  return { status: 200, html };
}

function listRow(html, name) {
  const rows = html.split('<tr').filter((r) => r.includes(`>${name}</a>`));
  return rows.length === 1 ? text(rows[0]) : null;
}

test('two paid potjes make a Lief en Leedstraat since the second payment; one does not', async () => {
  const { a, b, w } = twoStreets();
  const a1 = await apply(a);
  const a2 = await apply(a);
  const b1 = await apply(b);
  awardAndPay(a1.id, { paidOn: day(-20) });
  awardAndPay(a2.id, { paidOn: day(-5) });
  awardAndPay(b1.id, { paidOn: day(-3) });

  const mk = await staffClient(srv, 'makelaar', { wijk: w });
  const list = await wholeList(mk, `wijk=${w}`);
  assert.equal(list.status, 200);
  const rowA = listRow(list.html, a);
  assert.ok(rowA, `${a} is in the list`);
  // applications, awarded, paid, euros, badge with the 2nd payment's date
  assert.match(rowA, new RegExp(`2 2 2 € 300,00 Lief en Leedstraat sinds ${day(-5, 'nl')}`));
  const rowB = listRow(list.html, b);
  assert.match(rowB, /1 1 1 € 150,00/);
  assert.doesNotMatch(rowB, /Lief en Leedstraat/);

  // the counts at the top are those of the whole wijk
  const [streets, paid] = sql(`SELECT count(*) FILTER (WHERE st.is_lief_en_leedstraat),
      coalesce(sum(st.paid_count), 0)
    FROM street s JOIN street_potje_status st ON st.street_id = s.id
    WHERE s.merged_into IS NULL AND EXISTS (SELECT 1 FROM application x WHERE x.street_id = s.id)
      AND s.id IN (SELECT street_id FROM street_wijk WHERE wijk_code = '${w}')`).split('|');
  assert.match(text(list.html), new RegExp(`${streets} Lief en Leedstra(at|ten) in deze wijk, ${paid} potje`));
  assert.ok(Number(streets) >= 1 && Number(paid) >= 3);

  // a street without applications only with ?alle=ja
  const empty = freshStreetIn(w, [streetId(a), streetId(b)]);
  assert.equal(listRow(list.html, empty), null);
  const all = await wholeList(mk, `wijk=${w}&alle=ja`);
  assert.match(listRow(all.html, empty), /0 0 0 € 0,00/);

  const page = await mk.get(`/beheer/straten/${streetId(a)}`);
  assert.equal(page.status, 200);
  const t = text(page.html);
  assert.match(t, new RegExp(`Status Lief en Leedstraat sinds ${day(-5, 'nl')}`));
  assert.match(t, /Potjes uitbetaald 2/);
  // the history, oldest first, with links for the makelaar
  assert.ok(t.indexOf(a1.ref) < t.indexOf(a2.ref));
  assert.match(page.html, new RegExp(`href="/beheer/aanvragen/${a1.id}">${a1.ref}</a>`));
  assert.match(t, new RegExp(`${a2.ref} ${w} ${q(GOOD.naam)} Toegekend \\S+ \\S+ € 150,00 Betaald ${day(-5, 'nl')}`));
  const pb = await mk.get(`/beheer/straten/${streetId(b)}`);
  assert.match(text(pb.html), /Status Nog geen Lief en Leedstraat/);
});

test('a reversed payment takes the badge away', async () => {
  const street = freshStreet();
  const w = wijkOf(street);
  const x1 = await apply(street);
  const x2 = await apply(street);
  awardAndPay(x1.id, { paidOn: day(-9) });
  const { payoutId } = awardAndPay(x2.id, { paidOn: day(-2) });
  const mk = await staffClient(srv, 'makelaar', { wijk: w });
  const path = `/beheer/straten/${streetId(street)}`;
  assert.match(text((await mk.get(path)).html), /Status Lief en Leedstraat sinds/);

  // the bank returned the money: betaald -> mislukt is an allowed move
  sql(`UPDATE payout SET status = 'mislukt', failed_at = now() WHERE id = ${payoutId}`);
  const t = text((await mk.get(path)).html);
  assert.match(t, /Status Nog geen Lief en Leedstraat/);
  assert.match(t, /Potjes uitbetaald 1/);
  assert.match(t, /Mislukt/);
  const row = listRow((await wholeList(mk, `wijk=${w}`)).html, street);
  assert.match(row, /2 2 1 € 150,00/);
  assert.doesNotMatch(row, /Lief en Leedstraat/);
});

test('a makelaar of another wijk, and other roles, get 404', async () => {
  const street = freshStreet();
  const w = wijkOf(street);
  await apply(street);
  const id = streetId(street);
  const other = await staffClient(srv, 'makelaar', { wijk: otherWijk(w) });
  assert.equal((await other.get(`/beheer/straten/${id}`)).status, 404);
  assert.equal((await wholeList(other, `wijk=${w}`)).status, 404);
  // their own list does not hold it either
  const own = await wholeList(other, '');
  assert.equal(own.status, 200);
  assert.equal(listRow(own.html, street), null);
  for (const role of ['financien', 'beleid']) {
    const c = await staffClient(srv, role);
    assert.equal((await c.get(`/beheer/straten/${id}`)).status, 404, role);
    assert.equal((await c.get('/beheer/straten')).status, 404, role);
  }
  // bad ids and pages are not a crash
  const mk = await staffClient(srv, 'makelaar', { wijk: w });
  for (const p of ['/beheer/straten/abc', '/beheer/straten/0', '/beheer/straten/99999999999',
    `/beheer/straten/${id}/`, '/beheer/straten?wijk=xx', '/beheer/straten?wijk=11'])
    assert.equal((await mk.get(p)).status, 404, p);
  assert.equal((await mk.get(`/beheer/straten/${id}?pagina=-1`)).status, 400);
  assert.equal((await mk.get(`/beheer/straten/${id}?pagina=9`)).status, 404);
  // not logged in: to the login page
  const r = await fetch(`${srv.url}/beheer/straten/${id}`, { redirect: 'manual' });
  assert.equal(r.status, 303);
});

test('the beheerder sees every wijk but no personal data', async () => {
  const street = freshStreet();
  const w = wijkOf(street);
  const name = 'Geheime Gangmaker Qwerty';
  const x = await apply(street, { naam: name, email: 'qwerty@example.nl', rekeninghouder: 'G. Qwerty' });
  awardAndPay(x.id, { paidOn: day(-1) });
  const path = `/beheer/straten/${streetId(street)}`;

  const mk = await staffClient(srv, 'makelaar', { wijk: w });
  assert.ok((await mk.get(path)).html.includes(name), 'the makelaar of the wijk sees the gangmaker');

  const bh = await staffClient(srv, 'beheerder');
  const page = await bh.get(path);
  assert.equal(page.status, 200);
  assert.ok(page.html.includes(x.ref));
  for (const s of [name, 'Qwerty', 'qwerty@example.nl', 'NL91'])
    assert.ok(!page.html.includes(s), `no ${s} for the beheerder`);
  assert.ok(!page.html.includes(`/beheer/aanvragen/${x.id}`), 'no link to the application');
  assert.ok(!page.html.includes('Gangmaker'), 'no gangmaker column');
  const list = await wholeList(bh, `wijk=${w}`);
  assert.ok(listRow(list.html, street));
});

// POST the merge form of street from (as shown to c) with fields.
async function merge(c, from, fields) {
  const page = await c.get(`/beheer/straten/${from}`);
  assert.equal(page.status, 200);
  return c.post('/beheer/straten/samenvoegen', { csrf: mergeToken(page), straat: String(from), ...fields });
}

const mergedInto = (id) => sql(`SELECT coalesce(merged_into::text, '') FROM street WHERE id = ${id}`);
const audits = (from) => sql(`SELECT count(*) FROM audit_event WHERE action = 'street.merge'
  AND object_type = 'street' AND object_id = '${from}'`);

test('merging moves the applications; the counts and the badge follow', async () => {
  const { a, b, w } = twoStreets();
  const idA = streetId(a), idB = streetId(b);
  const xa = await apply(a);
  const xb = await apply(b);
  awardAndPay(xa.id, { paidOn: day(-12) });
  awardAndPay(xb.id, { paidOn: day(-4) });
  const bh = await staffClient(srv, 'beheerder');
  assert.match(text((await bh.get(`/beheer/straten/${idB}`)).html), /Status Nog geen Lief en Leedstraat/);

  // the form offers the streets of the wijk, not the street itself
  const form = await bh.get(`/beheer/straten/${idA}`);
  assert.match(form.html, new RegExp(`<option value="${idB}">`));
  assert.doesNotMatch(form.html, new RegExp(`<option value="${idA}">`));

  const r = await merge(bh, idA, { doel: String(idB), bevestigd: 'ja' });
  assert.equal(r.status, 303, r.html.slice(0, 500));
  assert.equal(r.location, `/beheer/straten/${idB}?verplaatst=1`);
  assert.equal(sql(`SELECT street_id FROM application WHERE id = ${xa.id}`), String(idB));
  assert.equal(sql(`SELECT street_name FROM application WHERE id = ${xa.id}`), a, 'the typed name stays');
  assert.equal(mergedInto(idA), String(idB));
  assert.equal(audits(idA), '1');
  const details = JSON.parse(sql(`SELECT details FROM audit_event WHERE action = 'street.merge' AND object_id = '${idA}'`));
  assert.deepEqual(details, { from: idA, into: idB, applications: 1 });
  assert.equal(sql(`SELECT actor_user_id FROM audit_event WHERE action = 'street.merge' AND object_id = '${idA}'`),
    String(bh.user.id));

  const t = text((await bh.follow(r)).html);
  assert.match(t, /De straten zijn samengevoegd/);
  assert.match(t, new RegExp(`Status Lief en Leedstraat sinds ${day(-4, 'nl')}`));
  assert.ok(t.includes(xa.ref) && t.includes(xb.ref));
  // the old spelling: a note, no form, and no longer in the list
  const old = await bh.get(`/beheer/straten/${idA}`);
  assert.match(text(old.html), new RegExp(`samengevoegd met ${b}`));
  assert.doesNotMatch(old.html, /samenvoegen"/);
  const mk = await staffClient(srv, 'makelaar', { wijk: w });
  const list = await wholeList(mk, `wijk=${w}`);
  assert.equal(listRow(list.html, a), null);
  assert.match(listRow(list.html, b), /2 2 2 € 300,00 Lief en Leedstraat/);

  // merging it again is refused: it is merged already
  const again = await bh.post('/beheer/straten/samenvoegen',
    { csrf: mergeToken(form), straat: String(idA), doel: String(idB), bevestigd: 'ja' });
  assert.equal(again.status, 409);
  assert.equal(audits(idA), '1');

  // a resident typing the old spelling later lands on the merged street
  const later = await apply(a);
  assert.equal(sql(`SELECT street_id FROM application WHERE id = ${later.id}`), String(idB));
});

test('merge refusals change nothing', async () => {
  const { a, b, w } = twoStreets();
  const idA = streetId(a), idB = streetId(b);
  const xa = await apply(a);
  const bh = await staffClient(srv, 'beheerder');
  const unchanged = () => {
    assert.equal(sql(`SELECT street_id FROM application WHERE id = ${xa.id}`), String(idA));
    assert.equal(mergedInto(idA), '');
    assert.equal(audits(idA), '0');
  };

  // no CSRF token, or one for another street
  let r = await bh.post('/beheer/straten/samenvoegen', { straat: String(idA), doel: String(idB), bevestigd: 'ja' });
  assert.equal(r.status, 400);
  assert.match(r.html, /Het formulier is verlopen/);
  const pageB = await bh.get(`/beheer/straten/${idB}`);
  r = await bh.post('/beheer/straten/samenvoegen',
    { csrf: mergeToken(pageB), straat: String(idA), doel: String(idB), bevestigd: 'ja' });
  assert.equal(r.status, 400);
  unchanged();

  // a makelaar, even of the wijk and with a token of a page: 404
  const mk = await staffClient(srv, 'makelaar', { wijk: w });
  const mp = await mk.get(`/beheer/straten/${idA}`);
  assert.doesNotMatch(mp.html, /samenvoegen"/, 'no merge form for a makelaar');
  r = await mk.post('/beheer/straten/samenvoegen', { csrf: mp.csrf(), straat: String(idA), doel: String(idB), bevestigd: 'ja' });
  assert.equal(r.status, 404);
  unchanged();

  // no tick, no target
  r = await merge(bh, idA, { doel: String(idB) });
  assert.equal(r.status, 422);
  assert.match(r.html, /Vink aan dat u zeker weet/);
  assert.match(r.html, new RegExp(`<option value="${idB}" selected>`), 'the choice is kept');
  r = await merge(bh, idA, { doel: '', bevestigd: 'ja' });
  assert.equal(r.status, 422);
  assert.match(r.html, /Kies de straat waarmee/);
  r = await merge(bh, idA, { doel: 'abc', bevestigd: 'ja' });
  assert.equal(r.status, 422);
  r = await merge(bh, idA, { doel: '999999999', bevestigd: 'ja' });
  assert.equal(r.status, 422);
  assert.match(r.html, /Deze straat bestaat niet/);

  // into itself: the schema refuses it
  r = await merge(bh, idA, { doel: String(idA), bevestigd: 'ja' });
  assert.equal(r.status, 422);
  assert.match(r.html, /niet met zichzelf/);

  // into a street of another wijk
  const far = freshStreetIn(otherWijk(w));
  r = await merge(bh, idA, { doel: String(streetId(far)), bevestigd: 'ja' });
  assert.equal(r.status, 422);
  assert.match(r.html, /niet in dezelfde wijk/);
  unchanged();

  // into a street that is itself merged
  const c = freshStreetIn(w, [idA, idB]);
  const idC = streetId(c);
  assert.equal((await merge(bh, idC, { doel: String(idB), bevestigd: 'ja' })).status, 303);
  r = await merge(bh, idA, { doel: String(idC), bevestigd: 'ja' });
  assert.equal(r.status, 409);
  assert.match(r.html, /zelf al samengevoegd/);
  unchanged();

  // a hand-written UPDATE is held by the schema as well: no merge into
  // itself, no un-merge, no merged street that keeps its applications
  assert.throws(() => sql(`UPDATE street SET merged_into = id, merged_at = now(), merged_by = ${bh.user.id} WHERE id = ${idA}`),
    /street_not_merged_into_itself/);
  assert.throws(() => sql(`UPDATE street SET merged_into = NULL, merged_at = NULL, merged_by = NULL WHERE id = ${idC}`),
    /a merge cannot be undone/); // street_merge_final
  assert.throws(() => sql(`UPDATE street SET merged_into = ${idB}, merged_at = now(), merged_by = ${bh.user.id} WHERE id = ${idA}`),
    /merged but still has applications/); // street_merge_moves_applications
  unchanged();
});

test('over the yearly maximum: refused with the figures, then merged knowingly', async () => {
  const { a, b } = twoStreets();
  const idA = streetId(a), idB = streetId(b);
  const max = Number(sql(`SELECT coalesce((SELECT max_potjes_per_street FROM budget_year
    WHERE year = date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')::int),
    setting_int('max_potjes_per_street_per_year'))`));
  const year = sql(`SELECT date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')::int`);
  const moved = [];
  for (let i = 0; i < max; i++) {
    const x = await apply(a);
    award(x.id);
    moved.push(x.id);
  }
  const xb = await apply(b);
  award(xb.id);
  const bh = await staffClient(srv, 'beheerder');

  let r = await merge(bh, idA, { doel: String(idB), bevestigd: 'ja' });
  assert.equal(r.status, 409);
  const t = text(r.html);
  assert.match(t, new RegExp(`in ${year} al ${max + 1} potjes gekregen. Het maximum is ${max} per straat per jaar`));
  assert.match(r.html, /name="boven_maximum"/);
  assert.equal(mergedInto(idA), '');

  const page = await bh.get(`/beheer/straten/${idA}`);
  r = await bh.post('/beheer/straten/samenvoegen', {
    csrf: mergeToken(page), straat: String(idA), doel: String(idB), bevestigd: 'ja', boven_maximum: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(mergedInto(idA), String(idB));
  for (const id of moved) assert.equal(sql(`SELECT street_id FROM application WHERE id = ${id}`), String(idB));
  const details = JSON.parse(sql(`SELECT details FROM audit_event WHERE action = 'street.merge' AND object_id = '${idA}'`));
  assert.deepEqual(details, {
    from: idA, into: idB, applications: max, over_maximum: true, year: Number(year), potjes: max + 1, max });
  // money is conserved through the merge
  assert.equal(sql(`SELECT bool_and(balanced) FROM budget_year_reconciliation`), 't');
});

test('a long history renders in pages of 50, oldest first', async () => {
  const street = freshStreet();
  const w = wijkOf(street);
  const refs = [];
  for (let i = 0; i < 55; i++) refs.push((await apply(street)).ref);
  const mk = await staffClient(srv, 'makelaar', { wijk: w });
  const path = `/beheer/straten/${streetId(street)}`;
  const p1 = await mk.get(path);
  assert.equal(p1.status, 200);
  const t1 = text(p1.html);
  assert.match(t1, /55 aanvragen, oudste eerst/);
  assert.match(t1, /Pagina 1 van 2/);
  const on1 = refs.filter((r) => t1.includes(r));
  assert.deepEqual(on1, refs.slice(0, 50));
  assert.ok(t1.indexOf(refs[0]) < t1.indexOf(refs[49]));
  assert.match(p1.html, new RegExp(`href="${path}\\?pagina=2"`));
  const t2 = text((await mk.get(`${path}?pagina=2`)).html);
  assert.deepEqual(refs.filter((r) => t2.includes(r)), refs.slice(50));
  const row = listRow((await wholeList(mk, `wijk=${w}`)).html, street);
  assert.match(row, /55 0 0 € 0,00/);
});
