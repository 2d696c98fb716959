import { Story } from '../src/demo/story';
import { CaseEntity } from '../src/cases/case.entity';
import { startStory } from './support/story';
import { ADMIN_TOKEN, TestApp, bearer } from './support/test-app';
import { WebClient, accountIdOf, givePassword } from './support/web';

const ONE_TIME = 'Бір-реттік-құпиясөз-7';
const MINE = 'Менің-жаңа-құпиясөзім-2025';

/**
 * The web pages of issue 14 over real HTTP, on the demo's story (a case in every state): the same access as the API
 * (another body's case page, document, table and bundle are 404, as in the API), the auditor's and administrator's
 * pages only for them, and IINs shown in full only to administrators and auditors.
 */
describe('Web pages over HTTP (issue 14): access and what pages never show', () => {
  let sut: TestApp;
  let story: Story;
  const clients = new Map<string, WebClient>();

  beforeAll(async () => {
    ({ sut, story } = await startStory());
  });
  afterAll(async () => {
    await sut?.close();
  });

  /** A person of the story signed in through the forms (one-time password, then their own). */
  async function as(token: string, userName: string): Promise<WebClient> {
    const known = clients.get(userName);
    if (known) return known;
    await givePassword(sut, story.world.tokens[token], userName, ONE_TIME);
    const client = new WebClient(sut, { 'accept-language': 'kk' });
    const res = await client.signIn(userName, ONE_TIME, MINE);
    expect(res.status).toBe(303);
    clients.set(userName, client);
    return client;
  }

  const id = (key: string) => story.caseIds[key];

  it('the story holds a case in every state of SPEC §4 at its "now"', async () => {
    const list = await sut.http().get('/api/v1/cases?limit=500').set(bearer(ADMIN_TOKEN)).expect(200);
    const states = new Set((list.body.items as { state: string }[]).map((c) => c.state));
    expect([...states].sort()).toEqual([
      'closed',
      'commissionReview',
      'correction',
      'dispatch',
      'escalated',
      'escalationWindow',
      'issued',
      'objectionReceived',
      'signing',
      'tablePreparation',
    ]);
    expect(Object.keys(story.caseIds).length).toBe(17);
  });

  it('SPEC §7: another body’s case page is 404 — and so are its documents, its table and its bundle; the body’s own case opens', async () => {
    const mz = await as('agency:MZ', 'mz.rep');
    const own = await mz.get(`/case/${id('personnel:MZ')}`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('MZ · Персоналды басқару · ');
    const other = id('personnel:AKM-ALM');
    const otherCase = await sut.dataSource.manager.findOneByOrFail(CaseEntity, { id: other });
    const sha = (JSON.parse(otherCase.snapshot).context.documents as { sha256: string }[])[0].sha256;
    for (const path of [
      `/case/${other}`,
      `/case/${other}/documents/${sha}`,
      `/case/${other}/table.pdf`,
      `/case/${other}/table.xlsx`,
      `/case/${other}/export`,
      `/case/${other}/replay`,
    ]) {
      const res = await mz.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text).toContain('Бет табылмады');
      expect(res.text).not.toContain('AKM-ALM');
    }
    // An id that is no case, and a malformed one, are the same 404.
    expect((await mz.get('/case/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await mz.get('/case/not-a-case')).status).toBe(404);
    // The work queue and the list show only the body's own cases.
    const home = await mz.get('/');
    expect(home.text).toMatch(/MZ · /);
    expect(home.text).not.toMatch(/(AKM-ALM|MON|MSH|MT|MF) · /);
  });

  it('authority staff see only their authority’s cases; the Presidential Administration also the escalated ones (p.108)', async () => {
    const officer = await as('mdaiOfficer', 'mdai.officer');
    expect((await officer.get(`/case/${id('it:MZ')}`)).status).toBe(200);
    expect((await officer.get(`/case/${id('personnel:MZ')}`)).status).toBe(404);
    const pa = await as('pa', 'pa.officer');
    expect((await pa.get(`/case/${id('personnel:MZ')}`)).status).toBe(200); // escalated
    expect((await pa.get(`/case/${id('personnel:ASC')}`)).status).toBe(200); // p.91: its own conclusion
    expect((await pa.get(`/case/${id('personnel:MT')}`)).status).toBe(404);
  });

  it('SPEC §4: no page shows an IIN in full to anyone but administrators and auditors', async () => {
    const iins = [...story.world.people.map((p) => p.iin)];
    const people = [
      ['agency:MZ', 'mz.rep'],
      ['ascOfficer', 'asc.officer'],
      ['ascSecretary', 'asc.secretary'],
      ['ascChair', 'asc.chair'],
      ['pa', 'pa.officer'],
      ['workingBody', 'working.body'],
    ] as const;
    for (const [token, userName] of people) {
      const client = await as(token, userName);
      const home = await client.get('/');
      const pages = [home, await client.get('/calendar'), await client.get('/account')];
      for (const href of new Set([...home.text.matchAll(/href="(\/case\/[0-9a-f-]{36})"/g)].map((m) => m[1]))) {
        pages.push(await client.get(href));
        pages.push(await client.get(`${href}/replay`));
      }
      for (const href of new Set(
        pages.flatMap((p) => [...p.text.matchAll(/href="(\/commission\/[0-9a-f-]{36})"/g)].map((m) => m[1])),
      ))
        pages.push(await client.get(href));
      expect(pages.length).toBeGreaterThan(3);
      for (const page of pages) {
        const shown = iins.filter((iin) => page.text.includes(iin));
        expect({ userName, url: page.request.url, shown }).toEqual({ userName, url: page.request.url, shown: [] });
      }
    }
    // The administrator and the auditor do see them, on the people page and the commission.
    const auditor = await as('auditor', 'auditor');
    const peoplePage = await auditor.get('/admin/people');
    expect(peoplePage.status).toBe(200);
    expect(iins.every((iin) => peoplePage.text.includes(iin))).toBe(true);
    const casePage = await auditor.get(`/case/${id('personnel:MZ')}`);
    expect(iins.filter((iin) => casePage.text.includes(iin)).length).toBeGreaterThanOrEqual(5);
  });

  it('the auditor’s and the administrator’s pages are theirs: others get the 403 page, and the auditor changes nothing', async () => {
    const mz = await as('agency:MZ', 'mz.rep');
    for (const path of [
      '/audit',
      '/audit/verification',
      '/audit/refused',
      '/audit/bundle-check',
      '/admin',
      '/admin/people',
      '/admin/accounts',
    ]) {
      const res = await mz.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.text).toContain('Бұл бетке рұқсатыңыз жоқ');
    }
    const auditor = await as('auditor', 'auditor');
    await auditor.get('/admin/bodies');
    const refused = await auditor.post('/admin/bodies', {
      code: 'X1',
      nameKk: 'Сынақ органы',
      nameRu: 'Тестовый орган',
      kind: 'agency',
    });
    expect(refused.status).toBe(403);
    const bodies = await sut.http().get('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).expect(200);
    expect((bodies.body.items as { code: string }[]).some((b) => b.code === 'X1')).toBe(false);
  });

  it('an administrator’s form without the session’s CSRF token is refused and changes nothing', async () => {
    const admin = await as('admin', 'admin.one');
    await admin.get('/admin/bodies');
    const forged = await admin.post('/admin/bodies', {
      _csrf: 'forged',
      code: 'X2',
      nameKk: 'Сынақ органы',
      nameRu: 'Тестовый орган',
      kind: 'agency',
    });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('Форма қабылданбады');
    const bodies = await sut.http().get('/api/v1/bodies').set(bearer(ADMIN_TOKEN)).expect(200);
    expect((bodies.body.items as { code: string }[]).some((b) => b.code === 'X2')).toBe(false);
    // With the token, the same form registers the body and says so.
    await admin.get('/admin/bodies');
    const ok = await admin.post('/admin/bodies', {
      code: 'X2',
      nameKk: 'Сынақ органы',
      nameRu: 'Тестовый орган',
      kind: 'agency',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/admin/bodies?done=body');
  });

  it('issue 12 by clicking: the administrator disables an account (its session and token stop at once), enables it, and issues a new token shown once', async () => {
    const admin = await as('admin', 'admin.one');
    // An auditor of its own for this test (the story's people go on being used by the tests after it).
    const created = await sut
      .http()
      .post('/api/v1/accounts')
      .set(bearer(ADMIN_TOKEN))
      .send({ role: 'auditor', displayName: 'Аудитор (сынақ)' })
      .expect(201);
    let auditorToken = created.body.token as string;
    const auditorId = await givePassword(sut, auditorToken, 'auditor.access', ONE_TIME);
    const auditor = new WebClient(sut, { 'accept-language': 'kk' });
    expect((await auditor.signIn('auditor.access', ONE_TIME, MINE)).status).toBe(303);
    const page = await admin.get(`/admin/accounts/${auditorId}`);
    expect(page.text).toContain('data-test="access"');
    // No reason: refused at the field, the account still works.
    const blank = await admin.post(`/admin/accounts/${auditorId}/disable`, { reason: '' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Себебін жазыңыз');
    expect((await auditor.get('/audit')).status).toBe(200);

    await admin.get(`/admin/accounts/${auditorId}`);
    const disabled = await admin.post(`/admin/accounts/${auditorId}/disable`, { reason: 'Басқа қызметке ауысты' });
    expect(disabled.status).toBe(303);
    expect(disabled.headers.location).toBe(`/admin/accounts/${auditorId}?done=disabled`);
    expect((await auditor.get('/audit')).status).toBe(303); // the session ended: back to the sign-in page
    expect((await sut.http().get('/api/v1/accounts/me').set(bearer(auditorToken))).status).toBe(401);

    await admin.get(`/admin/accounts/${auditorId}`);
    expect((await admin.post(`/admin/accounts/${auditorId}/enable`, { reason: 'Қайта тағайындалды' })).status).toBe(
      303,
    );
    expect((await sut.http().get('/api/v1/accounts/me').set(bearer(auditorToken))).status).toBe(200);

    await admin.get(`/admin/accounts/${auditorId}`);
    const rotated = await admin.post(`/admin/accounts/${auditorId}/token`, {
      tokenReason: 'Токен жария болды',
      expiresAt: '',
    });
    expect(rotated.status).toBe(200);
    const token = /data-test="token">([^<]+)</.exec(rotated.text)![1].trim();
    expect((await sut.http().get('/api/v1/accounts/me').set(bearer(auditorToken))).status).toBe(401);
    auditorToken = token;
    expect((await sut.http().get('/api/v1/accounts/me').set(bearer(auditorToken))).status).toBe(200);

    // The administrator's own account cannot be disabled, and the page says why.
    const adminId = await accountIdOf(sut, story.world.tokens.admin);
    await admin.get(`/admin/accounts/${adminId}`);
    const self = await admin.post(`/admin/accounts/${adminId}/disable`, { reason: 'өзін' });
    expect(self.status).toBe(422);
    expect((await sut.http().get('/api/v1/accounts/me').set(bearer(story.world.tokens.admin))).status).toBe(200);
  });

  it('bad input on an administrator’s form names the field in the reader’s language and changes nothing (422)', async () => {
    const admin = await as('admin', 'admin.one');
    await admin.get('/admin/people');
    const res = await admin.post('/admin/people', { iin: '123456789012', fullName: 'А', bodyCode: '', position: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Дұрыс ЖСН енгізіңіз');
    expect(res.text).toMatch(/href="#iin"/);
    expect(res.text).toMatch(/href="#fullName"/);
  });

  it('SPEC §3: a calendar correction through the form makes a new version whose page lists the open deadlines it moved, in the cases the reader may see', async () => {
    const admin = await as('admin', 'admin.one');
    await admin.get('/day/2026-11-25');
    const missing = await admin.post('/day/2026-11-25', {
      kind: 'dayOff',
      category: 'transfer',
      nameKk: 'Демалыс',
      nameRu: 'Выходной',
      nameEn: 'Day off',
      act: 'Бұйрық № 1 (сынақ)',
      note: '',
    });
    expect(missing.status).toBe(422);
    expect(missing.text).toMatch(/href="#note"/);
    const saved = await admin.post('/day/2026-11-25', {
      kind: 'dayOff',
      category: 'transfer',
      nameKk: 'Демалыс',
      nameRu: 'Выходной',
      nameEn: 'Day off',
      act: 'Бұйрық № 1 (сынақ)',
      note: '25 қараша — демалыс',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toMatch(/^\/calendar-change\/\d+$/);
    const change = await admin.get(saved.headers.location);
    const text = change.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('2026-11-25: 25 қараша — демалыс');
    expect(text).toMatch(
      /MIO · Персоналды басқару · 2026 D1 — қарсылық беру мерзімі: 27\.11\.2026 23:59 → 30\.11\.2026 23:59/,
    );
    // A body's representative sees only its own case's move on the same page.
    const mio = await as('agency:MIO', 'mio.rep');
    const seen = (await mio.get(saved.headers.location)).text;
    expect(seen).toContain('MIO · ');
    expect(seen).not.toContain('MT · ');
    await admin.get('/day/2026-11-25');
    const removed = await admin.post('/day/2026-11-25/removal', { removeNote: 'қайтарылды' });
    expect(removed.status).toBe(303);
    expect((await admin.get(removed.headers.location)).text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toMatch(
      /MIO · .*30\.11\.2026 23:59 → 27\.11\.2026 23:59/,
    );
  });

  it('SPEC §6: a refused action is listed for the auditor in words — who, what, on which case, why (its point of the law)', async () => {
    // The body of AKM-AST objects after its term (D1) ran out and the case closed: refused.
    const late = await sut
      .http()
      .post(`/api/v1/cases/${id('personnel:AKM-AST')}/objection`)
      .set(bearer(story.world.tokens['agency:AKM-AST']))
      .send({ items: [{ indicatorCode: 'HR-1', argument: 'Кеш' }], documents: ['0'.repeat(64)] });
    expect(late.status).toBeGreaterThanOrEqual(400);
    const auditor = await as('auditor', 'auditor');
    const page = await auditor.get('/audit/refused');
    expect(page.status).toBe(200);
    const text = page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Қарсылық беру');
    expect(text).toContain(`${story.representatives['AKM-AST']} (Мемлекеттік органның өкілі)`);
    expect(text).toContain('Мерзім өтіп кетті (99-тармақ)');
    expect(text).toContain('AKM-AST · Персоналды басқару · 2026');
    expect(text).not.toMatch(/OBJECTION\.FILE|case\.objection/);
  });

  it('SPEC §6: the log verification names the first broken link in words — which case, which event, what is wrong', async () => {
    const auditor = await as('auditor', 'auditor');
    const intact = await auditor.get('/audit/verification?run=1');
    expect(intact.text).toContain('data-ok="true"');
    // An event edited behind the service's back: the objection of MON… (its stored payload no longer hashes to its hash).
    const target = id('personnel:MF');
    await sut.dataSource.query(
      sut.dataSource.options.type === 'postgres'
        ? 'UPDATE events SET payload = replace(payload, $1, $2) WHERE stream_id = $3 AND seq = 2'
        : 'UPDATE events SET payload = replace(payload, ?, ?) WHERE stream_id = ? AND seq = 2',
      ['62%', '92%', target],
    );
    const broken = await auditor.get('/audit/verification?run=1');
    const text = broken.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(broken.text).toContain('data-ok="false"');
    expect(text).toContain('Журналда бұзылған байланыс табылды');
    expect(text).toMatch(
      /MF · Персоналды басқару · 2026 — 2-оқиға \(Қарсылық берілді: 1 көрсеткіш дауланды\): сақталған хэш оқиғаның мазмұнына сәйкес келмейді: оқиға өзгертілген/,
    );
  });
});
