/**
 * bench/commands — durable commands per second over HTTP with 50 concurrent clients (p50/p99 latency),
 * next to raw sqlite3 appends at the same durability (WAL, synchronous=FULL, one transaction per append)
 * measured in the same run. The command is a real one: POST /cases/{id}/table (TABLE.DRAFT, repeatable
 * while the table is prepared) — validated, checked by the machine, appended to the hash chain and
 * projected with compare-and-set, all in one durable transaction. Run: npm run bench:commands
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { expectOk, fetchApi } from '../src/demo/api-client';
import { INDICATORS, demoPdf, seedWorld } from '../src/demo/world';
import { BENCH_ADMIN_TOKEN, startBenchApp } from './support';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function engine() {
  const pg = process.env.BENCH_DATABASE_URL;
  const { app, url, clock } = await startBenchApp('2026-02-02T05:00:00Z', pg ? `${pg}${pg.includes('?') ? '&' : '?'}schema=bench_${process.pid}` : undefined);
  const api = fetchApi(url);
  const world = await seedWorld(api, BENCH_ADMIN_TOKEN, '2026');
  // One case in table preparation per client: cycles × bodies × directions.
  const bodies = ['MZ', 'MON', 'MF', 'AKM-ALM', 'MSH'];
  const cases: { id: string; token: string; code: string }[] = [];
  for (let c = 0; cases.length < CLIENTS; c++) {
    await expectOk(api.call('POST', '/api/v1/cycles', BENCH_ADMIN_TOKEN, { code: `C${c}`, title: `bench ${c}`, year: 2026 }), 'cycle');
    for (const bodyCode of bodies) {
      for (const direction of ['personnel', 'it'] as const) {
        if (cases.length >= CLIENTS) break;
        const officer = direction === 'personnel' ? world.tokens.ascOfficer : world.tokens.mdaiOfficer;
        const k = await expectOk(api.call('POST', '/api/v1/conclusions', officer, { bodyCode, direction, cycle: `C${c}`, deliveredAt: '2026-02-02T10:00:00+05:00', items: INDICATORS[direction], evaluators: world.evaluators[direction] }), 'conclusion');
        const doc = await api.upload('/api/v1/documents', world.tokens[`agency:${bodyCode}`], 'a.pdf', demoPdf(`${c}-${bodyCode}-${direction}`));
        const code = INDICATORS[direction][0].code;
        await expectOk(api.call('POST', `/api/v1/cases/${k.id}/objection`, world.tokens[`agency:${bodyCode}`], { items: [{ indicatorCode: code, claimedScore: 5, argument: 'Келіспейміз' }], documents: [doc.body.sha256] }), 'objection');
        cases.push({ id: k.id, token: officer, code });
      }
    }
  }
  void clock;
  // The 50 clients run in a worker thread (their own event loop, the machine's second core), so the
  // service's thread does only the service's work.
  const { latencies, errors, elapsed } = await runClients(url, cases.map((c, i) => ({ path: `/api/v1/cases/${c.id}/table`, token: c.token, code: c.code, i })));
  if (pg) await app.get(DataSource).query(`DROP SCHEMA IF EXISTS bench_${process.pid} CASCADE`);
  await app.close();
  latencies.sort((a, b) => a - b);
  return { commands: latencies.length, errors, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, clients, seconds } = workerData;
  const latencies = []; let errors = 0;
  const deadline = process.hrtime.bigint() + BigInt(seconds * 1e9);
  const t0 = process.hrtime.bigint();
  await Promise.all(clients.map(async (c) => {
    let n = 0;
    while (process.hrtime.bigint() < deadline) {
      const start = process.hrtime.bigint();
      const res = await fetch(url + c.path, { method: 'POST', headers: { authorization: 'Bearer ' + c.token, 'content-type': 'application/json' },
        body: JSON.stringify({ rows: [{ indicatorCode: c.code, authorityPosition: 'Позиция ' + c.i + '-' + (n++) }] }) });
      await res.arrayBuffer();
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (res.status !== 201) errors++;
    }
  }));
  parentPort.postMessage({ latencies, errors, elapsed: Number(process.hrtime.bigint() - t0) / 1e9 });
})();
`;

function runClients(url: string, clients: { path: string; token: string; code: string; i: number }[]): Promise<{ latencies: number[]; errors: number; elapsed: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, { eval: true, workerData: { url, clients, seconds: SECONDS } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function rawAppends() {
  const dir = mkdtempSync(join(tmpdir(), 'appeals-raw-'));
  const db = new sqlite3.Database(join(dir, 'raw.sqlite'));
  const run = (sql: string, params: unknown[] = []) => new Promise<void>((ok, fail) => db.run(sql, params, (e) => (e ? fail(e) : ok())));
  await run('PRAGMA journal_mode = WAL');
  await run('PRAGMA synchronous = FULL');
  await run('CREATE TABLE events (stream_id TEXT, seq INTEGER, payload TEXT, hash TEXT, PRIMARY KEY (stream_id, seq))');
  const payload = JSON.stringify({ rows: [{ indicatorCode: 'HR-1', authorityPosition: 'x'.repeat(40) }] });
  let n = 0;
  const deadline = process.hrtime.bigint() + BigInt(SECONDS * 1e9);
  const t0 = process.hrtime.bigint();
  while (process.hrtime.bigint() < deadline) {
    await run('BEGIN IMMEDIATE');
    await run('INSERT INTO events VALUES (?, ?, ?, ?)', [`s${n % CLIENTS}`, n, payload, 'h'.repeat(64)]);
    await run('COMMIT');
    n++;
  }
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  await new Promise((ok) => db.close(ok));
  return { appends: n, perSecond: n / elapsed };
}

async function main() {
  const raw = await rawAppends();
  const e = await engine();
  console.log(JSON.stringify({
    bench: 'commands',
    database: process.env.BENCH_DATABASE_URL ? 'postgresql' : 'sqlite',
    clients: CLIENTS,
    seconds: SECONDS,
    engine: { durableCommandsPerSecond: Math.round(e.perSecond), commands: e.commands, errors: e.errors, p50ms: +e.p50.toFixed(2), p99ms: +e.p99.toFixed(2) },
    rawSqliteAppends: { perSecond: Math.round(raw.perSecond), note: 'one INSERT per transaction, WAL + synchronous=FULL' },
    ratio: +(e.perSecond / raw.perSecond).toFixed(3),
    goal: 'ratio >= 0.5',
    limit:
      'SQLite: one connection; every command is at least four statements in series (read the snapshot, append the event, ' +
      'compare-and-set the projection, savepoint) and each sqlite3 statement is a hop to the libuv thread pool (~0.3 ms), ' +
      'where the raw append is one INSERT; group commit shares the fsync but not those hops. PostgreSQL runs commands on ' +
      'different cases in parallel over its pool.',
  }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
