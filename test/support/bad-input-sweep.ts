import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { Api, expectOk } from '../../src/demo/api-client';
import { World, conclusionOf, demoPdf } from '../../src/demo/world';
import {
  Fixtures,
  GeneratedRequest,
  Operation,
  badRequest,
  improperRefusal,
  operationsFrom,
  rng,
  tableDigests,
} from './bad-inputs';

export interface SweepResult {
  requests: number;
  operations: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  /** Requests answered 5xx, accepted (2xx/3xx) or refused improperly, with why (first 20 kept). */
  wrong: { request: string; why: string }[];
  wrongCount: number;
  fiveXx: number;
  /** Tables whose contents differ between before and after. */
  changedTables: string[];
}

/**
 * Fires `requests` generated bad requests, spread over every operation of the served OpenAPI document, at a seeded
 * service (in-process injection: the real Fastify + Nest stack, no sockets), and compares every table's contents
 * before and after.
 */
export async function sweepBadInputs(
  app: NestFastifyApplication,
  dataSource: DataSource,
  api: Api,
  world: World,
  options: {
    requests: number;
    seed: number;
    progress?: (done: number) => void;
    caseId?: string;
    commissionId?: string;
  },
): Promise<SweepResult> {
  const fastify = app.getHttpAdapter().getInstance();
  const inject = (req: { method: string; url: string; payload?: string; headers?: Record<string, string> }) =>
    fastify.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: req.headers ?? {},
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    });

  // A world to point at: a case, a commission with a meeting, an uploaded document.
  const caseView = options.caseId
    ? { id: options.caseId }
    : await expectOk(
        api.call(
          'POST',
          '/api/v1/conclusions',
          world.tokens.ascOfficer,
          conclusionOf(world, 'MZ', '2025-02-03T10:00:00+05:00'),
        ),
        'case',
      );
  const commission = options.commissionId
    ? { id: options.commissionId }
    : await expectOk(
        api.call('POST', '/api/v1/commissions', world.tokens.ascSecretary, {
          direction: 'personnel',
          cycle: world.cycle,
        }),
        'commission',
      );
  const document = await expectOk(
    api.upload('/api/v1/documents', world.tokens['agency:MZ'], 'scan.pdf', demoPdf('bad-input sweep')),
    'document',
  );
  const doc = (await inject({ method: 'GET', url: '/api/docs-json' })).json();
  const operations = operationsFrom(doc).filter((o) => !o.path.startsWith('/api/v1/health'));
  const fixtures: Fixtures = {
    schemas: doc.components?.schemas ?? {},
    pathValue(operation: Operation, name: string) {
      switch (name) {
        case 'id':
          return operation.path.startsWith('/api/v1/commissions')
            ? commission.id
            : operation.path.startsWith('/api/v1/webhooks')
              ? '00000000-0000-4000-8000-000000000000'
              : caseView.id;
        case 'meetingId':
          return '00000000-0000-4000-8000-000000000001';
        case 'sha256':
          return document.sha256;
        case 'iin':
          return world.people[2].iin;
        case 'date':
          return '2025-06-02';
        case 'year':
          return '2025';
        case 'n':
          return '1';
        case 'code':
          return 'validation-failed';
        default:
          return 'x';
      }
    },
  };

  // Which account may call each operation: the first token the guard lets reach validation (probed with an
  // unknown body field, which only validation refuses). Probing may act (a GET that writes): digests come after.
  const tokenFor = new Map<Operation, string | undefined>();
  const candidates = [
    world.tokens.admin,
    world.tokens.ascOfficer,
    world.tokens.ascSecretary,
    world.tokens.ascChair,
    world.tokens['agency:MZ'],
    world.tokens.pa,
    world.tokens.auditor,
    world.tokens.workingBody,
  ];
  for (const operation of operations) {
    let chosen: string | undefined;
    for (const token of candidates) {
      const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(fixtures.pathValue(operation, name)),
      );
      const res = await inject({
        method: operation.method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          ...(operation.bodySchema ? { 'content-type': 'application/json' } : {}),
        },
        ...(operation.bodySchema ? { payload: '{"probe\\u0000":1}' } : {}),
      });
      if (res.statusCode !== 401 && res.statusCode !== 403) {
        chosen = token;
        break;
      }
    }
    tokenFor.set(operation, chosen);
  }

  const before = await tableDigests(dataSource);
  const random = rng(options.seed);
  const result: SweepResult = {
    requests: 0,
    operations: 0,
    byStatus: {},
    byKind: {},
    wrong: [],
    wrongCount: 0,
    fiveXx: 0,
    changedTables: [],
  };
  const usable = operations.filter((o) => o.pathParams.length || o.queryParams.length || o.bodySchema || o.multipart);
  result.operations = usable.length;
  for (let i = 0; i < options.requests; i++) {
    const operation = usable[i % usable.length];
    const request: GeneratedRequest | null = badRequest(operation, fixtures, tokenFor.get(operation), random);
    if (!request) continue;
    const res = await inject(request);
    result.requests++;
    result.byStatus[res.statusCode] = (result.byStatus[res.statusCode] ?? 0) + 1;
    const kind = request.what
      .replace(/^\S+ \S+: /, '')
      .replace(/ \(.*\)$/, '')
      .replace(/ in \S+$/, '');
    result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
    if (res.statusCode >= 500) result.fiveXx++;
    const why = improperRefusal({ statusCode: res.statusCode, headers: res.headers, body: res.body });
    if (why) {
      result.wrongCount++;
      if (result.wrong.length < 400)
        result.wrong.push({ request: `${request.what} → ${request.method} ${request.url.slice(0, 200)}`, why });
    }
    if (options.progress && (i + 1) % 1000 === 0) options.progress(i + 1);
  }
  const after = await tableDigests(dataSource);
  result.changedTables = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  return result;
}
