// The beheerder's pages (issue 4): users, budgets, settings and the audit
// log, over HTTP against the real server, checked in the database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer, sql } from './lib.mjs';
import { client, loginAs, staffClient, STAFF_PASSWORD } from './staff.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { award, freshStreet } from './fixtures.mjs';

let srv;
let admin;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
  admin = await staffClient(srv, 'beheerder');
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

const tag = () => crypto.randomBytes(4).toString('hex');
// the text of a page without tags, spaces collapsed
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
// the CSRF token of the form posting to action (the layout's logout form
// comes first on every staff page)
function token(page, action) {
  const re = new RegExp(`action="${action.replace(/[?.]/g, '\\$&')}"[^>]*>\\s*<input type="hidden" name="csrf" value="([^"]+)"`);
  const m = page.html.match(re);
  assert.ok(m, `a form posting to ${action} on the page`);
  return m[1];
}
const hidden = (page, name) => page.html.match(new RegExp(`name="${name}" value="([^"]*)"`))[1];
const audits = (action, type, id) =>
  sql(`SELECT details::text FROM audit_event WHERE action = '${action}' AND object_type = '${type}'
       AND object_id = '${id}' ORDER BY id`).split('\n').filter(Boolean).map((s) => JSON.parse(s));
const userId = (email) => Number(sql(`SELECT id FROM staff_user WHERE lower(email) = lower('${email}')`) || 0);

async function createUser(fields, c = admin) {
  const page = await c.get('/beheer/gebruikers');
  assert.equal(page.status, 200);
  return c.post('/beheer/gebruikers', { csrf: token(page, '/beheer/gebruikers'), ...fields });
}
const wijkBoxes = (...codes) => Object.fromEntries(codes.map((c) => [`wijk_${c}`, 'ja']));
async function editForm(id) {
  const page = await admin.get(`/beheer/gebruikers/${id}`);
  assert.equal(page.status, 200);
  return { page, csrf: token(page, `/beheer/gebruikers/${id}`), versie: hidden(page, 'versie') };
}

