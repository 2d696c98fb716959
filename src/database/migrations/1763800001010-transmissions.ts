import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Issue 13, p.92/p.94/p.96: the register of final conclusions transmitted to the informatization authority (one row
 * per closed case of workflow v2). Written with the Table API so SQLite and PostgreSQL get the same schema.
 */
export class Transmissions1763800001010 implements MigrationInterface {
  name = 'Transmissions1763800001010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'transmissions',
        columns: [
          { name: 'case_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'recipient_code', type: 'varchar', length: '40' },
          { name: 'law', type: 'varchar', length: '10' },
          { name: 'cycle_code', type: 'varchar', length: '20' },
          { name: 'direction', type: 'varchar', length: '20' },
          { name: 'body_code', type: 'varchar', length: '40' },
          { name: 'authority_code', type: 'varchar', length: '40' },
          { name: 'conclusion_version', type: 'integer' },
          { name: 'outcome', type: 'varchar', length: '40' },
          { name: 'transmitted_at', type: 'varchar', length: '40' },
        ],
      }),
    );
    await q.createIndex(
      'transmissions',
      new TableIndex({ name: 'ix_transmissions_register', columnNames: ['recipient_code', 'cycle_code', 'direction'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('transmissions', 'ix_transmissions_register');
    await q.dropTable('transmissions');
  }
}
