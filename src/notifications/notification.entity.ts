import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export const NOTIFICATION_KINDS = [
  'term-opened',
  'two-days-left',
  'last-day',
  'missed',
  'results-dispatched',
  'conclusion-transmitted',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** The kinds that remind of a term still running: cancelled or moved with it. */
export const REMINDER_KINDS: NotificationKind[] = ['two-days-left', 'last-day'];
export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

const bigint = { to: (v: number) => v, from: (v: string | number) => Number(v) };
const nullableBigint = {
  to: (v: number | null) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

/**
 * The outbox: one row per notification, written in the transaction of the event it reports, so a
 * notification exists iff its event committed. `id` is the stable de-duplication id receivers see.
 */
@Entity('notifications')
@Index('ix_notifications_due', ['status', 'dueMs'])
@Index('ix_notifications_case', ['caseId', 'createdAt'])
@Index('ix_notifications_deadline', ['deadlineId', 'status'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'case_id', type: 'varchar', length: 36 }) caseId: string;
  @Column({ name: 'deadline_id', type: 'varchar', length: 36, nullable: true }) deadlineId: string | null;
  @Column({ type: 'varchar', length: 30 }) kind: NotificationKind;
  @Column({ type: 'varchar', length: 10 }) law: string;
  /** JSON: case, body, authority, term, due instant and the texts in kk/ru/en. */
  @Column({ type: 'text' }) payload: string;
  /** Not delivered before this instant (ms since the epoch). */
  @Column({ name: 'due_ms', type: 'bigint', transformer: bigint }) dueMs: number;
  @Column({ type: 'varchar', length: 12 }) status: NotificationStatus;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
}

/** A receiver of notifications. The secret is stored as is: it signs every delivery (HMAC-SHA256). */
@Entity('webhooks')
export class WebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 2000 }) url: string;
  @Column({ type: 'varchar', length: 200 }) secret: string;
  @Column({ type: 'boolean', default: () => 'true' }) active: boolean;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
}

/** One notification to one webhook: each webhook gets each notification at least once, independently. */
@Entity('notification_deliveries')
@Index('ix_notification_deliveries_next', ['deliveredAt', 'nextAttemptMs'])
export class NotificationDeliveryEntity {
  @PrimaryColumn({ name: 'notification_id', type: 'varchar', length: 36 }) notificationId: string;
  @PrimaryColumn({ name: 'webhook_id', type: 'varchar', length: 36 }) webhookId: string;
  /** The foreign keys the migration declares (never loaded). */
  @ManyToOne(() => NotificationEntity, { nullable: false })
  @JoinColumn({ name: 'notification_id' })
  notification?: NotificationEntity;
  @ManyToOne(() => WebhookEntity, { nullable: false }) @JoinColumn({ name: 'webhook_id' }) webhook?: WebhookEntity;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ name: 'next_attempt_ms', type: 'bigint', transformer: bigint }) nextAttemptMs: number;
  @Column({ name: 'lease_owner', type: 'varchar', length: 60, nullable: true }) leaseOwner: string | null;
  @Column({ name: 'lease_until', type: 'bigint', nullable: true, transformer: nullableBigint }) leaseUntil:
    number | null;
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @Column({ name: 'delivered_at', type: 'varchar', length: 40, nullable: true }) deliveredAt: string | null;
}
