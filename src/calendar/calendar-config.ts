import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { CalendarEntry } from './calendar-rules';

export interface CalendarYearFile {
  year: number;
  source: string;
  notes?: string[];
  entries: CalendarEntry[];
}

/** The official calendar shipped as data: `config/calendar/YYYY.json`, one file per year, each entry citing its act. */
export function readCalendarConfig(dir = join(projectRoot(), 'config', 'calendar')): CalendarYearFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CalendarYearFile);
}
