import ExcelJS from 'exceljs';
import { Language } from '../common/i18n';
import { MessageKey, hasKey, t } from '../i18n/catalogue';
import { rowHeight } from '../table-render/cell-height';
import { localDateTime } from '../table-render/disagreement-table.model';
import type { Register } from './transmission-register';

/** The register's labels, from the one catalogue of texts (`registerLabels.*`, issue 11). */
const COLUMNS = [
  'n',
  'bodyCode',
  'body',
  'authority',
  'point',
  'conclusionVersion',
  'outcome',
  'transmitted',
  'indicatorCode',
  'indicator',
  'score',
  'maxScore',
];
const label = (lang: Language, key: string) => t(lang, `registerLabels.${key}` as MessageKey);
const outcomeLabel = (lang: Language, outcome: string) =>
  hasKey(`registerLabels.outcomes.${outcome}`) ? label(lang, `outcomes.${outcome}`) : outcome;

const WIDTHS = [5, 11, 40, 12, 8, 11, 20, 18, 12, 40, 8, 10];

/**
 * The register as a workbook: one row per indicator of each final conclusion, the body repeated, so it sorts and sums.
 * `dispatched` (issue 15): the same workbook for the results dispatched to the working body (p.106).
 */
export async function renderRegisterXlsx(
  register: Register,
  lang: Language,
  kind: 'transmitted' | 'dispatched' = 'transmitted',
): Promise<Buffer> {
  const titleKey = kind === 'dispatched' ? 'dispatchedTitle' : 'title';
  const columnKey = (c: string) => `columns.${kind === 'dispatched' && c === 'transmitted' ? 'dispatched' : c}`;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'appeals-engine';
  wb.created = new Date(register.generatedAt);
  wb.modified = new Date(register.generatedAt);
  wb.title = `${label(lang, titleKey)} — ${register.cycle}, ${register.direction}`;
  const ws = wb.addWorksheet(label(lang, 'sheet'), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const title = ws.addRow([label(lang, titleKey)]);
  ws.mergeCells(title.number, 1, title.number, WIDTHS.length);
  title.font = { bold: true, size: 13 };
  title.alignment = { wrapText: true, vertical: 'top' };
  title.height =
    rowHeight([{ text: label(lang, titleKey), width: WIDTHS.reduce((a, b) => a + b, 0), bold: true, fontSize: 13 }]) ??
    title.height;
  ws.addRow([label(lang, 'cycle'), register.cycle]);
  ws.addRow([label(lang, 'direction'), label(lang, `directions.${register.direction}`)]);
  ws.addRow([label(lang, 'generated'), localDateTime(register.generatedAt)]);
  ws.addRow([]);
  const header = ws.addRow(COLUMNS.map((c) => label(lang, columnKey(c))));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.height =
    rowHeight(COLUMNS.map((c, i) => ({ text: label(lang, columnKey(c)), width: WIDTHS[i], bold: true }))) ??
    header.height;
  let n = 0;
  for (const entry of register.items) {
    n += 1;
    const name =
      lang === 'kk' ? entry.body.nameKk : lang === 'ru' ? entry.body.nameRu : entry.body.nameEn || entry.body.nameRu;
    const outcome = outcomeLabel(lang, entry.outcome);
    for (const item of entry.items) {
      const values = [
        n,
        entry.body.code,
        name,
        entry.authority,
        entry.law,
        entry.conclusionVersion,
        outcome,
        localDateTime(entry.transmittedAt),
        item.code,
        item.title,
        item.score,
        item.maxScore,
      ];
      const row = ws.addRow(values);
      row.alignment = { wrapText: true, vertical: 'top' };
      // Wrapped names and titles never spill over the next row (cell-height.ts).
      row.height = rowHeight(values.map((v, i) => ({ text: v, width: WIDTHS[i] }))) ?? row.height;
    }
  }
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