test('a makelaar created on the web logs in and sees only their wijken', async () => {
  const email = `mk-${tag()}@example.nl`;
  const r = await createUser({ email, naam: 'Mirjam Makelaar', rol: 'makelaar', ...wijkBoxes('03', '04'), wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 303, text(r.html));
  const id = userId(email);
  assert.ok(id > 0);
  assert.match(r.location, new RegExp(`/beheer/gebruikers/${id}`));
  assert.equal(sql(`SELECT role || ' ' || string_agg(wijk_code, ',' ORDER BY wijk_code) FROM staff_user u
    JOIN staff_user_wijk w ON w.user_id = u.id WHERE u.id = ${id} GROUP BY role`), 'makelaar 03,04');
  const [d] = audits('user.create', 'staff_user', id);
  assert.deepEqual(d, { after: { role: 'makelaar', wijken: ['03', '04'], disabled: false } });
  const raw = sql(`SELECT details::text || actor_user_id FROM audit_event WHERE action = 'user.create' AND object_id = '${id}'`);
  assert.ok(!raw.includes(email) && !raw.includes('Mirjam'), 'no e-mail or name in the audit details');
  assert.ok(raw.endsWith(String(admin.user.id)), 'the beheerder is the actor');

  const mk = client(srv.url);
  await loginAs(mk, email);
  const home = await mk.get('/beheer');
  assert.equal(home.status, 200);
  assert.match(text(home.html), /Wijken: 03,04/);
  // the list shows the account
  const list = await admin.get('/beheer/gebruikers');
  assert.match(text(list.html), /Mirjam Makelaar .*makelaar-|Mirjam Makelaar/);
  assert.ok(list.html.includes(email));
});

test('weak passwords, bad fields and a duplicate e-mail are refused; nothing is created', async () => {
  const email = `weak-${tag()}@example.nl`;
  let r = await createUser({ email, naam: 'Kort Wachtwoord', rol: 'beleid', wachtwoord: 'kort' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /te kort: minstens 12 tekens/);
  assert.ok(r.html.includes(`value="${email}"`), 'what was typed stays');
  assert.ok(!r.html.includes('value="kort"'), 'the password is never echoed');
  r = await createUser({ email, naam: 'Bekend Wachtwoord', rol: 'beleid', wachtwoord: 'welkomwelkom' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /te bekend/);
  r = await createUser({ email, naam: 'Zonder Wijk', rol: 'makelaar', wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /minstens één wijk/);
  r = await createUser({ email, naam: 'Beleid Met Wijk', rol: 'beleid', ...wijkBoxes('02'), wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /Alleen een sociaal makelaar werkt in wijken/);
  r = await createUser({ email: 'geen-adres', naam: 'X', rol: 'beleid', wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /geldig e-mailadres/);
  assert.equal(userId(email), 0);

  r = await createUser({ email, naam: 'Eerste', rol: 'beleid', wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 303);
  const before = sql('SELECT count(*) FROM staff_user');
  r = await createUser({ email: email.toUpperCase(), naam: 'Tweede', rol: 'financien', wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 409);
  assert.match(text(r.html), /Er is al een account met dit e-mailadres/);
  assert.equal(sql('SELECT count(*) FROM staff_user'), before);
});

test('role and wijken change, on the record with before and after', async () => {
  const email = `edit-${tag()}@example.nl`;
  await createUser({ email, naam: 'Wim Wisselaar', rol: 'makelaar', ...wijkBoxes('03'), wachtwoord: STAFF_PASSWORD });
  const id = userId(email);
  let f = await editForm(id);
  let r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: f.csrf, versie: f.versie, naam: 'Wim Wisselaar', rol: 'makelaar', ...wijkBoxes('05', '06') });
  assert.equal(r.status, 303, text(r.html));
  assert.equal(sql(`SELECT string_agg(wijk_code, ',' ORDER BY wijk_code) FROM staff_user_wijk WHERE user_id = ${id}`), '05,06');
  let d = audits('user.update', 'staff_user', id).at(-1);
  assert.deepEqual(d.before, { role: 'makelaar', wijken: ['03'] });
  assert.deepEqual(d.after, { role: 'makelaar', wijken: ['05', '06'] });

  // to beleid: the wijken must go
  f = await editForm(id);
  r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: f.csrf, versie: f.versie, naam: 'Wim Wisselaar', rol: 'beleid', ...wijkBoxes('05') });
  assert.equal(r.status, 422);
  r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: f.csrf, versie: f.versie, naam: 'Wim Wisselaar', rol: 'beleid' });
  assert.equal(r.status, 303, text(r.html));
  assert.equal(sql(`SELECT role || ':' || (SELECT count(*) FROM staff_user_wijk WHERE user_id = ${id}) FROM staff_user WHERE id = ${id}`), 'beleid:0');
  d = audits('user.update', 'staff_user', id).at(-1);
  assert.deepEqual(d.after, { role: 'beleid', wijken: [] });

  // a form opened before that change is stale: 409, nothing applied
  r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: f.csrf, versie: f.versie, naam: 'Oude Naam', rol: 'financien' });
  assert.equal(r.status, 409);
  assert.match(text(r.html), /Iemand anders heeft dit account gewijzigd/);
  assert.equal(sql(`SELECT role || ' ' || name FROM staff_user WHERE id = ${id}`), 'beleid Wim Wisselaar');
});

