import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * The browser our page tests click through: the machine's own Chromium (Debian's `chromium`
 * package; `KG_CHROMIUM` names another binary), headless. Playwright never downloads one.
 */
export function chromiumPath(): string {
  const candidates = [
    process.env.KG_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium found (looked for ${candidates.join(', ')}). Install Debian's chromium ` +
        '(apt-get install chromium; .ci/run does) or set KG_CHROMIUM to a Chromium binary.',
    );
  }
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface GuardedPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page tried to send off this machine (each one was aborted). */
  offHost: string[];
  /** Uncaught errors and console errors of the page, in order. */
  pageErrors: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A fresh page (its own storage, so no test sees another's saved tabs) whose requests may only go
 * to this machine: anything else is aborted and recorded, so a test can assert that the page
 * works offline and sends nothing away. `data:` and `blob:` URLs stay inside the page.
 */
export async function guardedPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport });
  const offHost: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) {
      return route.continue();
    }
    offHost.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { context, page, offHost, pageErrors };
}
