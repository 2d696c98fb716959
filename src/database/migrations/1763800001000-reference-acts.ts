import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex, TableUnique } from 'typeorm';

/**
 * Rules are acts (issue 13): the versioned indicator catalogue of each direction, and the act fields of rule sets
 * (number, date, adoption, repeal) beside their existing period in force (`valid_from`, `valid_to`). Written with
 * the Table API so SQLite and PostgreSQL get the same schema.
 */
export class ReferenceActs1763800001000 implements MigrationInterface {
  name = 'ReferenceActs1763800001000';

  async up(q: QueryRunner): Promise<void> {
    const actColumns = () => [
      { name: 'act_number', type: 'varchar', length: '60', isNullable: true },
      { name: 'act_date', type: 'varchar', length: '10', isNullable: true },
      { name: 'adopted_on', type: 'varchar', length: '10', isNullable: true },
      { name: 'repealed_by_act_number', type: 'varchar', length: '60', isNullable: true },
      { name: 'repealed_by_act_date', type: 'varchar', length: '10', isNullable: true },
      { name: 'repeal_effective_from', type: 'varchar', length: '10', isNullable: true },
      { name: 'repeal_recorded_at', type: 'varchar', length: '40', isNullable: true },
      { name: 'repeal_recorded_by', type: 'varchar', length: '200', isNullable: true },
    ];
    await q.createTable(
      new Table({
        name: 'indicator_catalogues',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'code', type: 'varchar', length: '60' },
          { name: 'direction', type: 'varchar', length: '20' },
          { name: 'act_title', type: 'text' },
          ...actColumns(),
          { name: 'in_force_from', type: 'varchar', length: '10' },
          { name: 'in_force_until', type: 'varchar', length: '10', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '40' },
          { name: 'created_by', type: 'varchar', length: '200' },
        ],
        uniques: [new TableUnique({ name: 'uq_indicator_catalogues_code', columnNames: ['code'] })],
      }),
    );
    await q.createIndex(
      'indicator_catalogues',
      new TableIndex({ name: 'ix_indicator_catalogues_direction', columnNames: ['direction', 'in_force_from'] }),
    );
    await q.createTable(
      new Table({
        name: 'catalogue_indicators',
        columns: [
          { name: 'catalogue_id', type: 'integer', isPrimary: true },
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'position', type: 'integer' },
          { name: 'title_kk', type: 'text' },
          { name: 'title_ru', type: 'text' },
          { name: 'title_en', type: 'text' },
          { name: 'scale_max', type: 'integer', isNullable: true },
          { name: 'scale_values', type: 'text', isNullable: true },
        ],
      }),
    );
    await q.addColumns(
      'rule_sets',
      [...actColumns(), { name: 'created_by', type: 'varchar', length: '200', isNullable: true }].map(
        (c) => new TableColumn(c),
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of [
      'created_by',
      'repeal_recorded_by',
      'repeal_recorded_at',
      'repeal_effective_from',
      'repealed_by_act_date',
      'repealed_by_act_number',
      'adopted_on',
      'act_date',
      'act_number',
    ]) {
      await q.dropColumn('rule_sets', column);
    }
    await q.dropTable('catalogue_indicators');
    await q.dropIndex('indicator_catalogues', 'ix_indicator_catalogues_direction');
    await q.dropTable('indicator_catalogues');
  }
}
