import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, Logger } from 'typeorm';
import { openReader } from './database-options';
import { SqliteUnitOfWork } from './unit-of-work';

/** Records every statement the writer's connection runs. */
class StatementLog implements Logger {
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describe(SqliteUnitOfWork.name, () => {
  let dir: string;
  let writer: DataSource;
  let reader: DataSource;
  let log: StatementLog;
  let sut: SqliteUnitOfWork;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uow-'));
    log = new StatementLog();
    writer = new DataSource({
      type: 'sqlite',
      database: join(dir, 'db.sqlite'),
      enableWAL: true,
      logging: ['query'],
      logger: log,
    });
    await writer.initialize();
    await writer.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
    reader = (await openReader(writer)).dataSource;
    sut = new SqliteUnitOfWork(writer);
    log.statements.length = 0;
  });

  afterEach(async () => {
    await sut.close();
    await reader.destroy();
    await writer.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (v: string) => sut.run((m) => m.query('INSERT INTO t (v) VALUES (?)', [v]));
  const rows = async () => (await reader.query<{ v: string }[]>('SELECT v FROM t ORDER BY id')).map((r) => r.v);

  it('runs one transaction as BEGIN IMMEDIATE … COMMIT and answers after the commit', async () => {
    await insert('a');
    expect(log.statements).toEqual(['BEGIN IMMEDIATE', 'INSERT INTO t (v) VALUES (?)', 'COMMIT']);
    expect(await rows()).toEqual(['a']);
  });

  it('commits transactions that queued while one ran together, each in a savepoint (group commit)', async () => {
    await Promise.all(['a', 'b', 'c', 'd'].map(insert));
    expect(log.statements.filter((s) => s === 'COMMIT')).toHaveLength(2); // the first alone, the three that queued behind it together
    expect(log.statements.filter((s) => s.startsWith('SAVEPOINT'))).toHaveLength(3);
    expect(await rows()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls a failing transaction back to its savepoint; the others of its group commit', async () => {
    const results = await Promise.allSettled([insert('a'), insert('b'), insert('a'), insert('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await rows()).toEqual(['a', 'b', 'c']);
  });

  it('a failing lone transaction is rolled back entirely', async () => {
    await expect(
      sut.run(async (m) => {
        await m.query('INSERT INTO t (v) VALUES (?)', ['x']);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(log.statements.at(-1)).toBe('ROLLBACK');
    expect(await rows()).toEqual([]);
  });

  it('a run inside a run joins it: one transaction, rolled back as a whole', async () => {
    await expect(
      sut.run(async (m) => {
        await m.query('INSERT INTO t (v) VALUES (?)', ['outer']);
        await sut.run((inner) => inner.query('INSERT INTO t (v) VALUES (?)', ['inner']));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(log.statements.filter((s) => s.startsWith('BEGIN'))).toHaveLength(1);
    expect(await rows()).toEqual([]);
  });

  it('never runs two transactions at once on the one connection', async () => {
    let open = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sut.run(async (m) => {
          most = Math.max(most, ++open);
          await m.query('INSERT INTO t (v) VALUES (?)', [`v${i}`]);
          await new Promise((resolve) => setTimeout(resolve, 1));
          open--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(await rows()).toHaveLength(20);
  });

  it('the read connection never sees uncommitted work, and reads while a transaction is open', async () => {
    let seenInside: string[] | undefined;
    await sut.run(async (m) => {
      await m.query('INSERT INTO t (v) VALUES (?)', ['pending']);
      seenInside = await rows();
    });
    expect(seenInside).toEqual([]);
    expect(await rows()).toEqual(['pending']);
  });
});
