import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccountsService } from '../src/auth/accounts.service';
import { UnitOfWork } from '../src/database/unit-of-work';
import { DomainError } from '../src/common/domain-error';
import { DocumentEntity } from '../src/documents/document.entity';
import { DocumentsService, MAX_DOCUMENT_BYTES } from '../src/documents/documents.service';
import { ADMIN_TOKEN, TestApp, bearer, startTestApp } from './support/test-app';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n%%EOF\n`, 'utf8');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(256)]);

describe('Supporting documents over HTTP (p.98, SPEC §7, §9)', () => {
  let sut: TestApp;
  let agencyA: string;
  let agencyB: string;
  let auditor: string;
  let officer: string;

  beforeAll(async () => {
    sut = await startTestApp();
    const service = sut.app.get(AccountsService);
    const unitOfWork = sut.app.get(UnitOfWork);
    const accounts = {
      create: (fields: Parameters<AccountsService['create']>[1]) =>
        unitOfWork.run((m) => service.create(m, fields, { id: 'test', role: 'administrator' })),
    };
    agencyA = (await accounts.create({ role: 'agencyRepresentative', displayName: 'Агенттік А', bodyCode: 'BODY-A' }))
      .token;
    agencyB = (await accounts.create({ role: 'agencyRepresentative', displayName: 'Агенттік Б', bodyCode: 'BODY-B' }))
      .token;
    auditor = (await accounts.create({ role: 'auditor', displayName: 'Аудитор' })).token;
    officer = (
      await accounts.create({ role: 'authorityOfficer', displayName: 'Уәкілетті орган', authorityCode: 'AUTH-1' })
    ).token;
  });
  afterAll(async () => {
    await sut.close();
  });

  const upload = (token: string, bytes: Buffer, name: string) =>
    sut.http().post('/api/v1/documents').set(bearer(token)).attach('file', bytes, name);
  const storedPath = (sha: string) => join(sut.config.dataDir, 'documents', sha.slice(0, 2), sha.slice(2, 4), sha);
  const tmpFiles = () => {
    const dir = join(sut.config.dataDir, 'documents', '.tmp');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const expectProblem = (body: { code: string; invalidParams?: { name: string }[] }, code: string) => {
    expect(body.code).toBe(code);
    expect(body.invalidParams?.map((p) => p.name)).toContain('file');
  };

  it('p.98: an agency uploads a PDF supporting document; it is stored durably under its SHA-256', async () => {
    const bytes = pdf('objection to indicator 1.1');
    const res = await upload(agencyA, bytes, 'Қарсылық.pdf').expect(201);
    expect(res.body).toEqual({
      sha256: sha256(bytes),
      size: bytes.length,
      mediaType: 'application/pdf',
      originalName: 'Қарсылық.pdf',
      createdAt: '2025-02-03T10:00:00.000+05:00',
    });
    expect(readFileSync(storedPath(res.body.sha256)).equals(bytes)).toBe(true);
    expect(tmpFiles()).toEqual([]);
  });

  it('p.98: the same bytes uploaded twice are one document with the same SHA-256', async () => {
    const bytes = pdf('uploaded twice');
    const first = await upload(agencyA, bytes, 'a.pdf').expect(201);
    sut.clock.advance(60_000);
    const second = await upload(agencyA, bytes, 'b.pdf').expect(201);
    expect(second.body).toEqual(first.body);
    expect(await sut.dataSource.manager.countBy(DocumentEntity, { sha256: first.body.sha256 })).toBe(1);
  });

  it('the type is judged by content: a PNG named .pdf is stored as image/png', async () => {
    const res = await upload(agencyA, PNG, 'scan.pdf').expect(201);
    expect(res.body).toMatchObject({ sha256: sha256(PNG), mediaType: 'image/png', originalName: 'scan.pdf' });
  });

  it('an executable named .pdf is refused with 415 naming the file, and nothing is stored', async () => {
    const res = await upload(agencyA, EXE, 'scan.pdf').expect(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expectProblem(res.body, 'unsupported-media-type');
    expect(existsSync(storedPath(sha256(EXE)))).toBe(false);
    await sut
      .http()
      .get(`/api/v1/documents/${sha256(EXE)}`)
      .set(bearer(agencyA))
      .expect(404);
    expect(tmpFiles()).toEqual([]);
  });

  it('random bytes are refused with 415 whatever the name', async () => {
    const bytes = Buffer.concat([Buffer.from([0x00, 0x01, 0x02]), randomBytes(1024)]);
    const res = await upload(agencyA, bytes, 'Қорытынды.docx').expect(415);
    expectProblem(res.body, 'unsupported-media-type');
  });

  it('a document over 10 MiB is refused with 413 naming the file', async () => {
    const bytes = Buffer.concat([pdf('big'), Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20)]);
    const res = await upload(agencyA, bytes, 'big.pdf').expect(413);
    expectProblem(res.body, 'payload-too-large');
    expect(existsSync(storedPath(sha256(bytes)))).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });

  it('a document of exactly 10 MiB is accepted', async () => {
    const head = pdf('exactly the limit');
    const bytes = Buffer.concat([head, Buffer.alloc(MAX_DOCUMENT_BYTES - head.length, 0x20)]);
    const res = await upload(agencyA, bytes, 'limit.pdf').expect(201);
    expect(res.body.size).toBe(MAX_DOCUMENT_BYTES);
  });

  it('a JSON body instead of multipart/form-data is refused with 400 naming the file', async () => {
    const res = await sut.http().post('/api/v1/documents').set(bearer(agencyA)).send({ file: 'JVBERi0=' }).expect(400);
    expectProblem(res.body, 'validation-failed');
  });

  it('a form without a file is refused with 400 naming the file', async () => {
    const res = await sut.http().post('/api/v1/documents').set(bearer(agencyA)).field('note', 'no file').expect(400);
    expectProblem(res.body, 'validation-failed');
  });

  it('a file in another field, two files, an empty file and a malformed body are 400s naming the file', async () => {
    const other = await sut
      .http()
      .post('/api/v1/documents')
      .set(bearer(agencyA))
      .attach('document', pdf('x'), 'x.pdf')
      .expect(400);
    expectProblem(other.body, 'validation-failed');
    const two = await sut
      .http()
      .post('/api/v1/documents')
      .set(bearer(agencyA))
      .attach('file', pdf('one'), 'one.pdf')
      .attach('file', pdf('two'), 'two.pdf')
      .expect(400);
    expectProblem(two.body, 'validation-failed');
    expect(existsSync(storedPath(sha256(pdf('one'))))).toBe(false);
    const empty = await upload(agencyA, Buffer.alloc(0), 'empty.pdf').expect(400);
    expectProblem(empty.body, 'validation-failed');
    const malformed = await sut
      .http()
      .post('/api/v1/documents')
      .set(bearer(agencyA))
      .set('content-type', 'multipart/form-data')
      .send('--x\r\nnot a part')
      .expect(400);
    expectProblem(malformed.body, 'validation-failed');
    const cutShort = await sut
      .http()
      .post('/api/v1/documents')
      .set(bearer(agencyA))
      .set('content-type', 'multipart/form-data; boundary=x')
      .send('--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut short')
      .expect(400);
    expectProblem(cutShort.body, 'validation-failed');
    expect(tmpFiles()).toEqual([]);
  });

  it('download returns the identical bytes with the detected type and the Kazakh name encoded (RFC 8187)', async () => {
    const bytes = pdf('conclusion');
    const { body } = await upload(agencyA, bytes, 'Қорытынды.pdf').expect(201);
    const res = await sut
      .http()
      .get(`/api/v1/documents/${body.sha256}/content`)
      .set(bearer(agencyA))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_________.pdf"; filename*=UTF-8''${encodeURIComponent('Қорытынды.pdf')}`,
    );
    const meta = await sut.http().get(`/api/v1/documents/${body.sha256}`).set(bearer(agencyA)).expect(200);
    expect(meta.body).toEqual(body);
  });

  it("SPEC §7: another body's agency gets 404 (not 403) for the metadata and the bytes", async () => {
    const { body } = await upload(agencyA, pdf('only for body A'), 'А.pdf').expect(201);
    const meta = await sut.http().get(`/api/v1/documents/${body.sha256}`).set(bearer(agencyB)).expect(404);
    expect(meta.body.code).toBe('not-found');
    await sut.http().get(`/api/v1/documents/${body.sha256}/content`).set(bearer(agencyB)).expect(404);
  });

  it("an agency uploading bytes another body already uploaded reads its own upload, not the other's name", async () => {
    const bytes = pdf('shared evidence');
    const a = await upload(agencyA, bytes, 'Органның хаты.pdf').expect(201);
    sut.clock.advance(3_600_000);
    const b = await upload(agencyB, bytes, 'Письмо.pdf').expect(201);
    expect(b.body.sha256).toBe(a.body.sha256);
    expect(b.body.originalName).toBe('Письмо.pdf');
    expect(b.body.createdAt).not.toBe(a.body.createdAt);
    const meta = await sut.http().get(`/api/v1/documents/${a.body.sha256}`).set(bearer(agencyB)).expect(200);
    expect(meta.body.originalName).toBe('Письмо.pdf');
    const again = await sut.http().get(`/api/v1/documents/${a.body.sha256}`).set(bearer(agencyA)).expect(200);
    expect(again.body.originalName).toBe('Органның хаты.pdf');
  });

  it('SPEC §7: a document is read directly only by the side that uploaded it; auditors, administrators and other authorities read it through a case that cites it (404 here)', async () => {
    const { body } = await upload(agencyA, pdf('read by others'), 'r.pdf').expect(201);
    for (const token of [auditor, officer, ADMIN_TOKEN]) {
      const res = await sut.http().get(`/api/v1/documents/${body.sha256}`).set(bearer(token));
      expect([403, 404]).toContain(res.status);
    }
    await sut.http().get(`/api/v1/documents/${body.sha256}/content`).set(bearer(officer)).expect(404);
    // An authority uploads for its own side (its positions), and reads its own upload.
    const own = await upload(officer, pdf('authority position'), 'Позиция.pdf').expect(201);
    await sut.http().get(`/api/v1/documents/${own.body.sha256}`).set(bearer(officer)).expect(200);
    await sut.http().get(`/api/v1/documents/${own.body.sha256}`).set(bearer(agencyA)).expect(404);
  });

  it('an auditor and an administrator have no side: they may not upload (403)', async () => {
    for (const token of [auditor, ADMIN_TOKEN]) {
      const res = await upload(token, pdf(`sideless ${token.slice(0, 4)}`), 'a.pdf').expect(403);
      expect(res.body.code).toBe('forbidden');
    }
  });

  it('without a token: 401', async () => {
    const res = await sut.http().post('/api/v1/documents').attach('file', pdf('anon'), 'a.pdf').expect(401);
    expect(res.body.code).toBe('unauthenticated');
    await sut
      .http()
      .get(`/api/v1/documents/${sha256(pdf('anon'))}`)
      .expect(401);
  });

  it('a path parameter that is not a SHA-256 is a 400 naming it; an unknown one is 404', async () => {
    const bad = await sut.http().get('/api/v1/documents/..%2F..%2Fetc%2Fpasswd').set(bearer(agencyA)).expect(400);
    expect(bad.body.invalidParams).toEqual([{ name: 'sha256', reason: expect.any(String) }]);
    await sut
      .http()
      .get(`/api/v1/documents/${'0'.repeat(64)}/content`)
      .set(bearer(agencyA))
      .expect(404);
  });

  it('p.98: a side cites only what it uploaded — in order; each other documents[i] is named, whether or not the content exists elsewhere (no oracle)', async () => {
    const one = (await upload(agencyA, pdf('cited one'), '1.pdf').expect(201)).body.sha256 as string;
    const two = (await upload(agencyA, pdf('cited two'), '2.pdf').expect(201)).body.sha256 as string;
    const others = (await upload(agencyB, pdf('cited by B only'), 'b.pdf').expect(201)).body.sha256 as string;
    const documents = sut.app.get(DocumentsService);
    const records = await documents.requireOwn([two, one.toUpperCase()], 'BODY-A');
    expect(records.map((r) => [r.sha256, r.originalName])).toEqual([
      [two, '2.pdf'],
      [one, '1.pdf'],
    ]);
    const refused = documents.requireOwn([one, 'f'.repeat(64), others, 'not-a-hash'], 'BODY-A');
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    const reason = 'not a document your side uploaded: upload it first (POST /api/v1/documents)';
    await expect(refused).rejects.toMatchObject({
      type: 'validation-failed',
      extra: {
        invalidParams: [
          { name: 'documents[1]', reason },
          { name: 'documents[2]', reason },
          { name: 'documents[3]', reason },
        ],
      },
    });
    const opened = await documents.open(one);
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(pdf('cited one'))).toBe(true);
  });
});
