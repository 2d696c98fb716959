import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { appealCaseMachines, commissionMachines } from '../workflows';
import { CASE_ROUTES } from '../src/cases/commands';
import { COMMISSION_ROUTES } from '../src/commissions/commands';
import { Api, ApiResponse } from '../src/demo/api-client';
import { World, conclusionOf, demoPdf, meetingInvitees } from '../src/demo/world';
import { WEB_PAGE_KEY } from '../src/web/web-page';
import { procedure } from './support/procedure';
import { startSeeded } from './support/seeded';
import { ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * Issue 11, SPEC §9 ("every user-facing text in Kazakh, Russian and English"; "domain refusals name the rule and its
 * point of the law"): every command of the API and every other route that changes something is sent in a state
 * where it is refused, in Kazakh and in Russian, and no refusal may answer in Latin letters only or show an internal
 * name (a machine event such as OBJECTION.WITHDRAW, a guard such as noRowDecided, "p.98" for «98-тармақ»).
 */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A text with letters, none of them other than Latin: nobody translated it. */
const latinOnly = (text: string) => /\p{L}/u.test(text) && !/[^\P{L}A-Za-z]/u.test(text);

/**
 * The parts of a text (between ": " and "; ") that are sentences in Latin letters only — an English rule behind a
 * Kazakh action («Қарсылық беру: The objection term has ended») is as untranslated as a wholly English detail.
 * Codes and lists of codes (`MF`, `personnel, it`, an id) are not sentences.
 */
function untranslated(text: string): string[] {
  const parts = [text, ...text.split(/: |; /)];
  return parts.filter(
    (part) => latinOnly(part) && /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(part) && !/^[\w.-]+(, [\w.-]+)+$/.test(part.trim()),
  );
}

const GUARDS = [...Object.values(appealCaseMachines), ...Object.values(commissionMachines)].flatMap((m) =>
  Object.keys((m.implementations as { guards: object }).guards),
);

/** What may not show in a Kazakh or Russian refusal: an event name, a guard's name, the English "p.98". */
function internalNames(text: string): string[] {
  const found = [...text.matchAll(/\b[A-Z][A-Z_]+\.[A-Z][A-Z_]+\b/g)].map((m) => m[0]);
  found.push(...GUARDS.filter((g) => new RegExp(`\\b${g}\\b`).test(text)));
  if (/\bp\.\s?\d/.test(text)) found.push('p.N');
  return found;
}

/** Every route of the API that is not a read (web pages aside), as `METHOD path` with Nest's `:param`s. */
function writeRoutes(sut: TestApp): string[] {
  const reflector = sut.app.get(Reflector);
  const keys: string[] = [];
  for (const module of sut.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as unknown as { prototype: Record<string, unknown> } & (new () => unknown);
      const base: string = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined || reflector.getAllAndOverride(WEB_PAGE_KEY, [handler as () => unknown, controller]))
          continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        if (method === 'GET' || method === 'HEAD') continue;
        keys.push(`${method} ${[base, path].filter((p) => p && p !== '/').join('/')}`);
      }
    }
  }
  return [...new Set(keys)].sort();
}

