/**
 * Crash safety (SPEC §9 "nothing acknowledged is lost"): runs the real service (node dist/src/main.js) on a
 * SQLite file, drives it with concurrent commands, kills it with SIGKILL at random moments, restarts it, and
 * checks at the end that every command answered 2xx is in the log exactly once and every chain verifies.
 *
 *   npm run -s crash-test -- [--rounds 5] [--clients 8] [--answer-delay-ms 40] [--database-url postgres://…]
 *
 * The service holds every answer 40 ms after its commit (APPEALS_FAULT_ANSWER_DELAY_MS), so kills land between
 * commit and answer often: those retries must come back as replays of the first answer, never act again.
 *
 * Each command is a TABLE.DRAFT carrying a unique nonce, sent with that nonce as its Idempotency-Key, so an
 * acknowledged command can be found in the log by its nonce at the sequence number it was answered with. A
 * command cut off by a kill (no answer, or an error while the service restarts) is RETRIED with the same key
 * until it is answered (SPEC §9: a retry returns the first answer): a nonce found twice in the log means a
 * retry acted a second time, and fails the check.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOk, fetchApi } from '../src/demo/api-client';
import { INDICATORS, demoPdf, seedWorld } from '../src/demo/world';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROUNDS = Number(flag('rounds', '5'));
const CLIENTS = Number(flag('clients', '8'));
const TOKEN = 'crash-test-admin-token-0123456789abcdef';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'appeals-crash-'));
  const databaseUrl = flag('database-url', `sqlite:${join(dir, 'appeals.sqlite')}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  /** What /health/ready said of the writer after every start: on SQLite, WAL with synchronous=FULL (a commit is on disk). */
  const durability: { journalMode: string; synchronous: string }[] = [];

  const start = async () => {
    child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'src', 'main.js')], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        APPEALS_ADMIN_TOKEN: TOKEN,
        LOG_LEVEL: 'error',
        APPEALS_RATE_LIMIT: '0',
        APPEALS_DATA_DIR: dir,
        APPEALS_FAULT_ANSWER_DELAY_MS: flag('answer-delay-ms', '40'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; i < 200; i++) {
      try {
        const ready = await fetch(`${base}/api/v1/health/ready`);
        if (ready.ok) {
          const body = (await ready.json()) as { durability?: { journalMode: string; synchronous: string } };
          if (body.durability) durability.push(body.durability);
          return;
        }
      } catch {
        /* not up yet */
      }
      await sleep(50);
    }
    throw new Error('the service did not start');
  };
  const kill = async () => {
    const c = child!;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };

  await start();
  const api = fetchApi(base);
  const world = await seedWorld(api, TOKEN, '2026');
  // One case in table preparation per client, delivered an hour ago by the real clock (p.98: with its delivery record).
  const deliveredAt = new Date(Date.now() - 3_600_000).toISOString();
  const deliveryRecord = { reference: 'crash-test: handed over an hour before it was recorded' };
  const bodies = ['MZ', 'MON', 'MF', 'AKM-ALM', 'MSH'];
  const cases: { id: string; token: string; code: string }[] = [];
  for (let c = 0; cases.length < CLIENTS; c++) {
    await expectOk(
      api.call('POST', '/api/v1/cycles', TOKEN, { code: `K${c}`, title: `crash ${c}`, year: 2026 }),
      'cycle',
    );
    for (const bodyCode of bodies) {
      for (const direction of ['personnel', 'it'] as const) {
        if (cases.length >= CLIENTS) break;
        const officer = direction === 'personnel' ? world.tokens.ascOfficer : world.tokens.mdaiOfficer;
        const k = await expectOk(
          api.call('POST', '/api/v1/conclusions', officer, {
            bodyCode,
            direction,
            cycle: `K${c}`,
            deliveredAt,
            deliveryRecord,
            items: INDICATORS[direction],
            evaluators: world.evaluators[direction],
          }),
          'conclusion',
        );
        const doc = await api.upload(
          '/api/v1/documents',
          world.tokens[`agency:${bodyCode}`],
          'a.pdf',
          demoPdf(`${c}${bodyCode}${direction}`),
        );
        const code = INDICATORS[direction][0].code;
        await expectOk(
          api.call('POST', `/api/v1/cases/${k.id}/objection`, world.tokens[`agency:${bodyCode}`], {
            items: [{ indicatorCode: code, claimedScore: 5, argument: 'Келіспейміз' }],
            documents: [doc.body.sha256],
          }),
          'objection',
        );
        cases.push({ id: k.id, token: officer, code });
      }
    }
  }

  const acknowledged: { caseId: string; seq: number; nonce: string }[] = [];
  const attempted = new Set<string>();
  let failed = 0;
  let retried = 0;
  let replayed = 0;
  let running = true;
  const clients = cases.map(async (c, i) => {
    for (let n = 0; running; n++) {
      const nonce = `crash-${i}-${n}`;
      attempted.add(nonce);
      // Until answered: a cut-off attempt is retried with the same key and the same body.
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) retried++;
        try {
          const res = await fetch(`${base}/api/v1/cases/${c.id}/table`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${c.token}`,
              'content-type': 'application/json',
              'idempotency-key': nonce,
            },
            body: JSON.stringify({ rows: [{ indicatorCode: c.code, authorityPosition: nonce }] }),
            signal: AbortSignal.timeout(5_000),
          });
          const body = (await res.json()) as { version: number };
          if (res.status === 201) {
            acknowledged.push({ caseId: c.id, seq: body.version, nonce });
            if (res.headers.get('idempotent-replay') === 'true') replayed++;
            break;
          }
          if (res.status < 500) {
            failed++;
            break;
          }
        } catch {
          /* cut off: retry */
        }
        await sleep(20);
      }
    }
  });

  let kills = 0;
  for (let round = 0; round < ROUNDS; round++) {
    await sleep(200 + Math.floor(Math.random() * 800));
    await kill();
    kills++;
    await sleep(50 + Math.floor(Math.random() * 200));
    await start();
  }
  await sleep(500);
  running = false;
  await Promise.all(clients);

  // Check: every acknowledged command is in the log once, at the sequence number it was answered with.
  let lost = 0;
  let duplicated = 0;
  let presentUnacknowledged = 0;
  const acknowledgedNonces = new Set(acknowledged.map((a) => a.nonce));
  for (const c of cases) {
    const events = (
      await expectOk(api.call('GET', `/api/v1/cases/${c.id}/events?limit=1000`, world.tokens.auditor), 'events')
    ).items as { seq: number; type: string; payload: any }[];
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    const seen = new Map<string, number>();
    for (const e of events) {
      const nonce = e.type === 'TABLE.DRAFT' ? e.payload.rows?.[0]?.authorityPosition : undefined;
      if (nonce) seen.set(nonce, (seen.get(nonce) ?? 0) + 1);
    }
    for (const a of acknowledged.filter((x) => x.caseId === c.id)) {
      const e = bySeq.get(a.seq);
      if (!e || e.payload.rows?.[0]?.authorityPosition !== a.nonce) lost++;
    }
    for (const [nonce, count] of seen) {
      if (count > 1) duplicated++;
      if (!acknowledgedNonces.has(nonce) && attempted.has(nonce)) presentUnacknowledged++;
    }
  }
  const verify = await expectOk(api.call('GET', '/api/v1/audit/verify', world.tokens.auditor), 'verify');
  await kill();
  rmSync(dir, { recursive: true, force: true });

  const report = {
    check: 'crash-safety',
    database: databaseUrl.startsWith('postgres') ? 'postgresql' : 'sqlite',
    kills,
    clients: CLIENTS,
    acknowledged: acknowledged.length,
    refused: failed,
    retriedAfterCutOff: retried,
    answeredFromTheFirstAttempt: replayed,
    lostAcknowledged: lost,
    duplicated,
    inLogButNotAcknowledged: presentUnacknowledged,
    durability: databaseUrl.startsWith('postgres')
      ? 'postgresql commits (fsync on)'
      : [...new Set(durability.map((d) => `journal_mode=${d.journalMode}, synchronous=${d.synchronous}`))],
    chainsVerified: verify.ok,
    streams: verify.streams,
    events: verify.events,
  };
  console.log(JSON.stringify(report, null, 2));
  // The kills must have hit the window between a commit and its answer, or the retries proved nothing.
  // On SQLite the writer must have come up durable after every restart: WAL and synchronous=FULL.
  const durable =
    databaseUrl.startsWith('postgres') ||
    (durability.length === kills + 1 && durability.every((d) => d.journalMode === 'wal' && d.synchronous === 'full'));
  const ok = durable && lost === 0 && duplicated === 0 && verify.ok === true && acknowledged.length > 0 && replayed > 0;
  console.log(`crash-safety: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
