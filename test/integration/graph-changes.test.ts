import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pino from 'pino';
import { changeFeed } from '../../src/graphql/graph-changes.ts';
import { createServer } from '../../src/server.ts';
import { asGraphiQLSendsIt, SUBSCRIPTION_EXAMPLE } from '../../src/graphql/examples.ts';
import { GraphChangedDocument } from '../../client/generated/graphql.ts';
import { importArticle, retractArticle } from '../../src/ingest/importer.ts';
import { stringify } from 'yaml';
import { readChanges } from '../../src/writelog/changes.ts';
import { followUpArticle, SEED_ARTICLE, SEED_ARTICLE_ID } from '../support/articles.ts';
import { apiKey, bearer, dataOf, graphqlClient } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';
import { runKg } from '../support/processes.ts';
import { subscribe } from '../support/sse.ts';
import { childEnv } from '../support/test-config.ts';

/**
 * `subscription { graphChanged }` over Server-Sent Events, against a real Neo4j: the events name
 * the articles that changed, whether GraphQL or `kg` (another process) changed them.
 */

const neo4j = openTestNeo4j();
const { uri, password, database } = inject('neo4j');
const kgEnv = childEnv({ NEO4J_URI: uri, NEO4J_PASSWORD: password, NEO4J_DATABASE: database });

const EDITOR_KEY = 'changes-editor-key-0123456789';
const READER_KEY = 'changes-reader-key-0123456789';
const apiKeys = [apiKey('editor', 'editor', EDITOR_KEY), apiKey('reader', 'reader', READER_KEY)];
const POLL_MS = 100;

// Two servers on one Neo4j, as behind a load balancer: each reads the version on its own.
const feeds = [
  changeFeed({ db: neo4j.db, pollMs: POLL_MS }),
  changeFeed({ db: neo4j.db, pollMs: POLL_MS }),
];
const [one, two] = feeds.map((changes) => graphqlClient(neo4j.db, { apiKeys, changes }));

beforeAll(() => wipeTestGraph(neo4j.db));
afterAll(async () => {
  for (const feed of feeds) feed.close();
  await neo4j.close();
});

const GRAPH_CHANGED = `subscription GraphChanged {
  graphChanged { version articles { id status } merges { keptId removedId } }
}`;
interface Change {
  graphChanged: {
    version: number;
    articles: { id: string; status: string }[];
    merges: { keptId: string; removedId: string }[];
  };
}
const open = (client: typeof one, headers: Record<string, string> = {}) =>
  subscribe<Change>(
    (url, init) => client!.yoga.fetch(url, init),
    'http://localhost/graphql',
    GRAPH_CHANGED,
    headers,
  );
const changeOf = async (stream: Awaited<ReturnType<typeof open>>) =>
  dataOf(await stream.next()).graphChanged;

