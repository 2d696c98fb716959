import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { DisagreementTable, DisagreementTableRow, formatScore } from './disagreement-table.model';

/**
 * The standard PDF fonts have no Cyrillic. DejaVu Sans covers Russian and every Kazakh letter
 * (ә ғ қ ң ө ұ ү һ і); it ships in the `dejavu-fonts-ttf` package and is read from node_modules once.
 */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function dejaVu(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = {
      regular: readFileSync(join(dir, 'DejaVuSansCondensed.ttf')),
      bold: readFileSync(join(dir, 'DejaVuSansCondensed-Bold.ttf')),
    };
  }
  return fonts;
}

type Doc = InstanceType<typeof PDFDocument>;

interface Segment {
  text: string;
  bold?: boolean;
  size?: number;
  color?: string;
  /** A value to copy exactly (a digest): cut without hyphens. */
  verbatim?: boolean;
}
interface Line {
  text: string;
  bold: boolean;
  size: number;
  color: string;
  height: number;
}
interface Column {
  width: number;
  header: string;
  align?: 'left' | 'center';
}

const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape, points
const MARGIN = { left: 28, right: 28, top: 30, bottom: 34 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const PAD = 3;
const BODY_SIZE = 7.5;
const HEAD_SIZE = 7;
const INK = '#111111';
const MUTED = '#555555';
const LINE = '#777777';

function useFont(doc: Doc, bold: boolean, size: number): void {
  doc.font(bold ? 'bold' : 'regular').fontSize(size);
}

/**
 * Breaks text into lines no wider than `width`, keeping its line breaks. A word longer than a line is cut,
 * with a hyphen — except digests and the like (`hyphenate: false`), where a hyphen would change the value.
 */
function wrap(doc: Doc, text: string, width: number, hyphenate: boolean): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (doc.widthOfString(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      const mark = hyphenate ? '-' : '';
      for (const ch of word) {
        if (line && doc.widthOfString(line + ch + mark) > width) {
          out.push(line + mark);
          line = '';
        }
        line += ch;
      }
    }
    out.push(line);
  }
  return out;
}

function layout(doc: Doc, segments: Segment[], width: number): Line[] {
  const lines: Line[] = [];
  for (const s of segments) {
    const size = s.size ?? BODY_SIZE;
    useFont(doc, s.bold ?? false, size);
    for (const text of wrap(doc, s.text, width, !s.verbatim))
      lines.push({ text, bold: s.bold ?? false, size, color: s.color ?? INK, height: size * 1.25 });
  }
  return lines;
}

const heightOf = (lines: Line[]): number => lines.reduce((h, l) => h + l.height, 0);

/** Draws tables that run over pages: the header row repeats, a row taller than what is left moves or continues on the next page. */
class PdfTable {
  constructor(
    private readonly doc: Doc,
    private readonly columns: Column[],
    private readonly cursor: { y: number },
    private readonly newPage: () => void,
  ) {}

  header(): void {
    const cells = this.columns.map((c) =>
      layout(this.doc, [{ text: c.header, bold: true, size: HEAD_SIZE }], c.width - 2 * PAD),
    );
    const h = Math.max(...cells.map(heightOf)) + 2 * PAD;
    if (this.cursor.y + h > BOTTOM) this.newPage();
    this.drawChunk(cells, h, '#e8edf3');
  }

  row(cellSegments: Segment[][]): void {
    let cells = this.columns.map((c, i) => layout(this.doc, cellSegments[i], c.width - 2 * PAD));
    const full = Math.max(...cells.map(heightOf)) + 2 * PAD;
    const freshPage = BOTTOM - MARGIN.top - 40; // what a new page offers below its header row
    if (this.cursor.y + full > BOTTOM && full <= freshPage) this.continueOnNewPage();
    while (cells.some((c) => c.length)) {
      const room = BOTTOM - this.cursor.y - 2 * PAD;
      if (room < BODY_SIZE * 4) {
        this.continueOnNewPage();
        continue;
      }
      const taken = cells.map((c) => {
        let h = 0;
        let n = 0;
        while (n < c.length && h + c[n].height <= room) h += c[n++].height;
        return n;
      });
      const chunk = cells.map((c, i) => c.slice(0, taken[i]));
      this.drawChunk(chunk, Math.max(...chunk.map(heightOf)) + 2 * PAD);
      cells = cells.map((c, i) => c.slice(taken[i]));
      if (cells.some((c) => c.length)) this.continueOnNewPage();
    }
  }

