import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importFiles } from '../../src/ingest/importer.ts';
import { fingerprint } from '../support/fuzz.ts';
import { apiKey, bearer, dataOf, graphqlClient } from '../support/graphql.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

/**
 * Values longer than Neo4j indexes take (8 KB a value in a RANGE index), found by the fuzz tests:
 * they failed inside Neo4j ("Property value is too large to index"), so `kg import` stopped with
 * a driver error and GraphQL answered "Unexpected error.".
 */

const neo4j = openTestNeo4j();
const EDITOR = 'long-values-editor-key-0123456789';
const ADMIN = 'long-values-admin-key-0123456789ab';
const client = graphqlClient(neo4j.db, {
  writeKey: EDITOR,
  apiKeys: [apiKey('long-values-admin', 'admin', ADMIN)],
});
afterAll(() => neo4j.close());

const article = (id: string, person: Record<string, unknown>) => ({
  format: 'kg-article/1',
  article: { id, title: 'Long names', publishedAt: '2008-03' },
  entities: [{ id: `${id}-person`, type: 'Person', ...person }],
});

async function importAsKg(document: unknown) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-long-values-'));
  try {
    const file = path.join(dir, 'long.yaml');
    await fs.writeFile(file, stringify(document));
    const [outcome] = await importFiles(neo4j.db, [file]);
    return outcome!;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('values longer than an index takes', () => {
  it('a name or alias over 500 characters is refused with its place, and nothing is written', async () => {
    const before = await fingerprint(neo4j.db);
    const outcome = await importAsKg(
      article('article-long-alias', { name: 'Ann Long', aliases: ['x'.repeat(100_000)] }),
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      errors: [
        {
          path: 'entities[0].aliases[0]',
          code: 'INVALID_VALUE',
          message: 'expected a name of at most 500 characters, found 100000',
        },
      ],
    });
    expect(await fingerprint(neo4j.db)).toEqual(before);
  });

  it('a name of 500 characters that normalises to 16 KB imports, and imports again unchanged', async () => {
    // NFKD makes U+FDFA 18 characters: its lock key would be 16 KB.
    const document = article('article-long-name', { name: '\uFDFA'.repeat(500) });
    expect(await importAsKg(document)).toMatchObject({ status: 'created' });
    expect(await importAsKg(document)).toMatchObject({ status: 'unchanged' });
    const { person } = dataOf(
      await client.query<{ person: { name: string } }>(
        'query($id: ID!) { person(id: $id) { name } }',
        { id: 'article-long-name-person' },
      ),
    );
    expect(person.name).toBe('\uFDFA'.repeat(500));
  });

  it('retractArticle and mergeEntities with a 100 KB id answer NOT_FOUND', async () => {
    const long = 'a'.repeat(100_000);
    const retract = await client.query(
      'mutation($id: ID!) { retractArticle(id: $id) { articleId } }',
      { id: long },
      bearer(EDITOR),
    );
    expect(retract.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const merge = await client.query(
      'mutation($keep: ID!, $remove: ID!) { mergeEntities(keep: $keep, remove: $remove) { removedId } }',
      { keep: long, remove: `${long}b` },
      bearer(ADMIN),
    );
    expect(merge.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});

describe('a long value where a LocalDate goes', () => {
  // Found by the GraphQL fuzz test: the error quoted 500 characters of it, not an excerpt of 100.
  const long = `2008-${"'".repeat(10_000)}`;

  it.each([
    [
      'as a variable',
      'query($to: LocalDate) { timeline(id: "x", to: $to) { kind } }',
      { to: long },
    ],
    ['in the document', `{ timeline(id: "x", to: ${JSON.stringify(long)}) { kind } }`, {}],
  ])('%s: refused, quoting at most 100 characters of it', async (_how, query, variables) => {
    const { errors } = await client.query(query, variables);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('Value is not a valid LocalDate');
    for (const error of errors ?? []) expect(error.message).not.toContain("'".repeat(101));
  });

  it('in a list, where one string goes: refused, quoting none of it', async () => {
    // Found by the GraphQL fuzz test: graphql-scalars quoted the list whole, as its text.
    const { errors } = await client.query(
      'query($where: EntityWhere) { topics(where: $where) { totalCount } }',
      { where: { NOT: { date: { from: [long] } } } },
    );
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain(
      'a LocalDate is a string such as "2008-03-11", not a list',
    );
    for (const error of errors ?? []) expect(error.message).not.toContain("'".repeat(101));
  });
});

describe('a long value where a JSONObject goes', () => {
  // Found by the GraphQL fuzz test: graphql-scalars wrote the string whole after its message.
  const long = `long${"'".repeat(10_000)}`;
  const mutation =
    'mutation($document: JSONObject) { importArticle(document: $document) { status } }';

  it.each([
    ['a string', long],
    ['a list', [long, long]],
  ])('%s as a variable: refused, quoting at most 100 characters of it', async (_what, document) => {
    const { errors } = await client.query(mutation, { document }, bearer(EDITOR));
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('JSONObject cannot represent non-object value');
    for (const error of errors ?? []) expect(error.message).not.toContain("'".repeat(101));
  });

  it('a string in the document: refused, quoting at most 100 characters of it', async () => {
    const { errors } = await client.query(
      `mutation { importArticle(document: ${JSON.stringify(long)}) { status } }`,
      {},
      bearer(EDITOR),
    );
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors ?? []) expect(error.message).not.toContain("'".repeat(101));
  });
});

describe('an article over 5 MB sent to importArticle', () => {
  // Found by the import fuzz test: refused with a message only, where every other refusal
  // (and `kg import`'s of the same file) lists its issues with their codes.
  it('is refused with the issue FILE_TOO_LARGE, as kg import refuses the file', async () => {
    const source = `format: kg-article/1\narticle:\n  text: "${'x'.repeat(6 * 1024 * 1024)}"\n`;
    const { errors } = await client.query(
      'mutation($source: String) { importArticle(source: $source) { status } }',
      { source },
      bearer(EDITOR),
    );
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: '(file)', code: 'FILE_TOO_LARGE' }],
    });
  });
});
