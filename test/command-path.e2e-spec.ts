import { Api, expectOk } from '../src/demo/api-client';
import { World, conclusionOf, demoPdf } from '../src/demo/world';
import { RefusalLog } from '../src/workflow-runtime/refusal-log';
import { startSeeded } from './support/seeded';
import { TestApp } from './support/test-app';

/**
 * The one command path (issue 10): every stream's refusals are recorded; `allowedActions` offers exactly what
 * the policy and the machine allow now; what a step causes (the deadline rows) is what the machine declared,
 * and the audit replays it and notices when a row does not match.
 */
describe('One command path', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  const t = (k: string) => world.tokens[k];
  const post = (path: string, token: string, body: unknown = {}) => api.call('POST', path, token, body);
  const get = (path: string, token: string) => api.call('GET', path, token);
  const actions = async (caseId: string, token: string) =>
    (await expectOk(get(`/api/v1/cases/${caseId}`, token), 'case')).allowedActions as {
      action: string;
      term?: { kind: string; law: string; due: string };
    }[];

  beforeAll(async () => {
    // Monday 3 February 2025, 10:00 in Astana.
    ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
  });
  afterAll(async () => {
    await sut.close();
  });

  it('p.100: a refused commission command (an evaluator of an objecting body added) is in the refusals log with its rule', async () => {
    const c = await expectOk(
      post('/api/v1/conclusions', t('ascOfficer'), conclusionOf(world, 'MZ', '2025-02-03T10:00:00+05:00')),
      'conclusion',
    );
    const doc = await api.upload('/api/v1/documents', t('agency:MZ'), 'a.pdf', demoPdf('refusal-log'));
    await expectOk(
      post(`/api/v1/cases/${c.id}/objection`, t('agency:MZ'), {
        items: [{ indicatorCode: 'HR-1', argument: 'Келіспейміз' }],
        documents: [doc.body.sha256],
      }),
      'objection',
    );
    const k = await expectOk(
      post('/api/v1/commissions', t('ascSecretary'), { direction: 'personnel', cycle: world.cycle }),
      'commission',
    );
    const refused = await post(`/api/v1/commissions/${k.id}/members`, t('ascSecretary'), {
      iin: world.evaluators.personnel[0],
      role: 'member',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'member-conflict-of-interest', law: 'p.100' });
    // What the secretary may do with a forming commission; the chair reads it and may do nothing.
    const view = await expectOk(get(`/api/v1/commissions/${k.id}`, t('ascSecretary')), 'commission');
    expect(view.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual([
      'commission.dissolution',
      'commission.member-add',
    ]);
    expect((await expectOk(get(`/api/v1/commissions/${k.id}`, t('ascChair')), 'commission')).allowedActions).toEqual(
      [],
    );
    const log = await expectOk(get('/api/v1/audit/refusals', t('auditor')), 'refusals');
    expect(log.items).toContainEqual(
      expect.objectContaining({
        streamId: k.id,
        command: 'commission.member-add',
        problemType: 'member-conflict-of-interest',
        law: 'p.100',
        actorRole: 'commissionSecretary',
      }),
    );
  });

  it('a refusal on a stream the actor may not see is recorded against the actor only, never under the stream', async () => {
    const c = await expectOk(
      post('/api/v1/conclusions', t('ascOfficer'), conclusionOf(world, 'MON', '2025-02-03T10:00:00+05:00')),
      'conclusion',
    );
    const foreign = await post(`/api/v1/cases/${c.id}/no-objection`, t('agency:MF'));
    expect(foreign.status).toBe(404);
    const own = await expectOk(get(`/api/v1/cases/${c.id}/refusals`, t('agency:MON')), 'refusals');
    expect(own.items).toEqual([]);
    const log = await expectOk(get('/api/v1/audit/refusals', t('auditor')), 'refusals');
    expect(log.items).toContainEqual(
      expect.objectContaining({
        streamId: null,
        command: 'case.no-objection',
        problemType: 'not-found',
        actorRole: 'agencyRepresentative',
      }),
    );
  });

  it('allowedActions: what the policy AND the machine allow this person now, each with the term it runs against', async () => {
    const c = await expectOk(
      post('/api/v1/conclusions', t('ascOfficer'), conclusionOf(world, 'MF', '2025-02-03T10:00:00+05:00')),
      'conclusion',
    );
    // The body: object or say it has none, both within D1 (p.98/p.99).
    const agency = await actions(c.id, t('agency:MF'));
    expect(agency.map((a) => a.action).sort()).toEqual(['case.no-objection', 'case.objection']);
    expect(agency[0].term).toEqual({ kind: 'objection', law: 'p.99', due: '2025-02-10T23:59:59.999+05:00' });
    // The authority has nothing to do yet; an auditor never has.
    expect(await actions(c.id, t('ascOfficer'))).toEqual([]);
    expect(await actions(c.id, t('auditor'))).toEqual([]);
    const doc = await api.upload('/api/v1/documents', t('agency:MF'), 'a.pdf', demoPdf('allowed'));
    await expectOk(
      post(`/api/v1/cases/${c.id}/objection`, t('agency:MF'), {
        items: [{ indicatorCode: 'HR-2', argument: 'Келіспейміз' }],
        documents: [doc.body.sha256],
      }),
      'objection',
    );
    // p.102: the table, against D2; the body may withdraw.
    expect((await actions(c.id, t('ascOfficer'))).map((a) => [a.action, a.term?.kind])).toEqual([
      ['case.table', 'table'],
    ]);
    expect((await actions(c.id, t('agency:MF'))).map((a) => a.action)).toEqual(['case.withdrawal']);
    await expectOk(
      post(`/api/v1/cases/${c.id}/table`, t('ascOfficer'), {
        rows: [{ indicatorCode: 'HR-2', authorityPosition: 'Балл дұрыс қойылды' }],
      }),
      'table',
    );
    // The commission of this scope is not constituted: submission is not offered (p.100).
    expect((await actions(c.id, t('ascSecretary'))).map((a) => a.action)).toEqual(['case.table']);
  });

  it('the deadline rows are what the machine declared; the audit replays the effects and names a row that does not match', async () => {
    const c = await expectOk(
      post('/api/v1/conclusions', t('mdaiOfficer'), conclusionOf(world, 'MSH', '2025-02-03T10:00:00+05:00', 'it')),
      'conclusion',
    );
    const doc = await api.upload('/api/v1/documents', t('agency:MSH'), 'a.pdf', demoPdf('effects'));
    await expectOk(
      post(`/api/v1/cases/${c.id}/objection`, t('agency:MSH'), {
        items: [{ indicatorCode: 'IT-1', argument: 'Келіспейміз' }],
        documents: [doc.body.sha256],
      }),
      'objection',
    );
    const rows = (await expectOk(get(`/api/v1/cases/${c.id}/deadlines`, t('auditor')), 'deadlines')).items as {
      kind: string;
      status: string;
    }[];
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['objection', 'closed'],
      ['result', 'open'],
      ['table', 'open'],
    ]);
    expect((await expectOk(get('/api/v1/audit/verify', t('auditor')), 'verify')).ok).toBe(true);
    // Someone reopens the closed D1 row behind the service's back.
    const p = (sql: string) => (sut.dataSource.options.type === 'postgres' ? sql : sql.replace(/\$\d+/g, '?'));
    await sut.dataSource.query(p("UPDATE deadlines SET status = 'open' WHERE case_id = $1 AND kind = 'objection'"), [
      c.id,
    ]);
    const report = await expectOk(get('/api/v1/audit/verify', t('auditor')), 'verify');
    expect(report.ok).toBe(false);
    expect(report.broken).toContainEqual(
      expect.objectContaining({
        streamId: c.id,
        problem: 'deadline-mismatch',
        expected: expect.objectContaining({ kind: 'objection', status: 'closed' }),
        actual: expect.objectContaining({ kind: 'objection', status: 'open' }),
      }),
    );
    await sut.dataSource.query(p("UPDATE deadlines SET status = 'closed' WHERE case_id = $1 AND kind = 'objection'"), [
      c.id,
    ]);
  });
});

