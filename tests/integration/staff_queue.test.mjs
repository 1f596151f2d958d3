// The sociaal makelaar's queue and application page, and the light
// actions on it (take in review, ask for more information, link the
// street): applications filed through the real resident form, staff
// logged in through the real /inloggen, every answer checked over HTTP
// and against the rows it should (or should not) have written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';
import { staffClient, client } from './staff.mjs';
import { award, ensureBudget } from './fixtures.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

// A street of the reference list that lies in wijk only and that no
// application names yet.
function streetIn(wijk) {
  const name = sql(`SELECT s.name FROM street s JOIN street_buurt sb ON sb.street_id = s.id
      JOIN buurt b ON b.code = sb.buurt_code
    WHERE s.name ~ '^[A-Za-z ]+$' AND NOT EXISTS (SELECT 1 FROM application a
      WHERE a.street_id = s.id OR lower(a.street_name) = lower(s.name))
    GROUP BY s.id, s.name HAVING count(DISTINCT b.wijk_code) = 1 AND min(b.wijk_code) = '${wijk}'
    ORDER BY random() LIMIT 1`);
  assert.ok(name, `no unused street left in wijk ${wijk}`);
  return name;
}

// File an application through the resident's form; returns its id,
// reference and what its status page needs.
async function apply(fields = {}) {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, ...fields });
  assert.equal(r.status, 303, `submit: ${r.status}`);
  const path = r.headers.get('location').split('?')[0];
  const html = await (await fetch(srv.url + path, { headers: { cookie: f.cookie } })).text();
  const ref = html.match(/LL-\d{4}-\d{5}/)[0];
  const id = Number(sql(`SELECT id FROM application WHERE reference = '${ref}'`));
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  return { id, ref, path, cookie: f.cookie, csrf };
}

// The hidden fields (csrf, versie) of the form posting to action on a page.
function formOf(page, action) {
  const start = page.html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `no form for ${action} on the page`);
  const form = page.html.slice(start, page.html.indexOf('</form>', start));
  const field = (n) => form.match(new RegExp(`name="${n}" value="([^"]*)"`))?.[1];
  return { csrf: field('csrf'), versie: field('versie') };
}

const status = (id) => sql(`SELECT status FROM application WHERE id = ${id}`);
const version = (id) => sql(`SELECT version FROM application WHERE id = ${id}`);
const audits = (id, action) => Number(sql(`SELECT count(*) FROM audit_event
  WHERE object_type = 'application' AND object_id = '${id}' AND action = '${action}'`));

// The row of a reference in the queue table (its <tr>), or null.
function queueRow(html, ref) {
  const m = html.match(new RegExp(`<tr class="utrecht-table__row"><th[^>]*><a[^>]*>${ref}</a>.*?</tr>`));
  return m ? m[0] : null;
}

