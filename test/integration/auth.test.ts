import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retractArticle } from '../../src/ingest/importer.ts';
import type { Role } from '../../src/auth/roles.ts';
import { exportLines, followUpArticle, importDocument } from '../support/articles.ts';
import {
  apiKey,
  bearer,
  errorOf,
  graphqlClient,
  loadSeed,
  type GraphQLResult,
} from '../support/graphql.ts';
import { openTestNeo4j } from '../support/neo4j.ts';
import { hs256Token, TOKEN_SECRET, unsecuredToken } from '../support/tokens.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());
beforeAll(() => loadSeed(neo4j.db));

const KEYS: Record<Role, string> = {
  reader: 'reader-key-0123456789abcdef',
  editor: 'editor-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef0',
};
const apiKeys = (Object.entries(KEYS) as [Role, string][]).map(([role, key]) =>
  apiKey(`the-${role}`, role, key),
);
const ISSUER = 'https://id.example.test/';
const AUDIENCE = 'industry-knowledge-graph';
const jwt = {
  keys: { secret: TOKEN_SECRET },
  issuer: ISSUER,
  audience: AUDIENCE,
  roleClaim: 'role',
};
const publicReads = graphqlClient(neo4j.db, { apiKeys, jwt });
const keyedReads = graphqlClient(neo4j.db, { apiKeys, jwt, reads: 'key' });

/** A token the servers above accept, for `sub` and with `role`, unless told otherwise. */
const token = (subject: string, role: Role, more: Parameters<typeof hs256Token>[0] = {}) =>
  hs256Token({ subject, issuer: ISSUER, audience: AUDIENCE, claims: { role }, ...more });

type TokenCaller = 'jwt reader' | 'jwt editor' | 'jwt admin';
type BadTokenCaller = 'expired jwt' | 'wrong-signature jwt' | 'alg none jwt';
type Caller = 'no key' | 'wrong key' | Role | TokenCaller | BadTokenCaller;
/** The subject of each token caller: what the write log and messages name. */
const SUBJECT = (caller: TokenCaller) => `user-${caller.slice(4)}@example.test`;
const HEADERS: Record<Caller, Record<string, string>> = {
  'no key': {},
  'wrong key': bearer('not-a-key-0123456789abcdef'),
  reader: bearer(KEYS.reader),
  editor: bearer(KEYS.editor),
  admin: bearer(KEYS.admin),
  'jwt reader': bearer(await token(SUBJECT('jwt reader'), 'reader')),
  'jwt editor': bearer(await token(SUBJECT('jwt editor'), 'editor')),
  'jwt admin': bearer(await token(SUBJECT('jwt admin'), 'admin')),
  'expired jwt': bearer(await token('late@example.test', 'admin', { expires: '-5m' })),
  'wrong-signature jwt': bearer(
    await hs256Token(
      { subject: 'forger', issuer: ISSUER, audience: AUDIENCE, claims: { role: 'admin' } },
      'another-secret-of-more-than-32-bytes-0123456789',
    ),
  ),
  'alg none jwt': bearer(
    unsecuredToken({
      subject: 'forger',
      issuer: ISSUER,
      audience: AUDIENCE,
      claims: { role: 'admin' },
    }),
  ),
};
/** Why the server refuses each bad token, in the words it answers with. */
const BAD_TOKEN: Record<BadTokenCaller, string> = {
  'expired jwt': 'The token has expired.',
  'wrong-signature jwt': "The token's signature is not valid.",
  'alg none jwt': 'The token\'s algorithm ("alg") is not accepted: it must be HS256.',
};
const isTokenCaller = (caller: Caller): caller is TokenCaller =>
  ['jwt reader', 'jwt editor', 'jwt admin'].includes(caller);
const isBadToken = (caller: Caller): caller is BadTokenCaller => caller in BAD_TOKEN;

/** Who the write log names for a caller's write: a key's name, or `jwt:` and a subject. */
const writer = (caller: Caller) =>
  isTokenCaller(caller) ? `jwt:${SUBJECT(caller)}` : `the-${caller}`;
const newestWriter = async () =>
  (await neo4j.db.read('MATCH (w:WriteLog) RETURN w.by AS by ORDER BY w.at DESC LIMIT 1'))[0]?.by;

/** The graph as `kg export` gives it, and how many entries the write log (left out of it) has. */
const graphState = async () => ({
  exported: await exportLines(neo4j.db),
  logged: (await neo4j.db.read('MATCH (w:WriteLog) RETURN count(w) AS n'))[0]?.n,
});

const slug = (caller: Caller) => caller.replaceAll(' ', '-');

