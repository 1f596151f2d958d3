// The second factor: linking an authenticator app, logging in with its
// code, codes that work once, and the setting that makes it compulsory
// for financien and beheerder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer, sql } from './lib.mjs';
import { client, makeStaff, loginAs, STAFF_PASSWORD } from './staff.mjs';

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  sql("UPDATE setting SET value = 'false' WHERE key = 'totp_required'");
  assert.equal(await srv.stop(), 0, srv.log());
});

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s.replace(/\s+/g, '')) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// RFC 6238 with SHA-1, 30 s steps, 6 digits; offset in steps.
function totp(key, offset = 0) {
  const step = BigInt(Math.floor(Date.now() / 1000 / 30) + offset);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(step);
  const mac = crypto.createHmac('sha1', key).update(msg).digest();
  const off = mac[19] & 0x0f;
  const bin = (mac.readUInt32BE(off) & 0x7fffffff) % 1000000;
  return String(bin).padStart(6, '0');
}

const keyOf = (html) => base32Decode(html.match(/class="utrecht-code ll-totp-key">([A-Z2-7 ]+)</)[1]);
const sealedOf = (html) => html.match(/name="sleutel" value="([^"]+)"/)[1];
const stapOf = (html) => html.match(/name="stap" value="([^"]+)"/)[1];

async function enrol(c) {
  const page = await c.get('/beheer/tweestaps');
  assert.equal(page.status, 200);
  const key = keyOf(page.html);
  const r = await c.post('/beheer/tweestaps', { csrf: page.csrf(), sleutel: sealedOf(page.html), code: totp(key) });
  assert.equal(r.status, 303, r.html.slice(0, 500));
  assert.equal(r.location, '/beheer?tweestaps=1');
  return key;
}

test('linking an app: a wrong code stores nothing, the right one stores the secret on the record', async () => {
  const u = makeStaff('makelaar');
  const c = client(srv.url);
  await loginAs(c, u.email);
  const page = await c.get('/beheer/tweestaps');
  assert.equal(page.status, 200);
  assert.match(page.html, /otpauth:\/\/totp\/Lief%20en%20Leed%20Utrecht\?secret=[A-Z2-7]{32}&amp;issuer=/);
  const key = keyOf(page.html);
  assert.equal(key.length, 20);
  const wrong = String((Number(totp(key)) + 1) % 1000000).padStart(6, '0');
  let r = await c.post('/beheer/tweestaps', { csrf: page.csrf(), sleutel: sealedOf(page.html), code: wrong });
  assert.equal(r.status, 422);
  assert.match(r.html, /Deze code klopt niet/);
  assert.equal(sql(`SELECT totp_secret IS NULL FROM staff_user WHERE id = ${u.id}`), 't');
  // a secret sealed for another account is refused
  const other = makeStaff('makelaar');
  const c2 = client(srv.url);
  await loginAs(c2, other.email);
  r = await c2.post('/beheer/tweestaps', { csrf: (await c2.get('/beheer/tweestaps')).csrf(), sleutel: sealedOf(page.html), code: totp(key) });
  assert.equal(r.status, 400);
  assert.equal(sql(`SELECT totp_secret IS NULL FROM staff_user WHERE id = ${other.id}`), 't');
  // without a valid CSRF token nothing happens
  r = await c.post('/beheer/tweestaps', { csrf: 'x', sleutel: sealedOf(page.html), code: totp(key) });
  assert.equal(r.status, 400);
  assert.equal(sql(`SELECT totp_secret IS NULL FROM staff_user WHERE id = ${u.id}`), 't');
  r = await c.post('/beheer/tweestaps', { csrf: page.csrf(), sleutel: sealedOf(page.html), code: totp(key) });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT encode(totp_secret, 'hex') FROM staff_user WHERE id = ${u.id}`), key.toString('hex'));
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'user.totp_enrol' AND actor_user_id = ${u.id}`), '1');
});

