import { dateOfDayNumber, dayNumber, isoWeekday } from './calendar-rules';

/**
 * Drafts a year's days off from the statutes alone (Law "On holidays", art. 5; Labour Code art. 84–85):
 * a holiday on a Saturday or Sunday moves its day off to the next working day, except 7 January and
 * Kurban Ait, which are never moved. Transfers by act are applied on top.
 *
 * This is a drafting aid and a cross-check of `config/calendar/*.json`; the official calendar is the data.
 */
export const STATUTORY_HOLIDAYS: { monthDay: string; key: string; movable: boolean }[] = [
  { monthDay: '01-01', key: 'newYear', movable: true },
  { monthDay: '01-02', key: 'newYear', movable: true },
  { monthDay: '01-07', key: 'christmas', movable: false },
  { monthDay: '03-08', key: 'women', movable: true },
  { monthDay: '03-21', key: 'nauryz', movable: true },
  { monthDay: '03-22', key: 'nauryz', movable: true },
  { monthDay: '03-23', key: 'nauryz', movable: true },
  { monthDay: '05-01', key: 'unity', movable: true },
  { monthDay: '05-07', key: 'defender', movable: true },
  { monthDay: '05-09', key: 'victory', movable: true },
  { monthDay: '07-06', key: 'capital', movable: true },
  { monthDay: '08-30', key: 'constitution', movable: true },
  { monthDay: '10-25', key: 'republic', movable: true },
  { monthDay: '12-16', key: 'independence', movable: true },
];

export interface DraftInput {
  year: number;
  kurbanAit?: string;
  /** Transfers by act: the weekend day that becomes working and the weekday that becomes a day off. */
  transfers?: { workingDay: string; dayOff: string }[];
  /** Statutory holidays left out of this year (e.g. pending an act). */
  omit?: string[];
}

export function draftYear(input: DraftInput): { daysOff: string[]; workingWeekendDays: string[] } {
  const off = new Set<string>();
  const weekendHolidays: number[] = [];
  const holidays = STATUTORY_HOLIDAYS.map((h) => ({ date: `${input.year}-${h.monthDay}`, movable: h.movable }));
  if (input.kurbanAit) holidays.push({ date: input.kurbanAit, movable: false });
  for (const h of holidays) {
    if (input.omit?.includes(h.date)) continue;
    const n = dayNumber(h.date);
    if (isoWeekday(n) <= 5) off.add(h.date);
    else if (h.movable) weekendHolidays.push(n);
  }
  for (const n of weekendHolidays.sort((a, b) => a - b)) {
    let d = n + 1;
    while (isoWeekday(d) >= 6 || off.has(dateOfDayNumber(d))) d++;
    off.add(dateOfDayNumber(d));
  }
  const working: string[] = [];
  for (const t of input.transfers ?? []) {
    off.add(t.dayOff);
    working.push(t.workingDay);
  }
  return { daysOff: [...off].sort(), workingWeekendDays: working.sort() };
}
