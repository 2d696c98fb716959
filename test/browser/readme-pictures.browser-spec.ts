import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_SIGN_INS } from '../../src/demo/web-sign-in';
import { launchBrowser, openPage } from './support/browser';
import { LiveStory, startLiveStory } from './support/story-app';

/**
 * The pictures of the README (issue 15): the work queue and a case page, as a newcomer would see them, taken from the
 * real service on the demo's story. `README_PICTURES=1 npx jest --selectProjects browser test/browser/readme-pictures`
 * writes them into docs/images/; otherwise into a temporary folder (the pages are still opened and pictured).
 */
describe('The README’s pictures, taken in Chromium', () => {
  let live: LiveStory;
  let browser: Browser;
  const folder = process.env.README_PICTURES
    ? join(__dirname, '..', '..', 'docs', 'images')
    : mkdtempSync(join(tmpdir(), 'appeals-pictures-'));

  beforeAll(async () => {
    [live, browser] = await Promise.all([startLiveStory(DEMO_SIGN_INS, 'auditor'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await live?.sut.close();
  });

  /** A picture of the page at 1280 px; from the heading `from` down when given (a long page's part that tells most). */
  async function picture(userName: string, path: string, file: string, from?: string): Promise<void> {
    const { context, page, problems } = await openPage(browser);
    await context.addCookies([{ name: 'appeals-lang', value: 'ru', url: live.baseUrl }]);
    await live.enter(context, userName);
    await page.setViewportSize({ width: 1280, height: 960 });
    await page.goto(`${live.baseUrl}${path}`);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    const top = from ? Math.max(0, ((await page.locator(from).boundingBox())?.y ?? 0) - 64) : 0;
    await page.screenshot({
      path: join(folder, file),
      fullPage: true,
      clip: { x: 0, y: top, width: 1280, height: 960 },
    });
    expect(statSync(join(folder, file)).size).toBeGreaterThan(20_000);
    expect(problems).toEqual([]);
    await context.close();
  }

  it('the work queue of an authority officer (what waits for them, the terms and days left)', async () => {
    await picture('mdai.officer', '/', 'work-queue.png');
  });

  it('a form: the body’s objection, with the disputed indicators of its conclusion and the term it runs against', async () => {
    await picture(
      'mio.rep',
      `/case/${live.story.caseIds['personnel:MIO']}/forms/objection`,
      'objection-form.png',
      'h1',
    );
  });

  it('a case page, as the commission secretary sees it', async () => {
    await picture('asc.secretary', `/case/${live.story.caseIds['personnel:MT']}`, 'case-page.png', '#now');
  });
});
