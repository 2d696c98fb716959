import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { adapterLogger, configureApp, createAdapter } from '../../src/bootstrap';
import { PinoNestLogger } from '../../src/common/logger';
import { Clock, FixedClock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  clock: FixedClock;
  dataSource: DataSource;
  config: AppConfig;
  close: () => Promise<void>;
  /** Stops the app but keeps its database, for restart tests. */
  stop: () => Promise<void>;
}

/**
 * The real service over HTTP: a real SQLite file built by the migrations, or — when DATABASE_URL is a
 * postgres:// URL (npm run test:pg) — a fresh schema of that PostgreSQL database.
 */
export function testDatabaseUrl(): { url: string; cleanup: () => void; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'appeals-e2e-'));
  const base = process.env.DATABASE_URL;
  if (base?.startsWith('postgres')) {
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;
    return { url, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  return {
    url: `sqlite:${join(dir, 'appeals.sqlite')}`,
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function startTestApp(
  options: {
    now?: string;
    databaseUrl?: string;
    dataDir?: string;
    clock?: FixedClock;
    workers?: boolean;
    logLevel?: string;
    logStream?: { write(line: string): void };
    /** Rate limits are off in tests unless one asks (src/common/rate-limit.ts). */
    rateLimitPerMinute?: number;
    rateLimitPerAddress?: number;
    authFailureLimit?: number;
    rateLimitWindowMs?: number;
    requestTimeoutMs?: number;
    trustProxy?: string;
    calendarDir?: string;
    adminToken?: string;
    adminTokenRotate?: boolean;
  } = {},
): Promise<TestApp> {
  const db = options.databaseUrl
    ? { url: options.databaseUrl, dir: options.dataDir!, cleanup: () => undefined }
    : testDatabaseUrl();
  // Background workers are off unless a test asks: tests sweep deadlines themselves, at the moment they choose.
  const config: AppConfig = {
    port: 0,
    databaseUrl: db.url,
    adminToken: options.adminToken ?? ADMIN_TOKEN,
    ...(options.adminTokenRotate ? { adminTokenRotate: true } : {}),
    logLevel: options.logLevel ?? 'silent',
    dataDir: db.dir,
    workers: options.workers ?? false,
    sweepIntervalMs: 50,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    rateLimitPerAddress: options.rateLimitPerAddress ?? 0,
    authFailureLimit: options.authFailureLimit ?? 0,
    ...(options.rateLimitWindowMs ? { rateLimitWindowMs: options.rateLimitWindowMs } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.calendarDir ? { calendarDir: options.calendarDir } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy.split(',').map((p) => p.trim()) } : {}),
  };
  const clock = options.clock ?? new FixedClock(new Date(options.now ?? '2025-02-03T05:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const adapter = createAdapter(config, options.logStream);
  const app = moduleRef.createNestApplication<NestFastifyApplication>(adapter, {
    logger: new PinoNestLogger(adapterLogger(adapter)),
  });
  configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  const stop = async () => {
    await app.close();
  };
  return {
    app,
    http: () => inEnglish(request(app.getHttpServer())),
    clock,
    dataSource,
    config,
    stop,
    close: async () => {
      if (dataSource.options.type === 'postgres' && dataSource.isInitialized) {
        const schema = (dataSource.options as { schema?: string }).schema;
        // The app's own workers may still hold row locks in the schema: PostgreSQL can pick the DROP as a deadlock's
        // victim, which says nothing about the test. Try again after a moment (a cleanup, not an assertion).
        for (let attempt = 1; schema; attempt++) {
          try {
            await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            break;
          } catch (error) {
            if (attempt >= 5 || !/deadlock detected/.test(String((error as Error).message))) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
          }
        }
      }
      await stop();
      db.cleanup();
    },
  };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);

/**
 * Issue 11: answers speak the language asked for, Kazakh when none is. The e2e suites read English details, so
 * every request of `sut.http()` asks for English unless the test sets its own `Accept-Language` (a later `.set`
 * replaces this one). Web pages choose their language by the reader's cookie, and Kazakh or Russian only, from
 * the header (src/web/web-gate.ts), so pages are unaffected.
 */
function inEnglish(agent: ReturnType<typeof request>): ReturnType<typeof request> {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !METHODS.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => { set(k: string, v: string): unknown })
          .apply(target, args)
          .set('Accept-Language', 'en');
    },
  });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
