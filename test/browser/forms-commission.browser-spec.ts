import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { KZ_ZONE } from '../../src/calendar/calendar-rules';
import { hashPassword } from '../../src/sign-in/password-hash';
import { SessionsService } from '../../src/sign-in/sessions.service';
import { AccountCredentialEntity } from '../../src/sign-in/sign-in.entities';
import { SESSION_COOKIE } from '../../src/web/web-gate';
import { procedure } from '../support/procedure';
import { supertestApi } from '../support/supertest-api';
import {
  AXE_TALLY,
  LiveApp,
  PHONE,
  checkScreen,
  inputFor,
  launchBrowser,
  openPage,
  startLiveApp,
} from './support/browser';

type Lang = 'kk' | 'ru';

let hashed: Promise<string> | null = null;
/** One password hashed once for everybody (scrypt takes ~0.4 s a time; signing in is another suite's subject). */
const passwordHash = () => (hashed ??= hashPassword('Ортақ-сынақ-құпиясөзі-2026'));

/** Clicks and typed fields per role over a journey (the figures issue 15 asks for). */
const TALLY: Record<string, { clicks: number; typed: number }> = {};

/**
 * The commission's side of issue 15 in Chromium, by clicking only (the clock of the service is the test's; the body's
 * objection is sent through the API — it is the body's side): the secretary forms the special commission from the work
 * queue, a member in conflict of interest is refused naming who (p.100), the commission is constituted, the table
 * drawn up and submitted (p.102), a meeting called inviting the p.103 parties, its attendance recorded, the decisions
 * voted — a tie decided by the chair's casting vote (p.104) — and the chair signs (p.105). Once in Kazakh at desktop
 * width (personnel management, ASC), once in Russian at 390 px (IT application, MDAI). axe-core on every form, also in
 * its error state.
 */
