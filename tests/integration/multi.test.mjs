// Two servers, one database: both serve, and scheduled work is claimed in
// the database so each due run happens exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, waitFor } from './lib.mjs';

let a, b;
before(async () => {
  sql("DELETE FROM job_run WHERE job_name = 'housekeeping'");
  sql(`INSERT INTO scheduled_job (name, next_run_at) VALUES ('housekeeping', now() + interval '1 day')
       ON CONFLICT (name) DO UPDATE SET next_run_at = excluded.next_run_at`);
  const env = { LIEFLEED_JOB_INTERVAL: '1' };
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
});
after(async () => {
  const [ca, cb] = await Promise.all([a.stop(), b.stop()]);
  assert.equal(ca, 0, a.log());
  assert.equal(cb, 0, b.log());
});

test('both servers answer pages and health from the one database', async () => {
  for (const s of [a, b]) {
    const h = await fetch(s.url + '/healthz');
    assert.equal(h.status, 200);
    await h.text();
    const p = await fetch(s.url + '/');
    assert.equal(p.status, 200);
    assert.match(await p.text(), /Lief en Leed in uw straat/);
  }
});

test('a due job runs once, not once per server', async () => {
  for (let round = 1; round <= 3; round++) {
    sql("UPDATE scheduled_job SET next_run_at = now() WHERE name = 'housekeeping'");
    await waitFor(() => Number(sql("SELECT count(*) FROM job_run WHERE job_name = 'housekeeping'")) >= round, 10000);
    // give the other server its chance to (wrongly) run it too
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(sql("SELECT count(*) FROM job_run WHERE job_name = 'housekeeping'"), String(round));
    assert.equal(sql("SELECT next_run_at > now() + interval '23 hours' FROM scheduled_job WHERE name = 'housekeeping'"), 't');
  }
  const servers = sql("SELECT string_agg(DISTINCT server_id, ',') FROM job_run WHERE job_name = 'housekeeping'");
  assert.ok(servers.length > 0);
  for (const s of [a, b]) assert.ok(!/jobs: .* failed/.test(s.log()), s.log());
});
