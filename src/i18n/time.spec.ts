import { formatDate, formatDateTime, formatTime, isoInAstana } from './time';

describe('Astana time formatting', () => {
  it('writes every moment one way, in Astana time (UTC+5 since 1 March 2024)', () => {
    expect(formatDateTime('2025-11-29T09:05:00Z')).toBe('29.11.2025 14:05');
    expect(formatDateTime(new Date('2025-11-29T19:30:00Z'))).toBe('30.11.2025 00:30');
    expect(formatDateTime('2025-02-07T23:59:59.999+05:00')).toBe('07.02.2025 23:59');
    expect(formatTime('2025-11-29T09:05:00Z')).toBe('14:05');
    expect(isoInAstana('2025-11-29T09:05:00Z')).toBe('2025-11-29T14:05:00.000+05:00');
  });

  it('keeps UTC+6 for moments before 1 March 2024 (the zone comes from tzdata, not a fixed offset)', () => {
    expect(formatDateTime('2024-02-01T09:05:00Z')).toBe('01.02.2024 15:05');
  });

  it('writes a day as dd.MM.yyyy, from a local date or a moment', () => {
    expect(formatDate('2026-03-25')).toBe('25.03.2026');
    expect(formatDate('2025-11-29T20:00:00Z')).toBe('30.11.2025');
  });

  it('refuses what is not a moment', () => {
    expect(() => formatDateTime('yesterday')).toThrow(RangeError);
  });
});
