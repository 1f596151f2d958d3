// The pages in a real browser (Debian's chromium through playwright-core):
// no accessibility violations found by axe-core (WCAG 2.1 A and AA), the
// skip link works from the keyboard, and nothing needs JavaScript.
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

for (const [name, path, status] of [
  ['landing page', '/', 200],
  ['landing page (English)', '/?taal=en', 200],
  ['privacy statement', '/privacy', 200],
  ['404 page', '/bestaat-niet', 404],
]) {
  test(`${name}: no axe-core WCAG 2.1 AA violations, styled by the NL Design System`, async () => {
    // bypassCSP only so that axe itself can be injected: the site's CSP
    // rightly forbids inline script
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    const resp = await page.goto(srv.url + path);
    assert.equal(resp.status(), status);
    assert.deepEqual(await axe(page), []);
    // the Utrecht theme is applied: the heading uses the design token font
    const font = await page.$eval('h1', (h) => getComputedStyle(h).fontFamily);
    assert.match(font, /Bolder|Source Sans|Arial|sans-serif/i);
    const rootClass = await page.$eval('html', (h) => h.className);
    assert.equal(rootClass, 'utrecht-theme utrecht-root');
    await ctx.close();
  });
}

test('skip link is the first tab stop and leads to the main content', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(srv.url + '/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(focused, 'Ga direct naar de inhoud');
  await page.keyboard.press('Enter');
  // the jump is a navigation: wait for it (a loaded machine is slow)
  await page.waitForURL(/#inhoud$/, { timeout: 5000 });
  assert.ok(page.url().endsWith('#inhoud'));
  await ctx.close();
});

test('the landing page works without JavaScript and shows the way to apply', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(srv.url + '/');
  const link = page.getByRole('link', { name: 'Vraag een potje aan' });
  assert.equal(await link.getAttribute('href'), '/aanvragen');
  assert.equal(await page.title(), 'Lief en Leedstraten - Lief en Leed Utrecht');
  await page.screenshot({ path: `${process.env.LIEFLEED_TEST_TMP ?? '/tmp'}/landing.png`, fullPage: true });
  await ctx.close();
});
