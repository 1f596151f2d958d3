// The staff side in a real browser: two makelaars of different wijken, a
// beheerder and a beleid user each log in and do their work the way a
// person would, and every page they see has no axe-core WCAG 2.1 A/AA
// violations. The pages carry no script at all (checked on each), so what
// works here works with JavaScript off; axe itself needs it on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axe } from './browser.mjs';
import { startServer, sql } from '../integration/lib.mjs';
import { GOOD, openForm, submit } from '../integration/form.mjs';
import { ensureBudget, freshStreet } from '../integration/fixtures.mjs';
import { makeStaff, STAFF_PASSWORD } from '../integration/staff.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

// A browser of its own for one staff member, logged in through the form.
async function loggedIn(user) {
  const ctx = await browser.newContext({ bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(srv.url + '/inloggen');
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByLabel('Wachtwoord').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  assert.equal(new URL(page.url()).pathname, '/beheer');
  return { ctx, page };
}

async function clean(page, what) {
  assert.equal(await page.locator('script').count(), 0, `no script on ${what}`);
  assert.deepEqual(await axe(page), [], `axe on ${what}`);
}

async function fileIn(street) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, straat: street, naam: 'Browser Proef' });
  assert.equal(r.status, 303);
  return sql(`SELECT id || '|' || reference || '|' || wijk_code FROM application ORDER BY id DESC LIMIT 1`).split('|');
}

test('a makelaar reviews and awards an application; a makelaar of another wijk cannot see it', async () => {
  const street = freshStreet();
  const [id, ref, wijk] = await fileIn(street);
  const other = wijk === '01' ? '02' : '01';
  ensureBudget(Number(sql(`SELECT date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')::int`)), wijk, 100000);
  const mk = makeStaff('makelaar', { wijk });
  const { ctx, page } = await loggedIn(mk);
  await clean(page, '/beheer (makelaar)');
  await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Aanvragen', exact: true }).click();
  assert.equal(new URL(page.url()).pathname, '/beheer/aanvragen');
  await clean(page, 'the queue');
  // the queue is oldest first and 50 a page: after the other suites this
  // new application may be on a later page, so it is opened by its address
  await page.goto(`${srv.url}/beheer/aanvragen/${id}`);
  assert.ok((await page.content()).includes(ref));
  await clean(page, 'the application page');
  await page.getByRole('button', { name: 'In behandeling nemen' }).click();
  assert.equal(sql(`SELECT status FROM application WHERE id = ${id}`), 'in_behandeling');
  await page.goto(`${srv.url}/beheer/aanvragen/${id}`);
  await page.getByRole('link', { name: 'Toekennen' }).click();
  await clean(page, 'the award form');
  // a lower amount without a reason: the form again, with the error linked
  await page.getByLabel('Bedrag in euro').fill('100,00');
  await page.getByRole('button', { name: 'Toekennen' }).click();
  await clean(page, 'the award form with an error');
  assert.equal(sql(`SELECT count(*) FROM award WHERE application_id = ${id}`), '0');
  await page.getByLabel('Bedrag in euro').fill('150,00');
  await page.getByRole('button', { name: 'Toekennen' }).click();
  assert.equal(sql(`SELECT status FROM application WHERE id = ${id}`), 'toegekend');
  assert.equal(sql(`SELECT p.status || ' ' || p.amount_cents FROM payout p JOIN award a ON a.id = p.award_id
    WHERE a.application_id = ${id}`), 'te_betalen 15000');
  await clean(page, 'the application page after the award');
  await ctx.close();

  const mk2 = makeStaff('makelaar', { wijk: other });
  const b = await loggedIn(mk2);
  const r = await b.page.goto(`${srv.url}/beheer/aanvragen/${id}`);
  assert.equal(r.status(), 404);
  await b.page.goto(`${srv.url}/beheer/aanvragen`);
  assert.ok(!(await b.page.content()).includes(ref), 'not in the other wijk\'s queue');
  await b.ctx.close();
});

test('a beheerder finds users, budgets, settings, streets and the audit log', async () => {
  const { ctx, page } = await loggedIn(makeStaff('beheerder'));
  for (const [link, path] of [['Gebruikers', '/beheer/gebruikers'], ['Begroting', '/beheer/begroting'],
    ['Instellingen', '/beheer/instellingen'], ['Straten', '/beheer/straten'], ['Auditlog', '/beheer/audit'],
    ['Inlogcode-app', '/beheer/tweestaps']]) {
    await page.getByRole('link', { name: link, exact: true }).first().click();
    assert.equal(new URL(page.url()).pathname, path);
    await clean(page, path);
  }
  await ctx.close();
});

test('a beleid user logs in and is offered no personal data', async () => {
  const { ctx, page } = await loggedIn(makeStaff('beleid'));
  await clean(page, '/beheer (beleid)');
  for (const path of ['/beheer/aanvragen', '/beheer/straten', '/beheer/gebruikers', '/beheer/audit']) {
    const r = await page.goto(srv.url + path);
    assert.equal(r.status(), 404, path);
  }
  await ctx.close();
});