test('staff routes: a visitor goes to the login, other roles get 404', async () => {
  const app = await apply({ naam: 'Rol Toets', straat: streetIn('01') });
  const anon = client(srv.url);
  for (const p of ['/beheer/aanvragen', `/beheer/aanvragen/${app.id}`]) {
    const r = await anon.get(p);
    assert.equal(r.status, 303, p);
    assert.equal(r.headers.get('location'), '/inloggen');
  }
  const r = await anon.post(`/beheer/aanvragen/${app.id}/in-behandeling`, { csrf: 'x', versie: '1' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/inloggen');
  for (const role of ['financien', 'beleid', 'beheerder']) {
    const c = await staffClient(srv, role);
    assert.equal((await c.get('/beheer/aanvragen')).status, 404, role);
    assert.equal((await c.get(`/beheer/aanvragen/${app.id}`)).status, 404, role);
    const home = await c.get('/beheer');
    const p = await c.post(`/beheer/aanvragen/${app.id}/in-behandeling`, { csrf: home.csrf(), versie: '1' });
    assert.equal(p.status, 404, role);
  }
  assert.equal(status(app.id), 'ingediend');
});

test('the queue: own wijk only, oldest first, counts and flags', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '01' });
  const street = streetIn('01');
  const a = await apply({ naam: 'Eerste Aanvrager', straat: street });
  const b = await apply({ naam: 'Tweede Aanvrager', straat: street.toLowerCase() });
  const unknown = `Onbekendpad ${Date.now()}`;
  const c = await apply({ naam: 'Derde Aanvrager', straat: unknown, wijk: '01' });
  const other = await apply({ naam: 'Andere Wijk', straat: streetIn('02') });
  // submitted_at orders the queue; make it unambiguous
  sql(`UPDATE application SET submitted_at = now() - interval '3 days' WHERE id = ${a.id}`);
  sql(`UPDATE application SET submitted_at = now() - interval '2 days' WHERE id = ${b.id}`);
  sql(`UPDATE application SET submitted_at = now() - interval '1 day' WHERE id = ${c.id}`);
  assert.equal(sql(`SELECT flag_second_open FROM application WHERE id = ${b.id}`), 't');

  const page = await mk.get('/beheer/aanvragen?wijk=01');
  assert.equal(page.status, 200);
  const html = page.html;
  const [ia, ib, ic] = [a, b, c].map((x) => html.indexOf(`>${x.ref}<`));
  assert.ok(ia > 0 && ib > ia && ic > ib, `oldest first: ${ia} ${ib} ${ic}`);
  assert.ok(!html.includes(other.ref), 'another wijk in the queue');
  assert.match(queueRow(html, a.ref), /Eerste Aanvrager/);
  assert.match(text(queueRow(html, a.ref)), /Ingediend/);
  assert.match(text(queueRow(html, a.ref)), / 3 /, 'days waiting');
  assert.match(queueRow(html, b.ref), /Tweede open aanvraag/);
  assert.match(queueRow(html, c.ref), /Onbekende straat/);
  assert.doesNotMatch(queueRow(html, a.ref), /Onbekende straat/);
  assert.ok(!html.includes('sukru@example.nl'), 'no e-mail in the list');
  assert.ok(!html.includes('0417'), 'no IBAN in the list');
  // counts, as the database has them
  const n = sql(`SELECT count(*) FROM application WHERE wijk_code = '01' AND status = 'ingediend'`);
  assert.match(text(html), new RegExp(`Ingediend \\(${n}\\)`));
  const open = sql(`SELECT count(*) FROM application WHERE wijk_code = '01'
    AND status IN ('ingediend', 'in_behandeling', 'aanvulling_gevraagd')`);
  assert.match(text(html), new RegExp(`Wijk 01 \\(${open}\\)`));
  // another wijk, a made-up status
  assert.equal((await mk.get('/beheer/aanvragen?wijk=02')).status, 404);
  assert.equal((await mk.get('/beheer/aanvragen?status=verzonnen')).status, 400);
  // one status only
  const rev = await mk.get('/beheer/aanvragen?wijk=01&status=in_behandeling');
  assert.ok(!rev.html.includes(a.ref));
});

test('the queue pages through a wijk with many applications', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '05' });
  const org = sql(`INSERT INTO organiser (name, address) VALUES ('Veel Aanvragen', 'Straat 1') RETURNING id`);
  sql(`INSERT INTO application (reference, kind, street_name, wijk_code, organiser_id, status_token_hash, submitted_at)
    SELECT next_reference('LL', 2001), 'first', 'Paginapad', '05', ${org},
      sha256(('pagina-' || g || '-' || random())::bytea), now() - interval '1 hour' * (200 - g)
    FROM generate_series(1, 60) g`);
  const want = sql(`SELECT reference FROM application WHERE wijk_code = '05'
    AND status IN ('ingediend', 'in_behandeling', 'aanvulling_gevraagd') ORDER BY submitted_at, id`).split('\n');
  assert.ok(want.length > 50);
  const first = await mk.get('/beheer/aanvragen?wijk=05');
  const refs = (html) => [...html.matchAll(/<th[^>]*scope="row"><a[^>]*>(LL-\d{4}-\d{5})<\/a>/g)].map((m) => m[1]);
  assert.deepEqual(refs(first.html), want.slice(0, 50));
  const next = first.html.match(/rel="next" href="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const second = await mk.get(next);
  assert.equal(second.status, 200);
  assert.deepEqual(refs(second.html), want.slice(50, 100));
  assert.ok(!second.html.includes('rel="next"'), 'no page after the last');
});

