import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { hasKey } from '../i18n/catalogue';
import type { Text } from '../i18n/text';
import { DomainError, InvalidParam } from './domain-error';

/**
 * The reason of a broken class-validator constraint as a text of the catalogue (`validation.<constraint>`), with the
 * limit it names (`min`, `maxLength`, `arrayMaxSize` …) or the values it allows (`isIn`). The constraint's English
 * message is read only for those figures (class-validator keeps a constraint's arguments in its metadata, not in the
 * error). A constraint with no text of its own is "the value is not accepted".
 */
export function constraintText(constraint: string, message: string): Text {
  if (constraint === 'safeText') {
    // One decorator, four rules: say which one this value broke.
    if (/must be a text/.test(message)) return { key: 'validation.isString' };
    if (/must not be empty/.test(message)) return { key: 'validation.isNotEmpty' };
    const limit = /at (least|most) (\d+) characters/.exec(message);
    if (limit)
      return {
        key: limit[1] === 'least' ? 'validation.minLength' : 'validation.maxLength',
        params: { limit: Number(limit[2]) },
      };
    return { key: 'validation.safeText', params: { found: /\(([^()]*)\)$/.exec(message)?.[1] ?? '?' } };
  }
  if (constraint === 'matches') return matchesText(message);
  const key = `validation.${constraint}`;
  if (!hasKey(key)) return { key: 'validation.invalid' };
  if (constraint === 'isIn') return { key, params: { values: /following values: (.*)$/.exec(message)?.[1] ?? '—' } };
  if (/^(min|max|minLength|maxLength|arrayMinSize|arrayMaxSize)$/.test(constraint)) {
    const figures = message.match(/-?\d+(\.\d+)?/g);
    return figures ? { key, params: { limit: figures[figures.length - 1] } } : { key: 'validation.invalid' };
  }
  return { key };
}

/** The forms the DTOs' `@Matches` ask for, recognised by their (English) message: the form in words in each language. */
function matchesText(message: string): Text {
  const length = /1–(\d+) letters, digits, dots, dashes or underscores/.exec(message);
  if (length) return { key: 'validation.matchesCode', params: { max: Number(length[1]) } };
  if (/SHA-256/.test(message)) return { key: 'validation.matchesSha256' };
  if (/act’s number/.test(message)) return { key: 'validation.matchesActNumber' };
  if (/http or https URL/.test(message)) return { key: 'validation.matchesUrl' };
  if (/printable ASCII without spaces/.test(message)) return { key: 'validation.matchesAscii' };
  if (/name of a case state/.test(message)) return { key: 'validation.matchesState' };
  if (/must be a user name/.test(message)) return { key: 'validation.matchesUserName' };
  if (/id of a meeting/.test(message)) return { key: 'validation.matchesMeetingId' };
  if (/whole number from 1/.test(message)) return { key: 'validation.matchesPositive' };
  if (/must be a (body|cycle) code/.test(message)) return { key: 'validation.matchesAnyCode' };
  return { key: 'validation.matches' };
}

/** Flattens class-validator errors into `invalidParams` that name each field by its path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const error of errors) {
    // A member named "" (it happens in hand-written JSON) is shown quoted, so the name is never empty.
    const property = error.property === '' ? '""' : error.property;
    const name = parent ? (/^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`) : property;
    for (const [constraint, reason] of Object.entries(error.constraints ?? {}))
      out.push({ name, reason, text: constraintText(constraint, reason) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, name));
  }
  return out;
}

/** Names every object inherits: class-validator's whitelist lets them through, so they are refused here. */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Deeper than this, a value is refused before anything walks it (JSON bodies are already cut at MAX_JSON_DEPTH). */
export const MAX_VALIDATION_DEPTH = 12;

/**
 * Names every object inherits, anywhere in `value` — and a refusal when `value` nests deeper than
 * MAX_VALIDATION_DEPTH. Walks with an explicit stack and a budget of nodes: it never recurses, so no input
 * can exhaust the call stack here (issue 12: `[` × 5,000 did).
 */
export function inheritedNameParams(value: unknown, path = ''): InvalidParam[] {
  const out: InvalidParam[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  let budget = 200_000;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.value === null || typeof node.value !== 'object') continue;
    if (node.depth > MAX_VALIDATION_DEPTH || --budget < 0) {
      return [
        {
          name: node.path || 'body',
          reason: `nested deeper than ${MAX_VALIDATION_DEPTH} levels or too large`,
          text: { key: 'validation.tooDeep', params: { limit: MAX_VALIDATION_DEPTH } },
        },
      ];
    }
    const isArray = Array.isArray(node.value);
    for (const key of Object.keys(node.value)) {
      const name = isArray ? `${node.path}[${key}]` : node.path ? `${node.path}.${key}` : key;
      if (!isArray && INHERITED.has(key))
        out.push({ name, reason: `property ${key} should not exist`, text: { key: 'validation.inheritedName' } });
      stack.push({ value: (node.value as Record<string, unknown>)[key], path: name, depth: node.depth + 1 });
    }
  }
  return out;
}

class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const inherited = inheritedNameParams(value);
      if (inherited.length) throw DomainError.validation(inherited);
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe (STYLE): whitelist, forbid unknown fields, transform; failures become `validation-failed`. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });
}
