import { appealCaseMachines, caseStateName } from '../workflows';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import { Api, expectOk } from '../src/demo/api-client';
import { INDICATORS, World, demoPdf, seedWorld } from '../src/demo/world';
import { canonicalJson, eventHash } from '../src/events/canonical';
import { initialTransition, transition, type AnyStateMachine, type EventObject } from 'xstate';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './support/test-app';

/** Replays with XState's own pure functions: an oracle independent of the service's runtime. */
function replay(machine: AnyStateMachine, input: unknown, events: EventObject[]) {
  let [snapshot] = initialTransition(machine, input);
  for (const event of events) [snapshot] = transition(machine, snapshot, event);
  return snapshot;
}

/**
 * The whole chapter 7 procedure over HTTP, for both directions, under the right accounts —
 * and every wrong step refused with the rule it breaks (SPEC §4, §7).
 */
describe('Appeal procedure over HTTP (p.98–p.108)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  const ids: Record<string, string> = {};
  let commissionId: string;
  let meetingId: string;
  let pdfSha: string;

  const post = (path: string, token: string, body: unknown = {}, headers?: Record<string, string>) =>
    api.call('POST', path, token, body, headers);
  const get = (path: string, token: string) => api.call('GET', path, token);
  const t = (k: string) => world.tokens[k];
  const conclusion = (bodyCode: string, direction: 'personnel' | 'it', deliveredAt = '2025-02-03T10:00:00+05:00') => ({
    bodyCode,
    direction,
    cycle: world.cycle,
    deliveredAt,
    items: INDICATORS[direction],
    evaluators: world.evaluators[direction],
  });

  beforeAll(async () => {
    // Monday 3 February 2025, 10:00 in Astana.
    sut = await startTestApp({ now: '2025-02-03T05:00:00Z' });
    api = supertestApi(sut);
    world = await seedWorld(api, ADMIN_TOKEN);
  });
  afterAll(async () => {
    await sut.close();
  });

  it('p.95: the civil-service authority issues the personnel conclusion; the case opens with D1 = five working days', async () => {
    const r = await post('/api/v1/conclusions', t('ascOfficer'), conclusion('MZ', 'personnel'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'issued',
      authority: 'ASC',
      bodyCode: 'MZ',
      direction: 'personnel',
      version: 1,
    });
    expect(r.body.deadlines.objection).toBe('2025-02-10T23:59:59.999+05:00');
    ids.mz = r.body.id;
    for (const code of ['MON', 'MF', 'AKM-ALM']) {
      ids[code] = (
        await expectOk(post('/api/v1/conclusions', t('ascOfficer'), conclusion(code, 'personnel')), code)
      ).id;
    }
  });

  it('p.91: the conclusion on the civil-service authority itself is issued by the Presidential Administration, not by itself', async () => {
    const own = await post('/api/v1/conclusions', t('ascOfficer'), conclusion('ASC', 'personnel'));
    expect(own.status).toBe(403);
    const byPa = await post('/api/v1/conclusions', t('pa'), conclusion('ASC', 'personnel'));
    expect(byPa.status).toBe(201);
    expect(byPa.body.authority).toBe('AP');
  });

  it('p.99: the no-objection notice closes the case; an objection after it is an invalid transition', async () => {
    const r = await post(`/api/v1/cases/${ids.MON}/no-objection`, t('agency:MON'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'closed', outcome: 'noObjection' });
    const late = await post(`/api/v1/cases/${ids.MON}/objection`, t('agency:MON'), {
      items: [{ indicatorCode: 'HR-1', argument: 'Кешірек байқадық' }],
      documents: ['a'.repeat(64)],
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('invalid-transition');
  });

  it('a delivery time in the future is refused, naming deliveredAt', async () => {
    const r = await post(
      '/api/v1/conclusions',
      t('ascOfficer'),
      conclusion('MSH', 'personnel', '2025-03-01T10:00:00+05:00'),
    );
    expect(r.status).toBe(400);
    expect(r.body.invalidParams[0].name).toBe('deliveredAt');
  });

  it('p.100: the commission is formed; an evaluator may sit while no body they evaluated has objected', async () => {
    const c = await post('/api/v1/commissions', t('ascSecretary'), { direction: 'personnel', cycle: world.cycle });
    expect(c.status).toBe(201);
    commissionId = c.body.id;
    for (const m of world.members.personnel) {
      await expectOk(post(`/api/v1/commissions/${commissionId}/members`, t('ascSecretary'), m), `member ${m.role}`);
    }
    // people[6] evaluated every personnel body; nobody objected yet, so they may join …
    const evaluator = await post(`/api/v1/commissions/${commissionId}/members`, t('ascSecretary'), {
      iin: world.evaluators.personnel[0],
      role: 'member',
    });
    expect(evaluator.status).toBe(201);
    expect(evaluator.body.members).toHaveLength(6);
  });

  it('p.100: submitting the table needs a constituted commission (commission-not-constituted)', async () => {
    // Prepare the objection of AKM-ALM now, and try to submit before the commission is constituted.
    const doc = await api.upload('/api/v1/documents', t('agency:AKM-ALM'), 'Анықтама.pdf', demoPdf('akimat'));
    expect(doc.status).toBe(201);
    await expectOk(
      post(`/api/v1/cases/${ids['AKM-ALM']}/objection`, t('agency:AKM-ALM'), {
        items: [{ indicatorCode: 'HR-3', claimedScore: 5, argument: 'Оқыту жоспары толық орындалды' }],
        documents: [doc.body.sha256],
      }),
      'objection',
    );
    await expectOk(
      post(`/api/v1/cases/${ids['AKM-ALM']}/table`, t('ascOfficer'), {
        rows: [{ indicatorCode: 'HR-3', authorityPosition: 'Деректер расталмаған' }],
      }),
      'table',
    );
    const r = await post(`/api/v1/cases/${ids['AKM-ALM']}/table/submission`, t('ascSecretary'));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'commission-not-constituted', law: 'p.100' });
  });

  it('p.100: the objection recused the sitting evaluator; a new evaluator of an objecting body is refused', async () => {
    const c = await get(`/api/v1/commissions/${commissionId}`, t('ascSecretary'));
    expect(c.body.objectingBodies).toEqual(['AKM-ALM']);
    expect(c.body.members).toHaveLength(5);
    expect(c.body.recusals).toHaveLength(1);
    expect(c.body.recusals[0].iin).toMatch(/^\*{8}\d{4}$/); // masked for the secretary
    const r = await post(`/api/v1/commissions/${commissionId}/members`, t('ascSecretary'), {
      iin: world.evaluators.personnel[1],
      role: 'member',
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'member-conflict-of-interest', law: 'p.100' });
    const constituted = await post(`/api/v1/commissions/${commissionId}/constitution`, t('ascSecretary'));
    expect(constituted.status).toBe(201);
    expect(constituted.body).toMatchObject({ state: 'constituted', constituted: true });
  });

  it('p.98: an objection without supporting documents is refused (supporting-documents-required) and the refusal is logged', async () => {
    const r = await post(`/api/v1/cases/${ids.MF}/objection`, t('agency:MF'), {
      items: [{ indicatorCode: 'HR-1', argument: 'Келіспейміз' }],
      documents: [],
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'supporting-documents-required', law: 'p.98' });
    const refusals = await get(`/api/v1/cases/${ids.MF}/refusals`, t('auditor'));
    expect(refusals.body.items).toEqual([
      expect.objectContaining({
        command: 'case.objection',
        problemType: 'supporting-documents-required',
        law: 'p.98',
        actorRole: 'agencyRepresentative',
      }),
    ]);
    const state = await get(`/api/v1/cases/${ids.MF}`, t('agency:MF'));
    expect(state.body).toMatchObject({ state: 'issued', version: 1 });
  });

  it('p.98: the body objects with disputed items and a supporting document; D2 and D3 start', async () => {
    sut.clock.set('2025-02-06T06:00:00Z'); // Thursday, 11:00 local
    const doc = await api.upload(
      '/api/v1/documents',
      t('agency:MZ'),
      'Кадрлық резерв туралы анықтама.pdf',
      demoPdf('reserve'),
    );
    pdfSha = doc.body.sha256;
    const r = await post(`/api/v1/cases/${ids.mz}/objection`, t('agency:MZ'), {
      items: [
        { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Тағайындаулардың 80%-ы кадрлық резервтен жүргізілді' },
        { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Текучесть рассчитана без учёта декретных отпусков' },
      ],
      documents: [pdfSha],
      expectedVersion: 1,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'objectionReceived', version: 2 });
    // D2: 5 working days from Thu 6 Feb → Thu 13 Feb; D3: 15 calendar days → Fri 21 Feb.
    expect(r.body.deadlines).toMatchObject({
      table: '2025-02-13T23:59:59.999+05:00',
      result: '2025-02-21T23:59:59.999+05:00',
    });
    expect(r.body.documents).toEqual([{ name: 'Кадрлық резерв туралы анықтама.pdf', sha256: pdfSha }]);
    const c = await get(`/api/v1/commissions/${commissionId}`, t('ascSecretary'));
    expect(c.body.objectingBodies).toEqual(['AKM-ALM', 'MZ']);
  });

  it('SPEC §7: another body’s agency gets 404 for this case; the auditor reads it; nobody unauthenticated does', async () => {
    expect((await get(`/api/v1/cases/${ids.mz}`, t('agency:MON'))).status).toBe(404);
    expect((await get(`/api/v1/cases/${ids.mz}`, t('mdaiOfficer'))).status).toBe(404);
    expect((await get(`/api/v1/cases/${ids.mz}`, t('auditor'))).status).toBe(200);
    expect((await api.call('GET', `/api/v1/cases/${ids.mz}`)).status).toBe(401);
    const list = await get('/api/v1/cases', t('agency:MZ'));
    expect(list.body.items.map((c: { bodyCode: string }) => c.bodyCode)).toEqual(['MZ']);
    const doc = await sut
      .http()
      .get(`/api/v1/cases/${ids.mz}/documents/${pdfSha}`)
      .set('Authorization', `Bearer ${t('ascOfficer')}`)
      .expect(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect((await get(`/api/v1/cases/${ids.mz}/documents/${pdfSha}`, t('agency:MON'))).status).toBe(404);
  });

  it('SPEC §7: the auditor writes nothing (forbidden)', async () => {
    const r = await post(`/api/v1/cases/${ids.mz}/dispatch`, t('auditor'));
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('forbidden');
  });

  it('p.102: the authority states its position per disputed item; rows come from the objection', async () => {
    const missing = await post(`/api/v1/cases/${ids.mz}/table`, t('ascOfficer'), {
      rows: [{ indicatorCode: 'HR-1', authorityPosition: 'Резерв деректері толық емес' }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.invalidParams[0].name).toBe('rows');
    const r = await post(`/api/v1/cases/${ids.mz}/table`, t('ascOfficer'), {
      rows: [
        { indicatorCode: 'HR-1', authorityPosition: 'Резерв деректері толық емес' },
        { indicatorCode: 'HR-2', authorityPosition: 'Методика декретные отпуска не исключает' },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.state).toBe('tablePreparation');
    expect(r.body.table.rows[0]).toMatchObject({ n: 1, indicatorCode: 'HR-1', authorityScore: 3, claimedScore: 5 });
  });

  it('SPEC §9: of parallel commands on one version exactly one wins, the rest get version-conflict', async () => {
    const version = (await get(`/api/v1/cases/${ids.mz}`, t('ascOfficer'))).body.version;
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        post(`/api/v1/cases/${ids.mz}/table/submission`, t('ascSecretary'), { expectedVersion: version }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('version-conflict');
    const after = await get(`/api/v1/cases/${ids.mz}`, t('ascOfficer'));
    expect(after.body).toMatchObject({ state: 'commissionReview', version: version + 1 });
  });

  // p.103 (workflow v2): the body's representative and every evaluator of the body are invited.
  const invitees = () => [
    { name: 'Өкіл / Представитель MZ', kind: 'agencyRepresentative', bodyCode: 'MZ' },
    { name: world.people[6].fullName, iin: world.evaluators.personnel[0], kind: 'evaluator' },
    { name: world.people[7].fullName, iin: world.evaluators.personnel[1], kind: 'evaluator' },
  ];

  it('p.103/p.104: a meeting without quorum cannot decide (quorum-not-met)', async () => {
    const m = await post(`/api/v1/commissions/${commissionId}/meetings`, t('ascSecretary'), {
      scheduledFor: '2025-02-10T15:00:00+05:00',
      invitees: invitees(),
    });
    expect(m.status).toBe(201);
    const thin = m.body.id;
    sut.clock.set('2025-02-10T10:30:00Z'); // the meeting is held: Monday 10 February, 15:30 local (p.103)
    await expectOk(
      post(`/api/v1/commissions/${commissionId}/meetings/${thin}/attendance`, t('ascSecretary'), {
        present: [world.members.personnel[0].iin, world.members.personnel[1].iin],
      }),
      'attendance',
    );
    const r = await post(`/api/v1/cases/${ids.mz}/table/rows/1/decision`, t('ascSecretary'), {
      meetingId: thin,
      decision: 'agree',
      rationale: 'Резерв деректері расталды',
      votes: { for: 2, against: 0, abstained: 0 },
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'quorum-not-met', law: 'p.104' });
  });

  it('p.104: decisions per row by the majority of members present, the chair deciding a tie', async () => {
    const m = await post(`/api/v1/commissions/${commissionId}/meetings`, t('ascSecretary'), {
      scheduledFor: '2025-02-11T15:00:00+05:00',
      invitees: invitees(),
    });
    meetingId = m.body.id;
    sut.clock.set('2025-02-11T10:30:00Z'); // Tuesday 11 February, 15:30 local
    await expectOk(
      post(`/api/v1/commissions/${commissionId}/meetings/${meetingId}/attendance`, t('ascSecretary'), {
        present: world.members.personnel.slice(0, 4).map((x) => x.iin),
      }),
      'attendance',
    );
    const row1 = await post(`/api/v1/cases/${ids.mz}/table/rows/1/decision`, t('ascSecretary'), {
      meetingId,
      decision: 'agree',
      rationale: 'Резерв деректері құжатпен расталды',
      votes: { for: 3, against: 1, abstained: 0 },
    });
    expect(row1.status).toBe(201);
    expect(row1.body.table.rows[0]).toMatchObject({
      decision: 'agree',
      revisedScore: 5,
      vote: { for: 3, against: 1, present: 4, members: 5 },
    });
    const row2 = await post(`/api/v1/cases/${ids.mz}/table/rows/2/decision`, t('ascSecretary'), {
      meetingId,
      decision: 'disagree',
      rationale: 'Методика не предусматривает исключений',
      votes: { for: 2, against: 2, abstained: 0 },
      chairVote: 'for',
    });
    expect(row2.status).toBe(201);
    expect(row2.body.state).toBe('signing');
  });

  it('p.104: after a decision the objection can no longer be withdrawn', async () => {
    const r = await post(`/api/v1/cases/${ids.mz}/withdrawal`, t('agency:MZ'));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('invalid-transition');
  });

  it('p.105: the representative’s refusal to sign is recorded and the chair’s signature completes the table', async () => {
    const wrongChair = await post(`/api/v1/cases/${ids.mz}/table/signatures`, t('mdaiChair'));
    expect(wrongChair.status).toBe(404);
    const refusal = await post(`/api/v1/cases/${ids.mz}/table/signatures`, t('agency:MZ'), {
      refusalReason: 'Екінші жол бойынша шешіммен келіспейміз',
    });
    expect(refusal.status).toBe(201);
    const chair = await post(`/api/v1/cases/${ids.mz}/table/signatures`, t('ascChair'));
    expect(chair.status).toBe(201);
    expect(chair.body.state).toBe('dispatch');
    expect(chair.body.table.signatures).toMatchObject({
      chair: { name: world.people[0].fullName },
      agencyRefusal: { reason: 'Екінші жол бойынша шешіммен келіспейміз' },
    });
  });

  it('p.106: results dispatched within fifteen calendar days; from then the authority’s decision is final', async () => {
    sut.clock.set('2025-02-14T06:00:00Z'); // Friday 14 Feb
    const r = await post(`/api/v1/cases/${ids.mz}/dispatch`, t('ascOfficer'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'correction', finalAtAuthority: true, overdue: [] });
    // p.108 (workflow v2 default): a row was agreed, so D4 waits for the correction owed under p.107.
    expect(r.body.deadlines.escalation).toBeNull();
    expect(r.body.dispatch).toEqual({
      recipients: [
        { kind: 'workingBody', code: 'WB' },
        { kind: 'body', code: 'MZ' },
      ],
    });
    const reopen = await post(`/api/v1/cases/${ids.mz}/table/rows/2/decision`, t('ascSecretary'), {
      meetingId,
      decision: 'agree',
      rationale: 'Қайта қарау',
      votes: { for: 4, against: 0, abstained: 0 },
    });
    expect(reopen.status).toBe(409);
    expect(reopen.body).toMatchObject({ code: 'final-at-authority', law: 'p.106' });
  });

  it('p.107: the corrected conclusion is a new version; the old stays readable with the difference', async () => {
    const r = await post(`/api/v1/cases/${ids.mz}/correction`, t('ascOfficer'), {
      reason: 'Арнайы комиссияның 2025-02-11 шешімі',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'escalationWindow', conclusionVersion: 2, correctionOwed: false });
    // p.108: five working days from the correction (Friday 14 February).
    expect(r.body.deadlines.escalation).toBe('2025-02-21T23:59:59.999+05:00');
    const versions = await get(`/api/v1/cases/${ids.mz}/conclusions`, t('agency:MZ'));
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions.body.differences).toEqual([
      { from: 1, to: 2, changes: [{ code: 'HR-1', title: INDICATORS.personnel[0].title, before: 3, after: 5 }] },
    ]);
  });

  it('p.108: the body escalates to the Presidential Administration, which records its outcome', async () => {
    const notYet = await post(`/api/v1/cases/${ids.mz}/escalation/outcome`, t('pa'), {
      outcome: 'upheld',
      note: 'Күшінде қалдырылды',
    });
    expect(notYet.status).toBe(404); // not escalated yet: not the PA's case
    const r = await post(`/api/v1/cases/${ids.mz}/escalation`, t('agency:MZ'), {
      reason: 'Екінші көрсеткіш бойынша келіспейміз',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'escalated', escalated: true });
    const outcome = await post(`/api/v1/cases/${ids.mz}/escalation/outcome`, t('pa'), {
      outcome: 'revised',
      scores: [{ code: 'HR-2', score: 3 }],
      note: 'Частично пересмотрено',
    });
    expect(outcome.status).toBe(201);
    expect(outcome.body).toMatchObject({ state: 'closed', outcome: 'revised', conclusionVersion: 3 });
  });

  it('SPEC §6: the event log is a valid hash chain and replays to the stored snapshot', async () => {
    const events = (await get(`/api/v1/cases/${ids.mz}/events`, t('auditor'))).body.items as any[];
    expect(events.map((e) => e.type)).toEqual([
      'CASE.OPENED',
      'OBJECTION.FILE',
      'TABLE.DRAFT',
      'TABLE.SUBMIT',
      'ROW.DECIDE',
      'ROW.DECIDE',
      'TABLE.SIGN',
      'TABLE.SIGN',
      'RESULTS.DISPATCH',
      'CONCLUSION.CORRECT',
      'ESCALATION.FILE',
      'ESCALATION.OUTCOME',
    ]);
    let prev = '0'.repeat(64);
    for (const e of events) {
      const { hash, ...fields } = e;
      expect(fields.prevHash).toBe(prev);
      expect(eventHash(fields)).toBe(hash);
      prev = hash;
    }
    expect(events[0].payload.workflowVersion).toBe(2);
    const machine = appealCaseMachines[events[0].payload.workflowVersion];
    const replayed = replay(
      machine,
      events[0].payload.input,
      events.slice(1).map((e) => ({ type: e.type, ...e.payload })),
    );
    const row = await sut.dataSource.query(
      'SELECT snapshot FROM cases WHERE id = $1'.replace('$1', sut.dataSource.options.type === 'postgres' ? '$1' : '?'),
      [ids.mz],
    );
    expect(canonicalJson((machine as AnyStateMachine).getPersistedSnapshot(replayed))).toBe(
      canonicalJson(JSON.parse(row[0].snapshot)),
    );
    expect(caseStateName(replayed)).toBe('closed');
  });

  it('p.99: an objection after D1 is refused (deadline-passed), and the refused attempt is logged', async () => {
    // D1 of MF ended on Monday 10 February 2025 at 24:00 local; it is now 14 February.
    const doc = await api.upload('/api/v1/documents', t('agency:MF'), 'Түсіндірме.pdf', demoPdf('late'));
    const r = await post(`/api/v1/cases/${ids.MF}/objection`, t('agency:MF'), {
      items: [{ indicatorCode: 'HR-1', argument: 'Кеш жіберілді' }],
      documents: [doc.body.sha256],
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'deadline-passed', law: 'p.99' });
    const refusals = await get(`/api/v1/cases/${ids.MF}/refusals`, t('auditor'));
    expect(refusals.body.items.map((x: { problemType: string }) => x.problemType)).toEqual([
      'supporting-documents-required',
      'deadline-passed',
    ]);
  });

  it('SPEC §4: a command that the stage does not allow is an invalid transition', async () => {
    const r = await post(`/api/v1/cases/${ids.MF}/dispatch`, t('ascOfficer'));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('invalid-transition');
  });

  it('SPEC §9: a retried command with the same Idempotency-Key returns the first answer and acts once', async () => {
    const key = { 'Idempotency-Key': 'withdraw-akm-1' };
    const first = await post(`/api/v1/cases/${ids['AKM-ALM']}/withdrawal`, t('agency:AKM-ALM'), {}, key);
    expect(first.status).toBe(201);
    const again = await post(`/api/v1/cases/${ids['AKM-ALM']}/withdrawal`, t('agency:AKM-ALM'), {}, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const events = await get(`/api/v1/cases/${ids['AKM-ALM']}/events`, t('auditor'));
    expect(events.body.items.filter((e: { type: string }) => e.type === 'OBJECTION.WITHDRAW')).toHaveLength(1);
    const other = await post(
      `/api/v1/cases/${ids['AKM-ALM']}/withdrawal`,
      t('agency:AKM-ALM'),
      { note: 'different' },
      key,
    );
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');
  });

  it('SPEC §9: concurrent retries with one Idempotency-Key act once and all get the first answer', async () => {
    const key = { 'Idempotency-Key': 'no-objection-msh-parallel' };
    // p.98: delivered the day before it is recorded — with its delivery record.
    const c = await post('/api/v1/conclusions', t('ascOfficer'), {
      ...conclusion('MSH', 'personnel', '2025-02-13T10:00:00+05:00'),
      deliveryRecord: { reference: 'Шығыс № 04-1/77, 13.02.2025' },
    });
    expect(c.status).toBe(201);
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        post(`/api/v1/cases/${c.body.id}/no-objection`, t('agency:MSH'), { note: 'parallel' }, key),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const events = await get(`/api/v1/cases/${c.body.id}/events`, t('auditor'));
    expect(events.body.items.filter((e: { type: string }) => e.type === 'NO_OBJECTION.FILE')).toHaveLength(1);
  });

  it('SPEC §9: a stale expected version is refused with version-conflict (If-Match too)', async () => {
    const r = await post(`/api/v1/cases/${ids.MF}/no-objection`, t('agency:MF'), {}, { 'If-Match': '"1"' });
    // MF is still issued at version 1 (refusals changed nothing) but D1 passed: the term rule answers.
    expect(r.body.code).toBe('deadline-passed');
    const stale = await post(`/api/v1/cases/${ids.mz}/escalation`, t('agency:MZ'), {
      reason: 'again',
      expectedVersion: 3,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
  });

  it('validation names the field; nothing changes', async () => {
    const r = await post(`/api/v1/cases/${ids.MF}/objection`, t('agency:MF'), {
      items: [{ indicatorCode: 'HR-1', claimedScore: 'five' }],
      documents: ['nope'],
      extra: 1,
    });
    expect(r.status).toBe(400);
    const names = r.body.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['items[0].claimedScore', 'items[0].argument', 'documents', 'extra']));
  });

  describe('the IT direction (p.97, p.101)', () => {
    let it_: string;

    it('p.97: the informatization authority issues the IT conclusion; its commission decides; nothing agreed → no correction', async () => {
      sut.clock.set('2025-03-03T05:00:00Z'); // Monday 3 March 2025
      const c = await post(
        '/api/v1/conclusions',
        t('mdaiOfficer'),
        conclusion('MSH', 'it', '2025-03-03T10:00:00+05:00'),
      );
      expect(c.status).toBe(201);
      expect(c.body.authority).toBe('MDAI');
      it_ = c.body.id;
      // 5 working days: Tue 4 … Fri 7, Sat 8 (Women's Day) moved to Mon 10 → Tue 11 March.
      expect(c.body.deadlines.objection).toBe('2025-03-11T23:59:59.999+05:00');
      const commission = await expectOk(
        post('/api/v1/commissions', t('mdaiSecretary'), { direction: 'it', cycle: world.cycle }),
        'it commission',
      );
      const members = [world.people[8], world.people[9], world.people[2], world.people[3], world.people[4]];
      const roles = ['chair', 'secretary', 'member', 'member', 'member'];
      for (const [i, p] of members.entries())
        await expectOk(
          post(`/api/v1/commissions/${commission.id}/members`, t('mdaiSecretary'), { iin: p.iin, role: roles[i] }),
          'member',
        );
      await expectOk(post(`/api/v1/commissions/${commission.id}/constitution`, t('mdaiSecretary')), 'constitute');
      const doc = await api.upload('/api/v1/documents', t('agency:MSH'), 'ИБ аудиті.pdf', demoPdf('it'));
      await expectOk(
        post(`/api/v1/cases/${it_}/objection`, t('agency:MSH'), {
          items: [{ indicatorCode: 'IT-2', claimedScore: 8, argument: 'Аудит өтті' }],
          documents: [doc.body.sha256],
        }),
        'objection',
      );
      await expectOk(
        post(`/api/v1/cases/${it_}/table`, t('mdaiOfficer'), {
          rows: [{ indicatorCode: 'IT-2', authorityPosition: 'Аудит нәтижесі ұсынылмаған' }],
        }),
        'table',
      );
      await expectOk(post(`/api/v1/cases/${it_}/table/submission`, t('mdaiSecretary')), 'submit');
      const meeting = await expectOk(
        post(`/api/v1/commissions/${commission.id}/meetings`, t('mdaiSecretary'), {
          scheduledFor: '2025-03-05T15:00:00+05:00',
          invitees: [
            { name: 'Өкіл MSH', kind: 'agencyRepresentative', bodyCode: 'MSH' },
            ...world.evaluators.it.map((iin, i) => ({ name: world.people[10 + i].fullName, iin, kind: 'evaluator' })),
          ],
        }),
        'meeting',
      );
      sut.clock.set('2025-03-05T10:30:00Z'); // the meeting is held (p.103)
      await expectOk(
        post(`/api/v1/commissions/${commission.id}/meetings/${meeting.id}/attendance`, t('mdaiSecretary'), {
          present: members.map((p) => p.iin),
        }),
        'attendance',
      );
      await expectOk(
        post(`/api/v1/cases/${it_}/table/rows/1/decision`, t('mdaiSecretary'), {
          meetingId: meeting.id,
          decision: 'disagree',
          rationale: 'Аудит актісі жоқ',
          votes: { for: 4, against: 1, abstained: 0 },
        }),
        'decision',
      );
      await expectOk(post(`/api/v1/cases/${it_}/table/signatures`, t('agency:MSH')), 'agency signs');
      await expectOk(post(`/api/v1/cases/${it_}/table/signatures`, t('mdaiChair')), 'chair signs');
      const dispatched = await post(`/api/v1/cases/${it_}/dispatch`, t('mdaiOfficer'));
      expect(dispatched.body).toMatchObject({ state: 'escalationWindow', correctionOwed: false });
    });

    it('p.108: escalation after D4 is refused (deadline-passed)', async () => {
      sut.clock.set('2025-03-20T05:00:00Z');
      const r = await post(`/api/v1/cases/${it_}/escalation`, t('agency:MSH'), { reason: 'Кеш' });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'deadline-passed', law: 'p.108' });
    });

    it('the list filters by direction, state and cycle, within the caller’s scope', async () => {
      const mdai = await get('/api/v1/cases?direction=it', t('mdaiOfficer'));
      expect(mdai.body.items.map((c: { id: string }) => c.id)).toEqual([it_]);
      const closed = await get('/api/v1/cases?state=closed&cycle=2025', t('auditor'));
      expect(closed.body.items.map((c: { bodyCode: string }) => c.bodyCode).sort()).toEqual([
        'AKM-ALM',
        'MON',
        'MSH',
        'MZ',
      ]);
      const bad = await get('/api/v1/cases?direction=space', t('auditor'));
      expect(bad.status).toBe(400);
    });

    it('p.108: when D4 passes the scheduler closes the case as final, once, at the legal due time', async () => {
      const scheduler = sut.app.get(DeadlineScheduler);
      await scheduler.sweep();
      await scheduler.sweep();
      const c = await get(`/api/v1/cases/${it_}`, t('agency:MSH'));
      expect(c.body).toMatchObject({ state: 'closed', outcome: 'final' });
      const events = (await get(`/api/v1/cases/${it_}/events`, t('auditor'))).body.items as {
        type: string;
        businessTime: string;
      }[];
      const d4 = events.filter((e) => e.type === 'DEADLINE.ESCALATION');
      expect(d4).toHaveLength(1);
      expect(Date.parse(d4[0].businessTime)).toBe(Date.parse(c.body.deadlines.escalation) + 1);
    });
  });
});
