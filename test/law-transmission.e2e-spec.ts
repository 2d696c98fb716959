import ExcelJS from 'exceljs';
import { Api } from '../src/demo/api-client';
import { World, demoPdf } from '../src/demo/world';
import { procedure } from './support/procedure';
import { startSeeded } from './support/seeded';
import { ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * Issue 13 over HTTP, workflow v2: p.106 dispatch records its recipients and note; p.107/p.108 D4 runs from the
 * correction owed and the escalation keeps its reason and documents for the Presidential Administration; p.92, p.94,
 * p.96 the final conclusion goes to the informatization authority when the procedure ends (a register, also XLSX,
 * through its own policy scope); p.91/p.93 where the commission sits and what the appeal to the PA means when the PA
 * or the Office of the Prime Minister was the evaluator.
 */
describe('The law, exactly: after the table, and the transmission of final conclusions (issue 13)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let p: ReturnType<typeof procedure>;
  const ids: Record<string, string> = {};
  let commissionId: string;
  let paCommissionId: string;
  let escalationDoc: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
    p = procedure(sut, api, world);
    commissionId = await p.commission();
    for (const code of ['MZ', 'MON']) ids[code] = (await p.ok(p.issue(code), code)).id;
    ids.MF = (await p.ok(p.issue('MF', 'it'), 'MF it')).id;
    // p.91: the Presidential Administration issues the conclusion on the civil-service authority itself.
    ids.ASC = (await p.ok(p.issue('ASC', 'personnel', {}, p.t('pa')), 'ASC by the PA')).id;
    // p.93: the Office of the Prime Minister issues the conclusion on the informatization authority itself.
    ids.MDAI = (await p.ok(p.issue('MDAI', 'it', {}, p.t('pmo')), 'MDAI by the PMO')).id;
    const account = async (body: Record<string, unknown>) =>
      (await p.ok(api.call('POST', '/api/v1/accounts', ADMIN_TOKEN, body), 'account')).token as string;
    tokens.paSecretary = await account({
      role: 'commissionSecretary',
      displayName: world.people[3].fullName,
      authorityCode: 'AP',
      personIin: world.people[3].iin,
    });
    tokens.paChair = await account({
      role: 'commissionChair',
      displayName: world.people[2].fullName,
      authorityCode: 'AP',
      personIin: world.people[2].iin,
    });
  });
  afterAll(async () => {
    await sut.close();
  });

  describe('p.106–p.108 after the table', () => {
    it('p.106 the dispatch records its recipients — the working body and the body — and its note, in the event', async () => {
      p.at('2025-02-04T11:00');
      await p.ok(
        p.object(ids.MZ, 'MZ', [
          { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Резерв' },
          { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Декрет' },
        ]),
        'objection',
      );
      await p.tableAndSubmission(ids.MZ, ['HR-1', 'HR-2']);
      const meeting = await p.meeting(commissionId, '2025-02-05T15:00:00+05:00', 'MZ');
      p.at('2025-02-05T15:10');
      await p.ok(
        p.attend(
          commissionId,
          meeting.id,
          world.members.personnel.map((m) => m.iin),
        ),
        'attendance',
      );
      await p.ok(
        p.decide(ids.MZ, 1, { meetingId: meeting.id, decision: 'agree', votes: { for: 4, against: 1, abstained: 0 } }),
        'row 1',
      );
      await p.ok(
        p.decide(ids.MZ, 2, {
          meetingId: meeting.id,
          decision: 'disagree',
          votes: { for: 4, against: 1, abstained: 0 },
        }),
        'row 2',
      );
      await p.ok(p.sign(ids.MZ, p.t('agency:MZ')), 'agency');
      await p.ok(p.sign(ids.MZ, p.t('ascChair')), 'chair');
      p.at('2025-02-06T10:00');
      const r = await p.post(`/api/v1/cases/${ids.MZ}/dispatch`, p.t('ascOfficer'), {
        note: 'Нәтижелер жіберілді / Результаты направлены',
      });
      expect(r.status).toBe(201);
      expect(r.body.dispatch).toEqual({
        recipients: [
          { kind: 'workingBody', code: 'WB' },
          { kind: 'body', code: 'MZ' },
        ],
        note: 'Нәтижелер жіберілді / Результаты направлены',
      });
      const event = (await p.events(ids.MZ)).find((e) => e.type === 'RESULTS.DISPATCH')!;
      expect(event.payload).toMatchObject({
        recipients: [
          { kind: 'workingBody', code: 'WB' },
          { kind: 'body', code: 'MZ' },
        ],
        note: 'Нәтижелер жіберілді / Результаты направлены',
      });
    });

    it('p.108 the window starts from the correction owed under p.107: none at dispatch, an early escalation is too early, D4 from the correction', async () => {
      const dispatched = await p.view(ids.MZ);
      expect(dispatched).toMatchObject({ state: 'correction', correctionOwed: true, deadlines: { escalation: null } });
      const early = await p.post(`/api/v1/cases/${ids.MZ}/escalation`, p.t('agency:MZ'), { reason: 'Түзетуді күтпей' });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'invalid-transition', stage: 'correction' });
      p.at('2025-02-07T10:00'); // Friday
      const corrected = await p.ok(
        p.post(`/api/v1/cases/${ids.MZ}/correction`, p.t('ascOfficer'), { reason: 'Комиссия шешімі' }),
        'correction',
      );
      // Five working days from Friday 7 February: Mon 10 … Fri 14 February.
      expect(corrected).toMatchObject({
        state: 'escalationWindow',
        conclusionVersion: 2,
        deadlines: { escalation: '2025-02-14T23:59:59.999+05:00' },
      });
      const rows = (await p.ok(p.get(`/api/v1/cases/${ids.MZ}/deadlines`, p.t('auditor')), 'deadlines')).items as {
        kind: string;
        termFrom: string;
        status: string;
      }[];
      expect(rows.find((d) => d.kind === 'escalation')).toMatchObject({
        status: 'open',
        termFrom: '2025-02-07T10:00:00.000+05:00',
      });
    });

    it('p.108 the escalation keeps its reason and its documents in the event; the Presidential Administration reads them and the documents', async () => {
      p.at('2025-02-10T10:00');
      const doc = await api.upload(
        '/api/v1/documents',
        p.t('agency:MZ'),
        'Шағым негіздемесі.pdf',
        demoPdf('escalation MZ'),
      );
      escalationDoc = doc.body.sha256;
      const r = await p.post(`/api/v1/cases/${ids.MZ}/escalation`, p.t('agency:MZ'), {
        reason: 'Екінші көрсеткіш бойынша шешім құжаттарға қайшы',
        documents: [escalationDoc],
      });
      expect(r.status).toBe(201);
      const event = (await p.events(ids.MZ)).find((e) => e.type === 'ESCALATION.FILE')!;
      expect(event.payload).toMatchObject({
        reason: 'Екінші көрсеткіш бойынша шешім құжаттарға қайшы',
        documents: [{ name: 'Шағым негіздемесі.pdf', sha256: escalationDoc }],
      });
      const seen = await p.view(ids.MZ, p.t('pa'));
      expect(seen.escalation).toEqual({
        at: '2025-02-10T10:00:00.000+05:00',
        reason: 'Екінші көрсеткіш бойынша шешім құжаттарға қайшы',
        documents: [{ name: 'Шағым негіздемесі.pdf', sha256: escalationDoc }],
      });
      const file = await sut
        .http()
        .get(`/api/v1/cases/${ids.MZ}/documents/${escalationDoc}`)
        .set('Authorization', `Bearer ${p.t('pa')}`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect((await p.get(`/api/v1/cases/${ids.MZ}/documents/${escalationDoc}`, p.t('agency:MON'))).status).toBe(404);
    });

    it('p.108 the Presidential Administration revises a score on its scale; the case closes with the last version', async () => {
      p.at('2025-02-11T10:00');
      const off = await p.post(`/api/v1/cases/${ids.MZ}/escalation/outcome`, p.t('pa'), {
        outcome: 'revised',
        scores: [{ code: 'HR-2', score: 9 }],
        note: 'Ішінара қайта қаралды',
      });
      expect(off.status).toBe(400);
      expect(off.body).toMatchObject({
        law: 'p.108',
        invalidParams: [{ name: 'scores[0].score', reason: expect.stringContaining('0…5') }],
      });
      const r = await p.post(`/api/v1/cases/${ids.MZ}/escalation/outcome`, p.t('pa'), {
        outcome: 'revised',
        scores: [{ code: 'HR-2', score: 3 }],
        note: 'Ішінара қайта қаралды',
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        state: 'closed',
        outcome: 'revised',
        conclusionVersion: 3,
        transmission: { to: 'MDAI', law: 'p.96', transmitted: true, conclusionVersion: 3 },
      });
    });
  });

  describe('p.91/p.93: the PA and the Office of the Prime Minister as evaluators (docs/decisions.md)', () => {
    it('p.91 the special commission on the civil-service authority’s objection sits in the Presidential Administration', async () => {
      p.at('2025-02-04T12:00');
      const c = await p.ok(
        p.post('/api/v1/commissions', p.t('pa'), { direction: 'personnel', cycle: world.cycle }),
        'PA commission',
      );
      paCommissionId = c.id;
      expect(c.authority).toBe('AP');
      const members = [
        { iin: world.people[2].iin, role: 'chair' },
        { iin: world.people[3].iin, role: 'secretary' },
        { iin: world.people[0].iin, role: 'member' },
        { iin: world.people[1].iin, role: 'member' },
        { iin: world.people[4].iin, role: 'member' },
      ];
      for (const m of members)
        await p.ok(p.post(`/api/v1/commissions/${paCommissionId}/members`, tokens.paSecretary, m), 'member');
      await p.ok(p.post(`/api/v1/commissions/${paCommissionId}/constitution`, tokens.paSecretary), 'constitution');
      // The civil-service authority's own staff cannot act on its case: it is the PA's (p.91).
      expect(
        (
          await p.post(`/api/v1/cases/${ids.ASC}/table`, p.t('ascOfficer'), {
            rows: [{ indicatorCode: 'HR-2', authorityPosition: 'Есеп дұрыс' }],
          })
        ).status,
      ).toBe(404);
      expect((await p.view(ids.ASC, p.t('agency:ASC'))).appealTo).toBeNull();
    });

    it('p.91 there is no appeal to the PA against itself: the results are final at dispatch (p.106); an escalation is refused as final-at-authority', async () => {
      await p.ok(
        p.object(ids.ASC, 'ASC', [
          { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Тұрақтамау дұрыс есептелмеген' },
        ]),
        'objection',
      );
      await p.ok(
        p.post(`/api/v1/cases/${ids.ASC}/table`, p.t('pa'), {
          rows: [{ indicatorCode: 'HR-2', authorityPosition: 'Есеп дұрыс' }],
        }),
        'table',
      );
      await p.ok(p.post(`/api/v1/cases/${ids.ASC}/table/submission`, tokens.paSecretary), 'submission');
      const meeting = await p.meeting(
        paCommissionId,
        '2025-02-05T16:00:00+05:00',
        'ASC',
        'personnel',
        undefined,
        tokens.paSecretary,
      );
      expect(meeting.response.status).toBe(201);
      p.at('2025-02-05T16:10');
      await p.ok(
        p.attend(
          paCommissionId,
          meeting.id,
          [world.people[2].iin, world.people[3].iin, world.people[0].iin, world.people[1].iin],
          'personnel',
          tokens.paSecretary,
        ),
        'attendance',
      );
      await p.ok(
        p.decide(
          ids.ASC,
          1,
          { meetingId: meeting.id, decision: 'disagree', votes: { for: 3, against: 1, abstained: 0 } },
          'personnel',
          tokens.paSecretary,
        ),
        'decision',
      );
      await p.ok(p.sign(ids.ASC, p.t('agency:ASC')), 'agency');
      await p.ok(p.sign(ids.ASC, tokens.paChair), 'PA chair');
      const dispatched = await p.post(`/api/v1/cases/${ids.ASC}/dispatch`, p.t('pa'));
      expect(dispatched.status).toBe(201);
      expect(dispatched.body).toMatchObject({
        state: 'closed',
        outcome: 'final',
        deadlines: { escalation: null },
        transmission: { to: 'MDAI', law: 'p.92', transmitted: true },
      });
      const r = await p.post(`/api/v1/cases/${ids.ASC}/escalation`, p.t('agency:ASC'), { reason: 'Келіспейміз' });
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: 'final-at-authority', law: 'p.91', rule: 'appealAvailable' });
    });

    it('p.93/p.94 the informatization authority, evaluated by the Office of the Prime Minister, may appeal to the PA; its final conclusion goes to itself under p.94', async () => {
      const view = await p.view(ids.MDAI, p.t('agency:MDAI'));
      expect(view).toMatchObject({
        authority: 'KPM',
        appealTo: 'AP',
        transmission: { to: 'MDAI', law: 'p.94', transmitted: false },
      });
      await p.ok(p.post(`/api/v1/cases/${ids.MDAI}/no-objection`, p.t('agency:MDAI')), 'no objection');
      expect((await p.view(ids.MDAI)).transmission).toMatchObject({
        law: 'p.94',
        transmitted: true,
        conclusionVersion: 1,
      });
    });
  });

  describe('p.92, p.94, p.96: the register of the informatization authority', () => {
    const register = (token: string, query = `cycle=${'2025'}&direction=personnel`) =>
      p.get(`/api/v1/transmitted-conclusions?${query}`, token);

    it('p.96 the case closing transmits its last version: an event effect in the case and a notification to the informatization authority', async () => {
      await p.ok(p.post(`/api/v1/cases/${ids.MON}/no-objection`, p.t('agency:MON')), 'no objection');
      const state = await p.ok(p.get(`/api/v1/cases/${ids.MON}/state?seq=2`, p.t('auditor')), 'state');
      expect(state.context.transmitted).toEqual({ to: 'MDAI', law: 'p.96', conclusionVersion: 1 });
      const notes = await p.ok(
        p.get('/api/v1/notifications?kind=conclusion-transmitted', ADMIN_TOKEN),
        'notifications',
      );
      const byCase = new Map(notes.items.map((n: any) => [n.caseId, n]));
      expect(byCase.get(ids.MON)).toMatchObject({ law: 'p.96', payload: { recipient: 'MDAI', conclusionVersion: 1 } });
      expect(byCase.get(ids.MZ)).toMatchObject({ law: 'p.96', payload: { recipient: 'MDAI', conclusionVersion: 3 } });
      expect(byCase.get(ids.ASC)).toMatchObject({ law: 'p.92' });
      expect(byCase.get(ids.MDAI)).toMatchObject({ law: 'p.94' });
    });

    it('p.92/p.96 the informatization authority reads the final conclusions of every body per cycle and direction — and nothing else of those cases', async () => {
      const r = await register(p.t('mdaiOfficer'));
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ cycle: '2025', direction: 'personnel', total: 3 });
      const byBody = Object.fromEntries(r.body.items.map((i: any) => [i.body.code, i]));
      expect(byBody.MON).toMatchObject({
        law: 'p.96',
        authority: 'ASC',
        conclusionVersion: 1,
        outcome: 'noObjection',
        recipient: 'MDAI',
      });
      expect(byBody.ASC).toMatchObject({ law: 'p.92', authority: 'AP', outcome: 'final' });
      expect(byBody.MZ).toMatchObject({ law: 'p.96', conclusionVersion: 3, outcome: 'revised' });
      expect(byBody.MZ.items.map((i: any) => [i.code, i.score])).toEqual([
        ['HR-1', 5],
        ['HR-2', 3],
        ['HR-3', 4],
      ]);
      // The register opens nothing else of those personnel cases to it.
      expect((await p.get(`/api/v1/cases/${ids.MON}`, p.t('mdaiOfficer'))).status).toBe(404);
      expect((await p.get(`/api/v1/cases/${ids.MZ}/conclusions`, p.t('mdaiOfficer'))).status).toBe(404);
      expect((await p.get(`/api/v1/cases?direction=personnel`, p.t('mdaiOfficer'))).body.total).toBe(0);
    });

    it('SPEC §7: the register is the recipient’s — another authority sees none of it, a body gets 403; auditors read all', async () => {
      expect((await register(p.t('ascOfficer'))).body).toMatchObject({ total: 0, items: [] });
      expect((await register(p.t('pa'))).status).toBe(403);
      expect((await register(p.t('agency:MZ'))).status).toBe(403);
      expect((await register(p.t('auditor'))).body.total).toBe(3);
      expect((await api.call('GET', '/api/v1/transmitted-conclusions?cycle=2025&direction=personnel')).status).toBe(
        401,
      );
      const bad = await register(p.t('mdaiOfficer'), 'cycle=2025&direction=space');
      expect(bad.status).toBe(400);
      expect(bad.body.invalidParams[0].name).toBe('direction');
    });

    it('p.94/p.97 the IT register: the PMO’s conclusion on the informatization authority (p.94) and its own conclusions, recorded without a notification (p.97)', async () => {
      await p.ok(p.post(`/api/v1/cases/${ids.MF}/no-objection`, p.t('agency:MF')), 'no objection');
      const r = await register(p.t('mdaiOfficer'), 'cycle=2025&direction=it');
      expect(r.body.items.map((i: any) => [i.body.code, i.law])).toEqual([
        ['MDAI', 'p.94'],
        ['MF', 'p.97'],
      ]);
      const notes = await p.ok(
        p.get(`/api/v1/notifications?kind=conclusion-transmitted&caseId=${ids.MF}`, ADMIN_TOKEN),
        'notifications',
      );
      expect(notes.total).toBe(0);
    });

    it('p.96 the register as an XLSX workbook, in Russian: one row per indicator of each final conclusion', async () => {
      const res = await sut
        .http()
        .get('/api/v1/transmitted-conclusions?cycle=2025&direction=personnel&format=xlsx&lang=ru')
        .set('Authorization', `Bearer ${p.t('mdaiOfficer')}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      const ws = wb.worksheets[0];
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(String(rows[0][0])).toContain('Реестр окончательных заключений');
      const mz = rows.filter((r) => r[1] === 'MZ');
      expect(mz.map((r) => [r[8], r[10], r[5], r[4]])).toEqual([
        ['HR-1', 5, 3, 'p.96'],
        ['HR-2', 3, 3, 'p.96'],
        ['HR-3', 4, 3, 'p.96'],
      ]);
      expect(rows.filter((r) => r[1] === 'ASC').map((r) => r[4])).toEqual(['p.92', 'p.92', 'p.92']);
    });
  });

  it('SPEC §6: every stream verifies — chains, replays on its version, and the deadline rows its effects left', async () => {
    const report = await p.ok(p.get('/api/v1/audit/verify', p.t('auditor')), 'verify');
    expect(report).toMatchObject({ ok: true, broken: [] });
  });
});
