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

export function inheritedNameParams(value: unknown, path = ''): InvalidParam[] {
  if (value === null || typeof value !== 'object') return [];
  const out: InvalidParam[] = [];
  for (const key of Object.keys(value)) {
    const name = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && INHERITED.has(key)) out.push({ name, reason: `property ${key} should not exist` });
    out.push(...inheritedNameParams((value as Record<string, unknown>)[key], name));
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
