// Helpers for tests that fill in the resident's application form.
export const GOOD = {
  naam: 'Şükrü Yıldız',
  email: 'sukru@example.nl',
  telefoon: '030 123 45 67',
  straat: 'Verdilaan',
  huisnummer: '12 bis',
  postcode: '3511 ab',
  wijk: '',
  huishoudens: '40',
  naam2: '',
  email2: '',
  plan: 'Bloemen bij ziekte en een kaart bij een geboorte. Koffie met de buren: € 150.',
  uitbetaling: 'bank',
  iban: 'nl91 abna 0417 1643 00',
  rekeninghouder: 'Ş. Yıldız',
  akkoord: 'ja',
  website: '',
};

// GET the form; returns { cookie, csrf, sleutel, html }.
export async function openForm(base, lang = '') {
  const r = await fetch(base + '/aanvragen' + (lang ? `?taal=${lang}` : ''));
  const html = await r.text();
  if (r.status !== 200) throw new Error(`GET /aanvragen: ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const sleutel = html.match(/name="sleutel" value="([^"]+)"/)[1];
  return { cookie, csrf, sleutel, html };
}

export async function submit(base, form, fields, { cookie = form.cookie, contentType } = {}) {
  const body = new URLSearchParams({ csrf: form.csrf, sleutel: form.sleutel, taal: 'nl', ...fields });
  return fetch(base + '/aanvragen', {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': contentType ?? 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    body: body.toString(),
  });
}
