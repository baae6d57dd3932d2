import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/database.ts';
import { createDriver } from '../../src/db/driver.ts';
import type { UserError } from '../../src/model/errors.ts';
import { createServer } from '../../src/server.ts';
import { freezableProxy } from '../support/freezable-proxy.ts';
import { openTestNeo4j } from '../support/neo4j.ts';
import { STACK_FRAME } from '../support/processes.ts';

const neo4j = openTestNeo4j();
const drivers: { close(): Promise<void> }[] = [neo4j];
afterAll(async () => {
  for (const driver of drivers) await driver.close();
});

/** A Database on its own driver to `uri`, with the test server's credentials. */
function databaseAt(uri: string, timeoutMs: number): Database {
  const driver = createDriver({ ...neo4j.connection, uri });
  drivers.push(driver);
  return createDatabase(driver, neo4j.connection.database, { timeoutMs });
}

/** How a promise ends, and after how many ms. */
async function timed<T>(work: Promise<T>) {
  const started = performance.now();
  const outcome = await work.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error: error as UserError }),
  );
  return { ...outcome, ms: performance.now() - started };
}

const server = (db: Database) =>
  createServer({
    db,
    server: { version: '5', edition: 'community', database: db.name },
    logger: pino({ level: 'silent' }),
    cache: { maxBytes: 1024 * 1024, checkMs: 1000 },
  });

const post = (yoga: ReturnType<typeof server>, query: string, accept: string) =>
  yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query }),
  });

const GRAPH_RESPONSE = 'application/graphql-response+json';
const SEARCH = '{ search(text: "Blue Pill", first: 5) { id } }';