test('login with a second factor: the password alone gives no session; the code does, once', async () => {
  const u = makeStaff('financien');
  const c = client(srv.url);
  await loginAs(c, u.email);
  const key = await enrol(c);
  const fresh = client(srv.url);
  const form = await fresh.get('/inloggen');
  let r = await fresh.post('/inloggen', { csrf: form.csrf(), email: u.email, wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 200);
  assert.match(r.html, /Code uit uw app/);
  assert.ok(!fresh.jar.has('ll_sessie'), 'no session before the code');
  assert.ok(!r.html.includes(u.email), 'the e-mail is sealed, not echoed');
  const stap = stapOf(r.html);
  // a wrong code: 422, counted as a failure, still no session
  const bad = ['000000', '111111', '222222'].find((x) => ![-1, 0, 1].some((o) => totp(key, o) === x));
  r = await fresh.post('/inloggen', { csrf: form.csrf(), stap, code: bad });
  assert.equal(r.status, 422);
  assert.match(r.html, /De code klopt niet/);
  assert.ok(!fresh.jar.has('ll_sessie'));
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'login.fail'
    AND object_id = '${u.id}' AND details->>'reason' = 'wrong_code'`), '1');
  // a forged step token
  r = await fresh.post('/inloggen', { csrf: form.csrf(), stap: stap.slice(0, -4) + 'AAAA', code: totp(key) });
  assert.equal(r.status, 422);
  assert.match(r.html, /Log opnieuw in/);
  // the code that linked the app was used then; the app's next one is
  // accepted (one step of drift either way)
  r = await fresh.post('/inloggen', { csrf: form.csrf(), stap, code: totp(key) });
  assert.equal(r.status, 422, 'the enrolment code works only once');
  const code = totp(key, 1);
  r = await fresh.post('/inloggen', { csrf: form.csrf(), stap, code });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/beheer');
  assert.ok(fresh.jar.has('ll_sessie'));
  assert.equal((await fresh.get('/beheer')).status, 200);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'login.success'
    AND actor_user_id = ${u.id} AND details->>'second_factor' = 'true'`), '1');
  // the same code again, in a new login: refused
  const again = client(srv.url);
  const f2 = await again.get('/inloggen');
  r = await again.post('/inloggen', { csrf: f2.csrf(), email: u.email, wachtwoord: STAFF_PASSWORD });
  r = await again.post('/inloggen', { csrf: f2.csrf(), stap: stapOf(r.html), code });
  assert.equal(r.status, 422);
  assert.ok(!again.jar.has('ll_sessie'));
});

test('totp_required: financien and beheerder must link an app first; a makelaar need not', async () => {
  sql("UPDATE setting SET value = 'true' WHERE key = 'totp_required'");
  try {
    const fin = makeStaff('financien');
    const c = client(srv.url);
    await loginAs(c, fin.email);
    let r = await c.get('/beheer');
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/beheer/tweestaps');
    r = await c.get('/beheer/tweestaps');
    assert.equal(r.status, 200);
    assert.match(r.html, /verplicht/);
    await enrol(c);
    assert.equal((await c.get('/beheer')).status, 200);
    const mk = makeStaff('makelaar');
    const m = client(srv.url);
    await loginAs(m, mk.email);
    assert.equal((await m.get('/beheer')).status, 200);
  } finally {
    sql("UPDATE setting SET value = 'false' WHERE key = 'totp_required'");
  }
});

test('a lost phone: the beheerder unlinks the app, on the record; the user logs in with the password again', async () => {
  const u = makeStaff('financien');
  const c = client(srv.url);
  await loginAs(c, u.email);
  await enrol(c);
  const admin = client(srv.url);
  await loginAs(admin, makeStaff('beheerder').email);
  const page = await admin.get(`/beheer/gebruikers/${u.id}`);
  assert.equal(page.status, 200);
  assert.match(page.html, /<dt>Inlogcode-app<\/dt><dd>gekoppeld<\/dd>/);
  const versie = page.html.match(/name="versie" value="([^"]+)"/)[1];
  const r = await admin.post(`/beheer/gebruikers/${u.id}`, {
    csrf: page.csrf(`/beheer/gebruikers/${u.id}`), versie, naam: u.name, rol: 'financien', totp_los: 'ja',
  });
  assert.equal(r.status, 303, r.html.slice(0, 300));
  assert.equal(sql(`SELECT totp_secret IS NULL AND totp_last_step IS NULL FROM staff_user WHERE id = ${u.id}`), 't');
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'user.totp_reset' AND object_id = '${u.id}'`), '1');
  // the session opened with the lost phone ended with it
  assert.equal((await c.get('/beheer')).status, 303);
  const again = client(srv.url);
  await loginAs(again, u.email);
  assert.equal((await again.get('/beheer')).status, 200);
});

test('replacing a linked app needs a code of the app linked now', async () => {
  const u = makeStaff('makelaar');
  const c = client(srv.url);
  await loginAs(c, u.email);
  const oldKey = await enrol(c);
  const page = await c.get('/beheer/tweestaps');
  assert.match(page.html, /Code uit uw huidige app/);
  const newKey = keyOf(page.html);
  const fields = { csrf: page.csrf(), sleutel: sealedOf(page.html), code: totp(newKey) };
  let r = await c.post('/beheer/tweestaps', fields);
  assert.equal(r.status, 422);
  assert.equal(sql(`SELECT encode(totp_secret, 'hex') FROM staff_user WHERE id = ${u.id}`), oldKey.toString('hex'));
  r = await c.post('/beheer/tweestaps', { ...fields, huidige_code: '12345x' });
  assert.equal(r.status, 422);
  assert.match(r.html, /huidige app/);
  // the code that linked the old app was used; its next one is accepted
  r = await c.post('/beheer/tweestaps', { ...fields, huidige_code: totp(oldKey, 1) });
  assert.equal(r.status, 303, r.html.slice(0, 300));
  assert.equal(sql(`SELECT encode(totp_secret, 'hex') FROM staff_user WHERE id = ${u.id}`), newKey.toString('hex'));
  assert.equal(sql(`SELECT details->>'replaced' FROM audit_event WHERE action = 'user.totp_enrol'
    AND actor_user_id = ${u.id} ORDER BY id DESC LIMIT 1`), 'true');
});
