import { createHash } from 'node:crypto';
import { TEST_PORTS } from '../support/test-config.ts';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { guardedPage, launchChromium } from '../support/browser.ts';
import { readSeed, screenshot, seriousViolations } from '../support/explorer.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { startTestServer, stopServer } from '../support/test-server.ts';

const PORT = TEST_PORTS.browserHttp.exploreTrusted;
const BASE = `http://127.0.0.1:${PORT}`;
const seed = readSeed();
/** A reader's key, configured by its hash as an operator would. */
const KEY = 'kg_explorer-reader-0123456789abcdef';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The page's errors, but for Chromium's console line on each refused (401) request. */
const errorsBesidesRefusals = (errors: string[]) =>
  errors.filter((e) => !e.includes('the server responded with a status of 401'));

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  // A locked-down production server: listed documents only, no introspection, no GraphiQL, and
  // reads need a key.
  server = await startTestServer(PORT, {
    NODE_ENV: 'production',
    KG_TRUSTED_DOCUMENTS: 'only',
    KG_READS: 'key',
    KG_API_KEYS: `analyst:reader:${sha256(KEY)}`,
  });
  expect(server.output()).toContain('listed ones only');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
});

it('asks for a key, says when it is refused, and sends the one accepted with every request', async () => {
  const guarded = await guardedPage(browser);
  const { page } = guarded;
  await page.goto(`${BASE}/explore`);
  const form = page.getByRole('form', { name: 'This server needs a key to answer' });
  await form.waitFor();
  expect(await form.getByRole('alert').innerText()).toContain('Authorization: Bearer');
  expect(await seriousViolations(page), 'axe with the key form').toEqual([]);
  await screenshot(page, 'explore-key-form');

  const field = form.getByLabel('API key or token');
  await field.fill('kg_not-a-key-of-this-server');
  await field.press('Enter');
  await expect
    .poll(() => form.getByRole('alert').innerText())
    .toContain('It refused the key entered: The key in the Authorization header is not valid');

  await field.fill(KEY);
  await form.getByRole('button', { name: 'Use this key' }).click();
  await form.waitFor({ state: 'detached' });
  // The home view ran again with the key: its topics are listed.
  await page
    .locator(`main a[href="/explore/entity/${seed.byName('Blue Pill').id}"]`)
    .first()
    .waitFor();
  expect(await page.locator('main [role="alert"]').count()).toBe(0);
  // No GraphiQL in production: the footer does not link to a page that is not there.
  expect(await page.locator('footer a[href="/graphql"]').count()).toBe(0);
  expect(await page.locator('footer').innerText()).toContain('it answers GraphQL at /graphql');

  // It lasts for the tab (a reload), and is sent no more once forgotten.
  await page.reload();
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(await form.count()).toBe(0);
  await page.getByRole('button', { name: 'Forget the key' }).click();
  await form.waitFor();
  expect(await page.getByRole('button', { name: 'Forget the key' }).count()).toBe(0);
  expect(guarded.offHost).toEqual([]);
  expect(errorsBesidesRefusals(guarded.pageErrors)).toEqual([]);
});

it('works on a server that runs trusted documents only', async () => {
  const withKey = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` };
  // The server does refuse a request without a key, and a document that is not listed...
  const query = JSON.stringify({ query: '{ search(text: "Blue Pill") { id } }' });
  const anonymous = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: query,
  });
  expect(anonymous.status).toBe(401);
  const refused = await fetch(`${BASE}/graphql`, { method: 'POST', headers: withKey, body: query });
  expect(JSON.stringify(await refused.json())).toContain('PERSISTED_QUERY_ONLY');

  // ...and, once the key is entered, every request of the explorer is answered.
  const guarded = await guardedPage(browser);
  const { page } = guarded;
  await page.goto(`${BASE}/explore`);
  const form = page.getByRole('form', { name: 'This server needs a key to answer' });
  await form.getByLabel('API key or token').fill(KEY);
  await form.getByLabel('API key or token').press('Enter');
  await form.waitFor({ state: 'detached' });
  const answers: Promise<string>[] = [];
  page.on('response', (response: Response) => {
    if (new URL(response.url()).pathname === '/graphql') {
      answers.push(response.text().then((body) => `${response.status()} ${body}`));
    }
  });
  const bluePill = seed.byName('Blue Pill');
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
  // Only the first requests, sent before the key was entered, were refused.
  expect(errorsBesidesRefusals(guarded.pageErrors)).toEqual([]);
});
