import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';

type Args = unknown[];
interface Pending {
  kind: 'transaction' | 'query';
  args: Args;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export const MAX_GROUP = 64;

/**
 * TypeORM drives SQLite through ONE shared connection and one shared query runner: two concurrent
 * `transaction()` calls would nest into each other's savepoints, and a plain read could see another
 * request's uncommitted writes. This makes the embedded default safe, and fast under concurrency:
 *
 * - transactions run one at a time, each `BEGIN IMMEDIATE` (a second process on the same file waits on
 *   busy_timeout for the write lock instead of failing half-way);
 * - group commit: transactions that queued up while one ran are run together inside ONE outer transaction,
 *   each in its own savepoint (a refused command rolls back to its savepoint; the others go on), and every
 *   caller is answered only after the single COMMIT — durable (synchronous=FULL) at the cost of one fsync;
 * - a query outside any transaction waits while a transaction is open, so nobody reads uncommitted data;
 * - a transaction opened inside a transaction joins it as a savepoint, as TypeORM does.
 * PostgreSQL has real connections and row locks and is left alone.
 */
export function installSqliteSerialization(dataSource: DataSource, maxGroup = MAX_GROUP): void {
  if (dataSource.options.type !== 'sqlite') return;
  const context = new AsyncLocalStorage<{ inTransaction: true }>();
  const queue: Pending[] = [];
  let busy = false;
  let direct = 0;
  let directDrained: (() => void) | undefined;

  const manager = dataSource.manager;
  const originalTransaction = manager.transaction.bind(manager) as (...args: Args) => Promise<unknown>;
  const runner = dataSource.driver.createQueryRunner('master');
  const originalQuery = runner.query.bind(runner) as (...args: Args) => Promise<unknown>;

  const enqueue = (kind: Pending['kind'], args: Args) =>
    new Promise<unknown>((resolve, reject) => {
      queue.push({ kind, args, resolve, reject });
      void pump();
    });

  (manager as unknown as { transaction: (...args: Args) => Promise<unknown> }).transaction = (...args: Args) =>
    context.getStore() ? originalTransaction(...args) : enqueue('transaction', args);

  (runner as unknown as { query: (...args: Args) => Promise<unknown> }).query = (query: unknown, ...rest: Args) => {
    if (context.getStore()) return originalQuery(query === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : query, ...rest);
    if (busy || queue.length > 0) return enqueue('query', [query, ...rest]);
    direct++;
    return originalQuery(query, ...rest).finally(() => {
      if (--direct === 0 && directDrained) directDrained();
    });
  };

  async function pump(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      if (direct > 0) await new Promise<void>((resolve) => (directDrained = resolve));
      directDrained = undefined;
      while (queue.length > 0) {
        const head = queue[0];
        if (head.kind === 'query') {
          queue.shift();
          await originalQuery(...head.args).then(head.resolve, head.reject);
          continue;
        }
        const group: Pending[] = [];
        while (queue.length > 0 && queue[0].kind === 'transaction' && group.length < maxGroup) group.push(queue.shift()!);
        if (group.length === 1) {
          await context.run({ inTransaction: true }, () => originalTransaction(...group[0].args)).then(group[0].resolve, group[0].reject);
          continue;
        }
        const outcomes: { ok: boolean; value?: unknown; error?: unknown }[] = [];
        try {
          await context.run({ inTransaction: true }, () =>
            originalTransaction(async () => {
              for (const item of group) {
                try {
                  outcomes.push({ ok: true, value: await originalTransaction(...item.args) });
                } catch (error) {
                  outcomes.push({ ok: false, error });
                }
              }
            }),
          );
          outcomes.forEach((o, i) => (o.ok ? group[i].resolve(o.value) : group[i].reject(o.error)));
        } catch (error) {
          for (const item of group) item.reject(error);
        }
      }
    } finally {
      busy = false;
    }
  }
}

/**
 * PostgreSQL: at most `limit` transactions at once, fewer than the pool's connections. Code inside a
 * transaction sometimes reads through the pool (a cache miss, the current calendar); if every pooled
 * connection were held by an open transaction, those reads would wait forever. Keeping connections free
 * for them makes that impossible. A transaction inside a transaction joins it, as with SQLite.
 */
export function installPostgresTransactionLimit(dataSource: DataSource, limit: number): void {
  if (dataSource.options.type !== 'postgres') return;
  const context = new AsyncLocalStorage<{ inTransaction: true }>();
  let active = 0;
  const waiting: (() => void)[] = [];
  const manager = dataSource.manager;
  const originalTransaction = manager.transaction.bind(manager) as (...args: Args) => Promise<unknown>;
  (manager as unknown as { transaction: (...args: Args) => Promise<unknown> }).transaction = async (...args: Args) => {
    if (context.getStore()) return originalTransaction(...args);
    // A finishing transaction hands its slot straight to the next waiter, so `active` never exceeds `limit`.
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await context.run({ inTransaction: true }, () => originalTransaction(...args));
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
