/**
 * bench/pages — the web pages of issue 14 over the demo's story (17 cases in every state, two commissions):
 * server time per page (p50/p95 of N requests after a warm-up, over HTTP on 127.0.0.1, one at a time) and bytes
 * per page: the HTML as sent (pages are not compressed — BREACH, see docs/decisions.md) plus the assets a first
 * visit loads, compressed as served (brotli). Targets (issue 14): p95 ≤ 50 ms, ≤ 100 KB compressed.
 *
 * Run: npm run -s bench:pages (BENCH_REQUESTS, default 30).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DateTime } from 'luxon';
import { KZ_ZONE } from '../src/calendar/calendar-rules';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import { fetchApi } from '../src/demo/api-client';
import { STORY_END, STORY_START, seedStory } from '../src/demo/story';
import { DEMO_SIGN_INS, giveDemoSignIn } from '../src/demo/web-sign-in';
import { AssetManifest, webAssetsDir } from '../src/web/assets-build';
import { BENCH_ADMIN_TOKEN, startBenchApp } from './support';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function signIn(base: string, userName: string, password: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`, { redirect: 'manual' });
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await page.text())![1];
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    headers: { cookie: cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, userName, password }).toString(),
    redirect: 'manual',
  });
  return [...cookies, ...res.headers.getSetCookie().map((c) => c.split(';')[0])]
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

async function main(): Promise<void> {
  const { app, url: base, clock } = await startBenchApp(DateTime.fromISO(STORY_START, { zone: KZ_ZONE }).toISO()!);
  const scheduler = app.get(DeadlineScheduler);
  const api = fetchApi(base);
  const story = await seedStory(api, BENCH_ADMIN_TOKEN, {
    now: () => clock.now().getTime(),
    jumpTo: (at) => clock.set(at),
    sweep: () => scheduler.sweep(),
  });
  clock.set(DateTime.fromISO(STORY_END, { zone: KZ_ZONE }).plus({ days: 2 }).toISO()!);
  await scheduler.sweep();
  const cookies = new Map<string, string>();
  for (const s of DEMO_SIGN_INS) {
    const password = await giveDemoSignIn(api, base, BENCH_ADMIN_TOKEN, story.world.tokens[s.token], s.userName);
    cookies.set(s.userName, await signIn(base, s.userName, password));
  }

  const pages: Array<{ group: string; user: string; path: string }> = [];
  for (const s of DEMO_SIGN_INS) pages.push({ group: 'work queue (/)', user: s.userName, path: '/' });
  for (const id of Object.values(story.caseIds))
    pages.push({ group: 'case page', user: 'auditor', path: `/case/${id}` });
  for (const id of Object.values(story.caseIds))
    pages.push({ group: 'case replayed', user: 'auditor', path: `/case/${id}/replay` });
  pages.push({ group: 'case page (agency)', user: 'mz.rep', path: `/case/${story.caseIds['personnel:MZ']}` });
  pages.push({ group: 'commission', user: 'asc.secretary', path: `/commission/${story.commissionIds.personnel}` });
  pages.push({ group: 'list filtered', user: 'auditor', path: '/?breaches=live&direction=it' });
  for (const p of ['/audit', '/audit/refused', '/audit/bundle-check'])
    pages.push({ group: 'audit', user: 'auditor', path: p });
  pages.push({ group: 'log verification (run)', user: 'auditor', path: '/audit/verification?run=1' });
  for (const p of [
    '/admin',
    '/admin/accounts',
    '/admin/bodies',
    '/admin/people',
    '/admin/rule-sets',
    '/admin/catalogues',
  ])
    pages.push({ group: 'administration', user: 'admin', path: p });
  for (const p of [
    '/calendar',
    '/calendar?month=2026-12',
    '/day/2026-12-16',
    '/calendar-changes',
    '/calendar-change/1',
  ])
    pages.push({ group: 'calendar', user: 'admin', path: p });

  const byGroup = new Map<string, { times: number[]; bytes: number[]; gz: number[] }>();
  const all: number[] = [];
  for (const p of pages) {
    const headers = { cookie: cookies.get(p.user)!, 'accept-language': 'kk' };
    let html = '';
    for (let i = 0; i < 3; i++) html = await (await fetch(base + p.path, { headers })).text();
    const g = byGroup.get(p.group) ?? { times: [], bytes: [], gz: [] };
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = process.hrtime.bigint();
      const res = await fetch(base + p.path, { headers, redirect: 'manual' });
      const body = await res.text();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status !== 200) throw new Error(`${p.path} as ${p.user}: ${res.status}`);
      g.times.push(ms);
      all.push(ms);
      html = body;
    }
    g.bytes.push(Buffer.byteLength(html));
    g.gz.push(gzipSync(html).length);
    byGroup.set(p.group, g);
  }

  const manifest = JSON.parse(readFileSync(join(webAssetsDir(), 'manifest.json'), 'utf8')) as AssetManifest;
  const br = (logical: string) => statSync(join(webAssetsDir(), `${manifest.files[logical]}.br`)).size;
  const assets = br('app.css') + br('govuk-frontend.js') + br('enhance.js') + br('favicon.svg');
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

  const rows = [...byGroup.entries()].map(([group, g]) => {
    const t = [...g.times].sort((a, b) => a - b);
    const maxBytes = Math.max(...g.bytes);
    const extra = group === 'audit' ? br('bundle-verify.js') : 0;
    return {
      group,
      n: t.length,
      p50: percentile(t, 50),
      p95: percentile(t, 95),
      max: t[t.length - 1],
      html: maxBytes,
      total: maxBytes + assets + extra,
      gz: Math.max(...g.gz),
    };
  });
  const sortedAll = all.sort((a, b) => a - b);
  process.stdout.write(
    `\nWeb pages over the demo's story — ${pages.length} pages × ${REQUESTS} requests, one at a time, 127.0.0.1\n`,
  );
  process.stdout.write(
    `${'page'.padEnd(24)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'HTML'.padStart(9)} ${'+assets br'.padStart(11)} ${'(HTML gz)'.padStart(10)}\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.group.padEnd(24)} ${String(r.n).padStart(5)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${kb(r.html).padStart(9)} ${kb(r.total).padStart(11)} ${kb(r.gz).padStart(10)}\n`,
    );
  }
  process.stdout.write(
    `all pages: p50 ${percentile(sortedAll, 50).toFixed(1)} ms, p95 ${percentile(sortedAll, 95).toFixed(1)} ms (target ≤ 50); first visit = HTML (not compressed) + ${kb(assets)} of assets (brotli), largest ${kb(Math.max(...rows.map((r) => r.total)))} (target ≤ 100 KB)\n`,
  );
  await app.close();
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
