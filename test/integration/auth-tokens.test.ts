import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JwtConfig } from '../../src/auth/jwt.ts';
import { retractArticle } from '../../src/ingest/importer.ts';
import { followUpArticle } from '../support/articles.ts';
import { apiKey, bearer, dataOf, graphqlClient, loadSeed } from '../support/graphql.ts';
import { openTestNeo4j } from '../support/neo4j.ts';
import {
  hs256Token,
  jwksServer,
  signingKey,
  TOKEN_SECRET,
  type TokenOptions,
} from '../support/tokens.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());
beforeAll(() => loadSeed(neo4j.db));

const IMPORT = 'mutation ($document: JSONObject) { importArticle(document: $document) { status } }';
const LOG = '{ writeLog(first: 1) { edges { node { operation by targets } } } }';
const READ = '{ organization(id: "citrix") { name } }';

/** Imports the follow-up article with `headers`, and retracts it again when that worked. */
async function importWith(client: ReturnType<typeof graphqlClient>, headers: object) {
  const result = await client.query(IMPORT, { document: followUpArticle() }, { ...headers });
  if (!result.errors) await retractArticle(neo4j.db, followUpArticle().article.id);
  return result;
}

/** The status, the WWW-Authenticate header and the body of one POST /graphql. */
async function post(yoga: ReturnType<typeof graphqlClient>['yoga'], authorization: string) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: READ }),
  });
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body: (await response.json()) as unknown,
  };
}

const refused = (message: string) => ({
  errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }],
});

