import ExcelJS from 'exceljs';
import { rowHeight } from './cell-height';
import { DisagreementTable } from './disagreement-table.model';

/** The columns of the sheet: each figure of a row in its own cell, so the sheet can be sorted and summed. */
function columns(
  t: DisagreementTable,
): { header: string; width: number; value: (r: DisagreementTable['rows'][number]) => string | number | null }[] {
  const l = t.labels;
  const d = l.detail;
  const c = l.columns;
  return [
    { header: c.n, width: 5, value: (r) => r.n },
    { header: d.indicatorCode, width: 11, value: (r) => r.indicatorCode },
    { header: d.indicatorTitle, width: 30, value: (r) => r.indicatorTitle },
    { header: c.authorityScore, width: 12, value: (r) => r.authorityScore },
    { header: d.maxScore, width: 10, value: (r) => r.maxScore },
    { header: d.claimedScore, width: 10, value: (r) => r.claimedScore },
    { header: d.argument, width: 40, value: (r) => r.argument },
    {
      header: c.documents,
      width: 44,
      value: (r) => (r.documents.length ? r.documents.map((x) => `${x.name}\n${x.sha256}`).join('\n') : null),
    },
    { header: c.authorityPosition, width: 36, value: (r) => r.authorityPosition },
    { header: c.decision, width: 20, value: (r) => r.decisionText },
    { header: d.for, width: 8, value: (r) => r.vote?.for ?? null },
    { header: d.against, width: 8, value: (r) => r.vote?.against ?? null },
    { header: d.abstained, width: 9, value: (r) => r.vote?.abstained ?? null },
    { header: d.present, width: 10, value: (r) => r.vote?.present ?? null },
    { header: d.members, width: 10, value: (r) => r.vote?.members ?? null },
    { header: d.chairVote, width: 11, value: (r) => (r.vote?.chairVote ? l.ballot[r.vote.chairVote] : null) },
    { header: c.revisedScore, width: 12, value: (r) => r.revisedScore },
    { header: c.rationale, width: 40, value: (r) => r.rationale || null },
  ];
}

