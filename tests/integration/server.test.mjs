// The server core over real HTTP: pages, headers, limits, bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, rawRequest } from './lib.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_MAX_BODY: '4096' });
});
after(async () => {
  const code = await srv.stop();
  assert.equal(code, 0, srv.log());
});

test('landing page in Dutch with the NL Design System layout', async () => {
  const r = await fetch(srv.url + '/');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  const body = await r.text();
  assert.match(body, /<html lang="nl" class="utrecht-theme utrecht-root">/);
  assert.match(body, /<h1 class="utrecht-heading-1">Lief en Leed in uw straat<\/h1>/);
  assert.match(body, /href="#inhoud">Ga direct naar de inhoud<\/a>/);
  assert.match(body, /<main id="inhoud"/);
  assert.match(body, /href="\/aanvragen">Vraag een potje aan<\/a>/);
  assert.match(body, /<footer class="utrecht-page-footer/);
});

test('the landing page in English', async () => {
  const r = await fetch(srv.url + '/?taal=en');
  assert.equal(r.status, 200);
  const body = await r.text();
  assert.match(body, /Lief en Leed in your street/);
  assert.match(body, /href="\/aanvragen\?taal=en">Apply for a potje<\/a>/);
});

test('security headers on every response', async () => {
  for (const p of ['/', '/healthz', '/bestaat-niet']) {
    const r = await fetch(srv.url + p);
    const csp = r.headers.get('content-security-policy');
    assert.ok(csp.includes("default-src 'none'"), p);
    assert.ok(csp.includes("frame-ancestors 'none'"), p);
    assert.ok(!csp.includes('unsafe-inline'), p);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', p);
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer', p);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', p);
    await r.arrayBuffer();
  }
});

test('stylesheets are served under hashed names with long caching', async () => {
  const body = await (await fetch(srv.url + '/')).text();
  const links = [...body.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
  assert.equal(links.length, 3);
  for (const href of links) {
    assert.match(href, /^\/static\/[a-z-]+\.[0-9a-f]{10}\.css$/);
    const r = await fetch(srv.url + href);
    assert.equal(r.status, 200, href);
    assert.equal(r.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const css = await r.text();
    assert.ok(css.length > 100, href);
  }
  const components = links.find((l) => l.includes('utrecht-components'));
  assert.ok((await (await fetch(srv.url + components)).text()).includes('.utrecht-heading-1'));
  const stale = await fetch(srv.url + '/static/liefleed.0000000000.css');
  assert.equal(stale.status, 404);
  await stale.text();
});

test('healthz is 200 with the database up', async () => {
  const r = await fetch(srv.url + '/healthz');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ok\n');
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('unknown path: friendly 404 page in the layout', async () => {
  const r = await fetch(srv.url + '/bestaat/niet');
  assert.equal(r.status, 404);
  const body = await r.text();
  assert.match(body, /Deze pagina bestaat niet/);
  assert.match(body, /<p class="utrecht-paragraph" lang="en">In English: This page does not exist\./);
  assert.match(body, /utrecht-theme/);
  assert.match(body, /Naar de startpagina/);
});

test('wrong method: 405 with Allow', async () => {
  const r = await fetch(srv.url + '/', { method: 'POST', body: 'a=1' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  assert.match(await r.text(), /Dit kan hier niet/);
  const d = await fetch(srv.url + '/healthz', { method: 'DELETE' });
  assert.equal(d.status, 405);
  await d.text();
});

test('HEAD answers like GET without a body', async () => {
  const r = await rawRequest(srv.port, 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(r.status, 200);
  assert.equal(r.body, '');
});

test('body over the limit: 413 in the layout', async () => {
  const big = 'x'.repeat(5000);
  const r = await fetch(srv.url + '/', { method: 'POST', body: big });
  assert.equal(r.status, 413);
  assert.match(await r.text(), /Wat u stuurt is te groot/);
  // chunked, so no Content-Length tells in advance
  const chunk = 'x'.repeat(3000);
  const raw = await rawRequest(
    srv.port,
    'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
      `${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
  );
  assert.ok([405, 413].includes(raw.status), String(raw.status));
});

test('malformed percent-encoding and invalid UTF-8: 400, never a crash', async () => {
  for (const target of ['/%zz', '/abc%4', '/?q=%', '/?naam=%ff%fe', '/%C0%AF', '/a%00b']) {
    const r = await rawRequest(srv.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.equal(r.status, 400, target);
    assert.match(r.body, /Dit adres klopt niet/, target);
  }
  const ok = await fetch(srv.url + '/?naam=Jos%C3%A9');
  assert.equal(ok.status, 200);
  await ok.text();
});

test('oversized request headers are refused, the server keeps serving', async () => {
  const r = await rawRequest(
    srv.port,
    `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40000)}\r\nConnection: close\r\n\r\n`,
  );
  assert.ok([400, 413, 414, 431].includes(r.status) || r.status === 0, String(r.status));
  const ok = await fetch(srv.url + '/healthz');
  assert.equal(ok.status, 200);
  await ok.text();
});

test('keep-alive: several requests on one connection', async () => {
  const req = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const r = await rawRequest(srv.port, req + req + req.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
  assert.equal((r.raw.match(/HTTP\/1\.1 200/g) ?? []).length, 3);
});

test('access log: one line per request, path without query, no personal data', async () => {
  const r = await fetch(srv.url + '/?email=iemand%40example.nl&iban=NL91ABNA0417164300');
  await r.text();
  const nf = await fetch(srv.url + '/iemand@example.nl');
  await nf.text();
  // access lines are written out at least every 200 ms
  await new Promise((res) => setTimeout(res, 500));
  const log = srv.log();
  assert.match(log, /access GET \/ 200 \d+ \d+us/);
  assert.match(log, /access GET \(onbekend\) 404 \d+ \d+us/);
  assert.ok(!log.includes('example.nl'), 'e-mail address in the log');
  assert.ok(!log.includes('NL91ABNA'), 'IBAN in the log');
});

test('connections per client address are limited; the server keeps serving others', async () => {
  const { startServer: start } = await import('./lib.mjs');
  const net = await import('node:net');
  const s = await start({ LIEFLEED_MAX_CONNECTIONS_PER_IP: '2' });
  try {
    const open = () =>
      new Promise((resolve) => {
        const c = net.connect(s.port, '127.0.0.1');
        c.on('connect', () => resolve(c));
      });
    const a = await open();
    const b = await open();
    await new Promise((r) => setTimeout(r, 100));
    const third = await fetch(s.url + '/healthz').then((r) => r.status, () => 'refused');
    assert.equal(third, 'refused');
    a.destroy();
    b.destroy();
    await new Promise((r) => setTimeout(r, 200));
    const again = await fetch(s.url + '/healthz');
    assert.equal(again.status, 200);
    await again.text();
  } finally {
    assert.equal(await s.stop(), 0, s.log());
  }
});

test('an idle connection is closed after LIEFLEED_IDLE_TIMEOUT', async () => {
  const { startServer: start } = await import('./lib.mjs');
  const net = await import('node:net');
  const s = await start({ LIEFLEED_IDLE_TIMEOUT: '1' });
  try {
    const c = net.connect(s.port, '127.0.0.1');
    const t0 = Date.now();
    await new Promise((r) => c.on('close', r));
    const waited = Date.now() - t0;
    assert.ok(waited >= 900 && waited < 5000, `closed after ${waited} ms`);
  } finally {
    assert.equal(await s.stop(), 0, s.log());
  }
});
