import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_SIGN_INS } from '../../src/demo/web-sign-in';
import { supertestApi } from '../support/supertest-api';
import { ADMIN_TOKEN } from '../support/test-app';
import { AXE_TALLY, checkScreen, launchBrowser, openPage } from './support/browser';
import { LiveStory, startLiveStory } from './support/story-app';

/** What the code given to page.evaluate reads in the browser (the project compiles without the DOM library). */
declare const document: {
  activeElement: { id: string; tagName: string; getAttribute(name: string): string | null } | null;
};

type Lang = 'kk' | 'ru';

/**
 * The web application of issue 14 in a real browser, on the demo's story (a case in every state, "now" is Sunday
 * 22 November 2026): each role's work queue, the case page of a case in each state, the auditor's replay, log
 * verification and in-browser bundle verification (a tampered bundle refused, naming its broken link), the
 * administrator's pages and a calendar correction that shows the deadlines it moved. axe-core on every screen in
 * Kazakh and Russian, at desktop and 390 px.
 */
describe('Web pages in Chromium: the work queue, cases, audit and administration', () => {
  let live: LiveStory;
  let browser: Browser;

  beforeAll(async () => {
    [live, browser] = await Promise.all([startLiveStory(DEMO_SIGN_INS, 'auditor'), launchBrowser()]);
    // Six more cases of another cycle, so the list has a second page (paging never hides cases).
    const api = supertestApi(live.sut);
    await api.call('POST', '/api/v1/cycles', ADMIN_TOKEN, {
      code: '2025',
      title: '2025 жылғы бағалау / Оценка за 2025 год',
      year: 2025,
    });
    for (const code of ['MON', 'MF', 'AKM-ALM', 'AKM-AST', 'MJ', 'MVD']) {
      const r = await api.call('POST', '/api/v1/conclusions', live.story.world.tokens.ascOfficer, {
        bodyCode: code,
        direction: 'personnel',
        cycle: '2025',
        deliveredAt: live.sut.clock.now().toISOString(),
        items: [
          {
            code: 'HR-1',
            title: 'Кадрлық резервтен тағайындалғандар үлесі / Доля назначений из кадрового резерва',
            score: 3,
            maxScore: 5,
          },
        ],
        evaluators: live.story.world.evaluators.personnel,
      });
      expect(r.status).toBe(201);
    }
    // A refused action for the auditor's list: the body of AKM-AST objects after its term ran out (p.98/p.99).
    const late = await api.call(
      'POST',
      `/api/v1/cases/${live.story.caseIds['personnel:AKM-AST']}/objection`,
      live.story.world.tokens['agency:AKM-AST'],
      { items: [{ indicatorCode: 'HR-1', argument: 'Кеш' }], documents: ['0'.repeat(64)] },
    );
    expect(late.status).toBeGreaterThanOrEqual(400);
  });
  afterAll(async () => {
    await browser?.close();
    await live?.sut.close();
    writeFileSync(join(tmpdir(), 'appeals-axe-tally-pages.json'), JSON.stringify(AXE_TALLY, null, 2));

    console.log(
      `axe-core findings per screen and impact (${Object.keys(AXE_TALLY).length} screens): ${JSON.stringify(AXE_TALLY)}`,
    );
  });

  const url = (path: string) => `${live.baseUrl}${path}`;
  const id = (key: string) => live.story.caseIds[key];
  const path = (page: Page) => new URL(page.url()).pathname;
  const text = async (page: Page, selector: string) =>
    ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();

  async function clickAndLoad(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.click(selector)]);
  }

  /**
   * A person signed in, in a context of their own, in the language chosen: the auditor through the sign-in form with the
   * password the demo's code gave them, the others with a session the service opens for them (sign-in is the foundation
   * suite's subject; scrypt takes ~0.4 s a time).
   */
  async function signedIn(userName: string, lang: Lang = 'kk', options: { javaScriptEnabled?: boolean } = {}) {
    const opened = await openPage(browser, options);
    await opened.context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
    if (userName === 'auditor' && !signedInByForm) {
      signedInByForm = true;
      await opened.page.goto(url('/sign-in'));
      await opened.page.fill('#userName', userName);
      await opened.page.fill('#password', live.passwords.get(userName)!);
      await clickAndLoad(opened.page, 'main form button[type=submit]');
    } else {
      await live.enter(opened.context, userName);
      await opened.page.goto(url('/'));
    }
    expect(path(opened.page)).toBe('/');
    return opened;
  }
  let signedInByForm = false;

  async function language(context: BrowserContext, page: Page, lang: Lang): Promise<void> {
    await context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
  }

  /** The same screen checked in Kazakh and in Russian (axe-core at desktop and 390 px, nothing sideways). */
  async function bothLanguages(context: BrowserContext, page: Page, screen: string): Promise<void> {
    for (const lang of ['kk', 'ru'] as const) {
      await language(context, page, lang);
      await checkScreen(page, `${screen} ${lang}`);
    }
  }

  it('each role’s work queue: what waits for this person, with the term and the working days left, the nearest first; overdue in its own style', async () => {
    const expectations: Array<{ user: string; waiting: RegExp[]; none?: boolean; overdue?: boolean }> = [
      {
        user: 'mio.rep',
        waiting: [
          /MIO · Персоналды басқару · 2026.*Қарсылық беру; Қарсылық жоқ екенін хабарлау.*D1 — қарсылық беру мерзімі \(99-тармақ\): соңғы мерзімі 27\.11\.2026 23:59\. 5 жұмыс күні қалды/,
        ],
      },
      {
        user: 'asc.officer',
        waiting: [
          /MJ · .*Келіспеушіліктер кестесін жасау; Кестені арнайы комиссияға ұсыну.*D2 .*23\.11\.2026 23:59\. 1 жұмыс күні қалды/,
          /MVD · .*Келіспеушіліктер кестесін жасау/,
        ],
      },
      {
        user: 'asc.secretary',
        waiting: [/MT · Персоналды басқару · 2026.*Кесте жолдары бойынша комиссия шешімін енгізу/],
      },
      { user: 'asc.chair', waiting: [/MSH · Персоналды басқару · 2026.*Кестеге қол қою/] },
      {
        user: 'mt.rep',
        waiting: [
          /MT · Ақпараттық технологияларды қолдану · 2026.*Президент Әкімшілігіне шағымдану \(қаласаңыз\).*D4 .*27\.11\.2026 23:59\. 5 жұмыс күні қалды/,
        ],
      },
      { user: 'pa.officer', waiting: [/MZ · Персоналды басқару · 2026.*Шағымды қарау нәтижесін енгізу/] },
      {
        user: 'mdai.officer',
        waiting: [
          /MZ · Ақпараттық технологияларды қолдану · 2026.*Шағымдану нәтижелерін жіберу.*Мерзімі өтті/,
          /MSH · .*Түзетілген қорытындыны шығару/,
        ],
        overdue: true,
      },
      { user: 'working.body', waiting: [], none: true },
      { user: 'auditor', waiting: [], none: true },
    ];
    for (const e of expectations) {
      const { context, page, problems } = await signedIn(e.user);
      expect(await text(page, 'h1')).toBe('Жұмыс кезегі');
      if (e.none) expect(await page.isVisible('[data-test=waiting-none]')).toBe(true);
      else {
        const items = await page.$$eval('[data-test=waiting] li', (lis) =>
          lis.map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()),
        );
        for (const pattern of e.waiting)
          expect({ user: e.user, found: items.some((i) => pattern.test(i)), items }).toEqual(
            expect.objectContaining({ user: e.user, found: true }),
          );
      }
      if (e.overdue) {
        // Overdue items carry the red tag and the marked card, and come first (sorted by due time).
        expect(await page.$$eval('[data-test=waiting] li', (lis) => lis[0].className)).toContain(
          'app-work-list__item--overdue',
        );
        expect(await page.isVisible('[data-test=waiting] .app-term--overdue')).toBe(true);
      }
      // The queue is one screen: checked with items (a body, an officer with overdue work) and empty, in both languages.
      if (['mio.rep', 'mdai.officer', 'auditor'].includes(e.user)) {
        await checkScreen(page, `queue ${e.user} kk`);
        await language(context, page, 'ru');
        if (e.user === 'mio.rep') expect(await text(page, '[data-test=waiting]')).toContain('осталось 5 рабочих дней');
        await checkScreen(page, `queue ${e.user} ru`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('the list of every case: filters by cycle, direction, stage and live vs past breaches, a search by body, and paging that says what it shows', async () => {
    const { context, page, problems } = await signedIn('auditor', 'ru');
    expect(await text(page, '[data-test=cases-count]')).toBe('Показаны 1–20 из 23');
    await clickAndLoad(page, '.govuk-pagination__next a');
    expect(await text(page, '[data-test=cases-count]')).toBe('Показаны 21–23 из 23');
    // The focus moves to the answer (the count), so the keyboard and a screen reader continue from there.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('cases-count');
    await checkScreen(page, 'cases page 2 ru');

    await page.goto(url('/'));
    await page.selectOption('#breaches', 'past');
    await clickAndLoad(page, '.app-filters button[type=submit]');
    expect(await text(page, '[data-test=cases-count]')).toBe('Показаны 1–1 из 1');
    expect(await text(page, '[data-test=cases]')).toContain('AKM-AST');
    expect(await text(page, '[data-test=cases]')).toContain('Зафиксированное нарушение, дело закрыто');
    await page.selectOption('#breaches', 'live');
    await clickAndLoad(page, '.app-filters button[type=submit]');
    const live2 = await text(page, '[data-test=cases]');
    expect(live2).toMatch(/MF · Применение информационных технологий/);
    expect(live2).toMatch(/MZ · Применение информационных технологий/);
    expect(live2).not.toContain('Зафиксированное нарушение, дело закрыто');
    await checkScreen(page, 'cases filtered ru');

    await page.goto(url('/?cycle=2025'));
    expect(await text(page, '[data-test=cases-count]')).toBe('Показаны 1–6 из 6');
    await page.goto(url(`/?body=${encodeURIComponent('здравоохранения')}`));
    expect(await text(page, '[data-test=cases-count]')).toBe('Показаны 1–2 из 2');
    await page.goto(url('/?state=escalationWindow&direction=it'));
    expect(await text(page, '[data-test=cases]')).toContain('MT · Применение информационных технологий · 2026');
    await page.goto(url(`/?body=${encodeURIComponent('денсаулық')}&page=9`));
    // A page past the end shows the last page and says which cases it shows.
    expect(await text(page, '[data-test=cases-count]')).toBe('Показаны 1–2 из 2');
    await language(context, page, 'kk');
    await checkScreen(page, 'cases filtered kk');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the case page of a case in each state, in words: terms with days left and why, breaches live vs past, versions with changes, the refusal to sign as a refusal, the commission, the timeline', async () => {
    const { context, page, problems } = await signedIn('auditor');
    const byState: Array<[string, string]> = [
      ['issued', 'personnel:MIO'],
      ['objectionReceived', 'it:MF'],
      ['tablePreparation', 'personnel:MJ'],
      ['commissionReview', 'personnel:MT'],
      ['signing', 'personnel:MSH'],
      ['dispatch', 'it:MZ'],
      ['correction', 'it:MSH'],
      ['escalationWindow', 'it:MT'],
      ['escalated', 'personnel:MZ'],
      ['closed', 'personnel:AKM-AST'],
    ];
    for (const [state, key] of byState) {
      await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);
      await page.goto(url(`/case/${id(key)}`));
      const summary = await text(page, '[data-test=case-summary]');
      expect({ state, summary }).toEqual({
        state,
        summary: expect.stringContaining(
          await page.$eval('[data-test=case-summary] .govuk-tag', (t) => t.textContent!.trim()),
        ),
      });
      // Never an internal code, UUID or event type name in front of people.
      const main = await text(page, 'main');
      expect({
        state,
        leaks: main.match(
          /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[A-Z_]+\.[A-Z_]+\b|\b(issued|objectionReceived|tablePreparation|commissionReview|escalationWindow|noResponse)\b/g,
        ),
      }).toEqual({ state, leaks: null });
      await bothLanguages(context, page, `case ${state}`);
    }
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);

    // issued: D1 runs, with the working days left and why it ends when it does (the weekend skipped, by its act-less reason).
    await page.goto(url(`/case/${id('personnel:MIO')}`));
    expect(await text(page, '[data-test=term]:first-of-type')).toMatch(
      /D1 — қарсылық беру мерзімі.*27\.11\.2026 23:59.*мемлекеттік органның кезегі.*5 жұмыс күні қалды.*Ресми күнтізбенің 1-нұсқасы/,
    );
    expect(await text(page, '[data-test=skipped]')).toContain('21.11.2026 — Сенбі — демалыс күні');

    // escalated (MZ): the refusal to sign is shown as a refusal with its reason; version 2 marks what changed; the timeline in words.
    await page.goto(url(`/case/${id('personnel:MZ')}`));
    const agency = page.locator('[data-test=agency-signature]');
    expect(await agency.getAttribute('data-status')).toBe('refused');
    expect(await agency.textContent()).toContain('кестеге қол қоюдан');
    expect(await agency.textContent()).toContain('Екінші жол бойынша комиссия шешімімен келіспейміз');
    expect(
      await page.$$eval('[data-test=conclusion-version][data-version="2"] tr[data-changed]', (rows) =>
        rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    ).toEqual([expect.stringMatching(/HR-1 .*Өзгерді.*бұрын 3.*қазір 5 \/ 5/)]);
    const timeline = await text(page, '[data-test=timeline]');
    expect(timeline).toContain('Түзетілген қорытынды шығарылды: 2-нұсқа (107-тармақ)');
    expect(timeline).toContain('2-жол: комиссия қарсылықпен келіспеді');
    expect(timeline).toContain('Тең дауыс кезінде төрағаның дауысы шешті: жақтады.');
    expect(timeline).toContain('Мемлекеттік органның өкілі кестеге қол қоюдан бас тартты');
    expect(await text(page, '[data-test=members]')).toContain('Асқаров Ерлан Болатұлы');
    expect(await page.locator('[data-test=meeting]').count()).toBeGreaterThan(0);

    // A live breach (a running case) and a past one (a closed case) are not painted alike.
    await page.goto(url(`/case/${id('it:MZ')}`));
    expect(
      await page.$$eval('[data-test=breaches] li', (lis) => lis.map((li) => li.getAttribute('data-live'))),
    ).toEqual(['true']);
    expect(await page.isVisible('[data-test=breaches] .govuk-tag--red')).toBe(true);
    await page.goto(url(`/case/${id('personnel:AKM-AST')}`));
    expect(
      await page.$$eval('[data-test=breaches] li', (lis) => lis.map((li) => li.getAttribute('data-live'))),
    ).toEqual(['false']);
    expect(await page.isVisible('[data-test=breaches] .govuk-tag--red')).toBe(false);
    expect(await text(page, '[data-test=breaches]')).toContain('Тіркелген бұзушылық, іс жабық');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a body’s representative opens the documents of its objection and downloads the table as PDF and XLSX from the page', async () => {
    const { context, page, problems } = await signedIn('mz.rep');
    await page.goto(url(`/case/${id('personnel:MZ')}`));
    // The body sees the commission's members and meetings, not whom else the meetings invited.
    expect(await page.isVisible('[data-test=recusals]')).toBe(false);
    await bothLanguages(context, page, 'case as the body');
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);
    await page.reload();
    const hrefs = await page.$$eval('[data-test=documents] a', (links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs).toHaveLength(2);
    const doc = await context.request.get(url(hrefs[0]));
    expect(doc.status()).toBe(200);
    expect(doc.headers()['content-type']).toBe('application/pdf');
    expect(hrefs[0]).toContain(doc.headers()['x-content-sha256']);
    const pdf = await context.request.get(url((await page.getAttribute('[data-test=table-pdf]', 'href')) as string));
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await context.request.get(url((await page.getAttribute('[data-test=table-xlsx]', 'href')) as string));
    expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers()['content-disposition']).toMatch(/attachment;.*filename\*=UTF-8''/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the auditor replays a case to an event and to a moment, verifies the whole log, and reads the refusals', async () => {
    const { context, page, problems } = await signedIn('auditor');
    await page.goto(url(`/case/${id('personnel:MZ')}/replay`));
    await clickAndLoad(page, '[data-test=replay-events] li:nth-child(5) a');
    expect(await text(page, '#state')).toContain('5-оқиғадан кейін');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('state');
    expect(await text(page, '[data-test=case-summary]')).toContain('Комиссияның қарауында');
    await bothLanguages(context, page, 'replay by event');
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);
    await page.goto(url(`/case/${id('personnel:MZ')}/replay`));
    await page.fill('#at', '2026-11-05T09:00');
    await clickAndLoad(page, 'form[action*="/replay"] button[type=submit]');
    expect(await text(page, '#state')).toContain('05.11.2026 09:00 кезіндегі күйі (6-оқиғадан кейін)');
    expect(await text(page, '[data-test=case-summary]')).toContain('Кестеге қол қою');
    await page.fill('#at', '2020-01-01T09:00');
    await clickAndLoad(page, 'form[action*="/replay"] button[type=submit]');
    expect(await text(page, '.govuk-error-summary')).toContain('Бұл сәтте іс әлі болған жоқ');
    await checkScreen(page, 'replay error kk');

    await page.goto(url('/audit'));
    await bothLanguages(context, page, 'audit');
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);
    await page.goto(url('/audit/verification'));
    await clickAndLoad(page, 'main form button[type=submit]');
    expect(await page.getAttribute('[data-test=verification]', 'data-ok')).toBe('true');
    expect(await text(page, '[data-test=verification]')).toContain('Журнал бұзылмаған');
    await bothLanguages(context, page, 'verification');
    await page.goto(url('/audit/refused'));
    expect(await page.locator('[data-test=refusal]').count()).toBe(1);
    await bothLanguages(context, page, 'refusals');
    expect(await text(page, '[data-test=refusal]')).toMatch(
      /Подать возражение.*AKM-AST · Управление персоналом · 2026.*Срок истёк \(пункт 99\)/,
    );
    await page.goto(url(`/commission/${live.story.commissionIds.personnel}`));
    expect(await text(page, '[data-test=members]')).toContain('Асқаров Ерлан Болатұлы');
    await bothLanguages(context, page, 'commission');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('verifies an exported bundle in the browser with Web Crypto — and refuses a tampered one, naming its broken link; without JavaScript the page points to the command line', async () => {
    const { context, page, problems } = await signedIn('auditor');
    const exported = await context.request.get(url(`/case/${id('personnel:MZ')}/export`));
    expect(exported.status()).toBe(200);
    const bundle = JSON.parse(await exported.text());
    const dir = mkdtempSync(join(tmpdir(), 'appeals-bundle-'));
    const good = join(dir, 'bundle.json');
    writeFileSync(good, JSON.stringify(bundle));
    const tampered = JSON.parse(JSON.stringify(bundle));
    tampered.events[1].payload.items[0].claimedScore = 4; // the objection's claimed score edited after the fact
    const bad = join(dir, 'bundle-tampered.json');
    writeFileSync(bad, JSON.stringify(tampered));

    await page.goto(url('/audit/bundle-check'));
    expect(await page.isVisible('[data-test=needs-js]')).toBe(false);
    await page.setInputFiles('#bundle-file', good);
    await page.fill('#trusted-root', bundle.digest.root);
    await page.click('#bundle-form button');
    await page.waitForSelector('[data-test=bundle-result]:not([hidden])');
    expect(await text(page, '[data-test=bundle-result] h2')).toBe('Расталды: bundle.json');
    expect(
      await page.$$eval('[data-test=bundle-result] li', (lis) => lis.map((li) => li.getAttribute('data-ok'))),
    ).not.toContain('false');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('bundle-result');
    await checkScreen(page, 'bundle verified kk');

    await page.setInputFiles('#bundle-file', bad);
    await page.click('#bundle-form button');
    await page.waitForFunction(() =>
      (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document
        .querySelector('[data-test=bundle-result] h2')
        ?.textContent?.startsWith('Расталмады'),
    );
    const failed = await page.$$eval('[data-test=bundle-result] li[data-ok=false]', (lis) =>
      lis.map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    expect(failed[0]).toMatch(
      /Оқиғалар тізбегі 2-оқиға — қарсылық берілді, \d\d\.\d\d\.2026 \d\d:\d\d тұсында бұзылған: оның хэші мазмұнына сәйкес келмейді: оқиға өзгертілген\./,
    );
    await language(context, page, 'ru');
    await page.setInputFiles('#bundle-file', bad);
    await page.click('#bundle-form button');
    await page.waitForSelector('[data-test=bundle-result]:not([hidden])');
    expect(await text(page, '[data-test=bundle-result]')).toContain(
      'Цепочка событий нарушена на звене «событие 2 — подано возражение',
    );
    await checkScreen(page, 'bundle refused ru');
    expect(problems).toEqual([]);
    await context.close();

    const noJs = await signedIn('auditor', 'kk', { javaScriptEnabled: false });
    await noJs.page.goto(url('/audit/bundle-check'));
    expect(await noJs.page.isVisible('[data-test=needs-js]')).toBe(true);
    expect(await noJs.page.isVisible('#bundle-form')).toBe(false);
    expect(await text(noJs.page, 'main')).toContain('node tools/verify-bundle.js bundle.json --root');
    await noJs.context.close();
  });

  it('keyboard only: the skip link reaches the content, and the wide table of cases is a focusable scroll region with its name', async () => {
    const { context, page, problems } = await signedIn('auditor');
    await page.goto(url('/'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main-content');
    await page.keyboard.press('Enter');
    // Tabbing on from the content reaches the table of cases as a scroll region a keyboard can scroll.
    let region = false;
    for (let i = 0; i < 40 && !region; i++) {
      await page.keyboard.press('Tab');
      region = (await page.evaluate(() => document.activeElement?.getAttribute('role'))) === 'region';
    }
    expect(region).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Істер тізімі');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the administrator’s pages: accounts, bodies, people with IINs, rule sets and catalogues as acts, with their forms and errors', async () => {
    const { context, page, problems } = await signedIn('admin');
    for (const [screen, p] of [
      ['admin', '/admin'],
      ['accounts', '/admin/accounts'],
      ['bodies', '/admin/bodies'],
      ['people', '/admin/people'],
      ['rule sets', '/admin/rule-sets'],
      ['catalogues', '/admin/catalogues'],
    ] as const) {
      await page.goto(url(p));
      await bothLanguages(context, page, `admin ${screen}`);
    }
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);
    await page.goto(url('/admin/people'));
    expect(await text(page, '[data-test=people]')).toContain(live.story.world.people[0].iin);
    // A new account, its one-time password, and its token shown once.
    await page.goto(url('/admin/accounts'));
    await page.selectOption('#role', 'agencyRepresentative');
    await page.fill('#displayName', 'Жаңа өкіл');
    await clickAndLoad(page, 'form[action="/admin/accounts"] button[type=submit]');
    expect(await text(page, '.govuk-error-summary')).toContain('Мемлекеттік орган өкілі бір органды білдіреді');
    await checkScreen(page, 'admin account error kk');
    await page.selectOption('#bodyCode', 'MON');
    await clickAndLoad(page, 'form[action="/admin/accounts"] button[type=submit]');
    expect(await text(page, 'h1')).toBe('Тіркелгі құрылды');
    expect(await text(page, '[data-test=token]')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await checkScreen(page, 'admin account created kk');
    await clickAndLoad(page, 'a[href^="/admin/accounts/"]');
    await page.fill('#userName', 'mon.new');
    await page.fill('#password', 'Жаңа-өкілдің-құпиясөзі-1');
    await clickAndLoad(page, 'form[action$="/password"] button[type=submit]');
    expect(await text(page, '.govuk-notification-banner')).toContain('Пайдаланушы аты мен бір реттік құпиясөз берілді');
    expect(await text(page, '[data-test=account]')).toContain('mon.new');
    await bothLanguages(context, page, 'admin account');
    // A catalogue with a malformed line: the error at the field, in the reader's language.
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);
    await page.goto(url('/admin/catalogues'));
    await page.fill('#code', 'personnel-v9');
    await page.selectOption('#direction', 'personnel');
    await page.fill('#actTitle', 'Тестілік бұйрық');
    await page.fill('#actNumber', '12');
    await page.fill('#actDate', '2026-11-20');
    await page.fill('#inForceFrom', '2027-01-01');
    await page.fill('#indicators', 'HR-1 | Көрсеткіш | Показатель | Indicator');
    await clickAndLoad(page, 'form[action="/admin/catalogues"] button[type=submit]');
    expect(await text(page, '#indicators-error')).toContain('1-жолда бес бөлік болуы керек');
    await checkScreen(page, 'admin catalogue error kk');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an administrator’s calendar correction: a month with each day off and its act, a day made a day off with a reason, and the open deadlines it moved', async () => {
    const { context, page, problems } = await signedIn('admin');
    await page.goto(url('/calendar?month=2026-12'));
    expect(await text(page, 'h1')).toBe('2026 жылғы желтоқсан');
    expect(await page.getAttribute('[data-date="2026-12-16"]', 'class')).toContain('app-month__off');
    expect(await text(page, '[data-test=entries]')).toContain('16.12.2026 — Демалыс күні Тәуелсіздік күні');
    await bothLanguages(context, page, 'calendar month');
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);

    await page.goto(url('/day/2026-11-24'));
    expect(await text(page, '[data-test=day]')).toContain('Жұмыс күні');
    await bothLanguages(context, page, 'calendar day');
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);
    await page.reload();
    await page.check('#kind');
    await page.selectOption('#category', 'transfer');
    await page.fill('#nameKk', 'Ауыстырылған демалыс күні');
    await page.fill('#nameRu', 'Перенесённый выходной день');
    await page.fill('#nameEn', 'Transferred day off');
    await page.fill('#act', 'Еңбек министрінің 2026 жылғы 10 қарашадағы № 500 бұйрығы (сынақ)');
    await clickAndLoad(page, '[data-test=set-day] button[type=submit]');
    expect(await text(page, '#note-error')).toContain('Толтырыңыз');
    await checkScreen(page, 'calendar day error kk');
    await page.fill('#note', 'Министрдің бұйрығы бойынша 24 қараша демалыс күні');
    await clickAndLoad(page, '[data-test=set-day] button[type=submit]');
    expect(path(page)).toMatch(/^\/calendar-change\/\d+$/);
    expect(await text(page, '[data-test=change-note]')).toContain('Министрдің бұйрығы бойынша 24 қараша демалыс күні');
    const moved = await text(page, '[data-test=moved]');
    expect(moved).toMatch(
      /MIO · Персоналды басқару · 2026 D1 — қарсылық беру мерзімі: 27\.11\.2026 23:59 → 30\.11\.2026 23:59/,
    );
    expect(moved).toMatch(
      /MT · Ақпараттық технологияларды қолдану · 2026 D4 — Президент Әкімшілігіне шағымдану мерзімі: 27\.11\.2026 23:59 → 30\.11\.2026 23:59/,
    );
    await bothLanguages(context, page, 'calendar change');

    // The case says the same in its timeline: who (the official calendar), what moved, old → new, and why.
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);
    await page.goto(url(`/case/${id('personnel:MIO')}`));
    const timeline = await text(page, '[data-test=timeline]');
    expect(timeline).toMatch(
      /Ресми күнтізбе өзгерді \(\d+-нұсқа\): мерзімдер қайта есептелді Жүйе: ресми күнтізбе · 22\.11\.2026 12:00 D1 — қарсылық беру мерзімі: 27\.11\.2026 23:59 → 30\.11\.2026 23:59\s*Себебі: «2026-11-24: Министрдің бұйрығы бойынша 24 қараша демалыс күні»/,
    );
    expect(await text(page, '[data-test=term]:first-of-type')).toContain('24.11.2026 — Ауыстырылған демалыс күні');

    await page.goto(url('/calendar-changes'));
    await bothLanguages(context, page, 'calendar changes');
    await context.addCookies([{ name: 'appeals-lang', value: 'kk', url: live.baseUrl }]);

    // Removing the entry (with its reason) moves them back.
    await page.goto(url('/day/2026-11-24'));
    await page.fill('#removeNote', 'Бұйрық күшін жойды');
    await clickAndLoad(page, '[data-test=remove-day] button[type=submit]');
    expect(await text(page, '[data-test=moved]')).toMatch(/MIO · .*30\.11\.2026 23:59 → 27\.11\.2026 23:59/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
