import type { FastifyRequest } from 'fastify';
import { DomainError, InvalidParam } from './domain-error';
import { forbiddenCharacter } from './validators/safe-text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The form of every path parameter of the API, by name: one table, read before any handler runs. A malformed id
 * is refused as bad input naming the parameter (400) — it never reaches a service, so it is neither looked up
 * nor logged as a refused command against a case that cannot exist. A well-formed id that names nothing still
 * answers 404 from the service.
 */
export const PATH_PARAMETER_FORMS: Record<string, { pattern: RegExp; reason: string }> = {
  id: { pattern: UUID, reason: 'must be an id (a UUID such as 3f2b…-…)' },
  meetingId: { pattern: UUID, reason: 'must be the id of a meeting (a UUID)' },
  sha256: { pattern: /^[0-9a-f]{64}$/, reason: 'must be a lowercase hex SHA-256 (64 characters)' },
  iin: { pattern: /^\d{12}$/, reason: 'must be an IIN (12 digits)' },
  date: { pattern: /^\d{4}-\d{2}-\d{2}$/, reason: 'must be a date in the form YYYY-MM-DD' },
  year: { pattern: /^\d{4}$/, reason: 'must be a four-digit year' },
  n: { pattern: /^\d{1,4}$/, reason: 'must be a row number from 1' },
  code: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, reason: 'must be a code: letters, digits, dots, dashes or underscores (e.g. validation-failed, methodology-ch7-v1)' },
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
    if (bad) invalid.push({ name, reason: `must not contain control, bidi, zero-width or unpaired surrogate characters (${bad})` });
    else if (form && !form.pattern.test(value)) invalid.push({ name, reason: form.reason });
  }
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      const bad = typeof text === 'string' ? forbiddenCharacter(text) : null;
      if (bad) invalid.push({ name, reason: `must not contain control, bidi, zero-width or unpaired surrogate characters (${bad})` });
    }
  }
  if (!invalid.length) return;
  // A web page's address with a malformed part names no page: the reader gets the 404 page, as for an id that names
  // nothing (a person following a mangled link is not helped by a validation message about path parameters).
  const path = request.url.split('?')[0];
  if (!path.startsWith('/api/') && invalid.every((p) => p.name in ((request.params ?? {}) as object))) {
    throw new DomainError('not-found', 'No such page');
  }
  throw DomainError.validation(invalid);
}
