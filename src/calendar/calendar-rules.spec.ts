import { readCalendarConfig } from './calendar-config';
import {
  CalendarData,
  CalendarYearUnknownError,
  buildCalendar,
  computeDeadline,
  dayInfo,
  endOfLocalDay,
  localDateOf,
} from './calendar-rules';
import { STATUTES_MODELLED_FROM, draftYear, statutoryDayOffOn } from './statutory-holidays';

const files = readCalendarConfig();
const sut: CalendarData = buildCalendar(
  1,
  files.map((f) => f.year),
  files.flatMap((f) => f.entries),
);

const working = (from: string, n: number) => computeDeadline(sut, from, { workingDays: n });
const calendar = (from: string, n: number) => computeDeadline(sut, from, { calendarDays: n });

describe(computeDeadline.name, () => {
  it('p.98: five working days start the day after receipt and end at 24:00 local of the 5th working day', () => {
    // Received Monday 2025-02-03 10:00 local: Tue..Mon → the 5th working day is Monday 2025-02-10.
    const r = working('2025-02-03T10:00:00+05:00', 5);
    expect(r.firstDay).toBe('2025-02-04');
    expect(r.lastDay).toBe('2025-02-10');
    expect(r.deadline).toBe('2025-02-10T23:59:59.999+05:00');
    expect(r.skipped.map((s) => s.date)).toEqual(['2025-02-08', '2025-02-09']);
    expect(r.skipped[0].reason.ru).toBe('Суббота — выходной день');
  });

  it('2024 transfer: Saturday 4 May is a working day and Wednesday 8 May a day off (minister’s order of 17 April 2024)', () => {
    // Received Thursday 2 May 2024: Fri 3 (1), Sat 4 working (2), Sun 5 off, Mon 6 (3), Tue 7 off, Wed 8 off, Thu 9 off, Fri 10 (4), Sat, Sun, Mon 13 (5).
    const r = working('2024-05-02T15:00:00+05:00', 5);
    expect(r.lastDay).toBe('2024-05-13');
    expect(r.skipped.map((s) => [s.date, s.kind])).toEqual([
      ['2024-05-05', 'weekend'],
      ['2024-05-07', 'holiday'],
      ['2024-05-08', 'transfer'],
      ['2024-05-09', 'holiday'],
      ['2024-05-11', 'weekend'],
      ['2024-05-12', 'weekend'],
    ]);
    expect(r.skipped[2].act).toMatch(/17 April 2024/);
    expect(dayInfo(sut, '2024-05-04')).toMatchObject({ working: true, kind: 'workingWeekend' });
  });

  it('2025 transfer: Friday 3 January is a day off and Sunday 5 January a working day; 7 January on a Tuesday is a day off', () => {
    const r = working('2024-12-31T12:00:00+05:00', 3);
    // Jan 1, 2, 3 off; Sat 4 off; Sun 5 working (1); Mon 6 (2); Tue 7 off; Wed 8 (3).
    expect(r.lastDay).toBe('2025-01-08');
    expect(r.skipped.map((s) => s.date)).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
      '2025-01-07',
    ]);
    expect(dayInfo(sut, '2025-01-05')).toMatchObject({ working: true, kind: 'workingWeekend' });
    expect(dayInfo(sut, '2025-01-07')).toMatchObject({ working: false, kind: 'religious' });
  });

  it('Nauryz 2025: 22 and 23 March fell on the weekend and moved to 24 and 25 March', () => {
    const r = working('2025-03-20T09:00:00+05:00', 1);
    // 21 Fri off, 22 Sat, 23 Sun, 24 Mon moved, 25 Tue moved → Wed 26.
    expect(r.lastDay).toBe('2025-03-26');
    expect(r.skipped.map((s) => s.kind)).toEqual(['holiday', 'weekend', 'weekend', 'moved', 'moved']);
    expect(r.skipped[3].reason.en).toBe('Nauryz: day off moved from 22.03.2025 (the holiday fell on a weekend)');
    expect(r.skipped[3].reason.kk).toMatch(/^Наурыз мейрамы/);
  });

  it('a holiday on a weekend moves its day off: Capital Day on Saturday 6 July 2024 → Monday 8 July', () => {
    expect(dayInfo(sut, '2024-07-08')).toMatchObject({ working: false, kind: 'moved' });
    expect(working('2024-07-05T12:00:00+05:00', 1).lastDay).toBe('2024-07-09');
  });

  it('7 January on a Sunday (2024) is not moved: Monday 8 January 2024 is a working day', () => {
    expect(dayInfo(sut, '2024-01-07')).toMatchObject({ working: false, kind: 'weekend' });
    expect(dayInfo(sut, '2024-01-08')).toMatchObject({ working: true, kind: 'workingDay' });
    expect(working('2024-01-05T12:00:00+06:00', 1).lastDay).toBe('2024-01-08');
  });

  it('Kurban Ait on a Sunday (16 June 2024) is not moved: Monday 17 June 2024 is a working day', () => {
    expect(dayInfo(sut, '2024-06-17')).toMatchObject({ working: true });
  });

  it('2026: 25 March (moved from Sunday 22 March) is a day off, which date-holidays misses', () => {
    expect(dayInfo(sut, '2026-03-25')).toMatchObject({ working: false, kind: 'moved' });
    expect(working('2026-03-20T12:00:00+05:00', 1).lastDay).toBe('2026-03-26');
  });

  it('the 2024-03-01 zone change: a day in February ends at +06:00 before it, and 29 February ends at the second 23:59 (+05:00)', () => {
    // At 2024-02-29T18:00Z clocks went from 24:00 (+06) back to 23:00 (+05): the last hour of 29 February ran twice,
    // so 24:00 local of that day is 2024-03-01T00:00+05:00 = 19:00Z, and its last valid instant is 18:59:59.999Z.
    expect(endOfLocalDay('2024-02-28')).toBe('2024-02-28T23:59:59.999+06:00');
    expect(endOfLocalDay('2024-02-29')).toBe('2024-02-29T23:59:59.999+05:00');
    expect(Date.parse(endOfLocalDay('2024-02-29'))).toBe(Date.parse('2024-02-29T18:59:59.999Z'));
    expect(endOfLocalDay('2024-03-01')).toBe('2024-03-01T23:59:59.999+05:00');
    const r = working('2024-02-26T10:00:00+06:00', 5);
    expect(r.lastDay).toBe('2024-03-04');
    expect(r.deadline).toBe('2024-03-04T23:59:59.999+05:00');
    // A term of 2 working days from Monday 19 February 2024 ends on Wednesday 21 February at +06:00.
    expect(working('2024-02-19T10:00:00+06:00', 2).deadline).toBe('2024-02-21T23:59:59.999+06:00');
    // 18:30Z on 29 February is 00:30 local on 1 March under the old +06 offset: the next local day.
    expect(localDateOf('2024-02-29T17:59:00Z')).toBe('2024-02-29');
    expect(localDateOf('2024-02-28T18:30:00Z')).toBe('2024-02-29');
  });

  it('a UTC evening that is already the next local day starts the term a day later', () => {
    // 2025-06-02T20:00Z is Tuesday 3 June 01:00 local: the term starts Wednesday 4 June.
    const r = working('2025-06-02T20:00:00Z', 1);
    expect(r.firstDay).toBe('2025-06-04');
    expect(r.lastDay).toBe('2025-06-04');
    const before = working('2025-06-02T18:59:59Z', 1);
    expect(before.firstDay).toBe('2025-06-03');
  });

  it('p.106: fifteen calendar days ending on a day off roll to the next working day', () => {
    // Received Wed 2025-02-19: day 15 is Thu 2025-03-06 — a working day, no roll.
    expect(calendar('2025-02-19T10:00:00+05:00', 15).lastDay).toBe('2025-03-06');
    // Received Thu 2025-02-20: day 15 is Fri 7 March (working). Received Fri 2025-02-21: day 15 = Sat 8 March,
    // rolled over Sat 8, Sun 9 and Mon 10 March (Women's Day moved) to Tuesday 11 March.
    const r = calendar('2025-02-21T10:00:00+05:00', 15);
    expect(r.nominalLastDay).toBe('2025-03-08');
    expect(r.lastDay).toBe('2025-03-11');
    expect(r.skipped.map((s) => s.date)).toEqual(['2025-03-08', '2025-03-09', '2025-03-10']);
  });

  it('a term reaching into a year without official data is refused, never guessed', () => {
    expect(() => working('2027-12-28T10:00:00+05:00', 5)).toThrow(CalendarYearUnknownError);
    expect(() => working('2023-06-01T10:00:00+06:00', 1)).toThrow(/2023/);
  });

  it('a term over a forecast year (2027) says so; one within the official years does not', () => {
    expect(calendar('2026-12-28T10:00:00+05:00', 15)).toMatchObject({ lastDay: '2027-01-12', forecast: true });
    expect(working('2025-02-03T10:00:00+05:00', 5).forecast).toBeUndefined();
    // Kurban Ait 2026 (27 May) is itself a forecast entry.
    expect(working('2026-05-26T10:00:00+05:00', 1)).toMatchObject({ lastDay: '2026-05-28', forecast: true });
  });

  it('every deadline reports the calendar version it was computed with', () => {
    expect(working('2025-02-03T10:00:00+05:00', 1).calendarVersion).toBe(1);
  });
});

