import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../bootstrap';
import { ShiftedClock } from '../common/clock';
import { ConfigurationError, loadConfig } from '../config/app-config';
import { DeadlineScheduler } from '../deadlines/deadline-scheduler';
import { bearer, dataOf } from '../client';
import { Api, fetchApi } from './api-client';
import { EXTRA_BODIES, Story, StoryError, seedStory, storyShiftDays } from './story';
import { DEMO_SIGN_INS, giveDemoSignIn } from './web-sign-in';
import { BODIES } from './world';

/**
 * `npm run demo` (SPEC §8): the real service on a fresh demo database (.demo/), filled through its own
 * public API with a realistic evaluation cycle — both directions, a constituted special commission
 * per direction, and cases in every state of SPEC §4 (story.ts). The history is written weeks in the past on a
 * ShiftedClock (the service stamps every command with its clock), moved by whole weeks so that its last step falls
 * in the last seven days; then the clock returns to real time and one sweep fires the terms that ran out in the
 * simulated past, as a real restart would. So at real time a conclusion delivered last Friday still waits for the
 * body's answer (`issued`), and a result dispatched then still waits in its appeal window (`escalationWindow`).
 */

const STATES = [
  'issued',
  'objectionReceived',
  'tablePreparation',
  'commissionReview',
  'signing',
  'dispatch',
  'correction',
  'escalationWindow',
  'escalated',
  'closed',
];

class DemoError extends Error {}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.once('listening', () => probe.close(() => done(true)));
    probe.listen(port, '0.0.0.0');
  });
}

async function main(): Promise<void> {
  // The project root (dist/src/demo → ../../..), so config/ and .demo/ resolve whatever the caller's directory.
  const root = resolve(__dirname, '..', '..', '..');
  process.chdir(root);
  rmSync('.demo', { recursive: true, force: true });
  mkdirSync('.demo', { recursive: true });

  const adminToken = `demo-admin-${randomBytes(24).toString('base64url')}`;
  let config;
  try {
    // DATABASE_URL from the environment is ignored on purpose: the demo never writes into a real database.
    config = loadConfig({
      PORT: process.env.PORT,
      DATABASE_URL: 'sqlite:.demo/appeals.sqlite',
      APPEALS_ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'warn',
      APPEALS_DATA_DIR: '.demo',
      HOST: process.env.HOST,
      // The demo seeds its world through loopback in one burst: the per-address limit would only slow it down.
      APPEALS_RATE_LIMIT_ADDRESS: '0',
    });
  } catch (error) {
    if (error instanceof ConfigurationError) throw new DemoError(error.message);
    throw error;
  }
  if (!(await portIsFree(config.port))) {
    throw new DemoError(
      `Port ${config.port} is already in use. Stop what listens there or choose another port, e.g.  PORT=${config.port === 65535 ? 3917 : config.port + 1} npm run demo`,
    );
  }

  const clock = new ShiftedClock();
  const shiftDays = storyShiftDays(clock.now());
  const app = await createApp(config, { clock });
  try {
    await app.listen({ port: config.port, host: config.host ?? '127.0.0.1' });
  } catch (error) {
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new DemoError(
        `Port ${config.port} is already in use. Choose another port, e.g.  PORT=${config.port === 65535 ? 3917 : config.port + 1} npm run demo`,
      );
    }
    throw error;
  }
  const base = `http://127.0.0.1:${config.port}`;
  const api = fetchApi(base);

  process.stdout.write(`Demo: writing an evaluation cycle through the API at ${base} …\n`);
  const scheduler = app.get(DeadlineScheduler);
  let story: Story;
  try {
    story = await seedStory(
      api,
      adminToken,
      { now: () => clock.now().getTime(), jumpTo: (at) => clock.jumpTo(at), sweep: () => scheduler.sweep() },
      { shiftDays },
    );
  } catch (error) {
    if (error instanceof StoryError) throw new DemoError(error.message);
    throw error;
  }

  // Back to real time: terms that ran out since the last simulated step fire now, with their legal due times.
  clock.toRealTime();
  await scheduler.sweep();

  // A user name and a password per role for the web pages (the first-sign-in change of password done here).
  process.stdout.write('Demo: giving the people of each role a user name and a password …\n');
  const signIns: { userName: string; token: string; password: string }[] = [];
  for (let i = 0; i < DEMO_SIGN_INS.length; i += 2) {
    // Two at a time: the service hashes at most two passwords at once (scrypt, 128 MiB each).
    const pair = DEMO_SIGN_INS.slice(i, i + 2);
    const passwords = await Promise.all(
      pair.map((s) => giveDemoSignIn(api, base, adminToken, story.world.tokens[s.token], s.userName)),
    );
    pair.forEach((s, k) => signIns.push({ ...s, password: passwords[k] }));
  }

  await printSummary(api, base, story, signIns, config.port);
  registerExit(app);
}

