// Staff login, the session cookie, /beheer and logout: one message for
// every wrong answer, throttling, idle and absolute expiry, on the record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer, sql, run } from './lib.mjs';

const PW = 'Zonnebloem-Kade-42';
const tag = crypto.randomBytes(4).toString('hex');
const EMAIL = `beheer-${tag}@example.nl`;
const NAME = 'Beheerder Inlog';
let srv;

function addUser(email, name, role = 'beheerder', wijk = []) {
  const args = ['user', 'add', '--email', email, '--name', name, '--role', role];
  if (wijk.length) args.push('--wijk', wijk.join(','));
  const r = run(args, {}, PW + '\n');
  assert.equal(r.code, 0, r.stderr);
  return sql(`SELECT id FROM staff_user WHERE lower(email) = lower('${email}')`);
}

before(async () => {
  srv = await startServer();
  addUser(EMAIL, NAME);
  sql('DELETE FROM login_throttle');
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
  assert.ok(!srv.log().includes(PW), 'the password is never in the server log');
});

const cookieOf = (r, name) => {
  for (const c of r.headers.getSetCookie()) if (c.startsWith(name + '=')) return c;
  return null;
};

// GET the login form: { cookie, csrf, html }.
async function openLogin() {
  const r = await fetch(srv.url + '/inloggen');
  assert.equal(r.status, 200);
  const html = await r.text();
  const cookie = cookieOf(r, 'll_form').split(';')[0];
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  return { cookie, csrf, html };
}

async function post(path, fields, cookie) {
  return fetch(srv.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

async function login(email, password, extraCookie = '') {
  const f = await openLogin();
  const cookie = f.cookie + (extraCookie ? '; ' + extraCookie : '');
  const r = await post('/inloggen', { csrf: f.csrf, email, wachtwoord: password }, cookie);
  const sess = cookieOf(r, 'll_sessie');
  return { r, form: f, setCookie: sess, session: sess ? sess.split(';')[0] : null };
}

const get = (path, cookie) =>
  fetch(srv.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });

const hashOf = (session) =>
  crypto.createHash('sha256').update(Buffer.from(session.split('=')[1], 'base64url')).digest('hex');

test('the login form renders with e-mail, password and a CSRF token', async () => {
  const f = await openLogin();
  assert.match(f.html, /<h1[^>]*>Inloggen<\/h1>/);
  assert.match(f.html, /type="email"[^>]*name="email"/);
  assert.match(f.html, /type="password"[^>]*name="wachtwoord"[^>]*autocomplete="current-password"/);
  assert.match(f.html, /<label class="utrecht-form-label" for="wachtwoord">Wachtwoord<\/label>/);
});

test('wrong password and unknown account: the same status and message', async () => {
  const a = await login(EMAIL, 'Verkeerd-wachtwoord-1');
  const b = await login(`niemand-${tag}@example.nl`, PW);
  assert.equal(a.r.status, 422);
  assert.equal(b.r.status, a.r.status);
  const ta = await a.r.text();
  const tb = await b.r.text();
  assert.match(ta, /E-mailadres of wachtwoord klopt niet\./);
  assert.match(tb, /E-mailadres of wachtwoord klopt niet\./);
  assert.equal(a.session, null);
  assert.equal(b.session, null);
  // the e-mail is kept, the password never written back
  assert.ok(ta.includes(`value="${EMAIL}"`));
  assert.ok(!tb.includes(PW));
  const fails = sql(
    `SELECT string_agg(details->>'reason', ',' ORDER BY id) FROM audit_event WHERE action = 'login.fail' AND actor_kind = 'anonymous'`,
  );
  assert.match(fails, /wrong_password/);
  assert.match(fails, /unknown_account/);
});

test('success: HttpOnly SameSite=Strict cookie, only its hash stored, /beheer shows the name', async () => {
  const countOf = () => Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'login.success'
    AND actor_user_id = (SELECT id FROM staff_user WHERE email = '${EMAIL}')`));
  const before = countOf();
  const { r, setCookie, session } = await login(EMAIL, PW);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/beheer');
  assert.match(setCookie, /; HttpOnly/);
  assert.match(setCookie, /; SameSite=Strict/);
  assert.match(setCookie, /; Path=\//);
  assert.doesNotMatch(setCookie, /Secure/, 'plain http: no Secure flag');
  const value = session.split('=')[1];
  assert.equal(Buffer.from(value, 'base64url').length, 32);
  const uid = sql(`SELECT id FROM staff_user WHERE email = '${EMAIL}'`);
  const rows = sql(`SELECT encode(id_hash, 'hex') FROM staff_session WHERE user_id = ${uid} AND ended_at IS NULL`);
  assert.equal(rows, hashOf(session));
  assert.equal(sql(`SELECT octet_length(id_hash) FROM staff_session WHERE encode(id_hash, 'hex') = '${rows}'`), '32');
  const raw = Buffer.from(value, 'base64url').toString('hex');
  assert.equal(sql(`SELECT count(*) FROM staff_session s WHERE s::text LIKE '%${value}%' OR s::text LIKE '%${raw}%'`), '0');
  const page = await get('/beheer', session);
  assert.equal(page.status, 200);
  assert.match(await page.text(), new RegExp(`Ingelogd als ${NAME} \\(beheerder\\)`));
  assert.equal(countOf(), before + 1);
  assert.equal(sql(`SELECT actor_kind FROM audit_event WHERE action = 'login.success' AND actor_user_id = ${uid}
    ORDER BY id DESC LIMIT 1`), 'staff');
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE details::text ILIKE '%example.nl%' OR details::text LIKE '%${PW}%'`), '0');
});

