import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { givePassword } from '../support/web';
import { AXE_TALLY, LiveApp, checkScreen, launchBrowser, openPage, startLiveApp } from './support/browser';

/** What the code given to page.evaluate reads in the browser (the project compiles without the DOM library). */
declare const document: {
  activeElement: { classList: { contains(name: string): boolean } } | null;
  querySelectorAll(selector: string): { forEach(each: (element: { value: string }) => void): void };
};

const ONE_TIME = 'Бір-реттік-құпиясөз-7';
const MINE = 'Менің-жаңа-құпиясөзім-2025';

/**
 * The foundation of the web application in a real browser (issue 14): sign-in, wrong password, lockout and
 * its back-off, CSRF refusal, sign-out, idle timeout, forced password change, the language switch, error
 * pages — each screen checked by axe-core in Kazakh and Russian and at 390 px.
 */
describe('Web pages in Chromium: sign-in and the layout', () => {
  let live: LiveApp;
  let browser: Browser;

  beforeAll(async () => {
    [live, browser] = await Promise.all([startLiveApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await live?.sut.close();
    const file = join(tmpdir(), 'appeals-axe-tally.json');
    writeFileSync(file, JSON.stringify(AXE_TALLY, null, 2));

    console.log(
      `axe-core findings per screen and impact (${Object.keys(AXE_TALLY).length} screens): ${JSON.stringify(AXE_TALLY)}`,
    );
  });

  const url = (path: string) => `${live.baseUrl}${path}`;

  /** Clicks what submits a form and waits for the next document to load (after any redirect). */
  async function clickAndLoad(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.click(selector)]);
  }

  async function submitSignIn(page: Page, userName: string, password: string): Promise<void> {
    await page.fill('#userName', userName);
    await page.fill('#password', password);
    await clickAndLoad(page, 'main form button[type=submit]');
  }

  async function changePassword(page: Page, current: string, next: string, confirm = next): Promise<void> {
    await page.fill('#currentPassword', current);
    await page.fill('#newPassword', next);
    await page.fill('#confirmPassword', confirm);
    await clickAndLoad(page, 'main form button[type=submit]');
  }

  const heading = (page: Page) => page.textContent('h1').then((text) => text?.trim());
  const path = (page: Page) => new URL(page.url()).pathname;

  it('signs in with a one-time password, forces the change of password, and shows who the person is — in Kazakh by default', async () => {
    await givePassword(live.sut, live.world.tokens.ascSecretary, 'secretary.asc', ONE_TIME);
    const { context, page, problems } = await openPage(browser);
    await page.goto(url('/'));
    expect(path(page)).toBe('/sign-in');
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    expect(await heading(page)).toBe('Жүйеге кіру');
    // GOV.UK Frontend's script ran (enhancement only): the password field has its show/hide button.
    expect(await page.getAttribute('body', 'class')).toContain('govuk-frontend-supported');
    expect(await page.isVisible('.govuk-password-input__toggle')).toBe(true);
    await checkScreen(page, 'sign-in kk');

    await submitSignIn(page, 'secretary.asc', ONE_TIME);
    expect(path(page)).toBe('/password');
    expect(await page.textContent('.govuk-inset-text')).toContain('Әкімші бір реттік құпиясөз берді');
    await checkScreen(page, 'password (forced) kk');
    // Nowhere else to go until the password is changed.
    await page.goto(url('/'));
    expect(path(page)).toBe('/password');

    await changePassword(page, ONE_TIME, 'qwerty', 'qwertz');
    expect(await page.textContent('.govuk-error-summary')).toContain('Құпиясөзде кемінде 12 таңба болуы керек');
    expect(await page.textContent('#confirmPassword-error')).toContain('Құпиясөздер сәйкес келмейді');
    // The error summary takes the focus (GOV.UK Frontend), so a screen reader hears the problems first.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    expect(await page.title()).toMatch(/^Қате: /);
    await checkScreen(page, 'password with errors kk');

    await changePassword(page, ONE_TIME, MINE);
    expect(path(page)).toBe('/');
    expect(await page.textContent('.govuk-notification-banner')).toContain('Құпиясөз өзгертілді');
    // Home is the work queue; who the person is, on the account page.
    expect(await heading(page)).toBe('Жұмыс кезегі');
    await page.goto(url('/account'));
    const who = await page.textContent('[data-test=who-am-i]');
    expect(who).toContain(live.world.people[1].fullName);
    expect(who).toContain('secretary.asc');
    expect(who).toContain('Комиссия хатшысы');
    expect(who).toContain('Қазақстан Республикасы Мемлекеттік қызмет істері агенттігі');
    expect(await page.textContent('.app-account-bar')).toContain('Комиссия хатшысы');
    expect(await page.textContent('footer')).toContain('Барлық уақыт Астана уақытымен көрсетілген.');
    await checkScreen(page, 'account kk');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('remembers the language chosen before sign-in (a cookie), through sign-in, reloads and new tabs', async () => {
    await givePassword(live.sut, live.world.tokens['agency:MZ'], 'mz.rep', ONE_TIME);
    const { context, page, problems } = await openPage(browser);
    await page.goto(url('/sign-in'));
    await clickAndLoad(page, 'button[name=lang][value=ru]');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await heading(page)).toBe('Вход');
    await checkScreen(page, 'sign-in ru');

    await submitSignIn(page, 'mz.rep', 'not-the-password');
    expect(await page.textContent('.govuk-error-summary')).toContain('Неверное имя пользователя или пароль');
    expect(await page.textContent('#userName-error')).toContain('Ошибка:');
    expect(await page.inputValue('#userName')).toBe('mz.rep');
    expect(await page.inputValue('#password')).toBe('');
    await checkScreen(page, 'sign-in with errors ru');

    await submitSignIn(page, 'mz.rep', ONE_TIME);
    expect(await heading(page)).toBe('Смена пароля');
    await checkScreen(page, 'password (forced) ru');
    await changePassword(page, ONE_TIME, 'mz.rep', 'mz.rep');
    expect(await page.textContent('#newPassword-error')).toContain('не менее 12 символов');
    await checkScreen(page, 'password with errors ru');
    await changePassword(page, ONE_TIME, MINE);
    expect(await page.textContent('h1')).toContain('Рабочая очередь');
    await page.goto(url('/account'));
    expect(await page.textContent('h1')).toContain('Здравствуйте');
    expect(await page.textContent('[data-test=who-am-i]')).toContain(
      'Министерство здравоохранения Республики Казахстан',
    );
    await checkScreen(page, 'account ru');

    await page.goto(url('/'));
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    const tab = await context.newPage();
    await tab.goto(url('/'));
    expect(await tab.getAttribute('html', 'lang')).toBe('ru');
    // Back to Kazakh from the header; the page stays where it was.
    await clickAndLoad(tab, 'button[name=lang][value=kk]');
    expect(path(tab)).toBe('/');
    expect(await tab.getAttribute('html', 'lang')).toBe('kk');
    expect((await context.cookies()).find((c) => c.name === 'appeals-lang')).toMatchObject({
      value: 'kk',
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('locks the user name after 5 wrong passwords and backs off (1, then 2 minutes), by the service clock', async () => {
    await givePassword(live.sut, live.world.tokens['agency:MON'], 'mon.rep', ONE_TIME);
    const { context, page, problems } = await openPage(browser);
    await page.goto(url('/sign-in'));
    for (let i = 1; i <= 4; i++) {
      await submitSignIn(page, 'mon.rep', `wrong-${i}-password`);
      expect(await page.textContent('#userName-error')).toContain('Пайдаланушы аты немесе құпиясөз қате');
    }
    await submitSignIn(page, 'mon.rep', 'wrong-5-password');
    const locked = await page.textContent('#userName-error');
    expect(locked).toMatch(/Сәтсіз әрекеттер тым көп\. Қайта кіруге болатын уақыт: 03\.02\.2025 10:01\./);
    await checkScreen(page, 'sign-in locked kk');
    await submitSignIn(page, 'mon.rep', ONE_TIME);
    expect(await page.textContent('#userName-error')).toContain('Сәтсіз әрекеттер тым көп');

    live.sut.clock.advance(61_000);
    await submitSignIn(page, 'mon.rep', 'wrong-6-password');
    expect(await page.textContent('#userName-error')).toMatch(/уақыт: 03\.02\.2025 10:03/);
    live.sut.clock.advance(61_000);
    await submitSignIn(page, 'mon.rep', ONE_TIME);
    expect(path(page)).toBe('/sign-in');
    live.sut.clock.advance(60_000);
    await submitSignIn(page, 'mon.rep', ONE_TIME);
    expect(path(page)).toBe('/password');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses a form with a forged CSRF token with a 403 page in the person’s language, and the person stays signed in', async () => {
    await givePassword(live.sut, live.world.tokens['agency:MF'], 'mf.rep', ONE_TIME);
    const { context, page } = await openPage(browser);
    await page.goto(url('/sign-in'));
    await submitSignIn(page, 'mf.rep', ONE_TIME);
    await changePassword(page, ONE_TIME, MINE);
    for (const [lang, title] of [
      ['kk', 'Форма қабылданбады'],
      ['ru', 'Форма не принята'],
    ] as const) {
      await context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
      await page.goto(url('/'));
      await page.evaluate(() =>
        document.querySelectorAll('input[name=_csrf]').forEach((input) => (input.value = 'forged')),
      );
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/sign-out')),
        clickAndLoad(page, '[data-test=sign-out]'),
      ]);
      expect(response.status()).toBe(403);
      expect(await heading(page)).toBe(title);
      await checkScreen(page, `403 CSRF ${lang}`);
      await page.goto(url('/'));
      expect(path(page)).toBe('/');
    }
    await context.close();
  });

  it('signs out, and a page opened afterwards asks to sign in again and returns to it', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(url('/sign-in'));
    await submitSignIn(page, 'mf.rep', MINE);
    expect(path(page)).toBe('/');
    await clickAndLoad(page, '[data-test=sign-out]');
    expect(page.url()).toBe(url('/sign-in?signedOut=1'));
    expect(await page.textContent('.govuk-notification-banner')).toContain('Сіз жүйеден шықтыңыз');
    await checkScreen(page, 'signed out kk');
    await page.goto(url('/password'));
    expect(page.url()).toBe(url('/sign-in?next=%2Fpassword'));
    expect(await page.textContent('.govuk-notification-banner')).toContain('Бұл бетті көру үшін жүйеге кіріңіз');
    await submitSignIn(page, 'mf.rep', MINE);
    expect(path(page)).toBe('/password');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('ends the session after 30 minutes without activity (the service clock), saying why', async () => {
    const { context, page, problems } = await openPage(browser);
    await context.addCookies([{ name: 'appeals-lang', value: 'ru', url: live.baseUrl }]);
    await page.goto(url('/sign-in'));
    await submitSignIn(page, 'mf.rep', MINE);
    expect(path(page)).toBe('/');
    live.sut.clock.advance(29 * 60_000);
    await page.reload();
    expect(path(page)).toBe('/');
    live.sut.clock.advance(30 * 60_000);
    await page.reload();
    expect(path(page)).toBe('/sign-in');
    expect(await page.textContent('.govuk-notification-banner')).toContain('Сеанс завершён после 30 мин. бездействия');
    await checkScreen(page, 'session ended ru');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers an unknown address with a 404 page in Kazakh and Russian', async () => {
    const { context, page, problems } = await openPage(browser);
    for (const [lang, title] of [
      ['kk', 'Бет табылмады'],
      ['ru', 'Страница не найдена'],
    ] as const) {
      await context.addCookies([{ name: 'appeals-lang', value: lang, url: live.baseUrl }]);
      const response = await page.goto(url('/no-such-page'));
      expect(response?.status()).toBe(404);
      expect(await heading(page)).toBe(title);
      await checkScreen(page, `404 ${lang}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works without JavaScript: sign-in, the forced password change and sign-out are plain forms', async () => {
    await givePassword(live.sut, live.world.tokens['agency:MSH'], 'msh.rep', ONE_TIME);
    const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(url('/'));
    expect(await page.getAttribute('body', 'class')).not.toContain('js-enabled');
    await submitSignIn(page, 'msh.rep', 'wrong-password-1');
    expect(await page.textContent('.govuk-error-summary')).toContain('Пайдаланушы аты немесе құпиясөз қате');
    await submitSignIn(page, 'msh.rep', ONE_TIME);
    await changePassword(page, ONE_TIME, MINE);
    expect(path(page)).toBe('/');
    await clickAndLoad(page, 'button[name=lang][value=ru]');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await clickAndLoad(page, '[data-test=sign-out]');
    expect(await page.textContent('.govuk-notification-banner')).toContain('Вы вышли из системы');
    expect(problems).toEqual([]);
    await context.close();
  });
});
