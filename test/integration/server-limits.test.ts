import pino from 'pino';
import { writeKeyAsApiKey } from '../../src/auth/api-keys.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCUMENT_CACHE, documentCaches } from '../../src/graphql/document-cache.ts';
import { WRITE_BODY_BYTES } from '../../src/http/body-limit.ts';
import { createServer, LIMITS, type ServerDeps } from '../../src/server.ts';
import { seedArticle } from '../support/articles.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

const WRITE_KEY = 'limits-test-key-0123456789abcdef';
const MB = 1024 * 1024;

function server(deps: Partial<ServerDeps> = {}) {
  return createServer({
    db: neo4j.db,
    server: { version: '5', edition: 'community', database: neo4j.db.name },
    logger: pino({ level: 'silent' }),
    ...deps,
  });
}

type Yoga = ReturnType<typeof server>;

async function post(yoga: Yoga, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Answer };
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const query = (yoga: Yoga, q: string, variables?: object) =>
  post(yoga, JSON.stringify({ query: q, variables }));
const codes = (answer: Answer) => answer.errors?.map((e) => e.extensions?.code);

/** A body of `bytes` bytes sent in chunks, without a Content-Length. */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

describe('request bodies', () => {
  it('refuses a body over 1 MB with 413 and says the limit, by Content-Length and in chunks', async () => {
    const yoga = server({ apiKeys: [writeKeyAsApiKey(WRITE_KEY)] });
    const over = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(MB)}` });
    const declared = await post(yoga, over, { 'content-length': String(over.length) });
    expect(declared.status).toBe(413);
    expect(declared.body.errors).toEqual([
      {
        message: 'Request body too large: at most 1 MB (11 MB with a key that may write).',
        extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' },
      },
    ]);
    const streamed = await post(yoga, chunked(2 * MB));
    expect(streamed.status).toBe(413);
    expect(codes(streamed.body)).toEqual(['REQUEST_ENTITY_TOO_LARGE']);

    const under = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(MB - 100)}` });
    expect((await post(yoga, under)).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('lets a request with the write key send an article-sized body, and no one else', async () => {
    const yoga = server({ apiKeys: [writeKeyAsApiKey(WRITE_KEY)] });
    // An article at the 5 MB limit, sent as a JSON string, can be about twice that on the wire.
    const article = JSON.stringify({ query: `{ __typename } # ${'"'.repeat(5 * MB - 10)}` });
    expect(article.length).toBeLessThan(WRITE_BODY_BYTES);
    expect(article.length).toBeGreaterThan(10 * MB);
    const writer = await post(yoga, article, { authorization: `Bearer ${WRITE_KEY}` });
    expect(writer.body).toEqual({ data: { __typename: 'Query' } });
    for (const authorization of [undefined, 'Bearer not-the-key-0123456789abcdefgh']) {
      const other = await post(yoga, article, authorization ? { authorization } : {});
      expect(other.status).toBe(413);
    }
  });

  it('imports an article of 3 MB over GraphQL with the write key', async () => {
    const yoga = server({ apiKeys: [writeKeyAsApiKey(WRITE_KEY)] });
    const article = seedArticle();
    article.article.text = `${article.article.text ?? ''}\n${'More of the same. '.repeat(175_000)}`;
    const body = JSON.stringify({
      query: 'mutation ($source: String) { importArticle(source: $source) { status } }',
      variables: { source: JSON.stringify(article) },
    });
    expect(body.length).toBeGreaterThan(3 * MB);
    const refused = await post(yoga, body);
    expect(refused.status).toBe(413);
    const imported = await post(yoga, body, { authorization: `Bearer ${WRITE_KEY}` });
    expect(imported.body).toEqual({ data: { importArticle: { status: 'CREATED' } } });
  });

  it('takes its limit from KG_BODY_LIMIT_MB (bodyLimitBytes)', async () => {
    const yoga = server({ bodyLimitBytes: 2 * MB });
    const body = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1.5 * MB)}` });
    expect((await post(yoga, body)).body).toEqual({ data: { __typename: 'Query' } });
    const over = await post(yoga, chunked(3 * MB));
    expect(over.status).toBe(413);
    expect(over.body.errors?.[0]?.message).toBe('Request body too large: at most 2 MB.');
  });
});

describe('parsed documents kept between requests', () => {
  // About 1,000 tokens each, so that a handful fill a small cache; valid, and nothing to run.
  const large = (i: number) =>
    `query Q${i} { __typename search(text: "x", types: [${'Person '.repeat(1000)}]) @skip(if: true) { id } }`;

  it('are bounded in bytes however many distinct documents come', async () => {
    const documents = documentCaches({ ...DOCUMENT_CACHE, maxBytes: 2 * MB });
    const yoga = server({ documents });
    expect((await query(yoga, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    await query(yoga, '{ __typename }');
    expect(documents.entries()).toBe(1);

    for (let i = 0; i < 20; i++) {
      expect((await query(yoga, large(i))).body).toEqual({ data: { __typename: 'Query' } });
      expect(documents.bytes()).toBeLessThanOrEqual(2 * MB);
    }
    expect(documents.bytes()).toBeGreaterThan(MB);
    expect(documents.entries()).toBeLessThan(10);
  });

  it('never keeps a document over 100,000 characters, nor one over the token limit', async () => {
    const documents = documentCaches();
    const yoga = server({ documents });
    for (let i = 0; i < 5; i++) {
      const commented = `{ __typename } # ${i} ${'x'.repeat(DOCUMENT_CACHE.maxTextLength)}`;
      expect((await query(yoga, commented)).body).toEqual({ data: { __typename: 'Query' } });
    }
    expect(documents.entries()).toBe(0);

    // Refused while parsing, before anything is kept; the next time too (its error is kept).
    const tooMany = `{ ${'__typename '.repeat(LIMITS.tokens)}}`;
    for (let i = 0; i < 2; i++) {
      const { body } = await query(yoga, tooMany);
      expect(body.errors?.[0]?.message).toMatch(/Token limit of 5000 exceeded/);
    }
    expect(documents.entries()).toBe(1);
    expect(documents.bytes()).toBeLessThan(tooMany.length + 2048);
  });
});

