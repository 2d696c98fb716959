/**
 * bench/calendar — deadlines computed per second by the engine's term rules, next to a raw baseline
 * measured in the same run: a plain loop over dates that counts Monday–Friday with no calendar, no
 * zone and no explanation. Run: npm run bench:calendar
 */
import { readCalendarConfig } from '../src/calendar/calendar-config';
import { buildCalendar, computeDeadline } from '../src/calendar/calendar-rules';

const files = readCalendarConfig();
const calendar = buildCalendar(
  1,
  files.map((f) => f.year),
  files.flatMap((f) => f.entries),
);
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T05:00:00Z');
const SPAN_DAYS = 3 * 365 - 40;
const inputs = Array.from({ length: 10_000 }, (_, i) =>
  new Date(START + ((i * 7919) % SPAN_DAYS) * DAY + (i % 24) * 3_600_000).toISOString(),
);

function engine(n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const from = inputs[i % inputs.length];
    const r =
      i % 3 === 0
        ? computeDeadline(calendar, from, { calendarDays: 15 })
        : computeDeadline(calendar, from, { workingDays: 5 });
    sink += r.lastDay.length + r.skipped.length;
  }
  return sink;
}

function baseline(n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const from = Date.parse(inputs[i % inputs.length]);
    let day = Math.floor(from / DAY) + 1;
    if (i % 3 === 0) {
      day += 14;
      while ([0, 6].includes(new Date(day * DAY).getUTCDay())) day++;
    } else {
      let counted = 0;
      for (; ; day++) {
        const wd = new Date(day * DAY).getUTCDay();
        if (wd !== 0 && wd !== 6 && ++counted === 5) break;
      }
    }
    sink += new Date(day * DAY).toISOString().slice(0, 10).length;
  }
  return sink;
}

function rate(fn: (n: number) => number, seconds = 1.5): number {
  fn(2_000);
  let n = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    fn(1_000);
    n += 1_000;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  return n / elapsed;
}

const engineRate = rate(engine);
const baselineRate = rate(baseline);
console.log(
  JSON.stringify(
    {
      bench: 'calendar',
      engineDeadlinesPerSecond: Math.round(engineRate),
      baselinePlainLoopPerSecond: Math.round(baselineRate),
      ratio: Number((engineRate / baselineRate).toFixed(3)),
      note: 'engine = Asia/Almaty zone + official calendar + skipped-day explanations; baseline = Mon–Fri count only',
    },
    null,
    2,
  ),
);
