import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKeyAsApiKey } from '../../src/auth/api-keys.ts';
import { createDatabase } from '../../src/db/database.ts';
import { createLogger } from '../../src/logger.ts';
import { createServer, type ServerDeps } from '../../src/server.ts';
import { loadSeed } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

/**
 * Every answer carries the request's id in X-Request-Id (the client's if sane, else a new one), and
 * every log line of the request says it: each Cypher statement, the request's own line, and the
 * error behind an INTERNAL_SERVER_ERROR, which also gives the id to the client.
 */

const WRITE_KEY = 'request-ids-test-write-key-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Log lines as JSON objects, written by the server's own logger (src/logger.ts). */
function captured() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { lines, logger: createLogger({ logLevel: 'debug' }, destination) };
}

const log = captured();
const neo4j = openTestNeo4j({ logger: log.logger });

beforeAll(async () => {
  await wipeTestGraph(neo4j.db);
  await loadSeed(neo4j.db);
});
afterAll(() => neo4j.close());

function server(deps: Partial<ServerDeps> = {}) {
  return createServer({
    db: neo4j.db,
    server: { version: '5', edition: 'community', database: neo4j.db.name },
    logger: log.logger,
    apiKeys: [writeKeyAsApiKey(WRITE_KEY)],
    ...deps,
  });
}

const post = (
  yoga: ReturnType<typeof server>,
  query: string,
  headers: Record<string, string> = {},
) =>
  yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

const idOf = (response: Response) => response.headers.get('x-request-id');

describe('X-Request-Id', () => {
  it("echoes a client's sane id, on GraphQL answers, /health and /ready", async () => {
    const yoga = server();
    const id = 'c0ffee-42.abc:DEF_9';
    expect(idOf(await post(yoga, '{ __typename }', { 'x-request-id': id }))).toBe(id);
    for (const path of ['/health', '/ready']) {
      const response = await yoga.fetch(`http://localhost${path}`, {
        headers: { 'x-request-id': id },
      });
      expect(response.status).toBe(200);
      expect(idOf(response)).toBe(id);
    }
  });

  it('makes one up (a UUID) without an id, or for one that is not a sane token', async () => {
    const yoga = server();
    const insane = ['a'.repeat(129), 'two words', 'x\u00e9', '-leading-dash', 'semi;colon', 'a"b'];
    const seen = new Set<string>();
    for (const header of [undefined, ...insane]) {
      const response = await post(yoga, '{ __typename }', header ? { 'x-request-id': header } : {});
      const id = idOf(response);
      expect(id).toMatch(UUID);
      seen.add(id!);
    }
    expect(seen.size).toBe(insane.length + 1);
    expect(idOf(await post(yoga, '{ __typename }', { 'x-request-id': 'b'.repeat(128) }))).toBe(
      'b'.repeat(128),
    );
  });

  it('is on refusals too: 400, 401, 413, 429', async () => {
    const invalid = await post(server(), '{ nosuchfield }', { 'x-request-id': 'invalid-1' });
    expect([invalid.status, idOf(invalid)]).toEqual([200, 'invalid-1']);

    const closed = await post(server({ reads: 'key' }), '{ __typename }', {
      'x-request-id': 'closed-1',
    });
    expect([closed.status, idOf(closed)]).toEqual([401, 'closed-1']);

    const large = await server({ bodyLimitBytes: 64 }).fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'large-1' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200)}` }),
    });
    expect([large.status, idOf(large)]).toEqual([413, 'large-1']);

    const limited = server({ rateLimit: { perMinute: 1 } });
    const search =
      '{ a: search(text: "xen", first: 1) { id } b: search(text: "xen", first: 1) { id } }';
    const tooMany = await post(limited, search, { 'x-request-id': 'limited-1' });
    expect([tooMany.status, idOf(tooMany)]).toEqual([429, 'limited-1']);
  });
});

describe('logs', () => {
  it("log every statement at debug level with the request's id, and the request at info", async () => {
    const yoga = server();
    const id = `statements-${Date.now()}`;
    const response = await post(
      yoga,
      'query Stances { stanceSummary(topic: "blue-pill") { stance count } }',
      { 'x-request-id': id },
    );
    expect(response.status).toBe(200);
    const mine = log.lines.filter((line) => line.requestId === id);
    const statements = mine.filter((line) => line.msg === 'statement');
    expect(statements.length).toBeGreaterThan(0);
    for (const line of statements) {
      expect(line).toMatchObject({ level: 20, routing: 'READ', statement: expect.any(String) });
      expect(line.ms).toBeTypeOf('number');
      expect(line.rows).toBeTypeOf('number');
    }
    expect(mine.find((line) => line.msg === 'request')).toMatchObject({
      level: 30,
      operation: 'Stances',
      type: 'query',
      status: 200,
      outcome: 'ok',
      ms: expect.any(Number),
    });
  });

  it('name a statement by its leading comment, and log the writes of an import', async () => {
    const yoga = server();
    const id = `import-${Date.now()}`;
    const source = JSON.stringify({
      format: 'kg-article/1',
      article: { id: 'article-request-ids', title: 'Request ids', publishedAt: '2012-01' },
      entities: [{ id: 'request-ids-person', type: 'Person', name: 'Request Ids' }],
    });
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': id,
        authorization: `Bearer ${WRITE_KEY}`,
      },
      body: JSON.stringify({
        query: 'mutation ($source: String!) { importArticle(source: $source) { status } }',
        variables: { source },
      }),
    });
    expect(await response.json()).toEqual({ data: { importArticle: { status: 'CREATED' } } });
    const names = log.lines
      .filter((line) => line.requestId === id && line.msg === 'statement')
      .map((line) => `${String(line.routing)} ${String(line.statement)}`);
    expect(names).toContain('WRITE storeArticle');
    expect(names).toContain('WRITE resolveIds');
  });

  it('log an unexpected error with the request id, which the client gets in extensions', async () => {
    // A real Neo4j asked for a database it does not have: an error no catalogue entry covers.
    const lost = createDatabase(neo4j.driver, 'nosuchdatabase', { logger: log.logger });
    const yoga = server({ db: lost });
    const response = await post(yoga, '{ node(id: "blue-pill") { id } }', {
      'x-request-id': 'unexpected-1',
    });
    const body = (await response.json()) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(body.errors[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'unexpected-1' },
    });
    expect(idOf(response)).toBe('unexpected-1');
    const logged = log.lines.find(
      (line) => line.requestId === 'unexpected-1' && line.level === 50 && line.err,
    );
    expect(JSON.stringify(logged?.err)).toMatch(/nosuchdatabase/i);
    lost.close();
  });
});
