import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localWriter } from '../../src/writelog/write-log.ts';
import { exportLines, followUpArticle, SEED_ARTICLE_ID } from '../support/articles.ts';
import { apiKey, bearer, dataOf, errorOf, graphqlClient, loadSeed } from '../support/graphql.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());
beforeAll(() => loadSeed(neo4j.db));

const EDITOR_KEY = 'log-editor-key-0123456789abcdef';
const ADMIN_KEY = 'log-admin-key-0123456789abcdef';
const READER_KEY = 'log-reader-key-0123456789abcdef';
const apiKeys = [
  apiKey('ingest-bot', 'editor', EDITOR_KEY),
  apiKey('ops-admin', 'admin', ADMIN_KEY),
  apiKey('dashboard', 'reader', READER_KEY),
];
// The response cache on, to show that it never keeps the log.
const client = graphqlClient(neo4j.db, { apiKeys, cache: { maxBytes: 1024 * 1024, checkMs: 0 } });

const LOG = `query ($first: Int!, $after: String) {
  writeLog(first: $first, after: $after) {
    edges { cursor node { operation by at targets status } }
    pageInfo { hasNextPage endCursor }
  }
}`;
interface Entry {
  operation: string;
  by: string;
  at: string;
  targets: string[];
  status: string | null;
}
interface LogPage {
  writeLog: {
    edges: { cursor: string; node: Entry }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
const readLog = async (first: number, after?: string) =>
  dataOf(await client.query<LogPage>(LOG, { first, after }, bearer(ADMIN_KEY))).writeLog;

describe('the write log', () => {
  it('records who wrote what and when, newest first, and leaves the export alone', async () => {
    // loadSeed imports as `kg import` does: as the OS user.
    const seeded = await readLog(100);
    expect(seeded.edges.length).toBeGreaterThan(0);
    for (const { node } of seeded.edges) {
      expect(node).toMatchObject({ operation: 'IMPORT', by: localWriter(), status: 'CREATED' });
    }
    const started = Date.now();
    const IMPORT = 'mutation ($d: JSONObject) { importArticle(document: $d) { status } }';
    const imported = await client.query(IMPORT, { d: followUpArticle() }, bearer(EDITOR_KEY));
    expect(dataOf(imported)).toEqual({ importArticle: { status: 'CREATED' } });

    // The same article again changes nothing: no entry, and the export stays byte-identical.
    const exported = await exportLines(neo4j.db);
    const again = await client.query(IMPORT, { d: followUpArticle() }, bearer(EDITOR_KEY));
    expect(dataOf(again)).toEqual({ importArticle: { status: 'UNCHANGED' } });
    expect(await exportLines(neo4j.db)).toEqual(exported);
    expect(exported.join('\n')).not.toMatch(/WriteLog|ingest-bot/);

    dataOf(
      await client.query(
        'mutation { mergeEntities(keep: "citrix", remove: "vmware") { removedId } }',
        {},
        bearer(ADMIN_KEY),
      ),
    );
    dataOf(
      await client.query(
        'mutation ($id: ID!) { retractArticle(id: $id) { articleId } }',
        { id: followUpArticle().article.id },
        bearer(EDITOR_KEY),
      ),
    );

    const first = await readLog(2);
    expect(first.edges.map((e) => e.node)).toEqual([
      {
        operation: 'RETRACT',
        by: 'ingest-bot',
        at: expect.any(String),
        targets: [followUpArticle().article.id],
        status: null,
      },
      {
        operation: 'MERGE',
        by: 'ops-admin',
        at: expect.any(String),
        targets: ['citrix', 'vmware'],
        status: null,
      },
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await readLog(1, first.pageInfo.endCursor!);
    expect(second.edges.map((e) => e.node)).toEqual([
      {
        operation: 'IMPORT',
        by: 'ingest-bot',
        at: expect.any(String),
        targets: [followUpArticle().article.id],
        status: 'CREATED',
      },
    ]);
    const times = [...first.edges, ...second.edges].map((e) => Date.parse(e.node.at));
    for (const time of times) {
      expect(time).toBeGreaterThanOrEqual(started - 1000);
      expect(time).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Every entry once, across pages.
    const all = await readLog(100);
    expect(all.edges).toHaveLength(seeded.edges.length + 3);
    expect(all.edges.slice(3).map((e) => e.node)).toEqual(seeded.edges.map((e) => e.node));
  });

  it('answers admins only, and the response cache never hands it to anyone else', async () => {
    expect((await readLog(1)).edges).toHaveLength(1); // an admin's answer, now cached if it could be
    const anonymous = await client.query(LOG, { first: 1 });
    expect(errorOf(anonymous, 'UNAUTHENTICATED').message).toContain('The write log needs');
    expect(anonymous.data ?? null).toBeNull();
    const byReader = await client.query(LOG, { first: 1 }, bearer(READER_KEY));
    expect(errorOf(byReader, 'FORBIDDEN').message).toBe(
      'This needs the role admin: the key "dashboard" is a reader.',
    );
    const byEditor = await client.query(LOG, { first: 1 }, bearer(EDITOR_KEY));
    expect(errorOf(byEditor, 'FORBIDDEN').extensions?.needed).toBe('admin');
  });

  it('a refused write adds no entry', async () => {
    const count = async () =>
      (await neo4j.db.read('MATCH (w:WriteLog) RETURN count(w) AS n'))[0]?.n;
    const before = await count();
    const refused = await client.query(
      'mutation { retractArticle(id: "' + SEED_ARTICLE_ID + '") { articleId } }',
      {},
      bearer(READER_KEY),
    );
    errorOf(refused, 'FORBIDDEN');
    expect(await count()).toBe(before);
  });
});
