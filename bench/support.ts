import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { configureApp, createAdapter } from '../src/bootstrap';
import { Clock, FixedClock } from '../src/common/clock';
import { AppConfig } from '../src/config/app-config';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

/** The real service on a fresh SQLite file (or DATABASE_URL), listening on 127.0.0.1, workers off, a clock the bench moves. */
export async function startBenchApp(
  now: string,
  databaseUrl?: string,
  queryLogger?: import('typeorm').Logger,
): Promise<{ app: NestFastifyApplication; url: string; clock: FixedClock; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'appeals-bench-'));
  const config: AppConfig = {
    port: 0,
    databaseUrl: databaseUrl ?? `sqlite:${join(dir, 'appeals.sqlite')}`,
    adminToken: BENCH_ADMIN_TOKEN,
    logLevel: 'silent',
    dataDir: dir,
    workers: false,
    rateLimitPerMinute: 0,
    ...(queryLogger ? { queryLogger } : {}),
    rateLimitPerAddress: 0,
    authFailureLimit: 0,
  };
  const clock = new FixedClock(new Date(now));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), { logger: false });
  configureApp(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, clock, dir };
}

export function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  return fn().then(() => Number(process.hrtime.bigint() - t0) / 1e9);
}
