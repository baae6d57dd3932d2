import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

function server(corsOrigins?: readonly string[]) {
  return createServer({
    db: neo4j.db,
    server: { version: '5', edition: 'community', database: neo4j.db.name },
    logger: pino({ level: 'silent' }),
    corsOrigins,
  });
}

const APP = 'https://app.example.com';
const OTHER = 'https://evil.example.net';

/** The CORS headers of an answer, by name. */
async function cors(yoga: ReturnType<typeof server>, init: RequestInit) {
  const response = await yoga.fetch('http://localhost/graphql', init);
  await response.arrayBuffer();
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => name.startsWith('access-control-')),
  );
  return { status: response.status, headers, vary: response.headers.get('vary') ?? '' };
}

const query = (origin?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
  body: JSON.stringify({ query: '{ __typename }' }),
});

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization, content-type',
  },
});

describe('CORS', () => {
  it('by default, answers no cross-origin request with CORS headers, preflight included', async () => {
    const yoga = server();
    for (const origin of [undefined, APP, OTHER, 'null']) {
      const answer = await cors(yoga, query(origin));
      expect(answer.status).toBe(200);
      expect(answer.headers).toEqual({});
    }
    for (const origin of [APP, OTHER, 'null']) {
      expect((await cors(yoga, preflight(origin))).headers).toEqual({});
    }
  });

  it('with KG_CORS_ORIGINS, allows the listed origins only, never with credentials', async () => {
    const yoga = server([APP, 'http://localhost:5173']);
    const allowed = await cors(yoga, query(APP));
    expect(allowed.headers).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
    });
    expect(allowed.vary).toMatch(/\bOrigin\b/);
    expect((await cors(yoga, preflight(APP))).headers).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-headers': 'content-type, authorization',
    });

    for (const origin of [undefined, OTHER, 'null', `${APP}.evil.example.net`]) {
      const answer = await cors(yoga, query(origin));
      expect(answer.headers).toEqual({});
      // A cache between must not give this answer to an allowed origin, nor the reverse.
      expect(answer.vary).toMatch(/\bOrigin\b/);
    }
    for (const origin of [OTHER, 'null']) {
      expect((await cors(yoga, preflight(origin))).headers).toEqual({});
    }
  });

  it('with "*", allows any origin but null, without credentials', async () => {
    const yoga = server(['*']);
    for (const origin of [APP, OTHER]) {
      const answer = await cors(yoga, query(origin));
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    }
    expect((await cors(yoga, query('null'))).headers).toEqual({});
    expect((await cors(yoga, preflight('null'))).headers).toEqual({});
  });
});

describe('the GraphiQL page', () => {
  const page = (yoga: ReturnType<typeof server>, headers: Record<string, string> = {}) =>
    yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html', ...headers } });

  it('is sent compressed to a browser that accepts gzip or br, with an ETag, and a reload is a 304', async () => {
    const yoga = server();
    const plain = await page(yoga);
    const html = Buffer.from(await plain.arrayBuffer());
    expect(html.toString()).toContain('renderYogaGraphiQL');
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');

    const decode = { gzip: gunzipSync, br: brotliDecompressSync };
    for (const [accept, encoding] of [
      ['gzip, deflate', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
    ] as const) {
      const compressed = await page(yoga, { 'accept-encoding': accept });
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(compressed.headers.get('etag')).toBe(etag);
      const body = Buffer.from(await compressed.arrayBuffer());
      expect(body.byteLength).toBeLessThan(html.byteLength / 3);
      expect(decode[encoding](body).equals(html)).toBe(true);
    }

    const reload = await page(yoga, { 'accept-encoding': 'gzip, br', 'if-none-match': etag! });
    expect(reload.status).toBe(304);
    expect((await reload.arrayBuffer()).byteLength).toBe(0);
    expect(reload.headers.get('etag')).toBe(etag);
    const stale = await page(yoga, { 'if-none-match': 'W/"another-page"' });
    expect(stale.status).toBe(200);
  });

  it('is not sent to a client that does not ask for HTML', async () => {
    const response = await server().fetch('http://localhost/graphql?query=%7B__typename%7D', {
      headers: { accept: 'application/json' },
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
