/**
 * A real browser for the HTML report's tests: Debian's chromium driven by playwright-core (never a
 * downloaded browser), with a fresh profile, and every request that is not `file:` or `data:`
 * aborted and recorded, so a test can fail on any attempt to reach the network.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.IAC_COMPARE_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Set by .ci/run: in CI the browser tests always run, and a missing browser fails them. */
export const BROWSER_REQUIRED = process.env.IAC_COMPARE_REQUIRE_BROWSER === '1';

/** Where the tests put their screenshots (ignored by git; CI keeps the folder as its test output). */
export const SCREENSHOTS = join(import.meta.dirname, '..', 'test-output', 'html-report');

export interface Browser {
  readonly context: BrowserContext;
  /** Every URL but file: and data: that the pages tried to load. */
  readonly attempted: string[];
  open(file: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'iac-compare-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 900 },
  });
  const attempted: string[] = [];
  const local = (url: string) => url.startsWith('file:') || url.startsWith('data:');
  await context.route(
    (url) => !local(url.href),
    async (route) => {
      if (!attempted.includes(route.request().url())) attempted.push(route.request().url());
      await route.abort();
    },
  );
  context.on('request', (request) => {
    if (!request.url().startsWith('file:') && !attempted.includes(request.url()))
      attempted.push(request.url());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    attempted,
    async open(file: string) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`file://${file}`);
      await page.waitForSelector('#app[data-ready="true"]', { timeout: 30_000 }).catch(() => {
        throw new Error(`the page did not render: ${errors.join('; ') || 'no script error reported'}`);
      });
      if (errors.length > 0) throw new Error(`script errors: ${errors.join('; ')}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
