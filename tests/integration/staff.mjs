// A logged-in staff member for tests, with a cookie jar and the CSRF token
// of each page at hand:
//
//   const mk = await staffClient(srv, 'makelaar', { wijk: '01' });
//   const page = await mk.get('/beheer/aanvragen');      // { status, html, headers }
//   const r = await mk.postForm(page, 'form[action$="/toekennen"]', { bedrag: '150,00' });
//   await mk.post('/beheer/aanvragen/12/toekennen', { csrf: page.csrf('award:12') });
//
// Accounts are made through the real command line (`liefleed user add`),
// one fresh account per call, and log in through the real /inloggen form.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { run, sql } from './lib.mjs';

export const STAFF_PASSWORD = 'een heel lang geheim wachtwoord';

// Make a fresh account: { id, email, name }. wijk: '01' or '01,02'.
export function makeStaff(role, { wijk = '01', name } = {}) {
  const tag = crypto.randomBytes(5).toString('hex');
  const email = `${role}-${tag}@example.nl`;
  const full = name ?? `Test ${role} ${tag}`;
  const args = ['user', 'add', '--email', email, '--name', full, '--role', role];
  if (role === 'makelaar') args.push('--wijk', wijk);
  const r = run(args, {}, STAFF_PASSWORD + '\n');
  assert.equal(r.code, 0, `user add ${role}: ${r.stderr}`);
  const id = Number(sql(`SELECT id FROM staff_user WHERE lower(email) = lower('${email}')`));
  return { id, email, name: full };
}

const setCookies = (r) => r.headers.getSetCookie().map((c) => c.split(';')[0]);

// The CSRF tokens of a page by the action of their form. page.csrf()
// is the token of the first form that is not the logout button of the
// staff navigation; page.csrf('/beheer/aanvragen/12/vraag') that of the
// form posting there (its action ends with the argument).
function withTokens(page) {
  page.forms = [...page.html.matchAll(/<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)]
    .map((m) => ({ action: m[1].replaceAll('&amp;', '&'), csrf: (m[2].match(/name="csrf" value="([^"]+)"/) ?? [])[1] }))
    .filter((f) => f.csrf);
  page.tokens = page.forms.map((f) => f.csrf);
  page.csrf = (action) => {
    const f = action === undefined
      ? page.forms.find((x) => x.action !== '/uitloggen')
      : page.forms.find((x) => x.action.endsWith(action));
    return f?.csrf;
  };
  return page;
}

// A client that keeps its cookies. Redirects are not followed, so tests
// see the 303 and its Location.
export function client(base) {
  const jar = new Map();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (r) => {
    for (const c of setCookies(r)) {
      const i = c.indexOf('=');
      const v = c.slice(i + 1);
      if (v === '') jar.delete(c.slice(0, i));
      else jar.set(c.slice(0, i), v);
    }
  };
  const c = {
    jar,
    async get(path) {
      const r = await fetch(base + path, { redirect: 'manual', headers: { cookie: cookie() } });
      keep(r);
      const ct = r.headers.get('content-type') ?? '';
      const body = ct.startsWith('text/') ? await r.text() : Buffer.from(await r.arrayBuffer());
      return withTokens({ status: r.status, headers: r.headers, html: typeof body === 'string' ? body : '', body });
    },
    async post(path, fields) {
      const r = await fetch(base + path, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
        body: new URLSearchParams(fields).toString(),
      });
      keep(r);
      return withTokens({ status: r.status, headers: r.headers, html: await r.text(), location: r.headers.get('location') });
    },
    // GET then POST: follows one 303 and returns the page it leads to.
    async follow(r) {
      assert.equal(r.status, 303, `expected a redirect, got ${r.status}: ${r.html?.slice(0, 400)}`);
      return c.get(r.location.replace(base, ''));
    },
  };
  return c;
}

// Log in as a fresh account of role: the client, plus { user }.
export async function staffClient(srv, role, opts = {}) {
  const user = makeStaff(role, opts);
  const c = client(srv.url);
  await loginAs(c, user.email);
  c.user = user;
  return c;
}

// Log the client in as email (the account must exist with STAFF_PASSWORD).
export async function loginAs(c, email, password = STAFF_PASSWORD) {
  const form = await c.get('/inloggen');
  assert.equal(form.status, 200);
  const r = await c.post('/inloggen', { csrf: form.csrf(), email, wachtwoord: password });
  assert.equal(r.status, 303, `login of ${email} failed: ${r.status}`);
  assert.ok(c.jar.has('ll_sessie'), 'a session cookie after login');
  return r;
}
