import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asGraphiQLSendsIt, EXAMPLES } from '../../src/graphql/examples.ts';
import { documentId, loadTrustedDocuments } from '../../src/graphql/trusted-documents.ts';
import { createServer, type ServerDeps } from '../../src/server.ts';
import { loadSeed } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
beforeAll(async () => {
  await wipeTestGraph(neo4j.db);
  await loadSeed(neo4j.db);
});
afterAll(() => neo4j.close());

function server(deps: Partial<ServerDeps> = {}) {
  return createServer({
    db: neo4j.db,
    server: { version: '5', edition: 'community', database: neo4j.db.name },
    logger: pino({ level: 'silent' }),
    ...deps,
  });
}

type Yoga = ReturnType<typeof server>;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post(yoga: Yoga, body: object, accept = 'application/json') {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

const codes = (answer: Answer) => answer.errors?.map((e) => e.extensions?.code);
const page = (yoga: Yoga) =>
  yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
const persisted = (sha256Hash: string) => ({ version: 1, sha256Hash });

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPE = '{ __type(name: "Person") { fields { name } } }';

describe('KG_INTROSPECTION', () => {
  it('on (the default): __schema and __type answer, and errors suggest fields', async () => {
    const yoga = server();
    expect((await post(yoga, { query: INTROSPECTION })).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
    expect((await post(yoga, { query: TYPE })).body.errors).toBeUndefined();
    const typo = await post(yoga, { query: '{ search(text: "xen") { nme } }' });
    expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "name"\?/);
    const literal = await post(yoga, {
      query: '{ claims(where: { stance: DISMISS }) { totalCount } }',
    });
    expect(literal.body.errors?.[0]?.message).toMatch(/Did you mean the enum value "DISMISSES"\?$/);
  });

  it('off: __schema and __type are refused with a code, __typename still answers', async () => {
    const yoga = server({ introspection: false });
    for (const query of [INTROSPECTION, TYPE, `{ __typename ${INTROSPECTION.slice(1)}`]) {
      const { status, body } = await post(yoga, { query });
      expect(body.data).toBeUndefined();
      expect(codes(body)).toEqual(['INTROSPECTION_DISABLED']);
      expect(body.errors?.[0]?.message).toMatch(/^Introspection is off on this server: "__/);
      expect(status).toBe(200);
    }
    expect((await post(yoga, { query: '{ __typename }' })).body).toEqual({
      data: { __typename: 'Query' },
    });
    const union = await post(yoga, {
      query: '{ search(text: "Blue Pill", first: 1) { __typename } }',
    });
    expect(union.body.errors).toBeUndefined();
  });

  it('off: validation errors suggest no field names', async () => {
    const yoga = server({ introspection: false });
    const typo = await post(yoga, { query: '{ search(text: "xen") { nme } }' });
    expect(codes(typo.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "nme" on type "Entity".');
    const root = await post(yoga, { query: '{ peopl { totalCount } }' });
    expect(root.body.errors?.[0]?.message).toBe('Cannot query field "peopl" on type "Query".');
    const field = await post(yoga, {
      query: '{ claims(where: { stanc: DISMISSES }) { totalCount } }',
    });
    expect(field.body.errors?.[0]?.message).toBe(
      'Field "stanc" is not defined by type "ClaimWhere".',
    );
    const literal = await post(yoga, {
      query: '{ claims(where: { stance: DISMISS }) { totalCount } }',
    });
    expect(literal.body.errors?.[0]?.message).toBe(
      'Value "DISMISS" does not exist in "Stance" enum.',
    );
    const variable = await post(yoga, {
      query: 'query ($s: Stance) { claims(where: { stance: $s }) { totalCount } }',
      variables: { s: 'DISMISS' },
    });
    expect(variable.body.errors?.[0]).toMatchObject({
      message:
        'Variable "$s" got invalid value "DISMISS"; Value "DISMISS" does not exist in "Stance" enum.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('KG_GRAPHIQL', () => {
  it('on (the default): a browser gets GraphiQL', async () => {
    const response = await page(server());
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('renderYogaGraphiQL');
  });

  it('off: a browser gets a short 404, and GraphQL over GET still answers', async () => {
    const yoga = server({ graphiql: false });
    const response = await page(yoga);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('GraphiQL is turned off on this server.\n');
    const get = await yoga.fetch('http://localhost/graphql?query=%7B__typename%7D', {
      headers: { accept: 'application/json' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('KG_TRUSTED_DOCUMENTS', () => {
  const listed = loadTrustedDocuments();
  const whoDismissed = EXAMPLES[0]!;
  const whoDismissedId = documentId(whoDismissed.query);

  it('allow (the default): a listed example runs by its hash, either protocol', async () => {
    const yoga = server();
    const byText = await post(yoga, {
      query: whoDismissed.query,
      variables: whoDismissed.variables,
    });
    expect(byText.body.errors).toBeUndefined();
    expect(JSON.stringify(byText.body.data)).toContain('"stance":"DISMISSES"');
    const apollo = await post(yoga, {
      variables: whoDismissed.variables,
      extensions: { persistedQuery: persisted(whoDismissedId) },
    });
    expect(apollo.body).toEqual(byText.body);
    const draft = await post(yoga, {
      documentId: `sha256:${whoDismissedId}`,
      variables: whoDismissed.variables,
    });
    expect(draft.body).toEqual(byText.body);
    const params = new URLSearchParams({
      extensions: JSON.stringify({ persistedQuery: persisted(whoDismissedId) }),
      variables: JSON.stringify(whoDismissed.variables),
    });
    const get = await yoga.fetch(`http://localhost/graphql?${params}`, {
      headers: { accept: 'application/json' },
    });
    expect(await get.json()).toEqual(byText.body);
  });

  it('allow: an unknown hash answers PERSISTED_QUERY_NOT_FOUND; any document runs', async () => {
    const yoga = server();
    const unknown = await post(yoga, {
      extensions: { persistedQuery: persisted(documentId('{ about { database } }')) },
    });
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors).toEqual([
      { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    ]);
    // A client that takes GraphQL over HTTP's own media type gets 400, as for a validation error.
    const neither = await post(yoga, { variables: {} }, 'application/graphql-response+json');
    expect(neither.status).toBe(400);
    expect(codes(neither.body)).toEqual(['BAD_REQUEST']);
    expect((await post(yoga, { query: '{ about { database } }' })).body).toEqual({
      data: { about: { database: 'kgtest' } },
    });
  });

  it('only: an arbitrary document is refused, a listed one runs by hash or in full', async () => {
    const yoga = server({ trustedDocuments: { mode: 'only' } });
    const arbitrary = await post(
      yoga,
      { query: '{ about { database } }' },
      'application/graphql-response+json',
    );
    expect(arbitrary.status).toBe(400);
    expect(arbitrary.body.data).toBeUndefined();
    expect(codes(arbitrary.body)).toEqual(['PERSISTED_QUERY_ONLY']);
    // Not even an example changed by a space: the list holds texts, byte for byte.
    const edited = await post(yoga, {
      query: `${whoDismissed.query} `,
      variables: whoDismissed.variables,
    });
    expect(codes(edited.body)).toEqual(['PERSISTED_QUERY_ONLY']);

    const byHash = await post(yoga, {
      variables: whoDismissed.variables,
      extensions: { persistedQuery: persisted(whoDismissedId) },
    });
    expect(byHash.body.errors).toBeUndefined();
    expect(JSON.stringify(byHash.body.data)).toContain('"stance":"DISMISSES"');
    const unknown = await post(yoga, { documentId: documentId('{ __typename }') });
    expect(codes(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('only: every GraphiQL example runs as written and as GraphiQL sends it', async () => {
    const yoga = server({ trustedDocuments: { mode: 'only' } });
    for (const example of EXAMPLES) {
      for (const query of [example.query, asGraphiQLSendsIt(example)]) {
        expect(listed.has(documentId(query))).toBe(true);
        const { body } = await post(yoga, { query, variables: example.variables });
        expect(body.errors, example.name).toBeUndefined();
        expect(body.data, example.name).toBeTruthy();
      }
    }
  });

  it('takes a list of its own, and off ignores ids', async () => {
    const about = 'query About { about { database } }';
    const yoga = server({
      trustedDocuments: { mode: 'only', documents: new Map([[documentId(about), about]]) },
    });
    const answer = await post(yoga, {
      extensions: { persistedQuery: persisted(documentId(about)) },
    });
    expect(answer.body).toEqual({ data: { about: { database: 'kgtest' } } });
    expect(codes((await post(yoga, { query: whoDismissed.query })).body)).toEqual([
      'PERSISTED_QUERY_ONLY',
    ]);

    const off = server({ trustedDocuments: { mode: 'off' } });
    const ignored = await post(off, { extensions: { persistedQuery: persisted(whoDismissedId) } });
    expect(codes(ignored.body)).toEqual(['BAD_REQUEST']);
    expect(ignored.body.errors?.[0]?.message).toBe('Must provide query string.');
  });
});
