import { DateTime } from 'luxon';
import { I18nText, LANGUAGES, Language } from '../common/i18n';
import { MessageKey, t } from '../i18n/catalogue';

/**
 * The term rules of SPEC §3, as pure functions over one calendar version.
 * Dates are local dates of the Kazakhstan civil time zone; zone arithmetic goes through
 * luxon (Intl tzdata), so dates before 2024-03-01 use UTC+6 and later ones UTC+5.
 */
export const KZ_ZONE = 'Asia/Almaty';

export type EntryKind = 'dayOff' | 'workingDay';
export type EntryCategory = 'holiday' | 'religious' | 'moved' | 'transfer' | 'workingWeekend';

export interface CalendarEntry {
  date: string;
  kind: EntryKind;
  category: EntryCategory;
  name: I18nText;
  act: string;
  holiday?: string;
  movedFrom?: string;
  transferredFrom?: string;
  transferredTo?: string;
  forecast?: boolean;
}

export interface CalendarData {
  version: number;
  years: ReadonlySet<number>;
  entries: ReadonlyMap<string, CalendarEntry>;
  /** Years whose every entry is a forecast (drafted from the statutes; acts not yet published). */
  forecastYears?: ReadonlySet<number>;
  /** Dates of single forecast entries (e.g. a Kurban Ait announced ±1 day), sorted. */
  forecastDates?: readonly string[];
}

export interface DayInfo {
  date: string;
  working: boolean;
  kind: 'workingDay' | 'weekend' | EntryCategory;
  reason: I18nText;
  act?: string;
  forecast?: boolean;
}

export interface SkippedDay {
  date: string;
  kind: DayInfo['kind'];
  reason: I18nText;
  act?: string;
}

export type Term = { workingDays: number } | { calendarDays: number };

export interface DeadlineResult {
  from: string;
  term: { workingDays?: number; calendarDays?: number };
  /** The first local day of the term (the day after the event). */
  firstDay: string;
  lastDay: string;
  /** The last valid instant: the end of lastDay, local time, with its offset. */
  deadline: string;
  calendarVersion: number;
  skipped: SkippedDay[];
  /** For calendar-day terms: the day the count ended on before rolling to a working day. */
  nominalLastDay?: string;
  /** True when the term runs over days of the calendar that are a forecast, not yet an act. */
  forecast?: boolean;
}

export class CalendarYearUnknownError extends Error {
  constructor(
    readonly year: number,
    readonly knownYears: number[],
  ) {
    super(`The official calendar has no data for ${year} (known: ${knownYears.join(', ') || 'none'})`);
  }
}

/** A reason of the catalogue (`calendarReasons.*`, issue 11) in the three languages. */
function reason(key: MessageKey, params: (lang: Language) => Record<string, string> = () => ({})): I18nText {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, t(lang, key, params(lang))])) as unknown as I18nText;
}

