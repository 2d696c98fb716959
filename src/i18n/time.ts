import { DateTime } from 'luxon';
import { KZ_ZONE } from '../calendar/calendar-rules';

/**
 * One way to write a time in front of people, in every language: `29.11.2025 14:05` for a moment and
 * `29.11.2025` for a day, in Astana time (IANA Asia/Almaty through luxon, so history before
 * 1 March 2024 keeps its UTC+6). Pages say once, in the footer, that all times are Astana time
 * (`layout.timesAreAstana`), rather than labelling each time.
 */
export const ASTANA_ZONE = KZ_ZONE;

function inAstana(instant: Date | string): DateTime {
  const at = typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  if (!at.isValid) throw new RangeError(`Not a moment: ${String(instant)}`);
  return at.setZone(ASTANA_ZONE);
}

/** `dd.MM.yyyy HH:mm` in Astana time. */
export function formatDateTime(instant: Date | string): string {
  return inAstana(instant).toFormat('dd.MM.yyyy HH:mm');
}

/** `dd.MM.yyyy` in Astana time (a local date `YYYY-MM-DD` is taken as that day). */
export function formatDate(instantOrDate: Date | string): string {
  if (typeof instantOrDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(instantOrDate)) {
    return DateTime.fromISO(instantOrDate, { zone: ASTANA_ZONE }).toFormat('dd.MM.yyyy');
  }
  return inAstana(instantOrDate).toFormat('dd.MM.yyyy');
}

/** `HH:mm` in Astana time (for "try again after 14:05" the same day). */
export function formatTime(instant: Date | string): string {
  return inAstana(instant).toFormat('HH:mm');
}

/** The ISO 8601 form with the Astana offset, for `<time datetime>`. */
export function isoInAstana(instant: Date | string): string {
  return inAstana(instant).toISO()!;
}
