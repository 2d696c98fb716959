/**
 * bench/refusals — what a flood of refused requests costs on disk (issue 12: "refusals fill the disk").
 * 10,000 refused commands with a 9 KB argument each (a case that does not exist, so each is a refusal recorded
 * against its actor): the growth of the SQLite file (database + WAL, checkpointed) is printed next to what
 * storing every payload whole would have cost, for one account flooding and for five accounts sharing the flood.
 * Run: npm run bench:refusals
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { fetchApi } from '../src/demo/api-client';
import { seedWorld } from '../src/demo/world';
import { BENCH_ADMIN_TOKEN, startBenchApp } from './support';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const ARGUMENT = 'ы'.repeat(4_500); // 9,000 bytes of UTF-8

async function flood(accounts: number) {
  const { app, url, dir } = await startBenchApp('2026-02-02T05:00:00Z');
  const api = fetchApi(url);
  const world = await seedWorld(api, BENCH_ADMIN_TOKEN, '2026');
  const tokens = ['agency:MZ', 'agency:MON', 'agency:MF', 'agency:AKM-ALM', 'agency:MSH']
    .map((k) => world.tokens[k])
    .slice(0, accounts);
  const ds = app.get(DataSource);
  const size = async () => {
    await ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = join(dir, 'appeals.sqlite');
    return statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  };
  const before = await size();
  const body = JSON.stringify({ items: [{ indicatorCode: 'HR-1', argument: ARGUMENT }], documents: ['a'.repeat(64)] });
  let sent = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 16 }, async (_, worker) => {
      for (let i = worker; i < REQUESTS; i += 16) {
        const res = await fetch(
          `${url}/api/v1/cases/00000000-0000-4000-8000-${String(i).padStart(12, '0')}/objection`,
          {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-type': 'application/json' },
            body,
          },
        );
        await res.arrayBuffer();
        if (res.status === 404) sent++;
      }
    }),
  );
  const seconds = (Date.now() - t0) / 1000;
  const rows = Number((await ds.query('SELECT COUNT(*) AS n FROM refusals'))[0].n);
  const after = await size();
  await app.close();
  return {
    accounts,
    refusedRequests: sent,
    seconds: +seconds.toFixed(1),
    refusalRows: rows,
    fileGrowthBytes: after - before,
    wholePayloadsWouldBeBytes: REQUESTS * Buffer.byteLength(body),
  };
}

async function main() {
  const one = await flood(1);
  const many = await flood(5);
  console.log(
    JSON.stringify(
      {
        bench: 'refusals',
        requests: REQUESTS,
        oneAccount: one,
        fiveAccounts: many,
        bounds: 'summary ≤ 2,000 characters; ≤ 60 stored per account and minute, the rest counted in one row',
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
