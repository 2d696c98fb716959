import axe from 'axe-core';
import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { World } from '../../../src/demo/world';
import { startSeeded } from '../../support/seeded';
import { TestApp } from '../../support/test-app';

/** What the code given to page.evaluate reads in the browser (declared here: the project compiles without the DOM library). */
declare const window: { axe: typeof axe };
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

/** Debian's Chromium (installed by .ci/run when missing), driven by playwright-core; no browser download. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface LiveApp {
  sut: TestApp;
  world: World;
  baseUrl: string;
}

/** The real service with the demo world, listening on a real port of 127.0.0.1 (SQLite, FixedClock). */
export async function startLiveApp(): Promise<LiveApp> {
  const { sut, world } = await startSeeded();
  await sut.app.listen(0, '127.0.0.1');
  const { port } = sut.app.getHttpServer().address() as AddressInfo;
  return { sut, world, baseUrl: `http://127.0.0.1:${port}` };
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A page that records what must never happen: CSP refusals, script errors, failed requests. */
export async function openPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'en-US',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A request cut short because the test moved on to the next page is not a fault of the page.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  return { context, page, problems };
}

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core, injected into the page through the DevTools protocol (the page's CSP stays as served). */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** Per screen and impact, what axe found over the whole suite (printed at the end for the figures). */
export const AXE_TALLY: Record<string, Record<string, number>> = {};

/**
 * The checks every screen passes (with SCREENSHOTS_DIR set, each screen is also saved as a picture): axe-core finds no critical or serious violation (at desktop and phone
 * width), and at 390 px nothing scrolls sideways.
 */
export async function checkScreen(page: Page, screen: string): Promise<void> {
  const started = Date.now();
  const findings: AxeFinding[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    findings.push(...(await axeFindings(page)));
    const shots = process.env.SCREENSHOTS_DIR;
    if (shots)
      await page.screenshot({
        path: `${shots}/${screen.replace(/[^\w-]+/g, '_')}-${viewport.width}.png`,
        fullPage: true,
      });
    if (viewport === PHONE) {
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect({ screen, ...widths, sideways: widths.scroll > widths.client }).toEqual({
        screen,
        ...widths,
        sideways: false,
      });
    }
  }
  await page.setViewportSize(DESKTOP);
  const tally = (AXE_TALLY[screen] ??= {});
  for (const finding of findings) tally[finding.impact ?? 'none'] = (tally[finding.impact ?? 'none'] ?? 0) + 1;
  if (process.env.BROWSER_TIMING) console.log(`checkScreen ${screen}: ${Date.now() - started} ms`);
  if (process.env.AXE_DETAILS)
    for (const f of findings) console.log(screen, f.impact, f.id, f.help, f.targets.join(' | '));
  const grave = findings.filter((f) => f.impact === 'critical' || f.impact === 'serious');
  expect({ screen, grave }).toEqual({ screen, grave: [] });
}

/** The selector of the radio or checkbox named `name` whose label contains `label` (a form picked as a person reads it). */
export async function inputFor(page: Page, name: string, label: string): Promise<string> {
  const id = await page.$$eval(
    `input[name="${name}"]`,
    (inputs, wanted) => {
      for (const input of inputs) {
        const l = input.ownerDocument.querySelector(`label[for="${input.id}"]`);
        if (l && (l.textContent ?? '').includes(wanted)) return input.id;
      }
      return '';
    },
    label,
  );
  if (!id) throw new Error(`no ${name} labelled ${label}`);
  return `#${id}`;
}
