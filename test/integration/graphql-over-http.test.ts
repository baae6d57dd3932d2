import { auditServer } from 'graphql-http';
import pino from 'pino';
import { writeKeyAsApiKey } from '../../src/auth/api-keys.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

const yoga = createServer({
  db: neo4j.db,
  server: { version: '5', edition: 'community', database: neo4j.db.name },
  logger: pino({ level: 'silent' }),
  apiKeys: [writeKeyAsApiKey('over-http-test-key-0123456789abcdef')],
});

describe('GraphQL over HTTP', () => {
  it("passes every MUST of graphql-http's audit, and reports its SHOULDs", async () => {
    const results = await auditServer({
      url: 'http://localhost/graphql',
      fetchFn: (input: string, init?: RequestInit) => yoga.fetch(new Request(input, init)),
    });
    const failed = results.filter((r) => r.status === 'error').map((r) => r.name);
    expect(failed).toEqual([]);
    const warnings = results.filter((r) => r.status !== 'ok');
    console.log(
      `graphql-http audit: ${results.length} audits, ${results.length - warnings.length} pass, ` +
        `${warnings.length} warnings${warnings.map((w) => `\n  ${w.name}`).join('')}`,
    );
  });

  it('answers queries over GET, and refuses a mutation over GET even with the write key', async () => {
    const get = (query: string, headers: Record<string, string> = {}) =>
      yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent(query)}`, {
        headers: { accept: 'application/graphql-response+json', ...headers },
      });
    const read = await get('{ __typename }');
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await read.json()).toEqual({ data: { __typename: 'Query' } });

    const write = await get('mutation { retractArticle(id: "x") { entitiesDeleted } }', {
      authorization: 'Bearer over-http-test-key-0123456789abcdef',
    });
    expect(write.status).toBe(405);
    expect(write.headers.get('allow')).toContain('POST');
    expect(JSON.stringify(await write.json())).toMatch(
      /Can only perform a mutation operation from a POST request/,
    );
  });

  it('answers 400 to a request that cannot run, with application/graphql-response+json', async () => {
    for (const query of ['{', '{ noSuchField }']) {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
        },
        body: JSON.stringify({ query }),
      });
      expect(response.status, query).toBe(400);
      expect((await response.json()).data, query).toBeUndefined();
    }
  });
});
