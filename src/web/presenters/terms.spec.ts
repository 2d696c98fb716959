import { buildCalendar } from '../../calendar/calendar-rules';
import { termStanding, workingDaysBetween } from './terms';

const calendar = buildCalendar(
  1,
  [2026],
  [
    {
      date: '2026-12-16',
      kind: 'dayOff',
      category: 'holiday',
      name: { kk: 'Тәуелсіздік күні', ru: 'День Независимости', en: 'Independence Day' },
      act: 'Law No. 267, art. 5',
    },
    {
      date: '2026-12-19',
      kind: 'workingDay',
      category: 'workingWeekend',
      name: { kk: 'Жұмыс күні', ru: 'Рабочий день', en: 'Working day' },
      act: 'Order (test)',
    },
  ],
);

describe(workingDaysBetween.name, () => {
  it('counts the working days of an Astana date range, both ends included, by the official calendar', () => {
    expect(workingDaysBetween(calendar, '2026-12-14', '2026-12-18')).toBe(4); // Wednesday 16 December is a holiday
    expect(workingDaysBetween(calendar, '2026-12-19', '2026-12-20')).toBe(1); // a Saturday made a working day
    expect(workingDaysBetween(calendar, '2026-12-20', '2026-12-20')).toBe(0);
  });

  it('never guesses a year the calendar does not hold', () => {
    expect(workingDaysBetween(calendar, '2026-12-28', '2027-01-05')).toBeNull();
  });
});

describe(termStanding.name, () => {
  const due = '2026-12-18T23:59:59.999+05:00';
  it('counts today while it is a working day, in Astana time', () => {
    // 14 December 2026, 10:00 Astana = 05:00 UTC.
    expect(termStanding(calendar, '2026-12-14T05:00:00Z', due)).toEqual({
      lastDay: '2026-12-18',
      overdue: false,
      workingDaysLeft: 4,
      lastDayToday: false,
    });
    // 18 December, 19:30 UTC is already 00:30 on the 19th in Astana: the term has ended.
    expect(termStanding(calendar, '2026-12-18T19:30:00Z', due).overdue).toBe(true);
    expect(termStanding(calendar, '2026-12-18T17:00:00Z', due)).toEqual({
      lastDay: '2026-12-18',
      overdue: false,
      workingDaysLeft: 1,
      lastDayToday: true,
    });
  });
});
