import { Api } from '../src/demo/api-client';
import { World, demoPdf, meetingInvitees } from '../src/demo/world';
import { pinnedRulesHash } from '../src/reference/acts';
import { signedTableSha256 } from '../src/cases/signed-table';
import { procedure } from './support/procedure';
import { startSeeded } from './support/seeded';
import { TestApp } from './support/test-app';

/**
 * Issue 13 over HTTP, workflow v2: p.98 receipt (a bounded, recorded earlier delivery), p.104/p.107/p.108 scores on
 * the indicator's scale with the case pinned to its catalogue and rule set by hash (the audit detects a later edit),
 * p.103 meetings (held, within the cycle, with the right people invited; the chair's casting vote only if present),
 * p.105 the signed table (its hash; the representative's term and the chair's completion). From Monday 3 February
 * 2025, 10:00 in Astana.
 */
describe('The law, exactly: receipt, scores, meetings and the signed table (issue 13)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let p: ReturnType<typeof procedure>;
  const ids: Record<string, string> = {};
  let commissionId: string;
  const meetings: Record<string, string> = {};
  const members = () => world.members.personnel;

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
    p = procedure(sut, api, world);
    commissionId = await p.commission();
    for (const code of ['MZ', 'MON']) ids[code] = (await p.ok(p.issue(code), code)).id;
  });
  afterAll(async () => {
    await sut.close();
  });

  describe('p.98 receipt', () => {
    it('p.98 without a delivery time the receipt of the conclusion is its delivery; the body sees when it was recorded', async () => {
      const r = await p.issue('MF');
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        issuedAt: '2025-02-03T10:00:00.000+05:00',
        delivery: { at: '2025-02-03T10:00:00.000+05:00', recordedAt: '2025-02-03T10:00:00.000+05:00' },
        deadlines: { objection: '2025-02-10T23:59:59.999+05:00' },
      });
      ids.MF = r.body.id;
    });

    it('p.98 an earlier delivery time without a delivery record is refused, naming deliveryRecord; nothing is created', async () => {
      p.at('2025-02-04T10:00');
      const r = await p.issue('MSH', 'personnel', { deliveredAt: '2025-02-03T15:00:00+05:00' });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({
        code: 'validation-failed',
        law: 'p.98',
        invalidParams: [{ name: 'deliveryRecord', reason: expect.stringContaining('delivery record') }],
      });
      expect((await p.get('/api/v1/cases?bodyCode=MSH', p.t('auditor'))).body.total).toBe(0);
    });

    it('p.98 an earlier delivery only within the rule set’s window: a conclusion "delivered" in January 2024 is refused, naming deliveredAt', async () => {
      const r = await p.issue('MSH', 'personnel', {
        deliveredAt: '2024-01-15T10:00:00+05:00',
        deliveryRecord: { reference: 'Шығыс № 01-12/1' },
      });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({
        law: 'p.98',
        invalidParams: [{ name: 'deliveredAt', reason: expect.stringContaining('at most 2 working day(s)') }],
      });
      const beyond = await p.issue('MSH', 'personnel', {
        deliveredAt: '2025-01-30T10:00:00+05:00',
        deliveryRecord: { reference: 'Шығыс № 01-12/2' },
      });
      expect(beyond.status).toBe(400);
      expect((await p.get('/api/v1/cases?bodyCode=MSH', p.t('auditor'))).body.total).toBe(0);
    });

    it('p.98 within the window and with its record the earlier delivery stands; D1 runs from it and the body sees the time and the proof', async () => {
      const proof = await api.upload(
        '/api/v1/documents',
        p.t('ascOfficer'),
        'Жеткізу туралы түбіртек.pdf',
        demoPdf('delivery receipt MSH'),
      );
      const r = await p.issue('MSH', 'personnel', {
        deliveredAt: '2025-02-03T15:00:00+05:00',
        deliveryRecord: { reference: 'Шығыс № 01-12/345', document: proof.body.sha256 },
      });
      expect(r.status).toBe(201);
      ids.MSH = r.body.id;
      const seen = await p.view(ids.MSH, p.t('agency:MSH'));
      expect(seen).toMatchObject({
        issuedAt: '2025-02-03T15:00:00.000+05:00',
        deadlines: { objection: '2025-02-10T23:59:59.999+05:00' },
        delivery: {
          at: '2025-02-03T15:00:00.000+05:00',
          recordedAt: '2025-02-04T10:00:00.000+05:00',
          reference: 'Шығыс № 01-12/345',
          document: { name: 'Жеткізу туралы түбіртек.pdf', sha256: proof.body.sha256 },
        },
      });
      const file = await sut
        .http()
        .get(`/api/v1/cases/${ids.MSH}/documents/${proof.body.sha256}`)
        .set('Authorization', `Bearer ${p.t('agency:MSH')}`);
      expect(file.status).toBe(200);
      expect((await p.get(`/api/v1/cases/${ids.MZ}/documents/${proof.body.sha256}`, p.t('agency:MZ'))).status).toBe(
        404,
      );
    });
  });

  describe('p.104/p.107/p.108 scores and the pinned rules', () => {
    it('p.104 a conclusion cites catalogue indicators, each score on its scale — refused naming the item otherwise', async () => {
      const bad = await p.issue('AKM-ALM', 'personnel', {
        items: [
          { code: 'HR-9', score: 1 },
          { code: 'HR-1', score: 6 },
          { code: 'HR-2', score: 2, maxScore: 10 },
          { code: 'HR-3', score: 2.5 },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.law).toBe('p.104');
      expect(bad.body.invalidParams).toEqual([
        {
          name: 'items[0].code',
          reason: expect.stringContaining('not an indicator of the personnel catalogue personnel-v1'),
        },
        { name: 'items[1].score', reason: '6 is not on the scale of HR-1: 0…5 (whole points) (point 104)' },
        { name: 'items[2].maxScore', reason: expect.stringContaining('maximum of 5') },
        { name: 'items[3].score', reason: expect.stringContaining('0…5') },
      ]);
    });

    it('p.104 the case is pinned to the catalogue version in force at delivery; the rule set and catalogue are hashed into its first event', async () => {
      const view = await p.view(ids.MZ, p.t('agency:MZ'));
      expect(view.catalogue).toMatchObject({ code: 'personnel-v1' });
      const [opened] = await p.events(ids.MZ);
      expect(opened.payload).toMatchObject({
        workflowVersion: 2,
        ruleSet: { code: 'methodology-ch7-v2' },
        catalogue: { code: 'personnel-v1' },
        pinnedRulesHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const ruleSet = await p.ok(p.get('/api/v1/rule-sets/methodology-ch7-v2', p.t('auditor')), 'rule set');
      const catalogue = await p.ok(p.get('/api/v1/indicator-catalogues/personnel-v1', p.t('auditor')), 'catalogue');
      expect(pinnedRulesHash(ruleSet, catalogue)).toBe(opened.payload.pinnedRulesHash);
    });

    it('p.104 a claimed score off the indicator’s scale is refused (999 on a five-point indicator)', async () => {
      p.at('2025-02-04T11:00');
      const r = await p.object(ids.MZ, 'MZ', [
        { indicatorCode: 'HR-1', claimedScore: 999, argument: 'Бәрі орындалды' },
      ]);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({
        law: 'p.104',
        invalidParams: [
          { name: 'items[0].claimedScore', reason: '999 is not on the scale of HR-1: 0…5 (whole points) (point 104)' },
        ],
      });
      expect((await p.view(ids.MZ)).state).toBe('issued');
      await p.ok(
        p.object(ids.MZ, 'MZ', [
          { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Резерв' },
          { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Декрет' },
        ]),
        'objection',
      );
      await p.ok(
        p.object(ids.MON, 'MON', [{ indicatorCode: 'HR-3', claimedScore: 5, argument: 'Оқыту' }]),
        'objection MON',
      );
      await p.tableAndSubmission(ids.MZ, ['HR-1', 'HR-2']);
      await p.tableAndSubmission(ids.MON, ['HR-3']);
    });
  });

  describe('p.103 meetings', () => {
    it('p.103 meetings lie within the cycle and not before the commission was formed', async () => {
      p.at('2025-02-04T12:00');
      const late = await p.meeting(commissionId, '2027-01-05T10:00:00+05:00', 'MZ');
      expect(late.response.status).toBe(400);
      expect(late.response.body).toMatchObject({ law: 'p.103', rule: 'meetingWithinCycle' });
      const early = await p.meeting(commissionId, '2025-01-20T10:00:00+05:00', 'MZ');
      expect(early.response.body).toMatchObject({ law: 'p.103', rule: 'meetingWithinCycle' });
    });

    it('p.103 a representative invited names the body they speak for', async () => {
      const anonymous = await p.meeting(commissionId, '2025-02-05T10:00:00+05:00', 'MZ', 'personnel', [
        { name: 'Өкіл', kind: 'agencyRepresentative' } as never,
      ]);
      expect(anonymous.response.status).toBe(400);
      expect(anonymous.response.body).toMatchObject({ law: 'p.103', rule: 'inviteesIdentified' });
    });

    it('p.103 a meeting set for 24 April records no attendance and backs no decision before it is held', async () => {
      const april = await p.meeting(commissionId, '2025-04-24T10:00:00+05:00', 'MZ');
      expect(april.response.status).toBe(201);
      const attendance = await p.attend(
        commissionId,
        april.id,
        members().map((m) => m.iin),
      );
      expect(attendance.status).toBe(400);
      expect(attendance.body).toMatchObject({ law: 'p.103', rule: 'meetingHasBegun' });
      const decision = await p.decide(ids.MZ, 1, {
        meetingId: april.id,
        decision: 'disagree',
        votes: { for: 5, against: 0, abstained: 0 },
      });
      expect(decision.status).toBe(400);
      expect(decision.body.invalidParams[0]).toMatchObject({
        name: 'meetingId',
        reason: expect.stringContaining('point 103'),
      });
    });

    it('p.103 a decision cites a meeting to which the objecting body’s representative and its evaluators were invited', async () => {
      const onlyMon = await p.meeting(commissionId, '2025-02-05T10:00:00+05:00', 'MON');
      const noEvaluators = await p.meeting(
        commissionId,
        '2025-02-05T10:30:00+05:00',
        'MZ',
        'personnel',
        meetingInvitees(world, 'MZ').slice(0, 2),
      );
      meetings.noChair = (await p.meeting(commissionId, '2025-02-05T11:00:00+05:00', 'MZ')).id;
      meetings.proper = (
        await p.meeting(commissionId, '2025-02-05T12:00:00+05:00', 'MZ', 'personnel', [
          ...meetingInvitees(world, 'MZ'),
          { name: 'Өкіл MON', kind: 'agencyRepresentative', bodyCode: 'MON' },
        ])
      ).id;
      p.at('2025-02-05T12:30');
      for (const id of [onlyMon.id, noEvaluators.id, meetings.proper])
        await p.ok(
          p.attend(
            commissionId,
            id,
            members().map((m) => m.iin),
          ),
          'attendance',
        );
      for (const id of [onlyMon.id, noEvaluators.id]) {
        const r = await p.decide(ids.MZ, 1, {
          meetingId: id,
          decision: 'disagree',
          votes: { for: 5, against: 0, abstained: 0 },
        });
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ code: 'validation-failed', law: 'p.103', rule: 'partiesInvited' });
      }
    });

    it('p.104 the chair’s casting vote counts only if the chair was present', async () => {
      await p.ok(
        p.attend(
          commissionId,
          meetings.noChair,
          members()
            .slice(1)
            .map((m) => m.iin),
        ),
        'attendance without the chair',
      );
      const casting = await p.decide(ids.MZ, 2, {
        meetingId: meetings.noChair,
        decision: 'disagree',
        votes: { for: 2, against: 2, abstained: 0 },
        chairVote: 'for',
      });
      expect(casting.status).toBe(400);
      expect(casting.body).toMatchObject({ law: 'p.104', rule: 'chairVoteOnlyIfPresent' });
      const tie = await p.decide(ids.MZ, 2, {
        meetingId: meetings.noChair,
        decision: 'disagree',
        votes: { for: 2, against: 2, abstained: 0 },
      });
      expect(tie.body).toMatchObject({ law: 'p.104', rule: 'decisionCarried' });
      const present = await p.decide(ids.MZ, 2, {
        meetingId: meetings.proper,
        decision: 'disagree',
        votes: { for: 2, against: 2, abstained: 1 },
        chairVote: 'for',
      });
      expect(present.status).toBe(201);
      expect(present.body.table.rows[1]).toMatchObject({
        decision: 'disagree',
        vote: { for: 2, against: 2, present: 5, members: 5, chairVote: 'for' },
      });
    });

    it('p.104 a revised score off the scale is refused; one on it is recorded', async () => {
      const off = await p.decide(ids.MZ, 1, {
        meetingId: meetings.proper,
        decision: 'agree',
        revisedScore: 7,
        votes: { for: 5, against: 0, abstained: 0 },
      });
      expect(off.status).toBe(400);
      expect(off.body).toMatchObject({
        law: 'p.104',
        invalidParams: [
          { name: 'revisedScore', reason: '7 is not on the scale of HR-1: 0…5 (whole points) (point 104)' },
        ],
      });
      const r = await p.decide(ids.MZ, 1, {
        meetingId: meetings.proper,
        decision: 'agree',
        revisedScore: 4,
        votes: { for: 5, against: 0, abstained: 0 },
      });
      expect(r.status).toBe(201);
      // p.105: the decision completing the table starts the representative's term: two working days (Thu 6, Fri 7 February).
      expect(r.body).toMatchObject({ state: 'signing', deadlines: { signature: '2025-02-07T23:59:59.999+05:00' } });
      await p.ok(
        p.decide(ids.MON, 1, {
          meetingId: meetings.proper,
          decision: 'disagree',
          votes: { for: 5, against: 0, abstained: 0 },
        }),
        'MON decision',
      );
    });
  });

  describe('p.105 the signed table', () => {
    it('p.105 each signature records the canonical hash of the table it signs and the commission as composed', async () => {
      p.at('2025-02-05T13:00');
      const agency = await p.ok(p.sign(ids.MZ, p.t('agency:MZ')), 'agency');
      const expected = signedTableSha256(
        {
          id: ids.MZ,
          cycleCode: agency.cycle,
          direction: agency.direction,
          bodyCode: agency.bodyCode,
          authorityCode: agency.authority,
        },
        { rows: agency.table.rows, documents: agency.documents },
        agency.table.signed.members,
      );
      expect(agency.table.signed).toEqual({
        sha256: expected,
        members: expect.arrayContaining([{ role: 'chair', name: world.people[0].fullName }]),
      });
      const chair = await p.ok(p.sign(ids.MZ, p.t('ascChair')), 'chair');
      expect(chair.state).toBe('dispatch');
      const signs = (await p.events(ids.MZ)).filter((e) => e.type === 'TABLE.SIGN');
      expect(signs.map((e) => e.payload.tableSha256)).toEqual([expected, expected]);
      expect(signs[0].payload.members).toHaveLength(5);
      expect(signs[1].payload.members).toBeUndefined();
    });

    it('p.105 nothing in a signed table changes afterwards, and the table shown proves it is the one signed', async () => {
      const redraft = await p.post(`/api/v1/cases/${ids.MZ}/table`, p.t('ascOfficer'), {
        rows: [
          { indicatorCode: 'HR-1', authorityPosition: 'Басқаша' },
          { indicatorCode: 'HR-2', authorityPosition: 'Басқаша' },
        ],
      });
      expect(redraft.status).toBe(409);
      expect(redraft.body).toMatchObject({ code: 'invalid-transition', stage: 'dispatch' });
      const signed = (await p.view(ids.MZ)).table.signed.sha256;
      const page = await sut
        .http()
        .get(`/api/v1/cases/${ids.MZ}/disagreement-table?lang=en`)
        .set('Authorization', `Bearer ${p.t('agency:MZ')}`);
      expect(page.text).toContain(`SHA-256 of the signed table: ${signed} (the table shown is that table)`);
      // Someone edits the stored case behind the log: the page says the table shown is not the one signed.
      const [row] = await p.sql('SELECT snapshot FROM cases WHERE id = $1', [ids.MZ]);
      const tampered = JSON.parse(row.snapshot);
      tampered.context.rows[0].rationale = 'Өзгертілді';
      await p.sql('UPDATE cases SET snapshot = $1 WHERE id = $2', [JSON.stringify(tampered), ids.MZ]);
      try {
        const after = await sut
          .http()
          .get(`/api/v1/cases/${ids.MZ}/disagreement-table?lang=en`)
          .set('Authorization', `Bearer ${p.t('agency:MZ')}`);
        expect(after.text).toContain('WARNING: the table shown differs from the one signed');
      } finally {
        await p.sql('UPDATE cases SET snapshot = $1 WHERE id = $2', [row.snapshot, ids.MZ]);
      }
    });

    it('p.105 (our default) the representative neither signs nor refuses: only after the term does the chair complete the table, the non-signature recorded', async () => {
      await p.ok(p.sign(ids.MON, p.t('ascChair')), 'chair');
      p.at('2025-02-06T10:00');
      const early = await p.sign(ids.MON, p.t('ascChair'), { completeWithoutRepresentative: true });
      expect(early.status).toBe(400);
      expect(early.body).toMatchObject({ law: 'p.105', rule: 'signatureTermPassed' });
      expect((await p.sign(ids.MON, p.t('agency:MON'), { completeWithoutRepresentative: true })).status).toBe(400);
      p.at('2025-02-10T09:00');
      const offered = (await p.view(ids.MON, p.t('ascChair'))).allowedActions.map((a: { action: string }) => a.action);
      expect(offered).toContain('case.signature');
      const done = await p.sign(ids.MON, p.t('ascChair'), { completeWithoutRepresentative: true });
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({
        state: 'dispatch',
        table: {
          signatures: {
            chair: { at: '2025-02-05T13:00:00.000+05:00' },
            agencyNonSignature: { at: '2025-02-10T09:00:00.000+05:00', due: '2025-02-07T23:59:59.999+05:00' },
          },
        },
      });
      const late = await p.sign(ids.MON, p.t('agency:MON'));
      expect(late.status).toBe(409);
      const page = await sut
        .http()
        .get(`/api/v1/cases/${ids.MON}/disagreement-table?lang=ru`)
        .set('Authorization', `Bearer ${p.t('agency:MON')}`);
      expect(page.text).toContain('Не подписал и не отказался в срок');
    });
  });

  describe('p.107 the correction', () => {
    it('p.107 the correction carries the revised score — on its scale — into a new version of the conclusion', async () => {
      await p.ok(p.post(`/api/v1/cases/${ids.MZ}/dispatch`, p.t('ascOfficer')), 'dispatch');
      const corrected = await p.ok(p.post(`/api/v1/cases/${ids.MZ}/correction`, p.t('ascOfficer')), 'correction');
      expect(corrected.conclusionVersion).toBe(2);
      const versions = await p.ok(p.get(`/api/v1/cases/${ids.MZ}/conclusions`, p.t('agency:MZ')), 'conclusions');
      expect(versions.differences).toEqual([
        { from: 1, to: 2, changes: [expect.objectContaining({ code: 'HR-1', before: 3, after: 4 })] },
      ]);
      expect(versions.versions[1].items[0]).toMatchObject({ code: 'HR-1', score: 4, maxScore: 5, scale: { max: 5 } });
    });
  });

  describe('the audit of the pinned rules', () => {
    const verify = async () =>
      (await p.ok(p.get('/api/v1/audit/verify', p.t('auditor')), 'verify')) as {
        ok: boolean;
        broken: { streamId: string; problem: string; seq: number }[];
      };

    it('the audit detects a later edit of the rule set a case is pinned to (rules-mismatch at its first event)', async () => {
      expect((await verify()).ok).toBe(true);
      const [rs] = await p.sql("SELECT rules FROM rule_sets WHERE code = 'methodology-ch7-v2'");
      const edited = { ...JSON.parse(rs.rules), objectionWorkingDays: 10 };
      await p.sql("UPDATE rule_sets SET rules = $1 WHERE code = 'methodology-ch7-v2'", [JSON.stringify(edited)]);
      try {
        const report = await verify();
        expect(report.ok).toBe(false);
        const mz = report.broken.find((b) => b.streamId === ids.MZ);
        expect(mz).toMatchObject({ problem: 'rules-mismatch', seq: 1 });
        expect(
          report.broken
            .filter((b) => b.problem === 'rules-mismatch')
            .map((b) => b.streamId)
            .sort(),
        ).toEqual([ids.MF, ids.MON, ids.MSH, ids.MZ].sort());
      } finally {
        await p.sql("UPDATE rule_sets SET rules = $1 WHERE code = 'methodology-ch7-v2'", [rs.rules]);
      }
      expect((await verify()).ok).toBe(true);
    });

    it('the audit detects a later edit of the pinned catalogue (a scale changed)', async () => {
      await p.sql("UPDATE catalogue_indicators SET scale_max = 6 WHERE code = 'HR-1'");
      try {
        const report = await verify();
        expect(report.broken.find((b) => b.streamId === ids.MZ)).toMatchObject({ problem: 'rules-mismatch', seq: 1 });
      } finally {
        await p.sql("UPDATE catalogue_indicators SET scale_max = 5 WHERE code = 'HR-1'");
      }
      expect((await verify()).ok).toBe(true);
    });

    it('a repeal ends a version’s period without looking like an edit', async () => {
      const repeal = await p.post('/api/v1/rule-sets/methodology-ch7-v2/repeal', p.t('admin'), {
        act: { number: '7/НҚ', date: '2025-02-10' },
        effectiveFrom: '2026-01-01',
      });
      expect(repeal.status).toBe(201);
      expect((await verify()).ok).toBe(true);
    });
  });
});
