import { TEST_PORTS } from '../support/test-config.ts';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import {
  asGraphiQLSendsIt,
  EXAMPLES,
  type Example,
  GRAPHIQL_TABS,
  SUBSCRIPTION_EXAMPLE,
} from '../../src/graphql/examples.ts';
import { documentId, loadTrustedDocuments } from '../../src/graphql/trusted-documents.ts';
import { type GuardedPage, guardedPage, launchChromium } from '../support/browser.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { startTestServer, stopServer } from '../support/test-server.ts';

/**
 * GraphiQL as a person uses it: `npm start`'s server with the seed imported, headless Chromium,
 * real mouse clicks and keys. Every example tab must open with its variables and answer data.
 */

const PORT = TEST_PORTS.browserHttp.graphiql;
const PAGE = `http://localhost:${PORT}/graphql`;
const ARTIFACTS = path.join(projectRoot, 'test-artifacts');

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  // The graph was wiped before this file: the server imports the seed as `npm start` does.
  server = await startTestServer(PORT, {
    KG_IMPORT_SEED: 'true',
  });
  expect(server.output()).toMatch(/The graph was empty: imported \d+ seed articles/);
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
});

/** A fresh context each (its own storage), closed with the browser. */
const openPage = () => guardedPage(browser);

async function openGraphiQL(page: Page): Promise<void> {
  await page.goto(PAGE);
  await page.getByRole('tab').first().waitFor();
  await expect
    .poll(() => editorText(page, 'query'), {
      timeout: 30_000,
      message: 'the query editor is empty',
    })
    .not.toBe('');
}

/** The text of an editor as shown (Monaco shows spaces as no-break spaces). */
async function editorText(page: Page, editor: 'query' | 'variables' | 'headers'): Promise<string> {
  const selector = {
    query: '.graphiql-query-editor .view-lines',
    // The variables and headers editors share a section; the one not shown is `hidden`.
    variables: '.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines',
    headers: '.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines',
  }[editor];
  const text = await page.locator(selector).first().innerText();
  return text.replaceAll('\u00a0', ' ').trim();
}

/** The variables editor, parsed: {} when it is empty. */
async function shownVariables(page: Page): Promise<unknown> {
  const text = await editorText(page, 'variables');
  return text === '' ? {} : JSON.parse(text);
}

const activeTab = (page: Page) => page.locator('.graphiql-tab-active .graphiql-tab-button');

/**
 * Clicks a tab as a person does, and waits until it is the active one and GraphiQL has read it.
 * GraphiQL takes the name of the operation Run sends from the query editor 100 ms after the editor
 * changes (a debounce, whose step also stores the query): Run pressed sooner after a switch sends
 * the previous tab's name, and Yoga's fetcher sends nothing ("Cannot infer operation ..."). A
 * person does not click that fast; the test waits for that step, however long a busy machine makes
 * it.
 */
async function clickTab(page: Page, example: Example): Promise<void> {
  const switching = (await activeTab(page).innerText()) !== example.name;
  await page.getByRole('button', { name: example.name, exact: true }).click();
  await expect.poll(() => activeTab(page).innerText(), { timeout: 5_000 }).toBe(example.name);
  if (switching) {
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('graphiql:query')))
      .toBe(example.query);
  }
}

/**
 * Runs the active tab with `run` (a click on Run, or a key), and checks the request GraphiQL sent
 * (the example, with its variables), the answer, and what the result pane shows.
 */
