import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Reference data, rule sets, conclusions, cases and commissions with their event log,
 * refusals and idempotency records. Table API only, so SQLite and PostgreSQL get the same schema.
 */
export class Cases1763800000100 implements MigrationInterface {
  name = 'Cases1763800000100';

  async up(q: QueryRunner): Promise<void> {
    const ts = (name: string, nullable = false) => ({ name, type: 'varchar', length: '40', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'bodies',
        columns: [
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'name_kk', type: 'varchar', length: '500' },
          { name: 'name_ru', type: 'varchar', length: '500' },
          { name: 'name_en', type: 'varchar', length: '500', isNullable: true },
          { name: 'kind', type: 'varchar', length: '40' },
          ts('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'people',
        columns: [
          { name: 'iin', type: 'varchar', length: '12', isPrimary: true },
          { name: 'full_name', type: 'varchar', length: '300' },
          { name: 'body_code', type: 'varchar', length: '40', isNullable: true },
          { name: 'position', type: 'varchar', length: '300', isNullable: true },
          ts('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cycles',
        columns: [
          { name: 'code', type: 'varchar', length: '20', isPrimary: true },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'year', type: 'integer' },
          ts('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rule_sets',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'code', type: 'varchar', length: '40', isUnique: true },
          { name: 'valid_from', type: 'varchar', length: '10' },
          { name: 'valid_to', type: 'varchar', length: '10', isNullable: true },
          { name: 'rules', type: 'text' },
          { name: 'act', type: 'text' },
          ts('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cases',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'body_code', type: 'varchar', length: '40' },
          { name: 'direction', type: 'varchar', length: '20' },
          { name: 'cycle_code', type: 'varchar', length: '20' },
          { name: 'authority_code', type: 'varchar', length: '40' },
          { name: 'workflow_version', type: 'integer' },
          { name: 'rule_set_id', type: 'integer' },
          { name: 'state', type: 'varchar', length: '40' },
          { name: 'outcome', type: 'varchar', length: '40', isNullable: true },
          { name: 'overdue_count', type: 'integer', default: 0 },
          { name: 'escalated', type: 'boolean', default: false },
          { name: 'snapshot', type: 'text' },
          { name: 'version', type: 'integer' },
          { name: 'last_hash', type: 'varchar', length: '64' },
          ts('created_at'),
          ts('updated_at'),
        ],
        uniques: [{ name: 'uq_cases_conclusion', columnNames: ['body_code', 'direction', 'cycle_code'] }],
      }),
    );
    await q.createIndex(
      'cases',
      new TableIndex({ name: 'ix_cases_authority', columnNames: ['authority_code', 'state'] }),
    );
    await q.createIndex('cases', new TableIndex({ name: 'ix_cases_body', columnNames: ['body_code'] }));
    await q.createTable(
      new Table({
        name: 'conclusions',
        columns: [
          { name: 'case_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'items', type: 'text' },
          { name: 'evaluators', type: 'text' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'issued_by', type: 'varchar', length: '36' },
          ts('issued_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'commissions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'authority_code', type: 'varchar', length: '40' },
          { name: 'direction', type: 'varchar', length: '20' },
          { name: 'cycle_code', type: 'varchar', length: '20' },
          { name: 'workflow_version', type: 'integer' },
          { name: 'state', type: 'varchar', length: '40' },
          { name: 'snapshot', type: 'text' },
          { name: 'version', type: 'integer' },
          { name: 'last_hash', type: 'varchar', length: '64' },
          ts('created_at'),
          ts('updated_at'),
        ],
        uniques: [{ name: 'uq_commissions_scope', columnNames: ['authority_code', 'direction', 'cycle_code'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'events',
        columns: [
          { name: 'stream_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'stream_type', type: 'varchar', length: '20' },
          { name: 'type', type: 'varchar', length: '60' },
          { name: 'payload', type: 'text' },
          { name: 'actor_id', type: 'varchar', length: '36' },
          { name: 'actor_role', type: 'varchar', length: '40' },
          ts('business_time'),
          ts('recorded_time'),
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refusals',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'stream_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'command', type: 'varchar', length: '200' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '40', isNullable: true },
          { name: 'problem_type', type: 'varchar', length: '60' },
          { name: 'law', type: 'varchar', length: '40', isNullable: true },
          { name: 'detail', type: 'text' },
          { name: 'payload', type: 'text', isNullable: true },
          ts('recorded_time'),
        ],
      }),
    );
    await q.createIndex('refusals', new TableIndex({ name: 'ix_refusals_stream', columnNames: ['stream_id'] }));
    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'key', type: 'varchar', length: '200', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'status', type: 'integer' },
          { name: 'response', type: 'text' },
          ts('created_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'idempotency_keys',
      'refusals',
      'events',
      'commissions',
      'conclusions',
      'cases',
      'rule_sets',
      'cycles',
      'people',
      'bodies',
    ]) {
      await q.dropTable(t);
    }
  }
}
