// The resident's application form over HTTP: from the empty form to a
// filed application, its status page and receipt; and every kind of bad
// input gets a clear answer with nothing typed lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, sql, rawRequest, TMP } from './lib.mjs';
import { GOOD, openForm, submit } from './form.mjs';

let srv;
before(async () => {
  srv = await startServer({ LIEFLEED_SUBMIT_LIMIT: '1000' });
});
after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

test('the empty form: every field labelled, street suggestions, CSRF cookie', async () => {
  const f = await openForm(srv.url);
  assert.match(f.cookie, /^ll_form=[0-9a-f]{32}$/);
  for (const [id, label] of [
    ['naam', 'Uw naam'], ['email', 'Uw e-mailadres'], ['straat', 'Straat'], ['huisnummer', 'Huisnummer'],
    ['postcode', 'Postcode'], ['huishoudens', 'Ongeveer hoeveel huishoudens'], ['plan', 'Wat wilt u doen'],
    ['iban', 'IBAN'], ['akkoord', 'Ik ga akkoord met de privacyverklaring'],
  ])
    assert.match(f.html, new RegExp(`<label class="utrecht-form-label[^"]*" for="${id}">${label}`), id);
  assert.match(f.html, /<datalist id="straten">[\s\S]*<option value="Verdilaan"><\/option>/);
  assert.match(f.html, /<option value="03">Overvecht<\/option>/);
  assert.match(f.html, /<label class="utrecht-form-label" for="telefoon">Uw telefoonnummer \(niet verplicht\)<\/label>/);
});

test('a good application: 303 to the private status page, stored once, receipt PDF with the right characters', async () => {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, GOOD);
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/status\/[A-Za-z0-9_-]{43}\?nieuw=1$/);
  const page = await fetch(srv.url + loc);
  assert.equal(page.status, 200);
  const html = await page.text();
  const ref = html.match(/LL-\d{4}-\d{5}/)[0];
  assert.match(html, /Bedankt, uw aanvraag is verstuurd/);
  assert.match(html, new RegExp(`Uw nummer is <strong>${ref}</strong>`));
  assert.match(html, /Uw aanvraag is ontvangen/);
  assert.ok(html.includes(`http://127.0.0.1:${srv.port}${loc.split('?')[0]}`), 'the link to keep');
  // the row, normalised
  const row = sql(`SELECT a.status, a.street_id IS NOT NULL, a.wijk_code, o.name, o.email, o.postcode, o.iban, o.address, a.households, a.payout_method
                   FROM application a JOIN organiser o ON o.id = a.organiser_id WHERE a.reference = '${ref}'`);
  assert.equal(row, 'ingediend|t|01|Şükrü Yıldız|sukru@example.nl|3511 AB|NL91ABNA0417164300|Verdilaan 12 BIS|40|bank');
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE action = 'application.submit' AND object_id = (SELECT id::text FROM application WHERE reference = '${ref}')`), '1');
  assert.equal(sql(`SELECT count(*) FROM outbox_message WHERE kind = 'submitted' AND application_id = (SELECT id FROM application WHERE reference = '${ref}')`), '1');
  // the receipt
  const pdfLink = html.match(/href="(\/status\/[^"]+\/ontvangstbewijs\.pdf)"/)[1];
  const pdf = await fetch(srv.url + pdfLink);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await pdf.arrayBuffer());
  const file = path.join(TMP, `${ref}.pdf`);
  fs.writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(ref));
  assert.ok(text.includes('Şükrü Yıldız'));
  assert.ok(text.includes('€ 150'));
  assert.ok(text.includes('Verdilaan'));
  assert.ok(!text.includes('NL91ABNA0417164300') && !text.includes('0417 1643'), 'the IBAN is masked');
  // downloaded twice: the same bytes
  const again = Buffer.from(await (await fetch(srv.url + pdfLink)).arrayBuffer());
  assert.ok(bytes.equals(again));
});

test('the same form sent twice (double click, back button) files one application', async () => {
  const f = await openForm(srv.url);
  const a = await submit(srv.url, f, { ...GOOD, naam: 'Dubbel Klikker' });
  const b = await submit(srv.url, f, { ...GOOD, naam: 'Dubbel Klikker' });
  assert.equal(a.status, 303);
  assert.equal(b.status, 303);
  assert.equal(a.headers.get('location'), b.headers.get('location'));
  assert.equal(sql("SELECT count(*) FROM organiser WHERE name = 'Dubbel Klikker'"), '1');
});

test('invalid fields: 422, an error summary linking to each field, messages beside them, values kept', async () => {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, {
    ...GOOD, email: 'geen-email', postcode: '1012 AB', iban: 'NL91 ABNA 0417 1643 01', huishoudens: 'veel', akkoord: '',
  });
  assert.equal(r.status, 422);
  const html = await r.text();
  assert.match(html, /<h2 class="utrecht-heading-2" id="foutoverzicht">Controleer deze punten<\/h2>/);
  for (const id of ['email', 'postcode', 'iban', 'huishoudens', 'akkoord'])
    assert.match(html, new RegExp(`<a class="utrecht-link" href="#${id}">`), id);
  assert.match(html, /id="email"[^>]*aria-describedby="email-uitleg email-fout"[^>]*aria-invalid="true"/);
  assert.match(html, /value="geen-email"/);
  assert.match(html, /value="Şükrü Yıldız"/);
  assert.match(html, />Bloemen bij ziekte en een kaart bij een geboorte\. Koffie met de buren: € 150\.<\/textarea>/);
  assert.equal(sql("SELECT count(*) FROM organiser WHERE email = 'geen-email'"), '0');
});

test('an unknown street is accepted with the wijk chosen, and flagged', async () => {
  const f = await openForm(srv.url);
  let r = await submit(srv.url, f, { ...GOOD, straat: 'Nieuwe Lief en Leedlaan', naam: 'Nieuwe Straat' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Wij kennen deze straat nog niet\. Kies de wijk/);
  r = await submit(srv.url, f, { ...GOOD, straat: 'Nieuwe Lief en Leedlaan', naam: 'Nieuwe Straat', wijk: '03' });
  assert.equal(r.status, 303);
  assert.equal(sql("SELECT wijk_code || flag_unknown_street::text FROM application WHERE street_name = 'Nieuwe Lief en Leedlaan'"), '03true');
});

test('a second open application for the street is accepted, flagged, and the resident told kindly', async () => {
  const f1 = await openForm(srv.url);
  await submit(srv.url, f1, { ...GOOD, straat: 'Vivaldiplantsoen', naam: 'Eerste Buur' });
  const f2 = await openForm(srv.url);
  const r = await submit(srv.url, f2, { ...GOOD, straat: 'vivaldiplantsoen', naam: 'Tweede Buur' });
  assert.equal(r.status, 303);
  const html = await (await fetch(srv.url + r.headers.get('location'))).text();
  assert.match(html, /Er is al een andere aanvraag voor uw straat/);
  assert.equal(sql("SELECT flag_second_open FROM application a JOIN organiser o ON o.id = a.organiser_id WHERE o.name = 'Tweede Buur'"), 't');
});

test('script and SQL in every field: escaped on the page, stored verbatim', async () => {
  const f = await openForm(srv.url);
  const evil = `<script>alert("x")</script>'; DROP TABLE application; --`;
  const r = await submit(srv.url, f, { ...GOOD, naam: evil, plan: evil + ' en nog meer tekst', email: 'x' });
  assert.equal(r.status, 422);
  const html = await r.text();
  assert.ok(!html.includes('<script>alert'), 'raw script on the page');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;; DROP TABLE application; --'));
  const ok = await submit(srv.url, f, { ...GOOD, naam: evil });
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT count(*) FROM organiser WHERE name = '${evil.replaceAll("'", "''")}'`), '1');
});

