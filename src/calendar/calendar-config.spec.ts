import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkYearFile, readShippedCalendar } from './calendar-config';

describe(readShippedCalendar.name, () => {
  it('reads each year file with the SHA-256 of its exact bytes', () => {
    const files = readShippedCalendar();
    expect(files.map((f) => f.data.year)).toEqual([2024, 2025, 2026, 2027]);
    for (const f of files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(files.map((f) => f.sha256)).size).toBe(files.length);
  });

  it('refuses a bad file, naming the file and each bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-config-'));
    try {
      writeFileSync(
        join(dir, '2026.json'),
        JSON.stringify({
          year: 2025,
          source: 'x',
          revised: 'soon',
          entries: [{ date: '2026-02-30', kind: 'holiday', category: 'moved', name: { kk: 'a' }, act: '' }],
        }),
      );
      expect(() => readShippedCalendar(dir)).toThrow(
        'config/calendar/2026.json: year: must be 2026 (the file name); source: required; revised: must be a date YYYY-MM-DD; entries[0].date: must be a date of 2025; entries[0].kind: must be one of dayOff, workingDay; entries[0].name.ru: required; entries[0].name.en: required; entries[0].act: required (the act the entry comes from)',
      );
      writeFileSync(join(dir, '2026.json'), '{"year": 2026,');
      expect(() => readShippedCalendar(dir)).toThrow(/^config\/calendar\/2026\.json: not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every shipped file passes its own check and says when it was revised', () => {
    for (const f of readShippedCalendar()) {
      expect(checkYearFile(f.file, f.data)).toEqual([]);
      expect(f.data.revised).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
