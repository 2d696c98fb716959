import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { inAstanaTime } from './answers';
import { pageOf } from './paging';

describe('answers in one shape (issue 11 item 3)', () => {
  it('SPEC §3: every instant in Astana time with its offset, +06:00 before 1 March 2024, milliseconds written', () => {
    expect(
      inAstanaTime({
        at: '2026-11-20T06:00:00.000Z',
        due: '2025-02-10T23:59:59.999+05:00',
        given: '2025-02-05T15:00:00+05:00',
      }),
    ).toEqual({
      at: '2026-11-20T11:00:00.000+05:00',
      due: '2025-02-10T23:59:59.999+05:00',
      given: '2025-02-05T15:00:00.000+05:00',
    });
    // 29 February 2024: clocks went from +06 to +05 at midnight; an instant that day keeps +06:00.
    expect(inAstanaTime('2024-02-29T12:00:00Z')).toBe('2024-02-29T18:00:00.000+06:00');
    expect(inAstanaTime([new Date('2025-02-03T05:00:00Z')])).toEqual(['2025-02-03T10:00:00.000+05:00']);
    // Text that is not an instant, dates and numbers stay as they are.
    expect(inAstanaTime({ date: '2025-02-03', note: 'at 2025-02-03T05:00:00Z', n: 5, none: null })).toEqual({
      date: '2025-02-03',
      note: 'at 2025-02-03T05:00:00Z',
      n: 5,
      none: null,
    });
  });

  it('p.105: the disagreement table rows are quoted as signed; file answers and bytes are left alone', () => {
    const rows = [{ n: 1, decidedAt: '2025-02-05T10:01:00.000Z' }];
    expect(inAstanaTime({ table: { rows }, updatedAt: '2025-02-05T10:01:00.000Z' })).toEqual({
      table: { rows },
      updatedAt: '2025-02-05T15:01:00.000+05:00',
    });
    const file = new StreamableFile(Readable.from(['x']));
    expect(inAstanaTime(file)).toBe(file);
    const bytes = Buffer.from('2025-02-05T10:01:00.000Z');
    expect(inAstanaTime(bytes)).toBe(bytes);
  });

  it('a list held whole is paged like a list paged in SQL: { items, total, limit, offset }', () => {
    expect(pageOf([1, 2, 3, 4, 5], { limit: 2, offset: 3 })).toEqual({ items: [4, 5], total: 5, limit: 2, offset: 3 });
    expect(pageOf([1, 2], {})).toEqual({ items: [1, 2], total: 2, limit: 100, offset: 0 });
  });
});
