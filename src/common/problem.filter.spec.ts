import { NotFoundException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { toDomainError } from './problem.filter';

describe(toDomainError.name, () => {
  it('hides the message and stack of an unexpected error behind `internal`', () => {
    const sut = toDomainError(new Error('SQLITE_CORRUPT at /var/lib/secret.sqlite'));
    expect(sut.internal).toBe(true);
    expect(sut.domain).toMatchObject({ type: 'internal', status: 500, detail: 'Internal error' });
  });

  it('keeps a domain refusal as it is', () => {
    const refusal = new DomainError('deadline-passed', 'D1 ended', { law: 'p.99' });
    expect(toDomainError(refusal)).toEqual({ domain: refusal, internal: false });
  });

  it('turns a unique-constraint race into version-conflict, not a 500', () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "uq_cases_conclusion"'), { driverError: { code: '23505' } });
    expect(toDomainError(pg).domain.type).toBe('version-conflict');
    const sqlite = Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: cases.body_code'), { code: 'SQLITE_CONSTRAINT' });
    expect(toDomainError(sqlite).domain.type).toBe('version-conflict');
  });

  it('turns a framework 404 into not-found and a body-parser 400 into validation-failed naming the body', () => {
    expect(toDomainError(new NotFoundException('Cannot GET /x')).domain.type).toBe('not-found');
    const parse = toDomainError(Object.assign(new Error('Unexpected token } in JSON'), { statusCode: 400 }));
    expect(parse.domain.type).toBe('validation-failed');
    expect(parse.domain.extra.invalidParams).toEqual([{ name: 'body', reason: 'The request body is not valid JSON' }]);
  });
});
