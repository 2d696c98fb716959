import { CalendarEntry } from './calendar-rules';
import { contestedWinner, entryKey, planYearImport } from './shipped-calendar-merge';

const day = (date: string, act = 'Law "On holidays", art. 5', extra: Partial<CalendarEntry> = {}): CalendarEntry => ({
  date,
  kind: 'dayOff',
  category: 'holiday',
  name: { kk: 'Мереке', ru: 'Праздник', en: 'Holiday' },
  act,
  ...extra,
});
const mapOf = (...entries: CalendarEntry[]) => new Map(entries.map((e) => [e.date, e]));

describe(planYearImport.name, () => {
  it('applies what the file changed where the deployment still holds what the file said before', () => {
    const base = mapOf(day('2026-08-31'), day('2026-05-01'));
    const current = mapOf(day('2026-08-31'), day('2026-05-01'));
    const shipped = mapOf(day('2026-05-01', 'corrected citation'), day('2026-12-04'));
    expect(planYearImport(base, current, shipped)).toEqual({
      apply: [
        { date: '2026-05-01', entry: shipped.get('2026-05-01') },
        { date: '2026-08-31', entry: null },
        { date: '2026-12-04', entry: shipped.get('2026-12-04') },
      ],
      contested: [],
    });
  });

  it('leaves an administrator’s correction of a date the file did not change', () => {
    const base = mapOf(day('2026-05-01'));
    const current = mapOf(day('2026-05-01'), day('2026-12-10', 'administrator’s act'));
    expect(planYearImport(base, current, mapOf(day('2026-05-01')))).toEqual({ apply: [], contested: [] });
  });

  it('contests a date both the file and an administrator changed, differently; agrees silently where they made the same change', () => {
    const base = mapOf(day('2026-05-01'));
    const admin = day('2026-12-10', 'administrator’s act');
    const current = mapOf(day('2026-05-01'), admin, day('2026-12-11'));
    const shipped = mapOf(day('2026-05-01'), day('2026-12-10', 'shipped act'), day('2026-12-11'));
    expect(planYearImport(base, current, shipped)).toEqual({
      apply: [],
      contested: [{ date: '2026-12-10', shipped: shipped.get('2026-12-10'), current: admin }],
    });
  });

  it('an entry is the same whether forecast is false or absent, and whatever the key order', () => {
    expect(entryKey(day('2026-05-01', 'a', { forecast: false }))).toBe(entryKey(day('2026-05-01', 'a')));
    expect(entryKey(day('2026-05-01', 'a', { forecast: true }))).not.toBe(entryKey(day('2026-05-01', 'a')));
  });
});

describe(contestedWinner.name, () => {
  it('the administrator’s correction stands unless the shipped data was revised on a later day', () => {
    expect(contestedWinner('2026-11-29', '2026-12-01')).toBe('administrator');
    expect(contestedWinner('2026-12-01', '2026-12-01')).toBe('administrator');
    expect(contestedWinner(undefined, '2020-01-01')).toBe('administrator');
    expect(contestedWinner('2026-12-02', '2026-12-01')).toBe('shipped');
  });
});
