import fc from 'fast-check';
import { Api, expectOk } from '../src/demo/api-client';
import { INDICATORS, World, demoIin, seedWorld } from '../src/demo/world';
import {
  FORBIDDEN_CHARACTERS,
  HUGE_NUMBERS,
  ODD_INSTANTS,
  improperRefusal,
  nested,
  tableDigests,
} from './support/bad-inputs';
import { sweepBadInputs } from './support/bad-input-sweep';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './support/test-app';

/**
 * Bad input (SPEC §9, issue 12 item 4): generated wrong types, missing and extra fields, huge strings, invalid
 * IINs, dates without offsets or with offsets past ±14:00, deep nesting, huge numbers, long arrays, text with
 * control / bidi / zero-width / unpaired-surrogate characters, lying documents and malformed multipart — over
 * 10,000 requests, and a sweep over every operation of the OpenAPI document. None may be answered with a 5xx,
 * none may change state (every table's contents compared, not counted), and every validation problem names
 * its field. The ≥ 20,000-input figure: `npm run -s bad-input-sweep`.
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
const DEEP_ARRAY = JSON.parse(nested(40, 'array', Math.random));
const DEEP_OBJECT = JSON.parse(nested(40, 'object', Math.random));
/** Text with a forbidden character inside it (src/common/validators/safe-text.ts). */
const FORBIDDEN_TEXT = FORBIDDEN_CHARACTERS.map((c) => `Қаза${c}қстан`);
const WRONG: Record<Tag, unknown[]> = {
  s: [...COMMON, -1, ...FORBIDDEN_TEXT, DEEP_ARRAY, 1e20],
  n: [...COMMON, -1, 'five', 1e9, ...HUGE_NUMBERS, DEEP_ARRAY],
  a: [...COMMON, 'x', -1, [[]], DEEP_ARRAY, new Array(2_000).fill('a'.repeat(64))],
  o: [...COMMON.slice(1), 'x', -1, [[]], DEEP_OBJECT],
  d: [...COMMON, -1, '2025-02-03T10:00:00', 'yesterday', '2025-13-45T00:00:00Z', '2025-02-03', ...ODD_INSTANTS],
  i: [...COMMON, ['123456789012'], ['abc'], 'x', new Array(1_000).fill('900102300128'), [[]]],
  e: [...COMMON, 'nope', -1, ...FORBIDDEN_TEXT.slice(0, 5)],
  iin: [...COMMON, -1, '123', 'abcdefghijkl', '900102300120', '90010230012\u0000'],
};

const wrongFor = (tag: Tag) => fc.constantFrom(...WRONG[tag]);
const junk = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
);

