import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

/**
 * Shipped calendar files met at start, by SHA-256, and the dates an administrator's newer correction kept
 * (issue 13, "a newer shipped calendar file reaches running deployments"). No foreign keys: like most tables
 * here, integrity comes from writing them in the same transaction as the calendar version they describe.
 */
export class CalendarImports1763800001001 implements MigrationInterface {
  name = 'CalendarImports1763800001001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_imports',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'year', type: 'integer' },
          { name: 'file', type: 'varchar', length: '200' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'revised', type: 'varchar', length: '10', isNullable: true },
          { name: 'version_id', type: 'integer', isNullable: true },
          { name: 'based_on_version_id', type: 'integer', isNullable: true },
          { name: 'entries', type: 'text' },
          { name: 'applied_dates', type: 'text' },
          { name: 'conflict_count', type: 'integer' },
          { name: 'imported_at', type: 'varchar', length: '40' },
        ],
      }),
    );
    await q.createIndex(
      'calendar_imports',
      new TableIndex({ name: 'ix_calendar_imports_year', columnNames: ['year'] }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_import_conflicts',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'import_id', type: 'integer' },
          { name: 'year', type: 'integer' },
          { name: 'date', type: 'varchar', length: '10' },
          { name: 'shipped', type: 'text', isNullable: true },
          { name: 'kept', type: 'text', isNullable: true },
          { name: 'correction_version_id', type: 'integer', isNullable: true },
          { name: 'corrected_by', type: 'varchar', length: '200', isNullable: true },
          { name: 'corrected_at', type: 'varchar', length: '40', isNullable: true },
          { name: 'detected_at', type: 'varchar', length: '40' },
        ],
        uniques: [new TableUnique({ name: 'uq_calendar_import_conflicts_date', columnNames: ['import_id', 'date'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('calendar_import_conflicts');
    await q.dropIndex('calendar_imports', 'ix_calendar_imports_year');
    await q.dropTable('calendar_imports');
  }
}
