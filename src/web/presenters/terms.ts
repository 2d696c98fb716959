import {
  CalendarData,
  CalendarYearUnknownError,
  dateOfDayNumber,
  dayInfo,
  dayNumber,
  localDateOf,
} from '../../calendar/calendar-rules';

/** Where a running term stands for a reader at a moment: working days left (Astana dates, the official calendar) or overdue. */
export interface TermStanding {
  /** The Astana date of the term's last valid instant. */
  lastDay: string;
  overdue: boolean;
  /**
   * Working days from today to the last day, both counted (today counts while it is a working day: the person can
   * still act today). Null when the calendar does not cover a day in between (an unknown year: never guessed).
   */
  workingDaysLeft: number | null;
  /** Today is the last day of the term. */
  lastDayToday: boolean;
}

/** Working days in [from, to] (local dates, both included) by one calendar version; null if a year is unknown. */
export function workingDaysBetween(calendar: CalendarData, from: string, to: string): number | null {
  let count = 0;
  try {
    for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++)
      if (dayInfo(calendar, dateOfDayNumber(n)).working) count++;
  } catch (error) {
    if (error instanceof CalendarYearUnknownError) return null;
    throw error;
  }
  return count;
}

/** How a term due at `due` (its last valid instant) stands at `now`, counted with `calendar`. */
export function termStanding(calendar: CalendarData, now: string, due: string): TermStanding {
  const lastDay = localDateOf(due);
  const today = localDateOf(now);
  if (Date.parse(now) > Date.parse(due)) return { lastDay, overdue: true, workingDaysLeft: 0, lastDayToday: false };
  return {
    lastDay,
    overdue: false,
    workingDaysLeft: workingDaysBetween(calendar, today, lastDay),
    lastDayToday: today === lastDay,
  };
}
