/**
 * bench/sweep — the cost of one deadline sweep that fires 1,000 due deadlines (each a real case
 * closed by its machine event), among 10,000 open deadlines and among 1,000,000. The due rows are
 * found through the (status, due_ms) index, so the cost should follow the due rows, not the open ones.
 * Prints both figures and their ratio (goal: under 2). Run: npm run bench:sweep
 */
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../src/database/unit-of-work';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import { bearer, dataOf } from '../src/client';
import { fetchApi } from '../src/demo/api-client';
import { INDICATORS, seedWorld } from '../src/demo/world';
import { BENCH_ADMIN_TOKEN, seconds, startBenchApp } from './support';

const DUE = Number(process.env.BENCH_DUE ?? 1_000);

async function run(totalOpen: number) {
  const { app, url, clock } = await startBenchApp('2025-02-03T05:00:00Z');
  const api = fetchApi(url);
  const world = await seedWorld(api, BENCH_ADMIN_TOKEN);
  const bodies = ['MZ', 'MON', 'MF', 'AKM-ALM', 'MSH'];
  const cyclesNeeded = Math.ceil(DUE / (bodies.length * 2));
  for (let c = 0; c < cyclesNeeded; c++) {
    await dataOf(
      api.client.POST('/api/v1/cycles', {
        body: { code: `B${c}`, title: `bench ${c}`, year: 2025 },
        headers: bearer(BENCH_ADMIN_TOKEN),
      }),
      'cycle',
    );
  }
  let made = 0;
  for (let c = 0; c < cyclesNeeded && made < DUE; c++) {
    for (const bodyCode of bodies) {
      for (const direction of ['personnel', 'it'] as const) {
        if (made >= DUE) break;
        const officer = direction === 'personnel' ? world.tokens.ascOfficer : world.tokens.mdaiOfficer;
        const conclusion = {
          bodyCode,
          direction,
          cycle: `B${c}`,
          deliveredAt: '2025-02-03T10:00:00+05:00',
          items: INDICATORS[direction],
          evaluators: world.evaluators[direction],
        };
        await dataOf(
          api.client.POST('/api/v1/conclusions', { body: conclusion, headers: bearer(officer) }),
          'conclusion',
        );
        made++;
      }
    }
  }
  // The other open deadlines: terms of other cases that end later (rows only; they are never due in this run).
  const ds = app.get(DataSource);
  const filler = totalOpen - DUE;
  const far = Date.parse('2030-01-01T00:00:00Z');
  const batch = 500;
  await app.get(UnitOfWork).run(async (m) => {
    for (let i = 0; i < filler; i += batch) {
      const n = Math.min(batch, filler - i);
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let j = 0; j < n; j++) {
        const k = i + j;
        rows.push('(?,?,?,?,?,?,?,?,?,?,?)');
        values.push(
          `filler-${k}`,
          `case-${k}`,
          'objection',
          'p.99',
          '2025-02-03T05:00:00.000Z',
          '{"workingDays":5}',
          '2030-01-01T00:00:00.000Z',
          far + k,
          1,
          'open',
          '2025-02-03T05:00:00.000Z',
        );
      }
      await m.query(
        `INSERT INTO deadlines (id, case_id, kind, law, term_from, term, due_at, due_ms, calendar_version, status, created_at) VALUES ${rows.join(',')}`,
        values,
      );
    }
  });
  await ds.query('ANALYZE');
  const open = Number((await ds.query("SELECT COUNT(*) AS n FROM deadlines WHERE status = 'open'"))[0].n);
  clock.set('2025-02-20T05:00:00Z');
  let report: { fired: number } | undefined;
  const sweepSeconds = await seconds(async () => {
    report = await app.get(DeadlineScheduler).sweep();
  });
  // Raw baseline in the same database: the bare indexed read of the due rows the sweep starts from.
  const rawSeconds = await seconds(() =>
    ds.query("SELECT id FROM deadlines WHERE status = 'open' AND due_ms < ? ORDER BY due_ms LIMIT 200", [
      Date.parse('2025-02-20T05:00:00Z'),
    ]),
  );
  await app.close();
  return { open, report, sweepSeconds, rawSeconds };
}

async function main() {
  const small = await run(10_000);
  const large = await run(Number(process.env.BENCH_LARGE ?? 1_000_000));
  console.log(
    JSON.stringify(
      {
        bench: 'sweep',
        due: DUE,
        small: {
          openDeadlines: small.open,
          sweepSeconds: +small.sweepSeconds.toFixed(3),
          fired: small.report!.fired,
          rawDueReadSeconds: +small.rawSeconds.toFixed(4),
        },
        large: {
          openDeadlines: large.open,
          sweepSeconds: +large.sweepSeconds.toFixed(3),
          fired: large.report!.fired,
          rawDueReadSeconds: +large.rawSeconds.toFixed(4),
        },
        ratioLargeToSmall: +(large.sweepSeconds / small.sweepSeconds).toFixed(3),
        goal: 'ratio under 2',
        firedPerSecond: { small: Math.round(DUE / small.sweepSeconds), large: Math.round(DUE / large.sweepSeconds) },
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
