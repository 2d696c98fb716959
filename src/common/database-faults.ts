import type { ProblemType } from './problem-types';

export type DatabaseFault = Extract<
  ProblemType,
  'database-busy' | 'database-read-only' | 'database-storage-full' | 'database-unavailable'
>;

/** SQLite result codes (the sqlite3 driver's `code`), by the fault they mean. */
const SQLITE: Record<string, DatabaseFault> = {
  SQLITE_BUSY: 'database-busy',
  SQLITE_LOCKED: 'database-busy',
  SQLITE_READONLY: 'database-read-only',
  SQLITE_FULL: 'database-storage-full',
  SQLITE_IOERR: 'database-storage-full',
  SQLITE_CANTOPEN: 'database-unavailable',
};

/** PostgreSQL SQLSTATEs (appendix A of its manual). */
const POSTGRES: Record<string, DatabaseFault> = {
  '53300': 'database-busy', // too_many_connections
  '55P03': 'database-busy', // lock_not_available
  '40P01': 'database-busy', // deadlock_detected
  '57014': 'database-busy', // query_canceled (statement timeout)
  '53200': 'database-busy', // out_of_memory
  '25006': 'database-read-only', // read_only_sql_transaction (a standby, default_transaction_read_only)
  '53100': 'database-storage-full', // disk_full
  '58030': 'database-storage-full', // io_error
  '57P01': 'database-unavailable', // admin_shutdown
  '57P02': 'database-unavailable', // crash_shutdown
  '57P03': 'database-unavailable', // cannot_connect_now (starting up, recovering)
  '08000': 'database-unavailable',
  '08001': 'database-unavailable',
  '08003': 'database-unavailable',
  '08004': 'database-unavailable',
  '08006': 'database-unavailable',
};

/** Operating-system errors of the socket or the file system (the database, the documents folder). */
const SYSTEM: Record<string, DatabaseFault> = {
  ENOSPC: 'database-storage-full',
  EDQUOT: 'database-storage-full',
  EIO: 'database-storage-full',
  EROFS: 'database-read-only',
  ECONNREFUSED: 'database-unavailable',
  ECONNRESET: 'database-unavailable',
  ETIMEDOUT: 'database-unavailable',
  EHOSTUNREACH: 'database-unavailable',
  ENETUNREACH: 'database-unavailable',
  ENOTFOUND: 'database-unavailable',
  EAI_AGAIN: 'database-unavailable',
  EPIPE: 'database-unavailable',
};

/** node-postgres and its pool say these in words, without a code. */
const POSTGRES_MESSAGES: [RegExp, DatabaseFault][] = [
  [
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i,
    'database-unavailable',
  ],
  [/sorry, too many clients already/i, 'database-busy'],
];

/**
 * The fault behind an error thrown by the database driver, TypeORM (which copies the driver's fields onto its
 * QueryFailedError and keeps the original as `driverError`) or the file system — or null for any other error.
 * These are the service's conditions, not the client's: they are answered 503 with Retry-After.
 */
export function databaseFault(error: unknown): DatabaseFault | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let hops = 0; hops < 4 && current && typeof current === 'object' && !seen.has(current); hops++) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      const base = code.startsWith('SQLITE_') ? code.replace(/^(SQLITE_[A-Z]+?)(_[A-Z_]+)?$/, '$1') : code;
      const fault = SQLITE[code] ?? SQLITE[base] ?? POSTGRES[code] ?? SYSTEM[code];
      if (fault) return fault;
    }
    if (typeof message === 'string') {
      const sqlite = /\b(SQLITE_[A-Z]+)\b/.exec(message);
      if (sqlite && SQLITE[sqlite[1]]) return SQLITE[sqlite[1]];
      for (const [pattern, fault] of POSTGRES_MESSAGES) if (pattern.test(message)) return fault;
    }
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return null;
}
