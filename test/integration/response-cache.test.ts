import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importArticle } from '../../src/ingest/importer.ts';
import { exportLines } from '../support/articles.ts';
import { bearer, dataOf, graphqlClient, loadSeed } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

/**
 * The response cache: repeated reads cost no Cypher, and no answer is stale: a server sees its own
 * writes at once and another process's within its check interval.
 */

let statements: string[] = [];
const neo4j = openTestNeo4j({ onQuery: (cypher) => statements.push(cypher) });
const WRITE_KEY = 'response-cache-test-write-key-0123456789';
const MB = 1024 * 1024;

beforeAll(async () => {
  await wipeTestGraph(neo4j.db);
  await loadSeed(neo4j.db);
});
afterAll(() => neo4j.close());
beforeEach(() => {
  statements = [];
});

const WHO_DISMISSED = `query { claims(where: { about: "blue-pill", stance: DISMISSES }) {
  edges { node { id speakers { id name } sources { quote article { title } } } } } }`;

const person = (id: string) => ({
  query: `query { person(id: "${id}") { id name } }`,
  async answer(client: ReturnType<typeof graphqlClient>) {
    return dataOf(await client.query<{ person: { id: string } | null }>(this.query)).person;
  },
});

const personArticle = (articleId: string, id: string, name: string) =>
  stringify({
    format: 'kg-article/1',
    article: { id: articleId, title: articleId, publishedAt: '2012-01' },
    entities: [{ id, type: 'Person', name }],
  });

async function counting<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  statements = [];
  const result = await work();
  return { result, statements: statements.length };
}

describe('the response cache', () => {
  it('answers a repeated query from the cache, with no Cypher at all', async () => {
    const client = graphqlClient(neo4j.db, { cache: { maxBytes: 8 * MB, checkMs: 60_000 } });
    const first = await counting(() => client.query(WHO_DISMISSED));
    const second = await counting(() => client.query(WHO_DISMISSED));
    expect(first.statements).toBeGreaterThan(0);
    expect(second.statements).toBe(0);
    expect(second.result).toEqual(first.result);
    // Other variables or another operation are other entries.
    const other = await counting(() =>
      client.query('query ($id: ID!) { node(id: $id) { id } }', { id: 'blue-pill' }),
    );
    expect(other.statements).toBeGreaterThan(0);
  });

  it("sees this server's own writes at once, whatever the check interval", async () => {
    const client = graphqlClient(neo4j.db, {
      writeKey: WRITE_KEY,
      cache: { maxBytes: 8 * MB, checkMs: 60_000 },
    });
    const lookup = person('cache-own-write');
    expect(await lookup.answer(client)).toBeNull();
    expect(await lookup.answer(client)).toBeNull(); // now cached
    const imported = await client.query(
      'mutation ($source: String!) { importArticle(source: $source) { status } }',
      { source: personArticle('article-cache-own', 'cache-own-write', 'Own Write') },
      bearer(WRITE_KEY),
    );
    expect(dataOf(imported)).toEqual({ importArticle: { status: 'CREATED' } });
    expect(await lookup.answer(client)).toEqual({ id: 'cache-own-write', name: 'Own Write' });
  });

  it("sees another process's import within the check interval", async () => {
    const checkMs = 400;
    const client = graphqlClient(neo4j.db, { cache: { maxBytes: 8 * MB, checkMs } });
    const lookup = person('cache-other-write');
    expect(await lookup.answer(client)).toBeNull();
    // `kg import` in another process, or another API instance: it writes through the importer.
    const imported = await importArticle(
      neo4j.db,
      personArticle('article-cache-other', 'cache-other-write', 'Other Write'),
      'other.yaml',
    );
    expect(imported.status).toBe('created');
    const written = performance.now();
    let seenAfter: number | undefined;
    while (performance.now() - written < checkMs * 3) {
      if (await lookup.answer(client)) {
        seenAfter = performance.now() - written;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seenAfter).toBeDefined();
    // One check interval, plus the time of the request that sees it.
    expect(seenAfter!).toBeLessThanOrEqual(checkMs + 400);
  });

  it('caches no error, and reads the version on every request with a check interval of 0', async () => {
    const client = graphqlClient(neo4j.db, { cache: { maxBytes: 8 * MB, checkMs: 0 } });
    const missing = 'query { paths(from: "no-such-entity", to: "citrix") { length } }';
    for (let i = 0; i < 2; i++) {
      const { result, statements: n } = await counting(() => client.query(missing));
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(n).toBeGreaterThan(1);
    }
    await client.query(WHO_DISMISSED);
    const again = await counting(() => client.query(WHO_DISMISSED));
    expect(again.statements).toBe(1);
  });

  it('is off with a size of 0: every request reads the graph', async () => {
    const client = graphqlClient(neo4j.db, { cache: { maxBytes: 0, checkMs: 60_000 } });
    await client.query(WHO_DISMISSED);
    const again = await counting(() => client.query(WHO_DISMISSED));
    expect(again.statements).toBeGreaterThan(0);
  });

  it('the graph version changes with every write, and stays out of the export', async () => {
    const version = async () => {
      const [row] = await neo4j.db.read('MATCH (v:GraphVersion) RETURN v.version AS v');
      return row?.v;
    };
    const before = await version();
    const text = personArticle('article-cache-version', 'cache-version', 'Version Person');
    await importArticle(neo4j.db, text, 'version.yaml');
    const afterImport = await version();
    await importArticle(neo4j.db, text, 'version.yaml'); // unchanged: no new version
    expect(await version()).toBe(afterImport);
    expect(afterImport).not.toBe(before);
    const lines = await exportLines(neo4j.db);
    expect(lines.some((l) => l.includes('GraphVersion'))).toBe(false);
  });
});
