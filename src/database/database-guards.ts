import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { maskDatabaseUrl } from '../common/logger';

/**
 * The database is opened, prepared or migrated and cannot be: the message names the file or the host
 * (issue 12), and main.ts prints it without a stack.
 */
export class DatabaseStartError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DatabaseStartError';
  }
}

/** Files holding IINs are readable by the service's user only (issue 12: they were world-readable). */
export const DATABASE_FILE_MODE = 0o600;
export const DATABASE_DIR_MODE = 0o700;

/** The files SQLite keeps for one database. */
export function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Before SQLite opens `file`: its folder exists (created 0700 when it did not), the file exists 0600 (an empty
 * file is a new database; SQLite gives the -wal and -shm files it creates the mode of the database file), and
 * files of an older install are tightened to 0600 when this user owns them.
 */
export function prepareSqliteFile(file: string): void {
  if (file === ':memory:') return;
  const path = resolve(file);
  try {
    mkdirSync(dirname(path), { recursive: true, mode: DATABASE_DIR_MODE });
    if (!existsSync(path)) closeSync(openSync(path, 'a', DATABASE_FILE_MODE));
  } catch (error) {
    throw new DatabaseStartError(`cannot open SQLite file ${path}: ${reason(error)}`, error);
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  for (const each of sqliteFiles(path)) {
    try {
      const stat = statSync(each);
      if ((stat.mode & 0o777) !== DATABASE_FILE_MODE && stat.uid === uid) chmodSync(each, DATABASE_FILE_MODE);
    } catch {
      // Absent (no -journal in WAL mode), or not ours to change: SQLite will say what it can do with it.
    }
  }
}

/** `host:port/database` of a PostgreSQL URL, for messages (no user, no password). */
export function postgresTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return maskDatabaseUrl(url);
  }
}

/** An error of opening the database, said with the file or host it concerns. */
export function startError(options: DataSourceOptions, error: unknown): DatabaseStartError {
  if (error instanceof DatabaseStartError) return error;
  if (options.type === 'sqlite')
    return new DatabaseStartError(
      `cannot open SQLite file ${resolve(String(options.database))}: ${reason(error)}`,
      error,
    );
  const url = (options as { url?: string }).url ?? '';
  return new DatabaseStartError(`cannot reach PostgreSQL at ${postgresTarget(url)}: ${reason(error)}`, error);
}

/**
 * How often Nest's TypeORM module retries opening the database at start: a SQLite file that cannot be opened
 * will not open three seconds later; a PostgreSQL server may still be starting (orchestrated starts).
 */
export function startRetryOptions(databaseUrl: string): { retryAttempts: number; retryDelay: number } {
  return databaseUrl.startsWith('sqlite:')
    ? { retryAttempts: 0, retryDelay: 0 }
    : { retryAttempts: 5, retryDelay: 3_000 };
}

/** The advisory lock key every instance of the service takes to migrate (any fixed 64-bit number). */
export const MIGRATION_LOCK_KEY = 7_638_000_010_001;

/**
 * PostgreSQL: runs `work` (creating the schema, running migrations) while holding a session advisory lock on a
 * connection of its own, so instances started together on an empty database migrate one after the other — the
 * second finds the migrations applied and runs none. SQLite needs none: migrations run in a transaction that
 * takes the file's write lock.
 */
export async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  const runner = dataSource.createQueryRunner('master');
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

/**
 * PostgreSQL with `?schema=NAME`: creates the schema if it does not exist, under a transaction-scoped advisory
 * lock (two `CREATE SCHEMA IF NOT EXISTS` at once can still collide on the catalogue's unique index).
 */
export async function ensurePostgresSchema(options: DataSourceOptions): Promise<void> {
  if (options.type !== 'postgres' || !options.schema) return;
  const bootstrap = new DataSource({ ...options, schema: undefined, extra: { max: 1 }, entities: [], migrations: [] });
  try {
    await bootstrap.initialize();
  } catch (error) {
    throw startError(options, error);
  }
  try {
    // Asked first: a read-only server (a standby) refuses even CREATE SCHEMA IF NOT EXISTS, yet may serve reads.
    const exists = await bootstrap.query<unknown[]>('SELECT 1 FROM pg_namespace WHERE nspname = $1', [options.schema]);
    if (exists.length === 0) {
      await bootstrap.transaction(async (m) => {
        await m.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await m.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema!.replace(/"/g, '')}"`);
      });
    }
  } finally {
    await bootstrap.destroy();
  }
}
