import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { PeriodicWorker } from '../common/periodic-worker';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { NotificationDeliveryEntity, NotificationEntity, WebhookEntity } from './notification.entity';
import { LIVE_REMINDER } from './notifications.service';
import { WebhookTransport } from './webhook-transport';

export const DELIVERY_INTERVAL_MS = 1_000;
/** Longer than a whole batch can take (DELIVERY_CONCURRENCY parallel posts of at most DELIVERY_TIMEOUT_MS each). */
export const DELIVERY_LEASE_MS = 60_000;
export const DELIVERY_BATCH = 50;
export const DELIVERY_CONCURRENCY = 8;
export const DELIVERY_TIMEOUT_MS = 5_000;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 3_600_000;

export interface DeliveryReport {
  claimed: number;
  delivered: number;
  failed: number;
}

/**
 * The wait before the next attempt after `attempts` failed ones: 5 s × 2^(attempts−1), capped at 1 h,
 * shortened by up to 10 % with a jitter derived from the delivery's key — so retries of many
 * deliveries spread out, yet the schedule is reproducible without a random source.
 */
export function backoffMs(attempts: number, key: string): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
  const jitter = createHash('sha256').update(`${key}:${attempts}`).digest().readUInt32BE(0) / 2 ** 32;
  return Math.round(base * (1 - 0.1 * jitter));
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`: what a receiver recomputes with its secret. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers the outbox to every active webhook (issue 5), like DeadlineScheduler a leased sweep:
 * - for each due pending notification and each active webhook a delivery row is made; rows are claimed
 *   with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), so several instances never post one at once;
 * - a 2xx marks it delivered; anything else, a network error or a timeout counts an attempt and
 *   schedules the next with exponential backoff — forever (at least once), until the webhook is deactivated;
 * - a notification is `delivered` once every active webhook has it;
 * - all state is in the database: a restart (or a crash, once the lease expires) loses nothing.
 * Receivers de-duplicate by the notification id: a crash between the POST and its record re-sends it.
 */
@Injectable()
export class NotificationDispatcher extends PeriodicWorker<DeliveryReport> {
  protected readonly logger = new Logger(NotificationDispatcher.name);
  private readonly instance = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private sweeps = 0;

  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly transport: WebhookTransport,
  ) {
    super(config, config.sweepIntervalMs ?? DELIVERY_INTERVAL_MS);
  }

  /** One sweep: every delivery due now, in leased batches. Public for tests. */
  deliverDue(): Promise<DeliveryReport> {
    return this.runOnce();
  }

  protected work(): Promise<DeliveryReport> {
    return this.doDeliver();
  }

  protected summary(report: DeliveryReport) {
    return report.claimed ? { msg: 'notifications delivered', ...report } : undefined;
  }

  private async doDeliver(): Promise<DeliveryReport> {
    const report: DeliveryReport = { claimed: 0, delivered: 0, failed: 0 };
    // No webhook: nothing to do, the notifications stay pending and queryable.
    if ((await this.reader.manager.countBy(WebhookEntity, { active: true })) === 0) return report;
    const nowMs = this.clock.now().getTime();
    await this.unitOfWork.run(async (m) => {
      await this.settle(m, nowMs);
      await this.plan(m, nowMs);
    });
    for (;;) {
      const owner = `${this.instance}:${++this.sweeps}`;
      const claimed = await this.unitOfWork.run((m) => this.claim(m, owner, nowMs));
      if (claimed.length === 0) return report;
      report.claimed += claimed.length;
      const notifications = new Map(
        (
          await this.reader.manager.findBy(NotificationEntity, {
            id: In([...new Set(claimed.map((d) => d.notificationId))]),
          })
        ).map((n) => [n.id, n]),
      );
      const webhooks = new Map(
        (
          await this.reader.manager.findBy(WebhookEntity, { id: In([...new Set(claimed.map((d) => d.webhookId))]) })
        ).map((w) => [w.id, w]),
      );
      let next = 0;
      const worker = async () => {
        while (next < claimed.length) {
          const delivery = claimed[next++];
          const ok = await this.attempt(
            delivery,
            notifications.get(delivery.notificationId)!,
            webhooks.get(delivery.webhookId)!,
            owner,
          );
          report[ok ? 'delivered' : 'failed']++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, claimed.length) }, worker));
      if (claimed.length < DELIVERY_BATCH) return report;
    }
  }

  /** One POST, then its record: delivered, or one more attempt with the next one scheduled. */
  private async attempt(
    delivery: NotificationDeliveryEntity,
    n: NotificationEntity,
    webhook: WebhookEntity,
    owner: string,
  ): Promise<boolean> {
    const body = JSON.stringify({
      id: n.id,
      kind: n.kind,
      caseId: n.caseId,
      law: n.law,
      payload: JSON.parse(n.payload) as unknown,
      createdAt: n.createdAt,
    });
    let error: string | null = null;
    try {
      const { status } = await this.transport.post({
        url: webhook.url,
        body,
        timeoutMs: DELIVERY_TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'X-Appeals-Notification-Id': n.id,
          'X-Appeals-Signature': signatureOf(webhook.secret, body),
          'X-Appeals-Timestamp': String(Math.floor(this.clock.now().getTime() / 1000)),
        },
      });
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      error =
        err.name === 'TimeoutError'
          ? `timeout after ${DELIVERY_TIMEOUT_MS} ms`
          : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
    }
    const key = { notificationId: n.id, webhookId: webhook.id };
    const at = this.clock.now();
    try {
      await this.unitOfWork.run(async (m) => {
        if (error === null) {
          // Delivered is delivered, even if the lease ran out meanwhile.
          await m.update(NotificationDeliveryEntity, key, {
            deliveredAt: at.toISOString(),
            attempts: delivery.attempts + 1,
            lastError: null,
            leaseOwner: null,
            leaseUntil: null,
          });
          await this.settle(m, at.getTime(), n.id);
        } else {
          const attempts = delivery.attempts + 1;
          await m.update(
            NotificationDeliveryEntity,
            { ...key, leaseOwner: owner },
            {
              attempts,
              nextAttemptMs: at.getTime() + backoffMs(attempts, `${n.id}:${webhook.id}`),
              lastError: error.slice(0, 500),
              leaseOwner: null,
              leaseUntil: null,
            },
          );
        }
      });
    } catch (recordError) {
      // The lease expires and a later sweep tries again: at least once.
      this.logger.error({
        msg: 'delivery not recorded',
        notificationId: n.id,
        webhookId: webhook.id,
        error: String(recordError),
      });
    }
    if (error !== null)
      this.logger.warn({
        msg: 'notification not delivered',
        notificationId: n.id,
        webhookId: webhook.id,
        attempts: delivery.attempts + 1,
        error,
      });
    return error === null;
  }

  /** A delivery row per (due pending notification, active webhook) that lacks one; it is due at once. */
  private async plan(m: EntityManager, nowMs: number): Promise<void> {
    const { p, yes } = this.dialect(m);
    await m.query(
      `INSERT INTO notification_deliveries (notification_id, webhook_id, attempts, next_attempt_ms)
       SELECT n.id, w.id, 0, n.due_ms FROM notifications n CROSS JOIN webhooks w
       WHERE n.status = 'pending' AND n.due_ms <= ${p(1)} AND w.active = ${p(2)} AND ${LIVE_REMINDER('n')}
         AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id AND d.webhook_id = w.id)
       ON CONFLICT DO NOTHING`,
      [nowMs, yes],
    );
  }

  /** Pending notifications (or just `id`) that every active webhook has received become `delivered`. */
  private async settle(m: EntityManager, nowMs: number, id?: string): Promise<void> {
    const { p, yes } = this.dialect(m);
    await m.query(
      `UPDATE notifications SET status = 'delivered'
       WHERE status = 'pending' AND due_ms <= ${p(1)}${id ? ` AND id = ${p(3)}` : ''}
         AND EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = notifications.id AND d.delivered_at IS NOT NULL)
         AND NOT EXISTS (
           SELECT 1 FROM webhooks w WHERE w.active = ${p(2)}
             AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = notifications.id AND d.webhook_id = w.id AND d.delivered_at IS NOT NULL))`,
      id ? [nowMs, yes, id] : [nowMs, yes],
    );
  }

  /** Leases up to DELIVERY_BATCH due deliveries to `owner`; an expired lease (a crashed instance) is claimed again. */
  private async claim(m: EntityManager, owner: string, nowMs: number): Promise<NotificationDeliveryEntity[]> {
    const { p, yes, pg } = this.dialect(m);
    const pick = `SELECT d.notification_id, d.webhook_id FROM notification_deliveries d
      JOIN notifications n ON n.id = d.notification_id JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.delivered_at IS NULL AND d.next_attempt_ms <= ${p(3)} AND (d.lease_until IS NULL OR d.lease_until < ${p(3)})
        AND n.status = 'pending' AND ${LIVE_REMINDER('n')} AND w.active = ${p(4)}
      ORDER BY d.next_attempt_ms LIMIT ${p(5)}${pg ? ' FOR UPDATE OF d SKIP LOCKED' : ''}`;
    await m.query(
      `UPDATE notification_deliveries SET lease_owner = ${p(1)}, lease_until = ${p(2)} WHERE (notification_id, webhook_id) IN (${pick})`,
      [owner, nowMs + DELIVERY_LEASE_MS, nowMs, yes, DELIVERY_BATCH],
    );
    return m.find(NotificationDeliveryEntity, { where: { leaseOwner: owner }, order: { nextAttemptMs: 'ASC' } });
  }

  private dialect(m: EntityManager) {
    const pg = m.connection.options.type === 'postgres';
    // Numbered placeholders: PostgreSQL reuses $3; SQLite's ?NNN does the same.
    return { pg, p: (i: number) => (pg ? `$${i}` : `?${i}`), yes: pg ? true : 1 };
  }
}
