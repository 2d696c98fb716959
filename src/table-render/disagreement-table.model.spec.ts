import ExcelJS from 'exceljs';
import { TABLE_LABELS } from './disagreement-table.labels';
import { TableSources, buildDisagreementTable, localDateTime } from './disagreement-table.model';
import { createHash } from 'node:crypto';
import { HTML_CSP, escapeHtml, renderHtml } from './render-html';
import { renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';

const SHA = 'ab'.repeat(32);
const CHAIR_IIN = '800110300127';

function sources(over: Partial<TableSources> = {}): TableSources {
  return {
    view: {
      id: '11111111-2222-3333-4444-555555555555',
      cycle: '2025',
      direction: 'personnel',
      bodyCode: 'MZ',
      authority: 'ASC',
      documents: [{ name: 'Анықтама.pdf', sha256: SHA }],
      table: {
        rows: [
          {
            n: 2,
            indicatorCode: 'HR-2',
            title: 'Текучесть кадров',
            authorityScore: 2,
            claimedScore: 4.5,
            argument: 'Декретные отпуска <не> учтены',
            authorityPosition: 'Методика не исключает',
            decision: 'disagree',
            rationale: 'Исключений нет',
            vote: { for: 2, against: 2, abstained: 0, present: 4, members: 5, chairVote: 'for' },
            decidedAt: '2025-02-11T10:00:00Z',
          },
          {
            n: 1,
            indicatorCode: 'HR-1',
            title: 'Кадрлық резерв',
            authorityScore: 3,
            claimedScore: 5,
            argument: 'Резерв 80%',
            authorityPosition: 'Деректер толық емес',
            decision: 'agree',
            revisedScore: 5,
            rationale: 'Расталды',
            vote: { for: 3, against: 1, abstained: 0, present: 4, members: 5 },
          },
        ],
        signatures: {
          chair: { at: '2025-02-12T04:30:00Z', name: 'Асқаров Ерлан Болатұлы' },
          agencyRefusal: { at: '2025-02-12T04:00:00Z', reason: 'Екінші жолмен келіспейміз' },
        },
      },
    },
    conclusion: {
      version: 1,
      issuedAt: '2025-02-03T05:00:00Z',
      items: [
        { code: 'HR-1', title: 'Кадрлық резерв', score: 3, maxScore: 5 },
        { code: 'HR-2', title: 'Текучесть кадров', score: 2, maxScore: 5 },
      ],
    },
    members: [
      { role: 'member', name: 'Нұрланов Данияр Маратұлы' },
      { role: 'chair', name: 'Асқаров Ерлан Болатұлы' },
    ],
    body: { code: 'MZ', nameKk: 'Денсаулық сақтау министрлігі', nameRu: 'Министерство здравоохранения', nameEn: null },
    authority: {
      code: 'ASC',
      nameKk: 'Мемлекеттік қызмет істері агенттігі',
      nameRu: 'Агентство по делам государственной службы',
      nameEn: 'Agency for Civil Service Affairs',
    },
    generatedAt: '2025-02-14T06:00:00Z',
    ...over,
  };
}

describe('buildDisagreementTable', () => {
  it('SPEC §5: rows in order with every column of appendix 18, decisions and votes in the chosen language', () => {
    const sut = buildDisagreementTable(sources(), 'ru');
    expect(sut.rows.map((r) => r.n)).toEqual([1, 2]);
    expect(sut.rows[0]).toMatchObject({
      indicatorCode: 'HR-1',
      indicatorTitle: 'Кадрлық резерв',
      authorityScore: 3,
      maxScore: 5,
      claimedScore: 5,
      argument: 'Резерв 80%',
      authorityPosition: 'Деректер толық емес',
      decision: 'agree',
      decisionText: 'Согласиться с возражением',
      revisedScore: 5,
      rationale: 'Расталды',
      documents: [{ name: 'Анықтама.pdf', sha256: SHA, shortSha256: 'abababab…abababab' }],
    });
    expect(sut.rows[1].vote?.lines).toEqual([
      'за: 2 · против: 2 · воздержались: 0',
      'присутствовали / членов: 4 / 5',
      'голос председателя: за',
    ]);
    expect(sut.rows[1].decidedAt).toBe('11.02.2025 15:00');
  });

  it('SPEC §5: header in Kazakh names the body, the authority and the direction in Kazakh; members chair first, no IIN', () => {
    const sut = buildDisagreementTable(sources(), 'kk');
    expect(sut.labels.title).toBe('Келіспеушіліктер кестесі');
    expect(sut.header).toMatchObject({
      cycle: '2025',
      direction: 'Персоналды басқару',
      body: { code: 'MZ', name: 'Денсаулық сақтау министрлігі' },
      authority: { name: 'Мемлекеттік қызмет істері агенттігі' },
    });
    expect(sut.members).toEqual([
      { name: 'Асқаров Ерлан Болатұлы', role: 'Комиссия төрағасы' },
      { name: 'Нұрланов Данияр Маратұлы', role: 'Комиссия мүшесі' },
    ]);
    expect(JSON.stringify(sut)).not.toContain(CHAIR_IIN);
  });

  it('English takes the English name when recorded, else the Russian one', () => {
    const sut = buildDisagreementTable(sources(), 'en');
    expect(sut.header.body.name).toBe('Министерство здравоохранения');
    expect(sut.header.authority.name).toBe('Agency for Civil Service Affairs');
  });

  it('p.105: signatures show the chair with the local date and the recorded refusal with its reason', () => {
    const sut = buildDisagreementTable(sources(), 'kk');
    expect(sut.signatures).toEqual([
      expect.objectContaining({
        signer: 'chair',
        name: 'Асқаров Ерлан Болатұлы',
        status: 'signed',
        date: '12.02.2025 09:30',
      }),
      expect.objectContaining({
        signer: 'agency',
        status: 'refused',
        statusText: 'Қол қоюдан бас тартты',
        reason: 'Екінші жолмен келіспейміз',
        date: '12.02.2025 09:00',
      }),
    ]);
  });

  it('undecided rows and missing signatures are shown as pending, not left blank', () => {
    const s = sources();
    s.view.table.rows = [{ n: 1, indicatorCode: 'HR-1', authorityPosition: 'Позиция' }];
    s.view.table.signatures = {};
    const sut = buildDisagreementTable(s, 'ru');
    expect(sut.rows[0]).toMatchObject({
      decision: null,
      decisionText: 'Решение ещё не принято',
      vote: null,
      revisedScore: null,
      indicatorTitle: 'Кадрлық резерв',
    }); // the title comes from the conclusion when the row has none
    expect(sut.signatures.map((x) => x.status)).toEqual(['pending', 'pending']);
  });

  it('is pure: the same sources give the same table', () => {
    expect(buildDisagreementTable(sources(), 'kk')).toEqual(buildDisagreementTable(sources(), 'kk'));
  });

  it('dates are local to Kazakhstan (Asia/Almaty)', () => {
    expect(localDateTime('2025-02-03T19:30:00Z')).toBe('04.02.2025 00:30');
  });

  it('every language has every label', () => {
    const keys = (o: object): string[] =>
      Object.entries(o)
        .flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k]))
        .sort();
    expect(keys(TABLE_LABELS.kk)).toEqual(keys(TABLE_LABELS.ru));
    expect(keys(TABLE_LABELS.kk)).toEqual(keys(TABLE_LABELS.en));
  });
});

