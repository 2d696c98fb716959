/**
 * Instants arrive inside events as ISO 8601 strings with an offset. Workflows never read a
 * clock; they only compare the instants they are given. `Date.parse` is a pure parse here.
 */

/** True when `at` is at or before `due` (a deadline is the last valid instant). */
export function atOrBefore(at: string, due: string | undefined): boolean {
  if (due === undefined) return false;
  const a = Date.parse(at);
  const d = Date.parse(due);
  return Number.isFinite(a) && Number.isFinite(d) && a <= d;
}

/** True when `at` is strictly after `due`. Unknown or unparseable instants are never "after". */
export function isAfter(at: string, due: string | undefined): boolean {
  if (due === undefined) return false;
  const a = Date.parse(at);
  const d = Date.parse(due);
  return Number.isFinite(a) && Number.isFinite(d) && a > d;
}

/** True for a parseable ISO 8601 instant. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && Number.isFinite(Date.parse(value));
}
