import { Transform } from 'class-transformer';
import { ValidationOptions, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True for an ISO 8601 instant that carries its offset (`Z` or `±hh:mm`); a local time alone is ambiguous. */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_WITH_OFFSET.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
}

export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) =>
          `${property} must be an ISO 8601 date-time with an offset, e.g. 2025-02-03T10:00:00+05:00 or 2025-02-03T05:00:00Z`,
        ...options,
      },
      validator: { validate: isIsoInstant },
    });
}

/**
 * In a URL query an unencoded `+` arrives as a space (`…T10:00:00 05:00`). People type such URLs by hand,
 * so a space just before a trailing offset is read back as `+` (docs/decisions.md).
 */
export function RestorePlusInOffset(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? value.replace(/ (\d{2}:?\d{2})$/, '+$1') : value));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date YYYY-MM-DD that exists (no 2025-02-30). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value).isValid;
}

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: ({ property }) => `${property} must be an existing date in the form YYYY-MM-DD`, ...options },
      validator: { validate: isIsoDate },
    });
}