test('the application page: all data, masked IBAN, budget, history; other wijk 404', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '01' });
  const year = Number(sql(`SELECT date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')::int`));
  ensureBudget(year, '01', 100000);
  const a = await apply({ naam: 'Pagina Bekijker', naam2: 'Buur Twee', email2: 'buur2@example.nl', straat: streetIn('01') });
  const other = await apply({ naam: 'Andere Wijk', straat: streetIn('02') });
  const page = await mk.get(`/beheer/aanvragen/${a.id}`);
  assert.equal(page.status, 200);
  const t = text(page.html);
  const phone = sql(`SELECT o.phone FROM organiser o JOIN application a ON a.organiser_id = o.id WHERE a.id = ${a.id}`);
  for (const s of [a.ref, 'Pagina Bekijker', 'Buur Twee', 'sukru@example.nl', phone, '3511 AB',
    'NL** **** **** **43 00', 'Ş. Yıldız', 'Eerste aanvraag', 'Ingediend', 'Aanvraag ingediend', 'Koffie met de buren'])
    assert.ok(t.includes(s), `page shows ${s}`);
  assert.ok(!page.html.includes('NL91ABNA0417164300') && !page.html.includes('0417 1643'), 'IBAN not masked');
  const remaining = Number(sql(`SELECT remaining_cents FROM wijk_budget_usage WHERE year = ${year} AND wijk_code = '01'`));
  const euro = '€ ' + (remaining / 100).toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  assert.ok(t.includes(`Nog te verdelen in wijk 01 ${euro}`), `remaining budget ${euro}`);
  assert.match(t, /Nog te verdelen in de stad/);
  assert.equal((await mk.get(`/beheer/aanvragen/${other.id}`)).status, 404);
  assert.equal((await mk.get('/beheer/aanvragen/999999999')).status, 404);
  assert.equal((await mk.get(`/beheer/aanvragen/${a.id}/onzin`)).status, 404);
  assert.equal((await mk.get(`/beheer/aanvragen/0${a.id}`)).status, 404);
});

test('take in review: 303, status, audit; a forged or missing token changes nothing', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '01' });
  const a = await apply({ naam: 'Review Aanvrager', straat: streetIn('01') });
  const page = await mk.get(`/beheer/aanvragen/${a.id}`);
  const f = formOf(page, `/beheer/aanvragen/${a.id}/in-behandeling`);
  assert.equal(f.versie, version(a.id));
  // no token, somebody else's token, a token of another form
  for (const csrf of [undefined, 'vals', page.tokens[0]]) {
    const fields = { versie: f.versie };
    if (csrf) fields.csrf = csrf;
    const r = await mk.post(`/beheer/aanvragen/${a.id}/in-behandeling`, fields);
    assert.equal(r.status, 400, `token ${csrf}`);
    assert.match(r.html, /Er is niets veranderd/);
  }
  assert.equal(status(a.id), 'ingediend');
  assert.equal(audits(a.id, 'application.review'), 0);
  const r = await mk.post(`/beheer/aanvragen/${a.id}/in-behandeling`, f);
  assert.equal(r.status, 303);
  assert.equal(r.location, `/beheer/aanvragen/${a.id}?gedaan=in-behandeling`);
  assert.equal(status(a.id), 'in_behandeling');
  assert.equal(sql(`SELECT details->>'from' || '>' || (details->>'to') || '>' || actor_user_id FROM audit_event
    WHERE object_id = '${a.id}' AND action = 'application.review'`), `ingediend>in_behandeling>${mk.user.id}`);
  const after = await mk.follow(r);
  assert.match(text(after.html), /De aanvraag is in behandeling genomen/);
  assert.match(text(after.html), new RegExp(`In behandeling genomen door ${mk.user.name} \\(van Ingediend naar In behandeling\\)`));
  assert.ok(after.html.includes(`href="/beheer/aanvragen/${a.id}/toekennen"`));
  assert.ok(after.html.includes(`href="/beheer/aanvragen/${a.id}/afwijzen"`));
});

