import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Api, expectOk } from '../src/demo/api-client';
import { INDICATORS, World, demoPdf, meetingInvitees, seedWorld } from '../src/demo/world';
import { appealCaseMachines } from '../workflows';
import { StreamReplay } from '../src/audit/stream-replay';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

interface Seen {
  version: number;
  at: string;
  body: any;
}

/**
 * SPEC §6 History and audit, over HTTP on a real database: the log verifies, every kind of tampering
 * is found and located, a whole deleted or rewound case is caught by the recorded digest, any event or
 * moment replays to what the case was then, and an exported bundle verifies offline.
 */
describe('Audit: replay, verification, ledger digests and offline bundles (SPEC §6)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  const ids: Record<string, string> = {};
  let commissionId: string;
  /** GET /cases/{id} of the MZ case after each accepted command, with the clock at that moment. */
  const history: Seen[] = [];

  const t = (k: string) => world.tokens[k];
  const post = (path: string, token: string, body: unknown = {}) => api.call('POST', path, token, body);
  const get = (path: string, token: string) => api.call('GET', path, token);
  const pg = () => sut.dataSource.options.type === 'postgres';
  const sql = (text: string, params: unknown[] = []) =>
    sut.dataSource.query(pg() ? text : text.replace(/\$\d+/g, '?'), params);
  const accountStreams = async () => Number((await sql('SELECT COUNT(*) AS n FROM accounts WHERE version > 0'))[0].n);
  const verify = async () => {
    const r = await get('/api/v1/audit/verify', t('auditor'));
    expect(r.status).toBe(200);
    return r.body;
  };
  /** One accepted command on the MZ case, a minute after the previous one; remembers what the case was then. */
  const step = async (path: string, token: string, body: unknown = {}) => {
    sut.clock.advance(60_000);
    const r = await expectOk(post(path, token, body), path);
    const now = await expectOk(get(`/api/v1/cases/${ids.mz}`, t('auditor')), 'case');
    history.push({ version: now.version, at: sut.clock.now().toISOString(), body: now });
    return r;
  };
  const conclusion = (bodyCode: string) => ({
    bodyCode,
    direction: 'personnel',
    cycle: world.cycle,
    deliveredAt: '2025-02-03T10:00:00+05:00',
    items: INDICATORS.personnel,
    evaluators: world.evaluators.personnel,
  });

  beforeAll(async () => {
    // Monday 3 February 2025, 10:00 in Astana. Everything below happens before any deadline falls due,
    // so the deadline scheduler appends nothing behind the tests' back.
    sut = await startTestApp({ now: '2025-02-03T05:00:00Z' });
    api = supertestApi(sut);
    world = await seedWorld(api, ADMIN_TOKEN);

    ids.mz = (await expectOk(post('/api/v1/conclusions', t('ascOfficer'), conclusion('MZ')), 'MZ')).id;
    const opened = await expectOk(get(`/api/v1/cases/${ids.mz}`, t('auditor')), 'case');
    history.push({ version: 1, at: sut.clock.now().toISOString(), body: opened });
    for (const code of ['MON', 'MF', 'AKM-ALM'])
      ids[code] = (await expectOk(post('/api/v1/conclusions', t('ascOfficer'), conclusion(code)), code)).id;
    await expectOk(post(`/api/v1/cases/${ids.MON}/no-objection`, t('agency:MON')), 'no objection');

    const commission = await expectOk(
      post('/api/v1/commissions', t('ascSecretary'), { direction: 'personnel', cycle: world.cycle }),
      'commission',
    );
    commissionId = commission.id;
    for (const m of world.members.personnel)
      await expectOk(post(`/api/v1/commissions/${commissionId}/members`, t('ascSecretary'), m), 'member');
    await expectOk(post(`/api/v1/commissions/${commissionId}/constitution`, t('ascSecretary')), 'constitution');

    sut.clock.set('2025-02-04T05:00:00Z'); // Tuesday
    const doc = await api.upload(
      '/api/v1/documents',
      t('agency:MZ'),
      'Кадрлық резерв туралы анықтама.pdf',
      demoPdf('audit'),
    );
    await step(`/api/v1/cases/${ids.mz}/objection`, t('agency:MZ'), {
      items: [
        { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Тағайындаулардың 80%-ы кадрлық резервтен жүргізілді' },
        { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Текучесть рассчитана без учёта декретных отпусков' },
      ],
      documents: [doc.body.sha256],
    });
    await step(`/api/v1/cases/${ids.mz}/table`, t('ascOfficer'), {
      rows: [
        { indicatorCode: 'HR-1', authorityPosition: 'Резерв деректері толық емес' },
        { indicatorCode: 'HR-2', authorityPosition: 'Методика декретные отпуска не исключает' },
      ],
    });
    sut.clock.set('2025-02-05T05:00:00Z'); // Wednesday
    await step(`/api/v1/cases/${ids.mz}/table/submission`, t('ascSecretary'));
    const meeting = await expectOk(
      post(`/api/v1/commissions/${commissionId}/meetings`, t('ascSecretary'), {
        scheduledFor: '2025-02-05T15:00:00+05:00',
        invitees: meetingInvitees(world, 'MZ'),
      }),
      'meeting',
    );
    const meetingId = meeting.id;
    sut.clock.set('2025-02-05T10:00:00Z'); // the meeting is held at 15:00 local (p.103)
    await expectOk(
      post(`/api/v1/commissions/${commissionId}/meetings/${meetingId}/attendance`, t('ascSecretary'), {
        present: world.members.personnel.map((m) => m.iin),
      }),
      'attendance',
    );
    await step(`/api/v1/cases/${ids.mz}/table/rows/1/decision`, t('ascSecretary'), {
      meetingId,
      decision: 'agree',
      rationale: 'Құжатпен расталды',
      votes: { for: 4, against: 1, abstained: 0 },
    });
    await step(`/api/v1/cases/${ids.mz}/table/rows/2/decision`, t('ascSecretary'), {
      meetingId,
      decision: 'disagree',
      rationale: 'Методика не предусматривает исключений',
      votes: { for: 4, against: 1, abstained: 0 },
    });
    await step(`/api/v1/cases/${ids.mz}/table/signatures`, t('agency:MZ'));
    await step(`/api/v1/cases/${ids.mz}/table/signatures`, t('ascChair'));
    sut.clock.set('2025-02-06T05:00:00Z'); // Thursday
    await step(`/api/v1/cases/${ids.mz}/dispatch`, t('ascOfficer'));

    const akmDoc = await api.upload('/api/v1/documents', t('agency:AKM-ALM'), 'Анықтама.pdf', demoPdf('akimat'));
    await expectOk(
      post(`/api/v1/cases/${ids['AKM-ALM']}/objection`, t('agency:AKM-ALM'), {
        items: [{ indicatorCode: 'HR-3', claimedScore: 5, argument: 'Оқыту жоспары орындалды' }],
        documents: [akmDoc.body.sha256],
      }),
      'objection',
    );
    await expectOk(post(`/api/v1/cases/${ids['AKM-ALM']}/withdrawal`, t('agency:AKM-ALM')), 'withdrawal');
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
  });

  // ------------------------------------------------------------------ the untouched log

  it('SPEC §6: the untouched log verifies — every chain from genesis, every projection, every replayed snapshot', async () => {
    const report = await verify();
    // Five case and commission streams, and every account (each account's audited changes are a chain too).
    expect(report).toMatchObject({
      ok: true,
      broken: [],
      streams: 5 + (await accountStreams()),
      checkedAt: expect.any(String),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const counted: { n: string | number }[] = await sql('SELECT COUNT(*) AS n FROM events');
    expect(report.events).toBe(Number(counted[0].n));
  });

  it('SPEC §6: a digest recorded on demand is the Merkle root verification computes, and only auditors and administrators may ask', async () => {
    const recorded = await post('/api/v1/audit/digests', t('auditor'));
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ streamCount: 5 + (await accountStreams()), root: (await verify()).digest });
    expect((await post('/api/v1/audit/digests', t('agency:MZ'))).status).toBe(403);
    expect((await get('/api/v1/audit/verify', t('ascOfficer'))).status).toBe(403);
    const listed = await get('/api/v1/audit/digests', t('admin'));
    expect(listed.body.items[0]).toMatchObject({ id: recorded.body.id, root: recorded.body.root });
  });

  it('SPEC §6: `audit verify` on the command line prints the report and exits 0 while the log is intact', async () => {
    const { stdout } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'audit', 'verify'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: sut.config.databaseUrl, LOG_LEVEL: 'silent' },
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, streams: 5 + (await accountStreams()) });
  }, 60_000);

  // ------------------------------------------------------------------ tampering with one stored event

  const tampering: [column: string, problem: string, value: (old: string) => string][] = [
    ['payload', 'hash-mismatch', (old) => old.replace('"Резерв деректері толық емес"', '"Резерв деректері толық"')],
    ['type', 'hash-mismatch', () => 'TABLE.REDRAFT'],
    ['actor_id', 'hash-mismatch', () => '00000000-0000-4000-8000-000000000000'],
    ['business_time', 'hash-mismatch', (old) => old.replace('2025-02-04', '2025-02-03')],
    ['recorded_time', 'hash-mismatch', (old) => old.replace('2025-02-04', '2025-02-03')],
    ['prev_hash', 'prev-hash-mismatch', () => '1'.repeat(64)],
    ['hash', 'hash-mismatch', () => 'f'.repeat(64)],
  ];

  it.each(tampering)(
    'SPEC §6: an edited %s of a stored event is found and located: %s at that stream and seq',
    async (column, problem, value) => {
      const [original] = await sql(`SELECT ${column} AS v FROM events WHERE stream_id = $1 AND seq = 3`, [ids.mz]);
      const changed = value(original.v);
      expect(changed).not.toBe(original.v);
      await sql(`UPDATE events SET ${column} = $1 WHERE stream_id = $2 AND seq = 3`, [changed, ids.mz]);
      try {
        const report = await verify();
        expect(report.ok).toBe(false);
        expect(report.broken).toEqual([
          expect.objectContaining({ streamId: ids.mz, streamType: 'case', seq: 3, problem }),
        ]);
        if (column === 'hash') expect(report.broken[0].actual).toBe('f'.repeat(64));
        if (column === 'prev_hash')
          expect(report.broken[0]).toMatchObject({
            expected: expect.stringMatching(/^[0-9a-f]{64}$/),
            actual: '1'.repeat(64),
          });
      } finally {
        await sql(`UPDATE events SET ${column} = $1 WHERE stream_id = $2 AND seq = 3`, [original.v, ids.mz]);
      }
      expect((await verify()).ok).toBe(true);
    },
  );

  it('SPEC §6: a deleted event is found as a seq gap at the missing seq', async () => {
    const [row] = await sql('SELECT * FROM events WHERE stream_id = $1 AND seq = 2', [ids.mz]);
    await sql('DELETE FROM events WHERE stream_id = $1 AND seq = 2', [ids.mz]);
    try {
      const report = await verify();
      expect(report.broken).toEqual([
        expect.objectContaining({ streamId: ids.mz, seq: 2, problem: 'seq-gap', expected: 2, actual: 3 }),
      ]);
    } finally {
      const columns = Object.keys(row);
      await sql(
        `INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => row[c]),
      );
    }
    expect((await verify()).ok).toBe(true);
  });

  it('SPEC §6: two events swapped in order are found at the first swapped seq (prev-hash-mismatch)', async () => {
    const swap = async () => {
      await sql('UPDATE events SET seq = 1000 WHERE stream_id = $1 AND seq = 2', [ids.mz]);
      await sql('UPDATE events SET seq = 2 WHERE stream_id = $1 AND seq = 3', [ids.mz]);
      await sql('UPDATE events SET seq = 3 WHERE stream_id = $1 AND seq = 1000', [ids.mz]);
    };
    await swap();
    try {
      const report = await verify();
      expect(report.broken).toEqual([
        expect.objectContaining({ streamId: ids.mz, seq: 2, problem: 'prev-hash-mismatch' }),
      ]);
    } finally {
      await swap();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('SPEC §6: a projection that disagrees with its chain is found (projection-mismatch), and so is a snapshot that is not the replay (snapshot-mismatch)', async () => {
    const [row] = await sql('SELECT version, last_hash, snapshot, state FROM cases WHERE id = $1', [ids.MF]);
    await sql('UPDATE cases SET version = 2 WHERE id = $1', [ids.MF]);
    try {
      expect((await verify()).broken).toEqual([
        expect.objectContaining({ streamId: ids.MF, seq: 1, problem: 'projection-mismatch' }),
      ]);
    } finally {
      await sql('UPDATE cases SET version = $1 WHERE id = $2', [row.version, ids.MF]);
    }
    const forged = JSON.parse(row.snapshot);
    forged.value = 'closed';
    forged.context.outcome = 'noObjection';
    await sql("UPDATE cases SET snapshot = $1, state = 'closed' WHERE id = $2", [JSON.stringify(forged), ids.MF]);
    try {
      const report = await verify();
      expect(report.broken).toEqual([
        expect.objectContaining({ streamId: ids.MF, seq: 1, problem: 'snapshot-mismatch' }),
      ]);
      expect(report.broken[0].expected.path).toMatch(/^\$\./);
    } finally {
      await sql('UPDATE cases SET snapshot = $1, state = $2 WHERE id = $3', [row.snapshot, row.state, ids.MF]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('SPEC §6: a clean rewind — last event deleted, projection, snapshot and deadline rows put back — passes every chain check and is caught by the recorded digest (rewound)', async () => {
    const digest = await expectOk(post('/api/v1/audit/digests', t('auditor')), 'digest');
    const [last] = await sql('SELECT * FROM events WHERE stream_id = $1 AND seq = 2', [ids.MON]);
    const [row] = await sql(
      'SELECT version, last_hash, snapshot, state, outcome, updated_at FROM cases WHERE id = $1',
      [ids.MON],
    );
    const [d1] = await sql("SELECT id, status FROM deadlines WHERE case_id = $1 AND kind = 'objection'", [ids.MON]);
    const [opening] = await sql('SELECT seq, type, payload, hash FROM events WHERE stream_id = $1 AND seq = 1', [
      ids.MON,
    ]);
    const replay = new StreamReplay(appealCaseMachines[JSON.parse(opening.payload).workflowVersion]);
    replay.apply({ seq: 1, type: opening.type, payload: JSON.parse(opening.payload) });
    await sql('DELETE FROM events WHERE stream_id = $1 AND seq = 2', [ids.MON]);
    await sql(
      "UPDATE cases SET version = 1, last_hash = $1, snapshot = $2, state = 'issued', outcome = NULL WHERE id = $3",
      [opening.hash, JSON.stringify(replay.persisted()), ids.MON],
    );
    await sql("UPDATE deadlines SET status = 'open' WHERE id = $1", [d1.id]);
    try {
      const report = await verify();
      expect(report.broken).toEqual([
        expect.objectContaining({
          streamId: ids.MON,
          seq: 2,
          problem: 'rewound',
          expected: { seq: 2, hash: last.hash, digest: digest.id },
          actual: { seq: 1, hash: null },
        }),
      ]);
    } finally {
      const columns = Object.keys(last);
      await sql(
        `INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => last[c]),
      );
      await sql(
        'UPDATE cases SET version = $1, last_hash = $2, snapshot = $3, state = $4, outcome = $5 WHERE id = $6',
        [row.version, row.last_hash, row.snapshot, row.state, row.outcome, ids.MON],
      );
      await sql('UPDATE deadlines SET status = $1 WHERE id = $2', [d1.status, d1.id]);
    }
    expect((await verify()).ok).toBe(true);
  });

  // ------------------------------------------------------------------ replay to any event or moment

  it('SPEC §6: the state at every seq N is what GET /cases/{id} answered when the case was at version N', async () => {
    for (const seen of history) {
      const r = await get(`/api/v1/cases/${ids.mz}/state?seq=${seen.version}`, t('auditor'));
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        caseId: ids.mz,
        seq: seen.version,
        state: seen.body.state,
        outcome: seen.body.outcome,
        workflowVersion: 2,
      });
      expect(r.body.context.deadlines).toEqual(
        Object.fromEntries(Object.entries(seen.body.deadlines).filter(([, v]) => v !== null)),
      );
      expect(r.body.context.overdue).toEqual(seen.body.overdue);
      expect(r.body.context.rows).toEqual(seen.body.table.rows);
    }
  });

  it('SPEC §6: the state at a moment is what the case was then (events recorded at or before it), to the millisecond', async () => {
    for (const [i, seen] of history.entries()) {
      const at = encodeURIComponent(seen.at.replace('Z', '+00:00'));
      const r = await get(`/api/v1/cases/${ids.mz}/state?at=${at}`, t('auditor'));
      expect(r.body).toMatchObject({ seq: seen.version, state: seen.body.state });
      const next = history[i + 1];
      if (next) {
        const justBefore = new Date(Date.parse(next.at) - 1).toISOString();
        expect((await get(`/api/v1/cases/${ids.mz}/state?at=${justBefore}`, t('auditor'))).body.seq).toBe(seen.version);
      }
    }
    // In Astana time, with the `+` of the offset left unencoded in the URL (read back as a space).
    const local = await get(`/api/v1/cases/${ids.mz}/state?at=2025-02-05T10:02:30+05:00`, t('auditor'));
    expect(local.body).toMatchObject({ at: '2025-02-05T10:02:30.000+05:00', state: 'commissionReview' });
  });

  it('SPEC §6: the state query takes exactly one of seq and at, with an offset; a bad one is a 400 naming it', async () => {
    const names = async (q: string) => {
      const r = await get(`/api/v1/cases/${ids.mz}/state${q}`, t('auditor'));
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('validation-failed');
      return r.body.invalidParams.map((p: { name: string }) => p.name);
    };
    expect(await names('')).toEqual(['seq', 'at']);
    expect(await names('?seq=1&at=2025-02-05T10:00:00Z')).toEqual(['seq', 'at']);
    expect(await names('?at=2025-02-05T10:00:00')).toEqual(['at']);
    expect(await names('?seq=0')).toEqual(['seq']);
    expect(await names('?seq=two')).toEqual(['seq']);
    expect((await get(`/api/v1/cases/${ids.mz}/state?seq=999`, t('auditor'))).status).toBe(404);
    expect((await get(`/api/v1/cases/${ids.mz}/state?at=2025-01-01T00:00:00Z`, t('auditor'))).status).toBe(404);
  });

  it('SPEC §7: the replay is seen only by those who may see the case — another body’s agency gets 404', async () => {
    expect((await get(`/api/v1/cases/${ids.mz}/state?seq=1`, t('agency:MON'))).status).toBe(404);
    expect((await get(`/api/v1/cases/${ids.mz}/state?seq=1`, t('agency:MZ'))).status).toBe(200);
    expect((await get(`/api/v1/cases/${ids.mz}/timeline`, t('mdaiOfficer'))).status).toBe(404);
    expect((await get(`/api/v1/cases/${ids.mz}/export`, t('agency:MF'))).status).toBe(404);
  });

  // ------------------------------------------------------------------ timeline and refusals

  it('SPEC §6: the timeline shows each event against D1–D4: the objection, the table and the dispatch on time, D4 waiting for the correction (p.108)', async () => {
    const r = await get(`/api/v1/cases/${ids.mz}/timeline`, t('auditor'));
    expect(r.status).toBe(200);
    expect(r.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CASE.OPENED',
      'OBJECTION.FILE',
      'TABLE.DRAFT',
      'TABLE.SUBMIT',
      'ROW.DECIDE',
      'ROW.DECIDE',
      'TABLE.SIGN',
      'TABLE.SIGN',
      'RESULTS.DISPATCH',
    ]);
    expect(r.body.events[1]).toMatchObject({
      seq: 2,
      actorRole: 'agencyRepresentative',
      deadline: 'D1',
      due: '2025-02-10T23:59:59.999+05:00',
      onTime: true,
    });
    expect(r.body.events[3]).toMatchObject({ deadline: 'D2', onTime: true });
    expect(r.body.events[8]).toMatchObject({ deadline: 'D3', onTime: true });
    // p.108 (workflow v2): a row was agreed, so D4 starts with the correction owed — not yet set at dispatch.
    expect(r.body.deadlines.map((d: { key: string; status: string }) => [d.key, d.status])).toEqual([
      ['D1', 'met'],
      ['D2', 'met'],
      ['D3', 'met'],
      ['D4', 'not-set'],
    ]);
    expect(r.body.overdue).toEqual([]);
    const mon = await get(`/api/v1/cases/${ids.MON}/timeline`, t('auditor'));
    expect(mon.body.deadlines.map((d: { status: string }) => d.status)).toEqual([
      'met',
      'not-set',
      'not-set',
      'not-set',
    ]);
  });

  it('SPEC §6: auditors see refused actions across all cases — who, what, which rule — since a moment', async () => {
    const since = sut.clock.now().toISOString();
    const refused = await post(`/api/v1/cases/${ids.MF}/objection`, t('agency:MF'), {
      items: [{ indicatorCode: 'HR-1', argument: 'Келіспейміз' }],
      documents: [],
    });
    expect(refused.status).toBe(422);
    const r = await get(`/api/v1/audit/refusals?since=${encodeURIComponent(since)}&limit=10`, t('auditor'));
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      expect.objectContaining({
        streamId: ids.MF,
        command: 'case.objection',
        actorRole: 'agencyRepresentative',
        problemType: 'supporting-documents-required',
        law: 'p.98',
      }),
    ]);
    expect((await get('/api/v1/audit/refusals', t('agency:MF'))).status).toBe(403);
    expect((await get('/api/v1/audit/refusals?since=yesterday', t('auditor'))).body.invalidParams[0].name).toBe(
      'since',
    );
  });

  // ------------------------------------------------------------------ export and offline verification

  it('issue 12: an export is a GET and writes nothing — no digest is recorded for it, and an agency learns nothing of the whole ledger', async () => {
    const count = async () => Number((await sql('SELECT COUNT(*) AS n FROM ledger_digests'))[0].n);
    const before = await count();
    const r = await get(`/api/v1/cases/${ids.mz}/export`, t('agency:MZ'));
    expect(r.status).toBe(200);
    expect(await count()).toBe(before);
    expect(r.body.digest).not.toHaveProperty('leafCount');
    expect(r.body.digest).not.toHaveProperty('leafIndex');
  });

  it('SPEC §6: an exported bundle verifies offline with tools/verify-bundle.js (exit 0), and a tampered bundle does not (exit 1)', async () => {
    await expectOk(post('/api/v1/audit/digests', t('auditor')), 'digest'); // the auditor records a digest; the export refers to it
    const r = await get(`/api/v1/cases/${ids.mz}/export`, t('auditor'));
    expect(r.status).toBe(200);
    const bundle = r.body;
    expect(bundle).toMatchObject({
      format: 'appeals-audit-bundle/1',
      case: { id: ids.mz, version: 9 },
      leaf: { streamId: ids.mz, lastSeq: 9 },
    });
    expect(bundle.events).toHaveLength(9);
    expect(bundle.documents).toEqual([
      { name: 'Кадрлық резерв туралы анықтама.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    const digests = await get('/api/v1/audit/digests', t('auditor'));
    expect(digests.body.items.map((d: { root: string }) => d.root)).toContain(bundle.digest.root);

    const file = join(sut.config.dataDir, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle, null, 2));
    const ok = await run(process.execPath, ['tools/verify-bundle.js', file], { cwd: ROOT });
    expect(ok.stdout).toContain('VERIFIED');
    const asJson = await run(
      process.execPath,
      ['tools/verify-bundle.js', file, '--json', '--root', bundle.digest.root],
      { cwd: ROOT },
    );
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: true, root: bundle.digest.root });

    const fails = async (tampered: any, check: string) => {
      writeFileSync(file, JSON.stringify(tampered));
      const failed = await run(process.execPath, ['tools/verify-bundle.js', file, '--json'], { cwd: ROOT }).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(JSON.parse(failed.stdout).checks).toEqual(
        expect.arrayContaining([expect.objectContaining({ check, ok: false })]),
      );
    };
    const copy = () => JSON.parse(JSON.stringify(bundle));
    const payload = copy();
    payload.events[1].payload.items[0].claimedScore = 3;
    await fails(payload, 'chain');
    const dropped = copy();
    dropped.events.splice(4, 1);
    await fails(dropped, 'chain');
    const proof = copy();
    proof.inclusionProof[0].hash = '0'.repeat(64);
    await fails(proof, 'inclusion');
    const rechained = copy(); // a chain rebuilt by hand cannot match the leaf in the digest
    rechained.events.pop();
    rechained.case.version = 8;
    rechained.case.lastHash = rechained.events[7].hash;
    await fails(rechained, 'leaf');
  }, 60_000);

  // ------------------------------------------------------------------ a whole case deleted (last: it destroys data)

  it('SPEC §6: a whole case deleted after a digest — events and row — is detected (missing-stream), and the CLI exits 1', async () => {
    await expectOk(post('/api/v1/audit/digests', t('auditor')), 'digest');
    await sql('DELETE FROM events WHERE stream_id = $1', [ids['AKM-ALM']]);
    await sql('DELETE FROM conclusions WHERE case_id = $1', [ids['AKM-ALM']]);
    await sql('DELETE FROM cases WHERE id = $1', [ids['AKM-ALM']]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      expect.objectContaining({ streamId: ids['AKM-ALM'], problem: 'missing-stream', seq: 3 }),
    ]);
    const cli = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'audit', 'verify'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: sut.config.databaseUrl, LOG_LEVEL: 'silent' },
      },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout).broken[0]).toMatchObject({ streamId: ids['AKM-ALM'], problem: 'missing-stream' });
  }, 60_000);
});