const WEEKDAY_NAMES: Record<number, I18nText> = {
  6: reason('calendarReasons.saturday'),
  7: reason('calendarReasons.sunday'),
};
const WORKING_DAY: I18nText = reason('calendarReasons.workingDay');

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD string (UTC arithmetic on dates only; no zone involved). */
export function dayNumber(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(n: number): number {
  return ((n + 3) % 7) + 1;
}

function reasonOf(entry: CalendarEntry): I18nText {
  if (entry.category === 'moved' && entry.movedFrom) {
    const from = entry.movedFrom.split('-').reverse().join('.'); // dd.MM.yyyy, the reader's form
    return reason('calendarReasons.moved', (lang) => ({ name: entry.name[lang], from }));
  }
  if (entry.category === 'holiday') {
    return reason('calendarReasons.holiday', (lang) => ({ name: entry.name[lang] }));
  }
  if (entry.category === 'religious') {
    // 7 January and Kurban Ait are days off (Labour Code art. 84 p.5), not public holidays: they never move.
    return reason('calendarReasons.religious', (lang) => ({ name: entry.name[lang] }));
  }
  return entry.name;
}

function assertYear(calendar: CalendarData, year: number): void {
  if (!calendar.years.has(year)) throw new CalendarYearUnknownError(year, [...calendar.years].sort());
}

/** Whether a local date is a working day, and why (SPEC §3). */
export function dayInfo(calendar: CalendarData, date: string): DayInfo {
  assertYear(calendar, +date.slice(0, 4));
  return dayInfoOf(calendar, dayNumber(date), date);
}

function dayInfoOf(calendar: CalendarData, n: number, date: string): DayInfo {
  const entry = calendar.entries.get(date);
  const weekday = isoWeekday(n);
  if (entry) {
    return {
      date,
      working: entry.kind === 'workingDay',
      kind: entry.category,
      reason: reasonOf(entry),
      act: entry.act,
      ...(entry.forecast ? { forecast: true } : {}),
    };
  }
  if (weekday >= 6) return { date, working: false, kind: 'weekend', reason: WEEKDAY_NAMES[weekday] };
  return { date, working: true, kind: 'workingDay', reason: WORKING_DAY };
}

/** Formats an instant as its Asia/Almaty date (en-CA gives YYYY-MM-DD); ICU's tz database via Intl, as luxon uses. */
const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: KZ_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local (Asia/Almaty) date of an instant. */
export function localDateOf(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO 8601 instant: ${instant}`);
  return LOCAL_DATE.format(ms);
}

const endOfDayCache = new Map<string, string>();

/**
 * The last valid instant of a local date: 24:00 local (the start of the next local day) less 1 ms,
 * written in Asia/Almaty with the offset in force then. Memoized: a date's end never changes.
 */
export function endOfLocalDay(date: string): string {
  let end = endOfDayCache.get(date);
  if (end === undefined) {
    const next = DateTime.fromISO(date, { zone: KZ_ZONE }).plus({ days: 1 }).startOf('day');
    end = next.minus({ milliseconds: 1 }).toISO({ suppressMilliseconds: false })!;
    endOfDayCache.set(date, end);
  }
  return end;
}

/**
 * Computes when a term ends (SPEC §3):
 * - it starts on the local day after the event;
 * - N working days end at 24:00 local of the N-th working day;
 * - N calendar days end at the end of the N-th day, rolled to the next working day if that is not one.
 */
export function computeDeadline(calendar: CalendarData, from: string, term: Term): DeadlineResult {
  const startDate = localDateOf(from);
  assertYear(calendar, +startDate.slice(0, 4));
  let n = dayNumber(startDate) + 1;
  const firstDay = dateOfDayNumber(n);
  const skipped: SkippedDay[] = [];
  let lastDay: string;
  let nominalLastDay: string | undefined;

  const info = (day: number): DayInfo => {
    const date = dateOfDayNumber(day);
    assertYear(calendar, +date.slice(0, 4));
    return dayInfoOf(calendar, day, date);
  };
  const skip = (d: DayInfo): void => {
    skipped.push({ date: d.date, kind: d.kind, reason: d.reason, ...(d.act ? { act: d.act } : {}) });
  };

  if ('workingDays' in term) {
    let counted = 0;
    for (; ; n++) {
      const d = info(n);
      if (d.working) {
        counted++;
        if (counted === term.workingDays) {
          lastDay = d.date;
          break;
        }
      } else {
        skip(d);
      }
    }
  } else {
    n = n + term.calendarDays - 1;
    nominalLastDay = dateOfDayNumber(n);
    for (; ; n++) {
      const d = info(n);
      if (d.working) {
        lastDay = d.date;
        break;
      }
      skip(d);
    }
  }

  // Every year the term runs through must be known; the term is a forecast if any of its days is.
  const firstYear = +firstDay.slice(0, 4);
  const lastYear = +lastDay!.slice(0, 4);
  let forecast = false;
  for (let year = firstYear; year <= lastYear; year++) {
    assertYear(calendar, year);
    if (calendar.forecastYears?.has(year)) forecast = true;
  }
  if (!forecast && calendar.forecastDates?.some((d) => d >= firstDay && d <= lastDay!)) forecast = true;

  return {
    from,
    term: 'workingDays' in term ? { workingDays: term.workingDays } : { calendarDays: term.calendarDays },
    firstDay,
    lastDay,
    deadline: endOfLocalDay(lastDay),
    calendarVersion: calendar.version,
    skipped,
    ...(nominalLastDay !== undefined && nominalLastDay !== lastDay ? { nominalLastDay } : {}),
    ...(forecast ? { forecast: true } : {}),
  };
}

/** Builds the in-memory calendar of one version from its entries. */
export function buildCalendar(
  version: number,
  years: Iterable<number>,
  entries: Iterable<CalendarEntry>,
): CalendarData {
  const list = [...entries];
  const yearSet = new Set(years);
  const forecastYears = new Set(
    [...yearSet].filter((y) => {
      const ofYear = list.filter((e) => e.date.startsWith(`${y}-`));
      return ofYear.length > 0 && ofYear.every((e) => e.forecast === true);
    }),
  );
  const forecastDates = list
    .filter((e) => e.forecast && !forecastYears.has(+e.date.slice(0, 4)))
    .map((e) => e.date)
    .sort();
  return { version, years: yearSet, entries: new Map(list.map((e) => [e.date, e])), forecastYears, forecastDates };
}