test('every login gets a new session id; logging in again ends the old one of this browser', async () => {
  const a = await login(EMAIL, PW);
  const b = await login(EMAIL, PW, a.session);
  assert.equal(a.r.status, 303);
  assert.equal(b.r.status, 303);
  assert.notEqual(a.session, b.session);
  assert.notEqual(sql(`SELECT ended_at IS NOT NULL FROM staff_session WHERE id_hash = '\\x${hashOf(a.session)}'`), 'f');
  assert.equal((await get('/beheer', a.session)).status, 303);
  assert.equal((await get('/beheer', b.session)).status, 200);
});

test('without a session /beheer redirects to /inloggen', async () => {
  const r = await get('/beheer');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/inloggen');
  const forged = await get('/beheer', 'll_sessie=' + crypto.randomBytes(32).toString('base64url'));
  assert.equal(forged.status, 303);
});

test('logout ends the session in the database and clears the cookie', async () => {
  const { session } = await login(EMAIL, PW);
  const home = await get('/beheer', session);
  const html = await home.text();
  const formCookie = cookieOf(home, 'll_form')?.split(';')[0];
  const csrf = html.match(/action="\/uitloggen"[\s\S]*?name="csrf" value="([^"]+)"/)[1];
  const cookie = [session, formCookie].filter(Boolean).join('; ');
  // without the token nothing ends
  let r = await post('/uitloggen', {}, cookie);
  assert.equal(r.status, 400);
  assert.equal((await get('/beheer', session)).status, 200);
  r = await post('/uitloggen', { csrf }, cookie);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/inloggen?uitgelogd=1');
  assert.match(cookieOf(r, 'll_sessie'), /^ll_sessie=;.*Max-Age=0/);
  assert.equal(sql(`SELECT ended_at IS NOT NULL FROM staff_session WHERE id_hash = '\\x${hashOf(session)}'`), 't');
  const old = await get('/beheer', session);
  assert.equal(old.status, 303);
  assert.equal(old.headers.get('location'), '/inloggen');
  const page = await (await get('/inloggen?uitgelogd=1')).text();
  assert.match(page, /U bent uitgelogd\./);
  const uid = sql(`SELECT id FROM staff_user WHERE email = '${EMAIL}'`);
  assert.ok(Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'login.logout' AND actor_user_id = ${uid}`)) >= 1);
});

test('idle timeout and absolute limit both send the browser to /inloggen', async () => {
  const idle = await login(EMAIL, PW);
  const h1 = hashOf(idle.session);
  assert.equal((await get('/beheer', idle.session)).status, 200);
  sql(`UPDATE staff_session SET created_at = now() - interval '1 hour', last_seen_at = now() - interval '31 minutes' WHERE id_hash = '\\x${h1}'`);
  let r = await get('/beheer', idle.session);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/inloggen');

  const abs = await login(EMAIL, PW);
  const h2 = hashOf(abs.session);
  sql(`UPDATE staff_session SET created_at = now() - interval '13 hours', last_seen_at = now(), expires_at = now() - interval '1 hour' WHERE id_hash = '\\x${h2}'`);
  r = await get('/beheer', abs.session);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/inloggen');

  // activity moves last_seen_at (at most once a minute)
  const act = await login(EMAIL, PW);
  const h3 = hashOf(act.session);
  sql(`UPDATE staff_session SET created_at = now() - interval '1 hour', last_seen_at = now() - interval '20 minutes' WHERE id_hash = '\\x${h3}'`);
  assert.equal((await get('/beheer', act.session)).status, 200);
  assert.equal(sql(`SELECT last_seen_at > now() - interval '1 minute' FROM staff_session WHERE id_hash = '\\x${h3}'`), 't');
});

test('a disabled account cannot log in, with the same message', async () => {
  const email = `uit-${tag}@example.nl`;
  addUser(email, 'Oud Collega', 'makelaar', ['01']);
  const ok = await login(email, PW);
  assert.equal(ok.r.status, 303);
  const d = run(['user', 'disable', '--email', email]);
  assert.equal(d.code, 0, d.stderr + d.stdout);
  assert.equal((await get('/beheer', ok.session)).status, 303, 'its session no longer works');
  const { r, session } = await login(email, PW);
  assert.equal(r.status, 422);
  assert.match(await r.text(), /E-mailadres of wachtwoord klopt niet\./);
  assert.equal(session, null);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'login.fail' AND details->>'reason' = 'disabled'`), '1');
});