describe('Commission forms in Chromium (issue 15): by clicking only', () => {
  let live: LiveApp;
  let browser: Browser;
  let p: ReturnType<typeof procedure>;
  const caseIds: Record<string, string> = {};

  beforeAll(async () => {
    [live, browser] = await Promise.all([startLiveApp(), launchBrowser()]);
    const api = supertestApi(live.sut);
    p = procedure(live.sut, api, live.world);
    // Monday 3 March 2025, 10:00 Astana: conclusions for MZ in both directions; MZ objects to both (the body's side).
    p.at('2025-03-03T10:00');
    caseIds.personnel = (await p.ok(p.issue('MZ', 'personnel'), 'conclusion')).id;
    caseIds.it = (await p.ok(p.issue('MZ', 'it'), 'conclusion')).id;
    p.at('2025-03-04T10:00');
    await p.ok(
      p.object(caseIds.personnel, 'MZ', [
        { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Тағайындаулардың 80%-ы кадрлық резервтен жүргізілді.' },
        { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Текучесть рассчитана без учёта декретного отпуска.' },
      ]),
      'objection personnel',
    );
    await p.ok(
      p.object(caseIds.it, 'MZ', [
        { indicatorCode: 'IT-1', claimedScore: 8, argument: '142 қызметтің 131-і электрондық форматта.' },
        { indicatorCode: 'IT-2', claimedScore: 7, argument: 'Акт аудита подтверждает устранение замечаний.' },
      ]),
      'objection it',
    );
  });
  afterAll(async () => {
    await browser?.close();
    await live?.sut.close();

    console.log(
      `clicks and typed fields per role: ${JSON.stringify(TALLY)}; ` +
        `axe-core findings per screen: ${JSON.stringify(AXE_TALLY)}`,
    );
  });

  const url = (path: string) => `${live.baseUrl}${path}`;
  const text = async (page: Page, selector: string) =>
    ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();

  /** A person's own browser: a session the service opens for them (sign-in is the foundation suite's subject). */
  const credentialed = new Set<string>();
  async function enter(context: BrowserContext, token: string) {
    const me = await p.get('/api/v1/accounts/me', live.world.tokens[token]);
    if (!credentialed.has(token)) {
      // A user name and password of their own (a session belongs to an account that can sign in).
      credentialed.add(token);
      const at = live.sut.clock.now().toISOString();
      await live.sut.dataSource.manager.insert(AccountCredentialEntity, {
        accountId: me.body.id,
        userName: token.toLowerCase(),
        passwordHash: await passwordHash(),
        mustChange: false,
        passwordSetAt: at,
        passwordSetBy: me.body.id,
      });
    }
    const { token: session } = await live.sut.app.get(SessionsService).open(me.body.id as string);
    await context.addCookies([
      { name: SESSION_COOKIE, value: session, url: live.baseUrl, httpOnly: true, sameSite: 'Strict' },
    ]);
  }

  async function person(token: string, role: string, lang: Lang, phone: boolean) {
    const opened = await openPage(browser);
    await opened.context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
    if (phone) await opened.page.setViewportSize(PHONE);
    await enter(opened.context, token);
    await opened.page.goto(url('/'));
    const tally = (TALLY[`${role} (${lang}${phone ? ', 390 px' : ''})`] ??= { clicks: 0, typed: 0 });
    const restore = async () => {
      if (phone) await opened.page.setViewportSize(PHONE);
    };
    return {
      ...opened,
      /** One click that loads the next page. */
      async click(selector: string) {
        tally.clicks++;
        try {
          await Promise.all([opened.page.waitForEvent('load', { timeout: 10_000 }), opened.page.click(selector)]);
        } catch (error) {
          console.log(
            'The click did not load a page:',
            selector,
            opened.page.url(),
            (await opened.page.content())
              .replace(/<[^>]+>/g, ' ')
              .replace(/\s+/g, ' ')
              .slice(0, 1500),
            opened.problems,
          );
          throw error;
        }
      },
      /** A click on a radio button or a checkbox (no page load). */
      async tick(selector: string) {
        tally.clicks++;
        await opened.page.check(selector);
      },
      async type(selector: string, value: string) {
        tally.typed++;
        await opened.page.fill(selector, value);
      },
      async check(screen: string) {
        await checkScreen(opened.page, `${screen} ${lang}`);
        await restore();
      },
      /** The clock moved on (sessions end when idle): the person's browser gets a new session, no click. */
      async again(path: string) {
        await enter(opened.context, token);
        await opened.page.goto(url(path));
      },
    };
  }

  const journeys = [
    {
      lang: 'kk' as const,
      phone: false,
      direction: 'personnel' as const,
      secretary: 'ascSecretary',
      chair: 'ascChair',
      chairIdx: 0,
      secretaryIdx: 1,
      members: [2, 3, 4],
      conflictIdx: 6,
    },
    {
      lang: 'ru' as const,
      phone: true,
      direction: 'it' as const,
      secretary: 'mdaiSecretary',
      chair: 'mdaiChair',
      chairIdx: 8,
      secretaryIdx: 9,
      members: [5, 6, 7],
      conflictIdx: 10,
    },
  ];

  for (const j of journeys) {
    const title =
      'the secretary forms the commission (a conflict refused, then constituted), the table, the meeting, ' +
      'attendance and the votes (a tie decided by the chair); the chair signs';
    it(`${j.lang}${j.phone ? ' at 390 px' : ''}: ${title}`, async () => {
      const caseId = caseIds[j.direction];
      const people = live.world.people;
      const nameOf = (i: number) => people[i].fullName;
      p.at(`2025-03-0${j.direction === 'personnel' ? 5 : 6}T10:00`);
      const s = await person(j.secretary, 'secretary', j.lang, j.phone);

      // ---- the work queue offers forming the commission (p.100/p.101), direction and cycle chosen
      await s.click('[data-test=waiting] a[href^="/new-commission"]');
      await s.check('commission new');
      await s.click('[data-test=form-submit]');
      expect(await s.page.isVisible('[data-test=confirmation]')).toBe(true);
      const commissionPath = new URL(s.page.url()).pathname;

      // ---- a member in conflict of interest: shown before submitting, refused naming who (p.100)
      await s.click('[data-test=add-member]');
      await s.check('member form');
      const conflicted = await inputFor(s.page, 'person', nameOf(j.conflictIdx));
      expect(await text(s.page, `${conflicted}-item-hint`)).toContain('MZ');
      await s.tick(conflicted);
      await s.tick(await inputFor(s.page, 'role', j.lang === 'kk' ? 'Мүше' : 'Член комиссии'));
      await s.click('[data-test=form-submit]');
      const refusal = await text(s.page, '#person-error');
      expect(refusal).toContain(nameOf(j.conflictIdx));
      expect(refusal).toContain('MZ');
      expect(refusal).toContain(j.lang === 'kk' ? '100-тармақ' : 'пункт 101');
      await s.check('member form refused');

      // ---- five members: chair, secretary and three more; then constituted by one button
      const roleText = {
        kk: { chair: 'Төраға', secretary: 'Хатшы', member: 'Мүше' },
        ru: { chair: 'Председатель', secretary: 'Секретарь', member: 'Член комиссии' },
      }[j.lang];
      const adds: Array<[number, 'chair' | 'secretary' | 'member']> = [
        [j.chairIdx, 'chair'],
        [j.secretaryIdx, 'secretary'],
        ...j.members.map((i) => [i, 'member'] as [number, 'member']),
      ];
      for (const [i, role] of adds) {
        if (new URL(s.page.url()).pathname !== `${commissionPath}/forms/member-add`)
          await s.click('[data-test=add-member]');
        await s.tick(await inputFor(s.page, 'person', nameOf(i)));
        await s.tick(await inputFor(s.page, 'role', roleText[role]));
        await s.click('[data-test=form-submit]');
        expect(await text(s.page, '[data-test=confirmation]')).toContain(nameOf(i));
      }
      await s.check('commission ready');
      await s.click('[data-test=constitute]');
      expect(await text(s.page, '[data-test=confirmation]')).toContain(
        j.lang === 'kk' ? 'Комиссия құрамы бекітілді' : 'Состав комиссии утверждён',
      );

      // ---- the table (p.102), from the case page's link, with an empty position refused first
      await s.click(`[data-test=commission-terms] a[href="/case/${caseId}"]`);
      await s.click(`a[href="/case/${caseId}/forms/table"]`);
      await s.type(
        '#position-0',
        j.lang === 'kk'
          ? 'Бағалау кезінде растайтын деректер ұсынылмаған.'
          : 'Подтверждающие данные при оценке не представлены.',
      );
      await s.click('[data-test=form-submit]');
      expect(await s.page.isVisible('.govuk-error-summary a[href="#position-1"]')).toBe(true);
      await s.check('table refused');
      await s.type(
        '#position-1',
        j.lang === 'kk' ? 'Әдістеме ерекшелік қарастырмайды.' : 'Методика не предусматривает исключений.',
      );
      await s.click('[data-test=form-submit]');
      await s.click(`a[href="/case/${caseId}/forms/table-submission"]`);
      await s.check('table submission');
      await s.click('[data-test=form-submit]');
      expect(await s.page.isVisible('[data-test=confirmation]')).toBe(true);

      // ---- a meeting (p.103): today at 15:00, the body's representative and its evaluators ticked already
      await s.click(`a[href="${commissionPath}"]`);
      await s.click('[data-test=call-meeting]');
      const day = DateTime.fromISO(live.sut.clock.now().toISOString()).setZone(KZ_ZONE).toISODate()!;
      await s.type('#date', day);
      await s.type('#time', '25:00');
      await s.click('[data-test=form-submit]');
      expect(await s.page.isVisible('.govuk-error-summary a[href="#time"]')).toBe(true);
      await s.check('meeting refused');
      await s.type('#time', '15:00');
      expect(await s.page.$$eval('input[name=invitees]:checked', (list) => list.length)).toBe(3);
      await s.click('[data-test=form-submit]');

      // ---- at 16:00 the attendance: four of five present (the fifth member absent)
      p.at(`${day}T16:00`);
      await s.again(commissionPath);
      await s.click('[data-test=record-attendance]');
      await s.check('attendance');
      for (const i of [j.chairIdx, j.secretaryIdx, j.members[0], j.members[1]])
        await s.tick(await inputFor(s.page, 'present', nameOf(i)));
      await s.click('[data-test=form-submit]');
      expect(await text(s.page, '[data-test=confirmation]')).toMatch(/4/);

      // ---- row 1: a tie (2 for, 2 against) is refused without the chair's vote, then decided by it (p.104)
      await s.click(`[data-test=commission-terms] a[href="/case/${caseId}"]`);
      await s.click(`a[href^="/case/${caseId}/forms/row-decision"]`);
      await s.tick('#decision-2');
      await s.type('#votes-for', '2');
      await s.type('#votes-against', '2');
      await s.type('#votes-abstained', '0');
      await s.type(
        '#rationale',
        j.lang === 'kk' ? 'Әдістемеде ерекшелік қарастырылмаған.' : 'Методика не предусматривает исключений.',
      );
      await s.click('[data-test=form-submit]');
      expect(await text(s.page, '[data-test=refusal]')).toContain(j.lang === 'kk' ? '104-тармақ' : 'пункт 104');
      await s.check('decision refused');
      await s.tick(
        await inputFor(s.page, 'chairVote', j.lang === 'kk' ? 'Төраға жақтап' : 'Председатель голосует «за»'),
      );
      await s.click('[data-test=form-submit]');
      expect(await s.page.isVisible('[data-test=confirmation]')).toBe(true);
      // ---- row 2: agreed 4–0, the claimed score kept
      await s.click(`a[href^="/case/${caseId}/forms/row-decision"]`);
      await s.check('decision');
      await s.tick('#decision');
      await s.type('#votes-for', '4');
      await s.type('#votes-against', '0');
      await s.type('#votes-abstained', '0');
      await s.type('#rationale', j.lang === 'kk' ? 'Құжаттармен расталды.' : 'Подтверждено документами.');
      await s.click('[data-test=form-submit]');
      expect(await s.page.isVisible('[data-test=confirmation]')).toBe(true);
      expect(s.problems).toEqual([]);
      await s.context.close();

      // ---- the chair signs the table (p.105)
      const c = await person(j.chair, 'chair', j.lang, j.phone);
      await c.click(`[data-test=waiting] a[href="/case/${caseId}"]`);
      await c.click(`a[href="/case/${caseId}/forms/signature"]`);
      await c.check('chair signature');
      await c.click('[data-test=form-submit]');
      expect(await c.page.isVisible('[data-test=confirmation]')).toBe(true);
      expect(c.problems).toEqual([]);
      await c.context.close();
      const view = await p.view(caseId);
      expect(view.table.signatures.chair).toBeDefined();
      expect(view.table.rows.map((r: { decision: string }) => r.decision)).toEqual(['disagree', 'agree']);
      expect(view.table.rows[0].vote.chairVote).toBe('for');
    });
  }
});
