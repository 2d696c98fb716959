/**
 * Bounds every number of the API is held to (issue 12: `offset=99999999999999999999` reached SQLite as a float
 * and failed; an `expectedVersion` of 1e300 would overflow PostgreSQL's integer). Each is far beyond any real
 * use and well inside a 32-bit integer, so what passes validation fits every column and every query.
 */
export const MAX_VERSION = 1_000_000_000;
import { Transform } from 'class-transformer';

/**
 * A whole number in a URL query: only plain decimal digits become a number (`0x10`, ` 1`, `1e3` and `Infinity`
 * stay text and are refused by @IsInt), unlike `@Type(() => Number)`, which reads all of those as numbers.
 */
export function QueryInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
  );
}

/** The furthest a list may be paged. */
export const MAX_LIST_OFFSET = 1_000_000;
