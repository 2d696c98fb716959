import sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { ensurePostgresSchema, prepareSqliteFile, startError, withMigrationLock } from './database-guards';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** PostgreSQL pool size (the unit of work keeps fewer transactions than this open at once). */
export const PG_POOL_SIZE = 10;

/**
 * The one source of database options, used by the Nest app, the CLI and the tests
 * (STYLE: "database options written twice so they drift" is an anti-pattern).
 * `synchronize` is always false: the schema comes only from migrations.
 */
export function databaseOptions(databaseUrl: string): DataSourceOptions {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    return {
      type: 'sqlite',
      database: file,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      enableWAL: true,
      busyTimeout: 10_000,
      // TypeORM calls sqlite3.verbose(), which captures a stack trace on every statement (a large share of the
      // CPU of a command); hand it the module with a verbose() that leaves tracing off.
      driver: { verbose: () => sqlite3 },
      logging: false,
    };
  }
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  return {
    type: 'postgres',
    url: url.toString(),
    schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: PG_POOL_SIZE, ...(schema ? { options: `-c search_path=${schema}` } : {}) },
  };
}

/**
 * Opens the database, applies the durability settings and runs pending migrations.
 * SQLite: WAL with synchronous=FULL, so a command answered 2xx survives a crash (SPEC §9).
 */
export async function openDatabase(databaseUrl: string, queryLogger?: Logger): Promise<DataSource> {
  const base = databaseOptions(databaseUrl);
  // A query logger (bench/commands counts statements per command) sees every statement of both connections.
  const options: DataSourceOptions = queryLogger ? { ...base, logging: ['query'], logger: queryLogger } : base;
  // File modes, start-up messages naming the file or host, the migration lock: src/database/database-guards.ts.
  if (options.type === 'sqlite') prepareSqliteFile(options.database);
  await ensurePostgresSchema(options);
  const dataSource = new DataSource(options);
  await dataSource.initialize().catch((error) => {
    throw startError(options, error);
  });
  if (options.type === 'sqlite') await dataSource.query('PRAGMA synchronous = FULL');
  await withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  return dataSource;
}

/**
 * The connection reads go through outside transactions. SQLite: a second connection to the same file,
 * read-only — in WAL mode it reads the last committed state while the writer's connection holds an open
 * transaction (or another process holds the write lock), and never sees uncommitted work. PostgreSQL: the
 * writer's pool already gives every statement its own committed snapshot, so reads share it.
 */
export async function openReader(writer: DataSource): Promise<{ dataSource: DataSource; owned: boolean }> {
  const options = writer.options;
  if (options.type !== 'sqlite' || options.database === ':memory:') return { dataSource: writer, owned: false };
  const reader = new DataSource({ ...options, migrations: [], migrationsRun: false });
  await reader.initialize();
  await reader.query('PRAGMA query_only = ON');
  return { dataSource: reader, owned: true };
}
