import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Recorded ledger digests (SPEC §6) and an index for the auditors' refusal feed. Table API: same schema on SQLite and PostgreSQL. */
export class Audit1763800000400 implements MigrationInterface {
  name = 'Audit1763800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'ledger_digests',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'root', type: 'varchar', length: '64' },
          { name: 'stream_count', type: 'integer' },
          { name: 'event_count', type: 'integer' },
          { name: 'recorded_at', type: 'varchar', length: '40' },
          { name: 'leaves', type: 'text' },
        ],
      }),
    );
    await q.createIndex(
      'refusals',
      new TableIndex({ name: 'IDX_refusals_recorded_time', columnNames: ['recorded_time'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('refusals', 'IDX_refusals_recorded_time');
    await q.dropTable('ledger_digests');
  }
}
