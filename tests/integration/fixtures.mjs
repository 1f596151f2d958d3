// Fixtures for suites that need an application further along than a
// resident can bring it: awarded by a makelaar and paid by finance.
//
// Until the staff and finance pages exist (issues 4 and 5) these steps are
// plain SQL, but SQL that goes the way those pages will: every trigger and
// constraint of sql/002-006 is obeyed, nothing is switched off or
// back-dated behind the schema's back. That is what makes the fixture
// worth reusing: if a rule changes, the fixture fails loudly here.
//
//   const { payoutId, awardId } = awardAndPay(applicationId);
//   awardAndPay(id, { amountCents: 12000, reason: 'minder nodig', paidOn: day(-10) });
//
// The steps, each one transaction:
//   1. budget: the budget year and the wijk's budget exist and have room
//      for the award (raised if needed, never lowered);
//   2. review: ingediend / aanvulling_gevraagd -> in_behandeling;
//   3. award: in_behandeling -> toegekend by an active makelaar of the
//      wijk (not the one who entered it), with the award and its payout
//      (IBAN and holder of the gangmaker for a bank payout);
//   4. batch (bank only): a live batch made by a financien user, the
//      payout on line 1 and in_batch, the control totals fixed;
//   5. paid: finance's result on the line, the payout betaald on paidOn,
//      the batch imported. A prepaid card goes te_betalen -> betaald.
// The payout becoming betaald opens the spending report (trigger of 006).
//
// The fixture writes no audit events or outbox messages: those belong to
// the pages it stands in for. Staff accounts are made with the real
// command line (`liefleed user add`), one per role (and wijk) per process.
import { run, sql } from './lib.mjs';

const PASSWORD = 'een heel lang geheim wachtwoord\n';
let seq = 0;
const unique = () => `${process.pid}-${Date.now()}-${++seq}`;
const staff = new Map();

// A date relative to today in Europe/Amsterdam: day(-10) is ten days ago.
// fmt 'iso' gives 2026-11-17, 'nl' gives 17-11-2026.
export function day(offset = 0, fmt = 'iso') {
  const f = fmt === 'nl' ? 'DD-MM-YYYY' : 'YYYY-MM-DD';
  return sql(`SELECT to_char((now() AT TIME ZONE 'Europe/Amsterdam')::date + (${Number(offset)}), '${f}')`);
}

// A staff account of role (a makelaar works in wijk), made once per
// process through `liefleed user add`; returns its id.
export function staffUser(role, wijk = '01') {
  const key = role === 'makelaar' ? `${role}:${wijk}` : role;
  if (staff.has(key)) return staff.get(key);
  const email = `${role}-${unique()}@example.nl`;
  const args = ['user', 'add', '--email', email, '--name', `Test ${role} ${wijk}`, '--role', role];
  if (role === 'makelaar') args.push('--wijk', wijk);
  const r = run(args, {}, PASSWORD);
  if (r.code !== 0) throw new Error(`user add ${role}: ${r.stderr}`);
  const id = Number(sql(`SELECT id FROM staff_user WHERE lower(email) = lower('${email}')`));
  staff.set(key, id);
  return id;
}

// A street from the reference list in exactly one wijk that no application
// names yet, so a test's awards never meet the yearly maximum per street.
// Merged spellings (sql/009) and the streets they were merged into are left
// out: an application naming a merged one is filed under the other.
//   freshStreet()                 any wijk
//   freshStreet('03')             in wijk 03
//   freshStreet('03', { outside: true })   in a wijk other than 03
//   freshStreet('03', { not: [streetId, ...] })
export function freshStreet(wijk, { outside = false, not = [] } = {}) {
  const inWijk = wijk ? `AND min(b.wijk_code) ${outside ? '<>' : '='} '${wijk}'` : '';
  const name = sql(`SELECT s.name FROM street s
    JOIN street_buurt sb ON sb.street_id = s.id JOIN buurt b ON b.code = sb.buurt_code
    WHERE s.name ~ '^[A-Za-z ]+$' AND s.merged_into IS NULL
      AND NOT EXISTS (SELECT 1 FROM street m WHERE m.merged_into = s.id)
      AND NOT EXISTS (SELECT 1 FROM application a WHERE a.street_id = s.id)
      AND s.id <> ALL (ARRAY[${[0, ...not].map(Number).join(',')}]::bigint[])
    GROUP BY s.id, s.name HAVING count(DISTINCT b.wijk_code) = 1 ${inWijk}
    ORDER BY random() LIMIT 1`);
  if (!name) throw new Error(`freshStreet: no unused street left${wijk ? ` (wijk ${wijk})` : ''}`);
  return name;
}

function application(id) {
  const row = sql(`SELECT a.status, a.wijk_code, coalesce(a.street_id::text, ''), a.payout_method, a.reference,
      coalesce(a.entered_by::text, '')
    FROM application a WHERE a.id = ${Number(id)}`);
  if (!row) throw new Error(`application ${id} does not exist`);
  const [status, wijk, streetId, method, reference, enteredBy] = row.split('|');
  return { id: Number(id), status, wijk, streetId, method, reference, enteredBy };
}

// The default potje of year: the budget year's own, else the setting.
function defaultCents(year) {
  return Number(sql(`SELECT coalesce((SELECT potje_default_cents FROM budget_year WHERE year = ${year}),
    setting_int('potje_default_cents'))`));
}

