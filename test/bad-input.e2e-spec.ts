import fc from 'fast-check';
import { expectOk } from '../src/demo/api-client';
import { INDICATORS, World, demoIin, seedWorld } from '../src/demo/world';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './support/test-app';

/**
 * Bad input (SPEC §9): generated wrong types, missing and extra fields, huge strings, invalid IINs,
 * dates without offsets, lying documents and malformed multipart — over 10,000 requests. None may be
 * answered with a 5xx, none may change state, and every validation problem names its field.
 */
type Tag = 's' | 'n' | 'a' | 'o' | 'd' | 'i' | 'e' | 'iin';
interface Endpoint {
  name: string;
  method: 'POST' | 'PUT';
  path: () => string;
  token: () => string;
  body: () => Record<string, unknown>;
  required: Record<string, Tag>;
}

const HUGE = 'x'.repeat(200_001);
const COMMON = [{}, true, [{}], HUGE];
const WRONG: Record<Tag, unknown[]> = {
  s: [...COMMON, -1],
  n: [...COMMON, -1, 'five', 1e9],
  a: [...COMMON, 'x', -1],
  o: [...COMMON.slice(1), 'x', -1],
  d: [...COMMON, -1, '2025-02-03T10:00:00', 'yesterday', '2025-13-45T00:00:00Z', '2025-02-03'],
  i: [...COMMON, ['123456789012'], ['abc'], 'x'],
  e: [...COMMON, 'nope', -1],
  iin: [...COMMON, -1, '123', 'abcdefghijkl', '900102300120'],
};

const wrongFor = (tag: Tag) => fc.constantFrom(...WRONG[tag]);
const junk = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));

