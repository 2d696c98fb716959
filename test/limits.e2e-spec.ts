import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsService } from '../src/auth/accounts.service';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../src/bootstrap';
import {
  DEFAULT_AUTH_FAILURES_PER_MINUTE,
  DEFAULT_RATE_PER_ADDRESS,
  DEFAULT_RATE_PER_MINUTE,
} from '../src/common/rate-limit';
import { ADMIN_TOKEN, TestApp, bearer, startTestApp } from './support/test-app';

/**
 * Limits at the edge (issue 11 item 6, issue 12 item 6): rate limits run before authentication, so a flood of
 * wrong tokens costs no database lookups; a client that trickles its request is cut off; the service listens
 * on 127.0.0.1 unless HOST says otherwise.
 */
describe('Rate limits before authentication', () => {
  let sut: TestApp;
  beforeAll(async () => {
    // The production defaults (tests otherwise run without limits).
    sut = await startTestApp({
      rateLimitPerMinute: DEFAULT_RATE_PER_MINUTE,
      rateLimitPerAddress: DEFAULT_RATE_PER_ADDRESS,
      authFailureLimit: DEFAULT_AUTH_FAILURES_PER_MINUTE,
    });
  });
  afterAll(async () => {
    await sut.close();
  });

  it('300 requests with wrong tokens: the first 20 are answered 401, the rest 429 with Retry-After — and only 20 reach the account lookup', async () => {
    const accounts = sut.app.get(AccountsService);
    const lookup = jest.spyOn(accounts, 'byToken');
    const statuses: number[] = [];
    let limited: { headers: Record<string, string>; body: { code: string; status: number } } | undefined;
    for (let i = 0; i < 300; i++) {
      const res = await sut
        .http()
        .get('/api/v1/cases')
        .set(bearer(`wrong-token-${i}-${'x'.repeat(20)}`));
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    const count = (status: number) => statuses.filter((s) => s === status).length;
    expect({ 401: count(401), 429: count(429) }).toEqual({
      401: DEFAULT_AUTH_FAILURES_PER_MINUTE,
      429: 300 - DEFAULT_AUTH_FAILURES_PER_MINUTE,
    });
    expect(lookup).toHaveBeenCalledTimes(DEFAULT_AUTH_FAILURES_PER_MINUTE);
    expect(limited!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited!.body).toMatchObject({ code: 'rate-limited', status: 429 });
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited!.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Health probes are never limited: the load balancer still sees the instance ready.
    await sut.http().get('/api/v1/health/ready').expect(200);
    lookup.mockRestore();
  });
});

describe('Slow clients', () => {
  it('a body trickling one byte a second is cut off at the request time limit (408, connection closed)', async () => {
    const sut = await startTestApp({ requestTimeoutMs: 2_000 });
    try {
      await sut.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = sut.app.getHttpServer().address() as AddressInfo;
      const socket: Socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      const started = Date.now();
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
      socket.write(
        'POST /api/v1/bodies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Authorization: Bearer ${ADMIN_TOKEN}\r\nContent-Length: 200\r\n\r\n`,
      );
      const trickle = setInterval(() => !socket.destroyed && socket.write('{'), 1_000);
      const elapsed = await Promise.race([
        closed,
        new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 15_000)),
      ]);
      clearInterval(trickle);
      socket.destroy();
      expect(elapsed).toBeLessThan(6_000);
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      // Closes whatever connection a failed run left open, so a red test ends instead of hanging.
      await Promise.race([sut.close(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      sut.app.getHttpServer().closeAllConnections?.();
    }
  }, 30_000);

  it('the default request time limit is a minute (APPEALS_REQUEST_TIMEOUT), headers within 15 s', async () => {
    const sut = await startTestApp();
    const server = sut.app.getHttpServer();
    expect(server.requestTimeout).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
    expect(server.headersTimeout).toBe(15_000);
    await sut.close();
  });
});

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const canConnect = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, host);
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

describe('HOST', () => {
  it('the service started without HOST listens on 127.0.0.1 only, and its start line names the database (password masked) and host:port', async () => {
    if (process.env.DATABASE_URL?.startsWith('postgres')) return; // one process start is enough; SQLite keeps it self-contained
    const dir = mkdtempSync(join(tmpdir(), 'appeals-host-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, 'appeals.sqlite')}`,
      APPEALS_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'info',
    };
    delete env.HOST;
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (chunk) => (out += chunk.toString()));
    try {
      const line = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line in 60 s: ${out.slice(-2000)}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const start = out.split('\n').find((l) => l.includes('"listening on'));
          if (start) {
            clearTimeout(timer);
            resolve(JSON.parse(start));
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out.slice(-2000)}`)));
      });
      expect(line).toMatchObject({
        level: 'info',
        host: '127.0.0.1',
        port,
        database: `sqlite:${join(dir, 'appeals.sqlite')}`,
        msg: expect.stringContaining(`127.0.0.1:${port}`),
      });
      expect(await canConnect('127.0.0.1', port)).toBe(true);
      // Another loopback address reaches a socket bound to every interface, not one bound to 127.0.0.1.
      expect(await canConnect('127.0.0.2', port)).toBe(false);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
