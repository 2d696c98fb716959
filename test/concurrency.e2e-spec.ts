import { Api, expectOk } from '../src/demo/api-client';
import { World, conclusionOf, demoPdf } from '../src/demo/world';
import { startSeeded } from './support/seeded';
import { ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * SPEC §9 under load: many commands at once on different cases all complete, and racing creations of the
 * same record leave one winner. On PostgreSQL a command's transaction may read through the pool (the current
 * calendar, a cache miss); more open transactions than pooled connections must not starve those reads.
 */
describe('Concurrent commands', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
  });
  afterAll(async () => {
    await sut.close();
  });

  it('p.98: 40 objections sent at once, each computing its terms, are all accepted', async () => {
    const bodies = ['MZ', 'MON', 'MF', 'AKM-ALM', 'MSH'];
    const cases: { id: string; bodyCode: string; sha: string; code: string }[] = [];
    const docs: Record<string, string> = {};
    for (const b of bodies)
      docs[b] = (await api.upload('/api/v1/documents', world.tokens[`agency:${b}`], 'a.pdf', demoPdf(b))).body.sha256;
    for (let c = 0; c < 4; c++) {
      const cycle = `L${c}`;
      await expectOk(
        api.call('POST', '/api/v1/cycles', ADMIN_TOKEN, { code: cycle, title: cycle, year: 2025 }),
        'cycle',
      );
      for (const b of bodies) {
        for (const direction of ['personnel', 'it'] as const) {
          const officer = direction === 'personnel' ? world.tokens.ascOfficer : world.tokens.mdaiOfficer;
          const k = await expectOk(
            api.call('POST', '/api/v1/conclusions', officer, {
              ...conclusionOf(world, b, '2025-02-03T10:00:00+05:00', direction),
              cycle,
            }),
            'conclusion',
          );
          cases.push({ id: k.id, bodyCode: b, sha: docs[b], code: direction === 'personnel' ? 'HR-1' : 'IT-1' });
        }
      }
    }
    const answers = await Promise.all(
      cases.map((c) =>
        api.call('POST', `/api/v1/cases/${c.id}/objection`, world.tokens[`agency:${c.bodyCode}`], {
          items: [{ indicatorCode: c.code, argument: 'Келіспейміз' }],
          documents: [c.sha],
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(cases.map(() => 201));
    expect(new Set(answers.map((a) => a.body.state))).toEqual(new Set(['objectionReceived']));
  });

  it('p.95: the same conclusion sent five times at once makes one case; the others are refused, never a 500', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        api.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.ascOfficer,
          conclusionOf(world, 'MZ', '2025-02-03T10:00:00+05:00'),
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 400 || s === 409)).toBe(true);
    const list = await api.call(
      'GET',
      '/api/v1/cases?bodyCode=MZ&cycle=2025&direction=personnel',
      world.tokens.auditor,
    );
    expect(list.body.total).toBe(1);
  });

  it('SPEC §9 exactly one winner: two commands prepared on the same version race — one acts, the other gets version-conflict and nothing of it is written', async () => {
    const k = await expectOk(
      api.call(
        'POST',
        '/api/v1/conclusions',
        world.tokens.ascOfficer,
        conclusionOf(world, 'MON', '2025-02-03T10:00:00+05:00'),
      ),
      'conclusion',
    );
    const doc = (await api.upload('/api/v1/documents', world.tokens['agency:MON'], 'a.pdf', demoPdf('race'))).body
      .sha256;
    await expectOk(
      api.call('POST', `/api/v1/cases/${k.id}/objection`, world.tokens['agency:MON'], {
        items: [{ indicatorCode: 'HR-1', argument: 'Келіспейміз' }],
        documents: [doc],
      }),
      'objection',
    );
    const seen = await expectOk(api.call('GET', `/api/v1/cases/${k.id}`, world.tokens.ascOfficer), 'case');
    // Both the officer and the secretary draft the table against the version they saw, at the same moment.
    const race = await Promise.all(
      ['ascOfficer', 'ascSecretary'].map((who, i) =>
        api.call('POST', `/api/v1/cases/${k.id}/table`, world.tokens[who], {
          rows: [{ indicatorCode: 'HR-1', authorityPosition: `Позиция ${i}` }],
          expectedVersion: seen.version,
        }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const lost = race.find((r) => r.status === 409)!;
    expect(lost.body).toMatchObject({ code: 'version-conflict', currentVersion: seen.version + 1 });
    const events = (await expectOk(api.call('GET', `/api/v1/cases/${k.id}/events`, world.tokens.auditor), 'events'))
      .items;
    expect(events.filter((e: { type: string }) => e.type === 'TABLE.DRAFT')).toHaveLength(1);
    // If-Match says the same.
    const stale = await api.call(
      'POST',
      `/api/v1/cases/${k.id}/table`,
      world.tokens.ascOfficer,
      { rows: [{ indicatorCode: 'HR-1', authorityPosition: 'Кеш' }] },
      { 'If-Match': `"${seen.version}"` },
    );
    expect(stale.status).toBe(409);
  });

  it('SPEC §9: the same command sent ten times at once with one Idempotency-Key acts once; all get the first answer', async () => {
    const k = await expectOk(
      api.call(
        'POST',
        '/api/v1/conclusions',
        world.tokens.ascOfficer,
        conclusionOf(world, 'MF', '2025-02-03T10:00:00+05:00'),
      ),
      'conclusion',
    );
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call(
          'POST',
          `/api/v1/cases/${k.id}/no-objection`,
          world.tokens['agency:MF'],
          { note: 'Қарсылық жоқ' },
          { 'Idempotency-Key': `once-${k.id}` },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const events = (await expectOk(api.call('GET', `/api/v1/cases/${k.id}/events`, world.tokens.auditor), 'events'))
      .items;
    expect(events.filter((e: { type: string }) => e.type === 'NO_OBJECTION.FILE')).toHaveLength(1);
    // The same key with another request is refused, naming the rule.
    const reused = await api.call(
      'POST',
      `/api/v1/cases/${k.id}/withdrawal`,
      world.tokens['agency:MF'],
      {},
      { 'Idempotency-Key': `once-${k.id}` },
    );
    expect(reused.body.code).toBe('idempotency-key-reused');
  });
});
