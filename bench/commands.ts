/**
 * bench/commands — the one command path under load (issue 10).
 *
 * 1. SQL statements per command: one objection (p.98) and one TABLE.DRAFT, with and without an
 *    Idempotency-Key, counted by a query logger on both connections (inside the transaction = between BEGIN and
 *    COMMIT on the writer; outside = reads through the read connection).
 * 2. Durable commands per second over HTTP with 50 clients in a closed loop (p50/p99), next to raw sqlite3
 *    appends at the same durability (WAL, synchronous=FULL, one transaction per append), measured in the same
 *    run. The command is POST /cases/{id}/table (TABLE.DRAFT, repeatable while the table is prepared):
 *    validated, decided by the machine, appended to the hash chain and projected by compare-and-set.
 * 3. Latency at a fixed open-loop rate of 200 commands/s (requests sent on schedule whether or not earlier ones
 *    answered; latency counted from the scheduled send time): p50/p99.
 *
 * Run: npm run bench:commands (BENCH_DATABASE_URL=postgres://… for PostgreSQL; BENCH_SECONDS, BENCH_CLIENTS, BENCH_RATE).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { Worker } from 'node:worker_threads';
import { DataSource, Logger, QueryRunner } from 'typeorm';
import { bearer, dataOf } from '../src/client';
import { fetchApi } from '../src/demo/api-client';
import { INDICATORS, demoPdf, seedWorld } from '../src/demo/world';
import { BENCH_ADMIN_TOKEN, startBenchApp } from './support';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Counts statements by connection and by transaction bracket. */
class StatementCounter implements Logger {
  private writer: DataSource | undefined;
  private inTransaction = false;
  counts = { inside: 0, outside: 0, reads: 0, log: [] as string[] };
  attach(writer: DataSource): void {
    this.writer = writer;
  }
  reset(): void {
    this.counts = { inside: 0, outside: 0, reads: 0, log: [] };
  }
  logQuery(query: string, _params?: unknown[], queryRunner?: QueryRunner): void {
    if (!this.writer) return;
    const onWriter = queryRunner?.connection === this.writer;
    if (!onWriter) {
      this.counts.reads++;
      this.counts.log.push(`read: ${query.slice(0, 90)}`);
      return;
    }
    if (/^(BEGIN|START TRANSACTION)/i.test(query)) {
      this.inTransaction = true;
      return;
    }
    if (/^(COMMIT|ROLLBACK)$/i.test(query.trim())) {
      this.inTransaction = false;
      return;
    }
    if (this.inTransaction) this.counts.inside++;
    else this.counts.outside++;
    this.counts.log.push(`${this.inTransaction ? 'tx' : 'writer'}: ${query.slice(0, 90)}`);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function engine() {
  const pg = process.env.BENCH_DATABASE_URL;
  const counter = new StatementCounter();
  const { app, url } = await startBenchApp(
    '2026-02-02T05:00:00Z',
    pg ? `${pg}${pg.includes('?') ? '&' : '?'}schema=bench_${process.pid}` : undefined,
    counter,
  );
  counter.attach(app.get(DataSource));
  const api = fetchApi(url);
  const world = await seedWorld(api, BENCH_ADMIN_TOKEN, '2026');
  // A commission for each direction, so an objection also registers with it (p.100 recusals: its effect).
  // The set-up goes through the typed client (src/client); the measured loops below send raw fetch, on purpose.
  const as = (token: string, extra: Record<string, string> = {}) => ({ headers: { ...bearer(token), ...extra } });
  await dataOf(
    api.client.POST('/api/v1/commissions', {
      body: { direction: 'personnel', cycle: '2026' },
      ...as(world.tokens.ascSecretary),
    }),
    'commission',
  );

  // 1. Statements per command, measured on warm caches (the second of each kind).
  const statements: Record<
    string,
    { insideTransaction: number; writerOutsideTransaction: number; readConnection: number; statements: string[] }
  > = {};
  const measure = async (label: string, send: () => Promise<unknown>) => {
    counter.reset();
    await send();
    statements[label] = {
      insideTransaction: counter.counts.inside,
      writerOutsideTransaction: counter.counts.outside,
      readConnection: counter.counts.reads,
      statements: counter.counts.log,
    };
  };
  const objectionCases: string[] = [];
  for (const bodyCode of ['MZ', 'MON', 'MF']) {
    const conclusion = {
      bodyCode,
      direction: 'personnel' as const,
      cycle: '2026',
      deliveredAt: '2026-02-02T10:00:00+05:00',
      items: INDICATORS.personnel,
      evaluators: world.evaluators.personnel,
    };
    const k = await dataOf(
      api.client.POST('/api/v1/conclusions', { body: conclusion, ...as(world.tokens.ascOfficer) }),
      'conclusion',
    );
    objectionCases.push(k.id);
  }
  const docs: Record<string, string> = {};
  for (const bodyCode of ['MZ', 'MON', 'MF'])
    docs[bodyCode] = (
      await api.upload('/api/v1/documents', world.tokens[`agency:${bodyCode}`], 'a.pdf', demoPdf(`stmt-${bodyCode}`))
    ).body.sha256;
  const objection = (i: number, bodyCode: string, key?: string) =>
    dataOf(
      api.client.POST('/api/v1/cases/{id}/objection', {
        params: { path: { id: objectionCases[i] } },
        body: {
          items: [{ indicatorCode: 'HR-1', claimedScore: 5, argument: 'Келіспейміз' }],
          documents: [docs[bodyCode]],
        },
        ...as(world.tokens[`agency:${bodyCode}`], key ? { 'idempotency-key': key } : {}),
      }),
      'objection',
    );
  await objection(0, 'MZ'); // warms the caches (conclusion, rule set, calendar, bodies)
  await measure('objection', () => objection(1, 'MON'));
  await measure('objection with Idempotency-Key', () => objection(2, 'MF', 'bench-objection-key'));

  // One case in table preparation per client: cycles × bodies × directions.
  const bodies = ['MZ', 'MON', 'MF', 'AKM-ALM', 'MSH'];
  const cases: { id: string; token: string; code: string }[] = [];
  for (let c = 0; cases.length < CLIENTS; c++) {
    await dataOf(
      api.client.POST('/api/v1/cycles', {
        body: { code: `C${c}`, title: `bench ${c}`, year: 2026 },
        ...as(BENCH_ADMIN_TOKEN),
      }),
      'cycle',
    );
    for (const bodyCode of bodies) {
      for (const direction of ['personnel', 'it'] as const) {
        if (cases.length >= CLIENTS) break;
        const officer = direction === 'personnel' ? world.tokens.ascOfficer : world.tokens.mdaiOfficer;
        const conclusion = {
          bodyCode,
          direction,
          cycle: `C${c}`,
          deliveredAt: '2026-02-02T10:00:00+05:00',
          items: INDICATORS[direction],
          evaluators: world.evaluators[direction],
        };
        const k = await dataOf(
          api.client.POST('/api/v1/conclusions', { body: conclusion, ...as(officer) }),
          'conclusion',
        );
        const doc = await api.upload(
          '/api/v1/documents',
          world.tokens[`agency:${bodyCode}`],
          'a.pdf',
          demoPdf(`${c}-${bodyCode}-${direction}`),
        );
        const code = INDICATORS[direction][0].code;
        const objected = {
          items: [{ indicatorCode: code, claimedScore: 5, argument: 'Келіспейміз' }],
          documents: [doc.body.sha256 as string],
        };
        await dataOf(
          api.client.POST('/api/v1/cases/{id}/objection', {
            params: { path: { id: k.id } },
            body: objected,
            ...as(world.tokens[`agency:${bodyCode}`]),
          }),
          'objection',
        );
        cases.push({ id: k.id, token: officer, code });
      }
    }
  }
  const table = (c: (typeof cases)[number], key?: string) =>
    dataOf(
      api.client.POST('/api/v1/cases/{id}/table', {
        params: { path: { id: c.id } },
        body: { rows: [{ indicatorCode: c.code, authorityPosition: `Позиция ${key ?? 'x'}` }] },
        ...as(c.token, key ? { 'idempotency-key': key } : {}),
      }),
      'table',
    );
  await table(cases[0]);
  await measure('table draft', () => table(cases[1]));
  await measure('table draft with Idempotency-Key', () => table(cases[2], 'bench-table-key'));

  // 2. Closed loop, 50 clients; 3. open loop at RATE/s. The clients run in a worker thread (their own event
  // loop, the machine's second core), so the service's thread does only the service's work.
  const targets = cases.map((c, i) => ({ path: `/api/v1/cases/${c.id}/table`, token: c.token, code: c.code, i }));
  const closed = await runClients(url, targets, 'closed');
  const open = await runClients(url, targets, 'open');
  if (pg) await app.get(DataSource).query(`DROP SCHEMA IF EXISTS bench_${process.pid} CASCADE`);
  await app.close();
  closed.latencies.sort((a, b) => a - b);
  open.latencies.sort((a, b) => a - b);
  return {
    statements,
    closed: {
      commands: closed.latencies.length,
      errors: closed.errors,
      perSecond: closed.latencies.length / closed.elapsed,
      p50: percentile(closed.latencies, 50),
      p99: percentile(closed.latencies, 99),
    },
    open: {
      sent: open.latencies.length,
      errors: open.errors,
      p50: percentile(open.latencies, 50),
      p99: percentile(open.latencies, 99),
      max: open.latencies[open.latencies.length - 1],
    },
  };
}

const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, clients, seconds, mode, rate } = workerData;
  const latencies = []; let errors = 0;
  const send = async (c, n) => {
    const res = await fetch(url + c.path, { method: 'POST', headers: { authorization: 'Bearer ' + c.token, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ indicatorCode: c.code, authorityPosition: 'Позиция ' + c.i + '-' + n }] }) });
    await res.arrayBuffer();
    if (res.status !== 201) errors++;
  };
  const t0 = process.hrtime.bigint();
  if (mode === 'closed') {
    const deadline = t0 + BigInt(seconds * 1e9);
    await Promise.all(clients.map(async (c) => {
      let n = 0;
      while (process.hrtime.bigint() < deadline) {
        const start = process.hrtime.bigint();
        await send(c, n++);
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }));
  } else {
    // Open loop: request k is due at t0 + k/rate, sent then whatever the earlier ones are doing.
    const total = Math.floor(seconds * rate);
    const pending = [];
    for (let k = 0; k < total; k++) {
      const due = t0 + BigInt(Math.round((k * 1e9) / rate));
      let now = process.hrtime.bigint();
      if (due > now) await new Promise((r) => setTimeout(r, Number(due - now) / 1e6));
      const c = clients[k % clients.length];
      pending.push(send(c, 'o' + k).then(() => latencies.push(Number(process.hrtime.bigint() - due) / 1e6)));
    }
    await Promise.all(pending);
  }
  parentPort.postMessage({ latencies, errors, elapsed: Number(process.hrtime.bigint() - t0) / 1e9 });
})();
`;

function runClients(
  url: string,
  clients: { path: string; token: string; code: string; i: number }[],
  mode: 'closed' | 'open',
): Promise<{ latencies: number[]; errors: number; elapsed: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, {
      eval: true,
      workerData: { url, clients, seconds: SECONDS, mode, rate: RATE },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function rawAppends() {
  const dir = mkdtempSync(join(tmpdir(), 'appeals-raw-'));
  const db = new sqlite3.Database(join(dir, 'raw.sqlite'));
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((ok, fail) => db.run(sql, params, (e) => (e ? fail(e) : ok())));
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
  const summary = Object.fromEntries(
    Object.entries(e.statements).map(([k, v]) => [
      k,
      {
        insideTransaction: v.insideTransaction,
        writerOutsideTransaction: v.writerOutsideTransaction,
        readConnection: v.readConnection,
      },
    ]),
  );
  console.log(
    JSON.stringify(
      {
        bench: 'commands',
        database: process.env.BENCH_DATABASE_URL ? 'postgresql' : 'sqlite',
        statementsPerCommand: summary,
        statementsOfOneObjection: e.statements.objection.statements,
        goalStatements: 'an objection in <= 8 (inside its transaction)',
        clients: CLIENTS,
        seconds: SECONDS,
        closedLoop: {
          durableCommandsPerSecond: Math.round(e.closed.perSecond),
          commands: e.closed.commands,
          errors: e.closed.errors,
          p50ms: +e.closed.p50.toFixed(2),
          p99ms: +e.closed.p99.toFixed(2),
        },
        rawSqliteAppends: {
          perSecond: Math.round(raw.perSecond),
          note: 'one INSERT per transaction, WAL + synchronous=FULL',
        },
        ratio: +(e.closed.perSecond / raw.perSecond).toFixed(3),
        goalRatio: '>= 0.5',
        openLoop: {
          ratePerSecond: RATE,
          sent: e.open.sent,
          errors: e.open.errors,
          p50ms: +e.open.p50.toFixed(2),
          p99ms: +e.open.p99.toFixed(2),
          maxMs: +e.open.max.toFixed(2),
        },
        goalOpenLoop: 'p99 <= 20 ms at 200 commands/s',
      },
      null,
      2,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
