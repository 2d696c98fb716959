import { databaseFault } from './database-faults';
import { maskDatabaseUrl } from './logger';

describe(databaseFault.name, () => {
  const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
  const typeorm = (driverError: object) => Object.assign(new Error('query failed'), { driverError });

  it.each([
    [withCode('SQLITE_BUSY', 'SQLITE_BUSY: database is locked'), 'database-busy'],
    [withCode('SQLITE_READONLY', 'SQLITE_READONLY: attempt to write a readonly database'), 'database-read-only'],
    [withCode('SQLITE_FULL'), 'database-storage-full'],
    [withCode('SQLITE_IOERR'), 'database-storage-full'],
    [typeorm({ code: '25006' }), 'database-read-only'],
    [typeorm({ code: '53100' }), 'database-storage-full'],
    [typeorm({ code: '53300' }), 'database-busy'],
    [typeorm({ code: '57P03' }), 'database-unavailable'],
    [withCode('ECONNREFUSED'), 'database-unavailable'],
    [withCode('ENOSPC'), 'database-storage-full'],
    [new Error('Connection terminated unexpectedly'), 'database-unavailable'],
  ])('%s → %s', (error, type) => {
    expect(databaseFault(error)).toBe(type);
  });

  it('leaves every other error alone (it stays a hidden 500)', () => {
    expect(databaseFault(new TypeError('x is undefined'))).toBeNull();
    expect(databaseFault(withCode('SQLITE_CONSTRAINT'))).toBeNull();
    expect(databaseFault(typeorm({ code: '23505' }))).toBeNull();
    expect(databaseFault(undefined)).toBeNull();
  });
});

describe(maskDatabaseUrl.name, () => {
  it('masks the PostgreSQL password and keeps user, host, port and database', () => {
    expect(maskDatabaseUrl('postgres://app:s3cret@db.local:5433/appeals?schema=x')).toBe(
      'postgres://app:***@db.local:5433/appeals?schema=x',
    );
    expect(maskDatabaseUrl('sqlite:data/appeals.sqlite')).toBe('sqlite:data/appeals.sqlite');
  });
});
