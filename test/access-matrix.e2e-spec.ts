import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_KEY, AccessRule, ROLES, Role } from '../src/auth/roles';
import { Api, expectOk } from '../src/demo/api-client';
import { INDICATORS, World, demoIin, demoPdf, seedWorld } from '../src/demo/world';
import { t } from '../src/i18n/catalogue';
import { WEB_PAGE_KEY } from '../src/web/web-page';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './support/test-app';

/**
 * The access matrix of SPEC §1 and §7, written here by hand — NOT read from the routes' metadata or from
 * src/auth/policy.ts — so that opening an endpoint to a role it should not have fails this test.
 * `public` routes need no token; every other route lists the roles that may call it at all (their scope —
 * whose case — is checked below, cell by cell).
 */
const ADMIN: Role[] = ['administrator'];
const AUDIT: Role[] = ['administrator', 'auditor'];
const EVERYONE: Role[] = [...ROLES];
/** SPEC §7: everyone reads cases — each within their scope (own body, own authority, escalated, all). */
const CASE_READERS = EVERYONE;
/** The sides that upload and cite documents: the evaluated body and the authority's staff. */
const SIDES: Role[] = ['agencyRepresentative', 'authorityOfficer', 'commissionSecretary', 'presidentialAdministration'];
const AGENCY: Role[] = ['agencyRepresentative'];
const AUTHORITY: Role[] = ['authorityOfficer', 'presidentialAdministration'];
const TABLE_BUILDERS: Role[] = ['authorityOfficer', 'commissionSecretary', 'presidentialAdministration'];
const COMMISSION_STAFF: Role[] = ['authorityOfficer', 'commissionSecretary', 'presidentialAdministration'];

const MATRIX: Record<string, Role[] | 'public'> = {
  'GET health': 'public',
  'GET health/live': 'public',
  'GET health/ready': 'public',
  'GET problems': 'public',
  'GET problems/:code': 'public',
  'GET calendar/deadline': 'public',
  'GET calendar/days/:date': 'public',
  'GET calendar/years/:year': 'public',
  'GET calendar/versions': 'public',
  'GET calendar/imports': 'public',
  'GET calendar/import-conflicts': AUDIT,
  'PUT calendar/entries/:date': ADMIN,
  'DELETE calendar/entries/:date': ADMIN,
  'POST calendar/years': ADMIN,
  'POST documents': SIDES,
  'GET documents/:sha256': SIDES,
  'GET documents/:sha256/content': SIDES,
  'POST bodies': ADMIN,
  'GET bodies': EVERYONE,
  'GET bodies/:code': EVERYONE,
  'POST people': ADMIN,
  'GET people': EVERYONE,
  'POST cycles': ADMIN,
  'GET cycles': EVERYONE,
  'GET cycles/:code': EVERYONE,
  'POST rule-sets': ADMIN,
  'GET rule-sets': EVERYONE,
  'GET rule-sets/in-force': EVERYONE,
  'GET rule-sets/:code': EVERYONE,
  'POST rule-sets/:code/repeal': ADMIN,
  'POST indicator-catalogues': ADMIN,
  'GET indicator-catalogues': EVERYONE,
  'GET indicator-catalogues/in-force': EVERYONE,
  'GET indicator-catalogues/:code': EVERYONE,
  'POST indicator-catalogues/:code/repeal': ADMIN,
  'POST accounts': ADMIN,
  'GET accounts': AUDIT,
  'GET accounts/:id': AUDIT,
  'GET accounts/:id/history': AUDIT,
  'POST accounts/:id/disable': ADMIN,
  'POST accounts/:id/enable': ADMIN,
  'POST accounts/:id/token': ADMIN,
  'PUT accounts/:id/password': ADMIN,
  'GET accounts/me': EVERYONE,
  'GET sign-in-attempts': AUDIT,
  'GET commissions': [...COMMISSION_STAFF, 'commissionChair', 'administrator', 'auditor'],
  'GET commissions/:id': [...COMMISSION_STAFF, 'commissionChair', 'administrator', 'auditor'],
  'GET commissions/:id/meetings/:meetingId': [...COMMISSION_STAFF, 'commissionChair', 'administrator', 'auditor'],
  'POST commissions': COMMISSION_STAFF,
  'POST commissions/:id/members': COMMISSION_STAFF,
  'POST commissions/:id/members/:iin/removal': COMMISSION_STAFF,
  'POST commissions/:id/constitution': COMMISSION_STAFF,
  'POST commissions/:id/dissolution': COMMISSION_STAFF,
  'POST commissions/:id/meetings': COMMISSION_STAFF,
  'POST commissions/:id/meetings/:meetingId/attendance': COMMISSION_STAFF,
  'GET cases': CASE_READERS,
  'GET cases/:id': CASE_READERS,
  'GET cases/:id/events': CASE_READERS,
  'GET cases/:id/deadlines': CASE_READERS,
  'GET cases/:id/refusals': CASE_READERS,
  'GET cases/:id/conclusions': CASE_READERS,
  'GET cases/:id/documents/:sha256': CASE_READERS,
  'GET cases/:id/disagreement-table': CASE_READERS,
  'GET cases/:id/state': CASE_READERS,
  'GET cases/:id/timeline': CASE_READERS,
  'GET cases/:id/export': CASE_READERS,
  'POST conclusions': AUTHORITY, // p.91–p.97
  'POST cases/:id/objection': AGENCY, // p.98
  'POST cases/:id/no-objection': AGENCY, // p.99
  'POST cases/:id/withdrawal': AGENCY,
  'POST cases/:id/table': TABLE_BUILDERS, // p.102
  'POST cases/:id/table/submission': TABLE_BUILDERS,
  'POST cases/:id/table/rows/:n/decision': ['commissionSecretary'], // p.104
  'POST cases/:id/table/signatures': ['commissionChair', 'agencyRepresentative'], // p.105
  'POST cases/:id/dispatch': AUTHORITY, // p.106
  'POST cases/:id/correction': AUTHORITY, // p.107
  'POST cases/:id/escalation': AGENCY, // p.108
  'POST cases/:id/escalation/outcome': ['presidentialAdministration'], // p.108
  'GET transmitted-conclusions': ['authorityOfficer', 'administrator', 'auditor'], // p.92, p.94, p.96: the informatization authority reads what was sent to it
  'GET audit/verify': AUDIT,
  'POST audit/digests': AUDIT,
  'GET audit/digests': AUDIT,
  'GET audit/digests/:digestId': AUDIT,
  'GET audit/refusals': AUDIT,
  'POST webhooks': ADMIN,
  'GET webhooks': ADMIN,
  'GET webhooks/:id': ADMIN,
  'DELETE webhooks/:id': ADMIN,
  'GET notifications': ['administrator', 'auditor', 'workingBody'],
};