describe('Bad input never gets a 5xx and never changes state (property-based)', () => {
  let sut: TestApp;
  let world: World;
  let caseId: string;
  let commissionId: string;
  let total = 0;

  const inject = async (opts: { method: string; url: string; token?: string; payload?: unknown; headers?: Record<string, string> }) => {
    total++;
    const res = await sut.app.getHttpAdapter().getInstance().inject({
      method: opts.method as 'POST',
      url: opts.url,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
      ...(opts.payload !== undefined ? { payload: opts.payload as string } : {}),
    });
    return res;
  };

  const fingerprint = async () => {
    const tables = ['events', 'cases', 'conclusions', 'bodies', 'people', 'accounts', 'cycles', 'commissions', 'calendar_versions', 'calendar_entries', 'documents', 'deadlines'];
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = Number((await sut.dataSource.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n);
    return out;
  };

  const assertRefusedProperly = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, where: string) => {
    if (res.statusCode >= 500 || res.statusCode < 400) throw new Error(`${where}: status ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (!String(res.headers['content-type']).startsWith('application/problem+json')) throw new Error(`${where}: not problem+json`);
    const body = JSON.parse(res.body);
    if (body.code === 'validation-failed' && !(body.invalidParams?.length > 0 && body.invalidParams.every((p: { name: string }) => typeof p.name === 'string' && p.name.length > 0))) {
      throw new Error(`${where}: validation-failed without named fields: ${res.body.slice(0, 300)}`);
    }
    if (/at .*\.(ts|js):\d+/.test(res.body)) throw new Error(`${where}: stack trace in a response`);
  };

  beforeAll(async () => {
    sut = await startTestApp();
    const api = supertestApi(sut);
    world = await seedWorld(api, ADMIN_TOKEN);
    caseId = (await expectOk(api.call('POST', '/api/v1/conclusions', world.tokens.ascOfficer, { bodyCode: 'MZ', direction: 'personnel', cycle: world.cycle, deliveredAt: '2025-02-03T10:00:00+05:00', items: INDICATORS.personnel, evaluators: world.evaluators.personnel }), 'case')).id;
    commissionId = (await expectOk(api.call('POST', '/api/v1/commissions', world.tokens.ascSecretary, { direction: 'personnel', cycle: world.cycle }), 'commission')).id;
  });
  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`bad-input: ${total} generated requests`);
    await sut.close();
  });

  const endpoints = (): Endpoint[] => [
    { name: 'conclusion', method: 'POST', path: () => '/api/v1/conclusions', token: () => world.tokens.ascOfficer, body: () => ({ bodyCode: 'MON', direction: 'personnel', cycle: world.cycle, deliveredAt: '2025-02-03T10:00:00+05:00', items: INDICATORS.personnel, evaluators: world.evaluators.personnel }), required: { bodyCode: 's', direction: 'e', cycle: 's', items: 'a', evaluators: 'i' } },
    { name: 'objection', method: 'POST', path: () => `/api/v1/cases/${caseId}/objection`, token: () => world.tokens['agency:MZ'], body: () => ({ items: [{ indicatorCode: 'HR-1', claimedScore: 5, argument: 'Келіспейміз' }], documents: ['a'.repeat(64)] }), required: { items: 'a', documents: 'a' } },
    { name: 'table', method: 'POST', path: () => `/api/v1/cases/${caseId}/table`, token: () => world.tokens.ascOfficer, body: () => ({ rows: [{ indicatorCode: 'HR-1', authorityPosition: 'Негізсіз' }] }), required: { rows: 'a' } },
    { name: 'decision', method: 'POST', path: () => `/api/v1/cases/${caseId}/table/rows/1/decision`, token: () => world.tokens.ascSecretary, body: () => ({ meetingId: 'm1', decision: 'agree', rationale: 'Расталды', votes: { for: 3, against: 0, abstained: 0 } }), required: { meetingId: 's', decision: 'e', rationale: 's', votes: 'o' } },
    { name: 'escalation', method: 'POST', path: () => `/api/v1/cases/${caseId}/escalation`, token: () => world.tokens['agency:MZ'], body: () => ({ reason: 'Келіспейміз' }), required: { reason: 's' } },
    { name: 'outcome', method: 'POST', path: () => `/api/v1/cases/${caseId}/escalation/outcome`, token: () => world.tokens.pa, body: () => ({ outcome: 'upheld', note: 'Күшінде' }), required: { outcome: 'e', note: 's' } },
    { name: 'body', method: 'POST', path: () => '/api/v1/bodies', token: () => ADMIN_TOKEN, body: () => ({ code: 'NEW-1', nameKk: 'Жаңа орган', nameRu: 'Новый орган', kind: 'agency' }), required: { code: 's', nameKk: 's', nameRu: 's', kind: 'e' } },
    { name: 'person', method: 'POST', path: () => '/api/v1/people', token: () => ADMIN_TOKEN, body: () => ({ iin: demoIin(40), fullName: 'Жаңа Адам' }), required: { iin: 'iin', fullName: 's' } },
    { name: 'account', method: 'POST', path: () => '/api/v1/accounts', token: () => ADMIN_TOKEN, body: () => ({ role: 'auditor', displayName: 'Жаңа аудитор' }), required: { role: 'e', displayName: 's' } },
    { name: 'cycle', method: 'POST', path: () => '/api/v1/cycles', token: () => ADMIN_TOKEN, body: () => ({ code: 'C-NEW', title: 'Жаңа цикл', year: 2026 }), required: { code: 's', title: 's', year: 'n' } },
    { name: 'commission', method: 'POST', path: () => '/api/v1/commissions', token: () => world.tokens.mdaiSecretary, body: () => ({ direction: 'it', cycle: world.cycle }), required: { direction: 'e', cycle: 's' } },
    { name: 'member', method: 'POST', path: () => `/api/v1/commissions/${commissionId}/members`, token: () => world.tokens.ascSecretary, body: () => ({ iin: world.people[2].iin, role: 'member' }), required: { iin: 'iin', role: 'e' } },
    { name: 'calendar entry', method: 'PUT', path: () => '/api/v1/calendar/entries/2025-06-02', token: () => ADMIN_TOKEN, body: () => ({ kind: 'dayOff', category: 'holiday', name: { kk: 'а', ru: 'б', en: 'c' }, act: 'Some act', note: 'why not' }), required: { kind: 'e', category: 'e', name: 'o', act: 's', note: 's' } },
  ];

  it('JSON bodies: a required field wrong, missing, an extra field, or garbage instead of the body', async () => {
    const before = await fingerprint();
    for (const e of endpoints()) {
      const fields = Object.keys(e.required);
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant('wrong'), field: fc.constantFrom(...fields) }).chain((m) => wrongFor(e.required[m.field]).map((value) => ({ ...m, value }))),
        fc.record({ kind: fc.constant('missing'), field: fc.constantFrom(...fields), value: fc.constant(undefined) }),
        fc.record({ kind: fc.constant('extra'), field: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !fields.includes(k) && !['expectedVersion', 'claimedScore', 'nameEn', 'position', 'personIin', 'bodyCode', 'authorityCode', 'chairVote', 'revisedScore', 'scores', 'documents', 'forecast', 'movedFrom', 'transferredFrom', 'transferredTo', 'holiday'].includes(k)), value: junk }),
        fc.record({ kind: fc.constant('garbage'), field: fc.constant(''), value: fc.oneof(fc.anything(), fc.string()) }),
      );
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          let payload: unknown;
          if (m.kind === 'garbage') payload = JSON.stringify(m.value ?? null);
          else {
            const body = e.body();
            if (m.kind === 'missing') delete body[m.field];
            else body[m.field] = m.value;
            payload = JSON.stringify(body);
          }
          const res = await inject({ method: e.method, url: e.path(), token: e.token(), payload, headers: { 'content-type': 'application/json' } });
          assertRefusedProperly(res, `${e.name} ${m.kind} ${m.field}`);
        }),
        { numRuns: 600, seed: 20251122 },
      );
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('query parameters and path parameters: unparseable, offset-less, out of range — never a 5xx', async () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('2025-02-03T10:00:00', '2025-02-03', '-1', '0', '367', '1e3', '9'.repeat(400), '%00', '2025-02-30T10:00:00Z'));
    await fc.assert(
      fc.asyncProperty(value, value, value, async (a, b, c) => {
        const q = new URLSearchParams({ from: a, workingDays: b, calendarDays: c }).toString();
        const res = await inject({ method: 'GET', url: `/api/v1/calendar/deadline?${q}` });
        if (res.statusCode >= 500) throw new Error(`deadline ${q}: ${res.statusCode}`);
        if (res.statusCode !== 200) assertRefusedProperly(res, `deadline ${q}`);
        const list = await inject({ method: 'GET', url: `/api/v1/cases?${new URLSearchParams({ state: a, cycle: b, limit: c })}`, token: world.tokens.auditor });
        if (list.statusCode >= 500) throw new Error(`cases ${a} ${b} ${c}: ${list.statusCode}`);
        const day = await inject({ method: 'GET', url: `/api/v1/calendar/days/${encodeURIComponent(a)}` });
        if (day.statusCode >= 500) throw new Error(`day ${a}: ${day.statusCode}`);
        const one = await inject({ method: 'GET', url: `/api/v1/cases/${encodeURIComponent(a)}`, token: world.tokens.auditor });
        if (one.statusCode >= 500) throw new Error(`case ${a}: ${one.statusCode}`);
      }),
      { numRuns: 600, seed: 7 },
    );
  });

  it('documents: lying extensions, binary junk and malformed multipart are refused naming the file', async () => {
    const before = await fingerprint();
    const name = fc.constantFrom('scan.pdf', 'Қорытынды.docx', 'photo.png', 'a.exe', '', '../../etc/passwd', 'x'.repeat(400) + '.pdf');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2048 }), name, fc.boolean(), async (bytes, fileName, malformed) => {
        const boundary = '----bench' + bytes.length;
        // A NUL byte up front: never a PDF, image, office file or text, whatever the name says.
        const content = Buffer.concat([Buffer.from([0, 0x4d, 0x5a]), Buffer.from(bytes)]);
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
        const payload = malformed ? Buffer.concat([Buffer.from(head), content]) : Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        const res = await inject({ method: 'POST', url: '/api/v1/documents', token: world.tokens['agency:MZ'], payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
        assertRefusedProperly(res, `document ${fileName} malformed=${malformed}`);
        const body = JSON.parse(res.body);
        if (!body.invalidParams?.some((p: { name: string }) => p.name === 'file')) throw new Error(`document: the problem does not name the file: ${res.body.slice(0, 200)}`);
      }),
      { numRuns: 700, seed: 11 },
    );
    expect(await fingerprint()).toEqual(before);
  });

  it('counts at least 10,000 generated inputs', () => {
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});
