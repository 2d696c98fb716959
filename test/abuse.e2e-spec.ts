import type { Response } from 'supertest';
import { ADMIN_TOKEN, TestApp, bearer, startTestApp } from './support/test-app';

/** Abuse (SPEC §7, §9): rate limits per account, size limits, security headers, no secrets in logs, no stack traces. */
describe('Abuse and hardening', () => {
  let sut: TestApp;
  const logs: string[] = [];

  beforeAll(async () => {
    sut = await startTestApp({
      rateLimitPerMinute: 30,
      rateLimitWindowMs: 1_500,
      logLevel: 'info',
      logStream: { write: (line: string) => void logs.push(line) },
    });
  });
  afterAll(async () => {
    await sut.close();
  });

  it('answers carry security headers and no cache for API data', async () => {
    const res = await sut.http().get('/api/v1/calendar/days/2025-01-05').expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    });
  });

  it('a JSON body over 1 MiB is refused with payload-too-large, not a 500', async () => {
    const res = await sut
      .http()
      .post('/api/v1/bodies')
      .set(bearer(ADMIN_TOKEN))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ code: 'X', nameKk: 'x'.repeat(1_100_000), nameRu: 'y', kind: 'agency' }))
      .expect(413);
    expect(res.body.code).toBe('payload-too-large');
  });

  it('bearer tokens and idempotency keys never reach the logs', async () => {
    await sut
      .http()
      .get('/api/v1/accounts/me')
      .set(bearer(ADMIN_TOKEN))
      .set('Idempotency-Key', 'secret-key-123')
      .expect(200);
    await sut.http().get('/api/v1/accounts/me').set(bearer('a-wrong-token-that-must-not-be-logged')).expect(401);
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).toContain('"reqId"');
    // One format (issue 11 item 5): every line is pino JSON with an ISO time and a level name; requests in one line
    // each, with the request id, the account id (never the token), the route and the time taken.
    const lines = logs
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    for (const line of lines)
      expect(line).toMatchObject({
        level: expect.any(String),
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        msg: expect.any(String),
      });
    const requests = lines.filter((l) => l.msg === 'request' && l.url === '/api/v1/accounts/me');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      reqId: expect.any(String),
      route: '/api/v1/accounts/me',
      status: 200,
      account: expect.any(String),
      ms: expect.any(Number),
    });
    expect(requests[1]).toMatchObject({ status: 401, account: null });
    expect(lines.some((l) => l.context === 'Problem' && l.msg === 'refused' && l.type === 'unauthenticated')).toBe(
      true,
    );
    expect(all).not.toContain(ADMIN_TOKEN);
    expect(all).not.toContain('a-wrong-token-that-must-not-be-logged');
    expect(all).not.toContain('secret-key-123');
  });

  it('an account over its rate limit gets 429 rate-limited with Retry-After, and its budget refills', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await sut.http().get('/api/v1/accounts/me').set(bearer(ADMIN_TOKEN));
      if (res.status === 429) limited = res;
    }
    if (!limited) throw new Error('40 requests over the limit were never answered 429');
    expect(limited.body.code).toBe('rate-limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    // When the window ends the budget is back (a minute in service; 1.5 s here).
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    await sut.http().get('/api/v1/accounts/me').set(bearer(ADMIN_TOKEN)).expect(200);
  });

  it('a path traversal attempt is a clean 4xx without internals', async () => {
    const res = await sut.http().get('/api/v1/cases/../../etc/passwd').set(bearer(ADMIN_TOKEN));
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