  private continueOnNewPage(): void {
    this.newPage();
    this.header();
  }

  private drawChunk(cells: Line[][], height: number, fill?: string): void {
    const { doc } = this;
    let x = MARGIN.left;
    const y = this.cursor.y;
    cells.forEach((lines, i) => {
      const col = this.columns[i];
      if (fill) doc.rect(x, y, col.width, height).fillColor(fill).fill();
      doc.rect(x, y, col.width, height).lineWidth(0.5).strokeColor(LINE).stroke();
      let ly = y + PAD;
      for (const line of lines) {
        useFont(doc, line.bold, line.size);
        const w = doc.widthOfString(line.text);
        const lx = col.align === 'center' ? x + (col.width - w) / 2 : x + PAD;
        doc.fillColor(line.color).text(line.text, lx, ly + (line.height - line.size) / 2, { lineBreak: false });
        ly += line.height;
      }
      x += col.width;
    });
    this.cursor.y = y + height;
  }
}

function rowCells(r: DisagreementTableRow, t: DisagreementTable): Segment[][] {
  const l = t.labels;
  const decisionColor = r.decision === 'agree' ? '#0a5d2a' : r.decision === 'disagree' ? '#8a1c1c' : MUTED;
  return [
    [{ text: String(r.n) }],
    [{ text: r.indicatorCode, bold: true }, { text: r.indicatorTitle }],
    [
      { text: formatScore(r.authorityScore, t.lang), bold: true, size: 9 },
      ...(r.maxScore !== null ? [{ text: l.maxScore(formatScore(r.maxScore, t.lang)), size: 6.5, color: MUTED }] : []),
    ],
    [
      { text: r.claimedScore !== null ? l.claimed(formatScore(r.claimedScore, t.lang)) : l.noClaim, bold: true },
      { text: r.argument },
    ],
    r.documents.length
      ? r.documents.flatMap((d) => [{ text: d.name }, { text: d.sha256, size: 6, color: MUTED, verbatim: true }])
      : [{ text: l.none }],
    [{ text: r.authorityPosition }],
    [
      { text: r.decisionText, bold: true, color: decisionColor },
      ...(r.decidedAt ? [{ text: r.decidedAt, size: 6.5, color: MUTED }] : []),
    ],
    r.vote ? r.vote.lines.map((text) => ({ text })) : [{ text: l.none }],
    [{ text: formatScore(r.revisedScore, t.lang), bold: true, size: 9 }],
    [{ text: r.rationale || l.none }],
  ];
}

