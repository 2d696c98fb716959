/**
 * Recognises an uploaded document by its bytes (magic numbers and, for ZIP containers, their
 * directory), never by its name or by the Content-Type the client claims. Incremental: it sees the
 * upload chunk by chunk while it streams to disk, refuses as soon as the head is unknown, and gives its
 * verdict at the end. Pure (no I/O), so it is unit-tested directly.
 */

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  text: 'text/plain; charset=utf-8',
} as const;

export type SniffVerdict = { ok: true; mediaType: string } | { ok: false; reason: string };

type Kind = 'pdf' | 'png' | 'jpeg' | 'zip' | 'text';

/** Bytes kept from the start: enough for every magic number and the ODF `mimetype` entry. */
const HEAD_BYTES = 4096;
/** Bytes kept from the end of a ZIP: its end record and central directory (a 10 MiB document's fits easily). */
const ZIP_TAIL_BYTES = 1024 * 1024;
/** Bytes needed before the kind is decided (the longest magic number, PNG's). */
const DECIDE_AT = 8;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;

export const UNKNOWN_CONTENT =
  'the content is not an accepted document type (PDF, PNG, JPEG, DOCX, XLSX, PPTX, OpenDocument or UTF-8 text); the file name does not decide it';

export class ContentTypeSniffer {
  private head = Buffer.alloc(0);
  private tail: Buffer[] = [];
  private tailLength = 0;
  private total = 0;
  private kind: Kind | null = null;
  private refusal: string | null = null;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  /** Feeds the next chunk; returns a refusal reason as soon as the content is known to be unacceptable. */
  push(chunk: Buffer): string | null {
    if (this.refusal) return this.refusal;
    this.total += chunk.length;
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    }
    // Decided the moment the head is long enough: the chunks before this one (< DECIDE_AT bytes) are all in the head.
    if (this.kind === null && this.head.length >= DECIDE_AT) this.decide(this.total - chunk.length);
    if (this.kind === 'zip') this.keepTail(chunk);
    if (this.kind === 'text') this.checkText(chunk, true);
    return this.refusal;
  }

  /** The verdict once every byte was pushed. */
  finish(): SniffVerdict {
    if (this.refusal) return { ok: false, reason: this.refusal };
    if (this.total === 0) return { ok: false, reason: 'the file is empty' };
    if (this.kind === null) {
      // A file shorter than the longest magic number: every byte is in the head, none checked yet.
      this.decide(this.total);
    }
    if (this.kind === 'text') this.checkText(Buffer.alloc(0), false);
    if (this.refusal) return { ok: false, reason: this.refusal };
    switch (this.kind) {
      case 'pdf':
        return { ok: true, mediaType: MEDIA_TYPES.pdf };
      case 'png':
        return { ok: true, mediaType: MEDIA_TYPES.png };
      case 'jpeg':
        return { ok: true, mediaType: MEDIA_TYPES.jpeg };
      case 'text':
        return { ok: true, mediaType: MEDIA_TYPES.text };
      case 'zip':
        return this.zipVerdict();
      default:
        return { ok: false, reason: UNKNOWN_CONTENT };
    }
  }

  /** `earlier`: how many bytes, at the start of the head, were pushed before the current chunk. */
  private decide(earlier: number): void {
    const h = this.head;
    if (h.subarray(0, 5).toString('latin1') === '%PDF-') this.kind = 'pdf';
    else if (h.length >= 8 && h.subarray(0, 8).equals(PNG_MAGIC)) this.kind = 'png';
    else if (h.length >= 3 && h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff) this.kind = 'jpeg';
    else if (h.length >= 4 && h.readUInt32LE(0) === ZIP_LOCAL) {
      this.kind = 'zip';
      if (earlier > 0) this.keepTail(h.subarray(0, earlier));
    } else if (looksLikeText(h)) {
      this.kind = 'text';
      if (earlier > 0) this.checkText(h.subarray(0, earlier), true);
    } else this.refusal = UNKNOWN_CONTENT;
  }

  private checkText(chunk: Buffer, more: boolean): void {
    if (this.refusal) return;
    if (hasForbiddenControl(chunk)) {
      this.refusal = UNKNOWN_CONTENT;
      return;
    }
    try {
      this.utf8.decode(chunk, { stream: more });
    } catch {
      this.refusal = UNKNOWN_CONTENT;
    }
  }

  private keepTail(chunk: Buffer): void {
    this.tail.push(chunk);
    this.tailLength += chunk.length;
    while (this.tail.length > 1 && this.tailLength - this.tail[0].length >= ZIP_TAIL_BYTES) {
      this.tailLength -= this.tail.shift()!.length;
    }
  }

  private zipVerdict(): SniffVerdict {
    const tail = Buffer.concat(this.tail);
    const tailStart = this.total - tail.length;
    const names = zipEntryNames(tail, tailStart, this.total);
    if (!names) return { ok: false, reason: 'the ZIP container is damaged or its directory cannot be read' };
    const odf = openDocumentType(this.head);
    if (odf) {
      if (names.some((n) => n.startsWith('Basic/') || n.startsWith('Scripts/'))) {
        return { ok: false, reason: 'documents with macros are not accepted' };
      }
      return { ok: true, mediaType: odf };
    }
    if (!names.includes('[Content_Types].xml')) return { ok: false, reason: UNKNOWN_CONTENT };
    if (names.some((n) => n.toLowerCase().endsWith('vbaproject.bin'))) {
      return { ok: false, reason: 'documents with macros are not accepted' };
    }
    if (names.some((n) => n.startsWith('word/'))) return { ok: true, mediaType: MEDIA_TYPES.docx };
    if (names.some((n) => n.startsWith('xl/'))) return { ok: true, mediaType: MEDIA_TYPES.xlsx };
    if (names.some((n) => n.startsWith('ppt/'))) return { ok: true, mediaType: MEDIA_TYPES.pptx };
    return { ok: false, reason: UNKNOWN_CONTENT };
  }
}

