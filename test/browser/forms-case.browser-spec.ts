import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_SIGN_INS } from '../../src/demo/web-sign-in';
import { supertestApi } from '../support/supertest-api';
import { ADMIN_TOKEN } from '../support/test-app';
import { AXE_TALLY, PHONE, checkScreen, launchBrowser, openPage } from './support/browser';
import { LiveStory, startLiveStory } from './support/story-app';

type Lang = 'kk' | 'ru';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n%%EOF\n`, 'utf8');

/** Clicks and typed fields per role over the journey (issue 15's figures), printed at the end. */
const EFFORT: Record<string, { clicks: number; typed: number }> = {};

/**
 * The case-side forms of issue 15 in Chromium, on the demo's story ("now" is Sunday 22 November 2026): the body
 * files an objection with two documents by clicking only (uploaded with a progress bar, checked before upload), a
 * refusal is read in the browser, and axe-core finds nothing critical or serious on any of these forms — in their
 * error state too — in Kazakh and Russian, at desktop and at 390 px.
 */
describe('Case-side forms in Chromium (issue 15)', () => {
  let live: LiveStory;
  let browser: Browser;

  beforeAll(async () => {
    const extra = [
      { userName: 'mvd.rep', token: 'agency:MVD' },
      { userName: 'akm-ast.rep', token: 'agency:AKM-AST' },
      { userName: 'msh.rep', token: 'agency:MSH' },
      { userName: 'asc.rep', token: 'agency:ASC' },
      { userName: 'mon.rep', token: 'agency:MON' },
    ];
    [live, browser] = await Promise.all([startLiveStory([...DEMO_SIGN_INS, ...extra], 'admin'), launchBrowser()]);
    await supertestApi(live.sut).call('POST', '/api/v1/cycles', ADMIN_TOKEN, {
      code: '2025',
      title: '2025 жылғы бағалау / Оценка за 2025 год',
      year: 2025,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await live?.sut.close();
    console.log(
      `Clicks and typed fields per role (issue 15 forms): ${JSON.stringify(EFFORT)}\naxe-core findings per screen: ${JSON.stringify(AXE_TALLY)}`,
    );
  });

  const url = (path: string) => `${live.baseUrl}${path}`;
  const id = (key: string) => live.story.caseIds[key];
  const effort = (role: string) => (EFFORT[role] ??= { clicks: 0, typed: 0 });

  async function signedIn(userName: string, lang: Lang = 'kk', javaScriptEnabled = true) {
    const opened = await openPage(browser, { javaScriptEnabled });
    await opened.context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
    await live.enter(opened.context, userName);
    await opened.page.goto(url('/'));
    return opened;
  }

  async function click(page: Page, role: string, selector: string, navigates = true): Promise<void> {
    effort(role).clicks += 1;
    if (navigates) await Promise.all([page.waitForEvent('load'), page.click(selector)]);
    else await page.click(selector);
  }

  async function type(page: Page, role: string, selector: string, text: string): Promise<void> {
    effort(role).typed += 1;
    await page.fill(selector, text);
  }

  async function language(context: BrowserContext, page: Page, lang: Lang): Promise<void> {
    await context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
  }

  /** A screen checked in Kazakh and in Russian (axe at desktop and 390 px, nothing scrolls sideways). */
  async function bothLanguages(context: BrowserContext, page: Page, screen: string): Promise<void> {
    for (const lang of ['kk', 'ru'] as const) {
      await language(context, page, lang);
      await checkScreen(page, `${screen} ${lang}`);
    }
  }

  /** A form posted empty (its error state), checked in both languages: the reload re-posts nothing, so post each time. */
  async function errorState(
    context: BrowserContext,
    page: Page,
    formPath: string,
    screen: string,
    role: string,
  ): Promise<void> {
    for (const lang of ['kk', 'ru'] as const) {
      await context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
      await page.goto(url(formPath));
      void role; // not the journey: not counted
      await Promise.all([page.waitForEvent('load'), page.click('[data-test=form-submit]')]);
      expect(await page.isVisible('.govuk-error-summary')).toBe(true);
      await checkScreen(page, `${screen} ${lang}`);
    }
  }

  /** The texts the journey reads, per language. */
  const SAYS = {
    kk: { chooseItem: 'Кемінде бір даулы көрсеткішті белгілеңіз', sent: 'Қарсылық жіберілді.' },
    ru: { chooseItem: 'Отметьте хотя бы один оспариваемый показатель', sent: 'Возражение отправлено.' },
  };

  const objections: Array<{ role: string; key: string; lang: Lang; phone: boolean }> = [
    { role: 'mio.rep', key: 'personnel:MIO', lang: 'kk', phone: false },
    { role: 'asc.rep', key: 'personnel:ASC', lang: 'ru', phone: true },
  ];
  it.each(objections)(
    'p.98: $role files an objection with two documents by clicking only (checked, uploaded with progress) — $lang, 390 px: $phone',
    async ({ role, key, lang, phone }) => {
      const started = Date.now();
      const { context, page, problems } = await signedIn(role, lang);
      if (phone) await page.setViewportSize(PHONE);
      const caseId = id(key);
      await click(page, role, `[data-test=waiting] a[href="/case/${caseId}"]`);
      await click(page, role, `a[data-test=action-link][href="/case/${caseId}/forms/objection"]`);
      expect(await page.textContent('[data-test=form-term]')).toContain('D1');
      if (!phone) {
        await bothLanguages(context, page, 'objection form');
        await language(context, page, lang);
      }
      // Sent empty: the error summary names each field.
      await click(page, role, '[data-test=form-submit]');
      expect(await page.textContent('.govuk-error-summary')).toContain(SAYS[lang].chooseItem);
      await checkScreen(page, `objection form error ${lang}`);
      if (phone) await page.setViewportSize(PHONE);
      // A wrong type is refused before upload, in words.
      effort(role).clicks += 1;
      await page.setInputFiles('#documents', [
        { name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
      ]);
      await page.waitForSelector('[data-test=upload-progress] .govuk-error-message');
      expect(await page.textContent('[data-test=upload-progress]')).toContain('virus.exe');
      // Two documents, chosen at once, uploaded one by one with a progress bar.
      effort(role).clicks += 1;
      await page.setInputFiles('#documents', [
        { name: 'Бұйрықтар.pdf', mimeType: 'application/pdf', buffer: pdf(`orders ${role}`) },
        { name: 'Анықтама.pdf', mimeType: 'application/pdf', buffer: pdf(`reference ${role}`) },
      ]);
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
          ).document.querySelectorAll('[data-test=uploaded] li').length === 2,
      );
      await click(page, role, '#disputed', false);
      await type(page, role, '#item-0-claimed', '4');
      await type(page, role, '#item-0-argument', 'Резервтен тағайындау үлесі 70%: бұйрықтар қоса беріледі.');
      await click(page, role, '[data-test=form-submit]');
      expect(new URL(page.url()).pathname).toBe(`/case/${caseId}`);
      expect(await page.textContent('[data-test=confirmation]')).toContain(SAYS[lang].sent);
      expect(await page.textContent('[data-test=next-term]')).toContain('D2');
      expect(await page.$$eval('[data-test=timeline] a', (links) => links.length)).toBeGreaterThanOrEqual(2);
      await checkScreen(page, `case after objection ${lang}`);
      expect(problems).toEqual([]);
      console.log(`objection journey ${role} (${lang}${phone ? ', 390 px' : ''}): ${Date.now() - started} ms`);
      await context.close();
    },
  );

  it('a refused step is explained in the browser: the objection term ran out (p.98/p.99), on which date', async () => {
    const { context, page } = await signedIn('akm-ast.rep', 'ru');
    await page.goto(url(`/case/${id('personnel:AKM-AST')}/forms/no-objection`));
    expect(await page.isVisible('[data-test=not-offered]')).toBe(true);
    await Promise.all([page.waitForEvent('load'), page.click('[data-test=form-submit]')]);
    const refusal = (await page.textContent('[data-test=refusal]')) ?? '';
    expect(refusal).toMatch(/пункт 9[89]/);
    expect(await page.isVisible('.govuk-error-summary')).toBe(true);
    await checkScreen(page, 'refusal ru');
    await context.close();
  });

  it('axe-core: every case-side form, and its error state, in Kazakh and Russian at desktop and 390 px', async () => {
    const screens: Array<{ user: string; path: string; screen: string; error?: boolean }> = [
      { user: 'mvd.rep', path: `/case/${id('personnel:MVD')}/forms/withdrawal`, screen: 'withdrawal' },
      {
        user: 'msh.rep',
        path: `/case/${id('personnel:MSH')}/forms/signature`,
        screen: 'signature (representative)',
        error: true,
      },
      { user: 'asc.chair', path: `/case/${id('personnel:MSH')}/forms/signature`, screen: 'signature (chair)' },
      { user: 'mdai.officer', path: `/case/${id('it:MZ')}/forms/dispatch`, screen: 'dispatch' },
      { user: 'mdai.officer', path: `/case/${id('it:MSH')}/forms/correction`, screen: 'correction' },
      { user: 'mt.rep', path: `/case/${id('it:MT')}/forms/escalation`, screen: 'escalation', error: true },
      {
        user: 'pa.officer',
        path: `/case/${id('personnel:MZ')}/forms/escalation-outcome`,
        screen: 'escalation outcome',
        error: true,
      },
      { user: 'asc.officer', path: '/new-case', screen: 'new conclusion', error: true },
      { user: 'mio.rep', path: `/case/${id('personnel:MIO')}/forms/no-objection`, screen: 'no objection' },
      { user: 'working.body', path: '/registers', screen: 'registers' },
    ];
    for (const s of screens) {
      const { context, page, problems } = await signedIn(s.user);
      const res = await page.goto(url(s.path));
      expect({ screen: s.screen, status: res?.status() }).toEqual({ screen: s.screen, status: 200 });
      await bothLanguages(context, page, s.screen);
      if (s.error) await errorState(context, page, s.path, `${s.screen} error`, s.user);
      expect(problems).toEqual([]);
      await context.close();
    }
  });
  it('the other roles’ steps by clicking: appeal with a document, the PA’s revised outcome, the chair signs, dispatch, correction with its preview, a new conclusion', async () => {
    const started = Date.now();
    const open = async (role: string, caseKey: string, form: string) => {
      const opened = await signedIn(role);
      const caseId = id(caseKey);
      await click(opened.page, role, `[data-test=waiting] a[href="/case/${caseId}"]`);
      await click(opened.page, role, `a[data-test=action-link][href="/case/${caseId}/forms/${form}"]`);
      return { ...opened, caseId };
    };
    const landed = async (page: Page, caseId: string) => {
      expect(new URL(page.url()).pathname).toBe(`/case/${caseId}`);
      expect(await page.isVisible('[data-test=confirmation]')).toBe(true);
    };

    // p.108: the body of MT (IT) appeals to the Presidential Administration with its reason and one document.
    {
      const role = 'mt.rep';
      const { context, page, caseId, problems } = await open(role, 'it:MT', 'escalation');
      await type(page, role, '#reason', 'Комиссияның шешімімен келіспейміз: құжаттар қоса беріледі.');
      effort(role).clicks += 1;
      await page.setInputFiles('#documents', [
        { name: 'Шағым.pdf', mimeType: 'application/pdf', buffer: pdf('MT appeal') },
      ]);
      await page.waitForSelector('[data-test=uploaded] li');
      await click(page, role, '[data-test=form-submit]');
      await landed(page, caseId);
      expect(problems).toEqual([]);
      await context.close();
    }
    // p.108: the Presidential Administration revises the MZ result: a new score on its scale.
    {
      const role = 'pa.officer';
      const { context, page, caseId, problems } = await open(role, 'personnel:MZ', 'escalation-outcome');
      await click(page, role, '#outcome-2', false);
      await type(page, role, '#score-1', '4');
      await type(page, role, '#note', 'Бала күтімі демалысындағылар есептен шығарылды.');
      await click(page, role, '[data-test=form-submit]');
      await landed(page, caseId);
      expect(problems).toEqual([]);
      await context.close();
    }
    // p.105: the chair signs the MSH table; p.106: the officer dispatches; p.107: the correction, previewed.
    {
      const role = 'asc.chair';
      const { context, page, caseId } = await open(role, 'personnel:MSH', 'signature');
      await click(page, role, '[data-test=form-submit]');
      await landed(page, caseId);
      await context.close();
    }
    {
      const role = 'asc.officer';
      const { context, page, caseId } = await open(role, 'personnel:MSH', 'dispatch');
      await click(page, role, '[data-test=form-submit]');
      await landed(page, caseId);
      await click(page, role, `a[data-test=action-link][href="/case/${caseId}/forms/correction"]`);
      expect(await page.isVisible('[data-test=correction-preview] [data-changed=true]')).toBe(true);
      await click(page, role, '[data-test=form-submit]');
      await landed(page, caseId);
      expect(await page.isVisible('[data-test=conclusion-version][data-version="2"]')).toBe(true);
      // p.91–p.97: a new conclusion from the work queue.
      await page.goto(url('/'));
      await click(page, role, '[data-test=new-case]');
      effort(role).clicks += 2;
      await page.selectOption('#target', 'MON|personnel');
      await page.selectOption('#cycle', '2025');
      await type(page, role, '#score-personnel-0', '3');
      await type(page, role, '#score-personnel-1', '2');
      await click(page, role, '#evaluators', false);
      await click(page, role, '[data-test=form-submit]');
      expect(await page.textContent('[data-test=confirmation]')).toContain('Қорытынды шығарылды');
      expect(await page.textContent('[data-test=next-term]')).toContain('D1');
      await context.close();
    }
    console.log(`other roles' steps: ${Date.now() - started} ms`);
  });
  it('without JavaScript the objection still works: both documents go with the form (multipart), on the new conclusion', async () => {
    const role = 'mon.rep (no JavaScript)';
    const { context, page, problems } = await signedIn('mon.rep', 'kk', false);
    const link = await page.getAttribute('[data-test=waiting] a[href^="/case/"]', 'href');
    await click(page, role, `[data-test=waiting] a[href="${link}"]`);
    await click(page, role, `a[data-test=action-link][href="${link}/forms/objection"]`);
    effort(role).clicks += 1;
    await page.setInputFiles('#documents', [
      { name: 'Бұйрықтар.pdf', mimeType: 'application/pdf', buffer: pdf('MON orders') },
      { name: 'Анықтама.pdf', mimeType: 'application/pdf', buffer: pdf('MON reference') },
    ]);
    await click(page, role, '#disputed', false);
    await type(page, role, '#item-0-argument', 'Бұйрықтар қоса беріледі.');
    await click(page, role, '[data-test=form-submit]');
    expect(new URL(page.url()).pathname).toBe(link);
    expect(await page.textContent('[data-test=confirmation]')).toContain('Қарсылық жіберілді.');
    expect(
      await page.$$eval(
        '#objection ~ * a[href*="/documents/"], [data-test=timeline] a[href*="/documents/"]',
        (a) => a.length,
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
    await context.close();
  });
});