test('disabling ends the open session at once; enabling lets them in again', async () => {
  const email = `off-${tag()}@example.nl`;
  await createUser({ email, naam: 'Uit Schakelaar', rol: 'financien', wachtwoord: STAFF_PASSWORD });
  const id = userId(email);
  const u = client(srv.url);
  await loginAs(u, email);
  assert.equal((await u.get('/beheer')).status, 200);

  let f = await editForm(id);
  let r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: f.csrf, versie: f.versie, naam: 'Uit Schakelaar', rol: 'financien', uitgeschakeld: 'ja' });
  assert.equal(r.status, 303, text(r.html));
  const next = await u.get('/beheer');
  assert.equal(next.status, 303);
  assert.match(next.headers.get('location'), /\/inloggen/);
  assert.equal(sql(`SELECT count(*) FROM staff_session WHERE user_id = ${id} AND ended_at IS NULL`), '0');
  const [d] = audits('user.disable', 'staff_user', id);
  assert.equal(d.sessions_ended, 1);
  assert.deepEqual(d.after, { disabled: true });
  const list = await admin.get('/beheer/gebruikers');
  assert.match(text(list.html), /Uitgeschakeld sinds/);

  f = await editForm(id);
  r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: f.csrf, versie: f.versie, naam: 'Uit Schakelaar', rol: 'financien' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT disabled_at IS NULL FROM staff_user WHERE id = ${id}`), 't');
  assert.equal(audits('user.enable', 'staff_user', id).length, 1);
  await loginAs(u, email);
});

test('a beheerder cannot disable or demote themself', async () => {
  const me = admin.user.id;
  const f = await editForm(me);
  let r = await admin.post(`/beheer/gebruikers/${me}`, { csrf: f.csrf, versie: f.versie, naam: admin.user.name, rol: 'beheerder', uitgeschakeld: 'ja' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /eigen account niet uitschakelen/);
  r = await admin.post(`/beheer/gebruikers/${me}`, { csrf: f.csrf, versie: f.versie, naam: admin.user.name, rol: 'beleid' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /geen andere rol geven/);
  assert.equal(sql(`SELECT role || (disabled_at IS NULL) FROM staff_user WHERE id = ${me}`), 'beheerdertrue');
  assert.equal((await admin.get('/beheer/gebruikers')).status, 200);
});

test('a new password can be set; a weak one is refused', async () => {
  const email = `pw-${tag()}@example.nl`;
  await createUser({ email, naam: 'Nieuw Wachtwoord', rol: 'beleid', wachtwoord: STAFF_PASSWORD });
  const id = userId(email);
  let f = await editForm(id);
  let r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: f.csrf, versie: f.versie, naam: 'Nieuw Wachtwoord', rol: 'beleid', wachtwoord: '123456789012' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /te bekend/);
  r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: f.csrf, versie: f.versie, naam: 'Nieuw Wachtwoord', rol: 'beleid', wachtwoord: 'een ander lang wachtwoord' });
  assert.equal(r.status, 303);
  await loginAs(client(srv.url), email, 'een ander lang wachtwoord');
  assert.equal(audits('user.update', 'staff_user', id).at(-1).password_changed, true);
});

// ---- budgets ----

// years of this file alone: spot_check.test.mjs draws from 2040-2079
const YEAR = 2090;
async function budgetForm(year = YEAR) {
  const page = await admin.get(`/beheer/begroting?jaar=${year}`);
  assert.equal(page.status, 200);
  return { page, csrf: token(page, '/beheer/begroting'), versie: hidden(page, 'versie') };
}
const cents = (q) => sql(q);

test('budgets: saved in one go, lowering below the awards refused with figures', async () => {
  // an application in some wijk, awarded in YEAR
  const f = await openForm(srv.url);
  const s = await submit(srv.url, f, { ...GOOD, straat: freshStreet() });
  assert.equal(s.status, 303);
  const ref = (await (await fetch(srv.url + s.headers.get('location').split('?')[0], { headers: { cookie: f.cookie } })).text()).match(/LL-\d{4}-\d{5}/)[0];
  const [appId, wijk] = sql(`SELECT id || '|' || wijk_code FROM application WHERE reference = '${ref}'`).split('|');

  let b = await budgetForm();
  let r = await admin.post('/beheer/begroting', { csrf: b.csrf, versie: b.versie, jaar: String(YEAR), stad: '20.000,00', potje: '', max_potjes: '', [`wijk_${wijk}`]: '1.000,00' });
  assert.equal(r.status, 303, text(r.html));
  assert.equal(cents(`SELECT city_budget_cents || ' ' || coalesce(potje_default_cents::text, '-') FROM budget_year WHERE year = ${YEAR}`), '2000000 -');
  assert.equal(cents(`SELECT budget_cents FROM wijk_budget WHERE year = ${YEAR} AND wijk_code = '${wijk}'`), '100000');
  const d = sql(`SELECT details::text FROM audit_event WHERE action = 'budget.update' AND object_id = '${YEAR}' ORDER BY id DESC LIMIT 1`);
  assert.ok(d, 'budget.update on the record');
  assert.equal(JSON.parse(d).after[`wijk_${wijk}_cents`], 100000);

  award(Number(appId), { year: YEAR });
  b = await budgetForm();
  assert.match(text(b.page.html), /Toegekend € 150,00/);

  // lower the wijk below the award and change the city in the same form
  const events = sql(`SELECT count(*) FROM audit_event WHERE action = 'budget.update'`);
  r = await admin.post('/beheer/begroting', { csrf: b.csrf, versie: b.versie, jaar: String(YEAR), stad: '19.000,00', [`wijk_${wijk}`]: '100,00' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), new RegExp(`wijk ${wijk} kan niet € 100,00 worden: in ${YEAR} is daar al € 150,00 toegekend`));
  assert.equal(cents(`SELECT budget_cents FROM wijk_budget WHERE year = ${YEAR} AND wijk_code = '${wijk}'`), '100000');
  assert.equal(cents(`SELECT city_budget_cents FROM budget_year WHERE year = ${YEAR}`), '2000000', 'nothing saved');
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'budget.update'`), events);

  // the city below the awards
  r = await admin.post('/beheer/begroting', { csrf: b.csrf, versie: b.versie, jaar: String(YEAR), stad: '1,00', [`wijk_${wijk}`]: '1.000,00' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /budget van de stad kan niet € 1,00 worden: in 2090 is al € 150,00 toegekend/);

  // three decimals, and a wijk budget that cannot be emptied
  r = await admin.post('/beheer/begroting', { csrf: b.csrf, versie: b.versie, jaar: String(YEAR), stad: '20.000,005', [`wijk_${wijk}`]: '1.000,00' });
  assert.equal(r.status, 422);
  assert.ok(r.html.includes('value="20.000,005"'), 'what was typed stays');
  r = await admin.post('/beheer/begroting', { csrf: b.csrf, versie: b.versie, jaar: String(YEAR), stad: '20.000,00', [`wijk_${wijk}`]: '' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /kan niet leeg/);
  assert.equal(cents(`SELECT city_budget_cents FROM budget_year WHERE year = ${YEAR}`), '2000000');

  // wijken above the city: saved, with a warning
  r = await admin.post('/beheer/begroting', { csrf: b.csrf, versie: b.versie, jaar: String(YEAR), stad: '500,00', potje: '125,00', max_potjes: '3', [`wijk_${wijk}`]: '1.000,00' });
  assert.equal(r.status, 303, text(r.html));
  const page = await admin.get(`/beheer/begroting?jaar=${YEAR}`);
  assert.match(text(page.html), /Let op: de wijkbudgetten samen/);
  assert.equal(cents(`SELECT potje_default_cents || ' ' || max_potjes_per_street FROM budget_year WHERE year = ${YEAR}`), '12500 3');
});