describe('KG_QUERY_TIMEOUT_MS', () => {
  it('stops a read that runs longer, with QUERY_TIMEOUT, and Neo4j stays available', async () => {
    const db = databaseAt(neo4j.connection.uri, 500);
    const slow = await timed(
      db.read('UNWIND range(1, 500000000) AS x WITH x WHERE x % 7 = 100 RETURN count(x) AS n'),
    );
    expect(slow.error?.code).toBe('QUERY_TIMEOUT');
    expect(slow.error?.message).toBe(
      'The request did not finish within its time limit of 500 ms and was stopped; ask for less (fewer items or levels), or try again.',
    );
    // Neo4j stopped it, or else the server stopped waiting at 500 ms + 1 s (on a busy machine).
    expect(slow.ms).toBeLessThan(3_000);
    expect(db.available).toBe(true);
    expect(await db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('stops a write that waits too long for a lock, and nothing of it is written', async () => {
    const db = databaseAt(neo4j.connection.uri, 500);
    await neo4j.db.write(`MERGE (:Node:Topic {id: 'timeout-locked'})`);
    // Another transaction holds the node's lock for longer than the timeout.
    const session = neo4j.driver.session({ database: neo4j.connection.database });
    const holder = await session.beginTransaction();
    try {
      await holder.run(`MATCH (t:Topic {id: 'timeout-locked'}) SET t.held = true`);
      const blocked = await timed(
        db.writeTransaction(async (tx) => {
          await tx.run(`CREATE (:Node:Topic {id: 'timeout-written'})`);
          await tx.run(`MATCH (t:Topic {id: 'timeout-locked'}) SET t.name = 'changed'`);
        }),
      );
      expect(blocked.error?.code).toBe('QUERY_TIMEOUT');
      expect(blocked.ms).toBeLessThan(3_000);
    } finally {
      await holder.rollback();
      await session.close();
    }
    expect(
      await neo4j.db.read(
        `MATCH (t:Topic) WHERE t.id STARTS WITH 'timeout-' RETURN t.id AS id, t.name AS name`,
      ),
    ).toEqual([{ id: 'timeout-locked', name: null }]);
  });
});

describe('with nothing listening at the URI', () => {
  it('a statement fails in under a second with SERVICE_UNAVAILABLE, the next one at once', async () => {
    const db = databaseAt('bolt://127.0.0.1:1', 5_000);
    const first = await timed(db.read('RETURN 1'));
    expect(first.error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(first.ms).toBeLessThan(1_000);
    expect(db.available).toBe(false);
    const next = await timed(db.writeTransaction((tx) => tx.run('RETURN 1')));
    expect(next.error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(next.ms).toBeLessThan(50);
    expect((await timed(db.ready())).value).toBe(false);
  });

  it('GraphQL answers SERVICE_UNAVAILABLE fast: 503 for graphql-response+json, 200 for json; /ready 503, /health 200', async () => {
    const yoga = server(databaseAt('bolt://127.0.0.1:1', 5_000));

    // The first request finds out while it runs: a field error (data is there, so 200).
    const started = performance.now();
    const first = await post(yoga, SEARCH, GRAPH_RESPONSE);
    expect(performance.now() - started).toBeLessThan(1_000);
    const firstBody = await first.text();
    expect(JSON.parse(firstBody).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(firstBody).not.toMatch(/Unexpected|ECONNREFUSED|127\.0\.0\.1|neo4j/i);

    // The next ones are refused before they run: no data, so 503 with Retry-After.
    const again = performance.now();
    const refused = await post(yoga, SEARCH, GRAPH_RESPONSE);
    expect(performance.now() - again).toBeLessThan(200);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: 'The graph database does not answer right now; try again in a few seconds.',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        },
      ],
    });
    // application/json keeps 200 for every well-formed request, as GraphQL over HTTP asks.
    const legacy = await post(yoga, SEARCH, 'application/json');
    expect(legacy.status).toBe(200);
    expect((await legacy.json()).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    // A mutation needs Neo4j too.
    const mutation = await post(
      yoga,
      'mutation { retractArticle(id: "x") { claimsDeleted } }',
      GRAPH_RESPONSE,
    );
    expect(mutation.status).toBe(503);

    // What needs no Neo4j still answers.
    const typename = await post(yoga, '{ __typename about { writable } }', GRAPH_RESPONSE);
    expect(typename.status).toBe(200);
    expect(await typename.json()).toEqual({
      data: { __typename: 'Query', about: { writable: false } },
    });

    const readyAt = performance.now();
    const ready = await yoga.fetch('http://localhost/ready');
    expect(ready.status).toBe(503);
    expect(performance.now() - readyAt).toBeLessThan(2_000);
    expect((await yoga.fetch('http://localhost/health')).status).toBe(200);
    expect(firstBody).not.toMatch(STACK_FRAME);
  });
});

describe('a Neo4j that stops answering (frozen), then answers again', () => {
  it('/ready is 503 within 2 s, a statement ends at its time limit, later ones fail at once, and it recovers by itself', async () => {
    const proxy = await freezableProxy({
      host: '127.0.0.1',
      port: Number(new URL(neo4j.connection.uri).port),
    });
    drivers.push(proxy);
    const db = databaseAt(proxy.uri, 2_000);
    const yoga = server(db);
    expect((await post(yoga, SEARCH, GRAPH_RESPONSE)).status).toBe(200);

    proxy.freeze();
    const readyAt = performance.now();
    expect((await yoga.fetch('http://localhost/ready')).status).toBe(503);
    expect(performance.now() - readyAt).toBeLessThan(2_000);
    const waiting = await timed(db.read('MATCH (n) RETURN count(n) AS n'));
    expect(waiting.error?.code).toBe('QUERY_TIMEOUT');
    // No answer at all: the caller stops waiting 1 s after the timeout (more on a busy machine).
    expect(waiting.ms).toBeGreaterThanOrEqual(2_900);
    expect(waiting.ms).toBeLessThan(4_500);
    // A check then gets no answer within 1.5 s either: Neo4j counts as down.
    while (db.available) {
      expect(performance.now() - readyAt).toBeLessThan(10_000);
      await new Promise((r) => setTimeout(r, 20));
    }
    const next = await timed(db.read('RETURN 1'));
    expect(next.error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(next.ms).toBeLessThan(50);
    expect((await post(yoga, SEARCH, GRAPH_RESPONSE)).status).toBe(503);
    expect((await yoga.fetch('http://localhost/health')).status).toBe(200);

    proxy.thaw();
    const thawed = performance.now();
    while (!db.available) {
      expect(performance.now() - thawed).toBeLessThan(5_000);
      await new Promise((r) => setTimeout(r, 20));
    }
    const recovery = performance.now() - thawed;
    process.stderr.write(
      `[connectivity] back ${Math.round(recovery)} ms after Neo4j answered again\n`,
    );
    expect(recovery).toBeLessThan(2_500);
    expect((await post(yoga, SEARCH, GRAPH_RESPONSE)).status).toBe(200);
    expect((await yoga.fetch('http://localhost/ready')).status).toBe(200);
  });
});
