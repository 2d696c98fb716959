import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, InvalidParam } from './domain-error';

/** Flattens class-validator errors into `invalidParams` that name each field by its path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const error of errors) {
    const name = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const reason of Object.values(error.constraints ?? {})) out.push({ name, reason });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, name));
  }
  return out;
}

/** The global pipe (STYLE): whitelist, forbid unknown fields, transform; failures become `validation-failed`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });
}
