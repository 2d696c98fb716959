import type { Browser, Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { KZ_ZONE } from '../../src/calendar/calendar-rules';
import { hashPassword } from '../../src/sign-in/password-hash';
import { AccountCredentialEntity } from '../../src/sign-in/sign-in.entities';
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

/** One password per person, set the way the demo's sign-in set-up does (a credential row, hashed once per person). */
const PASSWORD = (userName: string) => `Сынақ-${userName}-2026!`;

/** Clicks and typed fields per role and journey (issue 15's figures), printed as a table at the end. */
const EFFORT: Record<string, Record<string, { clicks: number; typed: number }>> = {};
const TIMES: Record<string, number> = {};
const row = (journey: string, role: string, clicks: number, typed: number) =>
  `| ${journey.padEnd(10)} | ${role.padEnd(27)} | ${String(clicks).padStart(6)} | ${String(typed).padStart(5)} |`;

const pdf = (text: string) =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
      `% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'utf8',
  );

/**
 * Issue 15's journey in Chromium BY CLICKING ONLY, from the issued conclusion to the closed case: the authority's
 * officer issues the conclusion (p.95/p.97), the body objects with two documents (p.98), the secretary forms the
 * commission — a member in conflict of interest refused (p.100), then constituted (p.101) — draws up and submits the
 * table (p.102), calls a meeting inviting the p.103 parties and records attendance, records the decisions with the
 * vote, one a tie decided by the chair's casting vote (p.104); the representative refuses to sign with a reason and
 * the chair signs (p.105); the officer dispatches the results (p.106) and issues the corrected conclusion (p.107);
 * the body appeals to the Presidential Administration (p.108), which revises the scores, and the case is closed.
 * Every person signs in through the sign-in form with their own user name and password. The test sets only the world
 * (bodies, people, accounts, passwords) and the service's clock (the terms run in working days); every step is a
 * click. Once in Kazakh at desktop width (MZ, personnel), once in Russian at 390 px (MON, IT): independent cases.
 */
describe('The whole procedure by clicking only, every role signed in with its own password (issue 15)', () => {
  let live: LiveApp;
  let browser: Browser;
  let p: ReturnType<typeof procedure>;

  beforeAll(async () => {
    [live, browser] = await Promise.all([startLiveApp(), launchBrowser()]);
    p = procedure(live.sut, supertestApi(live.sut), live.world);
    // Set-up, not a step: each role's user name and password (as startLiveStory / giveDemoSignIn give them).
    const keys = ['ascOfficer', 'ascSecretary', 'ascChair', 'mdaiOfficer', 'mdaiSecretary', 'mdaiChair', 'pa'];
    for (const key of [...keys, 'agency:MZ', 'agency:MON']) {
      const me = await p.ok(p.get('/api/v1/accounts/me', live.world.tokens[key]), `me ${key}`);
      await live.sut.dataSource.manager.insert(AccountCredentialEntity, {
        accountId: me.id,
        userName: userNameOf(key),
        passwordHash: await hashPassword(PASSWORD(userNameOf(key))),
        mustChange: false,
        passwordSetAt: live.sut.clock.now().toISOString(),
        passwordSetBy: me.id,
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await live?.sut.close();
    const rows: string[] = [];
    for (const [journey, roles] of Object.entries(EFFORT)) {
      let clicks = 0;
      let typed = 0;
      for (const [role, e] of Object.entries(roles)) {
        rows.push(row(journey, role, e.clicks, e.typed));
        clicks += e.clicks;
        typed += e.typed;
      }
      rows.push(row(journey, 'all roles', clicks, typed));
    }
    console.log(
      `Clicks and typed fields per role (sign-in included: 1 click, 2 fields each time):\n` +
        `| journey    | role                        | clicks | typed |\n|---|---|---:|---:|\n${rows.join('\n')}\n` +
        `Journey wall time: ${Object.entries(TIMES)
          .map(([j, ms]) => `${j} ${(ms / 1000).toFixed(1)} s`)
          .join(', ')}\naxe-core findings per screen: ${JSON.stringify(AXE_TALLY)}`,
    );
  });

  const userNameOf = (key: string) => key.replace('agency:', 'rep.').toLowerCase();
  const url = (path: string) => `${live.baseUrl}${path}`;
  const text = async (page: Page, selector: string) =>
    ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
  const path = (page: Page) => new URL(page.url()).pathname;

  /**
   * A person at their own browser: a fresh context, the sign-in form filled and sent (1 click, 2 typed fields).
   * Every action is counted for the role.
   */
  async function signIn(journey: string, role: string, key: string, lang: Lang, phone: boolean) {
    const opened = await openPage(browser);
    const { page, context, problems } = opened;
    await context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
    if (phone) await page.setViewportSize(PHONE);
    const tally = ((EFFORT[journey] ??= {})[role] ??= { clicks: 0, typed: 0 });
    const restore = async () => {
      if (phone) await page.setViewportSize(PHONE);
    };
    const person = {
      page,
      problems,
      async click(selector: string) {
        tally.clicks++;
        try {
          await Promise.all([page.waitForEvent('load', { timeout: 15_000 }), page.click(selector, { timeout: 5_000 })]);
        } catch (error) {
          console.log(
            `${role}: the click on ${selector} did not load a page at ${page.url()}:`,
            (await page.content())
              .replace(/<script[\s\S]*?<\/script>/g, '')
              .replace(/<[^>]+>/g, ' ')
              .replace(/\s+/g, ' ')
              .slice(0, 3000),
            problems,
          );
          throw error;
        }
      },
      /** A click on a radio button or checkbox (no page load). */
      async tick(selector: string) {
        tally.clicks++;
        await page.check(selector);
      },
      async type(selector: string, value: string) {
        tally.typed++;
        await page.fill(selector, value);
      },
      async choose(selector: string, value: string) {
        tally.clicks++;
        await page.selectOption(selector, value);
      },
      /** Files chosen in the file picker (one click on the picker). */
      async files(selector: string, files: Array<{ name: string; mimeType: string; buffer: Buffer }>) {
        tally.clicks++;
        await page.setInputFiles(selector, files);
      },
      async check(screen: string) {
        await checkScreen(page, `${screen} ${lang}`);
        await restore();
      },
      /** The step went through: back on a page with a confirmation, no error, refusal or stale notice. */
      async landed() {
        const said = await page.$$eval('.govuk-error-summary, [data-test=refusal], [data-test=stale]', (l) =>
          l
            .map((e) => {
              const links = [...e.querySelectorAll('a')].map((a) => a.getAttribute('href')).join(' ');
              return `${(e.textContent ?? '').replace(/\s+/g, ' ').trim()} ${links}`.trim();
            })
            .join(' | '),
        );
        expect({ role, at: path(page), said }).toEqual({ role, at: path(page), said: '' });
        expect(await page.isVisible('[data-test=confirmation]')).toBe(true);
      },
      async done() {
        expect({ role, problems }).toEqual({ role, problems: [] });
        await context.close();
      },
    };
    await page.goto(url('/'));
    expect(path(page)).toBe('/sign-in');
    const userName = userNameOf(key);
    await person.type('#userName', userName);
    await person.type('#password', PASSWORD(userName));
    await person.click('main form button[type=submit]');
    expect(path(page)).toBe('/');
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    return person;
  }

  const journeys = [
    {
      lang: 'kk' as const,
      phone: false,
      body: 'MZ',
      direction: 'personnel' as const,
      officer: 'ascOfficer',
      secretary: 'ascSecretary',
      chair: 'ascChair',
      evaluators: [6, 7],
      chairIdx: 0,
      secretaryIdx: 1,
      members: [2, 3, 4],
      conflictIdx: 6,
      start: '2025-03-03',
    },
    {
      lang: 'ru' as const,
      phone: true,
      body: 'MON',
      direction: 'it' as const,
      officer: 'mdaiOfficer',
      secretary: 'mdaiSecretary',
      chair: 'mdaiChair',
      evaluators: [10, 11],
      chairIdx: 8,
      secretaryIdx: 9,
      members: [5, 6, 7],
      conflictIdx: 10,
      start: '2025-03-17',
    },
  ];

  const SAYS = {
    kk: {
      chair: 'Төраға',
      secretary: 'Хатшы',
      member: 'Мүше',
      constituted: 'Комиссия құрамы бекітілді',
      p100: '100-тармақ',
      p104: '104-тармақ',
      chairFor: 'Төраға жақтап',
      position: 'Бағалау кезінде растайтын деректер ұсынылмаған.',
      position2: 'Әдістеме ерекшелік қарастырмайды.',
      argument: 'Көрсеткіш бұйрықтармен расталады: құжаттар қоса беріледі.',
      argument2: 'Есеп әдістемеге сай жүргізілді, анықтама қоса беріледі.',
      rationale: 'Әдістемеде ерекшелік қарастырылмаған.',
      rationale2: 'Құжаттармен расталды.',
      refusal: 'Бірінші жол бойынша шешіммен келіспейміз: құжаттар ескерілмеді.',
      appeal: 'Бірінші көрсеткіш бойынша шешіммен келіспейміз, құжаттар қоса беріледі.',
      correction: 'Арнаулы комиссияның шешімі бойынша түзетілді.',
      revisedNote: 'Құжаттар бойынша балл қайта қаралды.',
    },
    ru: {
      chair: 'Председатель',
      secretary: 'Секретарь',
      member: 'Член комиссии',
      constituted: 'Состав комиссии утверждён',
      p100: 'пункт 101',
      p104: 'пункт 104',
      chairFor: 'Председатель голосует «за»',
      position: 'Подтверждающие данные при оценке не представлены.',
      position2: 'Методика не предусматривает исключений.',
      argument: 'Показатель подтверждается приказами, документы приложены.',
      argument2: 'Расчёт выполнен по методике, справка приложена.',
      rationale: 'Методика не предусматривает исключений.',
      rationale2: 'Подтверждено документами.',
      refusal: 'Не согласны с решением по первой строке: документы не учтены.',
      appeal: 'Не согласны с решением по первому показателю, документы приложены.',
      correction: 'Исправлено по решению специальной комиссии.',
      revisedNote: 'Балл пересмотрен по документам.',
    },
  };

  for (const j of journeys) {
    const name = `${j.lang}${j.phone ? ' 390 px' : ''}`;
    const steps =
      'conclusion → objection (2 documents) → commission (conflict refused) → table → meeting → votes (tie, chair)' +
      ' → refusal to sign, chair signs → dispatch → correction → appeal → PA revises → closed';
    it(`${name}: ${steps}`, async () => {
      const started = Date.now();
      const say = SAYS[j.lang];
      const nameOf = (i: number) => live.world.people[i].fullName;
      const person = (role: string, key: string) => signIn(name, role, key, j.lang, j.phone);
      const rep = `agency:${j.body}`;
      const at = (day: number, time: string) =>
        p.at(`${DateTime.fromISO(j.start, { zone: KZ_ZONE }).plus({ days: day }).toISODate()}T${time}`);

      // ---- p.95/p.97: the officer issues the conclusion from the work queue (an empty form refused first)
      at(0, '10:00');
      const o = await person('authority officer', j.officer);
      await o.click('[data-test=new-case]');
      await o.click('[data-test=form-submit]');
      expect(await o.page.isVisible('.govuk-error-summary')).toBe(true);
      await o.check('new conclusion error');
      await o.choose('#target', `${j.body}|${j.direction}`);
      const scoreFields = await o.page.$$eval(`input[id^="score-${j.direction}-"]`, (l) => l.map((i) => i.id));
      expect(scoreFields.length).toBeGreaterThanOrEqual(2);
      for (const f of scoreFields) await o.type(`#${f}`, '2');
      for (const i of j.evaluators) await o.tick(await inputFor(o.page, 'evaluators', nameOf(i)));
      await o.check('new conclusion');
      await o.click('[data-test=form-submit]');
      const caseId = /^\/case\/([^/]+)$/.exec(path(o.page))?.[1] ?? '';
      expect(caseId).not.toBe('');
      await o.landed();
      await o.done();

      // ---- p.98: the representative objects to two indicators with two documents (an empty objection refused first)
      at(0, '11:00');
      const r = await person('representative', rep);
      await r.click(`[data-test=waiting] a[href="/case/${caseId}"]`);
      await r.click(`a[data-test=action-link][href="/case/${caseId}/forms/objection"]`);
      await r.click('[data-test=form-submit]');
      expect(await r.page.isVisible('.govuk-error-summary')).toBe(true);
      await r.check('objection error');
      await r.files('#documents', [
        { name: 'Бұйрықтар.pdf', mimeType: 'application/pdf', buffer: pdf(`orders ${j.body}`) },
        { name: 'Анықтама.pdf', mimeType: 'application/pdf', buffer: pdf(`reference ${j.body}`) },
      ]);
      await r.page.waitForFunction(
        () =>
          (
            globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
          ).document.querySelectorAll('[data-test=uploaded] li').length === 2,
      );
      await r.tick('#disputed');
      await r.tick('#disputed-1');
      await r.type('#item-0-claimed', '4');
      await r.type('#item-0-argument', say.argument);
      await r.type('#item-1-claimed', '5');
      await r.type('#item-1-argument', say.argument2);
      await r.click('[data-test=form-submit]');
      await r.landed();
      expect(path(r.page)).toBe(`/case/${caseId}`);
      await r.done();

      // ---- p.100/p.101: the secretary forms the commission; a member in conflict refused naming who, then constituted
      at(1, '10:00');
      const s = await person('commission secretary', j.secretary);
      await s.click('[data-test=waiting] a[href^="/new-commission"]');
      await s.click('[data-test=form-submit]');
      const commissionPath = path(s.page);
      await s.click('[data-test=add-member]');
      const conflicted = await inputFor(s.page, 'person', nameOf(j.conflictIdx));
      expect(await text(s.page, `${conflicted}-item-hint`)).toContain(j.body);
      await s.tick(conflicted);
      await s.tick(await inputFor(s.page, 'role', say.member));
      await s.click('[data-test=form-submit]');
      const refusal = await text(s.page, '#person-error');
      expect(refusal).toContain(nameOf(j.conflictIdx));
      expect(refusal).toContain(j.body);
      expect(refusal).toContain(say.p100);
      await s.check('member refused (conflict of interest)');
      const adds: Array<[number, 'chair' | 'secretary' | 'member']> = [
        [j.chairIdx, 'chair'],
        [j.secretaryIdx, 'secretary'],
        ...j.members.map((i) => [i, 'member'] as [number, 'member']),
      ];
      for (const [i, role] of adds) {
        if (path(s.page) !== `${commissionPath}/forms/member-add`) await s.click('[data-test=add-member]');
        await s.tick(await inputFor(s.page, 'person', nameOf(i)));
        await s.tick(await inputFor(s.page, 'role', say[role]));
        await s.click('[data-test=form-submit]');
        expect(await text(s.page, '[data-test=confirmation]')).toContain(nameOf(i));
      }
      await s.click('[data-test=constitute]');
      expect(await text(s.page, '[data-test=confirmation]')).toContain(say.constituted);

      // ---- p.102: the table (the authority's position per disputed item), submitted to the commission
      await s.click(`[data-test=commission-terms] a[href="/case/${caseId}"]`);
      await s.click(`a[href="/case/${caseId}/forms/table"]`);
      await s.type('#position-0', say.position);
      await s.type('#position-1', say.position2);
      await s.check('table');
      await s.click('[data-test=form-submit]');
      await s.click(`a[href="/case/${caseId}/forms/table-submission"]`);
      await s.click('[data-test=form-submit]');
      await s.landed();

      // ---- p.103: a meeting today at 15:00 inviting the body's representative and its evaluators
      await s.click(`a[href="${commissionPath}"]`);
      await s.click('[data-test=call-meeting]');
      const day = DateTime.fromISO(live.sut.clock.now().toISOString()).setZone(KZ_ZONE).toISODate()!;
      await s.type('#date', day);
      await s.type('#time', '15:00');
      // p.103: the body's representative and every employee who evaluated it (the conclusion's evaluators), ticked.
      const invited = await s.page.$$eval('input[name=invitees]:checked', (list) =>
        list.map((i) => i.ownerDocument.querySelector(`label[for="${i.id}"]`)?.textContent ?? ''),
      );
      expect(invited).toHaveLength(3);
      for (const i of j.evaluators) expect(invited.join(' ')).toContain(nameOf(i));
      expect(invited.join(' ')).toContain(j.body);
      await s.check('meeting');
      await s.click('[data-test=form-submit]');
      await s.done();

      // ---- at 16:00: attendance (four of five), then the decisions: a tie decided by the chair's vote (p.104)
      at(1, '16:00');
      const s2 = await person('commission secretary', j.secretary);
      await s2.click(`[data-test=waiting] a[href="${commissionPath}"]`);
      await s2.click('[data-test=record-attendance]');
      for (const i of [j.chairIdx, j.secretaryIdx, j.members[0], j.members[1]])
        await s2.tick(await inputFor(s2.page, 'present', nameOf(i)));
      await s2.click('[data-test=form-submit]');
      expect(await text(s2.page, '[data-test=confirmation]')).toMatch(/4/);
      await s2.click(`[data-test=commission-terms] a[href="/case/${caseId}"]`);
      await s2.click(`a[href^="/case/${caseId}/forms/row-decision"]`);
      await s2.tick('#decision-2');
      await s2.type('#votes-for', '2');
      await s2.type('#votes-against', '2');
      await s2.type('#votes-abstained', '0');
      await s2.type('#rationale', say.rationale);
      await s2.click('[data-test=form-submit]');
      expect(await text(s2.page, '[data-test=refusal]')).toContain(say.p104);
      await s2.check('decision refused (tie without the chair)');
      await s2.tick(await inputFor(s2.page, 'chairVote', say.chairFor));
      await s2.click('[data-test=form-submit]');
      await s2.landed();
      await s2.click(`a[href^="/case/${caseId}/forms/row-decision"]`);
      await s2.tick('#decision');
      await s2.type('#votes-for', '4');
      await s2.type('#votes-against', '0');
      await s2.type('#votes-abstained', '0');
      await s2.type('#rationale', say.rationale2);
      await s2.click('[data-test=form-submit]');
      await s2.landed();
      await s2.done();

      // ---- p.105: the chair opens the signature form; meanwhile the representative refuses to sign, with a reason,
      // within its signature term (the chair alone completes the table only once that term ran out: here the
      // representative answered, so both parties' answers are on the table); the chair's form, now stale, says what
      // changed, and the chair signs
      at(1, '17:00');
      const c = await person('chair', j.chair);
      await c.click(`[data-test=waiting] a[href="/case/${caseId}"]`);
      await c.click(`a[data-test=action-link][href="/case/${caseId}/forms/signature"]`);
      await c.check('signature (chair)');

      const r2 = await person('representative', rep);
      await r2.click(`[data-test=waiting] a[href="/case/${caseId}"]`);
      await r2.click(`a[data-test=action-link][href="/case/${caseId}/forms/signature"]`);
      // The form names the term it runs against: the command's term is D3 (the results, p.106), not the
      // representative's own signature term (v2's default, p.105) — see the report.
      expect(await text(r2.page, '[data-test=form-term]')).toContain('D3');
      await r2.click('[data-test=form-submit]');
      expect(await r2.page.isVisible('.govuk-error-summary a[href="#answer"]')).toBe(true);
      await r2.check('signature error (representative)');
      await r2.tick('#answer-2');
      await r2.type('#refusalReason', say.refusal);
      await r2.click('[data-test=form-submit]');
      await r2.landed();
      await r2.done();

      await c.click('[data-test=form-submit]');
      expect(await c.page.isVisible('[data-test=stale]')).toBe(true);
      await c.check('signature stale (chair)');
      await c.click('[data-test=form-submit]');
      await c.landed();
      await c.done();

      // ---- p.106/p.107: the officer dispatches the results, then issues the corrected conclusion (previewed)
      at(2, '10:00');
      const o2 = await person('authority officer', j.officer);
      await o2.click(`[data-test=waiting] a[href="/case/${caseId}"]`);
      await o2.click(`a[data-test=action-link][href="/case/${caseId}/forms/dispatch"]`);
      await o2.check('dispatch');
      await o2.click('[data-test=form-submit]');
      await o2.landed();
      await o2.click(`a[data-test=action-link][href="/case/${caseId}/forms/correction"]`);
      // The preview: only the agreed row changes, from the conclusion's score (2) to the claimed one (5).
      const changed = await o2.page.$$eval('[data-test=correction-preview] tr[data-changed] td', (cells) =>
        cells.map((c) => (c.textContent ?? '').trim()),
      );
      expect(changed.slice(1)).toEqual(['2', '5']);
      await o2.check('correction');
      await o2.type('#reason', say.correction);
      await o2.click('[data-test=form-submit]');
      await o2.landed();
      await o2.done();

      // ---- p.108: the body appeals to the Presidential Administration with its reason and a document
      at(2, '12:00');
      const r3 = await person('representative', rep);
      await r3.click(`[data-test=waiting] a[href="/case/${caseId}"]`);
      await r3.click(`a[data-test=action-link][href="/case/${caseId}/forms/escalation"]`);
      await r3.click('[data-test=form-submit]');
      expect(await r3.page.isVisible('.govuk-error-summary')).toBe(true);
      await r3.check('escalation error');
      await r3.type('#reason', say.appeal);
      await r3.files('#documents', [
        { name: 'Шағым.pdf', mimeType: 'application/pdf', buffer: pdf(`appeal ${j.body}`) },
      ]);
      await r3.page.waitForFunction(
        () =>
          (
            globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
          ).document.querySelectorAll('[data-test=uploaded] li').length === 1,
      );
      await r3.click('[data-test=form-submit]');
      await r3.landed();
      await r3.done();

      // ---- p.108: the Presidential Administration revises the first score (revised without scores refused first)
      at(3, '10:00');
      const a = await person('Presidential Administration', 'pa');
      await a.click(`[data-test=waiting] a[href="/case/${caseId}"]`);
      await a.click(`a[data-test=action-link][href="/case/${caseId}/forms/escalation-outcome"]`);
      await a.tick('#outcome-2');
      await a.click('[data-test=form-submit]');
      expect(await a.page.isVisible('.govuk-error-summary')).toBe(true);
      await a.check('escalation outcome error');
      await a.tick('#outcome-2');
      await a.type('#score-0', '4');
      await a.type('#note', say.revisedNote);
      await a.click('[data-test=form-submit]');
      await a.landed();
      await a.check('case closed');
      await a.done();

      // What the clicks did (read after the journey through the API, for the assertions only).
      const view = await p.view(caseId);
      expect(view.state).toBe('closed');
      expect(view.documents.length).toBeGreaterThanOrEqual(2);
      expect(view.disputedItems.length).toBe(2);
      const [tie, agreed] = view.table.rows;
      expect(tie.decision).toBe('disagree');
      expect(tie.vote).toMatchObject({ for: 2, against: 2, chairVote: 'for' });
      expect(agreed.decision).toBe('agree');
      expect(view.table.signatures.agencyRefusal.reason).toBe(say.refusal);
      expect(view.table.signatures.chair).toBeDefined();
      // p.105 (v2): the representative answered within its own signature term, so the chair did not complete alone.
      expect(view.deadlines.signature).toBeDefined();
      expect(Date.parse(view.table.signatures.agencyRefusal.at)).toBeLessThan(Date.parse(view.deadlines.signature));
      expect(view.table.signatures.agencyNonSignature).toBeUndefined();
      const commission = await p.ok(
        p.get(`/api/v1/commissions/${commissionPath.split('/').pop()}`, live.world.tokens.auditor),
        'commission',
      );
      expect(commission.constituted).toBe(true);
      const members = commission.members as Array<{ iin: string; role: string }>;
      expect(members.map((m) => m.role).sort()).toEqual(['chair', 'member', 'member', 'member', 'secretary']);
      expect(members.map((m) => m.iin)).not.toContain(live.world.people[j.conflictIdx].iin);
      expect(commission.meetings[0].presentCount).toBe(4);
      // p.108: the PA's revision is a new version of the conclusion after the correction's (1 → 2 → 3).
      expect(view.outcome).toBe('revised');
      expect(view.conclusionVersion).toBe(3);
      expect(view.escalation.reason).toBe(say.appeal);
      TIMES[name] = Date.now() - started;
    });
  }
});