describe('Refusals are bounded (issue 12)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
  });
  afterAll(async () => {
    await sut.close();
  });

  const refusalsOf = async (actorId: string) =>
    (
      (await expectOk(api.call('GET', '/api/v1/audit/refusals?limit=500', world.tokens.auditor), 'refusals')).items as {
        actorId: string;
        command: string;
        payload: unknown;
        detail: string;
      }[]
    ).filter((r) => r.actorId === actorId);

  it('a refusal keeps a summary of the input, cut at 2,000 characters', async () => {
    const me = (await api.call('GET', '/api/v1/accounts/me', world.tokens['agency:MZ'])).body.id as string;
    const huge = { items: [{ indicatorCode: 'HR-1', argument: 'ы'.repeat(9_000) }], documents: ['a'.repeat(64)] };
    const r = await api.call(
      'POST',
      '/api/v1/cases/00000000-0000-4000-8000-000000000000/objection',
      world.tokens['agency:MZ'],
      huge,
    );
    expect(r.status).toBe(404);
    const [row] = await refusalsOf(me);
    expect(JSON.stringify(row.payload).length).toBeLessThan(2_200);
  });

  it('one account’s flood is stored one by one only up to 60 a minute; the rest is one counted row', async () => {
    const me = (await api.call('GET', '/api/v1/accounts/me', world.tokens['agency:MON'])).body.id as string;
    for (let i = 0; i < 150; i++)
      await api.call(
        'POST',
        '/api/v1/cases/00000000-0000-4000-8000-000000000000/no-objection',
        world.tokens['agency:MON'],
        {},
      );
    expect(await refusalsOf(me)).toHaveLength(60);
    sut.clock.advance(61_000);
    await api.call(
      'POST',
      '/api/v1/cases/00000000-0000-4000-8000-000000000000/no-objection',
      world.tokens['agency:MON'],
      {},
    );
    const rows = await refusalsOf(me);
    expect(rows).toHaveLength(62);
    expect(rows.find((r) => r.command === 'refusals.suppressed')).toMatchObject({ payload: { suppressed: 90 } });
  });

  it('refusals older than the retention (three years by default) are deleted by the daily purge', async () => {
    const log = sut.app.get(RefusalLog);
    sut.clock.advance(1_096 * 86_400_000);
    expect(await log.purge()).toBeGreaterThan(60);
    expect(
      (await expectOk(api.call('GET', '/api/v1/audit/refusals?limit=500', world.tokens.auditor), 'refusals')).items,
    ).toEqual([]);
  });
});
