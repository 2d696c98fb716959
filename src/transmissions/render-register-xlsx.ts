import ExcelJS from 'exceljs';
import { I18nText, Language } from '../common/i18n';
import { rowHeight } from '../table-render/cell-height';
import { localDateTime } from '../table-render/disagreement-table.model';
import type { Register } from './transmission-register';

const t = (text: I18nText, lang: Language) => text[lang];

const L = {
  title: {
    kk: 'Ақпараттандыру жөніндегі уәкілетті органға жіберілген түпкілікті қорытындылардың тізілімі (92, 94, 96-тармақтар)',
    ru: 'Реестр окончательных заключений, направленных уполномоченному органу в сфере информатизации (пункты 92, 94, 96)',
    en: 'Register of final conclusions transmitted to the informatization authority (points 92, 94, 96)',
  },
  sheet: { kk: 'Тізілім', ru: 'Реестр', en: 'Register' },
  cycle: { kk: 'Бағалау кезеңі', ru: 'Цикл оценки', en: 'Evaluation cycle' },
  direction: { kk: 'Бағыт', ru: 'Направление', en: 'Direction' },
  generated: { kk: 'Қалыптастырылды (Астана уақыты)', ru: 'Сформирован (время Астаны)', en: 'Generated (Astana time)' },
  directions: {
    personnel: { kk: 'Персоналды басқару', ru: 'Управление персоналом', en: 'Personnel management' },
    it: { kk: 'Ақпараттық технологияларды қолдану', ru: 'Применение информационных технологий', en: 'Application of information technologies' },
  },
  columns: [
    { kk: '№', ru: '№', en: 'No.' },
    { kk: 'Орган коды', ru: 'Код органа', en: 'Body code' },
    { kk: 'Мемлекеттік орган', ru: 'Государственный орган', en: 'State body' },
    { kk: 'Бағалаушы орган', ru: 'Оценивающий орган', en: 'Evaluating authority' },
    { kk: 'Тармақ', ru: 'Пункт', en: 'Point' },
    { kk: 'Қорытынды нұсқасы', ru: 'Редакция заключения', en: 'Conclusion version' },
    { kk: 'Рәсімнің нәтижесі', ru: 'Итог процедуры', en: 'Outcome of the procedure' },
    { kk: 'Жіберілді (Астана уақыты)', ru: 'Направлено (время Астаны)', en: 'Transmitted (Astana time)' },
    { kk: 'Көрсеткіш коды', ru: 'Код показателя', en: 'Indicator code' },
    { kk: 'Көрсеткіш', ru: 'Показатель', en: 'Indicator' },
    { kk: 'Балл', ru: 'Балл', en: 'Score' },
    { kk: 'Ең жоғары балл', ru: 'Максимальный балл', en: 'Maximum score' },
  ] as I18nText[],
  outcomes: {
    noObjection: { kk: 'Қарсылық жоқ', ru: 'Без возражений', en: 'No objection' },
    noResponse: { kk: 'Жауап жоқ', ru: 'Без ответа', en: 'No response' },
    withdrawn: { kk: 'Қарсылық кері қайтарылды', ru: 'Возражение отозвано', en: 'Objection withdrawn' },
    final: { kk: 'Түпкілікті', ru: 'Окончательно', en: 'Final' },
    upheld: { kk: 'Өзгеріссіз қалдырылды', ru: 'Оставлено без изменений', en: 'Upheld' },
    revised: { kk: 'Қайта қаралды', ru: 'Пересмотрено', en: 'Revised' },
  } as Record<string, I18nText>,
};

const WIDTHS = [5, 11, 40, 12, 8, 11, 20, 18, 12, 40, 8, 10];

/** Issue 15: the same workbook for the results dispatched to the working body (p.106). */
export const DISPATCHED_REGISTER = {
  title: {
    kk: 'Комиссияның жұмыс органына жіберілген шағымдану нәтижелерінің тізілімі (106-тармақ)',
    ru: 'Реестр результатов обжалования, направленных рабочему органу Комиссии (пункт 106)',
    en: 'Register of appeal results dispatched to the working body of the Commission (point 106)',
  },
  sent: { kk: 'Жіберілді (Астана уақыты)', ru: 'Направлено (время Астаны)', en: 'Dispatched (Astana time)' },
};

/** The register as a workbook: one row per indicator of each final conclusion, the body repeated, so it sorts and sums. */
export async function renderRegisterXlsx(register: Register, lang: Language, kind: { title: I18nText; sent?: I18nText } = { title: L.title }): Promise<Buffer> {
  const title0 = kind.title;
  const columns = L.columns.map((c, i) => (i === 7 && kind.sent ? kind.sent : c));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'appeals-engine';
  wb.created = new Date(register.generatedAt);
  wb.modified = new Date(register.generatedAt);
  wb.title = `${t(title0, lang)} — ${register.cycle}, ${register.direction}`;
  const ws = wb.addWorksheet(t(L.sheet, lang), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const title = ws.addRow([t(title0, lang)]);
  ws.mergeCells(title.number, 1, title.number, WIDTHS.length);
  title.font = { bold: true, size: 13 };
  title.alignment = { wrapText: true, vertical: 'top' };
  title.height = rowHeight([{ text: t(title0, lang), width: WIDTHS.reduce((a, b) => a + b, 0), bold: true, fontSize: 13 }]) ?? title.height;
  ws.addRow([t(L.cycle, lang), register.cycle]);
  ws.addRow([t(L.direction, lang), t(L.directions[register.direction], lang)]);
  ws.addRow([t(L.generated, lang), localDateTime(register.generatedAt)]);
  ws.addRow([]);
  const header = ws.addRow(columns.map((c) => t(c, lang)));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.height = rowHeight(columns.map((c, i) => ({ text: t(c, lang), width: WIDTHS[i], bold: true }))) ?? header.height;
  let n = 0;
  for (const entry of register.items) {
    n += 1;
    const name = lang === 'kk' ? entry.body.nameKk : lang === 'ru' ? entry.body.nameRu : entry.body.nameEn || entry.body.nameRu;
    const outcome = L.outcomes[entry.outcome] ? t(L.outcomes[entry.outcome], lang) : entry.outcome;
    for (const item of entry.items) {
      const values = [n, entry.body.code, name, entry.authority, entry.law, entry.conclusionVersion, outcome, localDateTime(entry.transmittedAt), item.code, item.title, item.score, item.maxScore];
      const row = ws.addRow(values);
      row.alignment = { wrapText: true, vertical: 'top' };
      // Wrapped names and titles never spill over the next row (cell-height.ts).
      row.height = rowHeight(values.map((v, i) => ({ text: v, width: WIDTHS[i] }))) ?? row.height;
    }
  }
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
