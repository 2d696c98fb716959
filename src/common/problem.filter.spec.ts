import { NotFoundException } from '@nestjs/common';
import { DomainError } from './domain-error';
import type { FastifyRequest } from 'fastify';
import { refusalText } from '../workflow-runtime/refusal-messages';
import { invalidParam } from './domain-error';
import { problemDocument, toDomainError } from './problem.filter';

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
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "uq_cases_conclusion"'), {
      driverError: { code: '23505' },
    });
    expect(toDomainError(pg).domain.type).toBe('version-conflict');
    const sqlite = Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: cases.body_code'), {
      code: 'SQLITE_CONSTRAINT',
    });
    expect(toDomainError(sqlite).domain.type).toBe('version-conflict');
  });

  it('turns a framework 404 into not-found and a body-parser 400 into validation-failed naming the body', () => {
    expect(toDomainError(new NotFoundException('Cannot GET /x')).domain.type).toBe('not-found');
    const parse = toDomainError(Object.assign(new Error('Unexpected token } in JSON'), { statusCode: 400 }));
    expect(parse.domain.type).toBe('validation-failed');
    expect(parse.domain.extra.invalidParams).toMatchObject([
      { name: 'body', reason: 'The request body is not valid JSON' },
    ]);
  });
});

describe(problemDocument.name, () => {
  const request = (acceptLanguage?: string) =>
    ({
      headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
      url: '/api/v1/cases/x/objection',
      id: 'r1',
    }) as unknown as FastifyRequest;
  const refusal = new DomainError(
    'deadline-passed',
    refusalText('OBJECTION.FILE', { type: 'deadline-passed', guard: 'beforeObjectionDeadline', law: 'p.98' }),
    { law: 'p.98' },
  );

  it('p.98: says the refusal in Kazakh when no language is asked for, naming the point of the law in words', () => {
    const doc = problemDocument(refusal, request());
    expect(doc.title).toBe('Мерзім өтіп кетті');
    expect(doc.detail).toMatch(/^Қарсылық беру: Қарсылық мерзімі /);
    expect(doc.detail).toContain('98-тармақ');
    expect(doc.detail).not.toMatch(/OBJECTION|beforeObjectionDeadline/);
  });

  it('p.98: in Russian and English as Accept-Language asks', () => {
    expect(problemDocument(refusal, request('ru-RU,ru;q=0.9')).detail).toMatch(
      /^Подать возражение: Срок возражения .*\(пункт 98\)$/,
    );
    expect(problemDocument(refusal, request('en')).detail).toMatch(
      /^File an objection: The objection term .*\(point 98\)$/,
    );
    expect(refusal.detail).toMatch(/^File an objection:/); // the English detail, for logs
  });

  it("names each field and renders its reason in the reader's language", () => {
    const error = DomainError.validation([invalidParam('items[0].score', 'validation.max', { limit: 10 })]);
    const doc = problemDocument(error, request('kk'));
    expect(doc.invalidParams).toEqual([{ name: 'items[0].score', reason: '10 мәнінен артық болмауы керек' }]);
    expect(doc.detail).toBe('items[0].score: 10 мәнінен артық болмауы керек');
    expect(problemDocument(error, request('ru')).detail).toBe('items[0].score: не должно быть больше 10');
  });

  it("a detail not yet in the catalogue: the type's general detail in Kazakh and Russian, the English one in English", () => {
    const error = new DomainError('not-found', 'No webhook 42');
    expect(problemDocument(error, request('ru')).detail).toBe('Такой записи нет, или у вас нет доступа к ней');
    expect(problemDocument(error, request('en')).detail).toBe('No webhook 42');
  });
});
