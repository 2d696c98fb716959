import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import { Api, expectOk } from '../src/demo/api-client';
import { World, conclusionOf, demoPdf, seedWorld } from '../src/demo/world';
import { FixedClock } from '../src/common/clock';
import { startSeeded } from './support/seeded';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp, testDatabaseUrl } from './support/test-app';

/** Durable deadlines (SPEC §3, §4, §9): every term fires exactly once, survives restarts and follows the calendar. */
describe('Durable deadlines', () => {
  async function eventsOf(api: Api, world: World, id: string): Promise<any[]> {
    return (await api.call('GET', `/api/v1/cases/${id}/events`, world.tokens.auditor)).body.items;
  }

  describe('one instance', () => {
    let sut: TestApp;
    let api: Api;
    let world: World;

    beforeAll(async () => {
      ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
    });
    afterAll(async () => {
      await sut.close();
    });

    it('p.99: no response by D1 closes the case at D1, with the body’s breach, once', async () => {
      const c = await expectOk(
        api.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.ascOfficer,
          conclusionOf(world, 'MON', '2025-02-03T10:00:00+05:00'),
        ),
        'conclusion',
      );
      const scheduler = sut.app.get(DeadlineScheduler);
      sut.clock.set('2025-02-10T18:59:59.999Z'); // the last valid instant of D1: nothing fires yet
      expect((await scheduler.sweep()).fired).toBe(0);
      sut.clock.set('2025-02-12T04:00:00Z'); // noticed two days late
      expect((await scheduler.sweep()).fired).toBe(1);
      expect((await scheduler.sweep()).fired).toBe(0);
      const after = await api.call(
        'GET',
        `/api/v1/cases/${c.id}`,
        world.tokens.agencyMON ?? world.tokens['agency:MON'],
      );
      expect(after.body).toMatchObject({ state: 'closed', outcome: 'noResponse' });
      expect(after.body.overdue).toEqual([expect.objectContaining({ kind: 'noObjectionNotice', law: 'p.99' })]);
      const events = await eventsOf(api, world, c.id);
      const fired = events.filter((e) => e.type === 'DEADLINE.OBJECTION');
      expect(fired).toHaveLength(1);
      // The legal due time (24:00 local on Monday 10 February), not the time it was noticed.
      expect(fired[0].businessTime).toBe('2025-02-10T19:00:00.000Z');
      expect(fired[0].recordedTime).toBe('2025-02-12T04:00:00.000Z');
      expect(fired[0].actorRole).toBe('system');
      const rows = (await api.call('GET', `/api/v1/cases/${c.id}/deadlines`, world.tokens.auditor)).body.items;
      expect(rows).toEqual([expect.objectContaining({ kind: 'objection', status: 'fired', law: 'p.99' })]);
    });

    it('p.102 and p.106: the authority’s missed terms add breaches but never block the case', async () => {
      sut.clock.set('2025-02-13T05:00:00Z');
      const c = await expectOk(
        api.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.ascOfficer,
          conclusionOf(world, 'MF', '2025-02-13T10:00:00+05:00'),
        ),
        'conclusion',
      );
      const doc = await api.upload('/api/v1/documents', world.tokens['agency:MF'], 'a.pdf', demoPdf('mf'));
      await expectOk(
        api.call('POST', `/api/v1/cases/${c.id}/objection`, world.tokens['agency:MF'], {
          items: [{ indicatorCode: 'HR-1', claimedScore: 5, argument: 'Келіспейміз' }],
          documents: [doc.body.sha256],
        }),
        'objection',
      );
      sut.clock.set('2025-03-20T05:00:00Z'); // past D2 (20 Feb) and D3 (28 Feb → rolled? no: 28 Feb is a Friday)
      const report = await sut.app.get(DeadlineScheduler).sweep();
      expect(report.fired).toBe(2);
      const after = await api.call('GET', `/api/v1/cases/${c.id}`, world.tokens.ascOfficer);
      expect(after.body.state).toBe('objectionReceived');
      expect(after.body.overdue.map((o: { law: string }) => o.law).sort()).toEqual(['p.102', 'p.106']);
      const listed = await api.call('GET', '/api/v1/cases?overdue=true', world.tokens.workingBody);
      expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
      // The table can still be built: the authority's terms never close the case.
      const table = await api.call('POST', `/api/v1/cases/${c.id}/table`, world.tokens.ascOfficer, {
        rows: [{ indicatorCode: 'HR-1', authorityPosition: 'Негізсіз' }],
      });
      expect(table.status).toBe(201);
    });
  });

  describe('restarts, downtime and several instances', () => {
    it('p.99: stopping, moving the clock past several deadlines and starting again fires each one once, with its legal time', async () => {
      const db = testDatabaseUrl();
      const clock = new FixedClock(new Date('2025-02-03T05:00:00Z'));
      let sut = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock });
      const api1 = supertestApi(sut);
      const world = await seedWorld(api1, ADMIN_TOKEN);
      const a = await expectOk(
        api1.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.ascOfficer,
          conclusionOf(world, 'MZ', '2025-02-03T10:00:00+05:00'),
        ),
        'a',
      );
      clock.set('2025-02-05T05:00:00Z');
      const b = await expectOk(
        api1.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.mdaiOfficer,
          conclusionOf(world, 'MZ', '2025-02-05T10:00:00+05:00', 'it'),
        ),
        'b',
      );
      await sut.stop(); // the service goes down in the middle of both terms

      clock.set('2025-03-01T05:00:00Z'); // a long downtime across both D1s
      sut = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock, workers: true });
      const api2 = supertestApi(sut);
      // The scheduler sweeps at start: wait until both fired.
      for (let i = 0; i < 100; i++) {
        const states = await Promise.all(
          [a.id, b.id].map(
            async (id) => (await api2.call('GET', `/api/v1/cases/${id}`, world.tokens.auditor)).body.state,
          ),
        );
        if (states.every((s) => s === 'closed')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      for (const [id, due] of [
        [a.id, '2025-02-10T19:00:00.000Z'],
        [b.id, '2025-02-12T19:00:00.000Z'],
      ]) {
        const c = await api2.call('GET', `/api/v1/cases/${id}`, world.tokens.auditor);
        expect(c.body).toMatchObject({ state: 'closed', outcome: 'noResponse' });
        const fired = (await eventsOf(api2, world, id)).filter((e) => e.type === 'DEADLINE.OBJECTION');
        expect(fired).toHaveLength(1);
        expect(fired[0].businessTime).toBe(due);
      }
      await sut.close();
    });

    it('SPEC §9: two service instances sharing one database fire each deadline exactly once', async () => {
      const db = testDatabaseUrl();
      const clock = new FixedClock(new Date('2025-02-03T05:00:00Z'));
      const one = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock });
      const api = supertestApi(one);
      const world = await seedWorld(api, ADMIN_TOKEN);
      const ids: string[] = [];
      for (const code of ['MZ', 'MON', 'MF', 'AKM-ALM', 'MSH']) {
        for (const direction of ['personnel', 'it'] as const) {
          const officer = direction === 'personnel' ? world.tokens.ascOfficer : world.tokens.mdaiOfficer;
          ids.push(
            (
              await expectOk(
                api.call(
                  'POST',
                  '/api/v1/conclusions',
                  officer,
                  conclusionOf(world, code, '2025-02-03T10:00:00+05:00', direction),
                ),
                code,
              )
            ).id,
          );
        }
      }
      const two = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock });
      clock.set('2025-02-20T05:00:00Z');
      const reports = await Promise.all([
        one.app.get(DeadlineScheduler).sweep(),
        two.app.get(DeadlineScheduler).sweep(),
        one.app.get(DeadlineScheduler).sweep(),
        two.app.get(DeadlineScheduler).sweep(),
      ]);
      // A sweep already running in an instance is shared, not repeated: count each report once.
      expect([...new Set(reports)].reduce((n, r) => n + r.fired, 0)).toBe(ids.length);
      for (const id of ids) {
        const fired = (await eventsOf(api, world, id)).filter((e) => e.type === 'DEADLINE.OBJECTION');
        expect(fired).toHaveLength(1);
      }
      await two.stop();
      await one.close();
    });
  });

  describe('calendar corrections (SPEC §3)', () => {
    let sut: TestApp;
    let api: Api;
    let world: World;

    beforeAll(async () => {
      ({ sut, api, world } = await startSeeded({ now: '2026-08-24T05:00:00Z' }, '2026'));
    });
    afterAll(async () => {
      await sut.close();
    });

    it('p.98: a correction that adds a day off moves the open D1, and the case’s history says from what to what and why', async () => {
      // Delivered Monday 24 August 2026: D1 = Monday 31 August (30 August is not a day off in the shipped data).
      const c = await expectOk(
        api.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.ascOfficer,
          conclusionOf(world, 'MZ', '2026-08-24T10:00:00+05:00'),
        ),
        'conclusion',
      );
      expect(c.deadlines.objection).toBe('2026-08-31T23:59:59.999+05:00');
      const put = await api.call('PUT', '/api/v1/calendar/entries/2026-08-31', ADMIN_TOKEN, {
        kind: 'dayOff',
        category: 'moved',
        holiday: 'constitution',
        movedFrom: '2026-08-30',
        name: {
          kk: 'Қазақстан Республикасының Конституциясы күні',
          ru: 'День Конституции Республики Казахстан',
          en: 'Constitution Day',
        },
        act: 'Labour Code of the Republic of Kazakhstan, art. 85',
        note: 'Constitution Day 2026 fell on a Sunday',
      });
      expect(put.status).toBe(200);
      const after = await api.call('GET', `/api/v1/cases/${c.id}`, world.tokens['agency:MZ']);
      expect(after.body.deadlines.objection).toBe('2026-09-01T23:59:59.999+05:00');
      const events = await eventsOf(api, world, c.id);
      const moved = events.find((e) => e.type === 'DEADLINES.RECOMPUTED');
      // The machine's fields, and beside them (`meta`) what the change moved, from what, and why.
      expect(moved.payload).toMatchObject({
        deadlines: { objection: '2026-09-01T23:59:59.999+05:00' },
        meta: { previous: { objection: '2026-08-31T23:59:59.999+05:00' }, calendarVersion: put.body.calendarVersion },
      });
      expect(moved.payload.meta.reason).toContain('Constitution Day 2026 fell on a Sunday');
      const rows = (await api.call('GET', `/api/v1/cases/${c.id}/deadlines`, world.tokens.auditor)).body.items;
      expect(rows[0]).toMatchObject({
        kind: 'objection',
        status: 'open',
        calendarVersion: put.body.calendarVersion,
        dueAt: '2026-09-01T23:59:59.999+05:00',
      });
      // An objection on the new last day is in time.
      sut.clock.set('2026-09-01T12:00:00Z');
      const doc = await api.upload('/api/v1/documents', world.tokens['agency:MZ'], 'x.pdf', demoPdf('moved'));
      const r = await api.call('POST', `/api/v1/cases/${c.id}/objection`, world.tokens['agency:MZ'], {
        items: [{ indicatorCode: 'HR-1', argument: 'Уақытында' }],
        documents: [doc.body.sha256],
      });
      expect(r.status).toBe(201);
    });
  });
});
