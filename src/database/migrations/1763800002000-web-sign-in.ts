import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Signing in to the web pages (issue 14): user names and password hashes beside the accounts, server-side
 * sessions shared by every instance, and the record of every sign-in attempt (from which lockouts are computed).
 */
export class WebSignIn1763800002000 implements MigrationInterface {
  name = 'WebSignIn1763800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'account_credentials',
        columns: [
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_name', type: 'varchar', length: '64' },
          { name: 'password_hash', type: 'varchar', length: '200' },
          { name: 'must_change', type: 'boolean' },
          { name: 'password_set_at', type: 'varchar', length: '40' },
          { name: 'password_set_by', type: 'varchar', length: '36' },
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex(
      'account_credentials',
      new TableIndex({ name: 'uq_account_credentials_user_name', columnNames: ['user_name'], isUnique: true }),
    );

    await q.createTable(
      new Table({
        name: 'web_sessions',
        columns: [
          { name: 'id_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'csrf_secret', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '40' },
          { name: 'last_seen_at', type: 'varchar', length: '40' },
          { name: 'expires_at', type: 'varchar', length: '40' },
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex(
      'web_sessions',
      new TableIndex({ name: 'ix_web_sessions_account', columnNames: ['account_id'] }),
    );
    await q.createIndex(
      'web_sessions',
      new TableIndex({ name: 'ix_web_sessions_expires', columnNames: ['expires_at'] }),
    );

    await q.createTable(
      new Table({
        name: 'sign_in_attempts',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'at', type: 'varchar', length: '40' },
          { name: 'user_name', type: 'varchar', length: '64' },
          { name: 'account_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'address', type: 'varchar', length: '64' },
          { name: 'user_agent', type: 'varchar', length: '300', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '20' },
        ],
      }),
    );
    await q.createIndex(
      'sign_in_attempts',
      new TableIndex({ name: 'ix_sign_in_attempts_user_name', columnNames: ['user_name', 'at'] }),
    );
    await q.createIndex(
      'sign_in_attempts',
      new TableIndex({ name: 'ix_sign_in_attempts_address', columnNames: ['address', 'at'] }),
    );
    await q.createIndex('sign_in_attempts', new TableIndex({ name: 'ix_sign_in_attempts_at', columnNames: ['at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sign_in_attempts');
    await q.dropTable('web_sessions');
    await q.dropTable('account_credentials');
  }
}
