import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseOptions } from './database-options';

describe(databaseOptions.name, () => {
  it.each(['sqlite:data/appeals.sqlite', 'postgres://postgres@127.0.0.1:5432/test?schema=x'])(
    'never synchronizes the schema (%s): migrations are the only source',
    (url) => {
      const sut = databaseOptions(url);
      expect(sut.synchronize).toBe(false);
      expect((sut.migrations as unknown[]).length).toBeGreaterThan(0);
    },
  );

  it('no file in src/ turns synchronize on', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
          if (/synchronize:\s*true/.test(readFileSync(path, 'utf8'))) offenders.push(path);
        }
      }
    };
    walk(join(__dirname, '..'));
    expect(offenders).toEqual([]);
  });

  it('keeps the PostgreSQL schema out of the connection URL and in the search path', () => {
    const sut = databaseOptions('postgres://postgres@127.0.0.1:5432/test?schema=t_1');
    expect(sut).toMatchObject({ type: 'postgres', schema: 't_1', url: 'postgres://postgres@127.0.0.1:5432/test' });
  });
});
