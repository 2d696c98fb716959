import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Durable legal terms (SPEC §3, §4, §9): one row per open term of a case, fired once by the scheduler. */
export class Deadlines1763800000200 implements MigrationInterface {
  name = 'Deadlines1763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'deadlines',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'law', type: 'varchar', length: '10' },
          { name: 'term_from', type: 'varchar', length: '40' },
          { name: 'term', type: 'varchar', length: '100' },
          { name: 'due_at', type: 'varchar', length: '40' },
          { name: 'due_ms', type: 'bigint' },
          { name: 'calendar_version', type: 'integer' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'lease_owner', type: 'varchar', length: '60', isNullable: true },
          { name: 'lease_until', type: 'bigint', isNullable: true },
          { name: 'fired_at', type: 'varchar', length: '40', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '40' },
        ],
      }),
    );
    // The sweep reads only open rows by due time: a partial-like index on (status, due_ms) keeps it
    // proportional to the due rows, not to all open ones (bench/sweep).
    await q.createIndex('deadlines', new TableIndex({ name: 'ix_deadlines_due', columnNames: ['status', 'due_ms'] }));
    await q.createIndex('deadlines', new TableIndex({ name: 'ix_deadlines_case', columnNames: ['case_id', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('deadlines');
  }
}
