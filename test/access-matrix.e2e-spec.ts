import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { rolesFor } from '../src/auth/policy';
import { ACCESS_KEY, AccessRule, ROLES } from '../src/auth/roles';
import { WEB_PAGE_KEY } from '../src/web/web-page';
import { expectOk } from '../src/demo/api-client';
import { INDICATORS, World, demoIin, seedWorld } from '../src/demo/world';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './support/test-app';

interface Route {
  method: string;
  path: string;
  rule: AccessRule | undefined;
  handler: string;
}

/** Every API route of the running app, read from the controllers' metadata (not from a hand-kept list). */
function routesOf(sut: TestApp): Route[] {
  const reflector = sut.app.get(Reflector);
  const routes: Route[] = [];
  for (const module of sut.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as any;
      const base: string = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        // Web pages (src/web) are not API routes: they take the session cookie, and test/web-pages covers them.
        if (reflector.getAllAndOverride(WEB_PAGE_KEY, [handler, controller])) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const full = `/api/v1/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
        routes.push({ method, path: full, rule: reflector.getAllAndOverride(ACCESS_KEY, [handler, controller]), handler: `${controller.name}.${name}` });
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

describe('Access matrix (SPEC §7): every role on every endpoint', () => {
  let sut: TestApp;
  let world: World;
  let routes: Route[];

  beforeAll(async () => {
    sut = await startTestApp();
    world = await seedWorld(supertestApi(sut), ADMIN_TOKEN);
    routes = routesOf(sut);
  });
  afterAll(async () => {
    await sut.close();
  });

  const tokenOf: Record<string, string> = {};
  beforeAll(() => {
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

  it('finds the routes, and every one of them carries an explicit access rule', () => {
    expect(routes.length).toBeGreaterThan(40);
    const without = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(without).toEqual([]);
  });

  it('anonymous callers get 401 everywhere but on public endpoints; no answer is a 5xx', async () => {
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, (_, p) => PARAMS[p] ?? 'x');
      const res = await sut.http()[route.method.toLowerCase() as 'get'](path).send(route.method === 'GET' ? undefined : {});
      expect({ route: `${route.method} ${route.path}`, status: res.status < 500 }).toEqual({ route: `${route.method} ${route.path}`, status: true });
      if (route.rule && 'public' in route.rule) {
        expect([401, 403]).not.toContain(res.status);
      } else {
        expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
      }
    }
  });

  it('each role is refused with 403 exactly where its role is not allowed', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (!route.rule || 'public' in route.rule) continue;
      const path = route.path.replace(/:(\w+)/g, (_, p) => PARAMS[p] ?? 'x');
      for (const role of ROLES) {
        const res = await sut.http()[route.method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${tokenOf[role]}`).send(route.method === 'GET' ? undefined : {});
        const allowed = rolesFor(route.rule.action).includes(role);
        const roleRefused = res.status === 403 && String(res.body.detail).startsWith(`The role ${role} may not`);
        if (res.status >= 500) failures.push(`${role} ${route.method} ${route.path}: ${res.status}`);
        if (allowed && (res.status === 401 || roleRefused)) failures.push(`${role} ${route.method} ${route.path}: allowed but got ${res.status}`);
        if (!allowed && !roleRefused) failures.push(`${role} ${route.method} ${route.path}: not allowed but got ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('SPEC §7: another body’s case answers 404 to an agency and to another authority, never 403', async () => {
    const api = supertestApi(sut);
    const c = await expectOk(
      api.call('POST', '/api/v1/conclusions', world.tokens.ascOfficer, { bodyCode: 'MZ', direction: 'personnel', cycle: world.cycle, deliveredAt: '2025-02-03T10:00:00+05:00', items: INDICATORS.personnel, evaluators: world.evaluators.personnel }),
      'conclusion',
    );
    const caseRoutes = routes.filter((r) => r.path.startsWith('/api/v1/cases/:id') && r.rule && 'action' in r.rule);
    for (const route of caseRoutes) {
      const path = route.path.replace(':id', c.id).replace(/:(\w+)/g, (_, p) => PARAMS[p] ?? 'x');
      for (const token of [world.tokens['agency:MON'], world.tokens.mdaiOfficer]) {
        const res = await sut.http()[route.method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${token}`).send(route.method === 'GET' ? undefined : {});
        if (rolesFor((route.rule as { action: Parameters<typeof rolesFor>[0] }).action).includes(token === world.tokens.mdaiOfficer ? 'authorityOfficer' : 'agencyRepresentative')) {
          expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: res.status === 400 ? 400 : 404 });
        }
      }
    }
  });
});
