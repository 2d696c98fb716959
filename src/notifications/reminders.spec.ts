import { buildCalendar, computeDeadline } from '../calendar/calendar-rules';
import { BACKOFF_CAP_MS, backoffMs, signatureOf } from './notification-dispatcher';
import { reminderInstant, reminderTimes } from './notifications.service';

describe('reminderTimes', () => {
  const calendar = buildCalendar(1, [2025], []);

  it('p.99: D1 from Monday 3 February 2025 reminds on Friday 7 and Monday 10 February at 09:00+05:00', () => {
    const d1 = computeDeadline(calendar, '2025-02-03T10:00:00+05:00', { workingDays: 5 });
    expect(reminderTimes(calendar, d1)).toEqual({
      'two-days-left': Date.parse('2025-02-07T04:00:00Z'),
      'last-day': Date.parse('2025-02-10T04:00:00Z'),
    });
  });

  it('a one-day term has no working day before its last one inside it: only last-day', () => {
    const d = computeDeadline(calendar, '2025-02-03T10:00:00+05:00', { workingDays: 1 });
    expect(Object.keys(reminderTimes(calendar, d))).toEqual(['last-day']);
  });

  it('a year the calendar lacks gives no two-days-left rather than a guess', () => {
    expect(reminderTimes(calendar, { firstDay: '2024-12-30', lastDay: '2025-01-02' })['two-days-left']).toBe(
      Date.parse('2025-01-01T04:00:00Z'),
    );
    expect(reminderTimes(calendar, { firstDay: '2024-12-30', lastDay: '2025-01-01' })['two-days-left']).toBeUndefined();
  });

  it('09:00 local uses the offset in force that day (UTC+6 before March 2024)', () => {
    expect(reminderInstant('2024-02-01')).toBe(Date.parse('2024-02-01T03:00:00Z'));
    expect(reminderInstant('2024-03-04')).toBe(Date.parse('2024-03-04T04:00:00Z'));
  });
});

describe('backoffMs', () => {
  it('doubles from 5 s, is at most 10 % shorter, and is capped at one hour', () => {
    for (const [attempts, base] of [
      [1, 5_000],
      [2, 10_000],
      [3, 20_000],
      [10, 2_560_000],
    ] as const) {
      const ms = backoffMs(attempts, 'n:w');
      expect(ms).toBeGreaterThanOrEqual(base * 0.9);
      expect(ms).toBeLessThanOrEqual(base);
    }
    expect(backoffMs(30, 'n:w')).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    expect(backoffMs(3, 'n:w')).toBe(backoffMs(3, 'n:w'));
  });
});

describe('signatureOf', () => {
  it('is the hex HMAC-SHA256 of the raw body (RFC 4231 test case 2)', () => {
    expect(signatureOf('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