test('missing or stale CSRF token: the form again with values and a message, not a bare 403', async () => {
  const f = await openForm(srv.url);
  for (const variant of [{ cookie: '' }, { cookie: 'll_form=' + 'a'.repeat(32) }]) {
    const r = await submit(srv.url, f, { ...GOOD, naam: 'Zonder Koekje' }, variant);
    assert.equal(r.status, 403);
    const html = await r.text();
    assert.match(html, /Uw formulier is verlopen of kwam niet goed aan/);
    assert.match(html, /value="Zonder Koekje"/);
  }
  const stale = await submit(srv.url, { ...f, csrf: '1000000.' + 'ab'.repeat(32) }, GOOD);
  assert.equal(stale.status, 403);
  await stale.text();
  assert.equal(sql("SELECT count(*) FROM organiser WHERE name = 'Zonder Koekje'"), '0');
});

test('wrong content type: 415; body over the limit: 413; broken encoding: 400 with a clear message', async () => {
  const f = await openForm(srv.url);
  const r1 = await submit(srv.url, f, GOOD, { contentType: 'text/plain' });
  assert.equal(r1.status, 415);
  assert.match(await r1.text(), /Dit formulier kwam niet goed aan/);
  // a 10 MB body is refused on its Content-Length, before it is read
  const big = await rawRequest(srv.port,
    'POST /aanvragen HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    `Content-Length: ${10 * 1024 * 1024}\r\n\r\nplan=` + 'x'.repeat(1000));
  assert.equal(big.status, 413);
  assert.match(big.body, /Wat u stuurt is te groot/);
  const bad = await fetch(srv.url + '/aanvragen', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie },
    body: `csrf=${f.csrf}&naam=%ff%fe`,
  });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /tekens die wij niet kunnen lezen/);
});

test('the honeypot: a filled-in trap field is not filed, the form comes back', async () => {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, naam: 'Robot Robert', website: 'http://spam.example' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Laat het veld &#39;website&#39; leeg/);
  assert.equal(sql("SELECT count(*) FROM organiser WHERE name = 'Robot Robert'"), '0');
});

