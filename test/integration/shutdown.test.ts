import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpArticle } from '../support/articles.ts';
import { openTestNeo4j } from '../support/neo4j.ts';
import { STACK_FRAME } from '../support/processes.ts';
import { startMain } from '../support/server-process.ts';
import { dataOf } from '../support/graphql.ts';
import { subscribe } from '../support/sse.ts';
import { childEnv, TEST_DATABASE, TEST_PORTS } from '../support/test-config.ts';

const PORT = TEST_PORTS.shutdownHttp;
const WRITE_KEY = 'shutdown-test-key-0123456789abcdef';
const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

const serve = (shutdownMs: number) =>
  startMain(
    childEnv({
      NEO4J_URI: neo4j.connection.uri,
      NEO4J_PASSWORD: neo4j.connection.password,
      NEO4J_DATABASE: TEST_DATABASE,
      PORT: String(PORT),
      KG_WRITE_KEY: WRITE_KEY,
      KG_SHUTDOWN_MS: String(shutdownMs),
      // Held on a lock for a while, on a busy machine: not cut short by the time limit.
      KG_QUERY_TIMEOUT_MS: '60000',
    }),
  );

/**
 * A new article imported over GraphQL: the import writes the graph version last, so a lock held
 * on it holds the request.
 */
const importFollowUp = (id: string) =>
  fetch(`http://127.0.0.1:${PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}` },
    body: JSON.stringify({
      query: 'mutation ($doc: JSONObject) { importArticle(document: $doc) { status } }',
      variables: { doc: { ...followUpArticle(), article: { ...followUpArticle().article, id } } },
    }),
  });

/** Holds the write lock of the graph version node until `release` (another writer waits). */
async function holdGraphVersion() {
  const session = neo4j.driver.session({ database: neo4j.connection.database });
  const tx = await session.beginTransaction();
  await tx.run(`MATCH (v:GraphVersion {id: 'graph'}) SET v.held = true`);
  return async () => {
    await tx.rollback();
    await session.close();
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // The first start imports seed/, which makes the graph version node.
  const server = await serve(10_000);
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}, 240_000);

describe('SIGTERM', () => {
  it('stops accepting, lets the request in flight finish, then exits 0', async () => {
    const server = await serve(10_000);
    const release = await holdGraphVersion();
    try {
      const inFlight = importFollowUp('article-follow-up-shutdown-1');
      await sleep(500);
      server.child.kill('SIGTERM');
      await sleep(300);
      // No new connections...
      await expect(fetch(`http://127.0.0.1:${PORT}/health`)).rejects.toThrow();
      expect(server.child.exitCode).toBeNull();
      // ...but the one in flight gets its answer once it can finish.
      await release();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { importArticle: { status: 'CREATED' } } });
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain(
        'SIGTERM: shutting down (requests in flight get up to 10000 ms)',
      );
      expect(server.output()).toContain('Stopped.');
      expect(server.output()).not.toMatch(STACK_FRAME);
    } finally {
      server.child.kill('SIGKILL');
      await release().catch(() => {});
    }
  }, 120_000);

  it('closes what is still in flight after KG_SHUTDOWN_MS, and exits 0', async () => {
    const server = await serve(1_000);
    const release = await holdGraphVersion();
    try {
      const inFlight = importFollowUp('article-follow-up-shutdown-2').then(
        () => 'answered',
        () => 'connection closed',
      );
      await sleep(500);
      const signalled = performance.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const took = performance.now() - signalled;
      expect(took).toBeGreaterThanOrEqual(900);
      expect(took).toBeLessThan(4_000);
      expect(await inFlight).toBe('connection closed');
      expect(server.output()).toContain(
        'Requests still in flight after 1000 ms: closing their connections.',
      );
    } finally {
      server.child.kill('SIGKILL');
      await release().catch(() => {});
    }
  }, 120_000);

  it('ends open subscriptions at once, so they do not hold the shutdown for KG_SHUTDOWN_MS', async () => {
    const server = await serve(30_000);
    try {
      const stream = await subscribe<{ graphChanged: { version: number } }>(
        fetch,
        `http://127.0.0.1:${PORT}/graphql`,
        'subscription { graphChanged { version } }',
      );
      expect(dataOf(await stream.next()).graphChanged.version).toBeGreaterThan(0);
      const signalled = performance.now();
      server.child.kill('SIGTERM');
      expect(await stream.ended()).toBe(true);
      expect(await server.exited).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(10_000);
      expect(server.output()).not.toContain('Requests still in flight');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);
});