const THIN = { style: 'thin' as const, color: { argb: 'FF777777' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const WRAP_TOP = { wrapText: true, vertical: 'top' as const };

/** A workbook with the header block, one row per table row (wrapped text, set widths) and the signatures. */
export async function renderXlsx(t: DisagreementTable, options: { createdAt: Date }): Promise<Buffer> {
  const l = t.labels;
  const cols = columns(t);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'appeals-engine';
  wb.created = options.createdAt;
  wb.modified = options.createdAt;
  wb.title = `${l.title} — ${t.header.body.code}, ${t.header.cycle}`;
  const ws = wb.addWorksheet(l.sheet, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${l.title} · ${t.header.body.code} · ${t.header.cycle}&R&P / &N` },
  });
  ws.columns = cols.map((c) => ({ width: c.width }));
  const last = cols.length;
  /** The width of columns from..to (1-based, inclusive): a merged cell wraps in all of them. */
  const span = (from: number, to: number) => cols.slice(from - 1, to).reduce((w, c) => w + c.width, 0);

  const title = ws.addRow([l.title]);
  ws.mergeCells(title.number, 1, title.number, last);
  title.font = { bold: true, size: 14 };
  title.getCell(1).alignment = WRAP_TOP;
  title.height = rowHeight([{ text: l.title, width: span(1, last), bold: true, fontSize: 14 }]) ?? title.height;
  const subtitle = ws.addRow([l.subtitle]);
  ws.mergeCells(subtitle.number, 1, subtitle.number, last);
  subtitle.font = { italic: true, size: 9, color: { argb: 'FF555555' } };
  subtitle.getCell(1).alignment = WRAP_TOP;
  subtitle.height = rowHeight([{ text: l.subtitle, width: span(1, last), fontSize: 9 }]) ?? subtitle.height;
  ws.addRow([]);

  const meta: [string, string][] = [
    [l.case, t.caseId],
    [l.cycle, t.header.cycle],
    [l.direction, t.header.direction],
    [l.body, `${t.header.body.name} (${t.header.body.code})`],
    [
      l.authority,
      t.header.authority.name === t.header.authority.code
        ? t.header.authority.code
        : `${t.header.authority.name} (${t.header.authority.code})`,
    ],
    ...(t.header.conclusion ? ([[l.conclusion, t.header.conclusion]] as [string, string][]) : []),
    [l.commission, t.members.length ? t.members.map((m) => `${m.name} — ${m.role}`).join('\n') : l.noCommission],
  ];
  for (const [key, value] of meta) {
    const row = ws.addRow([key, null, null, value]);
    ws.mergeCells(row.number, 1, row.number, 3);
    ws.mergeCells(row.number, 4, row.number, last);
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = WRAP_TOP;
    row.getCell(4).alignment = WRAP_TOP;
    const height = rowHeight([
      { text: key, width: span(1, 3), bold: true },
      { text: value, width: span(4, last) },
    ]);
    if (height) row.height = height;
  }
  ws.addRow([]);

  const head = ws.addRow(cols.map((c) => c.header));
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.alignment = { ...WRAP_TOP, vertical: 'middle' };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
  });
  head.height = rowHeight(cols.map((c) => ({ text: c.header, width: c.width, bold: true }))) ?? head.height;
  ws.views = [{ state: 'frozen', ySplit: head.number, xSplit: 2 }];
  ws.pageSetup.printTitlesRow = `${head.number}:${head.number}`;

  for (const r of t.rows) {
    const row = ws.addRow(cols.map((c) => c.value(r)));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.alignment = WRAP_TOP;
      cell.border = BORDER;
    });
    // Wrapped text never spills over the next row: the row is as tall as its tallest cell (cell-height.ts).
    const height = rowHeight(cols.map((c) => ({ text: c.value(r), width: c.width })));
    if (height) row.height = height;
    const decision = row.getCell(10);
    decision.font = {
      bold: true,
      color: { argb: r.decision === 'agree' ? 'FF0A5D2A' : r.decision === 'disagree' ? 'FF8A1C1C' : 'FF666666' },
    };
  }
  ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: head.number + t.rows.length, column: last } };

  ws.addRow([]);
  const sigTitle = ws.addRow([l.signatures]);
  sigTitle.font = { bold: true, size: 12 };
  const sigHead = ws.addRow([null, null, null, l.name, null, null, l.status, null, null, l.date]);
  ws.mergeCells(sigHead.number, 1, sigHead.number, 3);
  ws.mergeCells(sigHead.number, 4, sigHead.number, 6);
  ws.mergeCells(sigHead.number, 7, sigHead.number, 9);
  sigHead.font = { bold: true };
  for (const s of t.signatures) {
    const status = s.reason ? `${s.statusText}\n${l.reason}: ${s.reason}` : s.statusText;
    const row = ws.addRow([s.role, null, null, s.name, null, null, status, null, null, s.date]);
    ws.mergeCells(row.number, 1, row.number, 3);
    ws.mergeCells(row.number, 4, row.number, 6);
    ws.mergeCells(row.number, 7, row.number, 9);
    row.getCell(1).font = { bold: true };
    for (const i of [1, 4, 7, 10]) row.getCell(i).alignment = WRAP_TOP;
    const height = rowHeight([
      { text: s.role, width: span(1, 3), bold: true },
      { text: s.name, width: span(4, 6) },
      { text: status, width: span(7, 9) },
      { text: s.date, width: cols[9].width },
    ]);
    if (height) row.height = height;
  }
  if (t.signedTable) {
    const hash = ws.addRow([t.signedTable.text]);
    ws.mergeCells(hash.number, 1, hash.number, last);
    hash.font = { size: 9 };
    hash.getCell(1).alignment = WRAP_TOP;
    hash.height = rowHeight([{ text: t.signedTable.text, width: span(1, last), fontSize: 9 }]) ?? hash.height;
  }
  ws.addRow([]);
  const note = ws.addRow([`${l.generated}: ${t.generatedAt}. ${l.timeNote}`]);
  ws.mergeCells(note.number, 1, note.number, last);
  note.font = { size: 9, color: { argb: 'FF555555' } };
  note.getCell(1).alignment = WRAP_TOP;
  note.height =
    rowHeight([{ text: `${l.generated}: ${t.generatedAt}. ${l.timeNote}`, width: span(1, last), fontSize: 9 }]) ??
    note.height;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
