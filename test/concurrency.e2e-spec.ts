import { expectOk } from '../src/demo/api-client';
import { conclusionOf, demoPdf } from '../src/demo/world';
import { startSeeded } from './support/seeded';
import { ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * SPEC §9 under load: many commands at once on different cases all complete. On PostgreSQL a command's
 * transaction may read through the pool (the current calendar, a cache miss); more open transactions than
 * pooled connections must not starve those reads.
 */
describe('Concurrent commands on many cases', () => {
  let sut: TestApp;

  afterAll(async () => {
    await sut?.close();
  });

  it('p.98: 40 objections sent at once, each computing its terms, are all accepted', async () => {
    const seeded = await startSeeded({ now: '2025-02-03T05:00:00Z' });
    sut = seeded.sut;
    const { api, world } = seeded;
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
});
