// The city's figures in public: /cijfers and /cijfers.csv (SPEC section 7).
// A small known history is built in a far-past year Y (and Y+1) that no
// other test uses, through the resident's form and the fixtures that obey
// every trigger, with the dates set back; then the exact figures of that
// year are read from the page and from the open-data CSV. Aggregates only:
// no name, e-mail, street or reference may appear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { award, freshStreet, pay, staffUser } from './fixtures.mjs';

const WIJK = '05';
let srv, Y, wijkName;
const apps = [];
const streets = [];

// A moment on a date in Utrecht, as SQL.
const at = (d, time = '10:00') => `((DATE '${d}' + TIME '${time}') AT TIME ZONE 'Europe/Amsterdam')`;

// A year y with nothing in it or in y+1: no application, decision, payout or budget.
function unusedYear() {
  for (let i = 0; i < 50; i++) {
    const y = 2001 + Math.floor(Math.random() * 18);
    const used = Number(sql(`SELECT count(*) FROM (
      SELECT 1 FROM application WHERE date_part('year', submitted_at AT TIME ZONE 'Europe/Amsterdam') IN (${y}, ${y + 1})
        OR date_part('year', decided_at AT TIME ZONE 'Europe/Amsterdam') IN (${y}, ${y + 1})
      UNION ALL SELECT 1 FROM payout WHERE date_part('year', paid_at AT TIME ZONE 'Europe/Amsterdam') IN (${y}, ${y + 1})
      UNION ALL SELECT 1 FROM budget_year WHERE year IN (${y}, ${y + 1})) t`));
    if (used === 0) return y;
  }
  throw new Error('no unused year between 2001 and 2019');
}

async function apply(street, email) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, straat: street, email, wijk: '' });
  assert.equal(r.status, 303);
  const id = Number(sql(`SELECT max(id) FROM application WHERE street_name = '${street.replaceAll("'", "''")}'`));
  assert.ok(id > 0);
  const [ref, org] = sql(`SELECT reference, organiser_id FROM application WHERE id = ${id}`).split('|');
  apps.push({ id, ref });
  return { id, org: Number(org) };
}

// submitted on sub, awarded on dec (budget year of dec), paid on paid
async function awarded(street, email, { sub, dec, paid, followUp = false, organiser }) {
  const a = await apply(street, email);
  const { payoutId } = award(a.id, { year: Number(dec.slice(0, 4)) });
  sql(`UPDATE application SET submitted_at = ${at(sub)}, decided_at = ${at(dec, '15:00')}
       ${followUp ? ", kind = 'follow_up'" : ''} ${organiser ? `, organiser_id = ${organiser}` : ''}
       WHERE id = ${a.id}`);
  pay(payoutId, { paidOn: paid });
  return a;
}

