import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importFiles, retractArticle } from '../../src/ingest/importer.ts';
import {
  articleSetArbitrary,
  type GeneratedFile,
  type GeneratedSet,
  seededRandom,
  validOrder,
} from '../support/article-world.ts';
import { exportLines, importDocument } from '../support/articles.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

/**
 * The identity rules as a property: generated sets of article files that reuse, alias and
 * re-declare each other's entities, state the same facts with more, less or contradicting dates,
 * and report the same claims, give a byte-identical `kg export` in every order their references
 * allow, imported one by one or in groups (as folders are); and importing any file, then
 * retracting it, leaves the export as it was.
 */

/** 10 sets of 5 orders: 50 orders, besides each set's own; `npm run fuzz:identity` tries more. */
const SETS = Number(process.env.KG_PROPERTY_SETS) || 10;
const ORDERS_PER_SET = 5;

const neo4j = openTestNeo4j();
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-import-order-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
});

/** The files' own order, one by one; each import then retract is checked against the export. */
async function importOneByOne(files: readonly GeneratedFile[]): Promise<string[]> {
  await wipeTestGraph(neo4j.db);
  for (const file of files) {
    const before = await exportLines(neo4j.db);
    const imported = await importDocument(neo4j.db, file.document, file.name);
    expect(imported.status, JSON.stringify(imported)).toBe('created');
    await retractArticle(neo4j.db, file.document.article.id);
    expect(await exportLines(neo4j.db), `import then retract ${file.name}`).toEqual(before);
    await importDocument(neo4j.db, file.document, file.name);
  }
  return exportLines(neo4j.db);
}

/** Another order, cut into groups, each imported as `kg import a.yaml b.yaml ...` would. */
async function importInGroups(files: readonly GeneratedFile[], random: () => number) {
  await wipeTestGraph(neo4j.db);
  let rest = [...files];
  while (rest.length > 0) {
    const size = 1 + Math.floor(random() * Math.min(3, rest.length));
    const group = rest.slice(0, size);
    rest = rest.slice(size);
    const paths = await Promise.all(
      group.map(async (file) => {
        const filePath = path.join(dir, file.name);
        await fs.writeFile(filePath, stringify(file.document));
        return filePath;
      }),
    );
    const outcomes = await importFiles(neo4j.db, paths);
    for (const o of outcomes) expect(o.status, JSON.stringify(o)).toBe('created');
  }
  return exportLines(neo4j.db);
}

const describeOrder = (files: readonly GeneratedFile[]) => files.map((f) => f.name).join(' ');

describe('identity does not depend on import order (property)', () => {
  it(
    `${SETS} generated sets, each in ${ORDERS_PER_SET} random orders and groupings: byte-identical exports`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          articleSetArbitrary(),
          fc.array(fc.integer(), { minLength: ORDERS_PER_SET, maxLength: ORDERS_PER_SET }),
          async (set: GeneratedSet, seeds: number[]) => {
            const expected = await importOneByOne(set.files);
            for (const seed of seeds) {
              const random = seededRandom(seed);
              const order = validOrder(set, random);
              const actual = await importInGroups(order, random);
              expect(actual, `order: ${describeOrder(order)}`).toEqual(expected);
            }
          },
        ),
        { numRuns: SETS, endOnFailure: true },
      );
    },
    SETS * 20_000,
  );
});
