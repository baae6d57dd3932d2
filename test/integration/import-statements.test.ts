import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { retractArticle } from '../../src/ingest/importer.ts';
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
  it('a new article: one to lock and look up, one to read, one to write', async () => {
    const statements = await statementsOf(() => importDocument(neo4j.db, seedArticle()));
    expect(statements).toEqual(['resolveIds', 'gatherArticle', 'storeArticle']);
  });

  it('the same article again: the lookup, and the release of its locks', async () => {
    await importDocument(neo4j.db, seedArticle());
    const before = await exportLines(neo4j.db);
    const statements = await statementsOf(async () => {
      const outcome = await importDocument(neo4j.db, seedArticle());
      expect(outcome.status).toBe('unchanged');
    });
    expect(statements).toEqual(['resolveIds', 'MATCH (l:ImportLock) DELETE l']);
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
    expect(statements).toEqual(['resolveIds', 'readTouched', 'gatherArticle', 'storeArticle']);
  });

  it('the same number of statements for a large article as for a small one', async () => {
    const small = await statementsOf(() => importDocument(neo4j.db, followUpArticle()));
    await wipeTestGraph(neo4j.db);
    await importDocument(neo4j.db, seedArticle());
    const large = await statementsOf(() => importDocument(neo4j.db, followUpArticle()));
    // The follow-up names the seed's entities: ids it resolves by name add one lock and look-up.
    expect(small.length).toBeLessThanOrEqual(4);
    expect(large.length).toBeLessThanOrEqual(4);
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