test('budgets: a form opened before a colleague saved is refused, nothing undone', async () => {
  const year = YEAR + 4;
  const first = await budgetForm(year);
  const second = await budgetForm(year);
  let r = await admin.post('/beheer/begroting', { csrf: first.csrf, versie: first.versie, jaar: String(year), stad: '9.000,00', wijk_03: '3.000,00' });
  assert.equal(r.status, 303, text(r.html));
  // the second form still shows no budget for wijk 03; saving it would undo the first
  r = await admin.post('/beheer/begroting', { csrf: second.csrf, versie: second.versie, jaar: String(year), stad: '8.000,00' });
  assert.equal(r.status, 409);
  assert.match(text(r.html), /Iemand anders heeft de begroting van dit jaar intussen gewijzigd/);
  assert.match(r.html, /value="3\.000,00"/, 'the form shows the figures of now');
  assert.equal(sql(`SELECT city_budget_cents || ' ' || (SELECT budget_cents FROM wijk_budget WHERE year = ${year} AND wijk_code = '03')
    FROM budget_year WHERE year = ${year}`), '900000 300000');
});

test('budget page: a bad year is refused, the settings show through', async () => {
  assert.equal((await admin.get('/beheer/begroting?jaar=1999')).status, 400);
  const page = await admin.get('/beheer/begroting?jaar=2091');
  assert.equal(page.status, 200);
  assert.match(text(page.html), /nog geen budget/);
  assert.match(text(page.html), /instelling te gebruiken: nu € \d+,\d\d/);
});

// ---- settings ----

async function settingsForm() {
  const page = await admin.get('/beheer/instellingen');
  assert.equal(page.status, 200);
  return { page, csrf: token(page, '/beheer/instellingen'), versie: hidden(page, 'versie') };
}
const setting = (key) => sql(`SELECT value FROM setting WHERE key = '${key}'`);

