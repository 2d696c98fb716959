import { ConfigurationError, loadConfig } from './app-config';

describe(loadConfig.name, () => {
  it('gives the SPEC §8 defaults', () => {
    const sut = loadConfig({});
    expect(sut).toEqual({ port: 3000, databaseUrl: 'sqlite:data/appeals.sqlite', adminToken: undefined, logLevel: 'info', dataDir: 'data' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['APPEALS_ADMIN_TOKEN', 'short'],
    ['LOG_LEVEL', 'loud'],
  ])('a bad %s stops the start with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}`));
  });

  it('accepts a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).databaseUrl).toBe(
      'postgres://postgres@127.0.0.1:5432/test',
    );
  });
});
