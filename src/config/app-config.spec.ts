import { randomBytes } from 'node:crypto';
import { ConfigurationError, loadConfig, secretStrengthBits } from './app-config';

describe(loadConfig.name, () => {
  it('gives the SPEC §8 defaults', () => {
    const sut = loadConfig({});
    expect(sut).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:data/appeals.sqlite',
      adminToken: undefined,
      logLevel: 'info',
      dataDir: 'data',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['APPEALS_ADMIN_TOKEN', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['APPEALS_SESSION_IDLE_MINUTES', '0'],
    ['APPEALS_SESSION_MAX_HOURS', 'twelve'],
    ['HOST', 'example.com'],
    ['HOST', '300.1.1.1'],
    ['APPEALS_RATE_LIMIT_ADDRESS', '-1'],
    ['APPEALS_AUTH_FAILURE_LIMIT', 'many'],
    ['APPEALS_REQUEST_TIMEOUT', '1'],
    ['APPEALS_TRUST_PROXY', '10.0.0.0/33'],
  ])('a bad %s stops the start with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}`));
  });

  it('listens on 127.0.0.1 unless HOST says otherwise (issue 12: not on every interface by default)', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
  });

  it('reads the limits and the trusted proxies', () => {
    const sut = loadConfig({
      APPEALS_RATE_LIMIT_ADDRESS: '900',
      APPEALS_AUTH_FAILURE_LIMIT: '5',
      APPEALS_REQUEST_TIMEOUT: '30',
      APPEALS_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
    });
    expect(sut).toMatchObject({
      rateLimitPerAddress: 900,
      authFailureLimit: 5,
      requestTimeoutMs: 30_000,
      trustProxy: ['127.0.0.1', '10.0.0.0/8'],
    });
  });

  it('accepts a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).databaseUrl).toBe(
      'postgres://postgres@127.0.0.1:5432/test',
    );
  });

  it('reads the web session timeouts and the trusted proxies', () => {
    expect(
      loadConfig({
        APPEALS_SESSION_IDLE_MINUTES: '15',
        APPEALS_SESSION_MAX_HOURS: '8',
        APPEALS_TRUST_PROXY: '10.0.0.0/8, loopback',
      }),
    ).toMatchObject({
      sessionIdleMinutes: 15,
      sessionMaxHours: 8,
      trustProxy: ['10.0.0.0/8', 'loopback'],
    });
  });

  it.each([
    ['a repeated character', 'aaaaaaaaaaaaaaaaaaaaaaaa'],
    ['a short cycle', 'abcabcabcabcabcabcabcabcabc'],
    ['a keyboard walk', 'qwertyuiopqwertyuiopqwerty'],
  ])('refuses a weak APPEALS_ADMIN_TOKEN (%s), naming it', (_what, token) => {
    expect(() => loadConfig({ APPEALS_ADMIN_TOKEN: token })).toThrow(/APPEALS_ADMIN_TOKEN is too easy to guess/);
  });

  it('accepts a random APPEALS_ADMIN_TOKEN (32 random bytes, base64url), and APPEALS_ADMIN_TOKEN_ROTATE=1', () => {
    const token = randomBytes(32).toString('base64url');
    expect(secretStrengthBits(token)).toBeGreaterThanOrEqual(128);
    expect(loadConfig({ APPEALS_ADMIN_TOKEN: token, APPEALS_ADMIN_TOKEN_ROTATE: '1' })).toMatchObject({
      adminToken: token,
      adminTokenRotate: true,
    });
  });
});