async function runExample(page: Page, example: Example, run: () => Promise<void>) {
  const sent = page.waitForRequest(
    (request) =>
      request.method() === 'POST' &&
      request.url().startsWith(PAGE) &&
      request.postDataJSON()?.operationName === example.name,
  );
  await run();
  const request = await sent;
  const body = request.postDataJSON() as { query: string; variables?: unknown };
  // What the trusted documents list, so that GraphiQL runs it with KG_TRUSTED_DOCUMENTS=only.
  expect(body.query).toBe(asGraphiQLSendsIt(example));
  expect(loadTrustedDocuments().has(documentId(body.query))).toBe(true);
  expect(body.variables ?? {}).toEqual(example.variables ?? {});

  const answer = (await (await request.response())!.json()) as {
    data?: Record<string, unknown>;
    errors?: unknown;
  };
  expect(answer.errors).toBeUndefined();
  expect(Object.keys(answer.data ?? {}), example.name).not.toEqual([]);
  for (const [field, value] of Object.entries(answer.data ?? {})) {
    expect(value, `${example.name}: ${field}`).not.toBeNull();
    if (Array.isArray(value)) expect(value.length, `${example.name}: ${field}`).toBeGreaterThan(0);
  }
  const pane = page.locator('.graphiql-response .view-lines').first();
  await expect.poll(() => pane.innerText(), { timeout: 10_000 }).toContain('"data"');
  const shown = (await pane.innerText()).replaceAll('\u00a0', ' ');
  expect(shown).toMatch(/"data": \{\s*"\w+": [[{"]/);
  expect(shown).not.toContain('"errors"');
}

const runButton = (page: Page) => page.locator('.graphiql-execute-button');

/**
 * Runs the subscription's tab: GraphiQL asks for Server-Sent Events, the first event (where the
 * graph stands) shows at once as data, and the same button, Stop now, ends the stream.
 */
async function runSubscription(page: Page, example: Example) {
  const sent = page.waitForRequest((request) => {
    if (!request.url().startsWith(PAGE)) return false;
    const params = new URL(request.url()).searchParams;
    const name =
      request.method() === 'POST'
        ? (request.postDataJSON() as { operationName?: string } | null)?.operationName
        : params.get('operationName');
    return name === example.name;
  });
  await runButton(page).click();
  const request = await sent;
  expect(request.headers()['accept']).toContain('text/event-stream');
  const query =
    request.method() === 'POST'
      ? (request.postDataJSON() as { query: string }).query
      : new URL(request.url()).searchParams.get('query');
  expect(query).toBe(asGraphiQLSendsIt(example));
  expect(loadTrustedDocuments().has(documentId(query!))).toBe(true);

  const pane = page.locator('.graphiql-response .view-lines').first();
  await expect.poll(() => pane.innerText(), { timeout: 10_000 }).toContain('"graphChanged"');
  const shown = (await pane.innerText()).replaceAll('\u00a0', ' ');
  expect(shown).toMatch(/"data": \{\s*"graphChanged": \{\s*"version": \d+/);
  expect(shown).not.toContain('"errors"');
  // Stop: the stream ends, and the button runs again.
  await runButton(page).click();
}

function expectClean({ offHost, pageErrors }: GuardedPage) {
  expect(offHost).toEqual([]);
  expect(pageErrors).toEqual([]);
}

describe('GraphiQL', () => {
  it('opens every example tab with its variables, switches on a click, and Run answers data', async () => {
    const guarded = await openPage();
    const { page } = guarded;
    await openGraphiQL(page);
    const titles = await page.locator('.graphiql-tab-button').allInnerTexts();
    expect(titles).toEqual(GRAPHIQL_TABS.map((e) => e.name));

    for (const [i, example] of GRAPHIQL_TABS.entries()) {
      await clickTab(page, example);
      await expect.poll(() => shownVariables(page)).toEqual(example.variables ?? {});
      const subscription = example === SUBSCRIPTION_EXAMPLE;
      expect(await editorText(page, 'query')).toContain(
        `${subscription ? 'subscription' : 'query'} ${example.name}`,
      );
      if (subscription) await runSubscription(page, example);
      else await runExample(page, example, () => runButton(page).click());
      await page.screenshot({
        path: path.join(ARTIFACTS, `graphiql-${i + 1}-${example.name}.png`),
      });
    }
    expectClean(guarded);
  });

  it('sends the headers typed into the Headers editor (where an API key goes)', async () => {
    const guarded = await openPage();
    const { page } = guarded;
    await openGraphiQL(page);
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)').click();
    await page.keyboard.insertText('{ "Authorization": "Bearer kg_not-a-key" }');
    const sent = page.waitForRequest(
      (r) => r.method() === 'POST' && r.postDataJSON()?.operationName === EXAMPLES[0]!.name,
    );
    await runExample(page, EXAMPLES[0]!, () => runButton(page).click());
    // Reads are public: a query ignores a wrong key, but the key was sent.
    expect((await sent).headers()['authorization']).toBe('Bearer kg_not-a-key');
    expectClean(guarded);
  });

  it('still opens a tab with its variables after a reload, on the tab last shown', async () => {
    const guarded = await openPage();
    const { page } = guarded;
    await openGraphiQL(page);
    const stances = EXAMPLES.find((e) => e.name === 'Stances')!;
    await clickTab(page, stances);
    // GraphiQL stores its tabs a moment after a change.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('graphiql:tabState') ?? ''))
      .toContain(`"activeTabIndex":${EXAMPLES.indexOf(stances)}`);

    await page.reload();
    await page.getByRole('tab').first().waitFor();
    await expect.poll(() => activeTab(page).innerText(), { timeout: 30_000 }).toBe(stances.name);
    await expect.poll(() => shownVariables(page)).toEqual(stances.variables);
    // Run with the keys this time.
    await page.locator('.graphiql-query-editor .view-lines').click();
    await runExample(page, stances, () => page.keyboard.press('Control+Enter'));

    const first = EXAMPLES[0]!;
    await clickTab(page, first);
    await expect.poll(() => shownVariables(page)).toEqual(first.variables);
    await runExample(page, first, () => runButton(page).click());
    expectClean(guarded);
  });

  it('mends tabs an earlier version left with empty variables, keeping their headers and the own tabs', async () => {
    const guarded = await openPage();
    const { page } = guarded;
    // What an earlier version left: its example tabs, their variables emptied (as GraphiQL saved
    // the empty editor), a key in the first tab's headers, and a tab of the user's own.
    const key = '{"Authorization":"Bearer kg_earlier"}';
    const tab = (query: string, headers: string | null = null) => ({
      id: `earlier-${Math.random()}`,
      hash: null,
      title: /query (\w+)/.exec(query)?.[1] ?? '<untitled>',
      query,
      variables: '',
      headers,
      operationName: /query (\w+)/.exec(query)?.[1] ?? null,
      response: null,
    });
    const earlier = {
      activeTabIndex: 0,
      tabs: [
        tab(EXAMPLES[0]!.query, key),
        ...EXAMPLES.slice(1).map((e) => tab(e.query)),
        tab('query Mine { __typename }'),
      ],
    };
    await page.goto(`http://localhost:${PORT}/health`);
    await page.evaluate((state) => {
      localStorage.setItem('graphiql:tabState', JSON.stringify(state));
      localStorage.setItem('graphiql:variables', '');
    }, earlier);

    await openGraphiQL(page);
    const first = EXAMPLES[0]!;
    expect(await activeTab(page).innerText()).toBe(first.name);
    await expect.poll(() => shownVariables(page)).toEqual(first.variables);
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    expect(JSON.parse(await editorText(page, 'headers'))).toEqual(JSON.parse(key));
    await runExample(page, first, () => runButton(page).click());
    expect(await page.locator('.graphiql-tab-button').allInnerTexts()).toEqual([
      ...GRAPHIQL_TABS.map((e) => e.name),
      'Mine',
    ]);
    expectClean(guarded);
  });
});