describe('tokens signed with KG_JWT_SECRET', () => {
  const jwt: JwtConfig = {
    keys: { secret: TOKEN_SECRET },
    issuer: 'https://id.example.test/',
    audience: 'kg',
    roleClaim: 'https://kg.example.test/role',
  };
  const client = graphqlClient(neo4j.db, { jwt });
  const good: TokenOptions = {
    subject: 'ana@example.test',
    issuer: 'https://id.example.test/',
    audience: 'kg',
    claims: { 'https://kg.example.test/role': 'admin' },
  };

  it('let a server without any key write: a token may carry an editor or admin', async () => {
    const result = await importWith(client, bearer(await hs256Token(good)));
    expect(result).toEqual({ data: { importArticle: { status: 'CREATED' } } });
  });

  it('are named in the write log as jwt:<sub>, never as a key', async () => {
    const headers = bearer(await hs256Token(good));
    expect(
      (await client.query(IMPORT, { document: followUpArticle() }, headers)).errors,
    ).toBeUndefined();
    const log = dataOf(await client.query(LOG, {}, headers));
    expect(log).toEqual({
      writeLog: {
        edges: [
          {
            node: {
              operation: 'IMPORT',
              by: 'jwt:ana@example.test',
              targets: [followUpArticle().article.id],
            },
          },
        ],
      },
    });
    await retractArticle(neo4j.db, followUpArticle().article.id);
  });

  it.each([
    ['expired', { expires: '-1m' }, 'The token has expired.'],
    [
      'from another issuer',
      { issuer: 'https://evil.example.test/' },
      'The token was not issued by the issuer this server accepts ("iss").',
    ],
    [
      'for another audience',
      { audience: 'billing' },
      'The token is not meant for this server ("aud").',
    ],
    ['without expiry', { expires: null }, 'The token has no expiry ("exp").'],
    ['without subject', { subject: undefined }, 'The token has no subject ("sub").'],
    [
      'without the role claim',
      { claims: { role: 'admin' } },
      'The token\'s claim "https://kg.example.test/role" must be reader, editor or admin.',
    ],
    [
      'with a role that is none',
      { claims: { 'https://kg.example.test/role': 'root' } },
      'The token\'s claim "https://kg.example.test/role" must be reader, editor or admin.',
    ],
  ] as [string, TokenOptions, string][])(
    'refuses a token %s with HTTP 401, saying so',
    async (_what, change, message) => {
      const answer = await post(client.yoga, `Bearer ${await hs256Token({ ...good, ...change })}`);
      expect(answer).toEqual({
        status: 401,
        challenge: 'Bearer error="invalid_token"',
        body: refused(message),
      });
    },
  );

  it('refuses a malformed token and one of another algorithm, without library internals', async () => {
    const [header, payload] = (await hs256Token(good)).split('.');
    expect(await post(client.yoga, `Bearer ${header}.${payload}.bm90LWEtc2lnbmF0dXJl`)).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_token"',
      body: refused("The token's signature is not valid."),
    });
    expect((await post(client.yoga, 'Bearer aaaa.bbbb.cccc')).body).toEqual(
      refused('The token is malformed.'),
    );
    const es256 = await signingKey('ES256', 'k1');
    expect((await post(client.yoga, `Bearer ${await es256.sign(good)}`)).body).toEqual(
      refused('The token\'s algorithm ("alg") is not accepted: it must be HS256.'),
    );
  });

  it('let an editor token send an article-sized body, as an editor key may; not a reader token', async () => {
    const body = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2 * 1024 * 1024)}` });
    const send = async (role: string) =>
      (
        await client.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...bearer(
              await hs256Token({ ...good, claims: { 'https://kg.example.test/role': role } }),
            ),
          },
          body,
        })
      ).status;
    expect(await send('editor')).toBe(200);
    expect(await send('reader')).toBe(413);
  });

  it('tell a token from a key by its shape, and never read a configured key as a token', async () => {
    // A key shaped like a JWT: configured, it is that key.
    const dotted = 'dotted.key-0123456789.abcdef';
    const both = graphqlClient(neo4j.db, { jwt, apiKeys: [apiKey('dotted', 'editor', dotted)] });
    expect(await importWith(both, bearer(dotted))).toEqual({
      data: { importArticle: { status: 'CREATED' } },
    });
    // A credential without dots is a key: a wrong one here.
    const wrong = await both.query(IMPORT, { document: followUpArticle() }, bearer('kg_abc'));
    expect(wrong.errors?.[0]?.message).toBe('The key in the Authorization header is not valid.');
  });
});

describe('tokens signed by keys of a JWKS (KG_JWKS_URL)', () => {
  const rsa = signingKey('RS256', 'rsa-1');
  const ec = signingKey('ES256', 'ec-1');
  const stranger = signingKey('RS256', 'rsa-unknown');
  let served: Awaited<ReturnType<typeof jwksServer>>;
  let client: ReturnType<typeof graphqlClient>;
  beforeAll(async () => {
    const published = [(await rsa).jwk, (await ec).jwk];
    served = await jwksServer(() => published);
    client = graphqlClient(neo4j.db, {
      jwt: {
        keys: { jwksUrl: served.url },
        issuer: undefined,
        audience: undefined,
        roleClaim: 'role',
      },
    });
  });
  afterAll(() => served.close());

  it('accepts RS256 and ES256 tokens of its keys, fetching the keys once', async () => {
    for (const key of [await rsa, await ec]) {
      const headers = bearer(
        await key.sign({ subject: `bot-${key.jwk.kid}`, claims: { role: 'editor' } }),
      );
      expect(await importWith(client, headers)).toEqual({
        data: { importArticle: { status: 'CREATED' } },
      });
    }
    const admin = bearer(await (await ec).sign({ subject: 'ops', claims: { role: 'admin' } }));
    const log = dataOf(
      await client.query('{ writeLog(first: 4) { edges { node { operation by } } } }', {}, admin),
    );
    expect(log).toMatchObject({
      writeLog: {
        edges: [
          { node: { operation: 'RETRACT' } },
          { node: { operation: 'IMPORT', by: 'jwt:bot-ec-1' } },
          { node: { operation: 'RETRACT' } },
          { node: { operation: 'IMPORT', by: 'jwt:bot-rsa-1' } },
        ],
      },
    });
    expect(served.requests()).toBe(1);
  });

  it('refuses a token of a key the JWKS does not hold, and an HS256 token, with HTTP 401', async () => {
    const forged = await (await stranger).sign({ subject: 'x', claims: { role: 'admin' } });
    expect(await post(client.yoga, `Bearer ${forged}`)).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_token"',
      body: refused("No key of this server's JWKS matches the token."),
    });
    const hs = await hs256Token({ subject: 'x', claims: { role: 'admin' } });
    expect((await post(client.yoga, `Bearer ${hs}`)).body).toEqual(
      refused('The token\'s algorithm ("alg") is not accepted: it must be RS256 or ES256.'),
    );
  });

  it('says so when the JWKS cannot be fetched', async () => {
    const gone = await jwksServer(() => []);
    await gone.close();
    const orphan = graphqlClient(neo4j.db, {
      jwt: {
        keys: { jwksUrl: gone.url },
        issuer: undefined,
        audience: undefined,
        roleClaim: 'role',
      },
    });
    const token = await (await rsa).sign({ subject: 'x', claims: { role: 'reader' } });
    expect(await post(orphan.yoga, `Bearer ${token}`)).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_token"',
      body: refused('The server could not fetch the keys to check the token: try again later.'),
    });
  });
});