describe(draftYear.name, () => {
  // The statutes with the move rule and the acts' transfers must give exactly the official data in config/.
  const official = (year: number) => {
    const f = files.find((x) => x.year === year)!;
    return {
      daysOff: f.entries
        .filter((e) => e.kind === 'dayOff')
        .map((e) => e.date)
        .sort(),
      workingWeekendDays: f.entries
        .filter((e) => e.kind === 'workingDay')
        .map((e) => e.date)
        .sort(),
    };
  };

  it('2024 config = statutes + move rule + transfer 4 May → 8 May (Kurban Ait on Sunday 16 June not moved)', () => {
    expect(
      draftYear({
        year: 2024,
        kurbanAit: '2024-06-16',
        transfers: [{ workingDay: '2024-05-04', dayOff: '2024-05-08' }],
      }),
    ).toEqual(official(2024));
  });

  it('2025 config = statutes + move rule + transfer 5 January → 3 January', () => {
    expect(
      draftYear({
        year: 2025,
        kurbanAit: '2025-06-06',
        transfers: [{ workingDay: '2025-01-05', dayOff: '2025-01-03' }],
      }),
    ).toEqual(official(2025));
  });

  it('2026 config = the statutes in force in 2026 (30 August no longer a holiday) + move rule', () => {
    expect(draftYear({ year: 2026, kurbanAit: '2026-05-27' })).toEqual(official(2026));
    expect(official(2026).daysOff).not.toContain('2026-08-31');
  });

  it('2027 is a forecast drafted from the statutes in force in 2027 (15 March Constitution Day, no 30 August): every entry says so', () => {
    expect(draftYear({ year: 2027 })).toEqual(official(2027));
    expect(official(2027).daysOff).toContain('2027-03-15');
    expect(official(2027).daysOff).not.toContain('2027-08-30');
    expect(files.find((f) => f.year === 2027)!.entries.every((e) => e.forecast === true)).toBe(true);
  });

  it('every entry of config/ cites its act and names itself in three languages', () => {
    for (const e of files.flatMap((f) => f.entries)) {
      expect(e.act.length).toBeGreaterThan(10);
      expect(e.name.kk && e.name.ru && e.name.en).toBeTruthy();
    }
  });

  it('each kind of entry cites the article that makes it so (docs/decisions.md "Calendar citations")', () => {
    const wrong: string[] = [];
    for (const e of files.flatMap((f) => f.entries)) {
      const cites = (re: RegExp) => re.test(e.act) || wrong.push(`${e.date} ${e.category}: ${e.act}`);
      if (e.category === 'holiday')
        cites(/"On holidays in the Republic of Kazakhstan" of 13 December 2001 No\. 267, art\. 5\b/);
      if (e.category === 'moved') cites(/No\. 267, art\. 5 \(when a day off and a holiday coincide/);
      if (e.category === 'religious')
        cites(/^Labour Code of the Republic of Kazakhstan of 23 November 2015 No\. 414-V, art\. 84 p\.5\b/);
      if (e.category === 'transfer' || e.category === 'workingWeekend')
        cites(/Labour Code of the Republic of Kazakhstan of 23 November 2015 No\. 414-V, art\. 85 p\.3\b/);
      // The move rule is the Law's, not the Labour Code's art. 85 (which is about transfers).
      if (e.category === 'moved' && /art\. 85/.test(e.act)) wrong.push(`${e.date}: moved day cites art. 85`);
    }
    expect(wrong).toEqual([]);
  });
});

describe(statutoryDayOffOn.name, () => {
  it('the statutory list is versioned by the dates its acts are in force', () => {
    expect(statutoryDayOffOn('2025-08-30')).toMatchObject({ key: 'constitution', kind: 'holiday' });
    expect(statutoryDayOffOn('2026-08-30')).toBeUndefined();
    expect(statutoryDayOffOn('2026-03-15')).toBeUndefined();
    expect(statutoryDayOffOn('2027-03-15')).toMatchObject({ key: 'constitution', kind: 'holiday' });
    expect(statutoryDayOffOn('2027-01-07')).toMatchObject({
      key: 'christmas',
      kind: 'dayOff',
      act: expect.stringContaining('art. 84 p.5'),
    });
  });

  it('refuses dates before the list is modelled, rather than guessing older law', () => {
    expect(() => statutoryDayOffOn('2023-12-16')).toThrow(STATUTES_MODELLED_FROM);
    expect(() => draftYear({ year: 2023 })).toThrow(RangeError);
  });
});

describe('the 2026 Constitution in the shipped calendar', () => {
  it('31 August 2026 is a working day: 30 August 2026 (a Sunday) is no longer a holiday, so nothing moves', () => {
    expect(dayInfo(sut, '2026-08-30')).toMatchObject({ working: false, kind: 'weekend' });
    expect(dayInfo(sut, '2026-08-31')).toMatchObject({ working: true, kind: 'workingDay' });
    expect(working('2026-08-28T10:00:00+05:00', 1).lastDay).toBe('2026-08-31');
  });

  it('Monday 15 March 2027 is skipped as Constitution Day, a public holiday', () => {
    const r = working('2027-03-12T10:00:00+05:00', 1);
    expect(r.lastDay).toBe('2027-03-16');
    expect(r.skipped.map((s) => [s.date, s.kind])).toEqual([
      ['2027-03-13', 'weekend'],
      ['2027-03-14', 'weekend'],
      ['2027-03-15', 'holiday'],
    ]);
    expect(r.skipped[2].reason.en).toBe('Constitution Day — public holiday, day off');
    expect(dayInfo(sut, '2027-08-30')).toMatchObject({ working: true });
  });

  it('7 January and Kurban Ait are labelled as the days off they are, not public holidays, in three languages', () => {
    for (const date of ['2025-01-07', '2025-06-06', '2026-01-07']) {
      const info = dayInfo(sut, date);
      expect(info).toMatchObject({ working: false, kind: 'religious' });
      expect(info.reason.en).toMatch(/ — day off$/);
      expect(info.reason.ru).toMatch(/ — выходной день$/);
      expect(info.reason.kk).toMatch(/ — демалыс күні$/);
      expect(`${info.reason.en} ${info.reason.ru} ${info.reason.kk}`).not.toMatch(/public holiday|праздничный|мереке/);
    }
  });
});
