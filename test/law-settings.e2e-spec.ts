import { Api } from '../src/demo/api-client';
import { World } from '../src/demo/world';
import { procedure } from './support/procedure';
import { startSeeded } from './support/seeded';
import { TestApp } from './support/test-app';

/**
 * Issue 13: the open points of SPEC §2 are rule-set settings the engine reads — shown with a rule set that takes the
 * other choice of each: p.106's fifteen days from the submission of the table, p.108's five days from the dispatch,
 * a secretary who does not vote, a three-day signature term, no backdated delivery. It is adopted as an act (the
 * shipped v2 repealed from 1 March 2025); a case delivered from then is pinned to it.
 */
describe('The law, exactly: every SPEC §2 default is a setting the engine reads (issue 13)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let p: ReturnType<typeof procedure>;
  let caseId: string;
  let commissionId: string;
  let meetingId: string;

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2025-02-20T05:00:00Z' }));
    p = procedure(sut, api, world);
    await p.ok(
      p.post('/api/v1/rule-sets/methodology-ch7-v2/repeal', p.t('admin'), {
        act: { number: '3/НҚ', date: '2025-02-20' },
        effectiveFrom: '2025-03-01',
      }),
      'repeal',
    );
    await p.ok(
      p.post('/api/v1/rule-sets', p.t('admin'), {
        code: 'methodology-ch7-other',
        act: {
          title: 'TEST: an order settling the open points the other way (hypothetical)',
          number: '3/НҚ',
          date: '2025-02-20',
        },
        inForceFrom: '2025-03-01',
        rules: {
          objectionWorkingDays: 5,
          tableWorkingDays: 5,
          resultCalendarDays: 15,
          resultTermStartsAt: 'tableSubmission',
          escalationWorkingDays: 5,
          escalationTermStartsAt: 'dispatch',
          minCommissionMembers: 5,
          quorumFraction: 0.5,
          secretaryVotes: false,
          signatureWorkingDays: 3,
          deliveryBackdatingWorkingDays: 0,
          maxDocumentsPerObjection: 20,
        },
      }),
      'rule set',
    );
    p.at('2025-03-03T10:00'); // Monday 3 March 2025
    commissionId = await p.commission();
    const opened = await p.ok(p.issue('MZ'), 'MZ');
    caseId = opened.id;
  });
  afterAll(async () => {
    await sut.close();
  });

  it('the case is pinned to the rule set in force on its delivery date', async () => {
    const [opened] = await p.events(caseId);
    expect(opened.payload.ruleSet.code).toBe('methodology-ch7-other');
    expect((await p.view(caseId)).settings).toEqual({
      resultTermStartsAt: 'tableSubmission',
      escalationTermStartsAt: 'dispatch',
    });
  });

  it('p.98 (deliveryBackdatingWorkingDays 0): no delivery time earlier than its recording, even with a record', async () => {
    const r = await p.issue('MON', 'personnel', {
      deliveredAt: '2025-03-03T09:00:00+05:00',
      deliveryRecord: { reference: 'Шығыс № 5' },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      law: 'p.98',
      invalidParams: [{ name: 'deliveredAt', reason: expect.stringContaining('at most 0 working day(s)') }],
    });
  });

  it('p.106 (resultTermStartsAt tableSubmission): D3 does not start with the objection but with the submission of the table', async () => {
    p.at('2025-03-04T10:00');
    const objected = await p.ok(
      p.object(caseId, 'MZ', [
        { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Резерв' },
        { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Декрет' },
      ]),
      'objection',
    );
    expect(objected.deadlines).toMatchObject({ table: '2025-03-12T23:59:59.999+05:00', result: null });
    p.at('2025-03-05T10:00');
    const submitted = await p.tableAndSubmission(caseId, ['HR-1', 'HR-2']);
    // Fifteen calendar days from Wednesday 5 March: Thursday 20 March.
    expect(submitted.deadlines.result).toBe('2025-03-20T23:59:59.999+05:00');
    const rows = (await p.ok(p.get(`/api/v1/cases/${caseId}/deadlines`, p.t('auditor')), 'deadlines')).items as {
      kind: string;
      status: string;
    }[];
    expect(rows.filter((d) => d.kind === 'result').map((d) => d.status)).toEqual(['open']);
  });

  it('p.104 (secretaryVotes false): the secretary counts neither as present nor as a member of the vote', async () => {
    meetingId = (await p.meeting(commissionId, '2025-03-06T10:00:00+05:00', 'MZ')).id;
    p.at('2025-03-06T10:30');
    await p.ok(
      p.attend(
        commissionId,
        meetingId,
        world.members.personnel.map((m) => m.iin),
      ),
      'attendance',
    );
    const five = await p.decide(caseId, 1, {
      meetingId,
      decision: 'agree',
      votes: { for: 4, against: 1, abstained: 0 },
    });
    expect(five.status).toBe(400);
    expect(five.body).toMatchObject({ law: 'p.104', rule: 'voteConsistent' });
    const r = await p.decide(caseId, 1, { meetingId, decision: 'agree', votes: { for: 3, against: 1, abstained: 0 } });
    expect(r.status).toBe(201);
    expect(r.body.table.rows[0].vote).toMatchObject({ present: 4, members: 4 });
  });

  it('p.105 (signatureWorkingDays 3): the representative’s term is three working days from the last decision', async () => {
    const r = await p.ok(
      p.decide(caseId, 2, { meetingId, decision: 'disagree', votes: { for: 3, against: 1, abstained: 0 } }),
      'row 2',
    );
    // Thursday 6 March: Fri 7, Mon 10 (8 March, a Saturday, moved to it), Tue 11, Wed 12 March.
    expect(r.deadlines.signature).toBe('2025-03-12T23:59:59.999+05:00');
  });

  it('p.108 (escalationTermStartsAt dispatch): D4 runs from the dispatch although a correction is owed', async () => {
    await p.ok(p.sign(caseId, p.t('agency:MZ')), 'agency');
    await p.ok(p.sign(caseId, p.t('ascChair')), 'chair');
    p.at('2025-03-07T10:00');
    const dispatched = await p.ok(p.post(`/api/v1/cases/${caseId}/dispatch`, p.t('ascOfficer')), 'dispatch');
    expect(dispatched).toMatchObject({
      state: 'correction',
      correctionOwed: true,
      deadlines: { escalation: '2025-03-17T23:59:59.999+05:00' },
    });
    const corrected = await p.ok(p.post(`/api/v1/cases/${caseId}/correction`, p.t('ascOfficer')), 'correction');
    expect(corrected.deadlines.escalation).toBe('2025-03-17T23:59:59.999+05:00');
  });

  it('SPEC §6: every stream verifies — chains, replays on its version, and the deadline rows its effects left', async () => {
    const report = await p.ok(p.get('/api/v1/audit/verify', p.t('auditor')), 'verify');
    expect(report).toMatchObject({ ok: true, broken: [] });
  });
});
