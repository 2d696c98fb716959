import { HTML_CSP } from '../src/table-render/render-html';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { Api, expectOk } from '../src/demo/api-client';
import { BODIES, World, conclusionOf, demoPdf, meetingInvitees } from '../src/demo/world';
import { startSeeded } from './support/seeded';
import { TestApp } from './support/test-app';

const MZ = BODIES.find((b) => b.code === 'MZ')!;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reads a binary answer whole (supertest parses only text and JSON by itself). */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream; // in Node, superagent hands the parser the response stream
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of a PDF by poppler's pdftotext, or null when the tool is not installed. */
function pdfText(pdf: Buffer): string | null {
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
  return run.stdout.toString('utf8');
}

/** SPEC §5: the disagreement table (appendix 18) as a page, a PDF and a workbook, in kk, ru and en. */
describe('GET /cases/{id}/disagreement-table (SPEC §5)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let caseId: string;
  let untabled: string;
  let sha: string;
  const t = (k: string) => world.tokens[k];
  const post = (path: string, token: string, body: unknown = {}) => api.call('POST', path, token, body);
  const table = (id: string, token: string, query = '', headers: Record<string, string> = {}) => {
    let req = sut.http().get(`/api/v1/cases/${id}/disagreement-table${query}`).set('Authorization', `Bearer ${token}`);
    // Without a language of its own the request asks for none (the e2e helper's English is unset): Kazakh is the default.
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'accept-language')) req = req.unset('Accept-Language');
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  };

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
    caseId = (
      await expectOk(
        post('/api/v1/conclusions', t('ascOfficer'), conclusionOf(world, 'MZ', '2025-02-03T10:00:00+05:00')),
        'conclusion MZ',
      )
    ).id;
    untabled = (
      await expectOk(
        post('/api/v1/conclusions', t('ascOfficer'), conclusionOf(world, 'MON', '2025-02-03T10:00:00+05:00')),
        'conclusion MON',
      )
    ).id;

    const commission = (
      await expectOk(
        post('/api/v1/commissions', t('ascSecretary'), { direction: 'personnel', cycle: world.cycle }),
        'commission',
      )
    ).id;
    for (const m of world.members.personnel)
      await expectOk(post(`/api/v1/commissions/${commission}/members`, t('ascSecretary'), m), `member ${m.role}`);
    await expectOk(post(`/api/v1/commissions/${commission}/constitution`, t('ascSecretary')), 'constitution');

    sut.clock.set('2025-02-05T06:00:00Z');
    const doc = await api.upload(
      '/api/v1/documents',
      t('agency:MZ'),
      'Кадрлық резерв туралы анықтама.pdf',
      demoPdf('reserve'),
    );
    sha = doc.body.sha256;
    await expectOk(
      post(`/api/v1/cases/${caseId}/objection`, t('agency:MZ'), {
        items: [
          { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Тағайындаулардың 80%-ы кадрлық резервтен жүргізілді' },
          { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Текучесть рассчитана без учёта декретных отпусков' },
        ],
        documents: [sha],
      }),
      'objection',
    );
    await expectOk(
      post(`/api/v1/cases/${caseId}/table`, t('ascOfficer'), {
        rows: [
          { indicatorCode: 'HR-1', authorityPosition: 'Резерв деректері толық емес' },
          { indicatorCode: 'HR-2', authorityPosition: 'Методика декретные отпуска не исключает' },
        ],
      }),
      'table',
    );
    await expectOk(post(`/api/v1/cases/${caseId}/table/submission`, t('ascSecretary')), 'submission');
    const meeting = await expectOk(
      post(`/api/v1/commissions/${commission}/meetings`, t('ascSecretary'), {
        scheduledFor: '2025-02-07T15:00:00+05:00',
        invitees: meetingInvitees(world, 'MZ'),
      }),
      'meeting',
    );
    const meetingId = meeting.id;
    sut.clock.set('2025-02-07T10:00:00Z'); // the meeting is held at 15:00 local (p.103)
    await expectOk(
      post(`/api/v1/commissions/${commission}/meetings/${meetingId}/attendance`, t('ascSecretary'), {
        present: world.members.personnel.slice(0, 4).map((x) => x.iin),
      }),
      'attendance',
    );
    await expectOk(
      post(`/api/v1/cases/${caseId}/table/rows/1/decision`, t('ascSecretary'), {
        meetingId,
        decision: 'agree',
        rationale: 'Резерв деректері құжатпен расталды',
        votes: { for: 3, against: 1, abstained: 0 },
      }),
      'row 1',
    );
    await expectOk(
      post(`/api/v1/cases/${caseId}/table/rows/2/decision`, t('ascSecretary'), {
        meetingId,
        decision: 'disagree',
        rationale: 'Методика не предусматривает исключений',
        votes: { for: 2, against: 2, abstained: 0 },
        chairVote: 'for',
      }),
      'row 2',
    );
    await expectOk(
      post(`/api/v1/cases/${caseId}/table/signatures`, t('agency:MZ'), {
        refusalReason: 'Екінші жол бойынша шешіммен келіспейміз',
      }),
      'refusal',
    );
    const signed = await expectOk(post(`/api/v1/cases/${caseId}/table/signatures`, t('ascChair')), 'chair');
    expect(signed.state).toBe('dispatch');
  });
  afterAll(async () => {
    await sut.close();
  });

  it('the page in Kazakh (the default): labels, the body’s Kazakh name, decisions, signatures — and no IIN', async () => {
    const r = await table(caseId, t('agency:MZ')).expect(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-language']).toBe('kk');
    expect(r.headers['content-security-policy']).toBe(HTML_CSP);
    const html = r.text;
    expect(html).toContain('<html lang="kk">');
    for (const text of [
      'Келіспеушіліктер кестесі',
      'Уәкілетті органның ұстанымы',
      'Арнайы комиссияның шешімі',
      'Қарсылықпен келіседі',
      'Қарсылықпен келіспейді',
      'Қол қоюдан бас тартты',
      'Персоналды басқару',
      MZ.nameKk,
      world.people[0].fullName,
      'Комиссия төрағасы',
      'Екінші жол бойынша шешіммен келіспейміз',
      'Резерв деректері толық емес',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`title="${sha}"`); // full digest in the tooltip, shortened in the cell
    expect(html).toContain('07.02.2025'); // the refusal date, in Asia/Almaty
    for (const person of world.people) expect(html).not.toContain(person.iin);
    expect(html).not.toMatch(/<script|<link|src=/);
  });

  it('the page in Russian, chosen by Accept-Language', async () => {
    const r = await table(caseId, t('ascOfficer'), '', { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' }).expect(200);
    expect(r.headers['content-language']).toBe('ru');
    const html = r.text;
    expect(html).toContain('<html lang="ru">');
    for (const text of [
      'Таблица разногласий',
      'Позиция уполномоченного органа',
      'Решение специальной комиссии',
      'Согласиться с возражением',
      'Отказ от подписания',
      'Управление персоналом',
      MZ.nameRu,
      'голос председателя: за',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('Келіспеушіліктер кестесі');
    for (const person of world.people) expect(html).not.toContain(person.iin);
  });

  it('the lang parameter wins over Accept-Language; English is there too', async () => {
    const r = await table(caseId, t('auditor'), '?lang=en', { 'Accept-Language': 'ru' }).expect(200);
    expect(r.text).toContain('<html lang="en">');
    expect(r.text).toContain('Disagreement table');
    expect(r.text).toContain('Agrees with the objection');
  });

  it('the PDF: a real PDF to download with a localized name, whose text has the Kazakh body name', async () => {
    const r = await table(caseId, t('agency:MZ'), '?format=pdf&lang=kk').buffer(true).parse(binary).expect(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+ MZ personnel 2025\.pdf"; /);
    expect(r.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Келіспеушіліктер кестесі MZ personnel 2025.pdf')}`,
    );
    const pdf = r.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    if (text === null) {
      console.warn('pdftotext is not installed (apt-get install poppler-utils): the text of the PDF is not checked');
      return;
    }
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(MZ.nameKk);
    expect(flat).toContain('Келіспеушіліктер кестесі');
    expect(flat).toContain('Қарсылықпен келіседі');
    expect(flat).toContain(world.people[0].fullName);
    for (const person of world.people) expect(flat).not.toContain(person.iin);
  });

  it('the workbook: an XLSX (a zip) that reads back with one row per table row and the signatures', async () => {
    const r = await table(caseId, t('ascOfficer'), '?format=xlsx&lang=ru').buffer(true).parse(binary).expect(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Таблица разногласий MZ personnel 2025.xlsx')}`,
    );
    const bytes = r.body as Buffer;
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const ws = wb.getWorksheet('Таблица')!;
    expect(ws).toBeDefined();
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const data = rows.filter((v) => typeof v[1] === 'string' && /^HR-\d$/.test(v[1]));
    expect(data.map((v) => [v[0], v[1], v[3], v[5], v[9], v[16] ?? null])).toEqual([
      [1, 'HR-1', 3, 5, 'Согласиться с возражением', 5],
      [2, 'HR-2', 2, 4, 'Не согласиться с возражением', null],
    ]);
    const all = JSON.stringify(rows);
    expect(all).toContain(MZ.nameRu);
    expect(all).toContain('Отказ от подписания');
    expect(all).toContain(sha);
    for (const person of world.people) expect(all).not.toContain(person.iin);
  });

  it('SPEC §7: another body’s agency and another authority get 404; nobody unauthenticated gets in', async () => {
    expect((await table(caseId, t('agency:MON'))).status).toBe(404);
    expect((await table(caseId, t('mdaiOfficer'), '?format=pdf')).status).toBe(404);
    expect((await sut.http().get(`/api/v1/cases/${caseId}/disagreement-table`)).status).toBe(401);
  });

  it('SPEC §9: a bad format or language is refused, naming the parameter', async () => {
    const format = await table(caseId, t('agency:MZ'), '?format=docx');
    expect(format.status).toBe(400);
    expect(format.headers['content-type']).toContain('application/problem+json');
    expect(format.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['format']);
    const lang = await table(caseId, t('agency:MZ'), '?lang=de');
    expect(lang.status).toBe(400);
    expect(lang.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['lang']);
  });

  it('a case without a table yet is an invalid transition (409), saying why', async () => {
    const r = await table(untabled, t('agency:MON'), '?format=pdf');
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'invalid-transition', rule: 'table-not-drawn-up', state: 'issued' });
    // p.102, in the reader's language (issue 11): Kazakh when none is asked for, English when asked.
    expect(r.body.detail).toContain('әлі келіспеушіліктер кестесі жоқ (кезең: Қорытынды жеткізілді)');
    expect(r.body.detail).toContain('102-тармақ');
    const en = await table(untabled, t('agency:MON'), '?format=pdf', { 'Accept-Language': 'en' });
    expect(en.body.detail).toContain('no disagreement table yet (stage: Conclusion delivered)');
  });
});