/** Landscape A4 with the header block, the table (wrapping text, header row on every page), the signatures and page numbers. */
export function renderPdf(t: DisagreementTable, options: { createdAt: Date }): Promise<Buffer> {
  const l = t.labels;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0, // the layout below places every line itself; pdfkit never breaks pages on its own
    bufferPages: true,
    lang: t.lang,
    displayTitle: true,
    info: {
      Title: `${l.title} — ${t.header.body.code}, ${t.header.cycle}`,
      Subject: t.header.body.name,
      Creator: 'appeals-engine',
      CreationDate: options.createdAt,
    },
  });
  const { regular, bold } = dejaVu();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const cursor = { y: MARGIN.top };
  const newPage = () => {
    doc.addPage();
    cursor.y = MARGIN.top;
  };
  const paragraph = (segments: Segment[], x = MARGIN.left, width = CONTENT_WIDTH) => {
    for (const line of layout(doc, segments, width)) {
      if (cursor.y + line.height > BOTTOM) newPage();
      useFont(doc, line.bold, line.size);
      doc.fillColor(line.color).text(line.text, x, cursor.y, { lineBreak: false });
      cursor.y += line.height;
    }
  };

  // The header block.
  paragraph([{ text: l.title, bold: true, size: 15 }]);
  paragraph([{ text: l.subtitle, size: 8, color: MUTED }]);
  cursor.y += 6;
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
    [l.commission, t.members.length ? t.members.map((m) => `${m.name} (${m.role})`).join('; ') : l.noCommission],
  ];
  const keyWidth = 170;
  for (const [key, value] of meta) {
    const top = cursor.y;
    paragraph([{ text: key, bold: true, size: 8.5 }], MARGIN.left, keyWidth - 8);
    const keyBottom = cursor.y;
    cursor.y = top;
    paragraph([{ text: value, size: 8.5 }], MARGIN.left + keyWidth, CONTENT_WIDTH - keyWidth);
    cursor.y = Math.max(cursor.y, keyBottom) + 1.5;
  }
  cursor.y += 8;

  // The rows.
  const c = l.columns;
  const widths = [20, 92, 60, 118, 96, 96, 68, 82, 56];
  const columns: Column[] = [
    c.n,
    c.indicator,
    c.authorityScore,
    c.objection,
    c.documents,
    c.authorityPosition,
    c.decision,
    c.vote,
    c.revisedScore,
    c.rationale,
  ].map((header, i) => ({
    header,
    width: widths[i] ?? CONTENT_WIDTH - widths.reduce((a, b) => a + b, 0),
    align: [0, 2, 8].includes(i) ? 'center' : 'left',
  }));
  const table = new PdfTable(doc, columns, cursor, newPage);
  table.header();
  for (const r of t.rows) table.row(rowCells(r, t));

  // The signatures.
  cursor.y += 12;
  if (cursor.y + 80 > BOTTOM) newPage();
  paragraph([{ text: l.signatures, bold: true, size: 10 }]);
  cursor.y += 3;
  const signatures = new PdfTable(
    doc,
    [
      { header: '', width: 210 },
      { header: l.name, width: 200 },
      { header: l.status, width: CONTENT_WIDTH - 210 - 200 - 110 },
      { header: l.date, width: 110 },
    ],
    cursor,
    newPage,
  );
  signatures.header();
  for (const s of t.signatures) {
    signatures.row([
      [{ text: s.role, bold: true }],
      [{ text: s.name }],
      [
        { text: s.statusText, bold: s.status !== 'signed' },
        ...(s.reason ? [{ text: `${l.reason}: ${s.reason}` }] : []),
      ],
      [{ text: s.date }],
    ]);
  }
  if (t.signedTable) {
    cursor.y += 6;
    paragraph([{ text: t.signedTable.text, size: 7 }]);
  }

  // Running header and footer on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    useFont(doc, false, 6.5);
    doc.fillColor(MUTED);
    doc.text(`${l.title} · ${t.header.body.code} · ${t.header.cycle} · ${t.header.direction}`, MARGIN.left, 14, {
      lineBreak: false,
    });
    const caseText = `${l.case} ${t.caseId}`;
    doc.text(caseText, PAGE.width - MARGIN.right - doc.widthOfString(caseText), 14, { lineBreak: false });
    const y = PAGE.height - 22;
    doc
      .moveTo(MARGIN.left, y - 4)
      .lineTo(PAGE.width - MARGIN.right, y - 4)
      .lineWidth(0.4)
      .strokeColor('#aaaaaa')
      .stroke();
    doc.text(`${l.generated}: ${t.generatedAt}. ${l.timeNote}`, MARGIN.left, y, { lineBreak: false });
    const pageText = l.page(i - range.start + 1, range.count);
    doc.text(pageText, PAGE.width - MARGIN.right - doc.widthOfString(pageText), y, { lineBreak: false });
  }
  doc.end();
  return done;
}
