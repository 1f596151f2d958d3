// Helpers for the integration suites: start the real liefleed binary
// against the test run's PostgreSQL and speak HTTP to it.
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'node:test';

export const BIN = process.env.LIEFLEED_BIN ?? 'build/liefleed';
export const DB = process.env.LIEFLEED_DATABASE_URL;
export const TMP = process.env.LIEFLEED_TEST_TMP ?? fs.mkdtempSync('/tmp/ll-it-');

// Money conservation (SPEC section 4), after every test of every suite that
// imports this file: for each budget year, awarded = te_betalen + in_batch
// + betaald + mislukt to the cent, and one payout per award. Only a
// database that is down on purpose (the fault suites stop it) is passed
// over; any other failure of the check fails the test.
export function moneyNotConserved(url = DB) {
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', url, '-c',
    `SELECT year || ': awarded ' || awarded_cents || ', difference ' || difference_cents
       || ', awards ' || awards || ', payouts ' || payouts
     FROM budget_year_reconciliation WHERE NOT balanced ORDER BY year`],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

afterEach(() => {
  if (!DB) return;
  let out;
  try {
    out = moneyNotConserved();
  } catch (e) {
    if (/could not connect|connection to server|No such file or directory|the database system is (starting|shutting)/
      .test(String(e.stderr))) return;
    throw e;
  }
  if (out) throw new Error(`money is not conserved (SPEC section 4):\n${out}`);
});

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Start `liefleed serve`. Resolves once it logs that it listens (or rejects
// with its stderr when it exits first). Returns { url, port, proc, log(),
// stop() } where stop() sends SIGTERM and resolves with the exit code.
export async function startServer(env = {}, { waitReady = true } = {}) {
  const port = env.port ?? (await freePort());
  const e = {
    ...process.env,
    LIEFLEED_LISTEN: `127.0.0.1:${port}`,
    LIEFLEED_BASE_URL: `http://127.0.0.1:${port}`,
    LIEFLEED_DATABASE_URL: DB,
    LIEFLEED_DATA_DIR: path.join(TMP, `data-${port}`),
    LIEFLEED_WORKERS: '2',
    ...env,
  };
  delete e.port;
  const proc = spawn(BIN, ['serve'], { env: e, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => proc.on('exit', (code, sig) => resolve(code ?? sig)));
  const srv = {
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    exited,
    log: () => out,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
  if (!waitReady) return srv;
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (out.includes('luistert op')) return srv;
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}: ${out}`);
    await sleep(25);
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not start: ${out}`);
}

export async function waitFor(fn, ms = 15000, step = 50) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(step);
  }
}

// Send raw bytes and collect the whole answer (the server closes or we
// stop after the first response). Returns { status, headers, body, raw }.
export function rawRequest(port, bytes, { timeout = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    const timer = setTimeout(() => {
      sock.destroy();
      finish();
    }, timeout);
    sock.on('connect', () => sock.write(bytes));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', (err) => {
      if (chunks.length) finish();
      else { clearTimeout(timer); reject(err); }
    });
    sock.on('close', finish);
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const m = raw.match(/^HTTP\/1\.[01] (\d{3})/);
      const [head, ...rest] = raw.split('\r\n\r\n');
      const headers = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: m ? Number(m[1]) : 0, headers, body: rest.join('\r\n\r\n'), raw });
    }
  });
}

// psql against the test database, returning trimmed stdout.
export function sql(query, url = DB) {
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', url, '-c', query], {
    encoding: 'utf8',
  }).trim();
}

export function run(args, env = {}, input) {
  try {
    const stdout = execFileSync(BIN, args, {
      env: { ...process.env, ...env },
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
