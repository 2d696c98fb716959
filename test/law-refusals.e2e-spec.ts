import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import { Api } from '../src/demo/api-client';
import { World } from '../src/demo/world';
import { procedure } from './support/procedure';
import { startSeeded } from './support/seeded';
import { TestApp } from './support/test-app';

/**
 * Issue 13, "the law, exactly": refusals tell the truth (p.99, p.108) and the withdrawal of SPEC §4 — over HTTP, on
 * workflow v2. The cases are delivered on Monday 3 February 2025 at 10:00 in Astana: D1 ends on Monday 10 February.
 */
describe('The law, exactly: refusals and withdrawal (issue 13)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let p: ReturnType<typeof procedure>;
  const ids: Record<string, string> = {};
  let commissionId: string;
  const sweep = () => sut.app.get(DeadlineScheduler).sweep();

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
    p = procedure(sut, api, world);
    commissionId = await p.commission();
    for (const code of ['MF', 'MZ', 'MON', 'AKM-ALM']) ids[code] = (await p.ok(p.issue(code), code)).id;
  });
  afterAll(async () => {
    await sut.close();
  });

  const withdraw = (code: string) => p.post(`/api/v1/cases/${ids[code]}/withdrawal`, p.t(`agency:${code}`));
  const deadlineRows = async (code: string) =>
    (await p.ok(p.get(`/api/v1/cases/${ids[code]}/deadlines`, p.t('auditor')), 'deadlines')).items as {
      kind: string;
      status: string;
      dueAt: string;
    }[];

  it('SPEC §4 withdrawal inside D1: the case returns to issued, D2 and D3 close, D1 runs on with its due time', async () => {
    p.at('2025-02-04T11:00');
    await p.ok(
      p.object(ids.MON, 'MON', [{ indicatorCode: 'HR-1', claimedScore: 4, argument: 'Резерв деректері толық' }]),
      'objection',
    );
    p.at('2025-02-05T11:00');
    const r = await withdraw('MON');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'issued',
      outcome: null,
      withdrawals: ['2025-02-05T11:00:00.000+05:00'],
      deadlines: { objection: '2025-02-10T23:59:59.999+05:00', table: null, result: null },
    });
    const rows = await deadlineRows('MON');
    expect(rows.map((d) => [d.kind, d.status])).toEqual([
      ['objection', 'closed'],
      ['result', 'closed'],
      ['table', 'closed'],
      ['objection', 'open'],
    ]);
    expect(rows[3].dueAt).toBe('2025-02-10T23:59:59.999+05:00');
    // The body may still object or notify until D1 ends.
    const offered = (await p.view(ids.MON, p.t('agency:MON'))).allowedActions.map((a: { action: string }) => a.action);
    expect(offered).toEqual(expect.arrayContaining(['case.objection', 'case.no-objection']));
  });

  it('SPEC §4 withdrawal inside D1: the body may object again before D1 ends', async () => {
    p.at('2025-02-05T12:00');
    await p.ok(
      p.object(ids['AKM-ALM'], 'AKM-ALM', [
        { indicatorCode: 'HR-3', claimedScore: 5, argument: 'Оқыту жоспары орындалды' },
      ]),
      'objection',
    );
    p.at('2025-02-05T13:00');
    await p.ok(withdraw('AKM-ALM'), 'withdrawal');
    p.at('2025-02-06T12:00');
    const again = await p.object(ids['AKM-ALM'], 'AKM-ALM', [
      { indicatorCode: 'HR-3', claimedScore: 5, argument: 'Қайта жіберілді: оқыту жоспары орындалды' },
    ]);
    expect(again.status).toBe(201);
    // D2 and D3 run again, from the new objection (Thursday 6 February).
    expect(again.body).toMatchObject({
      state: 'objectionReceived',
      deadlines: { table: '2025-02-13T23:59:59.999+05:00', result: '2025-02-21T23:59:59.999+05:00' },
    });
  });

  it('p.108 an escalation while the commission reviews is too early: invalid-transition naming the stage — never "the term has ended"', async () => {
    p.at('2025-02-06T13:00');
    await p.ok(
      p.object(ids.MZ, 'MZ', [
        { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Резерв' },
        { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Декрет' },
      ]),
      'objection',
    );
    await p.tableAndSubmission(ids.MZ, ['HR-1', 'HR-2']);
    const r = await p.post(`/api/v1/cases/${ids.MZ}/escalation`, p.t('agency:MZ'), {
      reason: 'Комиссия әлі шешкен жоқ',
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'invalid-transition', stage: 'commissionReview' });
    expect(r.body.detail).toContain('the results must be dispatched first (point 106)');
    expect(r.body.detail).not.toMatch(/ended|passed/);
    expect(r.body.law).toBeUndefined();
    const refusals = (await p.ok(p.get(`/api/v1/cases/${ids.MZ}/refusals`, p.t('auditor')), 'refusals')).items;
    expect(refusals[refusals.length - 1]).toMatchObject({
      command: 'case.escalation',
      problemType: 'invalid-transition',
    });
  });

  it('p.99 the scheduler closes at D1 with no response; a late objection or notice is deadline-passed with p.99, not "the case is closed"', async () => {
    p.at('2025-02-11T09:00');
    await sweep();
    expect(await p.view(ids.MF)).toMatchObject({
      state: 'closed',
      outcome: 'noResponse',
      overdue: [expect.objectContaining({ kind: 'noObjectionNotice', law: 'p.99' })],
    });
    const late = await p.object(ids.MF, 'MF', [{ indicatorCode: 'HR-1', argument: 'Кешіктік' }]);
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'deadline-passed', law: 'p.99', rule: 'beforeObjectionDeadline' });
    expect(late.body.detail).toContain('D1');
    const notice = await p.post(`/api/v1/cases/${ids.MF}/no-objection`, p.t('agency:MF'));
    expect(notice.status).toBe(422);
    expect(notice.body).toMatchObject({ code: 'deadline-passed', law: 'p.99' });
  });

  it('SPEC §4 a withdrawal inside D1 with nothing after it stands as the answer: closed at D1 as withdrawn, without the p.99 breach', async () => {
    const mon = await p.view(ids.MON);
    expect(mon).toMatchObject({ state: 'closed', outcome: 'withdrawn', overdue: [] });
    const events = await p.events(ids.MON);
    expect(events.map((e) => e.type)).toEqual([
      'CASE.OPENED',
      'OBJECTION.FILE',
      'OBJECTION.WITHDRAW',
      'DEADLINE.OBJECTION',
    ]);
    const late = await p.object(ids.MON, 'MON', [{ indicatorCode: 'HR-1', argument: 'Кешіктік' }]);
    expect(late.body).toMatchObject({ code: 'deadline-passed', law: 'p.99' });
  });

  it('SPEC §4 a withdrawal after D1 closes the case as withdrawn; D2 and D3 stop with it', async () => {
    p.at('2025-02-12T10:00');
    const r = await withdraw('AKM-ALM');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'closed', outcome: 'withdrawn', overdue: [] });
    const rows = await deadlineRows('AKM-ALM');
    expect(rows.filter((d) => d.kind === 'table' || d.kind === 'result').map((d) => d.status)).toEqual([
      'closed',
      'closed',
      'closed',
      'closed',
    ]);
    expect(rows.some((d) => d.status === 'open')).toBe(false);
  });

  it('p.108 after D4 an escalation is deadline-passed — in the window and once the scheduler closed the case', async () => {
    const meeting = await p.meeting(commissionId, '2025-02-12T15:00:00+05:00', 'MZ');
    p.at('2025-02-12T15:30');
    await p.ok(
      p.attend(
        commissionId,
        meeting.id,
        world.members.personnel.map((m) => m.iin),
      ),
      'attendance',
    );
    await p.ok(
      p.decide(ids.MZ, 1, { meetingId: meeting.id, decision: 'disagree', votes: { for: 5, against: 0, abstained: 0 } }),
      'row 1',
    );
    await p.ok(
      p.decide(ids.MZ, 2, { meetingId: meeting.id, decision: 'disagree', votes: { for: 5, against: 0, abstained: 0 } }),
      'row 2',
    );
    await p.ok(p.sign(ids.MZ, p.t('agency:MZ')), 'agency signs');
    await p.ok(p.sign(ids.MZ, p.t('ascChair')), 'chair signs');
    const dispatched = await p.ok(p.post(`/api/v1/cases/${ids.MZ}/dispatch`, p.t('ascOfficer')), 'dispatch');
    expect(dispatched.deadlines.escalation).toBe('2025-02-19T23:59:59.999+05:00');
    p.at('2025-02-20T09:00');
    const inWindow = await p.post(`/api/v1/cases/${ids.MZ}/escalation`, p.t('agency:MZ'), { reason: 'Кеш' });
    expect(inWindow.status).toBe(422);
    expect(inWindow.body).toMatchObject({ code: 'deadline-passed', law: 'p.108' });
    await sweep();
    expect(await p.view(ids.MZ)).toMatchObject({ state: 'closed', outcome: 'final' });
    const closed = await p.post(`/api/v1/cases/${ids.MZ}/escalation`, p.t('agency:MZ'), { reason: 'Кеш' });
    expect(closed.status).toBe(422);
    expect(closed.body).toMatchObject({ code: 'deadline-passed', law: 'p.108', rule: 'beforeEscalationDeadline' });
  });

  it('SPEC §6: every stream verifies — chains, replays on its version, and the deadline rows its effects left', async () => {
    const report = await p.ok(p.get('/api/v1/audit/verify', p.t('auditor')), 'verify');
    expect(report).toMatchObject({ ok: true, broken: [] });
  });
});
