import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Accounts can be disabled and their tokens rotated or made to expire (issue 12); each account is its own
 * hash chain of audited changes in `events` (stream type `account`), projected here by version and last hash.
 */
export class AccountLifecycle1763800003000 implements MigrationInterface {
  name = 'AccountLifecycle1763800003000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('accounts', [
      new TableColumn({ name: 'disabled_at', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'token_expires_at', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'token_rotated_at', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'last_used_at', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'version', type: 'integer', default: 0 }),
      new TableColumn({ name: 'last_hash', type: 'varchar', length: '64', default: `'${'0'.repeat(64)}'` }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of [
      'last_hash',
      'version',
      'last_used_at',
      'token_rotated_at',
      'token_expires_at',
      'disabled_at',
    ])
      await q.dropColumn('accounts', column);
  }
}
