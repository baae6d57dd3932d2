/**
 * Measures the explorer in headless Chromium against `npm start` on its own Neo4j:
 *   1. the first render of an entity view on the seed graph (Simon Crosby: the page, its roles,
 *      its claims and its drawing), from navigation to the frame that shows them all;
 *   2. the drawing of a 500-node neighbourhood: a fictional organization with 499 people, imported
 *      as generated articles through the importer, drawn at /explore/entity/<id>?nodes=500.
 * Each figure is the median of several runs, each in a fresh browser context (nothing cached);
 * the first run of each, when Neo4j plans its statements, is shown apart.
 *
 *   npm run bench:explore [-- --runs 7]
 *
 * Uses the managed instance "bench-explore" (Bolt 7723, emptied first) and HTTP port 4724.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { instancePaths } from '../src/neo4j-server/instance.ts';
import type { ArticleFileInput } from '../src/ingest/format.ts';
import { guardedPage, launchChromium } from '../test/support/browser.ts';
import { startMain } from '../test/support/server-process.ts';
import { childEnv } from '../test/support/test-config.ts';
import { kgCommand, median } from './bench-support.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const PORT = 4724;
const BASE = `http://127.0.0.1:${PORT}`;
const env = childEnv({
  KG_NEO4J_INSTANCE: 'bench-explore',
  NEO4J_BOLT_PORT: '7723',
  PORT: String(PORT),
  KG_QUERY_TIMEOUT_MS: '60000',
});

/** Two-letter syllables: any sequence of them reads back one way, so names never collide. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 've', 'to', 'se', 'mu', 'be', 'ze'];
const personName = (i: number) => {
  const word = [0, 1, 2].map((k) => SYLLABLES[Math.floor(i / 10 ** k) % 10]).join('');
  return `${word[0]!.toUpperCase()}${word.slice(1)} Quorvexian`;
};
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A fictional organization and 499 people who work for it, in articles of 50. */
function hubArticles(
  people = 499,
  perArticle = 50,
): { hub: string; documents: ArticleFileInput[] } {
  const hub = {
    id: 'quorvex-labs',
    type: 'Organization',
    name: 'Quorvex Labs',
    kind: 'company',
  } as const;
  const documents: ArticleFileInput[] = [];
  for (let start = 0, n = 1; start < people; start += perArticle, n++) {
    const staff = Array.from({ length: Math.min(perArticle, people - start) }, (_, k) => {
      const name = personName(start + k);
      return { id: slug(name), type: 'Person' as const, name };
    });
    documents.push({
      format: 'kg-article/1',
      article: {
        id: `article-quorvex-staff-${n}`,
        title: `Quorvex Labs staff list, part ${n} (fictional)`,
        publishedAt: `2020-${String(n).padStart(2, '0')}`,
      },
      entities: [hub, ...staff],
      facts: staff.map((person) => ({
        type: 'WORKS_FOR' as const,
        from: person.id,
        to: hub.id,
        role: 'engineer',
        validFrom: '2019',
      })),
    } as ArticleFileInput);
  }
  return { hub: hub.id, documents };
}

/** What the page shows when a view is complete: elements present, and absent (loading states). */
interface Ready {
  present: string[];
  absent: string[];
}

/** Milliseconds from navigation until `ready` holds in the page (checked every frame). */
async function timeTo(
  page: Page,
  url: string,
  ready: Ready,
): Promise<{ total: number; drawing: number }> {
  await page.goto(url);
  // A function, not a string: the explorer's Content-Security-Policy refuses eval.
  await page.waitForFunction(
    ({ present, absent }) => {
      const { document } = globalThis as unknown as {
        document: { querySelector(selector: string): unknown };
      };
      return (
        present.every((s) => document.querySelector(s)) &&
        absent.every((s) => !document.querySelector(s))
      );
    },
    ready,
    { polling: 'raf', timeout: 120_000 },
  );
  return page.evaluate(() => {
    const drawn = performance.getEntriesByName('explore:graph-drawn');
    return { total: performance.now(), drawing: drawn[drawn.length - 1]?.duration ?? NaN };
  });
}

async function measure(label: string, url: string, ready: Ready) {
  const browser = await launchChromium();
  const figures: { total: number; drawing: number }[] = [];
  try {
    for (let i = 0; i <= runs; i++) {
      const guarded = await guardedPage(browser);
      figures.push(await timeTo(guarded.page, url, ready));
      if (guarded.pageErrors.length) throw new Error(guarded.pageErrors.join('\n'));
      await guarded.context.close();
    }
  } finally {
    await browser.close();
  }
  const [first, ...rest] = figures;
  const row = (name: string, values: number[]) =>
    `${name.padEnd(46)}${median(values).toFixed(0).padStart(8)} ms${Math.min(...values)
      .toFixed(0)
      .padStart(8)} ms${Math.max(...values)
      .toFixed(0)
      .padStart(8)} ms`;
  console.log(`\n${label}`);
  console.log(`${''.padEnd(46)}${'median'.padStart(11)}${'min'.padStart(11)}${'max'.padStart(11)}`);
  console.log(
    row(
      `  navigation to all shown (${rest.length} runs)`,
      rest.map((f) => f.total),
    ),
  );
  console.log(
    row(
      `  data in to drawing shown (${rest.length} runs)`,
      rest.map((f) => f.drawing),
    ),
  );
  console.log(
    `  first run (Neo4j plans its statements): ${first!.total.toFixed(0)} ms, drawing ${first!.drawing.toFixed(0)} ms`,
  );
}

const ENTITY_SHOWN: Ready = {
  present: [
    'main h1',
    '.graph-canvas[data-drawn="true"]',
    'tr.role',
    '[data-claims="claims-made"] .claim',
    '[data-claims="claims-about"] h2',
  ],
  absent: ['main .state.loading'],
};

await kgCommand(env, ['db', 'stop']);
await rm(instancePaths(loadConfig(env).managed).dir, { recursive: true, force: true });
const server = await startMain(env);
try {
  console.log(
    `Explorer figures (${os.cpus().length} cores, headless Chromium, ${runs} runs after a first)`,
  );
  await measure(
    'Entity view of Simon Crosby, seed graph',
    `${BASE}/explore/entity/simon-crosby`,
    ENTITY_SHOWN,
  );

  const { hub, documents } = hubArticles();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kg-bench-explore-'));
  try {
    for (const [i, doc] of documents.entries()) {
      await writeFile(
        path.join(dir, `quorvex-${String(i).padStart(2, '0')}.json`),
        JSON.stringify(doc),
      );
    }
    await kgCommand(env, ['import', dir, '--batch', '10']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await measure(
    'A 500-node neighbourhood (1 organization, 499 people), drawn',
    `${BASE}/explore/entity/${hub}?nodes=500`,
    { present: ['.graph-canvas[data-drawn="true"][data-nodes="500"]'], absent: [] },
  );
} finally {
  server.child.kill('SIGINT');
  await server.exited;
  await kgCommand(env, ['db', 'stop']);
}
