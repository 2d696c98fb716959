import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseOptions, openDatabase } from '../src/database/database-options';
import { ADMIN_TOKEN, TestApp, bearer, startTestApp } from './support/test-app';

/**
 * Faults spoken plainly (issue 12 item 5, SPEC §9): a database that is busy or cannot be written answers
 * 503 with Retry-After and a problem type naming the cause, /health/ready says so, and nothing half-written
 * stays behind. Safe defaults (item 6): the database files are 0600.
 */
const onPostgres = process.env.DATABASE_URL?.startsWith('postgres') ?? false;
const sqliteOnly = onPostgres ? describe.skip : describe;
const postgresOnly = onPostgres ? describe : describe.skip;

const body = (code: string) => ({ code, nameKk: 'Сынақ органы', nameRu: 'Тестовый орган', kind: 'agency' });

/** A second process that opens the SQLite file and holds its write lock (BEGIN IMMEDIATE) until killed. */
function holdWriteLock(file: string): Promise<ChildProcess> {
  const script = `
    const sqlite3 = require('sqlite3');
    const db = new sqlite3.Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE; INSERT INTO cycles (code, title, year) SELECT code, title, year FROM cycles WHERE 0;', (err) => {
      if (err) { console.error(err.message); process.exit(2); }
      console.log('locked');
    });
    setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['-e', script, file], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve(child));
    child.stderr.on('data', (chunk: Buffer) => reject(new Error(chunk.toString())));
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

/**
 * Makes `file` unwritable even for root (the suite may run as root, which ignores mode bits): the immutable
 * attribute where we are root, mode 0444 otherwise. Returns the undo.
 */
function makeReadOnly(file: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', file]);
    return () => execFileSync('chattr', ['-i', file]);
  }
  chmodSync(file, 0o444);
  return () => chmodSync(file, 0o600);
}

sqliteOnly('SQLite faults: 503 with Retry-After, never 500, nothing changed', () => {
  it('a write lock held by another process: writes answer 503 database-busy with Retry-After, /health/ready is not ok', async () => {
    const sut = await startTestApp();
    const file = String(sut.dataSource.options.database);
    let holder: ChildProcess | undefined;
    try {
      try {
        await sut.http().post('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).send(body('BEFORE')).expect(201);
        holder = await holdWriteLock(file);

        const ready = await sut.http().get('/api/v1/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(ready.body.code).toBe('database-busy');
        expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
        // The process itself is alive: an orchestrator must not restart it for a lock someone else holds.
        await sut.http().get('/api/v1/health/live').expect(200);

        const write = await sut.http().post('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).send(body('DURING'));
        expect(write.status).toBe(503);
        expect(write.body).toMatchObject({
          code: 'database-busy',
          status: 503,
          type: '/api/v1/problems/database-busy',
        });
        expect(write.body.titles.kk).toMatch(/Дерекқор/);
        expect(Number(write.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        holder?.kill('SIGKILL');
      }
      // The lock is gone: the refused write left nothing, the next one goes through.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sut.http().get('/api/v1/health/ready').expect(200);
      const rows = await sut.dataSource.query(`SELECT code FROM bodies WHERE code IN ('BEFORE', 'DURING')`);
      expect(rows.map((r: { code: string }) => r.code)).toEqual(['BEFORE']);
      await sut.http().post('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).send(body('AFTER')).expect(201);
    } finally {
      holder?.kill('SIGKILL');
      await sut.close();
    }
  }, 60_000);

  it('a read-only database file: reads answer, writes answer 503 database-read-only with Retry-After, /health/ready is not ok', async () => {
    const first = await startTestApp();
    const url = first.config.databaseUrl;
    const dir = first.config.dataDir;
    const file = String(first.dataSource.options.database);
    await first.http().post('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).send(body('KEPT')).expect(201);
    await first.stop();

    const undo = makeReadOnly(file);
    let sut: TestApp | undefined;
    try {
      sut = await startTestApp({ databaseUrl: url, dataDir: dir });
      await sut.http().get('/api/v1/health/live').expect(200);
      const ready = await sut.http().get('/api/v1/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.code).toBe('database-read-only');
      expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);

      const read = await sut.http().get('/api/v1/accounts/me').set(bearer(ADMIN_TOKEN));
      expect(read.status).toBe(200);

      const write = await sut.http().post('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).send(body('REFUSED'));
      expect(write.status).toBe(503);
      expect(write.body).toMatchObject({ code: 'database-read-only', status: 503 });
      expect(Number(write.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.stringify(write.body)).not.toMatch(/SQLITE|\.ts:\d+/);
      const rows = await sut.dataSource.query(`SELECT code FROM bodies WHERE code IN ('KEPT', 'REFUSED')`);
      expect(rows.map((r: { code: string }) => r.code)).toEqual(['KEPT']);
    } finally {
      await sut?.stop();
      undo();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('the database file and its -wal and -shm are created 0600 (they hold IINs), and an older 0644 file is tightened', async () => {
    const sut = await startTestApp();
    try {
      const file = String(sut.dataSource.options.database);
      await sut.http().post('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).send(body('MODES')).expect(201);
      for (const each of [file, `${file}-wal`, `${file}-shm`])
        expect((statSync(each).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await sut.close();
    }

    const dir = mkdtempSync(join(tmpdir(), 'appeals-modes-'));
    const old = join(dir, 'old.sqlite');
    closeSync(openSync(old, 'w', 0o644));
    chmodSync(old, 0o644);
    const data = await openDatabase(`sqlite:${old}`);
    try {
      expect((statSync(old).mode & 0o777).toString(8)).toBe('600');
      expect((statSync(`${old}-wal`).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await data.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database file that cannot be opened stops the start with a message naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appeals-bad-'));
    const notADir = join(dir, 'file');
    writeFileSync(notADir, 'x');
    try {
      await expect(openDatabase(`sqlite:${join(notADir, 'appeals.sqlite')}`)).rejects.toThrow(
        new RegExp(`^cannot open SQLite file ${notADir.replace(/[/.]/g, '\\$&')}/appeals\\.sqlite: `),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

postgresOnly('PostgreSQL start-up', () => {
  const base = process.env.DATABASE_URL!;

  it('an unreachable server stops the start with a message naming host and port (no password)', async () => {
    const url = new URL(base);
    url.port = '1';
    url.password = 'secret-password';
    const attempt = openDatabase(url.toString());
    await expect(attempt).rejects.toThrow(/^cannot reach PostgreSQL at (127\.0\.0\.1|localhost):1\/\w+: /);
    await attempt.catch((error: Error) => expect(error.message).not.toContain('secret-password'));
  });

  it('a read-only server (a standby, default_transaction_read_only): writes answer 503 database-read-only, /health/ready is not ok', async () => {
    const first = await startTestApp();
    const schema = String((first.dataSource.options as { schema?: string }).schema);
    const role = `appeals_ro_${Date.now().toString(36)}`;
    await first.http().post('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).send(body('KEPT')).expect(201);
    await first.dataSource.query(`CREATE ROLE ${role} LOGIN`);
    await first.dataSource.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
    await first.dataSource.query(`GRANT ALL ON ALL TABLES IN SCHEMA "${schema}" TO ${role}`);
    await first.dataSource.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA "${schema}" TO ${role}`);
    await first.dataSource.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
    const url = new URL(first.config.databaseUrl);
    url.username = role;
    let sut: TestApp | undefined;
    try {
      sut = await startTestApp({ databaseUrl: url.toString(), dataDir: first.config.dataDir });
      const ready = await sut.http().get('/api/v1/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.code).toBe('database-read-only');
      expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
      await sut.http().get('/api/v1/accounts/me').set(bearer(ADMIN_TOKEN)).expect(200);
      const write = await sut.http().post('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).send(body('REFUSED'));
      expect(write.status).toBe(503);
      expect(write.body.code).toBe('database-read-only');
      expect(Number(write.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await sut?.stop();
      await first.dataSource.query(`DROP OWNED BY ${role}`);
      await first.dataSource.query(`DROP ROLE ${role}`);
      await first.close();
    }
  });

  it('two instances starting together on an empty schema both start: migrations run once, under an advisory lock', async () => {
    const schema = `t_race_${Date.now().toString(36)}`;
    const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;
    // Without the lock the two starts deadlock or collide; a bounded wait turns that into a red test.
    const both = Promise.allSettled([openDatabase(url), openDatabase(url)]);
    const started = await Promise.race([
      both,
      new Promise<PromiseSettledResult<never>[]>((resolve) =>
        setTimeout(
          () =>
            resolve([
              { status: 'rejected', reason: 'no start within 30 s' },
              { status: 'rejected', reason: 'no start within 30 s' },
            ]),
          30_000,
        ),
      ),
    ]);
    const opened = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(started.map((s) => (s.status === 'fulfilled' ? 'started' : String(s.reason)))).toEqual([
        'started',
        'started',
      ]);
      const applied = await opened[0].query(`SELECT name FROM "${schema}".migrations ORDER BY id`);
      expect(applied.length).toBe((databaseOptions(url).migrations as unknown[]).length);
      expect(new Set(applied.map((r: { name: string }) => r.name)).size).toBe(applied.length);
    } finally {
      if (opened[0]) await opened[0].query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await Promise.all(opened.map((d) => d.destroy()));
    }
  });
});
