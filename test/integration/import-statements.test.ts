import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importFiles, retractArticle } from '../../src/ingest/importer.ts';
import {
  exportLines,
  followUpArticle,
  importDocument,
  SEED_ARTICLE_ID,
  seedArticle,
} from '../support/articles.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

/**
 * How many statements one article's import sends (issue 9): the rows of an article travel in a
 * few UNWIND statements, whatever the article's size, and nothing is read that the plan knows.
 */

let sent: string[] = [];
const neo4j = openTestNeo4j({ onQuery: (cypher) => sent.push(cypher) });
afterAll(() => neo4j.close());
beforeEach(() => wipeTestGraph(neo4j.db));

/** The statements `work` sends, named by their leading comment. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  sent = [];
  await work();
  return sent.map((c) => /^\s*\/\*\s*(\w+)/.exec(c)?.[1] ?? c.trim().slice(0, 40));
}

describe('statements per import', () => {
  it('a new article: one to lock, one to look up, one to read, one to write', async () => {
    const statements = await statementsOf(() => importDocument(neo4j.db, seedArticle()));
    expect(statements).toEqual([
      'lockKeys',
      'resolveIds',
      'gatherArticle',
      'storeArticle',
      'recordWrite',
    ]);
  });

  it('the same article again: the lookup, and the release of its locks', async () => {
    await importDocument(neo4j.db, seedArticle());
    const before = await exportLines(neo4j.db);
    const statements = await statementsOf(async () => {
      const outcome = await importDocument(neo4j.db, seedArticle());
      expect(outcome.status).toBe('unchanged');
    });
    expect(statements).toEqual(['lockKeys', 'resolveIds', 'MATCH (l:ImportLock) DELETE l']);
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('a corrected article reads what its previous version touched first', async () => {
    await importDocument(neo4j.db, seedArticle());
    const corrected = seedArticle();
    corrected.article.title = 'Corrected title';
    const statements = await statementsOf(async () => {
      const outcome = await importDocument(neo4j.db, corrected);
      expect(outcome.status).toBe('updated');
    });
    expect(statements).toEqual([
      'lockKeys',
      'resolveIds',
      'readTouched',
      'gatherArticle',
      'storeArticle',
      'recordWrite',
    ]);
  });

  it('the same number of statements for a large article as for a small one', async () => {
    const small = await statementsOf(() => importDocument(neo4j.db, followUpArticle()));
    await wipeTestGraph(neo4j.db);
    await importDocument(neo4j.db, seedArticle());
    const large = await statementsOf(() => importDocument(neo4j.db, followUpArticle()));
    // The follow-up names the seed's entities: ids it resolves by name add one lock and look-up
    // (two statements); the write log's entry is one more.
    expect(small.length).toBeLessThanOrEqual(7);
    expect(large.length).toBeLessThanOrEqual(7);
  });

  it('imports, corrections and retractions through the fast path leave what the steps would', async () => {
    // Import, correct and restore: the graph is the one the first import made.
    await importDocument(neo4j.db, seedArticle());
    await importDocument(neo4j.db, followUpArticle());
    const both = await exportLines(neo4j.db);
    const corrected = followUpArticle();
    corrected.facts = (corrected.facts ?? []).slice(1);
    corrected.claims = [];
    await importDocument(neo4j.db, corrected);
    expect(await exportLines(neo4j.db)).not.toEqual(both);
    await importDocument(neo4j.db, followUpArticle());
    expect(await exportLines(neo4j.db)).toEqual(both);
    // Retracting the follow-up leaves the seed alone, as importing the seed alone did.
    await retractArticle(neo4j.db, 'article-follow-up-2008');
    const seedOnly = await exportLines(neo4j.db);
    await wipeTestGraph(neo4j.db);
    await importDocument(neo4j.db, seedArticle());
    expect(await exportLines(neo4j.db)).toEqual(seedOnly);
    expect(seedOnly.some((l) => l.includes(SEED_ARTICLE_ID))).toBe(true);
  });
});

describe('statements per batch of articles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-statements-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  /** `count` small articles, each with a person of its own at a company they all name. */
  async function articleFiles(count: number, from = 0): Promise<string[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, k) => {
        const n = from + k;
        const file = path.join(dir, `batch-${n}.yaml`);
        await fs.writeFile(
          file,
          stringify({
            format: 'kg-article/1',
            article: { id: `article-statements-${n}`, title: `Article ${n}`, publishedAt: '2012' },
            entities: [
              { id: `statements-person-${n}`, type: 'Person', name: `Person ${n}` },
              { id: `statements-co-${n}`, type: 'Organization', name: 'Statements Company' },
            ],
            facts: [
              { type: 'WORKS_FOR', from: `statements-person-${n}`, to: `statements-co-${n}` },
            ],
            claims: [
              {
                id: `statements-claim-${n}`,
                statement: `Claim ${n}`,
                stance: 'ASSERTS',
                speakers: [`statements-person-${n}`],
                targets: [`statements-co-${n}`],
              },
            ],
          }),
        );
        return file;
      }),
    );
  }

  const imported = async (files: string[]) => {
    const outcomes = await importFiles(neo4j.db, files, undefined, {
      batch: 50,
      concurrency: 1,
      inMemory: true,
    });
    for (const o of outcomes) expect(o.status, JSON.stringify(o)).not.toBe('failed');
    return outcomes;
  };

  it('the same handful of statements for 40 articles as for 4', async () => {
    const four = await articleFiles(4);
    const forty = await articleFiles(40, 100);
    const few = await statementsOf(() => imported(four));
    await wipeTestGraph(neo4j.db);
    const many = await statementsOf(() => imported(forty));
    expect(many).toEqual(few);
    expect(few).toEqual([
      'lockKeys',
      'resolveIds',
      'gatherBatch',
      'readFacts',
      'storeArticle',
      'recordWrite',
    ]);
    // Each article named the company of the ones before it under an id of its own: one company.
    const [row] = await neo4j.db.read(
      'MATCH (o:Organization) RETURN count(o) AS organizations, collect(o.id) AS ids',
    );
    expect(row).toEqual({ organizations: 1, ids: ['statements-co-100'] });
    // Into a graph that has them, the entities they may resolve to are locked by id first. (Later
    // articles: an earlier one would make its id the company's, a rename, and take the steps.)
    const later = await articleFiles(4, 200);
    const again = await statementsOf(() => imported(later));
    expect(again).toEqual([
      'lockKeys',
      'resolveIds',
      'lockKeys',
      'resolveIds',
      'gatherBatch',
      'readFacts',
      'storeArticle',
      'recordWrite',
    ]);
  });

  it('an article that renames an entity takes the step-by-step path, between two batches', async () => {
    const article = (id: string, year: string, person: string, extra: object = {}) => ({
      format: 'kg-article/1',
      article: { id, title: id, publishedAt: year },
      entities: [{ id: person, type: 'Person', name: 'Renamed Person' }],
      facts: [],
      ...extra,
    });
    const write = async (name: string, document: object) => {
      const file = path.join(dir, name);
      await fs.writeFile(file, stringify(document));
      return file;
    };
    const newer = await write('a-newer.yaml', article('article-newer', '2015', 'person-newer'));
    const older = await write('b-older.yaml', article('article-older', '2001', 'person-older'));
    const other = await write('c-other.yaml', article('article-other', '2010', 'person-other'));
    await imported([newer]);
    const steps = await statementsOf(async () => {
      const outcomes = await imported([older, other]);
      expect(outcomes[0]).toMatchObject({
        status: 'created',
        entitiesRenamed: [{ from: 'person-newer', to: 'person-older' }],
      });
      expect(outcomes[1]).toMatchObject({
        status: 'created',
        entitiesMatched: [{ fileId: 'person-other', id: 'person-older', by: 'name' }],
      });
    });
    // The batch stops before the older article, which is imported alone; a batch takes the rest.
    expect(steps.filter((s) => s === 'storeArticle' || s === 'writeEntities')).toEqual([
      'writeEntities',
      'storeArticle',
    ]);
    const batched = await exportLines(neo4j.db);
    await wipeTestGraph(neo4j.db);
    for (const file of [newer, older, other]) await importFiles(neo4j.db, [file]);
    expect(batched).toEqual(await exportLines(neo4j.db));
  });
});