describe('refusals before anything runs', () => {
  const nested = (n: number) =>
    `{ person(id: "x") { ${'relations { from { '.repeat(n)}id${' } }'.repeat(n)} } }`;
  const aliases = (n: number, field: string) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

  it.each([
    ['QUERY_TOO_DEEP', nested(8), /^Query depth limit of 15 exceeded/],
    ['TOO_MANY_ALIASES', aliases(31, 'about { database }'), /^Aliases limit of 30 exceeded/],
    ['TOO_MANY_DIRECTIVES', `{ __typename ${'@skip(if: false) '.repeat(51)}}`, /^Directives/],
    ['TOO_MANY_TOKENS', `{ ${'__typename '.repeat(5001)}}`, /^Token limit of 5000 exceeded/],
    [
      'QUERY_TOO_COSTLY',
      `{ ${Array.from({ length: 25 }, (_, i) => `p${i}: people(first: 100) { edges { node { relations(first: 500) { from { id } } } } }`).join(' ')} }`,
      /^This request could answer up to 2,507,525 values, over the limit of 1,000,000/,
    ],
  ])('answers %s, with the limit in the message', async (code, q, message) => {
    const { body } = await query(server(), q);
    expect(body.data).toBeUndefined();
    const error = body.errors?.find((e) => e.extensions?.code === code);
    expect(error?.message).toMatch(message);
  });

  it('counts what lists could hold, with variables and defaults, and never what they hold', async () => {
    const yoga = server();
    const nested = `query ($n: Int) { __typename article(id: "x") {
      mentions(first: $n) { ... on Topic { mentionedIn(first: $n) { mentions(first: $n) { id } } } } } }`;
    const refused = await post(yoga, JSON.stringify({ query: nested, variables: { n: 500 } }), {
      accept: 'application/graphql-response+json',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      {
        message:
          'This request could answer up to 125,250,503 values, over the limit of 1,000,000: ask ' +
          'for fewer items with `first` (or `limit`) on its lists, or split it.',
        extensions: { code: 'QUERY_TOO_COSTLY' },
      },
    ]);
    // The same operation with smaller lists runs.
    const small = await query(yoga, nested, { n: 20 });
    expect(small.body).toEqual({ data: { __typename: 'Query', article: null } });
    // Thirty aliases of an article's facts and mentions: each list is cut at its `first`.
    const many = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: article(id: "x") { facts { type } mentions { id name } }`).join(' ')} }`;
    expect((await query(yoga, many)).body.errors).toBeUndefined();
  });

  it('counts __typename aliases like any other', async () => {
    const yoga = server();
    const many = await query(yoga, aliases(1000, '__typename'));
    expect(codes(many.body)).toEqual(['TOO_MANY_ALIASES']);
    expect(many.text.length).toBeLessThan(200);
    const allowed = await query(yoga, aliases(LIMITS.aliases, '__typename'));
    expect(Object.keys(allowed.body.data ?? {})).toHaveLength(LIMITS.aliases);
  });
});

describe('errors quote at most an excerpt of what was sent', () => {
  it('a malformed JSON body', async () => {
    const answer = await post(server(), `{"query": ${'x'.repeat(900_000)}`);
    expect(answer.status).toBe(400);
    expect(codes(answer.body)).toEqual(['BAD_REQUEST']);
    expect(answer.text.length).toBeLessThan(1000);
  });

  it('a bad cursor, a bad enum value in a variable, an unknown field', async () => {
    const yoga = server();
    const long = 'y'.repeat(930_000);
    const cursor = await query(yoga, `{ people(after: "${long}") { edges { cursor } } }`);
    expect(codes(cursor.body)).toEqual(['BAD_USER_INPUT']);
    expect(cursor.body.errors?.[0]?.message).toMatch(
      /^after: "y{100}… \(930000 characters\)" is not a cursor/,
    );
    const variable = await query(
      yoga,
      'query ($s: Stance) { claims(where: { stance: $s }) { totalCount } }',
      { s: long },
    );
    expect(codes(variable.body)).toEqual(['BAD_USER_INPUT']);
    const field = await query(yoga, `{ ${'z'.repeat(500_000)} }`);
    expect(codes(field.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    for (const answer of [cursor, variable, field]) {
      expect(answer.text.length).toBeLessThan(1000);
      expect(answer.text).not.toMatch(/[yz]{101}/);
    }
  });
});

describe('search', () => {
  it('answers BAD_USER_INPUT for a word over 100 characters, saying so', async () => {
    const yoga = server();
    const { body } = await query(yoga, `{ search(text: "xen ${'a'.repeat(1500)}") { id } }`);
    expect(body.errors).toMatchObject([
      {
        message:
          'text: a word is at most 100 characters; got one of 1500 ("aaaaaaaaaaaaaaaaaaaa… (1500 characters)").',
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    const longest = await query(yoga, `{ search(text: "${'a'.repeat(100)}") { id } }`);
    expect(longest.body).toEqual({ data: { search: [] } });
  });
});
