import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Reminders (issue 5): the notification outbox, the webhooks it is delivered to, and one delivery row
 * per (notification, webhook) with its attempts, backoff and lease — all in the database, so nothing
 * is lost on restart.
 */
export class Notifications1763800000500 implements MigrationInterface {
  name = 'Notifications1763800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'deadline_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'law', type: 'varchar', length: '10' },
          { name: 'payload', type: 'text' },
          { name: 'due_ms', type: 'bigint' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'created_at', type: 'varchar', length: '40' },
        ],
      }),
    );
    // The dispatcher reads pending rows by due time; reminders are cancelled or moved by their deadline.
    await q.createIndex(
      'notifications',
      new TableIndex({ name: 'ix_notifications_due', columnNames: ['status', 'due_ms'] }),
    );
    await q.createIndex(
      'notifications',
      new TableIndex({ name: 'ix_notifications_case', columnNames: ['case_id', 'created_at'] }),
    );
    await q.createIndex(
      'notifications',
      new TableIndex({ name: 'ix_notifications_deadline', columnNames: ['deadline_id', 'status'] }),
    );

    await q.createTable(
      new Table({
        name: 'webhooks',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'url', type: 'varchar', length: '2000' },
          { name: 'secret', type: 'varchar', length: '200' },
          { name: 'active', type: 'boolean', default: true },
          { name: 'created_at', type: 'varchar', length: '40' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          { name: 'notification_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'webhook_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_ms', type: 'bigint' },
          { name: 'lease_owner', type: 'varchar', length: '60', isNullable: true },
          { name: 'lease_until', type: 'bigint', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'delivered_at', type: 'varchar', length: '40', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['notification_id'], referencedTableName: 'notifications', referencedColumnNames: ['id'] },
          { columnNames: ['webhook_id'], referencedTableName: 'webhooks', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createIndex(
      'notification_deliveries',
      new TableIndex({ name: 'ix_notification_deliveries_next', columnNames: ['delivered_at', 'next_attempt_ms'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification_deliveries');
    await q.dropTable('webhooks');
    await q.dropTable('notifications');
  }
}