describe('One catalogue of texts (issue 11): every refusal in Kazakh and Russian, in words', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let p: ReturnType<typeof procedure>;
  let objected: string; // MZ: its objection is filed (objectionReceived)
  let issued: string; // MF: delivered, no answer yet (issued)
  let commission: string; // ASC, personnel: constituted
  let dissolved: string; // MDAI, it: dissolved
  let doc: string;
  let docMz: string;

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2025-02-03T05:00:00Z' }));
    p = procedure(sut, api, world);
    commission = await p.commission();
    objected = (await p.ok(p.issue('MZ'), 'MZ')).id;
    issued = (await p.ok(p.issue('MF'), 'MF')).id;
    p.at('2025-02-04T11:00');
    await p.ok(
      p.object(objected, 'MZ', [{ indicatorCode: 'HR-1', claimedScore: 4, argument: 'Резерв деректері толық' }]),
      'objection',
    );
    dissolved = (
      await p.ok(
        p.post('/api/v1/commissions', p.t('mdaiSecretary'), { direction: 'it', cycle: world.cycle }),
        'it commission',
      )
    ).id;
    await p.ok(p.post(`/api/v1/commissions/${dissolved}/dissolution`, p.t('mdaiSecretary')), 'dissolution');
    doc = (await api.upload('/api/v1/documents', p.t('agency:MF'), 'Анықтама.pdf', demoPdf('texts'))).body.sha256;
    docMz = (await api.upload('/api/v1/documents', p.t('agency:MZ'), 'Анықтама.pdf', demoPdf('texts MZ'))).body.sha256;
  });
  afterAll(async () => {
    await sut.close();
  });

  const send = (method: string, path: string, token: string, body: unknown, lang: string): Promise<ApiResponse> =>
    api.call(method as 'POST', path, token, body, { 'Accept-Language': lang });

  /** Per route: the request that is refused in the state beforeAll left. */
  const REFUSED: Record<string, (lang: string) => Promise<ApiResponse>> = {
    // The case commands (src/cases/commands/index.ts).
    'POST conclusions': (l) => {
      const { deliveredAt: _d, ...body } = conclusionOf(world, 'MF', '');
      return send('POST', '/api/v1/conclusions', p.t('ascOfficer'), body, l); // p.107: it exists already
    },
    'POST cases/:id/objection': (l) =>
      send(
        'POST',
        `/api/v1/cases/${objected}/objection`,
        p.t('agency:MZ'),
        { items: [{ indicatorCode: 'HR-2', argument: 'Қайта' }], documents: [docMz] },
        l,
      ),
    'POST cases/:id/no-objection': (l) =>
      send('POST', `/api/v1/cases/${objected}/no-objection`, p.t('agency:MZ'), {}, l),
    'POST cases/:id/withdrawal': (l) => send('POST', `/api/v1/cases/${issued}/withdrawal`, p.t('agency:MF'), {}, l),
    'POST cases/:id/table': (l) =>
      send(
        'POST',
        `/api/v1/cases/${issued}/table`,
        p.t('ascOfficer'),
        { rows: [{ indicatorCode: 'HR-1', authorityPosition: 'Деректер расталған' }] },
        l,
      ),
    'POST cases/:id/table/submission': (l) =>
      send('POST', `/api/v1/cases/${objected}/table/submission`, p.t('ascSecretary'), {}, l),
    'POST cases/:id/table/rows/:n/decision': (l) =>
      send(
        'POST',
        `/api/v1/cases/${objected}/table/rows/1/decision`,
        p.t('ascSecretary'),
        {
          meetingId: UNKNOWN_ID,
          decision: 'agree',
          rationale: 'Құжаттармен расталды',
          votes: { for: 4, against: 0, abstained: 0 },
        },
        l,
      ),
    'POST cases/:id/table/signatures': (l) =>
      send('POST', `/api/v1/cases/${objected}/table/signatures`, p.t('ascChair'), {}, l),
    'POST cases/:id/dispatch': (l) => send('POST', `/api/v1/cases/${objected}/dispatch`, p.t('ascOfficer'), {}, l),
    'POST cases/:id/correction': (l) =>
      send('POST', `/api/v1/cases/${objected}/correction`, p.t('ascOfficer'), { reason: 'Түзету' }, l),
    'POST cases/:id/escalation': (l) =>
      send(
        'POST',
        `/api/v1/cases/${issued}/escalation`,
        p.t('agency:MF'),
        { reason: 'Келіспейміз', documents: [doc] },
        l,
      ),
    'POST cases/:id/escalation/outcome': (l) =>
      send(
        'POST',
        `/api/v1/cases/${objected}/escalation/outcome`,
        p.t('pa'),
        { outcome: 'upheld', note: 'Өзгеріссіз' },
        l,
      ),
    // The commission's commands (src/commissions/commands/index.ts).
    'POST commissions': (l) =>
      send('POST', '/api/v1/commissions', p.t('ascSecretary'), { direction: 'personnel', cycle: world.cycle }, l),
    'POST commissions/:id/members': (l) =>
      send('POST', `/api/v1/commissions/${commission}/members`, p.t('ascSecretary'), world.members.personnel[2], l),
    'POST commissions/:id/members/:iin/removal': (l) =>
      send(
        'POST',
        `/api/v1/commissions/${commission}/members/${world.evaluators.personnel[0]}/removal`,
        p.t('ascSecretary'),
        {},
        l,
      ),
    'POST commissions/:id/constitution': (l) =>
      send('POST', `/api/v1/commissions/${commission}/constitution`, p.t('ascSecretary'), {}, l),
    'POST commissions/:id/dissolution': (l) =>
      send('POST', `/api/v1/commissions/${dissolved}/dissolution`, p.t('mdaiSecretary'), {}, l),
    'POST commissions/:id/meetings': (l) =>
      send(
        'POST',
        `/api/v1/commissions/${commission}/meetings`,
        p.t('ascSecretary'),
        { scheduledFor: '2024-01-10T10:00:00+05:00', invitees: meetingInvitees(world, 'MZ') },
        l,
      ),
    'POST commissions/:id/meetings/:meetingId/attendance': (l) =>
      send(
        'POST',
        `/api/v1/commissions/${commission}/meetings/${UNKNOWN_ID}/attendance`,
        p.t('ascSecretary'),
        { present: [world.members.personnel[0].iin] },
        l,
      ),
    // The other routes that change something.
    'POST accounts': (l) =>
      send('POST', '/api/v1/accounts', ADMIN_TOKEN, { role: 'agencyRepresentative', displayName: 'Өкіл' }, l),
    'POST accounts/:id/disable': (l) =>
      send('POST', `/api/v1/accounts/${UNKNOWN_ID}/disable`, ADMIN_TOKEN, { reason: 'Тексеру' }, l),
    'POST accounts/:id/enable': (l) =>
      send('POST', `/api/v1/accounts/${UNKNOWN_ID}/enable`, ADMIN_TOKEN, { reason: 'Тексеру' }, l),
    'POST accounts/:id/token': (l) =>
      send('POST', `/api/v1/accounts/${UNKNOWN_ID}/token`, ADMIN_TOKEN, { reason: 'Тексеру' }, l),
    'PUT accounts/:id/password': (l) =>
      send(
        'PUT',
        `/api/v1/accounts/${UNKNOWN_ID}/password`,
        ADMIN_TOKEN,
        { userName: 'someone', password: 'Ұзын-құпия-сөз-2025' },
        l,
      ),
    'POST audit/digests': (l) => send('POST', '/api/v1/audit/digests', p.t('agency:MF'), {}, l),
    'POST webhooks': (l) => send('POST', '/api/v1/webhooks', ADMIN_TOKEN, { url: 'ftp://example.org/hook' }, l),
    'DELETE webhooks/:id': (l) => send('DELETE', `/api/v1/webhooks/${UNKNOWN_ID}`, ADMIN_TOKEN, undefined, l),
    'POST bodies': (l) =>
      send(
        'POST',
        '/api/v1/bodies',
        ADMIN_TOKEN,
        { code: 'MF', nameKk: 'Қаржы министрлігі', nameRu: 'Министерство финансов', kind: 'agency' },
        l,
      ),
    'POST people': (l) =>
      send('POST', '/api/v1/people', ADMIN_TOKEN, { iin: world.people[0].iin, fullName: world.people[0].fullName }, l),
    'POST cycles': (l) => send('POST', '/api/v1/cycles', ADMIN_TOKEN, { code: world.cycle, year: 2024 }, l),
    'POST rule-sets': (l) => send('POST', '/api/v1/rule-sets', ADMIN_TOKEN, {}, l),
    'POST rule-sets/:code/repeal': (l) => send('POST', '/api/v1/rule-sets/no-such-rules/repeal', ADMIN_TOKEN, {}, l),
    'POST indicator-catalogues': (l) => send('POST', '/api/v1/indicator-catalogues', ADMIN_TOKEN, {}, l),
    'POST indicator-catalogues/:code/repeal': (l) =>
      send('POST', '/api/v1/indicator-catalogues/no-such-catalogue/repeal', ADMIN_TOKEN, {}, l),
    'PUT calendar/entries/:date': (l) => send('PUT', '/api/v1/calendar/entries/1999-01-04', ADMIN_TOKEN, {}, l),
    'DELETE calendar/entries/:date': (l) =>
      send('DELETE', '/api/v1/calendar/entries/2025-02-04', ADMIN_TOKEN, { note: 'Қате жазба' }, l),
    'POST calendar/years': (l) => send('POST', '/api/v1/calendar/years', ADMIN_TOKEN, {}, l),
    'POST documents': (l) => send('POST', '/api/v1/documents', p.t('agency:MF'), { file: 'not multipart' }, l),
  };

  it('covers every command of the command lists and every other route that changes something', () => {
    const commands = [...CASE_ROUTES, ...COMMISSION_ROUTES].map((c) => `POST ${c.route.path}`);
    expect(commands.filter((k) => !(k in REFUSED))).toEqual([]);
    expect(writeRoutes(sut).filter((k) => !(k in REFUSED))).toEqual([]);
  });

  for (const lang of ['kk', 'ru']) {
    it(`SPEC §9: in ${lang}, each refusal says its title, detail and reasons in ${lang} — no Latin-only text, no internal name`, async () => {
      const problems: string[] = [];
      for (const [route, request] of Object.entries(REFUSED)) {
        const r = await request(lang);
        // TEXTS_DEBUG=1 prints every refusal as answered, for a reader of Kazakh or Russian to review the words.
        if (process.env.TEXTS_DEBUG)
          console.log(route, r.status, r.body.code, r.body.detail, JSON.stringify(r.body.invalidParams ?? ''));
        if (r.status < 400 || r.status >= 500) {
          problems.push(`${route}: answered ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          continue;
        }
        const texts: [string, string][] = [
          ['title', String(r.body.title)],
          ['detail', String(r.body.detail)],
        ];
        for (const param of (r.body.invalidParams ?? []) as { name: string; reason: string }[])
          texts.push([`reason of ${param.name}`, param.reason]);
        for (const [what, text] of texts) {
          if (latinOnly(text)) problems.push(`${route}: ${what} in Latin letters only: ${text}`);
          else if (untranslated(text).length)
            problems.push(`${route}: ${what} has untranslated parts: ${untranslated(text).join(' | ')}`);
          const names = internalNames(text);
          if (names.length) problems.push(`${route}: ${what} shows ${names.join(', ')}: ${text}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('p.98: the point of the law in words in each language, and Content-Language says which', async () => {
    const request = REFUSED['POST cases/:id/objection'];
    const kk = await request('kk');
    expect(kk.body.detail).toMatch(/^Қарсылық беру: /);
    expect(kk.body.detail).toContain('98-тармақ');
    const ru = await request('ru');
    expect(ru.body.detail).toMatch(/^Подать возражение: .*пункт 98/);
    const en = await request('en');
    expect(en.body.detail).toMatch(/^File an objection: .*point 98/);
    for (const [asked, answered] of [
      ['ru-RU,ru;q=0.9', 'ru'],
      ['en', 'en'],
      ['de', 'kk'],
    ]) {
      const r = await sut
        .http()
        .post(`/api/v1/cases/${issued}/withdrawal`)
        .set('Authorization', `Bearer ${p.t('agency:MF')}`)
        .set('Accept-Language', asked)
        .send({});
      expect([r.status, r.headers['content-language']]).toEqual([409, answered]);
    }
    const none = await sut
      .http()
      .post(`/api/v1/cases/${issued}/withdrawal`)
      .set('Authorization', `Bearer ${p.t('agency:MF')}`)
      .unset('Accept-Language')
      .send({});
    expect(none.headers['content-language']).toBe('kk');
  });
});
