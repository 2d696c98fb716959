/**
 * Row heights for wrapped text in a spreadsheet. Neither Excel nor LibreOffice Calc grows a row to fit wrapped text
 * written by a library: a row without a height keeps the default (one line) and its text spills over the next row.
 * So the height is computed here from the text and the cell's width: a greedy word wrap (as the spreadsheet does it)
 * with per-character widths in units of the column width (one digit of the default 11-pt font). The widths are on
 * the generous side (DejaVu Sans, the fallback font on a machine without Calibri/Carlito, is the widest), so a row is
 * at worst a little taller than needed, never too short.
 */

/** Points per line of 11-pt text (Calc and Excel both lay out about 15 pt per line at 11 pt). */
export const LINE_POINTS = 15;
/** Excel's limit for a row height, in points. */
const MAX_ROW_POINTS = 409;

const WIDE = new Set([...'mwMWшщжюмыфШЩЖЮМЫФ@%—']);
const NARROW = new Set([..."iljtfrI.,:;!'|()[]- "]);
const UPPER = /[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]/u;

/** The width of one character in column-width units (a digit is 1), for a font `scale` times 11 pt. */
function charWidth(ch: string, bold: boolean): number {
  let w: number;
  if (WIDE.has(ch)) w = 1.35;
  else if (NARROW.has(ch)) w = 0.55;
  else if (UPPER.test(ch)) w = 1.25;
  else w = 0.92;
  return bold ? w * 1.08 : w;
}

function textWidth(text: string, bold: boolean): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch, bold);
  return w;
}

/** How many lines `text` takes in a cell `width` column units wide, wrapped at spaces (a longer word is broken). */
export function wrappedLines(text: string, width: number, options: { bold?: boolean; fontSize?: number } = {}): number {
  const bold = options.bold ?? false;
  const scale = (options.fontSize ?? 11) / 11;
  // The cell's own padding takes about one unit of its width.
  const room = Math.max(1, (width - 1) / scale);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    let count = 1;
    for (const word of paragraph.split(' ')) {
      let w = textWidth(word, bold);
      const space = line > 0 ? charWidth(' ', bold) : 0;
      if (line + space + w <= room) {
        line += space + w;
        continue;
      }
      if (line > 0) count++;
      // A word wider than the cell is broken over as many lines as it needs.
      while (w > room) {
        w -= room;
        count++;
      }
      line = w;
    }
    lines += count;
  }
  return lines;
}

/** The height in points of a row whose cells hold these texts (each with its width), or undefined for one line. */
export function rowHeight(
  cells: { text: string | number | null | undefined; width: number; bold?: boolean; fontSize?: number }[],
): number | undefined {
  let points = 0;
  let lines = 1;
  for (const c of cells) {
    if (c.text === null || c.text === undefined || c.text === '') continue;
    const n = wrappedLines(String(c.text), c.width, c);
    const linePoints = LINE_POINTS * ((c.fontSize ?? 11) / 11);
    points = Math.max(points, n * linePoints);
    lines = Math.max(lines, n);
  }
  if (lines <= 1) return undefined;
  return Math.min(MAX_ROW_POINTS, Math.ceil(points + 4));
}
