// The application form in a real browser: axe-core finds no WCAG 2.1 A/AA
// violations in its empty, error and success states (Dutch and English),
// a keyboard-only resident can fill it in and send it, and all of it
// works with JavaScript switched off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axe } from './browser.mjs';
import { startServer, sql } from '../integration/lib.mjs';
import { GOOD, openForm, submit } from '../integration/form.mjs';
import { awardAndPay, day, freshStreet } from '../integration/fixtures.mjs';

const shots = process.env.LIEFLEED_TEST_TMP ?? '/tmp';

let srv, browser;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

// axe needs script; the site's CSP forbids inline script, so bypass it for
// the measurement only. Everything else runs with JavaScript off.
const axeContext = () => browser.newContext({ bypassCSP: true });
const noJsContext = () => browser.newContext({ javaScriptEnabled: false });

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) await page.fill(`#${name}`, value);
}

const resident = {
  naam: 'Łukasz Brzęczyszczykiewicz',
  email: 'lukasz@example.nl',
  straat: 'Verdilaan',
  huisnummer: '7a',
  postcode: '3511AB',
  huishoudens: '25',
  plan: 'Een welkom voor nieuwe buren en bloemen bij ziekte.',
  iban: 'NL91ABNA0417164300',
  rekeninghouder: 'Ł. Brzęczyszczykiewicz',
};

for (const lang of ['nl', 'en']) {
  test(`form (${lang}): empty, with errors and after sending, no axe violations`, async () => {
    const ctx = await axeContext();
    const page = await ctx.newPage();
    await page.goto(srv.url + '/aanvragen' + (lang === 'en' ? '?taal=en' : ''));
    assert.deepEqual(await axe(page), [], 'empty form');
    await page.click('button[type=submit]');
    await page.waitForSelector('#foutoverzicht');
    assert.deepEqual(await axe(page), [], 'form with errors');
    await page.screenshot({ path: `${shots}/form-errors-${lang}.png`, fullPage: true });
    await fill(page, resident);
    await page.check('#akkoord');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/status\//);
    assert.match(await page.textContent('h1'), /LL-\d{4}-\d{5}/);
    assert.deepEqual(await axe(page), [], 'status page after sending');
    await page.screenshot({ path: `${shots}/status-${lang}.png`, fullPage: true });
    // the status page's own forms in their error state
    await page.click('form:has(input[value=intrekken]) button[type=submit]');
    await page.waitForSelector('#zeker[aria-invalid=true]');
    assert.deepEqual(await axe(page), [], 'status page with an error');
    await ctx.close();
  });
}

test('keyboard only, JavaScript off: fill in and send the form', async () => {
  const ctx = await noJsContext();
  const page = await ctx.newPage();
  await page.goto(srv.url + '/aanvragen');
  const name = 'Toetsenbord Gebruiker';
  // Tab from the top of the page to the first field, then type and tab on
  await page.focus('#naam');
  await page.keyboard.type(name);
  const order = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement.id || document.activeElement.tagName);
    order.push(id);
    const values = { email: 'toets@example.nl', straat: 'Verdilaan', huisnummer: '3', postcode: '3511 AB',
      huishoudens: '12', plan: 'Kaartjes en bloemen voor de buren als dat nodig is.', iban: 'NL91 ABNA 0417 1643 00',
      rekeninghouder: name };
    if (values[id]) await page.keyboard.type(values[id]);
    if (id === 'akkoord') await page.keyboard.press('Space');
    if (id === 'BUTTON') break;
  }
  assert.ok(!order.includes('website'), 'the honeypot is not in the tab order');
  assert.equal(order.at(-1), 'BUTTON', order.join(','));
  await Promise.all([page.waitForURL(/\/status\//), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('main'), /Bedankt, uw aanvraag is verstuurd/);
  assert.equal(sql(`SELECT count(*) FROM organiser WHERE name = '${name}'`), '1');
  await ctx.close();
});

// A potje filed over HTTP, then awarded and paid five days ago (fixture).
async function paidPotje(naam) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, straat: freshStreet(), naam });
  assert.equal(r.status, 303);
  const path = r.headers.get('location').split('?')[0];
  const id = sql(`SELECT a.id FROM application a JOIN organiser o ON o.id = a.organiser_id WHERE o.name = '${naam}'`);
  awardAndPay(id, { paidOn: day(-5) });
  return path;
}

