import { canonicalJson } from '../events/canonical';
import { CalendarEntry } from './calendar-rules';

/**
 * How a changed shipped year file (`config/calendar/YYYY.json`) meets a running deployment's calendar
 * (SPEC §3: a newer shipped file reaches running deployments, unless an administrator's correction of the
 * same date is newer). A three-way comparison per date:
 * - base: what the shipped file said when this year was last imported;
 * - current: what the deployment's calendar says now (imports plus administrators' corrections);
 * - shipped: what the new file says.
 * Only dates the new file changes are considered. Where the deployment still holds the base value, the
 * shipped value is applied. Where an administrator changed the date since, to something other than the new
 * shipped value, the date is contested: the newer of the two wins (see `contestedWinner`).
 */

/** An entry's identity for comparison: its canonical JSON, `forecast: false` and absent fields alike. */
export function entryKey(entry: CalendarEntry | undefined): string {
  if (!entry) return 'none';
  const { forecast, ...rest } = entry;
  return canonicalJson(forecast ? { ...rest, forecast: true } : rest);
}

export interface YearImportPlan {
  /** Dates where the shipped value is applied: the entry, or null to remove the date's entry. */
  apply: { date: string; entry: CalendarEntry | null }[];
  /** Dates the new file changes that an administrator also changed, to something else. */
  contested: { date: string; shipped: CalendarEntry | null; current: CalendarEntry | null }[];
}

export function planYearImport(
  base: ReadonlyMap<string, CalendarEntry>,
  current: ReadonlyMap<string, CalendarEntry>,
  shipped: ReadonlyMap<string, CalendarEntry>,
): YearImportPlan {
  const plan: YearImportPlan = { apply: [], contested: [] };
  const dates = [...new Set([...base.keys(), ...current.keys(), ...shipped.keys()])].sort();
  for (const date of dates) {
    const b = entryKey(base.get(date));
    const c = entryKey(current.get(date));
    const s = entryKey(shipped.get(date));
    if (s === c) continue; // the deployment already says what the file says
    if (s === b) continue; // the file did not change this date: the deployment's value stands
    if (c === b) plan.apply.push({ date, entry: shipped.get(date) ?? null });
    else plan.contested.push({ date, shipped: shipped.get(date) ?? null, current: current.get(date) ?? null });
  }
  return plan;
}

/**
 * Who wins a contested date: the shipped data only when it was revised on a later local date than the
 * administrator's correction was made (`correctedOn`, the local Astana date). The same day, or a file that
 * does not say when it was revised, leaves the administrator's correction standing — reported, not overwritten.
 */
export function contestedWinner(revised: string | undefined, correctedOn: string): 'shipped' | 'administrator' {
  return revised !== undefined && revised > correctedOn ? 'shipped' : 'administrator';
}
