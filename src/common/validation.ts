import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, InvalidParam } from './domain-error';

/** Flattens class-validator errors into `invalidParams` that name each field by its path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const error of errors) {
    // A member named "" (it happens in hand-written JSON) is shown quoted, so the name is never empty.
    const property = error.property === '' ? '""' : error.property;
    const name = parent ? (/^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`) : property;
    for (const reason of Object.values(error.constraints ?? {})) out.push({ name, reason });
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
      return [{ name: node.path || 'body', reason: `nested deeper than ${MAX_VALIDATION_DEPTH} levels or too large` }];
    }
    const isArray = Array.isArray(node.value);
    for (const key of Object.keys(node.value)) {
      const name = isArray ? `${node.path}[${key}]` : node.path ? `${node.path}.${key}` : key;
      if (!isArray && INHERITED.has(key)) out.push({ name, reason: `property ${key} should not exist` });
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
