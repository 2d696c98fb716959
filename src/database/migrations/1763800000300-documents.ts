import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Supporting documents (p.98), content-addressed by SHA-256, and the bodies that uploaded each. Table API: same schema on SQLite and PostgreSQL. */
export class Documents1763800000300 implements MigrationInterface {
  name = 'Documents1763800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'documents',
        columns: [
          { name: 'sha256', type: 'varchar', length: '64', isPrimary: true },
          { name: 'size', type: 'integer' },
          { name: 'media_type', type: 'varchar', length: '100' },
          { name: 'original_name', type: 'varchar', length: '300' },
          { name: 'uploaded_by', type: 'varchar', length: '36' },
          { name: 'body_code', type: 'varchar', length: '40', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '40' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_bodies',
        columns: [
          { name: 'sha256', type: 'varchar', length: '64', isPrimary: true },
          { name: 'body_code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'original_name', type: 'varchar', length: '300' },
          { name: 'uploaded_by', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'varchar', length: '40' },
        ],
        foreignKeys: [{ columnNames: ['sha256'], referencedTableName: 'documents', referencedColumnNames: ['sha256'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('document_bodies');
    await q.dropTable('documents');
  }
}
