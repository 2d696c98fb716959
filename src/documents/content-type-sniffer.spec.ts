import { ContentTypeSniffer, MEDIA_TYPES, UNKNOWN_CONTENT, sniffContentType } from './content-type-sniffer';
import { contentDisposition } from './content-disposition';
import { cleanFileName } from './documents.service';

/** A minimal ZIP (entries stored, not compressed; CRCs left zero: the sniffer reads only the directory). */
function zip(entries: { name: string; data?: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data ?? '', 'latin1');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ooxml = (part: string) =>
  zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: '_rels/.rels' }, { name: part }]);

describe(ContentTypeSniffer.name, () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), MEDIA_TYPES.pdf],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), MEDIA_TYPES.png],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]), MEDIA_TYPES.jpeg],
    ['DOCX', ooxml('word/document.xml'), MEDIA_TYPES.docx],
    ['XLSX', ooxml('xl/workbook.xml'), MEDIA_TYPES.xlsx],
    ['PPTX', ooxml('ppt/presentation.xml'), MEDIA_TYPES.pptx],
    [
      'ODT',
      zip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml' }]),
      'application/vnd.oasis.opendocument.text',
    ],
    ['UTF-8 text in Kazakh', Buffer.from('Қарсылық: 1.1 көрсеткіші бойынша\r\n'), MEDIA_TYPES.text],
    ['a two-byte text', Buffer.from('ok'), MEDIA_TYPES.text],
  ])('recognises %s by its bytes', (_name, bytes, mediaType) => {
    expect(sniffContentType(bytes)).toEqual({ ok: true, mediaType });
  });

  it.each([
    ['a Windows executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1')],
    ['an ELF binary', Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1')],
    ['a plain ZIP archive', zip([{ name: 'evil.exe', data: 'MZ' }])],
    [
      'a ZIP without its directory',
      zip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml' }]).subarray(0, 80),
    ],
    ['text that is not UTF-8', Buffer.from('Қорытынды', 'utf16le')],
    ['Windows-1251 text', Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0xec, 0xe8, 0xf0])],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffContentType(bytes)).toMatchObject({ ok: false });
  });

  it('refuses macro-enabled Office and OpenDocument files', () => {
    expect(
      sniffContentType(
        zip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml' }, { name: 'word/vbaProject.bin' }]),
      ),
    ).toEqual({
      ok: false,
      reason: 'documents with macros are not accepted',
    });
    const odt = zip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'Basic/Standard/Module1.xml' },
    ]);
    expect(sniffContentType(odt)).toMatchObject({ ok: false, reason: 'documents with macros are not accepted' });
  });

  it('refuses unknown content as soon as the head is seen, before the rest streams', () => {
    const sut = new ContentTypeSniffer();
    expect(sut.push(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBe(UNKNOWN_CONTENT);
  });

  it('gives the same verdict whatever the chunking (a split UTF-8 character, a magic number across chunks)', () => {
    const text = Buffer.from('Шешім қабылданды — келісілді.\n');
    const docx = ooxml('word/document.xml');
    for (const bytes of [text, docx, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])]) {
      const whole = sniffContentType(bytes);
      for (const size of [1, 2, 3, 7]) {
        const sut = new ContentTypeSniffer();
        for (let i = 0; i < bytes.length; i += size) expect(sut.push(bytes.subarray(i, i + size))).toBeNull();
        expect(sut.finish()).toEqual(whole);
      }
    }
  });

  it('an empty file is refused as empty', () => {
    expect(new ContentTypeSniffer().finish()).toEqual({ ok: false, reason: 'the file is empty' });
  });
});

describe(contentDisposition.name, () => {
  it('keeps a Kazakh name exactly in filename* and an ASCII fallback in filename', () => {
    expect(contentDisposition('Қорытынды (2025).pdf')).toBe(
      `attachment; filename="_________ (2025).pdf"; filename*=UTF-8''%D2%9A%D0%BE%D1%80%D1%8B%D1%82%D1%8B%D0%BD%D0%B4%D1%8B%20%282025%29.pdf`,
    );
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});

describe(cleanFileName.name, () => {
  it('keeps the last path segment, drops control and bidi characters, and never returns an empty name', () => {
    expect(cleanFileName('C:\\fakepath\\Қорытынды.pdf')).toBe('Қорытынды.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('evil\u202Efdp.exe')).toBe('evilfdp.exe');
    expect(cleanFileName('\u0000\n')).toBe('document');
    expect(Array.from(cleanFileName('ә'.repeat(400))).length).toBe(300);
  });
});
