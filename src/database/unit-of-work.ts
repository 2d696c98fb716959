import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The most transactions one SQLite commit carries (group commit). */
export const MAX_GROUP = 64;
/** PostgreSQL: how many transactions may be open at once (fewer than the pool's connections). */
export const PG_TRANSACTION_LIMIT = 6;

export type Work<T> = (manager: EntityManager) => Promise<T>;

/**
 * Every write of the service runs as `unitOfWork.run(work)`: one database transaction, committed before
 * the promise resolves (so an answered command is durable, SPEC §9). A `run` inside a `run` joins the outer
 * transaction. Reads outside a transaction go through the read connection (src/database/read-db.ts), never
 * through the writer, so they never see uncommitted work.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: Work<T>): Promise<T>;
}

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * SQLite through `sqlite3` has one connection per DataSource, so transactions on it must run one at a time.
 * This unit of work owns one query runner of the writer and:
 * - runs transactions strictly one after the other, each `BEGIN IMMEDIATE` (another process on the same
 *   file makes it wait on busy_timeout for the write lock up front, instead of failing half-way);
 * - group commit: the transactions that queued while one ran are run together inside ONE transaction, each
 *   in its own savepoint (a refused one rolls back to its savepoint; the others go on), and every caller is
 *   answered only after the single COMMIT — durable (synchronous=FULL) for the price of one fsync;
 * - a `run` inside a `run` joins the transaction it is in.
 * It drives the query runner with plain SQL (BEGIN IMMEDIATE / SAVEPOINT / COMMIT) and touches no TypeORM
 * internals. Work must not call TypeORM's own `transaction()` or `save()` (they would BEGIN again).
 */
export class SqliteUnitOfWork extends UnitOfWork {
  private readonly queue: Pending[] = [];
  private readonly current = new AsyncLocalStorage<EntityManager>();
  private busy = false;
  private runner: QueryRunner | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly maxGroup = MAX_GROUP,
  ) {
    super();
  }

  run<T>(work: Work<T>): Promise<T> {
    const joined = this.current.getStore();
    if (joined) return work(joined);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work, resolve: resolve as (v: unknown) => void, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        await this.runGroup(group);
      }
    } finally {
      this.busy = false;
    }
  }

  private async runGroup(group: Pending[]): Promise<void> {
    this.runner ??= this.dataSource.createQueryRunner('master');
    const runner = this.runner;
    const sql = (text: string) => runner.query(text);
    const manager = runner.manager;
    const outcomes: { ok: boolean; value?: unknown; error?: unknown }[] = [];
    try {
      await sql('BEGIN IMMEDIATE');
    } catch (error) {
      group.forEach((p) => p.reject(error));
      return;
    }
    try {
      for (const [i, item] of group.entries()) {
        const savepoint = group.length > 1 ? `uow_${i}` : undefined;
        if (savepoint) await sql(`SAVEPOINT ${savepoint}`);
        try {
          const value = await this.current.run(manager, () => item.work(manager));
          if (savepoint) await sql(`RELEASE ${savepoint}`);
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (savepoint) {
            await sql(`ROLLBACK TO ${savepoint}`);
            await sql(`RELEASE ${savepoint}`);
          }
          outcomes.push({ ok: false, error });
        }
      }
      if (outcomes.some((o) => o.ok)) await sql('COMMIT');
      else await sql('ROLLBACK');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      group.forEach((p) => p.reject(error));
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? group[i].resolve(o.value) : group[i].reject(o.error)));
  }

  async close(): Promise<void> {
    await this.runner?.release();
    this.runner = undefined;
  }
}

/**
 * PostgreSQL has real connections and row locks: transactions run in parallel, at most `limit` at once so that
 * reads made through the pool while transactions are open always find a connection (40 concurrent objections
 * once hung a pool of 10). A `run` inside a `run` joins the outer transaction.
 */
export class PostgresUnitOfWork extends UnitOfWork {
  private readonly current = new AsyncLocalStorage<EntityManager>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly limit = PG_TRANSACTION_LIMIT,
  ) {
    super();
  }

  async run<T>(work: Work<T>): Promise<T> {
    const joined = this.current.getStore();
    if (joined) return work(joined);
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await this.dataSource.transaction((manager) => this.current.run(manager, () => work(manager)));
    } finally {
      // A finishing transaction hands its slot straight to the next waiter, so `active` never exceeds `limit`.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export function createUnitOfWork(dataSource: DataSource): UnitOfWork {
  return dataSource.options.type === 'sqlite' ? new SqliteUnitOfWork(dataSource) : new PostgresUnitOfWork(dataSource);
}