// Step 1: the budget of year and wijk exists and leaves room for cents.
export function ensureBudget(year, wijk, cents) {
  sql(`BEGIN;
    INSERT INTO budget_year (year, city_budget_cents) VALUES (${year}, 0) ON CONFLICT (year) DO NOTHING;
    UPDATE budget_year SET city_budget_cents = greatest(city_budget_cents,
      (SELECT coalesce(sum(amount_cents), 0) FROM award WHERE budget_year = ${year}) + ${cents})
      WHERE year = ${year};
    INSERT INTO wijk_budget (year, wijk_code, budget_cents) VALUES (${year}, '${wijk}', 0)
      ON CONFLICT (year, wijk_code) DO NOTHING;
    UPDATE wijk_budget SET budget_cents = greatest(budget_cents,
      (SELECT coalesce(sum(amount_cents), 0) FROM award WHERE budget_year = ${year} AND wijk_code = '${wijk}')
      + ${cents}) WHERE year = ${year} AND wijk_code = '${wijk}';
    COMMIT;`);
}

// Steps 1-3: award the application. Returns { awardId, payoutId, cents }.
//   amountCents  default the potje of the year; lower needs reason
//   year         budget year, default this year (Europe/Amsterdam)
export function award(applicationId, { amountCents, reason, year } = {}) {
  const app = application(applicationId);
  if (!app.streetId) throw new Error(`application ${app.id}: its street is not in the list; link it first`);
  const y = Number(year ?? sql(`SELECT date_part('year', now() AT TIME ZONE 'Europe/Amsterdam')::int`));
  const def = defaultCents(y);
  const cents = Number(amountCents ?? def);
  const mk = staffUser('makelaar', app.wijk);
  if (String(mk) === app.enteredBy) throw new Error('the makelaar who entered it cannot award it');
  ensureBudget(y, app.wijk, cents);
  if (app.status === 'ingediend' || app.status === 'aanvulling_gevraagd')
    sql(`UPDATE application SET status = 'in_behandeling' WHERE id = ${app.id}`);
  const why = cents === def ? 'NULL' : `'${String(reason ?? 'minder nodig').replaceAll("'", "''")}'`;
  const ids = sql(`BEGIN;
    UPDATE application SET status = 'toegekend', decided_by = ${mk}, decided_at = now() WHERE id = ${app.id};
    WITH w AS (INSERT INTO award (application_id, budget_year, wijk_code, amount_cents,
        default_amount_cents, reduction_reason, awarded_by)
      VALUES (${app.id}, ${y}, '${app.wijk}', ${cents}, ${def}, ${why}, ${mk}) RETURNING id)
    INSERT INTO payout (award_id, reference, amount_cents, channel, iban, account_holder)
      SELECT w.id, '${app.reference}-U1', ${cents}, a.payout_method,
        CASE WHEN a.payout_method = 'bank' THEN o.iban END,
        CASE WHEN a.payout_method = 'bank' THEN o.account_holder END
      FROM w, application a JOIN organiser o ON o.id = a.organiser_id WHERE a.id = ${app.id};
    COMMIT;
    SELECT w.id || '|' || p.id FROM award w JOIN payout p ON p.award_id = w.id WHERE w.application_id = ${app.id};`);
  const [awardId, payoutId] = ids.split('|').map(Number);
  return { awardId, payoutId, cents };
}

// paid_at of a date: noon in Utrecht, so the date is the same everywhere.
const paidAt = (paidOn) => (paidOn ? `(DATE '${paidOn}' + TIME '12:00') AT TIME ZONE 'Europe/Amsterdam'` : 'now()');

// Steps 4-5: pay a payout that is te_betalen. A bank payout goes through a
// batch of its own; returns { batchId } (null for a prepaid card).
//   paidOn  ISO date of the payment (default today), e.g. day(-10)
export function pay(payoutId, { paidOn } = {}) {
  const pid = Number(payoutId);
  const [status, channel, cents, confirmed] = sql(
    `SELECT status, channel, amount_cents, iban_confirmed FROM payout WHERE id = ${pid}`).split('|');
  if (status !== 'te_betalen') throw new Error(`payout ${pid} is ${status}, not te_betalen`);
  const on = paidOn ? `DATE '${paidOn}'` : `(now() AT TIME ZONE 'Europe/Amsterdam')::date`;
  if (channel === 'prepaid_card') {
    sql(`UPDATE payout SET status = 'betaald', paid_at = ${paidAt(paidOn)} WHERE id = ${pid}`);
    return { batchId: null };
  }
  if (confirmed !== 't') throw new Error(`payout ${pid}: its IBAN waits for a makelaar's confirmation`);
  const fin = staffUser('financien');
  const number = `TEST-${unique()}`.toUpperCase();
  const batchId = Number(sql(`BEGIN;
    INSERT INTO payout_batch (number, created_by) VALUES ('${number}', ${fin});
    INSERT INTO batch_line (batch_id, line_no, payout_id)
      SELECT id, 1, ${pid} FROM payout_batch WHERE number = '${number}';
    UPDATE payout SET status = 'in_batch' WHERE id = ${pid};
    UPDATE payout_batch SET line_count = 1, total_cents = ${cents} WHERE number = '${number}';
    COMMIT;
    SELECT id FROM payout_batch WHERE number = '${number}';`));
  sql(`BEGIN;
    UPDATE batch_line SET result = 'betaald', result_on = ${on} WHERE batch_id = ${batchId} AND payout_id = ${pid};
    UPDATE payout SET status = 'betaald', paid_at = ${paidAt(paidOn)} WHERE id = ${pid};
    UPDATE payout_batch SET status = 'imported', imported_by = ${fin}, imported_at = now() WHERE id = ${batchId};
    COMMIT;`);
  return { batchId };
}

// Award and pay in one call: { awardId, payoutId, batchId, cents }.
export function awardAndPay(applicationId, opts = {}) {
  const a = award(applicationId, opts);
  const p = pay(a.payoutId, opts);
  return { ...a, ...p };
}