test('two makelaars at once: the second gets 409 with what changed, nothing applied twice', async () => {
  const mk1 = await staffClient(srv, 'makelaar', { wijk: '01' });
  const mk2 = await staffClient(srv, 'makelaar', { wijk: '01,02' });
  const a = await apply({ naam: 'Gelijktijdig', straat: streetIn('01') });
  const url = `/beheer/aanvragen/${a.id}/in-behandeling`;
  const p1 = await mk1.get(`/beheer/aanvragen/${a.id}`);
  const p2 = await mk2.get(`/beheer/aanvragen/${a.id}`);
  assert.equal((await mk2.post(url, formOf(p2, url))).status, 303);
  const v = version(a.id);
  const r = await mk1.post(url, formOf(p1, url));
  assert.equal(r.status, 409);
  const t = text(r.html);
  assert.match(t, /Iemand anders heeft deze aanvraag intussen gewijzigd/);
  assert.match(t, /staat nu op "In behandeling"/);
  assert.ok(t.includes(`door ${mk2.user.name}`), 'who changed it');
  assert.equal(version(a.id), v);
  assert.equal(audits(a.id, 'application.review'), 1);
  // the resident withdraws; a post with the current version is refused by
  // the status rules (the trigger), not applied
  const w = await fetch(srv.url + a.path, { method: 'POST', redirect: 'manual', headers: { ...FORM, cookie: a.cookie },
    body: new URLSearchParams({ csrf: a.csrf, taal: 'nl', actie: 'intrekken', zeker: 'ja' }).toString() });
  assert.equal(w.status, 303);
  const f = { ...formOf(p1, url), versie: version(a.id) };
  const refused = await mk1.post(url, f);
  assert.equal(refused.status, 409);
  assert.match(text(refused.html), /kan niet naar "In behandeling"/);
  assert.equal(status(a.id), 'ingetrokken');
});

test('ask for more information: the question reaches the status page, on the record', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '01' });
  const a = await apply({ naam: 'Vraag Ontvanger', straat: streetIn('01') });
  let page = await mk.get(`/beheer/aanvragen/${a.id}`);
  let r = await mk.post(`/beheer/aanvragen/${a.id}/in-behandeling`, formOf(page, `/beheer/aanvragen/${a.id}/in-behandeling`));
  assert.equal(r.status, 303);
  page = await mk.get(`/beheer/aanvragen/${a.id}`);
  const url = `/beheer/aanvragen/${a.id}/vraag`;
  const f = formOf(page, url);
  r = await mk.post(url, { ...f, vraag: '   ' });
  assert.equal(r.status, 422);
  assert.match(r.html, /Schrijf uw vraag aan de aanvrager/);
  assert.match(r.html, /id="vraag"[^>]*aria-invalid="true"/);
  r = await mk.post(url, { ...f, vraag: 'x'.repeat(2001) });
  assert.equal(r.status, 422);
  assert.match(r.html, /te lang/);
  assert.equal(status(a.id), 'in_behandeling');
  const question = 'Hoeveel buren doen mee? Zijn er <b>plannen</b> voor de zomer?';
  r = await mk.post(url, { ...f, vraag: question });
  assert.equal(r.status, 303);
  assert.equal(status(a.id), 'aanvulling_gevraagd');
  assert.equal(sql(`SELECT body || '|' || author || '|' || staff_user_id FROM application_message WHERE application_id = ${a.id}`),
    `${question}|staff|${mk.user.id}`);
  assert.equal(audits(a.id, 'application.ask_info'), 1);
  assert.equal(sql(`SELECT count(*) FROM outbox_message WHERE application_id = ${a.id} AND kind = 'information_requested'`), '1');
  assert.ok(!sql(`SELECT details::text FROM audit_event WHERE object_id = '${a.id}' AND action = 'application.ask_info'`).includes('buren'));
  const resident = await (await fetch(srv.url + a.path, { headers: { cookie: a.cookie } })).text();
  assert.match(resident, /Vraag van de sociaal makelaar/);
  assert.ok(resident.includes('Zijn er &lt;b&gt;plannen&lt;/b&gt; voor de zomer?'), 'question on the status page');
  const after = await mk.get(`/beheer/aanvragen/${a.id}`);
  assert.ok(text(after.html).includes(`Vraag van ${mk.user.name}`));
  assert.ok(after.html.includes('Zijn er &lt;b&gt;plannen&lt;/b&gt;'));
});

