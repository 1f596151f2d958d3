// The reconciliation page /beheer/afstemming (issue 5): per batch what was
// exported beside paid, refused, open; per budget year the money-
// conservation line of SPEC section 4; any difference in red (ll-alarm)
// and in words, with the payouts involved (reference, state, amount).
//
// The schema does not let money go missing, so the red paths are made as
// the superuser with session_replication_role = replica (no triggers, no
// foreign keys), in a private far-future budget year or on a batch of this
// test, and undone in the same test: lib.mjs checks money conservation
// after every test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, DB } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { award, freshStreet, pay, staffUser } from './fixtures.mjs';
import { staffClient, client } from './staff.mjs';

let srv;
let fin;
const SUPER = DB.replace('user=liefleed', 'user=postgres');
// as the superuser, with every trigger and foreign key switched off
const bypass = (q) => sql(`BEGIN; SET LOCAL session_replication_role = replica; ${q}; COMMIT;`, SUPER);

before(async () => {
  assert.notEqual(SUPER, DB, 'the test database URL names user=liefleed');
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  fin = await staffClient(srv, 'financien');
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

// "€ 1.234,56" as money_format_euro writes it
function eur(cents) {
  const c = Number(cents);
  const neg = c < 0 ? '-' : '';
  const a = Math.abs(c);
  const euros = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${neg}${euros},${String(a % 100).padStart(2, '0')}`;
}
// the text of some HTML without tags (inline ones leave no space), spaces collapsed
const text = (html) => html.replace(/<\/?(strong|a|span)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' ')
  .replace(/\s+/g, ' ').trim();
// the cells of the table row with this id, as text
function row(html, id) {
  const m = html.match(new RegExp(`<tr[^>]*id="${id}"[^>]*>([\\s\\S]*?)</tr>`));
  assert.ok(m, `a row ${id} on the page`);
  return { html: m[1], cells: [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1])) };
}

async function apply() {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, straat: freshStreet() });
  assert.equal(r.status, 303);
  return Number(sql(`SELECT max(id) FROM application`));
}

async function reconciliation(c = fin, query = '') {
  const r = await c.get(`/beheer/afstemming${query}`);
  assert.equal(r.status, 200, r.html.slice(0, 300));
  return r.html;
}

// A live batch of payouts made as fixtures.mjs pay() makes one; returns
// { id, number }.
function liveBatch(payoutIds) {
  const finId = staffUser('financien');
  const number = `AFST-${process.pid}-${Date.now()}`.toUpperCase();
  const lines = payoutIds.map((p, i) => `(${i + 1}, ${p})`).join(', ');
  sql(`BEGIN;
    INSERT INTO payout_batch (number, created_by) VALUES ('${number}', ${finId});
    INSERT INTO batch_line (batch_id, line_no, payout_id)
      SELECT b.id, v.n, v.p FROM payout_batch b, (VALUES ${lines}) AS v(n, p) WHERE b.number = '${number}';
    UPDATE payout SET status = 'in_batch' WHERE id IN (${payoutIds.join(',')});
    UPDATE payout_batch SET line_count = ${payoutIds.length},
      total_cents = (SELECT sum(amount_cents) FROM payout WHERE id IN (${payoutIds.join(',')}))
      WHERE number = '${number}';
    COMMIT;`);
  return { id: Number(sql(`SELECT id FROM payout_batch WHERE number = '${number}'`)), number };
}

let openBatch;
let openPayout;

test('per batch: exported beside paid, refused and open; per year the conservation line', async () => {
  const ids = [await apply(), await apply(), await apply(), await apply()];
  const a1 = award(ids[0], { amountCents: 12000 });
  const a2 = award(ids[1], { amountCents: 9000 });
  const a3 = award(ids[2], { amountCents: 8050 });
  const a4 = award(ids[3], { amountCents: 7025 });
  const paidBatch = pay(a1.payoutId);
  // a batch of two: finance refused line 1 and paid line 2 (the result of
  // a batch is imported as a whole: a payout is in_batch exactly while its
  // batch is live)
  const mixed = liveBatch([a2.payoutId, a3.payoutId]);
  const finId = staffUser('financien');
  sql(`BEGIN;
    UPDATE batch_line SET result = 'geweigerd', result_on = current_date, result_reason = 'rekening opgeheven'
      WHERE batch_id = ${mixed.id} AND line_no = 1;
    UPDATE batch_line SET result = 'betaald', result_on = current_date WHERE batch_id = ${mixed.id} AND line_no = 2;
    UPDATE payout SET status = 'mislukt', failed_at = now(), failure_reason = 'rekening opgeheven'
      WHERE id = ${a2.payoutId};
    UPDATE payout SET status = 'betaald', paid_at = now() WHERE id = ${a3.payoutId};
    UPDATE payout_batch SET status = 'imported', imported_by = ${finId}, imported_at = now() WHERE id = ${mixed.id};
    COMMIT;`);
  // and one still waiting for its result
  openBatch = liveBatch([a4.payoutId]);
  openPayout = a4;

  const html = await reconciliation();
  assert.match(html, /<h1[^>]*>Afstemming<\/h1>/);
  assert.match(text(html), /Alles klopt/);
  assert.doesNotMatch(html, /ll-alarm/);

  const paidNumber = sql(`SELECT number FROM payout_batch WHERE id = ${paidBatch.batchId}`);
  // Batch | Gemaakt | Status | Geëxporteerd | Betaald | Mislukt | Open | Teruggezet | Afstemming
  const p = row(html, `batch-${paidNumber}`).cells;
  assert.deepEqual(p.slice(2), ['Verwerkt', `1 (${eur(12000)})`, `1 (${eur(12000)})`, `0 (${eur(0)})`,
    `0 (${eur(0)})`, `0 (${eur(0)})`, 'Klopt']);
  const m = row(html, `batch-${mixed.number}`).cells;
  assert.deepEqual(m.slice(2), ['Verwerkt', `2 (${eur(17050)})`, `1 (${eur(8050)})`, `1 (${eur(9000)})`,
    `0 (${eur(0)})`, `0 (${eur(0)})`, 'Klopt']);
  const o = row(html, `batch-${openBatch.number}`).cells;
  assert.deepEqual(o.slice(2), ['Wacht op resultaat', `1 (${eur(7025)})`, `0 (${eur(0)})`, `0 (${eur(0)})`,
    `1 (${eur(7025)})`, `0 (${eur(0)})`, 'Klopt']);
  // a financien user gets a link to the batch page; no IBANs or names here
  assert.match(row(html, `batch-${openBatch.number}`).html, new RegExp(`href="/beheer/batches/${openBatch.number}"`));
  assert.doesNotMatch(html, /NL91|ABNA|Yıldız/i);

  // the year's line equals the view, to the cent
  const year = Number(sql(`SELECT budget_year FROM award WHERE id = ${a1.awardId}`));
  const [awards, awarded, tb, ib, bt, ml] = sql(`SELECT awards, awarded_cents, te_betalen_cents, in_batch_cents,
    betaald_cents, mislukt_cents FROM budget_year_reconciliation WHERE year = ${year}`).split('|');
  const y = row(html, `jaar-${year}`).cells;
  assert.deepEqual(y, [String(year), `${awards} (${eur(awarded)})`, eur(tb), eur(ib), eur(bt), eur(ml), `${eur(0)}, klopt`]);
  assert.ok(Number(bt) >= 12000 + 8050 && Number(ml) >= 9000 && Number(ib) >= 7025);
});

test('an award without a payout in a private year shows in red with the difference', async () => {
  const appId = await apply();
  const ref = sql(`SELECT reference FROM application WHERE id = ${appId}`);
  const wijk = sql(`SELECT wijk_code FROM application WHERE id = ${appId}`);
  const year = Number(sql(`SELECT y FROM generate_series(2070, 2079) y
    WHERE y NOT IN (SELECT year FROM budget_year) ORDER BY random() LIMIT 1`));
  assert.ok(year >= 2070, 'a free budget year 2070-2079');
  const mk = staffUser('makelaar', wijk);
  let awardId;
  try {
    bypass(`INSERT INTO budget_year (year, city_budget_cents) VALUES (${year}, 1000000);
      INSERT INTO award (application_id, budget_year, wijk_code, amount_cents, default_amount_cents, awarded_by)
        VALUES (${appId}, ${year}, '${wijk}', 4321, 4321, ${mk})`);
    awardId = Number(sql(`SELECT id FROM award WHERE budget_year = ${year}`));
    assert.ok(awardId > 0);

    for (const c of [fin, await staffClient(srv, 'beheerder')]) {
      const html = await reconciliation(c);
      const t = text(html);
      assert.match(t, /Let op: er is een verschil\. 1 begrotingsjaar klopt niet\./);
      const y = row(html, `jaar-${year}`);
      assert.match(y.html, /class="ll-alarm"/);
      assert.equal(y.cells[1], `1 (${eur(4321)})`);
      assert.equal(y.cells[6], `Verschil ${eur(4321)}; 1 toekenningen, 0 uitbetalingen`);
      // the payout involved: the application's reference, no payout, the amount
      const list = html.slice(html.indexOf('Uitbetalingen bij het verschil per jaar'));
      const line = list.match(new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*${ref}[\\s\\S]*?</tr>`));
      assert.ok(line, 'the award is listed');
      assert.equal(text(line[0]),
        `${year} ${ref} geen uitbetaling ${eur(4321)} ${eur(0)} Verschil: Toegekend, maar er is geen uitbetaling.`);
      assert.doesNotMatch(html, /NL91|Yıldız/i);
    }
  } finally {
    bypass(`DELETE FROM award WHERE budget_year = ${year}; DELETE FROM budget_year WHERE year = ${year}`);
  }
  assert.equal(sql(`SELECT count(*) FROM budget_year WHERE year = ${year}`), '0');
  const html = await reconciliation();
  assert.doesNotMatch(html, new RegExp(`jaar-${year}`));
  assert.match(text(html), /Alles klopt/);
});