describe('Bad input never gets a 5xx and never changes state (property-based)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let caseId: string;
  let commissionId: string;
  let total = 0;

  const inject = async (opts: {
    method: string;
    url: string;
    token?: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }) => {
    total++;
    const res = await sut.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: opts.method as 'POST',
        url: opts.url,
        headers: {
          'accept-language': 'en',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.headers ?? {}),
        },
        ...(opts.payload !== undefined ? { payload: opts.payload as string } : {}),
      });
    return res;
  };

  /** Every table's contents (a digest per table), not row counts: an UPDATE that keeps the count is caught too. */
  const fingerprint = () => tableDigests(sut.dataSource);

  const assertRefusedProperly = (
    res: { statusCode: number; headers: Record<string, unknown>; body: string },
    where: string,
  ) => {
    const why = improperRefusal(res);
    if (why) throw new Error(`${where}: ${why}`);
  };

  beforeAll(async () => {
    sut = await startTestApp();
    api = supertestApi(sut);
    world = await seedWorld(api, ADMIN_TOKEN);
    caseId = (
      await expectOk(
        api.call('POST', '/api/v1/conclusions', world.tokens.ascOfficer, {
          bodyCode: 'MZ',
          direction: 'personnel',
          cycle: world.cycle,
          deliveredAt: '2025-02-03T10:00:00+05:00',
          items: INDICATORS.personnel,
          evaluators: world.evaluators.personnel,
        }),
        'case',
      )
    ).id;
    commissionId = (
      await expectOk(
        api.call('POST', '/api/v1/commissions', world.tokens.ascSecretary, {
          direction: 'personnel',
          cycle: world.cycle,
        }),
        'commission',
      )
    ).id;
  });
  afterAll(async () => {
    console.log(`bad-input: ${total} generated requests`);
    await sut.close();
  });

  const endpoints = (): Endpoint[] => [
    {
      name: 'conclusion',
      method: 'POST',
      path: () => '/api/v1/conclusions',
      token: () => world.tokens.ascOfficer,
      body: () => ({
        bodyCode: 'MON',
        direction: 'personnel',
        cycle: world.cycle,
        deliveredAt: '2025-02-03T10:00:00+05:00',
        items: INDICATORS.personnel,
        evaluators: world.evaluators.personnel,
      }),
      required: { bodyCode: 's', direction: 'e', cycle: 's', items: 'a', evaluators: 'i' },
    },
    {
      name: 'objection',
      method: 'POST',
      path: () => `/api/v1/cases/${caseId}/objection`,
      token: () => world.tokens['agency:MZ'],
      body: () => ({
        items: [{ indicatorCode: 'HR-1', claimedScore: 5, argument: 'Келіспейміз' }],
        documents: ['a'.repeat(64)],
      }),
      required: { items: 'a', documents: 'a' },
    },
    {
      name: 'table',
      method: 'POST',
      path: () => `/api/v1/cases/${caseId}/table`,
      token: () => world.tokens.ascOfficer,
      body: () => ({ rows: [{ indicatorCode: 'HR-1', authorityPosition: 'Негізсіз' }] }),
      required: { rows: 'a' },
    },
    {
      name: 'decision',
      method: 'POST',
      path: () => `/api/v1/cases/${caseId}/table/rows/1/decision`,
      token: () => world.tokens.ascSecretary,
      body: () => ({
        meetingId: 'm1',
        decision: 'agree',
        rationale: 'Расталды',
        votes: { for: 3, against: 0, abstained: 0 },
      }),
      required: { meetingId: 's', decision: 'e', rationale: 's', votes: 'o' },
    },
    {
      name: 'escalation',
      method: 'POST',
      path: () => `/api/v1/cases/${caseId}/escalation`,
      token: () => world.tokens['agency:MZ'],
      body: () => ({ reason: 'Келіспейміз' }),
      required: { reason: 's' },
    },
    {
      name: 'outcome',
      method: 'POST',
      path: () => `/api/v1/cases/${caseId}/escalation/outcome`,
      token: () => world.tokens.pa,
      body: () => ({ outcome: 'upheld', note: 'Күшінде' }),
      required: { outcome: 'e', note: 's' },
    },
    {
      name: 'body',
      method: 'POST',
      path: () => '/api/v1/bodies',
      token: () => ADMIN_TOKEN,
      body: () => ({ code: 'NEW-1', nameKk: 'Жаңа орган', nameRu: 'Новый орган', kind: 'agency' }),
      required: { code: 's', nameKk: 's', nameRu: 's', kind: 'e' },
    },
    {
      name: 'person',
      method: 'POST',
      path: () => '/api/v1/people',
      token: () => ADMIN_TOKEN,
      body: () => ({ iin: demoIin(40), fullName: 'Жаңа Адам' }),
      required: { iin: 'iin', fullName: 's' },
    },
    {
      name: 'account',
      method: 'POST',
      path: () => '/api/v1/accounts',
      token: () => ADMIN_TOKEN,
      body: () => ({ role: 'auditor', displayName: 'Жаңа аудитор' }),
      required: { role: 'e', displayName: 's' },
    },
    {
      name: 'cycle',
      method: 'POST',
      path: () => '/api/v1/cycles',
      token: () => ADMIN_TOKEN,
      body: () => ({ code: 'C-NEW', title: 'Жаңа цикл', year: 2026 }),
      required: { code: 's', title: 's', year: 'n' },
    },
    {
      name: 'commission',
      method: 'POST',
      path: () => '/api/v1/commissions',
      token: () => world.tokens.mdaiSecretary,
      body: () => ({ direction: 'it', cycle: world.cycle }),
      required: { direction: 'e', cycle: 's' },
    },
    {
      name: 'member',
      method: 'POST',
      path: () => `/api/v1/commissions/${commissionId}/members`,
      token: () => world.tokens.ascSecretary,
      body: () => ({ iin: world.people[2].iin, role: 'member' }),
      required: { iin: 'iin', role: 'e' },
    },
    {
      name: 'calendar entry',
      method: 'PUT',
      path: () => '/api/v1/calendar/entries/2025-06-02',
      token: () => ADMIN_TOKEN,
      body: () => ({
        kind: 'dayOff',
        category: 'holiday',
        name: { kk: 'а', ru: 'б', en: 'c' },
        act: 'Some act',
        note: 'why not',
      }),
      required: { kind: 'e', category: 'e', name: 'o', act: 's', note: 's' },
    },
  ];

  it('JSON bodies: a required field wrong, missing, an extra field, or garbage instead of the body', async () => {
    const before = await fingerprint();
    for (const e of endpoints()) {
      const fields = Object.keys(e.required);
      const mutation = fc.oneof(
        fc
          .record({ kind: fc.constant('wrong'), field: fc.constantFrom(...fields) })
          .chain((m) => wrongFor(e.required[m.field]).map((value) => ({ ...m, value }))),
        fc.record({ kind: fc.constant('missing'), field: fc.constantFrom(...fields), value: fc.constant(undefined) }),
        fc.record({
          kind: fc.constant('extra'),
          field: fc
            .string({ minLength: 1, maxLength: 12 })
            .filter(
              (k) =>
                !fields.includes(k) &&
                ![
                  'expectedVersion',
                  'claimedScore',
                  'nameEn',
                  'position',
                  'personIin',
                  'bodyCode',
                  'authorityCode',
                  'chairVote',
                  'revisedScore',
                  'scores',
                  'documents',
                  'forecast',
                  'movedFrom',
                  'transferredFrom',
                  'transferredTo',
                  'holiday',
                ].includes(k),
            ),
          value: junk,
        }),
        fc.record({
          kind: fc.constant('garbage'),
          field: fc.constant(''),
          value: fc.oneof(fc.anything(), fc.string()),
        }),
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
          const res = await inject({
            method: e.method,
            url: e.path(),
            token: e.token(),
            payload,
            headers: { 'content-type': 'application/json' },
          });
          assertRefusedProperly(res, `${e.name} ${m.kind} ${m.field}`);
        }),
        { numRuns: 600, seed: 20251122 },
      );
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('query parameters and path parameters: unparseable, offset-less, out of range — never a 5xx', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '2025-02-03T10:00:00',
        '2025-02-03',
        '-1',
        '0',
        '367',
        '1e3',
        '9'.repeat(400),
        '%00',
        '2025-02-30T10:00:00Z',
      ),
    );
    await fc.assert(
      fc.asyncProperty(value, value, value, async (a, b, c) => {
        const q = new URLSearchParams({ from: a, workingDays: b, calendarDays: c }).toString();
        const res = await inject({ method: 'GET', url: `/api/v1/calendar/deadline?${q}` });
        if (res.statusCode >= 500) throw new Error(`deadline ${q}: ${res.statusCode}`);
        if (res.statusCode !== 200) assertRefusedProperly(res, `deadline ${q}`);
        const list = await inject({
          method: 'GET',
          url: `/api/v1/cases?${new URLSearchParams({ state: a, cycle: b, limit: c }).toString()}`,
          token: world.tokens.auditor,
        });
        if (list.statusCode >= 500) throw new Error(`cases ${a} ${b} ${c}: ${list.statusCode}`);
        const day = await inject({ method: 'GET', url: `/api/v1/calendar/days/${encodeURIComponent(a)}` });
        if (day.statusCode >= 500) throw new Error(`day ${a}: ${day.statusCode}`);
        const one = await inject({
          method: 'GET',
          url: `/api/v1/cases/${encodeURIComponent(a)}`,
          token: world.tokens.auditor,
        });
        if (one.statusCode >= 500) throw new Error(`case ${a}: ${one.statusCode}`);
      }),
      { numRuns: 600, seed: 7 },
    );
  });

  it('documents: lying extensions, binary junk and malformed multipart are refused naming the file', async () => {
    const before = await fingerprint();
    const name = fc.constantFrom(
      'scan.pdf',
      'Қорытынды.docx',
      'photo.png',
      'a.exe',
      '',
      '../../etc/passwd',
      'x'.repeat(400) + '.pdf',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 2048 }),
        name,
        fc.boolean(),
        async (bytes, fileName, malformed) => {
          const boundary = '----bench' + bytes.length;
          // A NUL byte up front: never a PDF, image, office file or text, whatever the name says.
          const content = Buffer.concat([Buffer.from([0, 0x4d, 0x5a]), Buffer.from(bytes)]);
          const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
          const payload = malformed
            ? Buffer.concat([Buffer.from(head), content])
            : Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
          const res = await inject({
            method: 'POST',
            url: '/api/v1/documents',
            token: world.tokens['agency:MZ'],
            payload,
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          });
          assertRefusedProperly(res, `document ${fileName} malformed=${malformed}`);
          const body = JSON.parse(res.body);
          if (!body.invalidParams?.some((p: { name: string }) => p.name === 'file'))
            throw new Error(`document: the problem does not name the file: ${res.body.slice(0, 200)}`);
        },
      ),
      { numRuns: 700, seed: 11 },
    );
    expect(await fingerprint()).toEqual(before);
  });

  it('the inputs that gave 500s (issue 12): each refused with a problem naming the field, nothing changed', async () => {
    const before = await fingerprint();
    const writes = endpoints();
    // `[` × 5,000 at every write endpoint: a stack overflow in the validation helpers before.
    for (const e of writes) {
      for (const payload of [
        '['.repeat(5_000) + ']'.repeat(5_000),
        nested(5_000, 'object', Math.random),
        `{"items":${'['.repeat(11)}${']'.repeat(11)}}`,
      ]) {
        const res = await inject({
          method: e.method,
          url: e.path(),
          token: e.token(),
          payload,
          headers: { 'content-type': 'application/json' },
        });
        assertRefusedProperly(res, `${e.name} deep`);
        // Refused by the body parser, before validation (not by whatever later layer happens to stop it).
        expect(JSON.parse(res.body)).toMatchObject({
          code: 'validation-failed',
          invalidParams: [{ name: 'body', reason: 'JSON nested deeper than 10 levels is not accepted' }],
        });
      }
    }
    // Offsets past ±14:00 passed the validator and failed later — even on the public calendar endpoint.
    for (const from of ['2025-02-03T10:00:00+24:00', '2025-02-03T10:00:00+99:00']) {
      const res = await inject({
        method: 'GET',
        url: `/api/v1/calendar/deadline?from=${encodeURIComponent(from)}&workingDays=5`,
      });
      assertRefusedProperly(res, `deadline ${from}`);
      expect(JSON.parse(res.body).invalidParams).toEqual([expect.objectContaining({ name: 'from' })]);
    }
    // Paging past any bound: SQLITE_MISMATCH before.
    for (const query of ['offset=99999999999999999999', 'offset=1000001', 'limit=1001', 'offset=-1', 'limit=1e3']) {
      const paged = await inject({ method: 'GET', url: `/api/v1/cases?${query}`, token: world.tokens.auditor });
      assertRefusedProperly(paged, query);
      expect(JSON.parse(paged.body).invalidParams[0].name).toBe(query.split('=')[0]);
    }
    for (const query of ['limit=1001', 'offset=1000001']) {
      const listed = await inject({ method: 'GET', url: `/api/v1/notifications?${query}`, token: ADMIN_TOKEN });
      assertRefusedProperly(listed, `notifications ${query}`);
    }
    // An escalation citing 1,500 documents: "Expression tree is too large" before.
    const escalation = await inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/escalation`,
      token: world.tokens['agency:MZ'],
      payload: JSON.stringify({ reason: 'Келіспейміз', documents: new Array(1_500).fill('a'.repeat(64)) }),
      headers: { 'content-type': 'application/json' },
    });
    assertRefusedProperly(escalation, 'escalation');
    expect(JSON.parse(escalation.body).invalidParams[0].name).toBe('documents');
    // A calendar year whose entries are arrays: a TypeError before.
    const year = await inject({
      method: 'POST',
      url: '/api/v1/calendar/years',
      token: ADMIN_TOKEN,
      payload: JSON.stringify({ year: 2028, source: 'Some act of 2027', entries: [[]] }),
      headers: { 'content-type': 'application/json' },
    });
    assertRefusedProperly(year, 'calendar year');
    expect(JSON.parse(year.body).invalidParams[0].name).toMatch(/^entries/);
    // Names with NUL (invalid byte sequence on PostgreSQL), controls, bidi overrides, zero-width characters, lone surrogates.
    for (const c of ['\u0000', '\u0007', '\u202e', '\u2066', '\u200b', '\ufeff', '\ud800', '\udfff']) {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/bodies',
        token: ADMIN_TOKEN,
        payload: JSON.stringify({ code: 'NEW-1', nameKk: `Жаңа${c}орган`, nameRu: 'Новый орган', kind: 'agency' }),
        headers: { 'content-type': 'application/json' },
      });
      assertRefusedProperly(res, `name with U+${c.charCodeAt(0).toString(16)}`);
      expect(JSON.parse(res.body).invalidParams).toEqual([
        {
          name: 'nameKk',
          reason: expect.stringContaining(
            `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position 5`,
          ),
        },
      ]);
    }
    // A meeting in the years 1, 1970 and 9999.
    for (const at of ['0001-01-01T10:00:00+05:00', '1970-01-01T10:00:00+05:00', '9999-01-01T10:00:00+05:00']) {
      const res = await inject({
        method: 'POST',
        url: `/api/v1/commissions/${commissionId}/meetings`,
        token: world.tokens.ascSecretary,
        payload: JSON.stringify({ scheduledFor: at, invitees: [{ name: 'Өкіл', kind: 'agencyRepresentative' }] }),
        headers: { 'content-type': 'application/json' },
      });
      assertRefusedProperly(res, `meeting ${at}`);
      expect(JSON.parse(res.body).invalidParams[0].name).toBe('scheduledFor');
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('text is stored trimmed and NFC-normalized', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/bodies',
      token: ADMIN_TOKEN,
      payload: JSON.stringify({ code: 'NFC-1', nameKk: '  Е\u0308ркін орган  ', nameRu: 'Орган', kind: 'agency' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(201);
    const rows = await sut.dataSource.query(`SELECT name_kk AS name FROM bodies WHERE code = 'NFC-1'`);
    expect(rows[0].name).toBe('Ёркін орган');
  });

  it('a generated sweep over every operation of the OpenAPI document: no 5xx, every answer a named refusal, no table changed', async () => {
    const result = await sweepBadInputs(sut.app, sut.dataSource, api, world, {
      requests: 4_000,
      seed: 12,
      caseId,
      commissionId,
    });
    total += result.requests;
    expect(result.operations).toBeGreaterThanOrEqual(45);
    expect({ fiveXx: result.fiveXx, wrong: result.wrong, changedTables: result.changedTables }).toEqual({
      fiveXx: 0,
      wrong: [],
      changedTables: [],
    });
  });

  it('counts at least 10,000 generated inputs', () => {
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});