test('a missing or forged CSRF token gets the form again and logs nobody in', async () => {
  let r = await post('/inloggen', { email: EMAIL, wachtwoord: PW });
  assert.equal(r.status, 403);
  let html = await r.text();
  assert.match(html, /Het formulier is verlopen/);
  assert.match(html, /name="csrf" value="[^"]+"/);
  assert.ok(html.includes(`value="${EMAIL}"`));
  assert.equal(cookieOf(r, 'll_sessie'), null);
  const f = await openLogin();
  r = await post('/inloggen', { csrf: f.csrf + 'x', email: EMAIL, wachtwoord: PW }, f.cookie);
  assert.equal(r.status, 403);
  assert.equal(cookieOf(r, 'll_sessie'), null);
});

test('an account is throttled after repeated failures and recovers when the block passes', async () => {
  sql('DELETE FROM login_throttle');
  for (let i = 0; i < 5; i++) {
    const { r } = await login(EMAIL, 'Verkeerd-wachtwoord-' + i);
    assert.equal(r.status, 422, `attempt ${i + 1}`);
  }
  // blocked now, even with the right password; the e-mail is kept
  const { r } = await login(EMAIL.toUpperCase(), PW);
  assert.equal(r.status, 429);
  const retry = Number(r.headers.get('retry-after'));
  assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);
  const html = await r.text();
  assert.match(html, /te vaak een verkeerd wachtwoord/);
  assert.ok(html.includes(`value="${EMAIL.toUpperCase()}"`));
  assert.ok(!html.includes(PW));
  assert.equal(sql(`SELECT failures FROM login_throttle WHERE scope = 'account' AND subject = '${EMAIL}'`), '5');
  // another account from the same address is not blocked
  const other = `ander-${tag}@example.nl`;
  addUser(other, 'Andere Beheerder');
  assert.equal((await login(other, PW)).r.status, 303);
  // the block passes
  sql(`UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE scope = 'account'`);
  const ok = await login(EMAIL, PW);
  assert.equal(ok.r.status, 303);
  assert.equal(sql(`SELECT count(*) FROM login_throttle WHERE scope = 'account' AND subject = '${EMAIL}'`), '0');
  assert.ok(Number(sql(`SELECT count(*) FROM audit_event WHERE details->>'reason' = 'throttled'`)) >= 1);
});

test('a client address is throttled after many failures on different accounts', async () => {
  sql('DELETE FROM login_throttle');
  for (let i = 0; i < 20; i++) {
    const { r } = await login(`raden-${i}-${tag}@example.nl`, 'Verkeerd-wachtwoord');
    assert.equal(r.status, 422, `attempt ${i + 1}`);
  }
  const { r } = await login(EMAIL, PW);
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.equal(sql(`SELECT failures FROM login_throttle WHERE scope = 'address'`), '20');
  sql(`UPDATE login_throttle SET blocked_until = now() - interval '1 second'`);
  assert.equal((await login(EMAIL, PW)).r.status, 303);
  sql('DELETE FROM login_throttle');
});
