// Faults: the database going away and coming back, bad configuration,
// a busy port, SIGTERM with a request in flight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, freePort, rawRequest, waitFor, run, TMP } from './lib.mjs';

// A cluster of its own, since these tests stop and start it.
const dir = path.join(TMP, 'pg-faults');
const pg = (...a) => execFileSync('scripts/pg.sh', a, { encoding: 'utf8' }).trim();
let url;

before(() => {
  pg('start', dir);
  url = pg('url', dir);
  const m = run(['migrate'], { LIEFLEED_DATABASE_URL: url });
  assert.equal(m.code, 0, m.stderr);
});
after(() => pg('stop', dir));

test('database down while serving: 503 from healthz, pages without data still served, recovery after restart', async () => {
  const srv = await startServer({ LIEFLEED_DATABASE_URL: url, LIEFLEED_HEALTH_CACHE_MS: '0' });
  try {
    let r = await fetch(srv.url + '/healthz');
    assert.equal(r.status, 200);
    await r.text();
    pg('stop', dir);
    r = await fetch(srv.url + '/healthz');
    assert.equal(r.status, 503);
    assert.equal(await r.text(), 'database niet bereikbaar\n');
    r = await fetch(srv.url + '/');
    assert.equal(r.status, 200);
    await r.text();
    pg('start', dir);
    await waitFor(async () => {
      const h = await fetch(srv.url + '/healthz');
      await h.text();
      return h.status === 200;
    });
  } finally {
    assert.equal(await srv.stop(), 0, srv.log());
  }
});

test('PostgreSQL restarted under a running server: the next health check is fine', async () => {
  const srv = await startServer({ LIEFLEED_DATABASE_URL: url, LIEFLEED_WORKERS: '1', LIEFLEED_HEALTH_CACHE_MS: '0' });
  try {
    const r1 = await fetch(srv.url + '/healthz');
    assert.equal(r1.status, 200);
    await r1.text();
    pg('restart', dir);
    // the pooled connection is dead; the server must notice and reconnect
    const r2 = await fetch(srv.url + '/healthz');
    assert.equal(r2.status, 200, srv.log());
    await r2.text();
  } finally {
    assert.equal(await srv.stop(), 0, srv.log());
  }
});

test('database down at start: one clear line, retries, serves once it is up', async () => {
  pg('stop', dir);
  const srv = await startServer({ LIEFLEED_DATABASE_URL: url, LIEFLEED_DB_RETRY: '1', LIEFLEED_HEALTH_CACHE_MS: '0' }, { waitReady: false });
  try {
    await waitFor(() => srv.log().includes('database niet bereikbaar'));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(srv.proc.exitCode, null, 'server gave up');
    assert.equal(srv.log().split('\n').filter((l) => l.includes('database niet bereikbaar')).length, 1);
    pg('start', dir);
    await waitFor(() => srv.log().includes('luistert op'));
    const r = await fetch(srv.url + '/healthz');
    assert.equal(r.status, 200);
    await r.text();
  } finally {
    assert.equal(await srv.stop(), 0, srv.log());
  }
});

test('a schema that is behind: serve refuses with a clear line', async () => {
  const sqlDir = path.join(TMP, 'sql-ahead');
  fs.rmSync(sqlDir, { recursive: true, force: true });
  fs.cpSync('sql', sqlDir, { recursive: true });
  fs.writeFileSync(path.join(sqlDir, '999_later.sql'), 'CREATE TABLE later_test (id int);\n');
  const srv = await startServer({ LIEFLEED_DATABASE_URL: url, LIEFLEED_SQL_DIR: sqlDir }, { waitReady: false });
  const code = await srv.exited;
  assert.equal(code, 1);
  assert.match(srv.log(), /1 migratie\(s\) nog niet toegepast/);
});

test('port already in use: one clear line and exit 1', async () => {
  const srv = await startServer({ LIEFLEED_DATABASE_URL: url, LIEFLEED_HEALTH_CACHE_MS: '0' });
  try {
    const r = run(['serve'], { LIEFLEED_DATABASE_URL: url, LIEFLEED_LISTEN: `127.0.0.1:${srv.port}` });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is al in gebruik \(address already in use\)/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  } finally {
    assert.equal(await srv.stop(), 0);
  }
});

test('unwritable data directory: one clear line and exit 1', async () => {
  const file = path.join(TMP, 'not-a-dir');
  fs.writeFileSync(file, 'x');
  const port = await freePort();
  const r = run(['serve'], {
    LIEFLEED_DATABASE_URL: url,
    LIEFLEED_LISTEN: `127.0.0.1:${port}`,
    LIEFLEED_DATA_DIR: path.join(file, 'data'),
  });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /LIEFLEED_DATA_DIR .* kan niet worden gemaakt/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test('bad connection string: one clear line and exit 1', async () => {
  const port = await freePort();
  const r = run(['serve'], { LIEFLEED_DATABASE_URL: 'host= = nonsense', LIEFLEED_LISTEN: `127.0.0.1:${port}` });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /LIEFLEED_DATABASE_URL is geen geldige verbindingstekst/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test('bad setting value: exit 2 naming the variable', () => {
  const r = run(['serve'], { LIEFLEED_WORKERS: 'veel' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /LIEFLEED_WORKERS: ongeldige waarde/);
});

test('SIGTERM finishes the request in flight, then exits 0', async () => {
  const srv = await startServer({ LIEFLEED_DATABASE_URL: url, LIEFLEED_HEALTH_CACHE_MS: '0' });
  const net = await import('node:net');
  const sock = net.connect(srv.port, '127.0.0.1');
  await new Promise((r) => sock.on('connect', r));
  let answer = '';
  sock.on('data', (d) => (answer += d));
  const closed = new Promise((r) => sock.on('close', r));
  // the request has begun (request line and a header) but is not complete
  sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
  await new Promise((r) => setTimeout(r, 200));
  srv.proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(srv.proc.exitCode, null, 'exited with a request in flight');
  sock.write('Connection: close\r\n\r\n');
  await closed;
  assert.match(answer, /^HTTP\/1\.1 200/);
  assert.equal(await srv.exited, 0, srv.log());
  // and nothing listens any more
  await assert.rejects(rawRequest(srv.port, 'GET / HTTP/1.1\r\n\r\n', { timeout: 500 }));
});

test('healthz reuses a recent answer (LIEFLEED_HEALTH_CACHE_MS) and notices an outage after it', async () => {
  const srv = await startServer({ LIEFLEED_DATABASE_URL: url, LIEFLEED_HEALTH_CACHE_MS: '700' });
  try {
    let r = await fetch(srv.url + '/healthz');
    assert.equal(r.status, 200);
    await r.text();
    pg('stop', dir);
    await waitFor(async () => {
      const h = await fetch(srv.url + '/healthz');
      await h.text();
      return h.status === 503;
    }, 5000);
    pg('start', dir);
    await waitFor(async () => {
      const h = await fetch(srv.url + '/healthz');
      await h.text();
      return h.status === 200;
    }, 5000);
  } finally {
    assert.equal(await srv.stop(), 0, srv.log());
  }
});
