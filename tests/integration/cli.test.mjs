// The command line: help texts and migrations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run, sql, TMP } from './lib.mjs';

const cluster = path.dirname(process.env.LIEFLEED_DATABASE_URL.match(/host=(\S+)/)[1]);
const freshDb = (name) =>
  execFileSync('scripts/pg.sh', ['createdb', cluster, name], { encoding: 'utf8' }).trim().split('\n').pop();

test('liefleed --help lists the commands; each command has --help', () => {
  const r = run(['--help']);
  assert.equal(r.code, 0);
  for (const c of ['serve', 'migrate', 'user', 'streets', 'reference']) assert.match(r.stdout, new RegExp(`\\n  ${c} `));
  const s = run(['serve', '--help']);
  assert.equal(s.code, 0);
  for (const v of ['LIEFLEED_DATABASE_URL', 'LIEFLEED_LISTEN', 'LIEFLEED_BASE_URL', 'LIEFLEED_DATA_DIR', 'LIEFLEED_MAX_BODY'])
    assert.match(s.stdout, new RegExp(v));
  for (const c of ['migrate', 'user', 'streets', 'reference']) {
    const h = run([c, '--help']);
    assert.equal(h.code, 0, c);
    assert.match(h.stdout, /(Usage|Gebruik \(usage\)): liefleed/, c);
  }
  const u = run(['frobnicate']);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /onbekende opdracht 'frobnicate'/);
});

test('migrate applies every file once, records checksums, and is safe twice', () => {
  const url = freshDb('cli_migrate_twice');
  const files = fs.readdirSync('sql').filter((f) => /^\d{3}_.*\.sql$/.test(f)).sort();
  const a = run(['migrate'], { LIEFLEED_DATABASE_URL: url });
  assert.equal(a.code, 0, a.stderr);
  for (const f of files) assert.match(a.stdout, new RegExp(`toegepast: ${f}`));
  assert.match(a.stdout, new RegExp(`\\(${files.length} nieuw, ${files.length} totaal\\)`));
  const b = run(['migrate'], { LIEFLEED_DATABASE_URL: url });
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, new RegExp(`\\(0 nieuw, ${files.length} totaal\\)`));
  assert.equal(sql('SELECT count(*) FROM schema_migration', url), String(files.length));
  assert.match(sql("SELECT sha256 FROM schema_migration WHERE version = 1", url), /^[0-9a-f]{64}$/);
});

test('migrate refuses when an applied migration was edited afterwards', () => {
  const url = freshDb('cli_migrate_edited');
  const dir = path.join(TMP, 'sql-edited');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync('sql', dir, { recursive: true });
  assert.equal(run(['migrate'], { LIEFLEED_DATABASE_URL: url, LIEFLEED_SQL_DIR: dir }).code, 0);
  fs.appendFileSync(path.join(dir, '001_reference.sql'), '\n-- edited later\n');
  fs.writeFileSync(path.join(dir, '998_new.sql'), 'CREATE TABLE should_not_exist (id int);\n');
  const r = run(['migrate'], { LIEFLEED_DATABASE_URL: url, LIEFLEED_SQL_DIR: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /migratie 001_reference\.sql is gewijzigd nadat hij is toegepast/);
  assert.equal(sql("SELECT to_regclass('should_not_exist') IS NULL", url), 't');
});

test('a failing migration is rolled back whole and reported', () => {
  const url = freshDb('cli_migrate_broken');
  const dir = path.join(TMP, 'sql-broken');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync('sql', dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '997_broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');
  const r = run(['migrate'], { LIEFLEED_DATABASE_URL: url, LIEFLEED_SQL_DIR: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /migratie 997_broken\.sql mislukt/);
  assert.equal(sql("SELECT to_regclass('half_done') IS NULL", url), 't');
  assert.equal(sql('SELECT count(*) FROM schema_migration WHERE version = 997', url), '0');
});

test('migrate without a database: one clear line, exit 1', () => {
  const r = run(['migrate'], { LIEFLEED_DATABASE_URL: `host=${TMP}/nowhere dbname=x` });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /database niet bereikbaar/);
});