describe(renderHtml.name, () => {
  it('escapes every value and sets the language of the page', () => {
    const s = sources();
    s.view.table.rows[0].argument = '<script>alert("x")</script> & \'q\'';
    const html = renderHtml(buildDisagreementTable(s, 'ru'));
    expect(html).toContain('<html lang="ru">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;q&#39;');
    expect(html).toContain(`title="${SHA}"`);
    expect(html).not.toMatch(/<link|src=|url\(/); // self-contained
  });

  it('its Content-Security-Policy allows exactly its own style element, and no style attribute is needed', () => {
    const html = renderHtml(buildDisagreementTable(sources(), 'kk'));
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    expect(HTML_CSP).toContain(`style-src 'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`);
    expect(HTML_CSP).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('escapeHtml leaves plain text alone', () => {
    expect(escapeHtml('Қарсылық 5')).toBe('Қарсылық 5');
  });
});

describe('binary renderings', () => {
  it('the PDF is a PDF, and a 10 000-character argument runs over pages instead of being cut', async () => {
    const s = sources();
    s.view.table.rows[0].argument = 'Дәлел '.repeat(1700);
    const pdf = await renderPdf(buildDisagreementTable(s, 'kk'), { createdAt: new Date('2025-02-14T06:00:00Z') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
  });

  it('the workbook reads back with one row per table row', async () => {
    const xlsx = await renderXlsx(buildDisagreementTable(sources(), 'kk'), {
      createdAt: new Date('2025-02-14T06:00:00Z'),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    const ws = wb.getWorksheet('Кесте')!;
    const codes: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'string' && /^HR-\d$/.test(v)) codes.push(v);
    });
    expect(codes).toEqual(['HR-1', 'HR-2']);
  });
});
