// /cijfers in a real browser: no axe-core violations (WCAG 2.1 A and AA)
// in Dutch and English, the table is read with its headers, and choosing
// a year works without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axe } from './browser.mjs';
import { startServer } from '../integration/lib.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

for (const [name, path] of [
  ['figures page', '/cijfers'],
  ['figures page (English)', '/cijfers?taal=en'],
]) {
  test(`${name}: no axe-core WCAG 2.1 AA violations`, async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    const resp = await page.goto(srv.url + path);
    assert.equal(resp.status(), 200);
    assert.deepEqual(await axe(page), []);
    const rootClass = await page.$eval('html', (h) => h.className);
    assert.equal(rootClass, 'utrecht-theme utrecht-root');
    await ctx.close();
  });
}

test('the table has a caption and headers, and the year is chosen without JavaScript', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(srv.url + '/cijfers');
  const table = page.getByRole('table', { name: /Cijfers per wijk in \d{4}/ });
  assert.equal(await table.count(), 1);
  assert.equal(await table.getByRole('columnheader').count(), 12);
  // ten wijken and the city, each with a row header
  assert.equal(await table.getByRole('rowheader').count(), 11);
  const select = page.getByLabel('Jaar');
  const options = await select.locator('option').allTextContents();
  assert.ok(options.length >= 1);
  const year = options[options.length - 1];
  await select.selectOption(year);
  await page.getByRole('button', { name: 'Toon de cijfers' }).click();
  await page.waitForURL(`**/cijfers?jaar=${year}`);
  assert.equal(await page.getByRole('table', { name: `Cijfers per wijk in ${year}` }).count(), 1);
  await ctx.close();
});