test('spending report and follow-up form: no axe violations in any state', async () => {
  const path = await paidPotje('Browser Kostenoverzicht');
  const ctx = await axeContext();
  const page = await ctx.newPage();
  await page.goto(srv.url + path);
  assert.deepEqual(await axe(page), [], 'report, no lines yet');
  const add = 'form:has(input[value=uitgave]) button[type=submit]';
  await page.fill('#datum', day(1, 'nl'));
  await page.selectOption('#soort', 'birth');
  await page.fill('#bedrag', '12,505');
  await page.click(add);
  await page.waitForSelector('#bedrag[aria-invalid=true]');
  assert.deepEqual(await axe(page), [], 'report with errors');
  await page.fill('#datum', day(-1, 'nl'));
  await page.fill('#bedrag', '12,50');
  await page.fill('#toelichting', 'bloemen');
  await Promise.all([page.waitForURL(/gedaan=uitgave/), page.click(add)]);
  assert.deepEqual(await axe(page), [], 'report with a line');
  await page.screenshot({ path: `${shots}/status-report.png`, fullPage: true });
  await Promise.all([page.waitForURL(/gedaan=kosten/),
    page.click('form:has(input[value=kosten_insturen]) button[type=submit]')]);
  assert.deepEqual(await axe(page), [], 'report sent in, follow-up offered');
  await Promise.all([page.waitForURL(/\/aanvragen\?vervolg=/), page.click('a[href^="/aanvragen?vervolg="]')]);
  assert.match(await page.textContent('h1'), /Nieuw potje aanvragen/);
  assert.deepEqual(await axe(page), [], 'follow-up form');
  await page.screenshot({ path: `${shots}/follow-up-form.png`, fullPage: true });
  await ctx.close();
});

test('spending report with JavaScript off: add, remove and send in by keyboard and forms', async () => {
  const path = await paidPotje('Zonder Script Kosten');
  const ctx = await noJsContext();
  const page = await ctx.newPage();
  await page.goto(srv.url + path);
  await page.fill('#datum', day(-2, 'nl'));
  await page.selectOption('#soort', 'get_together');
  await page.fill('#bedrag', '40');
  await Promise.all([page.waitForURL(/gedaan=uitgave/), page.press('#bedrag', 'Enter')]);
  assert.match(await page.textContent('main'), /Samenkomst/);
  await Promise.all([page.waitForURL(/gedaan=uitgave_weg/), page.click('text=Verwijder nr. 1')]);
  assert.match(await page.textContent('main'), /U heeft nog geen uitgaven ingevuld/);
  await page.fill('#datum', day(0, 'nl'));
  await page.selectOption('#soort', 'illness');
  await page.fill('#bedrag', '25');
  await Promise.all([page.waitForURL(/gedaan=uitgave/), page.press('#bedrag', 'Enter')]);
  await Promise.all([page.waitForURL(/gedaan=kosten/),
    page.click('form:has(input[value=kosten_insturen]) button[type=submit]')]);
  assert.match(await page.textContent('main'), /Uw kostenoverzicht is ingestuurd/);
  await ctx.close();
});

test('a question of the makelaar: shown, answered with JavaScript off, no axe violations', async () => {
  const { staffUser } = await import('../integration/fixtures.mjs');
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, naam: 'Browser Vraag', straat: freshStreet() });
  assert.equal(r.status, 303);
  const path = r.headers.get('location').split('?')[0];
  const id = sql("SELECT a.id FROM application a JOIN organiser o ON o.id = a.organiser_id WHERE o.name = 'Browser Vraag'");
  const mk = staffUser('makelaar', sql(`SELECT wijk_code FROM application WHERE id = ${id}`));
  sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${id}`);
  sql(`UPDATE application SET status = 'aanvulling_gevraagd' WHERE id = ${id}`);
  sql(`INSERT INTO application_message (application_id, author, staff_user_id, body) VALUES (${id}, 'staff', ${mk}, 'Hoeveel buren doen mee?')`);
  const a = await axeContext();
  const ap = await a.newPage();
  await ap.goto(srv.url + path);
  assert.match(await ap.textContent('main'), /Hoeveel buren doen mee\?/);
  assert.deepEqual(await axe(ap), [], 'status page with a question');
  await a.close();
  const ctx = await noJsContext();
  const page = await ctx.newPage();
  await page.goto(srv.url + path);
  await page.fill('#antwoord', 'Acht buren doen mee.');
  await Promise.all([page.waitForURL(/gedaan=antwoord/), page.click('form:has(input[value=antwoorden]) button[type=submit]')]);
  assert.match(await page.textContent('main'), /Bedankt voor uw antwoord/);
  assert.equal(sql(`SELECT status FROM application WHERE id = ${id}`), 'in_behandeling');
  await ctx.close();
});
