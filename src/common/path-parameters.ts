import type { FastifyRequest } from 'fastify';
import { DomainError, InvalidParam, invalidParam } from './domain-error';
import type { MessageKey } from '../i18n/catalogue';
import { text } from '../i18n/text';
import { forbiddenCharacter } from './validators/safe-text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The form of every path parameter of the API, by name: one table, read before any handler runs. A malformed id
 * is refused as bad input naming the parameter (400) — it never reaches a service, so it is neither looked up
 * nor logged as a refused command against a case that cannot exist. A well-formed id that names nothing still
 * answers 404 from the service.
 */
export const PATH_PARAMETER_FORMS: Record<string, { pattern: RegExp; key: MessageKey }> = {
  id: { pattern: UUID, key: 'reasons.id' },
  meetingId: { pattern: UUID, key: 'reasons.meetingId' },
  sha256: { pattern: /^[0-9a-f]{64}$/, key: 'reasons.sha256' },
  iin: { pattern: /^\d{12}$/, key: 'reasons.iin' },
  date: { pattern: /^\d{4}-\d{2}-\d{2}$/, key: 'reasons.date' },
  year: { pattern: /^\d{4}$/, key: 'reasons.year' },
  n: { pattern: /^\d{1,4}$/, key: 'reasons.rowNumber' },
  code: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, key: 'reasons.code' },
};

/**
 * Path parameters in their form (the table above; an unknown name only without forbidden characters) and query
 * parameters without control, bidi, zero-width or unpaired-surrogate characters (a NUL in a query reaches
 * PostgreSQL as an invalid byte sequence). Throws `validation-failed` naming each parameter.
 */
export function checkRequestParameters(request: FastifyRequest): void {
  const invalid: InvalidParam[] = [];
  for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    const form = PATH_PARAMETER_FORMS[name];
    const bad = forbiddenCharacter(value);
    if (bad) invalid.push(invalidParam(name, 'reasons.forbiddenCharacters', { found: bad }));
    else if (form && !form.pattern.test(value)) invalid.push(invalidParam(name, form.key));
  }
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      const bad = typeof text === 'string' ? forbiddenCharacter(text) : null;
      if (bad) invalid.push(invalidParam(name, 'reasons.forbiddenCharacters', { found: bad }));
    }
  }
  if (!invalid.length) return;
  // A web page's address with a malformed part names no page: the reader gets the 404 page, as for an id that names
  // nothing (a person following a mangled link is not helped by a validation message about path parameters).
  const path = request.url.split('?')[0];
  if (!path.startsWith('/api/') && invalid.every((p) => Object.keys(request.params ?? {}).includes(p.name))) {
    throw new DomainError('not-found', text('refusals.common.noSuchPage'));
  }
  throw DomainError.validation(invalid);
}
