import { CASE_ROUTES } from '../src/cases/commands';
import { COMMISSION_ROUTES } from '../src/commissions/commands';
import { PROBLEM_TYPES } from '../src/common/problem-types';
import { createValidationPipe } from '../src/common/validation';
import type { Api } from '../src/demo/api-client';
import type { Story } from '../src/demo/story';
import { checkedApi } from './support/contract';
import { injectFetch } from './support/inject-fetch';
import { startStory } from './support/story';
import { TestApp } from './support/test-app';

/**
 * Issue 11 items 1–3: the OpenAPI document is a contract a client can be generated from. Every operation documents
 * its 2xx answer and its RFC 9457 problems (SPEC §7) with their `type` values; the examples succeed when sent as
 * they are; and the real answers of the demo's story — every command of SPEC §8 and every read — validate against
 * the schemas the document states.
 */
describe('The API contract (issue 11)', () => {
  let sut: TestApp;
  let story: Story;
  let api: Api;
  let contract: ReturnType<typeof checkedApi>;
  let doc: any;

  beforeAll(async () => {
    ({ sut, story, api } = await startStory({}, (raw, app) => (contract = checkedApi(raw, injectFetch(app.app))).api));
    doc = (await sut.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => sut.close());

  const operations = () =>
    Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );

  it('documents a 2xx answer with a schema and the problem+json answers of every operation', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      const ok = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
      if (!ok.length || !ok.every(([, r]: [string, any]) => Object.values(r.content ?? {}).some((c: any) => c.schema)))
        missing.push(`${method} ${path}: no 2xx schema`);
      const problems = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      for (const status of ['400', '429', '500', '503', ...(op.security?.length ? ['401', '403'] : [])]) {
        if (!op.responses[status]) missing.push(`${method} ${path}: no ${status}`);
      }
      for (const [status, given] of problems as [string, any][]) {
        const r = given.$ref ? doc.components.responses[given.$ref.split('/').pop()] : given;
        const schema = r?.content?.['application/problem+json']?.schema;
        if (!JSON.stringify(schema ?? null).includes('#/components/schemas/Problem'))
          missing.push(`${method} ${path} ${status}: not a Problem`);
        const codes: string[] = schema?.allOf?.[1]?.properties?.code?.enum ?? [];
        // The `type` values that status can carry, each a type of the catalogue with that status.
        if (!codes.length || codes.some((c) => (PROBLEM_TYPES as any)[c]?.status !== Number(status)))
          missing.push(`${method} ${path} ${status}: codes ${codes.join(', ')}`);
      }
    }
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThanOrEqual(83);
    // The Problem schema enumerates every type of the catalogue (GET /api/v1/problems).
    expect(doc.components.schemas.Problem.properties.code.enum.sort()).toEqual(Object.keys(PROBLEM_TYPES).sort());
    // Every operation has its own id (the generated client names its functions by them).
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    // Every reference resolves.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !doc.components.schemas[r])).toEqual([]);
  });

  it('every command body example passes validation as it is, without an expectedVersion', async () => {
    const pipe = createValidationPipe();
    for (const command of [...CASE_ROUTES, ...COMMISSION_ROUTES]) {
      const path = `/api/v1/${command.route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      const example = doc.paths[path].post.requestBody.content['application/json'].examples.example.value;
      expect(example).toEqual(command.route.example);
      expect(example).not.toHaveProperty('expectedVersion');
      await expect(pipe.transform(example, { type: 'body', metatype: command.dto })).resolves.toBeDefined();
    }
  });

  it('every query example, sent as it is, is not refused as bad input (no seq together with at)', async () => {
    const caseId = story.caseIds['personnel:MZ'];
    const refused: string[] = [];
    for (const { path, method, op } of operations()) {
      if (method !== 'get') continue;
      const query = (op.parameters ?? []).filter(
        (p: any) => p.in === 'query' && (p.example ?? p.schema?.example) !== undefined,
      );
      if (!query.length) continue;
      const url =
        path.replace('{id}', caseId) +
        '?' +
        query.map((p: any) => `${p.name}=${encodeURIComponent(String(p.example ?? p.schema.example))}`).join('&');
      const r = await api.call('GET', url, story.world.tokens.auditor);
      if (r.status === 400) refused.push(`${url}: ${r.body.detail}`);
    }
    expect(refused).toEqual([]);
    const page = await sut.http().get('/api/docs').expect(200);
    expect(page.text).not.toContain('persistAuthorization');
  });

  it('every list answers { items, total, limit, offset } and takes the same validated paging parameters', async () => {
    const lists: string[] = [];
    for (const { path, method, op } of operations()) {
      const schema = op.responses['200']?.content?.['application/json']?.schema;
      if (!schema) continue;
      expect(`${method} ${path} ${schema.type ?? ''}`).not.toMatch(/ array$/); // no bare arrays
      if (schema.properties?.items) {
        expect(schema.required).toEqual(expect.arrayContaining(['items', 'total', 'limit', 'offset']));
        const names = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
        expect(`${path}: ${names}`).toMatch(/limit.*offset|offset.*limit/);
        lists.push(path);
      }
    }
    expect(lists.length).toBeGreaterThanOrEqual(20);
    const t = story.world.tokens;
    const caseId = story.caseIds['personnel:MZ'];
    for (const path of lists) {
      if (path.includes('{') && !path.includes('{id}')) continue;
      const url = path.replace(
        '{id}',
        path.startsWith('/api/v1/accounts')
          ? (await api.call('GET', '/api/v1/accounts/me', t.auditor)).body.id
          : caseId,
      );
      const extra = path.endsWith('transmitted-conclusions') ? '&cycle=2026&direction=personnel' : '';
      const token = /accounts|webhooks|sign-in|import-conflicts/.test(path) ? t.admin : t.auditor;
      const one = await api.call('GET', `${url}?limit=1&offset=0${extra}`, token);
      expect([path, one.status]).toEqual([path, 200]);
      expect(one.body).toMatchObject({ limit: 1, offset: 0 });
      expect(one.body.items.length).toBeLessThanOrEqual(1);
      expect(one.body.total).toBeGreaterThanOrEqual(one.body.items.length);
      const bad = await api.call('GET', `${url}?limit=0&offset=-1${extra}`, token);
      expect([path, bad.status, bad.body.invalidParams?.map((p: any) => p.name).sort()]).toEqual([
        path,
        400,
        ['limit', 'offset'],
      ]);
    }
  });

  it('a case read carries ETag = its version, which If-Match accepts; a stale one is a version conflict', async () => {
    const t = story.world.tokens;
    const id = story.caseIds['personnel:MIO'];
    const read = await sut
      .http()
      .get(`/api/v1/cases/${id}`)
      .set('Authorization', `Bearer ${t['agency:MIO']}`)
      .expect(200);
    expect(read.headers.etag).toBe(`"${read.body.version}"`);
    const stale = await sut
      .http()
      .post(`/api/v1/cases/${id}/no-objection`)
      .set('Authorization', `Bearer ${t['agency:MIO']}`)
      .set('If-Match', `"${read.body.version - 1}"`)
      .send({});
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    const done = await sut
      .http()
      .post(`/api/v1/cases/${id}/no-objection`)
      .set('Authorization', `Bearer ${t['agency:MIO']}`)
      .set('If-Match', read.headers.etag)
      .send({})
      .expect(201);
    expect(done.headers.etag).toBe(`"${read.body.version + 1}"`);
    const commission = await sut
      .http()
      .get(`/api/v1/commissions/${story.commissionIds.personnel}`)
      .set('Authorization', `Bearer ${t.auditor}`)
      .expect(200);
    expect(commission.headers.etag).toBe(`"${commission.body.version}"`);
  });

  it('the answers of every command of the story and of every read validate against their documented schemas', async () => {
    const t = story.world.tokens;
    const reads = [
      '/api/v1/cases',
      '/api/v1/commissions',
      '/api/v1/bodies',
      '/api/v1/people',
      '/api/v1/cycles',
      '/api/v1/rule-sets',
      '/api/v1/indicator-catalogues',
      '/api/v1/calendar/versions',
      '/api/v1/calendar/imports',
      '/api/v1/calendar/years/2026',
      '/api/v1/calendar/days/2026-03-23',
      '/api/v1/calendar/deadline?from=2026-11-20T10:00:00%2B05:00&workingDays=5',
      '/api/v1/problems',
      '/api/v1/problems/not-found',
      '/api/v1/health',
      '/api/v1/health/ready',
      '/api/v1/accounts/me',
      '/api/v1/audit/verify',
      '/api/v1/audit/refusals',
      '/api/v1/audit/digests',
      '/api/v1/notifications',
      '/api/v1/transmitted-conclusions?cycle=2026&direction=personnel',
      '/api/v1/rule-sets/in-force?date=2026-03-01',
      '/api/v1/indicator-catalogues/in-force?direction=personnel&date=2026-03-01',
    ];
    for (const path of reads) await api.call('GET', path, t.auditor);
    // Creates answer 201 with Location (checked against the document's headers above) and the new resource is there.
    const created = await api.call('POST', '/api/v1/bodies', t.admin, {
      code: 'TEST-1',
      kind: 'agency',
      nameKk: 'Сынақ органы',
      nameRu: 'Тестовый орган',
    });
    expect(created.status).toBe(201);
    expect((await api.call('GET', created.headers!.location, t.admin)).body).toMatchObject({ code: 'TEST-1' });
    const hook = await api.call('POST', '/api/v1/webhooks', t.admin, { url: 'https://hooks.example.kz/appeals' });
    expect((await api.call('GET', hook.headers!.location, t.admin)).body.id).toBe(hook.body.id);
    const digest = await api.call('POST', '/api/v1/audit/digests', t.auditor);
    expect((await api.call('GET', digest.headers!.location, t.auditor)).body.id).toBe(digest.body.id);
    for (const path of [
      '/api/v1/accounts',
      '/api/v1/webhooks',
      '/api/v1/sign-in-attempts',
      '/api/v1/calendar/import-conflicts',
    ])
      await api.call('GET', path, t.admin);
    for (const id of Object.values(story.caseIds)) {
      for (const read of [
        '',
        '/events',
        '/deadlines',
        '/refusals',
        '/conclusions',
        '/timeline',
        '/export',
        '/state?seq=1',
      ])
        await api.call('GET', `/api/v1/cases/${id}${read}`, t.auditor);
    }
    for (const id of Object.values(story.commissionIds)) await api.call('GET', `/api/v1/commissions/${id}`, t.auditor);
    // Refusals are answers too: each must be the documented problem.
    await api.call('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', t.auditor);
    await api.call('POST', `/api/v1/cases/${story.caseIds['personnel:MZ']}/escalation`, t.auditor, {
      reason: 'аудитор / аудитор',
    });
    await api.call('GET', '/api/v1/calendar/deadline?from=x&workingDays=1');
    // The commands the story does not send: a member's removal and a dissolution, on a commission of another cycle.
    await api.call('POST', '/api/v1/cycles', t.admin, {
      code: '2030',
      title: 'Сынақ цикл / Тестовый цикл',
      year: 2030,
    });
    const opened = await api.call('POST', '/api/v1/commissions', t.ascSecretary, {
      direction: 'personnel',
      cycle: '2030',
    });
    expect(opened.headers!.location).toBe(`/api/v1/commissions/${opened.body.id}`);
    const member = story.world.members.personnel[2].iin;
    await api.call('POST', `/api/v1/commissions/${opened.body.id}/members`, t.ascSecretary, {
      iin: member,
      role: 'member',
    });
    expect(
      (await api.call('POST', `/api/v1/commissions/${opened.body.id}/members/${member}/removal`, t.ascSecretary, {}))
        .status,
    ).toBe(201);
    expect(
      (await api.call('POST', `/api/v1/commissions/${opened.body.id}/dissolution`, t.ascSecretary, {})).status,
    ).toBe(201);
    expect(contract.problems).toEqual([]);
    const commands = [...contract.checked].filter((k) => k.startsWith('POST'));
    // The story sends every command of SPEC §8 (and uploads), so each command's answer was checked.
    for (const command of [...CASE_ROUTES, ...COMMISSION_ROUTES]) {
      expect(commands).toContain(`POST /api/v1/${command.route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    }
    expect(contract.checked.size).toBeGreaterThanOrEqual(55);
  });
});
