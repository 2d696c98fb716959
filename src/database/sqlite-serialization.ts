import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';

/**
 * TypeORM drives SQLite through ONE shared connection and one shared query runner: two concurrent
 * `transaction()` calls would nest into each other's savepoints, and a plain read could see another
 * request's uncommitted writes. This makes the embedded default safe:
 * - write transactions run one at a time (an async mutex), each as BEGIN IMMEDIATE, so a second
 *   process on the same file waits for the write lock (busy_timeout) instead of failing mid-way;
 * - a query outside any transaction waits while a transaction is open, so nobody reads uncommitted data;
 * - a transaction opened inside a transaction joins it (a savepoint), as TypeORM does.
 * PostgreSQL has real connections and row locks and is left alone.
 */
export function installSqliteSerialization(dataSource: DataSource): void {
  if (dataSource.options.type !== 'sqlite') return;
  const context = new AsyncLocalStorage<{ inTransaction: true }>();
  let tail: Promise<unknown> = Promise.resolve();
  let holders = 0;
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(
      async () => {
        holders++;
        try {
          return await work();
        } finally {
          holders--;
        }
      },
    );
    tail = run.catch(() => undefined);
    return run;
  };

  const manager = dataSource.manager;
  const originalTransaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    if (context.getStore()) return originalTransaction(...args);
    return exclusive(() => context.run({ inTransaction: true }, () => originalTransaction(...args)));
  };

  const runner = dataSource.driver.createQueryRunner('master');
  const originalQuery = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  (runner as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (query: unknown, ...rest: unknown[]) => {
    if (context.getStore()) {
      return originalQuery(query === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : query, ...rest);
    }
    if (holders === 0) return originalQuery(query, ...rest);
    return exclusive(() => originalQuery(query, ...rest));
  };
}