before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  assert.equal(sql(`SELECT setting_int('potje_default_cents')`), '15000');
  assert.equal(sql(`SELECT setting_int('street_status_threshold')`), '2');
  Y = unusedYear();
  wijkName = sql(`SELECT name FROM wijk WHERE code = '${WIJK}'`);
  // four different unused streets of the wijk (freshStreet picks at random)
  const ids = [];
  while (streets.length < 4) {
    const name = freshStreet(WIJK, { not: ids });
    ids.push(Number(sql(`SELECT id FROM street WHERE name = '${name}' AND merged_into IS NULL LIMIT 1`)));
    streets.push(name);
  }
  assert.equal(new Set(streets).size, 4);
  const [s1, s2, s3, s4] = streets;
  // street 1: two potjes in Y, the second (a follow-up) makes it a Lief en Leedstraat on Y-03-31
  const a1 = await awarded(s1, 'een@example.nl', { sub: `${Y}-02-01`, dec: `${Y}-02-11`, paid: `${Y}-02-15` });
  await awarded(s1, 'twee@example.nl', { sub: `${Y}-03-01`, dec: `${Y}-03-21`, paid: `${Y}-03-31`,
    followUp: true, organiser: a1.org });
  // street 2: rejected after 4 days
  const r = await apply(s2, 'drie@example.nl');
  const mk = staffUser('makelaar', WIJK);
  sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${r.id}`);
  sql(`UPDATE application SET status = 'afgewezen', decided_by = ${mk}, decided_at = ${at(`${Y}-04-05`, '15:00')},
       rejection_reason = 'Geen straat in Utrecht', submitted_at = ${at(`${Y}-04-01`)} WHERE id = ${r.id}`);
  // street 3: submitted late in Y, not decided yet
  const open = await apply(s3, 'vier@example.nl');
  sql(`UPDATE application SET submitted_at = ${at(`${Y}-12-20`)} WHERE id = ${open.id}`);
  // street 4: first potje in Y, the second in Y+1 (threshold reached on (Y+1)-01-10)
  const a5 = await awarded(s4, 'vijf@example.nl', { sub: `${Y}-05-01`, dec: `${Y}-05-03`, paid: `${Y}-05-09` });
  await awarded(s4, 'zes@example.nl', { sub: `${Y + 1}-01-02`, dec: `${Y + 1}-01-04`, paid: `${Y + 1}-01-10`,
    followUp: true, organiser: a5.org });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

// the text of the page without tags, spaces collapsed
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

// the cells of the table row whose header is name
function rowOf(html, name) {
  const rows = html.split('<tr').filter((r) => r.includes(`scope="row">${name}</th>`));
  assert.equal(rows.length, 1, `one row for ${name}`);
  return [...rows[0].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
}

const EXPECT_Y = ['5', '3', '1', '3', '€ 450,00', '1', '1', '2', '33,3 %', '7,0', '6,0'];
const EXPECT_Y1 = ['1', '1', '0', '1', '€ 150,00', '2', '1', '1', '100,0 %', '2,0', '6,0'];

function assertNoPersonalData(body) {
  for (const s of [GOOD.naam, 'Yıldız', 'example.nl', GOOD.iban.replaceAll(' ', '').toUpperCase(), 'NL91', ...streets,
    ...apps.map((a) => a.ref), 'LL-'])
    assert.ok(!body.includes(s), `"${s}" must not appear`);
}

test('/cijfers shows the exact figures of the year per wijk and for the city', async () => {
  const r = await fetch(`${srv.url}/cijfers?jaar=${Y}`);
  assert.equal(r.status, 200);
  const html = await r.text();
  const t = text(html);
  assert.match(t, new RegExp(`Utrecht in ${Y}: 1 Lief en Leedstraten , 3 potjes uitbetaald \\(€ 450,00 in totaal\\)`));
  assert.deepEqual(rowOf(html, wijkName), EXPECT_Y);
  assert.deepEqual(rowOf(html, 'Heel Utrecht'), EXPECT_Y);
  // a wijk without activity: zeros and dashes, never an error
  const other = sql(`SELECT name FROM wijk WHERE code <> '${WIJK}' ORDER BY code LIMIT 1`);
  assert.deepEqual(rowOf(html, other), ['0', '0', '0', '0', '€ 0,00', '0', '0', '0', '–', '–', '–']);
  assert.match(html, /<caption class="utrecht-table__caption">Cijfers per wijk in \d{4}<\/caption>/);
  assert.match(html, new RegExp(`<option value="${Y}" selected>${Y}</option>`));
  assert.match(html, /href="\/cijfers\.csv"/);
  assert.match(t, /Wat betekenen de cijfers\?/);
  assertNoPersonalData(html);
});

test('a street counts from the date of its 2nd payment: the next year has it too, as new only once', async () => {
  const html = await (await fetch(`${srv.url}/cijfers?jaar=${Y + 1}`)).text();
  assert.deepEqual(rowOf(html, wijkName), EXPECT_Y1);
  // the street of Y is still a Lief en Leedstraat a few years later, not new
  const later = await (await fetch(`${srv.url}/cijfers?jaar=${Y + 2}`)).text();
  assert.deepEqual(rowOf(later, wijkName).slice(0, 7), ['0', '0', '0', '0', '€ 0,00', '2', '0']);
});

test('/cijfers in English, and a bad year is a clear 400', async () => {
  const r = await fetch(`${srv.url}/cijfers?jaar=${Y}&taal=en`);
  assert.equal(r.status, 200);
  const t = text(await r.text());
  assert.match(t, new RegExp(`Utrecht in ${Y}: 1 Lief en Leed streets , 3 potjes paid`));
  assert.match(t, /All of Utrecht/);
  for (const bad of ['abc', '20', '0999', '2024x', '99999']) {
    const b = await fetch(`${srv.url}/cijfers?jaar=${bad}`);
    assert.equal(b.status, 400, bad);
    assert.match(await b.text(), /Kies een jaar uit de lijst/);
  }
  // no year: this year, selected in the list
  const now = sql(`SELECT date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')::int`);
  const d = await (await fetch(`${srv.url}/cijfers`)).text();
  assert.match(d, new RegExp(`<option value="${now}" selected>`));
});

test('/cijfers.csv: open data with the same figures, CSV conventions, no personal data', async () => {
  const r = await fetch(`${srv.url}/cijfers.csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /lief-en-leed-cijfers\.csv/);
  assert.match(r.headers.get('cache-control'), /public, max-age=3600/);
  const body = await r.text();
  const bytes = Buffer.from(await (await fetch(`${srv.url}/cijfers.csv`)).arrayBuffer());
  assert.notEqual(bytes[0], 0xef, 'no byte order mark');
  assert.ok(body.endsWith('\r\n'));
  const lines = body.split('\r\n');
  assert.equal(lines[0], 'jaar;wijkcode;wijk;aanvragen;toekenningen;afwijzingen;potjes_uitbetaald;'
    + 'euro_uitbetaald;lief_en_leedstraten;nieuwe_lief_en_leedstraten;actieve_gangmakers;'
    + 'vervolg_percentage;mediaan_dagen_tot_besluit;mediaan_dagen_tot_betaling');
  const ofYear = lines.filter((l) => l.startsWith(`${Y};`));
  assert.equal(ofYear.length, 11, 'ten wijken and the city');
  assert.ok(ofYear.includes(`${Y};00;Utrecht;5;3;1;3;450,00;1;1;2;33,3;7,0;6,0`), ofYear.join('\n'));
  assert.ok(ofYear.includes(`${Y};${WIJK};${wijkName};5;3;1;3;450,00;1;1;2;33,3;7,0;6,0`), ofYear.join('\n'));
  assert.ok(lines.includes(`${Y + 1};${WIJK};${wijkName};1;1;0;1;150,00;2;1;1;100,0;2,0;6,0`));
  assert.ok(ofYear.some((l) => /^\d{4};0[1-9];[^;]+;0;0;0;0;0,00;0;0;0;;;$/.test(l)));
  // years oldest first
  const years = lines.slice(1, -1).map((l) => Number(l.slice(0, 4)));
  assert.deepEqual(years, [...years].sort((a, b) => a - b));
  assertNoPersonalData(body);
});
