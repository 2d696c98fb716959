import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../src/common/clock';
import { Api, expectOk } from '../src/demo/api-client';
import { World, seedWorld } from '../src/demo/world';
import { procedure } from './support/procedure';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp, testDatabaseUrl } from './support/test-app';

/**
 * Issue 13: changes to what the machines accept went into workflow version 2; a case opened on version 1 keeps
 * replaying — and acting — on version 1 exactly.
 *
 * The proof uses a stored v1 log, not a case opened "as if" on v1: test/fixtures/v1-case.json holds the rows that the
 * released v1 code (commit 0bbfc90, before workflow v2 existed) wrote for a personnel case of MZ with its objection,
 * and its constituted special commission — events with their hashes, the projections, the conclusion and the
 * deadline rows (the generator is test/fixtures/v1-case.generator.ts.txt). They are loaded into a database of this
 * release; the audit must verify them, and v1 commands sent through HTTP must follow v1's law: no meeting facts, no
 * signature hash, D4 from the dispatch although a correction is owed, nothing transmitted when it closes.
 *
 * The same database starts as one from before this release (rule set v1 open-ended, no v2): at its next start the
 * shipped methodology-ch7-v2 ends v1 on 2023-12-31 and takes over, and the v1 case stays pinned to v1.
 */
describe('Workflow versions: a v1 case after v2 exists (issue 13)', () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'v1-case.json'), 'utf8')) as {
    caseId: string;
    commissionId: string;
    events: Record<string, unknown>[];
    cases: Record<string, unknown>[];
    commissions: Record<string, unknown>[];
    conclusions: Record<string, unknown>[];
    deadlines: Record<string, unknown>[];
  };
  const db = testDatabaseUrl();
  const clock = new FixedClock(new Date('2025-02-04T07:00:00Z'));
  let sut: TestApp;
  let api: Api;
  let world: World;
  let p: ReturnType<typeof procedure>;
  const caseId = fixture.caseId;
  const commissionId = fixture.commissionId;

  const insert = async (table: string, rows: Record<string, unknown>[]) => {
    const pg = sut.dataSource.options.type === 'postgres';
    for (const row of rows) {
      const columns = Object.keys(row);
      const values = columns.map((c) => (pg && c === 'escalated' ? Boolean(row[c]) : row[c]));
      const marks = columns.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
      await sut.dataSource.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${marks})`, values);
    }
  };

  beforeAll(async () => {
    sut = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock });
    api = supertestApi(sut);
    world = await seedWorld(api, ADMIN_TOKEN);
    // A database from before this release: the shipped v1 rule set had no end, and there was no v2.
    await sut.dataSource.query("UPDATE rule_sets SET valid_to = NULL WHERE code = 'methodology-ch7-v1'");
    await sut.dataSource.query("DELETE FROM rule_sets WHERE code = 'methodology-ch7-v2'");
    await sut.stop();
    sut = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock });
    api = supertestApi(sut);
    p = procedure(sut, api, world);
    for (const [table, rows] of [
      ['commissions', fixture.commissions],
      ['cases', fixture.cases],
      ['conclusions', fixture.conclusions],
      ['deadlines', fixture.deadlines],
      ['events', fixture.events],
    ] as const) {
      await insert(table, rows);
    }
  });
  afterAll(async () => {
    await sut.close();
  });

  const verify = async () => expectOk(p.get('/api/v1/audit/verify', p.t('auditor')), 'verify');
  /** Accounts are audited streams too (issue 12); the counts below are of case and commission streams beside them. */
  const accountStreams = async () =>
    Number(
      (await sut.dataSource.query("SELECT COUNT(DISTINCT stream_id) AS n FROM events WHERE stream_type = 'account'"))[0]
        .n,
    );

  it('at the next start the shipped v2 rule set ends the stored open-ended v1 on 2023-12-31 and takes over from 2024', async () => {
    const sets = (await p.ok(p.get('/api/v1/rule-sets', p.t('auditor')), 'rule sets')).items;
    expect(sets.map((s: any) => [s.code, s.act.inForceFrom, s.act.inForceUntil])).toEqual([
      ['methodology-ch7-v2', '2024-01-01', null],
      ['methodology-ch7-v1', '2017-01-01', '2023-12-31'],
    ]);
    expect((await p.get('/api/v1/rule-sets/in-force?date=2025-02-03', p.t('auditor'))).body.code).toBe(
      'methodology-ch7-v2',
    );
  });

  it('SPEC §6: the stored v1 log verifies and replays on workflow v1, pinned to the v1 rule set', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, broken: [], streams: 2 + (await accountStreams()) });
    const view = await p.view(caseId);
    expect(view).toMatchObject({ workflowVersion: 1, ruleSetId: 1, state: 'objectionReceived', version: 2 });
    expect(view.catalogue).toBeUndefined();
    const state = await p.ok(p.get(`/api/v1/cases/${caseId}/state?seq=2`, p.t('auditor')), 'state');
    expect(state).toMatchObject({ workflowVersion: 1, state: 'objectionReceived' });
  });

  it('v1 commands through HTTP keep v1’s law on the v1 case and commission (meetings, decisions, signatures)', async () => {
    await p.tableAndSubmission(caseId, ['HR-1', 'HR-2']);
    // The v1 commission: a representative without a body, attendance before the meeting's time — as v1 accepted.
    const meeting = await p.meeting(commissionId, '2025-02-05T15:00:00+05:00', 'MZ', 'personnel', [
      { name: 'Өкіл MZ', kind: 'agencyRepresentative' } as never,
    ]);
    expect(meeting.response.status).toBe(201);
    await p.ok(
      p.attend(
        commissionId,
        meeting.id,
        world.members.personnel.map((m) => m.iin),
      ),
      'attendance before the meeting (v1)',
    );
    await p.ok(
      p.decide(caseId, 1, { meetingId: meeting.id, decision: 'agree', votes: { for: 4, against: 1, abstained: 0 } }),
      'row 1',
    );
    await p.ok(
      p.decide(caseId, 2, { meetingId: meeting.id, decision: 'disagree', votes: { for: 4, against: 1, abstained: 0 } }),
      'row 2',
    );
    await p.ok(p.sign(caseId, p.t('agency:MZ')), 'agency');
    await p.ok(p.sign(caseId, p.t('ascChair')), 'chair');
    const events = await p.events(caseId);
    const decision = events.find((e) => e.type === 'ROW.DECIDE')!;
    expect(decision.payload.meeting).toBeUndefined();
    expect(decision.payload.deadlines).toBeUndefined();
    expect(events.filter((e) => e.type === 'TABLE.SIGN').map((e) => e.payload.tableSha256)).toEqual([
      undefined,
      undefined,
    ]);
    expect((await verify()).ok).toBe(true);
  });

  it('p.108 on v1: D4 runs from the dispatch although a correction is owed; the escalation keeps no reason in the event', async () => {
    clock.set(new Date('2025-02-06T05:00:00Z'));
    const dispatched = await p.ok(
      p.post(`/api/v1/cases/${caseId}/dispatch`, p.t('ascOfficer'), { note: 'v1' }),
      'dispatch',
    );
    expect(dispatched).toMatchObject({
      state: 'correction',
      deadlines: { escalation: '2025-02-13T23:59:59.999+05:00' },
    });
    expect(dispatched.dispatch).toBeUndefined();
    await p.ok(p.post(`/api/v1/cases/${caseId}/correction`, p.t('ascOfficer')), 'correction');
    await p.ok(
      p.post(`/api/v1/cases/${caseId}/escalation`, p.t('agency:MZ'), { reason: 'v1 keeps no reason' }),
      'escalation',
    );
    const escalation = (await p.events(caseId)).find((e) => e.type === 'ESCALATION.FILE')!;
    expect(escalation.payload).toEqual({ at: '2025-02-06T05:00:00.000Z' });
    expect((await verify()).ok).toBe(true);
  });

  it('p.92/p.96 on v1: closing transmits nothing (v1 never did); a new case opens on v2 beside it', async () => {
    await p.ok(
      p.post(`/api/v1/cases/${caseId}/escalation/outcome`, p.t('pa'), { outcome: 'upheld', note: 'Күшінде' }),
      'outcome',
    );
    const closed = await p.view(caseId);
    expect(closed).toMatchObject({ state: 'closed', outcome: 'upheld', workflowVersion: 1 });
    expect(closed.transmission).toBeUndefined();
    expect(
      (await p.get('/api/v1/transmitted-conclusions?cycle=2025&direction=personnel', p.t('auditor'))).body.total,
    ).toBe(0);
    const fresh = await p.ok(p.issue('MON'), 'new case');
    expect(fresh).toMatchObject({ workflowVersion: 2, ruleSetId: 3, catalogue: { code: 'personnel-v1' } });
    const report = await verify();
    expect(report).toMatchObject({ ok: true, streams: 3 + (await accountStreams()) });
  });
});
