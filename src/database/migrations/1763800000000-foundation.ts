import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Calendar versions and accounts. Written with TypeORM's Table API so SQLite and PostgreSQL get the same schema. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_versions',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'created_at', type: 'varchar', length: '40' },
          { name: 'actor', type: 'varchar', length: '200' },
          { name: 'note', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_years',
        columns: [
          { name: 'version_id', type: 'integer', isPrimary: true },
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'source', type: 'text' },
        ],
        foreignKeys: [
          { columnNames: ['version_id'], referencedTableName: 'calendar_versions', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_entries',
        columns: [
          { name: 'version_id', type: 'integer', isPrimary: true },
          { name: 'date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'category', type: 'varchar', length: '20' },
          { name: 'name_kk', type: 'text' },
          { name: 'name_ru', type: 'text' },
          { name: 'name_en', type: 'text' },
          { name: 'act', type: 'text' },
          { name: 'details', type: 'text' },
        ],
        foreignKeys: [
          { columnNames: ['version_id'], referencedTableName: 'calendar_versions', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'accounts',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'role', type: 'varchar', length: '40' },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'display_name', type: 'varchar', length: '300' },
          { name: 'person_iin', type: 'varchar', length: '12', isNullable: true },
          { name: 'body_code', type: 'varchar', length: '40', isNullable: true },
          { name: 'authority_code', type: 'varchar', length: '40', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '40' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('accounts');
    await q.dropTable('calendar_entries');
    await q.dropTable('calendar_years');
    await q.dropTable('calendar_versions');
  }
}