test('a batch line whose payout left the batch, and control totals off by a cent, show in red', async () => {
  assert.ok(openBatch, 'the first test made a live batch');
  const reference = sql(`SELECT reference FROM payout WHERE id = ${openPayout.payoutId}`);
  try {
    // in_batch -> te_betalen behind the schema's back: money still adds up
    // per year, but the batch says the line is open
    bypass(`UPDATE payout SET status = 'te_betalen' WHERE id = ${openPayout.payoutId};
      UPDATE payout_batch SET total_cents = total_cents + 1 WHERE id = ${openBatch.id}`);
    const html = await reconciliation();
    assert.match(text(html), /Let op: er is een verschil\. 1 betaalbatch klopt niet\./);
    const o = row(html, `batch-${openBatch.number}`);
    assert.match(o.html, /class="ll-alarm"/);
    assert.equal(o.cells[3], `1 (${eur(7026)})`);
    assert.equal(o.cells[8], `Verschil: geëxporteerd 1 regel (${eur(7026)}), in de batch 1 regel (${eur(7025)}), `
      + `verschil ${eur(1)}; 1 regel klopt niet`);
    const list = html.slice(html.indexOf('Uitbetalingen bij het verschil per batch'));
    const line = list.match(new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*${reference}[\\s\\S]*?</tr>`));
    assert.ok(line, 'the payout is listed');
    assert.equal(text(line[0]), `${openBatch.number} 1 ${reference} Te betalen geen ${eur(7025)} Verschil: `
      + 'De batch wacht nog op het resultaat, maar de uitbetaling staat niet op in betaalbatch.');
    assert.equal([...list.matchAll(/Verschil:/g)].length, 1, 'only that payout is listed');
  } finally {
    bypass(`UPDATE payout SET status = 'in_batch' WHERE id = ${openPayout.payoutId};
      UPDATE payout_batch SET total_cents = total_cents - 1 WHERE id = ${openBatch.id}`);
  }
  const html = await reconciliation();
  assert.equal(row(html, `batch-${openBatch.number}`).cells[8], 'Klopt');
  assert.doesNotMatch(html, /ll-alarm/);
});

test('only financien and beheerder; beheerder without batch links; paging', async () => {
  const beheerder = await staffClient(srv, 'beheerder');
  const html = await reconciliation(beheerder);
  assert.match(html, /Per betaalbatch/);
  assert.doesNotMatch(html, /href="\/beheer\/batches\//);
  for (const role of ['makelaar', 'beleid']) {
    const c = await staffClient(srv, role);
    assert.equal((await c.get('/beheer/afstemming')).status, 404, role);
  }
  const anon = await client(srv.url).get('/beheer/afstemming');
  assert.equal(anon.status, 303);
  assert.match(anon.headers.get('location'), /\/inloggen/);
  assert.equal((await fin.get('/beheer/afstemming?pagina=abc')).status, 400);
  assert.equal((await fin.get('/beheer/afstemming?pagina=99999')).status, 404);
  // newest first
  const batches = [...(await reconciliation()).matchAll(/<tr[^>]*id="batch-([^"]+)"/g)].map((m) => m[1]);
  const expected = sql(`SELECT number FROM payout_batch ORDER BY created_at DESC, id DESC LIMIT 25`).split('\n');
  assert.deepEqual(batches, expected);
});