/**
 * One operation of the matrix: what it needs in the graph first, the request, and how to tell
 * it succeeded.
 */
interface Operation {
  prepare?: (caller: Caller) => Promise<void>;
  run: (caller: Caller) => Promise<GraphQLResult<Record<string, unknown>>>;
  succeeded: (result: GraphQLResult<Record<string, unknown>>, caller: Caller) => unknown;
  /** Puts the graph back after a successful write, so the next cell starts from the same one. */
  undo?: (caller: Caller) => Promise<void>;
}

const READ = '{ organization(id: "citrix") { id name } }';
const readSucceeded = (result: GraphQLResult<Record<string, unknown>>) =>
  expect(result).toEqual({ data: { organization: { id: 'citrix', name: 'Citrix' } } });

const OPERATIONS: Record<string, Operation> = {
  importArticle: {
    run: (caller) =>
      publicReads.query(
        'mutation ($document: JSONObject) { importArticle(document: $document) { status } }',
        { document: followUpArticle() },
        HEADERS[caller],
      ),
    succeeded: async (result, caller) => {
      expect(result).toEqual({ data: { importArticle: { status: 'CREATED' } } });
      expect(await newestWriter()).toBe(writer(caller));
    },
    undo: async () => {
      await retractArticle(neo4j.db, followUpArticle().article.id);
    },
  },
  retractArticle: {
    prepare: async (caller) => {
      const outcome = await importDocument(neo4j.db, {
        format: 'kg-article/1',
        article: {
          id: `article-to-retract-${slug(caller)}`,
          title: 'To retract',
          publishedAt: '2008-05',
        },
        facts: [{ type: 'HOSTED', from: 'citrix', to: 'rsa-conference-2008' }],
      });
      expect(outcome.status).toBe('created');
    },
    run: (caller) =>
      publicReads.query(
        'mutation ($id: ID!) { retractArticle(id: $id) { articleId } }',
        { id: `article-to-retract-${slug(caller)}` },
        HEADERS[caller],
      ),
    succeeded: async (result, caller) => {
      expect(result).toEqual({
        data: { retractArticle: { articleId: `article-to-retract-${slug(caller)}` } },
      });
      expect(await newestWriter()).toBe(writer(caller));
    },
  },
  mergeEntities: {
    prepare: async (caller) => {
      const outcome = await importDocument(neo4j.db, {
        format: 'kg-article/1',
        article: {
          id: `article-dup-${slug(caller)}`,
          title: 'A duplicate',
          publishedAt: '2008-05',
        },
        entities: [
          {
            id: `dup-${slug(caller)}`,
            type: 'Organization',
            name: `Duplicate Org ${slug(caller)}`,
          },
        ],
        facts: [{ type: 'HOSTED', from: `dup-${slug(caller)}`, to: 'rsa-conference-2008' }],
      });
      expect(outcome.status).toBe('created');
    },
    run: (caller) =>
      publicReads.query(
        'mutation ($remove: ID!) { mergeEntities(keep: "citrix", remove: $remove) { removedId } }',
        { remove: `dup-${slug(caller)}` },
        HEADERS[caller],
      ),
    succeeded: async (result, caller) => {
      expect(result).toEqual({ data: { mergeEntities: { removedId: `dup-${slug(caller)}` } } });
      expect(await newestWriter()).toBe(writer(caller));
    },
  },
  'the write log': {
    run: (caller) =>
      publicReads.query('{ writeLog(first: 1) { edges { node { by } } } }', {}, HEADERS[caller]),
    succeeded: (result) => {
      expect(result.errors).toBeUndefined();
      expect(result.data).toHaveProperty('writeLog.edges');
    },
  },
  'a read with KG_READS=key': {
    run: (caller) => keyedReads.query(READ, {}, HEADERS[caller]),
    succeeded: readSucceeded,
  },
  'a read with KG_READS=public': {
    run: (caller) => publicReads.query(READ, {}, HEADERS[caller]),
    succeeded: readSucceeded,
  },
};