test('settings: out of range refused, a valid change saved and audited', async () => {
  let s = await settingsForm();
  assert.match(text(s.page.html), /Drempel Lief en Leedstraat/);
  const old = setting('decision_term_days');
  let r = await admin.post('/beheer/instellingen', { csrf: s.csrf, versie: s.versie, session_idle_minutes: '2', decision_term_days: '30' });
  assert.equal(r.status, 422);
  assert.match(text(r.html), /van 5 tot en met 720/);
  assert.equal(setting('session_idle_minutes'), '30');
  assert.equal(setting('decision_term_days'), old, 'nothing saved');
  r = await admin.post('/beheer/instellingen', { csrf: s.csrf, versie: s.versie, potje_default_cents: '150,005' });
  assert.equal(r.status, 422);

  r = await admin.post('/beheer/instellingen', { csrf: s.csrf, versie: s.versie, decision_term_days: '30', kostenplaats: 'KP 4711' });
  assert.equal(r.status, 303, text(r.html));
  assert.equal(setting('decision_term_days'), '30');
  assert.equal(setting('kostenplaats'), 'KP 4711');
  const [d] = audits('setting.update', 'setting', 'decision_term_days').slice(-1);
  assert.deepEqual(d, { key: 'decision_term_days', before: old, after: '30' });
  const [k] = audits('setting.update', 'setting', 'kostenplaats').slice(-1);
  assert.deepEqual(k, { key: 'kostenplaats', changed: true }, 'free text is not copied into the log');

  // the form of before that save is stale now
  r = await admin.post('/beheer/instellingen', { csrf: s.csrf, versie: s.versie, decision_term_days: '31' });
  assert.equal(r.status, 409);
  assert.equal(setting('decision_term_days'), '30');
  s = await settingsForm();
  r = await admin.post('/beheer/instellingen', { csrf: s.csrf, versie: s.versie, decision_term_days: old, kostenplaats: '' });
  assert.equal(r.status, 303);
  assert.equal(setting('decision_term_days'), old);
});

// ---- audit log ----