test('status links: a wrong token of any shape is the same 404 as an unknown page', async () => {
  for (const p of ['/status/abc', '/status/' + 'A'.repeat(43), '/status/' + '!'.repeat(43), '/status/' + 'A'.repeat(44), '/status/' + 'A'.repeat(43) + '/ontvangstbewijs.pdf']) {
    const r = await fetch(srv.url + p);
    assert.equal(r.status, 404, p);
    assert.match(await r.text(), /Deze pagina bestaat niet/);
  }
  assert.ok(!srv.log().match(/\/status\/[A-Za-z0-9_-]{20,}/), 'a token in the access log');
});

test('the privacy statement is a page of its own, in Dutch and English', async () => {
  const nl = await (await fetch(srv.url + '/privacy')).text();
  assert.match(nl, /<h1 class="utrecht-heading-1">Privacyverklaring<\/h1>/);
  const en = await (await fetch(srv.url + '/privacy?taal=en')).text();
  assert.match(en, /Privacy statement/);
});

test('hammering the form: 429 with Retry-After, the typed values kept', async () => {
  const s = await startServer({ LIEFLEED_SUBMIT_LIMIT: '5' });
  try {
    sql('DELETE FROM rate_limit');
    let last;
    for (let i = 0; i < 12; i++) {
      const f = await openForm(s.url);
      last = await submit(s.url, f, { ...GOOD, email: 'bad', naam: 'Hamer ' + i });
      if (last.status === 429) break;
      await last.text();
    }
    assert.equal(last.status, 429);
    assert.match(last.headers.get('retry-after'), /^\d+$/);
    const html = await last.text();
    assert.match(html, /Er zijn vanaf uw adres veel aanvragen verstuurd/);
    assert.match(html, /value="Hamer \d+"/);
  } finally {
    sql('DELETE FROM rate_limit');
    assert.equal(await s.stop(), 0, s.log());
  }
});

test('white space around values (a phone keyboard adds it) is not a problem', async () => {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, {
    ...GOOD, naam: '   Spatie Aan Het Eind   ', straat: 'Verdilaan ', rekeninghouder: 'H'.repeat(70) + ' ',
    plan: GOOD.plan + ' '.repeat(4000),
  });
  assert.equal(r.status, 303);
  assert.equal(sql("SELECT a.flag_unknown_street::text || ' ' || length(o.account_holder) FROM application a JOIN organiser o ON o.id = a.organiser_id WHERE o.name = 'Spatie Aan Het Eind'"), 'false 70');
});

test('a street of 100 four-byte characters: a clear answer, never a 500', async () => {
  const f = await openForm(srv.url);
  const r = await submit(srv.url, f, { ...GOOD, naam: 'Lange Straat', straat: '中'.repeat(100), wijk: '03' });
  assert.equal(r.status, 303);
  assert.equal(sql("SELECT o.address FROM organiser o WHERE o.name = 'Lange Straat'"), '中'.repeat(100) + ' 12 BIS');
});

test('no status token in the access log, whatever was refused', async () => {
  const tok = 'Q'.repeat(43);
  await rawRequest(srv.port, `PUT /status/${tok} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  await rawRequest(srv.port, `GET //status/${tok} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  await rawRequest(srv.port, `POST /status/${tok} HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n`);
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(!srv.log().includes(tok), 'token in the log');
  assert.match(srv.log(), /access PUT \/status\/\* 405/);
});

test('behind a trusted load balancer the rate limit counts per resident, not per balancer', async () => {
  const s = await startServer({ LIEFLEED_SUBMIT_LIMIT: '2', LIEFLEED_TRUSTED_PROXIES: '10.0.0.9, 127.0.0.1' });
  try {
    sql('DELETE FROM rate_limit');
    const post = async (xff) => {
      const f = await openForm(s.url);
      const body = new URLSearchParams({ csrf: f.csrf, sleutel: f.sleutel, taal: 'nl', ...GOOD, email: 'bad' });
      const r = await fetch(s.url + '/aanvragen', {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie, 'x-forwarded-for': xff },
        body: body.toString(),
      });
      await r.text();
      return r.status;
    };
    assert.deepEqual([await post('192.0.2.1'), await post('192.0.2.1'), await post('192.0.2.1')], [422, 422, 429]);
    assert.equal(await post('spoofed, 192.0.2.2'), 422, 'another resident is not limited');
  } finally {
    sql('DELETE FROM rate_limit');
    assert.equal(await s.stop(), 0, s.log());
  }
});

test('a form whose one-time key was forgotten (a tab left open for weeks): asked to send again, never a 500', async () => {
  const f = await openForm(srv.url);
  const first = await submit(srv.url, f, { ...GOOD, naam: 'Oude Tab' });
  assert.equal(first.status, 303);
  sql(`DELETE FROM idempotency_key WHERE key = '${f.sleutel}'`);
  const again = await submit(srv.url, f, { ...GOOD, naam: 'Oude Tab' });
  assert.equal(again.status, 422);
  const html = await again.text();
  assert.match(html, /Verstuur het formulier nog een keer/);
  const fresh = html.match(/name="sleutel" value="([^"]+)"/)[1];
  assert.notEqual(fresh, f.sleutel);
  assert.equal(sql("SELECT count(*) FROM organiser WHERE name = 'Oude Tab'"), '1');
});
