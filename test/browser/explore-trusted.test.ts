import { TEST_PORTS } from '../support/test-config.ts';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { guardedPage, launchChromium } from '../support/browser.ts';
import { readSeed, screenshot } from '../support/explorer.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { startTestServer, stopServer } from '../support/test-server.ts';

const PORT = TEST_PORTS.browserHttp.exploreTrusted;
const BASE = `http://127.0.0.1:${PORT}`;
const seed = readSeed();

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  // A production server: listed documents only, no introspection, no GraphiQL.
  server = await startTestServer(PORT, {
    NODE_ENV: 'production',
    KG_TRUSTED_DOCUMENTS: 'only',
  });
  expect(server.output()).toContain('listed ones only');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
});

it('works on a server that runs trusted documents only', async () => {
  // The server does refuse a document that is not listed...
  const refused = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ search(text: "Blue Pill") { id } }' }),
  });
  expect(JSON.stringify(await refused.json())).toContain('PERSISTED_QUERY_ONLY');

  // ...and every request of the explorer is answered.
  const guarded = await guardedPage(browser);
  const { page } = guarded;
  const answers: Promise<string>[] = [];
  page.on('response', (response: Response) => {
    if (new URL(response.url()).pathname === '/graphql') {
      answers.push(response.text().then((body) => `${response.status()} ${body}`));
    }
  });
  const bluePill = seed.byName('Blue Pill');
  await page.goto(`${BASE}/explore`);
  const box = page.getByRole('combobox', { name: 'Search the graph' });
  await box.click();
  await page.keyboard.type('Blue Pill', { delay: 20 });
  await page.locator(`[role="option"][data-id="${bluePill.id}"]`).click();
  await page.waitForURL(`${BASE}/explore/entity/${bluePill.id}`);
  const dismissers = page.locator(
    '[data-claims="claims-about"] [data-stance="DISMISSES"] .speaker-name',
  );
  await dismissers.first().waitFor();
  expect((await dismissers.allInnerTexts()).length).toBeGreaterThan(0);
  await page.locator('.graph-canvas[data-drawn="true"]').waitFor();

  const views = [
    `/explore/path?from=${seed.byName('Joanna Rutkowska').id}&to=${seed.byName('Citrix').id}`,
    `/explore/timeline/${seed.byName('Citrix').id}`,
    `/explore/stance/${bluePill.id}`,
    `/explore/entity/${seed.byName('Simon Crosby').id}`,
  ];
  for (const view of views) {
    await page.goto(BASE + view);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main [role="alert"]').count(), view).toBe(0);
    expect(await page.locator('main .state.loading').count(), view).toBe(0);
  }
  await screenshot(page, 'explore-trusted-only');

  const bodies = await Promise.all(answers);
  expect(bodies.length).toBeGreaterThan(8);
  for (const body of bodies) {
    expect(body.startsWith('200 '), body.slice(0, 300)).toBe(true);
    expect(body, body.slice(0, 300)).not.toContain('"errors"');
  }
  expect(guarded.offHost).toEqual([]);
  expect(guarded.pageErrors).toEqual([]);
});
