import pino from 'pino';
import { writeKeyAsApiKey } from '../../src/auth/api-keys.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, type ServerDeps } from '../../src/server.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

const WRITE_KEY = 'rate-limit-test-key-0123456789abcdef';

function server(perMinute: number, deps: Partial<ServerDeps> = {}) {
  let clock = 1_000_000;
  const yoga = createServer({
    db: neo4j.db,
    server: { version: '5', edition: 'community', database: neo4j.db.name },
    logger: pino({ level: 'silent' }),
    apiKeys: [writeKeyAsApiKey(WRITE_KEY)],
    rateLimit: { perMinute, now: () => clock },
    ...deps,
  });
  return { yoga, advance: (ms: number) => (clock += ms) };
}

type Yoga = ReturnType<typeof server>['yoga'];

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One request from `address`, as the Node HTTP server hands it to Yoga. */
async function from(address: string, yoga: Yoga, query: string, headers = {}) {
  const response = await yoga.fetch(
    'http://localhost/graphql',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    },
    { req: { socket: { remoteAddress: address } } },
  );
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer,
  };
}

const codes = (answer: Answer) => answer.errors?.map((e) => e.extensions?.code);
const SEARCH = '{ search(text: "xen", first: 1) { id } }';
// Unknown ids: answered NOT_FOUND, after the call was counted.
const PATH_LENGTH = '{ pathLength(from: "a", to: "b") }';

describe('KG_RATE_LIMIT', () => {
  it('refuses the N+1-th expensive call of a client in the minute with 429, and no other client', async () => {
    const { yoga, advance } = server(3);
    for (let i = 0; i < 3; i++) {
      const { status, body } = await from('10.0.0.1', yoga, i === 1 ? PATH_LENGTH : SEARCH);
      expect(status).toBe(200);
      expect(codes(body)).toEqual(i === 1 ? ['NOT_FOUND'] : undefined);
    }
    const refused = await from('10.0.0.1', yoga, SEARCH);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('60');
    expect(refused.body.data).toBeUndefined();
    expect(codes(refused.body)).toEqual(['RATE_LIMITED']);
    expect(refused.body.errors?.[0]?.message).toMatch(/^Rate limit: at most 3 writes and calls/);

    // Another address has its own count; cheap fields are never counted.
    expect((await from('10.0.0.2', yoga, SEARCH)).status).toBe(200);
    expect((await from('10.0.0.1', yoga, '{ about { database } }')).body).toEqual({
      data: { about: { database: 'kgtest' } },
    });

    // The next minute starts afresh.
    advance(30_000);
    expect((await from('10.0.0.1', yoga, SEARCH)).retryAfter).toBe('30');
    advance(30_000);
    expect((await from('10.0.0.1', yoga, SEARCH)).status).toBe(200);
  });

  it('counts every expensive root field and every mutation field, and a refusal counts nothing', async () => {
    const { yoga } = server(3);
    const four = `{ a: search(text: "x") { id } ...F ... on Query { c: search(text: "z") { id } d: search(text: "w") { id } } }
      fragment F on Query { b: search(text: "y") { id } }`;
    expect(codes((await from('10.0.0.3', yoga, four)).body)).toEqual(['RATE_LIMITED']);
    const three =
      '{ a: search(text: "x") { id } b: search(text: "y") { id } c: search(text: "z") { id } }';
    expect(codes((await from('10.0.0.3', yoga, three)).body)).toBeUndefined();
    expect(codes((await from('10.0.0.3', yoga, SEARCH)).body)).toEqual(['RATE_LIMITED']);
  });

  it('counts writes, per write key when the valid one is presented', async () => {
    const { yoga } = server(1);
    const write = 'mutation { retractArticle(id: "no-such-article") { articleId } }';
    const writer = { authorization: `Bearer ${WRITE_KEY}` };
    const first = await from('10.0.0.4', yoga, write, writer);
    expect(codes(first.body)).not.toContain('RATE_LIMITED');
    // Same key from another address: the same client.
    expect(codes((await from('10.0.0.5', yoga, write, writer)).body)).toEqual(['RATE_LIMITED']);
    // The address itself, without the key, still has its own minute.
    expect((await from('10.0.0.4', yoga, SEARCH)).status).toBe(200);
    // A made-up key is no key: it does not buy a fresh count.
    expect(
      (await from('10.0.0.4', yoga, SEARCH, { authorization: `Bearer ${'x'.repeat(40)}` })).status,
    ).toBe(429);
  });

  it('counts nothing for an answer from the response cache', async () => {
    const { yoga } = server(1, { cache: { maxBytes: 1024 * 1024, checkMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.7', yoga, SEARCH)).status).toBe(200);
    const other = await from('10.0.0.7', yoga, '{ search(text: "citrix", first: 1) { id } }');
    expect(other.status).toBe(429);
  });

  it('0 (the default): no limit', async () => {
    const { yoga } = server(0);
    for (let i = 0; i < 5; i++) expect((await from('10.0.0.6', yoga, SEARCH)).status).toBe(200);
  });
});
