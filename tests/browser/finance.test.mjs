// Finance in a real browser: a financien user sees what is ready to pay,
// makes a batch, downloads its three files, uploads the bank's result with
// paid and refused rows, checks the preview, applies it, and finds the
// batch balanced on the reconciliation page. Every page: no axe-core WCAG
// 2.1 A/AA violations and no script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, axe } from './browser.mjs';
import { startServer, sql, TMP } from '../integration/lib.mjs';
import { GOOD, openForm, submit } from '../integration/form.mjs';
import { award, freshStreet } from '../integration/fixtures.mjs';
import { makeStaff, STAFF_PASSWORD } from '../integration/staff.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  browser = await launch();
  sql(`UPDATE setting SET value = 'NL91ABNA0417164300' WHERE key = 'debtor_iban' AND value = ''`);
});
after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

async function clean(page, what) {
  assert.equal(await page.locator('script').count(), 0, `no script on ${what}`);
  assert.deepEqual(await axe(page), [], `axe on ${what}`);
}

test('a financien user pays a batch from start to reconciliation', async () => {
  // two awarded potjes waiting for payment
  for (const naam of ['Financien Een', 'Financien Twee']) {
    const f = await openForm(srv.url);
    assert.equal((await submit(srv.url, f, { ...GOOD, naam, straat: freshStreet() })).status, 303);
    award(Number(sql('SELECT max(id) FROM application')));
  }
  const fin = makeStaff('financien');
  const ctx = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(srv.url + '/inloggen');
  await page.getByLabel('E-mailadres').fill(fin.email);
  await page.getByLabel('Wachtwoord').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  const nav = page.getByRole('navigation', { name: 'Beheer' });

  await nav.getByRole('link', { name: 'Betalingen' }).click();
  await clean(page, 'Betalingen');
  await page.getByRole('button', { name: 'Betaalbatch maken' }).click();
  const number = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  assert.match(number, /^BT-\d{4}-\d{5}$/);
  await clean(page, 'the batch page');
  const lines = Number(sql(`SELECT line_count FROM payout_batch WHERE number = '${number}'`));
  assert.ok(lines >= 2);

  // the three files, each as stored
  const files = {};
  for (const ext of ['csv', 'xml', 'pdf']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`a[href$="betaalbatch-${number}.${ext}"]`).click(),
    ]);
    const file = path.join(TMP, `browser-${number}.${ext}`);
    await download.saveAs(file);
    files[ext] = fs.readFileSync(file);
  }
  const sha = (col) => sql(`SELECT encode(${col}, 'hex') FROM payout_batch WHERE number = '${number}'`);
  const hex = (b) => execFileSync('sha256sum', { input: b }).toString().split(' ')[0];
  assert.equal(hex(files.csv), sha('csv_sha256'));
  assert.equal(hex(files.xml), sha('sepa_sha256'));
  assert.equal(hex(files.pdf), sha('statement_sha256'));
  execFileSync('xmllint', ['--noout', '--schema', '../shared/data/pain.001.001.03.xsd',
    path.join(TMP, `browser-${number}.xml`)], { stdio: 'pipe' });

  // the bank's answer: the first line refused, the others paid
  const rows = files.csv.toString('utf8').split('\r\n').slice(1).filter(Boolean).map((l) => l.split(';'));
  const today = sql(`SELECT to_char(now() AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY')`);
  const result = ['referentie;status;datum;bedrag;reden',
    ...rows.map((r, i) => `${r[2]};${i === 0 ? 'geweigerd' : 'betaald'};${today};${r[6]};${i === 0 ? 'rekening opgeheven' : ''}`)]
    .join('\r\n') + '\r\n';
  const resultFile = path.join(TMP, `browser-result-${number}.csv`);
  fs.writeFileSync(resultFile, result);

  await nav.getByRole('link', { name: 'Resultaat inlezen' }).click();
  await clean(page, 'Resultaat inlezen');
  await page.getByLabel('Resultaatbestand').setInputFiles(resultFile);
  await page.getByRole('button', { name: 'Bestand controleren' }).click();
  await clean(page, 'the preview');
  assert.equal(sql(`SELECT status FROM payout_batch WHERE number = '${number}'`), 'live', 'nothing applied at preview');
  await page.getByRole('button', { name: 'Verwerken' }).click();
  await clean(page, 'the import result');
  assert.equal(sql(`SELECT status FROM payout_batch WHERE number = '${number}'`), 'imported');
  assert.equal(sql(`SELECT string_agg(p.status, ',' ORDER BY l.line_no) FROM batch_line l
    JOIN payout_batch b ON b.id = l.batch_id JOIN payout p ON p.id = l.payout_id WHERE b.number = '${number}'`),
  ['mislukt', ...Array(lines - 1).fill('betaald')].join(','));

  await nav.getByRole('link', { name: 'Afstemming' }).click();
  await clean(page, 'Afstemming');
  const row = page.locator('tr', { hasText: number });
  assert.match(await row.innerText(), /Klopt/);
  await ctx.close();
});