type Expected = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
// A bad token is refused whatever the request asks, even a public read: its sender should learn
// that the token is wrong, not be answered as if it had sent none.
// prettier-ignore
const MATRIX: Record<Caller, Record<keyof typeof OPERATIONS, Expected>> = {
  //                      importArticle      retractArticle      mergeEntities      read, KG_READS=key              read, KG_READS=public                the write log
  'no key':              { importArticle: U, retractArticle: U, mergeEntities: U, 'a read with KG_READS=key': U, 'a read with KG_READS=public': 'ok', 'the write log': U },
  'wrong key':           { importArticle: U, retractArticle: U, mergeEntities: U, 'a read with KG_READS=key': U, 'a read with KG_READS=public': 'ok', 'the write log': U },
  reader:                { importArticle: F, retractArticle: F, mergeEntities: F, 'a read with KG_READS=key': 'ok', 'a read with KG_READS=public': 'ok', 'the write log': F },
  editor:                { importArticle: 'ok', retractArticle: 'ok', mergeEntities: F, 'a read with KG_READS=key': 'ok', 'a read with KG_READS=public': 'ok', 'the write log': F },
  admin:                 { importArticle: 'ok', retractArticle: 'ok', mergeEntities: 'ok', 'a read with KG_READS=key': 'ok', 'a read with KG_READS=public': 'ok', 'the write log': 'ok' },
  'jwt reader':          { importArticle: F, retractArticle: F, mergeEntities: F, 'a read with KG_READS=key': 'ok', 'a read with KG_READS=public': 'ok', 'the write log': F },
  'jwt editor':          { importArticle: 'ok', retractArticle: 'ok', mergeEntities: F, 'a read with KG_READS=key': 'ok', 'a read with KG_READS=public': 'ok', 'the write log': F },
  'jwt admin':           { importArticle: 'ok', retractArticle: 'ok', mergeEntities: 'ok', 'a read with KG_READS=key': 'ok', 'a read with KG_READS=public': 'ok', 'the write log': 'ok' },
  'expired jwt':         { importArticle: U, retractArticle: U, mergeEntities: U, 'a read with KG_READS=key': U, 'a read with KG_READS=public': U, 'the write log': U },
  'wrong-signature jwt': { importArticle: U, retractArticle: U, mergeEntities: U, 'a read with KG_READS=key': U, 'a read with KG_READS=public': U, 'the write log': U },
  'alg none jwt':        { importArticle: U, retractArticle: U, mergeEntities: U, 'a read with KG_READS=key': U, 'a read with KG_READS=public': U, 'the write log': U },
};

const CELLS = Object.entries(MATRIX).flatMap(([caller, row]) =>
  Object.entries(row).map(([operation, expected]) => ({
    caller: caller as Caller,
    operation,
    expected,
  })),
);

describe('who may do what', () => {
  it.each(CELLS)('$caller, $operation: $expected', async ({ caller, operation, expected }) => {
    const op = OPERATIONS[operation]!;
    await op.prepare?.(caller);
    const before = await graphState();
    const result = await op.run(caller);
    if (expected === 'ok') {
      await op.succeeded(result, caller);
      await op.undo?.(caller);
      return;
    }
    const error = errorOf(result, expected);
    expect(result.errors).toHaveLength(1);
    expect(Object.values(result.data ?? {}).every((v) => v === null)).toBe(true);
    if (expected === 'FORBIDDEN') {
      const needed = ['mergeEntities', 'the write log'].includes(operation) ? 'admin' : 'editor';
      expect(error.message).toContain(`This needs the role ${needed}`);
      expect(error.message).toContain(
        isTokenCaller(caller)
          ? `the token of "${SUBJECT(caller)}" is`
          : `the key "the-${caller}" is`,
      );
      expect(error.extensions?.needed).toBe(needed);
    }
    // A bad token is refused before anything runs: no data at all, and only a short reason.
    if (isBadToken(caller)) {
      expect(result).toEqual({
        errors: [{ message: BAD_TOKEN[caller], extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    expect(JSON.stringify(result)).not.toContain('key-0123456789');
    // A refused write wrote nothing, not even to the write log.
    expect(await graphState()).toEqual(before);
  });
});

describe('KG_READS=key', () => {
  it('answers a request without a key with HTTP 401, and leaves /health, /ready and GraphiQL open', async () => {
    const { yoga } = keyedReads;
    const refused = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    const overGet = await yoga.fetch('http://localhost/graphql?query=%7B__typename%7D', {
      headers: { accept: 'application/json' },
    });
    expect(overGet.status).toBe(401);
    for (const path of ['/health', '/ready']) {
      expect((await yoga.fetch(`http://localhost${path}`)).status).toBe(200);
    }
    const page = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('with only reader keys, writing is disabled: FORBIDDEN, saying so, even with a reader key', async () => {
    const readersOnly = graphqlClient(neo4j.db, { apiKeys: [apiKey('r', 'reader', KEYS.reader)] });
    const result = await readersOnly.query(
      'mutation { retractArticle(id: "article-n-square-dinner-2008") { articleId } }',
      {},
      HEADERS.reader,
    );
    expect(errorOf(result, 'FORBIDDEN').message).toMatch(/disabled/);
  });
});
