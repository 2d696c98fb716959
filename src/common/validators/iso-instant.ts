import { Transform } from 'class-transformer';
import { ValidationOptions, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';

/**
 * The dates the service accepts (docs/decisions.md, "Bad input"): years 2000–2099 — the methodology and
 * every act it cites are from this century, the official calendar covers a few years of it, and a meeting
 * dated 0001, 1970 or 9999 is a typing error, not a plan.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;
/** UTC offsets in use on Earth run from −12:00 to +14:00; ±14:00 is the rule (ISO 8601 and RFC 3339 allow more). */
export const MAX_OFFSET_MINUTES = 14 * 60;

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an ISO 8601 instant with its offset by the rules every later reader relies on: the shape above
 * (hours 00–23, no leap seconds), an offset within ±14:00, a real calendar date, a year in MIN_YEAR–MAX_YEAR,
 * and agreement between luxon (the calendar) and `Date.parse` (the event store, deadlines, audit) on the
 * instant. Null when any rule fails — so no value that passes validation can fail later.
 */
export function parseIsoInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (m[9]) {
    const hours = Number(m[10]);
    const minutes = Number(m[11]);
    if (minutes > 59 || hours * 60 + minutes > MAX_OFFSET_MINUTES) return null;
  }
  const luxon = DateTime.fromISO(value, { setZone: true });
  const ms = Date.parse(value);
  if (!luxon.isValid || !Number.isFinite(ms) || luxon.toMillis() !== ms) return null;
  return new Date(ms);
}

/** True for an ISO 8601 instant that carries its offset (`Z` or `±hh:mm`); a local time alone is ambiguous. */
export function isIsoInstant(value: unknown): value is string {
  return parseIsoInstant(value) !== null;
}

export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) =>
          `${property} must be an ISO 8601 date-time with an offset within ±14:00 and a year from ${MIN_YEAR} to ${MAX_YEAR}, ` +
          'e.g. 2025-02-03T10:00:00+05:00 or 2025-02-03T05:00:00Z',
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
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/ (\d{2}:?\d{2})$/, '+$1') : value,
  );
}

const ISO_DATE = /^(\d{4})-\d{2}-\d{2}$/;

/** A calendar date YYYY-MM-DD that exists (no 2025-02-30), in MIN_YEAR–MAX_YEAR. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m || Number(m[1]) < MIN_YEAR || Number(m[1]) > MAX_YEAR) return false;
  return DateTime.fromISO(value).isValid;
}

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) =>
          `${property} must be an existing date in the form YYYY-MM-DD, in the years ${MIN_YEAR}–${MAX_YEAR}`,
        ...options,
      },
      validator: { validate: isIsoDate },
    });
}