test('audit page filters, pages, and the CSV download (itself on the record)', async () => {
  const email = `audit-${tag()}@example.nl`;
  await createUser({ email, naam: 'Audit Persoon', rol: 'beleid', wachtwoord: STAFF_PASSWORD });
  const id = userId(email);
  let page = await admin.get(`/beheer/audit?actie=user.&type=staff_user&object=${id}`);
  assert.equal(page.status, 200);
  assert.match(text(page.html), new RegExp(`user\\.create staff_user ${id}`));
  assert.ok(page.html.includes(admin.user.name), 'who: the beheerder by name');
  page = await admin.get(`/beheer/audit?actie=budget.&type=staff_user&object=${id}`);
  assert.match(text(page.html), /Geen gebeurtenissen gevonden/);
  page = await admin.get(`/beheer/audit?wie=${admin.user.id}&van=01-01-2000&tot=31-12-2100`);
  assert.equal(page.status, 200);
  assert.match(text(page.html), /user\.create/);
  assert.equal((await admin.get('/beheer/audit?van=31-02-2026')).status, 400);
  // keyset: the older page starts below the last id shown
  page = await admin.get('/beheer/audit');
  const older = page.html.match(/href="(\/beheer\/audit\?[^"]*voor=(\d+))"/);
  if (older) {
    const next = await admin.get(older[1].replaceAll('&amp;', '&'));
    assert.equal(next.status, 200);
    const ids = [...next.html.matchAll(/<tr class="utrecht-table__row"><td class="utrecht-table__cell">(\d+)</g)].map((m) => Number(m[1]));
    assert.ok(ids.length > 0 && ids.every((n) => n < Number(older[2])));
  }

  const exports = Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'audit.export'`));
  const r = await admin.get(`/beheer/audit.csv?actie=user.create&object=${id}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="auditlog.csv"');
  const csv = Buffer.isBuffer(r.body) ? r.body.toString('utf8') : r.body;
  assert.ok(!csv.startsWith('\ufeff'), 'no byte order mark');
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'id;tijdstip;wie;medewerker_id;actie;objecttype;object_id;details');
  assert.equal(lines.length, 3, 'header, one row, and the CRLF at the end');
  assert.equal(lines[2], '');
  const f = lines[1].split(';');
  assert.match(f[1], /^\d\d-\d\d-\d{4} \d\d:\d\d$/);
  assert.equal(f[2], admin.user.name);
  assert.equal(f[3], String(admin.user.id));
  assert.equal(f[4], 'user.create');
  assert.equal(f[6], String(id));
  assert.ok(!csv.includes(email));
  assert.equal(Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'audit.export'`)), exports + 1);
  const d = JSON.parse(sql(`SELECT details::text FROM audit_event WHERE action = 'audit.export' ORDER BY id DESC LIMIT 1`));
  assert.equal(d.rows, 1);
  assert.equal(d.filter.action, 'user.create');
});

// ---- CSRF, roles, login ----

test('every POST without a valid CSRF token is 400 and changes nothing', async () => {
  const email = `csrf-${tag()}@example.nl`;
  let r = await admin.post('/beheer/gebruikers', { email, naam: 'Geen Token', rol: 'beleid', wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 400);
  assert.equal(userId(email), 0);
  const other = await staffClient(srv, 'beheerder');
  const foreign = token(await other.get('/beheer/gebruikers'), '/beheer/gebruikers');
  r = await admin.post('/beheer/gebruikers', { csrf: foreign, email, naam: 'Vreemd Token', rol: 'beleid', wachtwoord: STAFF_PASSWORD });
  assert.equal(r.status, 400, 'a token of another session');
  assert.equal(userId(email), 0);

  await createUser({ email, naam: 'Met Token', rol: 'beleid', wachtwoord: STAFF_PASSWORD });
  const id = userId(email);
  const f = await editForm(id);
  r = await admin.post(`/beheer/gebruikers/${id}`, { versie: f.versie, naam: 'Met Token', rol: 'beleid', uitgeschakeld: 'ja' });
  assert.equal(r.status, 400);
  // a token for the form of another account
  const g = await editForm(admin.user.id);
  r = await admin.post(`/beheer/gebruikers/${id}`, { csrf: g.csrf, versie: f.versie, naam: 'Met Token', rol: 'beleid', uitgeschakeld: 'ja' });
  assert.equal(r.status, 400);
  assert.equal(sql(`SELECT disabled_at IS NULL FROM staff_user WHERE id = ${id}`), 't');

  const b = await budgetForm(2092);
  r = await admin.post('/beheer/begroting', { csrf: 'x', jaar: '2092', stad: '1,00' });
  assert.equal(r.status, 400);
  r = await admin.post('/beheer/begroting', { csrf: b.csrf, versie: b.versie, jaar: '2093', stad: '1,00' });
  assert.equal(r.status, 400, 'a token for another year');
  assert.equal(sql(`SELECT count(*) FROM budget_year WHERE year IN (2092, 2093)`), '0');

  const s = await settingsForm();
  r = await admin.post('/beheer/instellingen', { versie: s.versie, decision_term_days: '99' });
  assert.equal(r.status, 400);
  assert.notEqual(setting('decision_term_days'), '99');
  // not a form at all
  const raw = await fetch(srv.url + '/beheer/instellingen', {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/json', cookie: [...admin.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: '{}',
  });
  assert.equal(raw.status, 415);
});

const ROUTES = [
  ['GET', '/beheer/gebruikers'], ['POST', '/beheer/gebruikers'],
  ['GET', '/beheer/gebruikers/1'], ['POST', '/beheer/gebruikers/1'],
  ['GET', '/beheer/begroting'], ['POST', '/beheer/begroting'],
  ['GET', '/beheer/instellingen'], ['POST', '/beheer/instellingen'],
  ['GET', '/beheer/audit'], ['GET', '/beheer/audit.csv'],
];

test('other roles get 404 on every route; without a login 303 to /inloggen', async () => {
  for (const role of ['makelaar', 'financien', 'beleid']) {
    const c = await staffClient(srv, role);
    for (const [method, path] of ROUTES) {
      const r = method === 'GET' ? await c.get(path) : await c.post(path, { csrf: 'x' });
      assert.equal(r.status, 404, `${role} ${method} ${path}`);
    }
  }
  const anon = client(srv.url);
  for (const [method, path] of ROUTES) {
    const r = method === 'GET' ? await anon.get(path) : await anon.post(path, {});
    assert.equal(r.status, 303, `${method} ${path}`);
    assert.match(r.headers.get('location'), /\/inloggen/);
  }
  assert.equal((await admin.get('/beheer/gebruikers/999999999')).status, 404);
  assert.equal((await admin.get('/beheer/gebruikers/abc')).status, 404);
});

test('the beheerder home page links the beheer sections', async () => {
  const page = await admin.get('/beheer');
  assert.equal(page.status, 200);
  for (const href of ['/beheer/gebruikers', '/beheer/begroting', '/beheer/instellingen', '/beheer/audit'])
    assert.ok(page.html.includes(`href="${href}"`), href);
});