/** Detects the media type of a whole buffer (for tests and for callers holding the bytes). */
export function sniffContentType(bytes: Buffer): SniffVerdict {
  const sniffer = new ContentTypeSniffer();
  const early = sniffer.push(bytes);
  return early ? { ok: false, reason: early } : sniffer.finish();
}

/** No NUL or other C0 control except tab, line feed, form feed, carriage return and escape; no DEL. */
function hasForbiddenControl(bytes: Buffer): boolean {
  for (const b of bytes) {
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) return true;
  }
  return false;
}

function looksLikeText(head: Buffer): boolean {
  return head.length > 0 && !hasForbiddenControl(head);
}

/** The names in a ZIP's central directory, read from the end of the file; null when it is not readable. */
function zipEntryNames(tail: Buffer, tailStart: number, total: number): string[] | null {
  let end = -1;
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - 0xffff); i--) {
    if (tail.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = tail.readUInt16LE(end + 10);
  const size = tail.readUInt32LE(end + 12);
  const offset = tail.readUInt32LE(end + 16);
  if (offset + size > total || offset < tailStart) return null;
  const names: string[] = [];
  let p = offset - tailStart;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > tail.length || tail.readUInt32LE(p) !== ZIP_CENTRAL) return null;
    const nameLength = tail.readUInt16LE(p + 28);
    const extraLength = tail.readUInt16LE(p + 30);
    const commentLength = tail.readUInt16LE(p + 32);
    if (p + 46 + nameLength > tail.length) return null;
    names.push(tail.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the media type. */
function openDocumentType(head: Buffer): string | null {
  if (head.length < 30 || head.readUInt32LE(0) !== ZIP_LOCAL) return null;
  const method = head.readUInt16LE(8);
  const size = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  if (head.toString('latin1', 30, 30 + nameLength) !== 'mimetype' || method !== 0) return null;
  const start = 30 + nameLength + extraLength;
  if (size > 100 || start + size > head.length) return null;
  const type = head.toString('latin1', start, start + size);
  return /^application\/vnd\.oasis\.opendocument\.[a-z][a-z.-]*$/.test(type) ? type : null;
}
