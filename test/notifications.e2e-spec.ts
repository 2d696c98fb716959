import { createHmac } from 'node:crypto';
import { IncomingHttpHeaders, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { FixedClock } from '../src/common/clock';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import { Api, expectOk } from '../src/demo/api-client';
import { World, conclusionOf, demoPdf, seedWorld } from '../src/demo/world';
import { NotificationDispatcher } from '../src/notifications/notification-dispatcher';
import { startSeeded } from './support/seeded';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp, testDatabaseUrl } from './support/test-app';

/** A local webhook receiver: answers the queued statuses in turn, then 200; keeps every raw request. */
async function webhookReceiver(statuses: number[] = []) {
  const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/appeals-hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function notificationsOf(api: Api, token: string, query: string): Promise<any[]> {
  const r = await api.call('GET', `/api/v1/notifications?${query}`, token);
  expect(r.status).toBe(200);
  return r.body.items;
}

const byKind = (items: any[], kind: string, deadlineKind?: string) =>
  items.filter((n) => n.kind === kind && (deadlineKind === undefined || n.payload.deadlineKind === deadlineKind));

describe('Notifications (issue 5: reminders)', () => {
  describe('the outbox, without a webhook', () => {
    let sut: TestApp;
    let api: Api;
    let world: World;
    let caseId: string;

    beforeAll(async () => {
      ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
    });
    afterAll(async () => {
      await sut.close();
    });

    it('p.99: a delivered conclusion enqueues term-opened now and the D1 reminders at 09:00 Asia/Almaty', async () => {
      const c = await expectOk(
        api.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.ascOfficer,
          conclusionOf(world, 'MON', '2025-02-03T10:00:00+05:00'),
        ),
        'conclusion',
      );
      caseId = c.id;
      expect(c.deadlines.objection).toBe('2025-02-10T23:59:59.999+05:00'); // D1: Monday 10 February
      // The calendar agrees: Friday 7 February is the working day before the last day (8–9 February are the weekend).
      expect((await api.call('GET', '/api/v1/calendar/days/2025-02-07')).body).toMatchObject({ working: true });
      for (const date of ['2025-02-08', '2025-02-09'])
        expect((await api.call('GET', `/api/v1/calendar/days/${date}`)).body).toMatchObject({ working: false });

      const items = await notificationsOf(api, world.tokens.auditor, `caseId=${c.id}`);
      expect(items).toHaveLength(3);
      expect(byKind(items, 'term-opened')[0]).toMatchObject({
        law: 'p.99',
        status: 'pending',
        dueAt: '2025-02-03T10:00:00.000+05:00',
        deliveries: [],
      });
      // Two working days left, that day included: Friday 7 February, 09:00+05:00.
      expect(byKind(items, 'two-days-left')[0]).toMatchObject({
        law: 'p.99',
        status: 'pending',
        dueAt: '2025-02-07T09:00:00.000+05:00',
      });
      expect(byKind(items, 'last-day')[0]).toMatchObject({
        law: 'p.99',
        status: 'pending',
        dueAt: '2025-02-10T09:00:00.000+05:00',
      });
      const reminder = byKind(items, 'last-day')[0];
      expect(reminder.deadlineId).toEqual(expect.any(String));
      expect(reminder.payload).toMatchObject({
        caseId: c.id,
        bodyCode: 'MON',
        authority: 'ASC',
        deadlineKind: 'objection',
        dueAt: '2025-02-10T23:59:59.999+05:00',
        lastDay: '2025-02-10',
      });
      for (const lang of ['kk', 'ru', 'en']) expect(reminder.payload.text[lang]).toContain('10.02.2025'); // the day in the reader's form (issue 11)
    });

    it('with no webhook configured the notifications stay pending and queryable; only staff who oversee read them', async () => {
      expect(await sut.app.get(NotificationDispatcher).deliverDue()).toEqual({ claimed: 0, delivered: 0, failed: 0 });
      const pending = await notificationsOf(api, world.tokens.workingBody, `caseId=${caseId}&status=pending`);
      expect(pending).toHaveLength(3);
      expect(await notificationsOf(api, ADMIN_TOKEN, `caseId=${caseId}&kind=last-day`)).toHaveLength(1);
      expect((await api.call('GET', '/api/v1/notifications', world.tokens['agency:MON'])).status).toBe(403);
      expect((await api.call('GET', '/api/v1/notifications', world.tokens.ascOfficer)).status).toBe(403);
      expect((await api.call('GET', '/api/v1/notifications')).status).toBe(401);
      const bad = await api.call('GET', '/api/v1/notifications?kind=gossip', world.tokens.auditor);
      expect(bad.status).toBe(400);
      expect(bad.body.invalidParams.map((p: { name: string }) => p.name)).toContain('kind');
    });

    it('p.98: an objection cancels the pending D1 reminders and opens D2 (p.102) and D3 (p.106) with their own', async () => {
      sut.clock.set('2025-02-04T06:00:00Z');
      const doc = await api.upload('/api/v1/documents', world.tokens['agency:MON'], 'a.pdf', demoPdf('notifications'));
      await expectOk(
        api.call('POST', `/api/v1/cases/${caseId}/objection`, world.tokens['agency:MON'], {
          items: [{ indicatorCode: 'HR-1', claimedScore: 5, argument: 'Келіспейміз' }],
          documents: [doc.body.sha256],
        }),
        'objection',
      );
      const items = await notificationsOf(api, world.tokens.auditor, `caseId=${caseId}`);
      const d1 = items.filter((n) => n.payload.deadlineKind === 'objection');
      expect(byKind(d1, 'two-days-left')[0].status).toBe('cancelled');
      expect(byKind(d1, 'last-day')[0].status).toBe('cancelled');
      expect(byKind(d1, 'term-opened')[0].status).toBe('pending'); // what happened stays reported
      // D2: five working days from Wednesday 5 February → Tuesday 11 February.
      expect(byKind(items, 'term-opened', 'table')[0]).toMatchObject({
        law: 'p.102',
        dueAt: '2025-02-04T11:00:00.000+05:00',
      });
      expect(byKind(items, 'two-days-left', 'table')[0]).toMatchObject({
        law: 'p.102',
        dueAt: '2025-02-10T09:00:00.000+05:00',
        status: 'pending',
      });
      expect(byKind(items, 'last-day', 'table')[0]).toMatchObject({
        law: 'p.102',
        dueAt: '2025-02-11T09:00:00.000+05:00',
        status: 'pending',
      });
      // D3: fifteen calendar days → Wednesday 19 February.
      expect(byKind(items, 'two-days-left', 'result')[0]).toMatchObject({
        law: 'p.106',
        dueAt: '2025-02-18T09:00:00.000+05:00',
      });
      expect(byKind(items, 'last-day', 'result')[0]).toMatchObject({
        law: 'p.106',
        dueAt: '2025-02-19T09:00:00.000+05:00',
      });
    });

    it('p.102/p.106: when the scheduler fires the authority’s missed terms, `missed` is enqueued and their reminders are cancelled', async () => {
      sut.clock.set('2025-03-03T05:00:00Z');
      expect((await sut.app.get(DeadlineScheduler).sweep()).fired).toBe(2);
      const items = await notificationsOf(api, world.tokens.auditor, `caseId=${caseId}`);
      expect(
        byKind(items, 'missed')
          .map((n) => n.law)
          .sort(),
      ).toEqual(['p.102', 'p.106']);
      expect(byKind(items, 'missed', 'table')[0]).toMatchObject({
        status: 'pending',
        dueAt: '2025-03-03T10:00:00.000+05:00',
      });
      expect(byKind(items, 'missed', 'table')[0].payload.text.en).toContain('11.02.2025'); // the last day in the reader's form (issue 11)
      // Reminders never delivered (no webhook) are not sent after their term has ended.
      for (const kind of ['two-days-left', 'last-day'])
        for (const term of ['table', 'result']) expect(byKind(items, kind, term)[0].status).toBe('cancelled');
    });

    it('p.99: the scheduler firing D1 enqueues `missed` for the agency’s term', async () => {
      sut.clock.set('2025-03-03T05:00:00Z');
      const c = await expectOk(
        api.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.ascOfficer,
          conclusionOf(world, 'MZ', '2025-03-03T10:00:00+05:00'),
        ),
        'conclusion',
      );
      sut.clock.set('2025-03-14T05:00:00Z'); // past D1, whatever days off 8 March brings
      expect((await sut.app.get(DeadlineScheduler).sweep()).fired).toBe(1);
      const missed = await notificationsOf(api, world.tokens.auditor, `caseId=${c.id}&kind=missed`);
      expect(missed).toEqual([
        expect.objectContaining({
          law: 'p.99',
          status: 'pending',
          payload: expect.objectContaining({ deadlineKind: 'objection', bodyCode: 'MZ' }),
        }),
      ]);
    });
  });

  describe('delivery to webhooks', () => {
    let sut: TestApp;
    let api: Api;
    let world: World;

    beforeAll(async () => {
      ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
    });
    afterAll(async () => {
      await sut.close();
    });

    it('webhooks: administrators only, http(s) only; the generated secret is shown once', async () => {
      expect(
        (await api.call('POST', '/api/v1/webhooks', world.tokens.auditor, { url: 'https://example.kz/hook' })).status,
      ).toBe(403);
      for (const url of [
        'ftp://example.kz/hook',
        'javascript:alert(1)',
        'not a url',
        'https://user:pw@example.kz/hook',
      ]) {
        const r = await api.call('POST', '/api/v1/webhooks', ADMIN_TOKEN, { url });
        expect(r.status).toBe(400);
        expect(r.body.invalidParams.map((p: { name: string }) => p.name)).toContain('url');
      }
      const short = await api.call('POST', '/api/v1/webhooks', ADMIN_TOKEN, {
        url: 'https://example.kz/hook',
        secret: 'short',
      });
      expect(short.status).toBe(400);
      expect((await api.call('GET', '/api/v1/webhooks', world.tokens.workingBody)).status).toBe(403);
    });

    it('deliveries arrive with a valid HMAC-SHA256 signature and the stable notification id, once each', async () => {
      const hook = await webhookReceiver();
      try {
        const created = await api.call('POST', '/api/v1/webhooks', ADMIN_TOKEN, { url: hook.url });
        expect(created.status).toBe(201);
        const secret: string = created.body.secret;
        expect(secret.length).toBeGreaterThanOrEqual(32);
        const listed = await api.call('GET', '/api/v1/webhooks', ADMIN_TOKEN);
        expect(listed.body.items).toEqual([
          { id: created.body.id, url: hook.url, active: true, createdAt: expect.any(String) },
        ]);
        expect(JSON.stringify(listed.body)).not.toContain(secret);

        const c = await expectOk(
          api.call(
            'POST',
            '/api/v1/conclusions',
            world.tokens.ascOfficer,
            conclusionOf(world, 'MON', '2025-02-03T10:00:00+05:00'),
          ),
          'conclusion',
        );
        const dispatcher = sut.app.get(NotificationDispatcher);
        expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, delivered: 1, failed: 0 });
        expect(hook.received).toHaveLength(1); // the reminders are not due yet
        const [{ headers, raw }] = hook.received;
        const body = JSON.parse(raw);
        expect(headers['content-type']).toBe('application/json');
        expect(headers['x-appeals-signature']).toBe(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
        expect(headers['x-appeals-notification-id']).toBe(body.id);
        expect(headers['x-appeals-timestamp']).toBe(String(Date.parse('2025-02-03T05:00:00Z') / 1000));
        expect(body).toMatchObject({
          kind: 'term-opened',
          caseId: c.id,
          law: 'p.99',
          createdAt: '2025-02-03T05:00:00.000Z',
          payload: { bodyCode: 'MON', deadlineKind: 'objection' },
        });
        expect(Object.keys(body).sort()).toEqual(['caseId', 'createdAt', 'id', 'kind', 'law', 'payload']);
        const [opened] = await notificationsOf(api, ADMIN_TOKEN, `caseId=${c.id}&kind=term-opened`);
        expect(opened).toMatchObject({
          id: body.id,
          status: 'delivered',
          deliveries: [
            { webhookId: created.body.id, attempts: 1, deliveredAt: '2025-02-03T10:00:00.000+05:00', lastError: null },
          ],
        });

        expect((await dispatcher.deliverDue()).claimed).toBe(0); // delivered is delivered
        sut.clock.set('2025-02-07T04:00:00Z'); // Friday 09:00 local: two working days left
        expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, delivered: 1, failed: 0 });
        const reminder = JSON.parse(hook.received[1].raw);
        expect(reminder).toMatchObject({ kind: 'two-days-left', caseId: c.id, law: 'p.99' });
        expect(hook.received[1].headers['x-appeals-notification-id']).toBe(reminder.id);
        expect(hook.received[1].headers['x-appeals-signature']).toBe(
          `sha256=${createHmac('sha256', secret).update(hook.received[1].raw).digest('hex')}`,
        );
        await api.call('DELETE', `/api/v1/webhooks/${created.body.id}`, ADMIN_TOKEN);
      } finally {
        await hook.close();
      }
    });

    it('a webhook answering 500 twice, then 200, is retried with exponential backoff and finally delivered', async () => {
      const hook = await webhookReceiver([500, 500]);
      try {
        const created = await expectOk(
          api.call('POST', '/api/v1/webhooks', ADMIN_TOKEN, {
            url: hook.url,
            secret: 'a-shared-secret-of-the-receiver',
          }),
          'webhook',
        );
        sut.clock.set('2025-02-07T05:00:00Z'); // nothing else is due now: the other case's last day is Monday
        const c = await expectOk(
          api.call(
            'POST',
            '/api/v1/conclusions',
            world.tokens.ascOfficer,
            conclusionOf(world, 'MF', '2025-02-07T10:00:00+05:00'),
          ),
          'conclusion',
        );
        const dispatcher = sut.app.get(NotificationDispatcher);
        const delivery = async () => (await notificationsOf(api, ADMIN_TOKEN, `caseId=${c.id}&kind=term-opened`))[0];

        expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
        let n = await delivery();
        expect(n.status).toBe('pending');
        expect(n.deliveries).toEqual([
          expect.objectContaining({ webhookId: created.id, attempts: 1, lastError: 'HTTP 500', deliveredAt: null }),
        ]);
        // First retry after about 5 s (up to 10 % earlier, by a jitter fixed per delivery).
        const first = Date.parse(n.deliveries[0].nextAttemptAt) - Date.parse('2025-02-07T05:00:00Z');
        expect(first).toBeGreaterThanOrEqual(4_500);
        expect(first).toBeLessThanOrEqual(5_000);
        sut.clock.advance(first - 1);
        expect((await dispatcher.deliverDue()).claimed).toBe(0); // not before its time
        sut.clock.advance(1);
        expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
        n = await delivery();
        expect(n.deliveries[0]).toMatchObject({ attempts: 2, lastError: 'HTTP 500' });
        const second = Date.parse(n.deliveries[0].nextAttemptAt) - sut.clock.now().getTime();
        expect(second).toBeGreaterThanOrEqual(9_000); // doubled
        expect(second).toBeLessThanOrEqual(10_000);
        sut.clock.advance(second);
        expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, delivered: 1, failed: 0 });
        n = await delivery();
        expect(n).toMatchObject({
          status: 'delivered',
          deliveries: [expect.objectContaining({ attempts: 3, lastError: null, deliveredAt: expect.any(String) })],
        });
        // Three POSTs of the same notification: the receiver de-duplicates by its id.
        expect(hook.received.map((r) => r.headers['x-appeals-notification-id'])).toEqual([n.id, n.id, n.id]);
        expect(new Set(hook.received.map((r) => r.raw)).size).toBe(1);
        await api.call('DELETE', `/api/v1/webhooks/${created.id}`, ADMIN_TOKEN);
      } finally {
        await hook.close();
      }
    });

    it('each active webhook gets each notification independently; an unreachable one does not hold back the other', async () => {
      const good = await webhookReceiver();
      const down = await webhookReceiver();
      const downUrl = down.url;
      await down.close(); // nothing listens there any more: a network error
      try {
        const a = await expectOk(api.call('POST', '/api/v1/webhooks', ADMIN_TOKEN, { url: good.url }), 'good');
        const b = await expectOk(api.call('POST', '/api/v1/webhooks', ADMIN_TOKEN, { url: downUrl }), 'down');
        sut.clock.set('2025-02-07T06:00:00Z');
        const c = await expectOk(
          api.call(
            'POST',
            '/api/v1/conclusions',
            world.tokens.ascOfficer,
            conclusionOf(world, 'MZ', '2025-02-07T11:00:00+05:00'),
          ),
          'conclusion',
        );
        expect(await sut.app.get(NotificationDispatcher).deliverDue()).toEqual({ claimed: 2, delivered: 1, failed: 1 });
        const [n] = await notificationsOf(api, ADMIN_TOKEN, `caseId=${c.id}&kind=term-opened`);
        expect(n.status).toBe('pending'); // not every webhook has it yet
        expect(good.received).toHaveLength(1);
        const failed = n.deliveries.find((d: { webhookId: string }) => d.webhookId === b.id);
        expect(failed).toMatchObject({ attempts: 1, deliveredAt: null });
        expect(failed.lastError).toMatch(/fetch failed|ECONNREFUSED/);
        // Deactivating the unreachable webhook lets the notification count as delivered.
        expect((await api.call('DELETE', `/api/v1/webhooks/${b.id}`, ADMIN_TOKEN)).body).toMatchObject({
          id: b.id,
          active: false,
        });
        await sut.app.get(NotificationDispatcher).deliverDue();
        expect((await notificationsOf(api, ADMIN_TOKEN, `caseId=${c.id}&kind=term-opened`))[0].status).toBe(
          'delivered',
        );
        await api.call('DELETE', `/api/v1/webhooks/${a.id}`, ADMIN_TOKEN);
      } finally {
        await good.close();
      }
    });
  });

  describe('calendar corrections (SPEC §3)', () => {
    it('p.99: a correction that moves D1 moves its pending last-day reminder; an unchanged reminder keeps its id', async () => {
      const sut = await startTestApp({ now: '2026-08-24T05:00:00Z' });
      try {
        const api = supertestApi(sut);
        const world = await seedWorld(api, ADMIN_TOKEN, '2026');
        // Delivered Monday 24 August 2026: D1 = Monday 31 August.
        const c = await expectOk(
          api.call(
            'POST',
            '/api/v1/conclusions',
            world.tokens.ascOfficer,
            conclusionOf(world, 'MZ', '2026-08-24T10:00:00+05:00'),
          ),
          'conclusion',
        );
        const before = await notificationsOf(api, world.tokens.auditor, `caseId=${c.id}`);
        expect(byKind(before, 'two-days-left')[0].dueAt).toBe('2026-08-28T09:00:00.000+05:00');
        expect(byKind(before, 'last-day')[0].dueAt).toBe('2026-08-31T09:00:00.000+05:00');
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
        const after = await notificationsOf(api, world.tokens.auditor, `caseId=${c.id}`);
        const lastDay = byKind(after, 'last-day');
        expect(lastDay.map((n) => [n.status, n.dueAt]).sort()).toEqual([
          ['cancelled', '2026-08-31T09:00:00.000+05:00'],
          ['pending', '2026-09-01T09:00:00.000+05:00'],
        ]);
        expect(lastDay.find((n) => n.status === 'pending').payload).toMatchObject({
          lastDay: '2026-09-01',
          dueAt: '2026-09-01T23:59:59.999+05:00',
        });
        // Friday 28 August is still the working day before the (new) last day.
        expect(byKind(after, 'two-days-left')).toEqual([
          expect.objectContaining({
            id: byKind(before, 'two-days-left')[0].id,
            status: 'pending',
            dueAt: '2026-08-28T09:00:00.000+05:00',
          }),
        ]);
      } finally {
        await sut.close();
      }
    });
  });

  describe('restarts', () => {
    it('SPEC §9: pending deliveries survive a restart and are delivered by the restarted worker', async () => {
      const db = testDatabaseUrl();
      const clock = new FixedClock(new Date('2025-02-03T05:00:00Z'));
      const hook = await webhookReceiver([503]);
      let sut = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock });
      try {
        const api1 = supertestApi(sut);
        const world = await seedWorld(api1, ADMIN_TOKEN);
        const secret = 'restart-secret-0123456789';
        await expectOk(api1.call('POST', '/api/v1/webhooks', ADMIN_TOKEN, { url: hook.url, secret }), 'webhook');
        const c = await expectOk(
          api1.call(
            'POST',
            '/api/v1/conclusions',
            world.tokens.ascOfficer,
            conclusionOf(world, 'MON', '2025-02-03T10:00:00+05:00'),
          ),
          'conclusion',
        );
        expect((await sut.app.get(NotificationDispatcher).deliverDue()).failed).toBe(1);
        await sut.stop(); // down in the middle: the notification is pending, its delivery failed once

        clock.set('2025-02-07T04:00:00Z'); // meanwhile the two-days-left reminder became due as well
        sut = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock, workers: true });
        const api2 = supertestApi(sut);
        let items: any[] = [];
        for (let i = 0; i < 100; i++) {
          items = (await notificationsOf(api2, ADMIN_TOKEN, `caseId=${c.id}`)).filter((n) => n.kind !== 'last-day');
          if (items.every((n) => n.status === 'delivered')) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(items.map((n) => [n.kind, n.status]).sort()).toEqual([
          ['term-opened', 'delivered'],
          ['two-days-left', 'delivered'],
        ]);
        const ids = hook.received.map((r) => r.headers['x-appeals-notification-id']);
        expect(ids.filter((id) => id === byKind(items, 'term-opened')[0].id)).toHaveLength(2); // 503, then 200 after the restart
        expect(ids.filter((id) => id === byKind(items, 'two-days-left')[0].id)).toHaveLength(1);
        for (const r of hook.received)
          expect(r.headers['x-appeals-signature']).toBe(
            `sha256=${createHmac('sha256', secret).update(r.raw).digest('hex')}`,
          );
        expect((await notificationsOf(api2, ADMIN_TOKEN, `caseId=${c.id}&kind=last-day`))[0].status).toBe('pending'); // Monday's, not due yet
      } finally {
        await sut.close();
        await hook.close();
      }
    });
  });
});
