import { dateOfDayNumber, dayNumber, isoWeekday } from './calendar-rules';

/**
 * The statutory days off, versioned by the dates their acts are in force (SPEC §3), and a drafting
 * function that applies, for each date, the list in force on that date:
 * - a national or state holiday is a day off; one that falls on a Saturday or Sunday moves its day off
 *   to the next working day (Law "On holidays in the Republic of Kazakhstan", art. 5);
 * - 7 January and the first day of Kurban Ait are days off, not holidays (Labour Code art. 84 p.5): a day
 *   off only on a weekday, never moved;
 * - transfers by act (Labour Code art. 85 p.3) are applied on top.
 *
 * This is a drafting aid and a cross-check of `config/calendar/*.json`; the official calendar is the data.
 * The citations and what was and was not verified are in docs/decisions.md ("Calendar citations").
 */

/** The list is modelled from this date on; earlier years (other holidays, 16–17 December, 1 December) are not. */
export const STATUTES_MODELLED_FROM = '2024-01-01';

export const LAW_ON_HOLIDAYS =
  'Law of the Republic of Kazakhstan "On holidays in the Republic of Kazakhstan" of 13 December 2001 No. 267';
export const LABOUR_CODE = 'Labour Code of the Republic of Kazakhstan of 23 November 2015 No. 414-V';
const HOLIDAY_ACT = `${LAW_ON_HOLIDAYS}, art. 5`;
const DAY_OFF_ACT = `${LABOUR_CODE}, art. 84 p.5`;

export interface StatutoryDayOff {
  monthDay: string;
  /** The holiday key used by the entries of config/calendar. */
  key: string;
  /** 'holiday': a national or state holiday (moves off a weekend); 'dayOff': a day off that is not a holiday (never moves). */
  kind: 'holiday' | 'dayOff';
  /** The act that makes the day a day off. */
  act: string;
  /** The first date on which the act makes it a day off; absent: already in force on STATUTES_MODELLED_FROM. */
  inForceFrom?: string;
  /** The last date on which it is a day off (inclusive); absent: still in force. */
  inForceUntil?: string;
}

export const STATUTORY_DAYS_OFF: readonly StatutoryDayOff[] = [
  { monthDay: '01-01', key: 'newYear', kind: 'holiday', act: HOLIDAY_ACT },
  { monthDay: '01-02', key: 'newYear', kind: 'holiday', act: HOLIDAY_ACT },
  { monthDay: '01-07', key: 'christmas', kind: 'dayOff', act: DAY_OFF_ACT },
  { monthDay: '03-08', key: 'women', kind: 'holiday', act: HOLIDAY_ACT },
  {
    monthDay: '03-15',
    key: 'constitution',
    kind: 'holiday',
    act: `Constitution of the Republic of Kazakhstan adopted at the referendum of 15 March 2026, art. 94 (as reported); ${HOLIDAY_ACT}`,
    // "Officially from 2027" (Ministry of Labour and Social Protection of the Population, 18 March 2026).
    inForceFrom: '2027-01-01',
  },
  { monthDay: '03-21', key: 'nauryz', kind: 'holiday', act: HOLIDAY_ACT },
  { monthDay: '03-22', key: 'nauryz', kind: 'holiday', act: HOLIDAY_ACT },
  { monthDay: '03-23', key: 'nauryz', kind: 'holiday', act: HOLIDAY_ACT },
  { monthDay: '05-01', key: 'unity', kind: 'holiday', act: HOLIDAY_ACT },
  { monthDay: '05-07', key: 'defender', kind: 'holiday', act: HOLIDAY_ACT },
  { monthDay: '05-09', key: 'victory', kind: 'holiday', act: HOLIDAY_ACT },
  { monthDay: '07-06', key: 'capital', kind: 'holiday', act: HOLIDAY_ACT },
  {
    monthDay: '08-30',
    key: 'constitution',
    kind: 'holiday',
    act: `${HOLIDAY_ACT}; no longer a holiday from 2026 (new Constitution of 15 March 2026; ministry statement of 18 March 2026)`,
    // "From 2026, 30 August is no longer a holiday": the last 30 August that was one is 30 August 2025.
    inForceUntil: '2025-12-31',
  },
  {
    monthDay: '10-25',
    key: 'republic',
    kind: 'holiday',
    act: `${HOLIDAY_ACT} (Republic Day a national holiday again from 2022)`,
  },
  { monthDay: '12-16', key: 'independence', kind: 'holiday', act: HOLIDAY_ACT },
];

export function inForceOn(day: Pick<StatutoryDayOff, 'inForceFrom' | 'inForceUntil'>, date: string): boolean {
  return (!day.inForceFrom || day.inForceFrom <= date) && (!day.inForceUntil || date <= day.inForceUntil);
}

/** The statutory day off falling on a date whose act is in force on that date (at most one per date). */
export function statutoryDayOffOn(date: string): StatutoryDayOff | undefined {
  if (date < STATUTES_MODELLED_FROM)
    throw new RangeError(`The statutory list is modelled from ${STATUTES_MODELLED_FROM}; ${date} is earlier`);
  return STATUTORY_DAYS_OFF.find((d) => d.monthDay === date.slice(5) && inForceOn(d, date));
}

export interface DraftInput {
  year: number;
  /** The first day of Kurban Ait (a day off under Labour Code art. 84 p.5 when on a weekday). */
  kurbanAit?: string;
  /** Transfers by act: the weekend day that becomes working and the weekday that becomes a day off. */
  transfers?: { workingDay: string; dayOff: string }[];
}

/** A year's days off drafted from the statutes in force on each of its dates, the move rule and the transfer acts. */
export function draftYear(input: DraftInput): { daysOff: string[]; workingWeekendDays: string[] } {
  const off = new Set<string>();
  const weekendHolidays: number[] = [];
  const candidates: { date: string; movable: boolean }[] = [];
  for (const d of STATUTORY_DAYS_OFF) {
    const date = `${input.year}-${d.monthDay}`;
    if (statutoryDayOffOn(date) === d) candidates.push({ date, movable: d.kind === 'holiday' });
  }
  if (input.kurbanAit) candidates.push({ date: input.kurbanAit, movable: false });
  for (const h of candidates) {
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
