// A thousand wrong passwords for one account from one address: the
// account and the address are throttled (429 with Retry-After, no password
// checked any more), while a colleague elsewhere logs in as usual and the
// server answers promptly throughout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { makeStaff, STAFF_PASSWORD } from './staff.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_TRUSTED_PROXIES: '127.0.0.1' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

async function loginForm(ip) {
  const r = await fetch(srv.url + '/inloggen', { headers: { 'x-forwarded-for': ip } });
  const html = await r.text();
  return { cookie: r.headers.getSetCookie()[0].split(';')[0], csrf: html.match(/name="csrf" value="([^"]+)"/)[1] };
}

function attempt(f, ip, email, password) {
  return fetch(srv.url + '/inloggen', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie, 'x-forwarded-for': ip },
    body: new URLSearchParams({ csrf: f.csrf, email, wachtwoord: password }).toString(),
  });
}

test('1000 wrong passwords: throttled with 429, and others still log in', async () => {
  const victim = makeStaff('financien');
  const colleague = makeStaff('makelaar');
  const attacker = '203.0.113.7';
  const f = await loginForm(attacker);
  const counts = {};
  const started = Date.now();
  // 20 at a time: the server allows 64 connections per address
  for (let batch = 0; batch < 50; batch++) {
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      attempt(f, attacker, victim.email, `Fout-wachtwoord-${batch}-${i}`)));
    for (const r of rs) {
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      await r.arrayBuffer();
    }
  }
  const floodMs = Date.now() - started;
  // the first few are checked (422); the rest are refused unread
  assert.ok((counts[429] ?? 0) >= 950, JSON.stringify(counts));
  assert.equal((counts[303] ?? 0), 0);
  // even the right password is refused while the block lasts
  let r = await attempt(f, attacker, victim.email, STAFF_PASSWORD);
  assert.equal(r.status, 429);
  assert.match(r.headers.get('retry-after'), /^[1-9][0-9]*$/);
  // a colleague from another address logs in at once
  const t0 = Date.now();
  const g = await loginForm('198.51.100.9');
  r = await attempt(g, '198.51.100.9', colleague.email, STAFF_PASSWORD);
  assert.equal(r.status, 303);
  const loginMs = Date.now() - t0;
  assert.equal((await fetch(srv.url + '/healthz')).status, 200);
  // the record: failures counted, never the passwords
  assert.ok(Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'login.fail'
    AND at > now() - interval '10 minutes'`)) >= 1000);
  assert.ok(!srv.log().includes('Fout-wachtwoord'));
  console.log(`# 1000 attempts in ${floodMs} ms; colleague's login took ${loginMs} ms`);
});