test('a makelaar posting to another wijk\'s application gets 404, nothing changes', async () => {
  const mk1 = await staffClient(srv, 'makelaar', { wijk: '01' });
  const mk2 = await staffClient(srv, 'makelaar', { wijk: '02' });
  const other = await apply({ naam: 'Andere Wijk', straat: streetIn('02') });
  const url = `/beheer/aanvragen/${other.id}/in-behandeling`;
  const page = await mk2.get(`/beheer/aanvragen/${other.id}`);
  const f = formOf(page, url);
  for (const action of ['in-behandeling', 'vraag', 'straat', 'toekennen'])
    assert.equal((await mk1.post(`/beheer/aanvragen/${other.id}/${action}`, { ...f, vraag: 'Hallo?' })).status, 404, action);
  assert.equal(status(other.id), 'ingediend');
  assert.equal(audits(other.id, 'application.review'), 0);
});

test('link an unknown street to a street of the wijk', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '01' });
  const a = await apply({ naam: 'Straat Zoeker', straat: `Nergenssteeg ${Date.now()}`, wijk: '01' });
  assert.equal(sql(`SELECT flag_unknown_street FROM application WHERE id = ${a.id}`), 't');
  const page = await mk.get(`/beheer/aanvragen/${a.id}`);
  const url = `/beheer/aanvragen/${a.id}/straat`;
  const f = formOf(page, url);
  const target = streetIn('01');
  assert.ok(page.html.includes(`<option value="${target}">`), 'the wijk\'s streets are offered');
  let r = await mk.post(url, { ...f, straat: streetIn('02') });
  assert.equal(r.status, 422);
  assert.match(r.html, /staat niet in de stratenlijst van wijk 01/);
  assert.equal(sql(`SELECT street_id IS NULL FROM application WHERE id = ${a.id}`), 't');
  r = await mk.post(url, { ...f, straat: `  ${target.toUpperCase()} ` });
  assert.equal(r.status, 303);
  const [sid, name, flag, buurt] = sql(`SELECT a.street_id, a.street_name, a.flag_unknown_street, coalesce(a.buurt_code, '')
    FROM application a WHERE a.id = ${a.id}`).split('|');
  assert.equal(sid, sql(`SELECT id FROM street WHERE name = '${target}'`));
  assert.equal(name, target);
  assert.equal(flag, 'f');
  const buurten = sql(`SELECT string_agg(sb.buurt_code, ',') FROM street_buurt sb JOIN buurt b ON b.code = sb.buurt_code
    WHERE sb.street_id = ${sid} AND b.wijk_code = '01'`);
  if (!buurten.includes(',')) assert.equal(buurt, buurten);
  assert.equal(audits(a.id, 'application.link_street'), 1);
  // the old form again: somebody (here: we) changed it meanwhile
  r = await mk.post(url, { ...f, straat: target });
  assert.equal(r.status, 409);
  assert.equal(audits(a.id, 'application.link_street'), 1);
});

test('flags after an award: a changed IBAN shows in the queue and as an action', async () => {
  const mk = await staffClient(srv, 'makelaar', { wijk: '01' });
  const a = await apply({ naam: 'Iban Wisselaar', straat: streetIn('01') });
  award(a.id);
  const r = await fetch(srv.url + a.path, { method: 'POST', redirect: 'manual', headers: { ...FORM, cookie: a.cookie },
    body: new URLSearchParams({ csrf: a.csrf, taal: 'nl', actie: 'iban', iban: 'DE89 3704 0044 0532 0130 00',
      rekeninghouder: 'I. Wisselaar' }).toString() });
  assert.equal(r.status, 303);
  const q = await mk.get('/beheer/aanvragen?wijk=01&status=toegekend');
  assert.match(queueRow(q.html, a.ref), /IBAN gewijzigd/);
  const page = await mk.get(`/beheer/aanvragen/${a.id}`);
  assert.ok(page.html.includes(`href="/beheer/aanvragen/${a.id}/iban"`));
  assert.match(text(page.html), /Toegekend bedrag € 150,00/);
  assert.match(text(page.html), /DE\*\* \*\*\*\* \*\*\*\* \*\*\*\* \*\*30 00/);
  assert.ok(!page.html.includes('DE89370400440532013000'));
});