// -------------------------------------------------------------------------------------------- output

async function printSummary(
  api: Api,
  base: string,
  story: Story,
  signIns: { userName: string; token: string; password: string }[],
  port: number,
): Promise<void> {
  const world = story.world;
  const tk = world.tokens;
  const person = (iin: string) => world.people.find((p) => p.iin === iin)?.fullName ?? '';
  const nameOf = (code: string) => {
    const name = ([...BODIES, ...EXTRA_BODIES].find((b) => b.code === code)?.nameRu ?? code).replace(
      / Республики Казахстан$/,
      '',
    );
    return name.length > 60 ? `${name.slice(0, 59)}…` : name;
  };
  const rows: [string, string, string][] = [
    ['administrator', 'Жүйе әкімшісі / Администратор', tk.admin],
    ['auditor', 'Аудитор (reads everything)', tk.auditor],
    ['authorityOfficer', 'ASC — Агентство по делам госслужбы', tk.ascOfficer],
    ['commissionSecretary', `ASC — ${person(world.members.personnel[1].iin)}`, tk.ascSecretary],
    ['commissionChair', `ASC — ${person(world.members.personnel[0].iin)}`, tk.ascChair],
    ['authorityOfficer', 'MDAI — МЦРИАП', tk.mdaiOfficer],
    ['commissionSecretary', `MDAI — ${world.people[9].fullName}`, tk.mdaiSecretary],
    ['commissionChair', `MDAI — ${world.people[8].fullName}`, tk.mdaiChair],
    ['presidentialAdministration', 'AP — Администрация Президента', tk.pa],
    ['authorityOfficer', 'KPM — Канцелярия Премьер-Министра', tk.pmo],
    ['workingBody', 'WB — Рабочий орган Комиссии', tk.workingBody],
  ];
  for (const k of Object.keys(tk)
    .filter((x) => x.startsWith('agency:'))
    .sort()) {
    const code = k.slice('agency:'.length);
    rows.push(['agencyRepresentative', `${code} — ${nameOf(code)}`, tk[k]]);
  }

  // Through the typed client (src/client, generated from the served document).
  const auditor = { headers: bearer(tk.auditor) };
  const list = await dataOf(
    api.client.GET('/api/v1/cases', { params: { query: { limit: 500 } }, ...auditor }),
    'list cases',
  );
  const register = (direction: 'personnel' | 'it') =>
    dataOf(
      api.client.GET('/api/v1/transmitted-conclusions', {
        params: { query: { cycle: story.cycle, direction } },
        headers: bearer(tk.mdaiOfficer),
      }),
      `register ${direction}`,
    );
  // p.92, p.94, p.96: what the informatization authority has received, per direction.
  const registers = {
    personnel: await register('personnel'),
    it: await register('it'),
  };
  // Issue 13: a case is pinned to the rule set and indicator catalogue in force at delivery, by hash.
  const mz = list.items.find((c) => c.bodyCode === 'MZ' && c.direction === 'personnel');
  const opened = mz
    ? await dataOf(
        api.client.GET('/api/v1/cases/{id}/events', {
          params: { path: { id: mz.id }, query: { limit: 1 } },
          ...auditor,
        }),
        'MZ events',
      )
    : null;
  const pinned = opened?.items[0]?.payload as
    { ruleSet: { code: string }; catalogue?: { code: string }; pinnedRulesHash?: string } | undefined;
  const items = [...list.items];
  const order = [
    'issued',
    'objectionReceived',
    'tablePreparation',
    'commissionReview',
    'signing',
    'dispatch',
    'correction',
    'escalationWindow',
    'escalated',
    'closed',
  ];
  items.sort(
    (a, b) =>
      order.indexOf(a.state) - order.indexOf(b.state) ||
      a.direction.localeCompare(b.direction) ||
      (a.outcome ?? '').localeCompare(b.outcome ?? '') ||
      a.bodyCode.localeCompare(b.bodyCode),
  );

  const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
  const w1 = Math.max(...rows.map((r) => r[0].length));
  const w2 = Math.max(...rows.map((r) => r[1].length));
  const out: string[] = [];
  out.push('');
  out.push('================================================================================');
  out.push(' Шағымдану қозғалтқышы — демо / Движок апелляций — демо / Appeals engine — demo');
  out.push('================================================================================');
  out.push(` Service / Сервис:      ${base}`);
  out.push(` API docs / Құжаттама:  ${base}/api/docs   (OpenAPI JSON: ${base}/api/docs-json)`);
  out.push(` Database:              .demo/appeals.sqlite (fresh on every run; cycle ${story.cycle})`);
  out.push('');
  out.push(` Веб-қосымша / Веб-приложение / Web application: ${base}/  (kk · ru · en)`);
  out.push(' Кіру / Вход / Sign in — user name and password (the first-sign-in change of password is already done):');
  const wu = Math.max(...signIns.map((x) => x.userName.length));
  const roleOf = (token: string) => rows.find((r) => r[2] === tk[token]);
  for (const x of signIns) {
    const row = roleOf(x.token);
    out.push(`   ${pad(x.userName, wu)}  ${x.password}   ${row ? `${row[0]} — ${row[1]}` : ''}`);
  }
  out.push('');
  out.push(' API: есептік жазбалар / учётные записи / accounts (Authorization: Bearer <token>)');
  out.push(` ${pad('role', w1)}  ${pad('who', w2)}  token`);
  out.push(` ${'-'.repeat(w1)}  ${'-'.repeat(w2)}  ${'-'.repeat(20)}`);
  for (const [role, who, token] of rows) out.push(` ${pad(role, w1)}  ${pad(who, w2)}  ${token}`);
  out.push('');
  out.push(' Try / Көріңіз / Попробуйте:');
  out.push(`   curl -s -H 'Authorization: Bearer ${tk.auditor}' '${base}/api/v1/cases?limit=100'`);
  out.push(`   curl -s -H 'Authorization: Bearer ${tk['agency:MZ']}' '${base}/api/v1/cases'`);
  out.push(`   curl -s -H 'Authorization: Bearer ${tk.auditor}' '${base}/api/v1/audit/verify'`);
  out.push('');
  out.push(` Істер / Дела / Cases: ${list.total}`);
  out.push(
    ` ${pad('state', 18)}  ${pad('outcome', 12)}  ${pad('direction', 9)}  ${pad('body', 8)}  ${pad('by', 5)}  breaches`,
  );
  out.push(` ${'-'.repeat(18)}  ${'-'.repeat(12)}  ${'-'.repeat(9)}  ${'-'.repeat(8)}  ${'-'.repeat(5)}  --------`);
  for (const c of items) {
    out.push(
      ` ${pad(c.state, 18)}  ${pad(c.outcome ?? '', 12)}  ${pad(c.direction, 9)}  ${pad(c.bodyCode, 8)}  ${pad(c.authority, 5)}  ${c.overdue.map((o) => o.law).join(', ')}`,
    );
  }
  const counts = new Map<string, number>();
  for (const c of items) {
    const k = c.state === 'closed' ? `closed/${c.outcome}` : c.state;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  out.push('');
  out.push(` By state: ${[...counts.entries()].map(([k, n]) => `${k} ${n}`).join(' · ')}`);
  const missing = STATES.filter((state) => !items.some((c) => c.state === state));
  if (missing.length)
    out.push(` NB: no case is in ${missing.join(', ')} now (a holiday may have lengthened a term of the story).`);
  out.push('');
  out.push(
    ' Ақпараттандыру органына жіберілген қорытындылар / Реестр переданных заключений / Transmitted final conclusions (p.92, p.94, p.96)',
  );
  for (const d of ['personnel', 'it'] as const) {
    const r = registers[d];
    out.push(
      `   ${pad(d, 9)}  ${r.total}: ${r.items.map((i) => `${i.body.code} v${i.conclusionVersion} ${i.outcome} (${i.law})`).join(' · ')}`,
    );
  }
  out.push(
    `   curl -s -H 'Authorization: Bearer ${tk.mdaiOfficer}' '${base}/api/v1/transmitted-conclusions?cycle=${story.cycle}&direction=personnel'`,
  );
  out.push(
    `   curl -s -o register.xlsx -H 'Authorization: Bearer ${tk.mdaiOfficer}' '${base}/api/v1/transmitted-conclusions?cycle=${story.cycle}&direction=personnel&format=xlsx&lang=ru'`,
  );
  if (mz && pinned) {
    out.push('');
    out.push(` Pinned rules / Бекітілген ережелер / Закреплённые правила — case MZ (personnel) ${mz.id}:`);
    out.push(
      `   rule set ${pinned.ruleSet.code} · indicator catalogue ${pinned.catalogue?.code ?? '—'} · pinnedRulesHash ${pinned.pinnedRulesHash ?? '—'}`,
    );
    out.push(
      `   (GET /api/v1/indicator-catalogues/${pinned.catalogue?.code ?? ''}; GET /api/v1/audit/verify re-checks the hash)`,
    );
  }
  out.push('');
  out.push(` Running on port ${port}. Ctrl+C to stop / Тоқтату үшін Ctrl+C / Для остановки Ctrl+C.`);
  out.push('');
  process.stdout.write(out.join('\n') + '\n');
}

function registerExit(app: NestFastifyApplication): void {
  // enableShutdownHooks (configureApp) closes the app on SIGINT/SIGTERM; this only says so.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.stdout.write(`\n${signal}: stopping the demo service…\n`));
  }
  void app;
}

main().catch((error) => {
  if (error instanceof DemoError) {
    process.stderr.write(`\nnpm run demo failed:\n${error.message}\n`);
  } else {
    process.stderr.write(`\nnpm run demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