describe('subscription graphChanged', () => {
  it('starts with the version now, then names each article imported or retracted, by GraphQL or by kg', async () => {
    const stream = await open(one!);
    const other = await open(two!);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const start = await changeOf(stream);
    expect(start).toEqual({ version: 0, articles: [], merges: [] });
    expect(await changeOf(other)).toEqual(start);
    expect(feeds.map((f) => f.subscribers)).toEqual([1, 1]);

    // kg import, another process: both servers hear of it from Neo4j.
    const cli = await runKg(['import', SEED_ARTICLE], kgEnv);
    expect(cli.code, cli.stderr).toBe(0);
    const imported = await changeOf(stream);
    expect(imported.articles).toEqual([{ id: SEED_ARTICLE_ID, status: 'CREATED' }]);
    expect(imported.version).toBeGreaterThan(start.version);
    expect(await changeOf(other)).toEqual(imported);

    // importArticle on one server: its subscribers, and the other server's.
    const follow = followUpArticle();
    const IMPORT = 'mutation ($d: JSONObject) { importArticle(document: $d) { status } }';
    dataOf(await one!.query(IMPORT, { d: follow }, bearer(EDITOR_KEY)));
    const viaGraphQL = await changeOf(stream);
    expect(viaGraphQL).toEqual({
      version: imported.version + 1,
      articles: [{ id: follow.article.id, status: 'CREATED' }],
      merges: [],
    });
    expect(await changeOf(other)).toEqual(viaGraphQL);

    // A corrected version of the file, with kg: UPDATED.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-changes-'));
    const file = path.join(dir, 'follow-up.yaml');
    await fs.writeFile(
      file,
      stringify({ ...follow, article: { ...follow.article, title: 'Corrected' } }),
    );
    const updated = await runKg(['import', file], kgEnv);
    await fs.rm(dir, { recursive: true, force: true });
    expect(updated.code, updated.stderr).toBe(0);
    expect(await changeOf(stream)).toMatchObject({
      articles: [{ id: follow.article.id, status: 'UPDATED' }],
    });
    await other.next();

    // Retracted with kg, then over GraphQL: RETRACTED.
    const retracted = await runKg(['retract', follow.article.id], kgEnv);
    expect(retracted.code, retracted.stderr).toBe(0);
    expect(await changeOf(stream)).toMatchObject({
      articles: [{ id: follow.article.id, status: 'RETRACTED' }],
    });
    await other.next();
    dataOf(await one!.query(IMPORT, { d: follow }, bearer(EDITOR_KEY)));
    await stream.next();
    await other.next();
    const RETRACT = 'mutation ($id: ID!) { retractArticle(id: $id) { articleId } }';
    dataOf(await two!.query(RETRACT, { id: follow.article.id }, bearer(EDITOR_KEY)));
    expect(await changeOf(other)).toMatchObject({
      articles: [{ id: follow.article.id, status: 'RETRACTED' }],
    });
    expect(await changeOf(stream)).toMatchObject({
      articles: [{ id: follow.article.id, status: 'RETRACTED' }],
    });

    await stream.close();
    await other.close();
    await expect.poll(() => feeds.map((f) => f.subscribers)).toEqual([0, 0]);
  });

  it('names every change made between two reads, each article once with its last status', async () => {
    const before = await readChanges(neo4j.db, undefined);
    const follow = followUpArticle();
    await importArticle(neo4j.db, JSON.stringify(follow), 'follow.json');
    await retractArticle(neo4j.db, follow.article.id);
    await importArticle(neo4j.db, JSON.stringify(follow), 'follow.json');
    await retractArticle(neo4j.db, SEED_ARTICLE_ID).catch(() => undefined);
    const read = await readChanges(neo4j.db, before.position);
    expect(read.change?.articles).toEqual([
      { id: follow.article.id, status: 'CREATED' },
      { id: SEED_ARTICLE_ID, status: 'RETRACTED' },
    ]);
    expect(read.change?.version).toBe(before.position.version + 4);
    expect(read.more).toBe(false);

    // Read in slices, a bulk import arrives as several events, none of them lost.
    const sliced = await readChanges(neo4j.db, before.position, 3);
    expect(sliced).toMatchObject({ more: true, change: { version: before.position.version + 3 } });
    const rest = await readChanges(neo4j.db, sliced.position, 3);
    expect(rest).toMatchObject({
      more: false,
      change: { articles: [{ id: SEED_ARTICLE_ID, status: 'RETRACTED' }] },
    });
    // Nothing new: nothing to tell.
    expect((await readChanges(neo4j.db, rest.position)).change).toBeUndefined();
  });

  it('needs a key with KG_READS=key, as queries do, and ends its streams when the server closes', async () => {
    const feed = changeFeed({ db: neo4j.db, pollMs: POLL_MS });
    const closed = graphqlClient(neo4j.db, { apiKeys, reads: 'key', changes: feed });
    const refused = await open(closed);
    expect(refused.response.status).toBe(401);
    await refused.close();

    const stream = await open(closed, bearer(READER_KEY));
    expect((await changeOf(stream)).articles).toEqual([]);
    // GET, as a browser's EventSource sends it.
    const got = await subscribe<Change>(
      (url, init) => closed.yoga.fetch(url, init),
      'http://localhost/graphql',
      GRAPH_CHANGED,
      bearer(READER_KEY),
      'GET',
    );
    expect(await changeOf(got)).toEqual(await changeOf(await open(closed, bearer(READER_KEY))));
    expect(feed.subscribers).toBe(3);
    feed.close();
    expect(await stream.ended()).toBe(true);
    expect(await got.ended()).toBe(true);
    expect(feed.subscribers).toBe(0);
  });
});

describe('subscriptions and the server limits', () => {
  it('counts the opening of a subscription against KG_RATE_LIMIT', async () => {
    const feed = changeFeed({ db: neo4j.db, pollMs: POLL_MS });
    const yoga = createServer({
      db: neo4j.db,
      server: { version: '5', edition: 'community', database: neo4j.db.name },
      logger: pino({ level: 'silent' }),
      rateLimit: { perMinute: 1 },
      changes: feed,
    });
    const fetchOf = (url: string, init: RequestInit) => yoga.fetch(url, init);
    const first = await subscribe<Change>(fetchOf, 'http://localhost/graphql', GRAPH_CHANGED);
    expect(dataOf(await first.next()).graphChanged.articles).toEqual([]);
    const second = await subscribe<Change>(fetchOf, 'http://localhost/graphql', GRAPH_CHANGED);
    expect(second.response.status).toBe(429);
    expect(second.response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await second.next()).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await second.ended()).toBe(true);
    await first.close();
    feed.close();
  });

  it('runs with KG_TRUSTED_DOCUMENTS=only as GraphiQL and the typed client send it, by text or by hash', async () => {
    const feed = changeFeed({ db: neo4j.db, pollMs: POLL_MS });
    const yoga = createServer({
      db: neo4j.db,
      server: { version: '5', edition: 'community', database: neo4j.db.name },
      logger: pino({ level: 'silent' }),
      trustedDocuments: { mode: 'only' },
      changes: feed,
    });
    const fetchOf = (url: string, init: RequestInit) => yoga.fetch(url, init);
    for (const query of [
      SUBSCRIPTION_EXAMPLE.query,
      asGraphiQLSendsIt(SUBSCRIPTION_EXAMPLE),
      String(GraphChangedDocument),
    ]) {
      const stream = await subscribe<Change>(fetchOf, 'http://localhost/graphql', query);
      expect(dataOf(await stream.next()).graphChanged.articles).toEqual([]);
      await stream.close();
    }
    const byHash = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ documentId: GraphChangedDocument.__meta__?.hash }),
    });
    expect(byHash.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = byHash.body!.getReader();
    let text = '';
    while (!text.includes('"graphChanged"')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toMatch(/"graphChanged":\{[^\n]*"version":\d+/);
    await reader.cancel();
    const unlisted = await subscribe<Change>(
      fetchOf,
      'http://localhost/graphql',
      'subscription { graphChanged { version } }',
    );
    expect((await unlisted.next()).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    feed.close();
  });
});
