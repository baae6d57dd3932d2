import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createDatabase } from '../../src/db/database.ts';
import { checkConnection, createDriver } from '../../src/db/driver.ts';
import { EXAMPLES } from '../../src/graphql/examples.ts';
import { createServer, LIMITS } from '../../src/server.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

async function server() {
  const info = await checkConnection(neo4j.driver, neo4j.connection);
  return createServer({ db: neo4j.db, server: info, logger: pino({ level: 'silent' }) });
}

async function graphql(yoga: Awaited<ReturnType<typeof server>>, query: string) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the GraphQL server', () => {
  it('answers { __typename }', async () => {
    const yoga = await server();
    expect(await graphql(yoga, '{ __typename }')).toEqual({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });

  it('says which Neo4j and database it serves', async () => {
    const yoga = await server();
    const { body } = await graphql(yoga, '{ about { apiVersion neo4jVersion database } }');
    expect(body).toMatchObject({
      data: { about: { database: 'kgtest', neo4jVersion: expect.stringMatching(/^\d+\.\d+/) } },
    });
  });

  it('answers /health and /ready', async () => {
    const yoga = await server();
    expect((await yoga.fetch('http://localhost/health')).status).toBe(200);
    expect((await yoga.fetch('http://localhost/ready')).status).toBe(200);
  });

  it('serves a GraphiQL page that loads nothing from the internet', async () => {
    const yoga = await server();
    const response = await yoga.fetch('http://localhost/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('renderYogaGraphiQL');
    // No script, stylesheet, icon or module import points at another host.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/import\s*\(?["'](https?:)?\/\//);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr\.net|cdn\./i);
  });

  it('opens GraphiQL with the example operations as tabs, "who dismissed Blue Pill?" first', async () => {
    const yoga = await server();
    const response = await yoga.fetch('http://localhost/graphql', {
      headers: { accept: 'text/html' },
    });
    const html = await response.text();
    const positions = EXAMPLES.map((e) => html.indexOf(`query ${e.name}`));
    expect(EXAMPLES[0]?.name).toBe('WhoDismissed');
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('defaultTabs');
  });

  it('refuses a request nested deeper than the limit, or with too many aliases, before running it', async () => {
    const yoga = await server();
    // Each "relations { from {" adds two levels: 8 of them nest 17 deep, past the limit of 15.
    // (Two relations each, so that what the lists could hold stays under its own limit.)
    const nested = (n: number) =>
      `{ person(id: "x") { ${'relations(first: 2) { from { '.repeat(n)}id${' } }'.repeat(n)} } }`;
    const deep = await graphql(yoga, nested(8));
    expect(deep.body.data).toBeUndefined();
    expect(JSON.stringify(deep.body.errors)).toMatch(/depth limit of 15/i);
    const shallow = await graphql(yoga, nested(6));
    expect(shallow.body).toEqual({ data: { person: null } });

    const aliases = Array.from(
      { length: LIMITS.aliases + 1 },
      (_, i) => `a${i}: about { database }`,
    );
    const many = await graphql(yoga, `{ ${aliases.join(' ')} }`);
    expect(many.body.data).toBeUndefined();
    expect(JSON.stringify(many.body.errors)).toMatch(/aliases/i);
  });

  it('reports not ready, without internals, when Neo4j stops answering', async () => {
    const unreachable = { ...neo4j.connection, uri: 'bolt://127.0.0.1:1' };
    const driver = createDriver(unreachable);
    try {
      const yoga = createServer({
        db: createDatabase(driver, unreachable.database),
        server: { version: '5', edition: 'community', database: 'kgtest' },
        logger: pino({ level: 'silent' }),
      });
      expect((await yoga.fetch('http://localhost/health')).status).toBe(200);
      const response = await yoga.fetch('http://localhost/ready');
      expect(response.status).toBe(503);
      expect(await response.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    } finally {
      await driver.close();
    }
  });
});