interface Route {
  key: string;
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

/** Every API route of the running app (to find them all, not to learn who may call them). */
function routesOf(sut: TestApp): Route[] {
  const reflector = sut.app.get(Reflector);
  const routes: Route[] = [];
  for (const module of sut.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as unknown as { prototype: Record<string, unknown> } & (new () => unknown);
      const base: string = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        // Web pages (src/web) are not API routes: they take the session cookie, and the web tests cover them.
        if (reflector.getAllAndOverride(WEB_PAGE_KEY, [handler, controller])) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const relative = [base, path].filter((p) => p && p !== '/').join('/');
        routes.push({
          key: `${method} ${relative}`,
          method,
          path: `/api/v1/${relative}`,
          rule: reflector.getAllAndOverride(ACCESS_KEY, [handler, controller]),
        });
      }
    }
  }
  return routes;
}

const PARAMS: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  n: '1',
  sha256: 'a'.repeat(64),
  date: '2025-02-03',
  year: '2025',
  code: 'nothing-here',
  meetingId: '00000000-0000-4000-8000-000000000001',
  iin: demoIin(1),
};

describe('Access matrix (SPEC §7): every role on every endpoint, and across scopes', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let routes: Route[];
  const tokenOf: Record<Role, string> = {} as Record<Role, string>;

  beforeAll(async () => {
    sut = await startTestApp();
    api = supertestApi(sut);
    world = await seedWorld(api, ADMIN_TOKEN);
    routes = routesOf(sut);
    Object.assign(tokenOf, {
      administrator: world.tokens.admin,
      authorityOfficer: world.tokens.ascOfficer,
      commissionSecretary: world.tokens.ascSecretary,
      commissionChair: world.tokens.ascChair,
      agencyRepresentative: world.tokens['agency:MZ'],
      workingBody: world.tokens.workingBody,
      presidentialAdministration: world.tokens.pa,
      auditor: world.tokens.auditor,
    });
  });
  afterAll(async () => {
    await sut.close();
  });

  const send = (method: string, path: string, token?: string) => {
    let req = sut.http()[method.toLowerCase() as 'get'](path);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    return req.send(method === 'GET' ? undefined : {});
  };

  it('every API route is in the SPEC §7 table (a new route must be added to it), and carries an explicit rule', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => !(r.key in MATRIX)).map((r) => r.key)).toEqual([]);
    expect(routes.filter((r) => !r.rule).map((r) => r.key)).toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !routes.some((r) => r.key === key))).toEqual([]);
  });

  it('anonymous callers get 401 everywhere but on public endpoints; no answer is a 5xx', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const res = await send(
        route.method,
        route.path.replace(/:(\w+)/g, (_, p: string) => PARAMS[p] ?? 'x'),
      );
      if (res.status >= 500) failures.push(`${route.key}: ${res.status}`);
      if (MATRIX[route.key] === 'public' ? [401, 403].includes(res.status) : res.status !== 401)
        failures.push(`${route.key}: anonymous got ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('each role is refused with 403 exactly where SPEC §7 does not let its role call the route', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const allowedRoles = MATRIX[route.key];
      if (allowedRoles === 'public' || allowedRoles === undefined) continue;
      const path = route.path.replace(/:(\w+)/g, (_, p: string) => PARAMS[p] ?? 'x');
      for (const role of ROLES) {
        cells++;
        const res = await send(route.method, path, tokenOf[role]);
        const allowed = allowedRoles.includes(role);
        const roleRefused =
          res.status === 403 && String(res.body.detail).startsWith(`The role “${t('en', `roles.${role}`)}” may not`);
        if (res.status >= 500) failures.push(`${role} ${route.key}: ${res.status}`);
        if (allowed && (res.status === 401 || roleRefused))
          failures.push(`${role} ${route.key}: allowed but got ${res.status}`);
        if (!allowed && !roleRefused) failures.push(`${role} ${route.key}: not allowed but got ${res.status}`);
      }
    }
    expect(cells).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  });

  it('SPEC §7 scopes: cases, documents, commissions and exports of another body or authority answer 404 — never 403, never 200', async () => {
    // A personnel case of MZ (the civil-service authority ASC), with an objection citing a document of MZ.
    const mz = await expectOk(
      api.call('POST', '/api/v1/conclusions', world.tokens.ascOfficer, {
        bodyCode: 'MZ',
        direction: 'personnel',
        cycle: world.cycle,
        deliveredAt: '2025-02-03T10:00:00+05:00',
        items: INDICATORS.personnel,
        evaluators: world.evaluators.personnel,
      }),
      'conclusion',
    );
    const doc = (await api.upload('/api/v1/documents', world.tokens['agency:MZ'], 'Дәлел.pdf', demoPdf('scoped'))).body
      .sha256 as string;
    await expectOk(
      api.call('POST', `/api/v1/cases/${mz.id}/objection`, world.tokens['agency:MZ'], {
        items: [{ indicatorCode: 'HR-1', argument: 'Келіспейміз' }],
        documents: [doc],
      }),
      'objection',
    );
    const commission = await expectOk(
      api.call('POST', '/api/v1/commissions', world.tokens.ascSecretary, {
        direction: 'personnel',
        cycle: world.cycle,
      }),
      'commission',
    );

    // Whoever is outside the scope: another body's agency, another authority's staff, the PA (the case is not escalated).
    const outsiders = {
      'agency:MON': world.tokens['agency:MON'],
      mdaiOfficer: world.tokens.mdaiOfficer,
      mdaiSecretary: world.tokens.mdaiSecretary,
      pa: world.tokens.pa,
    };
    const caseRoutes = routes.filter((r) => r.path.startsWith('/api/v1/cases/:id'));
    const cells: string[] = [];
    const wrong: string[] = [];
    for (const [who, token] of Object.entries(outsiders)) {
      for (const route of caseRoutes) {
        const path =
          route.path
            .replace(':id', mz.id)
            .replace(':sha256', doc)
            .replace(/:(\w+)/g, (_, p: string) => PARAMS[p] ?? 'x') +
          (route.key === 'GET cases/:id/state' ? '?seq=1' : '');
        const res = await send(route.method, path, token);
        cells.push(`${who} ${route.key}`);
        // A role the route refuses outright answers 403 for its role; every role that may call it gets 404 here.
        const roleRefused = res.status === 403 && String(res.body.detail).startsWith('The role ');
        if (!roleRefused && res.status !== 404 && !(res.status === 400 && route.method === 'POST'))
          wrong.push(`${who} ${route.key}: ${res.status}`);
      }
      for (const path of [`/api/v1/documents/${doc}`, `/api/v1/documents/${doc}/content`]) {
        const res = await send('GET', path, token);
        cells.push(`${who} GET ${path}`);
        if (![403, 404].includes(res.status)) wrong.push(`${who} GET ${path}: ${res.status}`);
      }
    }
    // Another authority's commission staff do not see or run the ASC commission.
    for (const route of routes.filter((r) => r.path.startsWith('/api/v1/commissions/:id'))) {
      const path = route.path.replace(':id', commission.id).replace(/:(\w+)/g, (_, p: string) => PARAMS[p] ?? 'x');
      for (const token of [world.tokens.mdaiOfficer, world.tokens.mdaiSecretary]) {
        const res = await send(route.method, path, token);
        cells.push(`mdai ${route.key}`);
        if (res.status !== 404 && !(res.status === 400 && route.method === 'POST'))
          wrong.push(`mdai ${route.key}: ${res.status}`);
      }
    }
    // In scope: the body itself, its authority, the auditor read the case, its document through it, and its export.
    for (const token of [
      world.tokens['agency:MZ'],
      world.tokens.ascOfficer,
      world.tokens.auditor,
      world.tokens.workingBody,
    ]) {
      for (const path of [
        `/api/v1/cases/${mz.id}`,
        `/api/v1/cases/${mz.id}/documents/${doc}`,
        `/api/v1/cases/${mz.id}/export`,
      ]) {
        const res = await send('GET', path, token);
        cells.push(`in scope GET ${path}`);
        if (res.status !== 200) wrong.push(`in scope GET ${path}: ${res.status}`);
      }
    }
    // Lists count only what the caller may see.
    const listed = await expectOk(api.call('GET', '/api/v1/cases', world.tokens['agency:MON']), 'list');
    if (listed.items.some((c: { id: string }) => c.id === mz.id)) wrong.push('agency:MON lists the MZ case');
    console.log(`access matrix: ${cells.length} cross-scope cells tried, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
  });
});
