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
    for (const b of bodies) docs[b] = (await api.upload('/api/v1/documents', world.tokens[`agency:${b}`], 'a.pdf', demoPdf(b))).body.sha256;
    for (let c = 0; c < 4; c++) {
      const cycle = `L${c}`;
      await expectOk(api.call('POST', '/api/v1/cycles', ADMIN_TOKEN, { code: cycle, title: cycle, year: 2025 }), 'cycle');
      for (const b of bodies) {
        for (const direction of ['personnel', 'it'] as const) {
          const officer = direction === 'personnel' ? world.tokens.ascOfficer : world.tokens.mdaiOfficer;
          const k = await expectOk(api.call('POST', '/api/v1/conclusions', officer, { ...conclusionOf(world, b, '2025-02-03T10:00:00+05:00', direction), cycle }), 'conclusion');
          cases.push({ id: k.id, bodyCode: b, sha: docs[b], code: direction === 'personnel' ? 'HR-1' : 'IT-1' });
        }
      }
    }
    const answers = await Promise.all(
      cases.map((c) => api.call('POST', `/api/v1/cases/${c.id}/objection`, world.tokens[`agency:${c.bodyCode}`], { items: [{ indicatorCode: c.code, argument: 'Келіспейміз' }], documents: [c.sha] })),
    );
    expect(answers.map((a) => a.status)).toEqual(cases.map(() => 201));
    expect(new Set(answers.map((a) => a.body.state))).toEqual(new Set(['objectionReceived']));
  });

  it('p.95: the same conclusion sent five times at once makes one case; the others are refused, never a 500', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => api.call('POST', '/api/v1/conclusions', world.tokens.ascOfficer, conclusionOf(world, 'MZ', '2025-02-03T10:00:00+05:00'))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 400 || s === 409)).toBe(true);
    const list = await api.call('GET', '/api/v1/cases?bodyCode=MZ&cycle=2025&direction=personnel', world.tokens.auditor);
    expect(list.body.total).toBe(1);
  });
});
