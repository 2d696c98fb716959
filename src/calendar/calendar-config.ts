import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { isIsoDate } from '../common/validators/iso-instant';
import { CalendarEntry } from './calendar-rules';

export interface CalendarYearFile {
  year: number;
  source: string;
  /** The local date the shipped data of this year was last revised; an administrator's later correction wins over it. */
  revised?: string;
  notes?: string[];
  entries: CalendarEntry[];
}

/** One shipped year file with the SHA-256 of its exact bytes: a changed file is imported again, an unchanged one never. */
export interface ShippedCalendarYear {
  file: string;
  sha256: string;
  data: CalendarYearFile;
}

export const DEFAULT_CALENDAR_DIR = (): string => join(projectRoot(), 'config', 'calendar');

const KINDS = ['dayOff', 'workingDay'];
const CATEGORIES = ['holiday', 'religious', 'moved', 'transfer', 'workingWeekend'];

/** The official calendar shipped as data: `config/calendar/YYYY.json`, one file per year, each entry citing its act. */
export function readShippedCalendar(dir = DEFAULT_CALENDAR_DIR()): ShippedCalendarYear[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      let data: CalendarYearFile;
      try {
        data = JSON.parse(bytes.toString('utf8')) as CalendarYearFile;
      } catch (error) {
        throw new Error(`config/calendar/${file}: not valid JSON (${(error as Error).message})`);
      }
      const problems = checkYearFile(file, data);
      if (problems.length) throw new Error(`config/calendar/${file}: ${problems.join('; ')}`);
      return { file, sha256: createHash('sha256').update(bytes).digest('hex'), data };
    });
}

export function readCalendarConfig(dir = DEFAULT_CALENDAR_DIR()): CalendarYearFile[] {
  return readShippedCalendar(dir).map((s) => s.data);
}

/** What is wrong with a shipped year file, each problem naming its field (a bad file stops the start). */
export function checkYearFile(file: string, data: CalendarYearFile): string[] {
  const problems: string[] = [];
  if (data === null || typeof data !== 'object') return ['must be a JSON object'];
  if (data.year !== Number(file.slice(0, 4))) problems.push(`year: must be ${file.slice(0, 4)} (the file name)`);
  if (typeof data.source !== 'string' || data.source.length < 3) problems.push('source: required');
  if (data.revised !== undefined && !isIsoDate(data.revised)) problems.push('revised: must be a date YYYY-MM-DD');
  if (!Array.isArray(data.entries)) return [...problems, 'entries: must be an array'];
  const seen = new Set<string>();
  data.entries.forEach((e, i) => {
    const at = `entries[${i}]`;
    if (typeof e?.date !== 'string' || !isIsoDate(e.date) || !e.date.startsWith(`${data.year}-`))
      problems.push(`${at}.date: must be a date of ${data.year}`);
    else if (seen.has(e.date)) problems.push(`${at}.date: ${e.date} appears twice`);
    else seen.add(e.date);
    if (!KINDS.includes(e?.kind)) problems.push(`${at}.kind: must be one of ${KINDS.join(', ')}`);
    if (!CATEGORIES.includes(e?.category)) problems.push(`${at}.category: must be one of ${CATEGORIES.join(', ')}`);
    for (const lang of ['kk', 'ru', 'en'] as const) {
      if (typeof e?.name?.[lang] !== 'string' || !e.name[lang]) problems.push(`${at}.name.${lang}: required`);
    }
    if (typeof e?.act !== 'string' || e.act.length < 5)
      problems.push(`${at}.act: required (the act the entry comes from)`);
  });
  return problems;
}
