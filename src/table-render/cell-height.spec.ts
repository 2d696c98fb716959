import ExcelJS from 'exceljs';
import { LINE_POINTS, rowHeight, wrappedLines } from './cell-height';
import { buildDisagreementTable, TableSources } from './disagreement-table.model';
import { renderXlsx } from './render-xlsx';

describe('wrappedLines', () => {
  it('a short text takes one line; each new line of the text at least one more', () => {
    expect(wrappedLines('Иә', 10)).toBe(1);
    expect(wrappedLines('бір\nекі\nүш', 40)).toBe(3);
  });

  it('wraps at spaces: a text about twice the width takes two or three lines, never one', () => {
    const text = 'Кадрлық резервтен тағайындау туралы деректер толық ұсынылды'; // 59 characters
    const lines = wrappedLines(text, 30);
    expect(lines).toBeGreaterThanOrEqual(2);
    expect(lines).toBeLessThanOrEqual(3);
  });

  it('breaks a word longer than the cell (a SHA-256 in a 44-wide column takes two lines)', () => {
    expect(wrappedLines('ab'.repeat(32), 44)).toBe(2);
  });
});

describe('rowHeight', () => {
  it('leaves one-line rows at the default height, and grows with the tallest cell', () => {
    expect(
      rowHeight([
        { text: 'HR-1', width: 11 },
        { text: 3, width: 10 },
      ]),
    ).toBeUndefined();
    const h = rowHeight([
      { text: 'a', width: 10 },
      { text: 'бір\nекі\nүш\nтөрт', width: 40 },
    ])!;
    expect(h).toBeGreaterThanOrEqual(4 * LINE_POINTS);
  });
});

/**
 * Issue 15: opened in LibreOffice Calc, the workbook's data rows had no height and their wrapped text spilled over the
 * next row. Every row holding wrapped text now has a height of at least its lines × 15 pt. The expectation is a LOWER
 * bound computed here independently: a cell `w` wide holds at most ~1.2·w characters a line in any common font.
 */
describe('the disagreement table workbook (p.102, appendix 18)', () => {
  const argument = 'Декретные отпуска не учтены при расчёте текучести кадров, что противоречит методике. '
    .repeat(6)
    .trim();
  const sources: TableSources = {
    view: {
      id: '11111111-2222-3333-4444-555555555555',
      cycle: '2025',
      direction: 'personnel',
      bodyCode: 'MZ',
      authority: 'ASC',
      documents: [{ name: 'Анықтама.pdf', sha256: 'ab'.repeat(32) }],
      table: {
        rows: [
          {
            n: 1,
            indicatorCode: 'HR-1',
            title: 'Кадрлық резервтен тағайындалған басшы лауазымдардың үлесі',
            authorityScore: 3,
            claimedScore: 5,
            argument,
            authorityPosition: 'Методика не исключает',
          },
          {
            n: 2,
            indicatorCode: 'HR-2',
            title: 'Текучесть',
            authorityScore: 2,
            claimedScore: 4,
            argument: 'Қысқа',
            authorityPosition: 'Жоқ',
          },
        ],
        signatures: {
          agencyRefusal: {
            at: '2025-02-12T04:00:00Z',
            reason: 'Екінші жолмен келіспейміз, себебі комиссия біздің дәлелдерімізді қарамады. '.repeat(4),
          },
        },
      },
    },
    conclusion: {
      version: 1,
      issuedAt: '2025-02-03T05:00:00Z',
      items: [
        { code: 'HR-1', title: 'Кадрлық резерв', score: 3, maxScore: 5 },
        { code: 'HR-2', title: 'Текучесть', score: 2, maxScore: 5 },
      ],
    },
    members: [{ role: 'chair', name: 'Асқаров Ерлан Болатұлы' }],
    body: { code: 'MZ', nameKk: 'Денсаулық сақтау министрлігі', nameRu: 'Министерство здравоохранения', nameEn: null },
    authority: {
      code: 'ASC',
      nameKk: 'Мемлекеттік қызмет істері агенттігі',
      nameRu: 'Агентство по делам государственной службы',
      nameEn: null,
    },
    generatedAt: '2025-02-14T06:00:00Z',
  };

  it.each(['kk', 'ru'] as const)(
    '%s: every row with wrapped text is tall enough for it (no text spills over the next row)',
    async (lang) => {
      const xlsx = await renderXlsx(buildDisagreementTable(sources, lang), {
        createdAt: new Date('2025-02-14T06:00:00Z'),
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx as never);
      const ws = wb.worksheets[0];
      const widths = ws.columns.map((c) => c.width ?? 9);
      let checked = 0;
      ws.eachRow((row) => {
        let needed = 1;
        row.eachCell((cell, col) => {
          // Only wrapped cells grow down; an unwrapped one runs on into the empty cells beside it.
          if (typeof cell.value !== 'string' || cell.isMerged || !cell.alignment?.wrapText) return;
          const perLine = widths[col - 1] * 1.2;
          const lines = cell.value
            .split('\n')
            .reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
          needed = Math.max(needed, lines);
        });
        if (needed <= 1) return;
        checked++;
        const texts = row.values as unknown[];
        expect({ row: row.number, texts, tallEnough: (row.height ?? 15) >= needed * LINE_POINTS * 0.9 }).toEqual({
          row: row.number,
          texts,
          tallEnough: true,
        });
      });
      // The header, the long argument's row and its documents: at least these wrap.
      expect(checked).toBeGreaterThanOrEqual(2);
    },
  );
});
