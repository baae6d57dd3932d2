import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  importFiles,
  type ImportOutcome,
  retractArticle,
  validateArticle,
} from '../../src/ingest/importer.ts';
import type { ValidationIssue } from '../../src/ingest/issues.ts';
import { normalizeName } from '../../src/model/names.ts';
import { fuzzedFile, type FuzzedFile } from '../support/article-fuzz.ts';
import { fingerprint, fuzz, FUZZ_RUNS, internalsIn } from '../support/fuzz.ts';
import { bearer, graphqlClient, loadSeed } from '../support/graphql.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

/**
 * Fuzzing the import: valid articles with hostile strings in every field, and mutations of them
 * (wrong types, missing and unknown fields, undeclared and duplicate ids, bad dates, deep and huge
 * values, broken YAML and JSON), through `kg validate`'s and `kg import`'s code and through the
 * importArticle mutation, into a real Neo4j holding the seed. Whatever the file: no exception; a
 * refusal is a list of coded issues, each with its place and without internals, and writes
 * nothing; `kg validate` and `kg import` agree; an accepted file imported again is UNCHANGED and
 * reads back through GraphQL exactly as written. `npm run fuzz:import` runs 10,000 cases.
 */

const neo4j = openTestNeo4j();
const WRITE_KEY = 'fuzz-import-editor-key-0123456789';
const client = graphqlClient(neo4j.db, { writeKey: WRITE_KEY });
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-fuzz-import-'));
  await loadSeed(neo4j.db);
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
});

const ISSUE_CODES = new Set([
  'FILE_TOO_LARGE',
  'TOO_DEEPLY_NESTED',
  'TOO_MANY_ENTRIES',
  'TOO_COSTLY_TO_PARSE',
  'UNSUPPORTED_FILE_TYPE',
  'EMPTY_FILE',
  'SYNTAX_ERROR',
  'NOT_AN_ARTICLE',
  'INVALID_VALUE',
  'UNKNOWN_FIELD',
  'DUPLICATE',
  'WRONG_ENTITY_TYPE',
  'UNKNOWN_REFERENCE',
  'QUOTE_NOT_IN_TEXT',
  'DATE_ORDER',
]);
/** The longest message an issue may have: it quotes at most an excerpt of the file. */
const MAX_MESSAGE = 1000;

type Issue = Pick<ValidationIssue, 'path' | 'message' | 'code' | 'line' | 'column'>;

/** Every issue is coded, placed, short and free of internals. */
function expectWellFormed(issues: readonly Issue[], what: string) {
  expect(issues.length, what).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(ISSUE_CODES.has(issue.code), `${what}: code ${issue.code}`).toBe(true);
    expect(typeof issue.path === 'string' && issue.path.length > 0, `${what}: path`).toBe(true);
    expect(issue.path.length, `${what}: path length`).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(typeof issue.message, what).toBe('string');
    expect(issue.message.length, `${what}: ${issue.message.slice(0, 200)}`).toBeLessThanOrEqual(
      MAX_MESSAGE,
    );
    if (issue.line !== undefined) {
      expect(issue.line, what).toBeGreaterThanOrEqual(1);
      expect(issue.column, what).toBeGreaterThanOrEqual(1);
    }
    expect(internalsIn(issue.message), `${what}: ${issue.message}`).toBeUndefined();
  }
}

/** Whether the refusal is the one the mutation must cause. */
function expectRefusal(file: FuzzedFile, codes: readonly string[]) {
  const what = `${file.mutation}: ${codes.join(', ')}`;
  if (file.expect === 'valid') expect.fail(`a valid article was refused: ${what}`);
  if (file.expect !== undefined && file.expect !== 'invalid') {
    expect(codes, what).toContain(file.expect);
  }
}

const IMPORT = `mutation Import($document: JSONObject, $source: String) {
  importArticle(document: $document, source: $source) { status article { id } }
}`;

interface ImportAnswer {
  data?: { importArticle: { status: string; article: { id: string } } | null } | null;
  errors?: { message: string; extensions?: { code?: string; issues?: Issue[] } }[];
}

type Way = 'kg' | 'graphql-source' | 'graphql-document';

/** Imports as `kg import` does (a file on disk) or over GraphQL; the outcome as `kg import`'s. */
async function importBy(way: Way, file: FuzzedFile): Promise<ImportOutcome> {
  if (way === 'kg') {
    const filePath = path.join(dir, file.file);
    await fs.writeFile(filePath, file.text);
    const [outcome] = await importFiles(neo4j.db, [filePath], undefined, { by: 'fuzz' });
    return { ...outcome!, file: file.file };
  }
  const variables =
    way === 'graphql-document' ? { document: file.document } : { source: file.text };
  const sent = JSON.stringify({ query: IMPORT, variables });
  const response = await client.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(WRITE_KEY) },
    body: sent,
  });
  const body = await response.text();
  expect(internalsIn(body), body.slice(0, 2000)).toBeUndefined();
  expect(response.status, body.slice(0, 2000)).toBeLessThan(500);
  if (response.status === 413) {
    // Over the body limit with a key (11 MB), refused before it is read: only a file far over
    // the 5 MB an article may have can make such a request.
    expect(Buffer.byteLength(sent), body).toBeGreaterThan(11 * 1024 * 1024);
    expect(body).toContain('REQUEST_ENTITY_TOO_LARGE');
    const message = 'the request is over the body limit';
    return { file: file.file, status: 'failed', errors: [tooLarge(file.file, message)] };
  }
  const answer = JSON.parse(body) as ImportAnswer;
  const imported = answer.data?.importArticle;
  if (imported) {
    expect(answer.errors).toBeUndefined();
    return {
      file: file.file,
      status: imported.status.toLowerCase() as 'created',
      articleId: imported.article.id,
      entitiesCreated: [],
      entitiesMatched: [],
      entitiesRenamed: [],
      facts: 0,
      claims: 0,
    };
  }
  const [error] = answer.errors ?? [];
  expect(error?.extensions?.code, body.slice(0, 2000)).toBe('BAD_USER_INPUT');
  expect(body.length, 'the answer to a refused article').toBeLessThan(100_000);
  return {
    file: file.file,
    status: 'failed',
    errors: (error?.extensions?.issues ?? []).map((i) => ({ ...i, file: file.file })),
  };
}

const tooLarge = (file: string, message: string): ValidationIssue => ({
  file,
  path: '(file)',
  message,
  code: 'FILE_TOO_LARGE',
});

const READ_BACK = `query ReadBack($article: ID!, $ids: [ID!]!) {
  article(id: $article) { title text publisher author }
  nodes(ids: $ids) { id ... on Entity { name aliases description } ... on Claim { statement } }
}`;

interface ReadBack {
  article: Record<string, string | null> | null;
  nodes: ({
    id: string;
    name?: string;
    aliases?: string[];
    description?: string | null;
    statement?: string;
  } | null)[];
}

/** What was imported reads back exactly: the article's strings, its entities' and its claim's. */
async function expectReadBack(file: FuzzedFile, matched: readonly string[]) {
  const doc = (file.document ?? parse(file.text)) as {
    article: Record<string, string | undefined>;
    entities?: { id: string; name: string; aliases?: string[]; description?: string }[];
    claims?: { id: string; statement: string }[];
  };
  const entities = (doc.entities ?? []).filter((e) => !matched.includes(e.id));
  const claims = doc.claims ?? [];
  const result = await client.query<ReadBack>(READ_BACK, {
    article: doc.article.id,
    ids: [...entities.map((e) => e.id), ...claims.map((c) => c.id)],
  });
  expect(result.errors).toBeUndefined();
  const { article, nodes } = result.data!;
  for (const key of ['title', 'text', 'publisher', 'author']) {
    expect(article?.[key], `article.${key}`).toBe(doc.article[key] ?? null);
  }
  entities.forEach((entity, i) => {
    const node = nodes[i];
    expect(node?.name, `${entity.id}.name`).toBe(entity.name);
    expect(node?.description ?? undefined, `${entity.id}.description`).toBe(entity.description);
    // An alias that is the name, or has no letter or digit to match by, is not kept (plan.ts).
    for (const alias of entity.aliases ?? []) {
      if (alias === entity.name || normalizeName(alias) === '') continue;
      expect(node?.aliases, `${entity.id}.aliases`).toContain(alias);
    }
  });
  claims.forEach((claim, i) => {
    expect(nodes[entities.length + i]?.statement, `${claim.id}.statement`).toBe(claim.statement);
  });
}

const wayOf = (file: FuzzedFile): fc.Arbitrary<Way> =>
  file.document
    ? fc.constantFrom('kg', 'graphql-source', 'graphql-document')
    : fc.constantFrom('kg', 'graphql-source');

describe(`fuzzing article files (${FUZZ_RUNS} cases; npm run fuzz:import for 10,000)`, () => {
  it(
    'no crash; refusals coded, placed and writing nothing; acceptances idempotent and exact',
    async () => {
      await fuzz(
        'import',
        fc.asyncProperty(
          fuzzedFile.chain((file) => wayOf(file).map((way) => ({ file, way }))),
          async ({ file, way }) => {
            const before = await fingerprint(neo4j.db);
            // `kg validate` (with the graph), then the import, must agree.
            const validation = await validateArticle(neo4j.db, file.text, file.file);
            const outcome = await importBy(way, file);
            if (outcome.status === 'failed') {
              const codes = outcome.errors.map((e) => e.code);
              expectWellFormed(outcome.errors, `${way}: ${file.mutation}`);
              expectRefusal(file, codes);
              expect(await fingerprint(neo4j.db), 'a refused article wrote').toEqual(before);
              expect(validation.ok, `kg validate accepted what the import refused: ${codes}`).toBe(
                false,
              );
              return;
            }
            expect(validation.errors, 'kg validate refused what the import accepted').toEqual([]);
            if (file.expect !== undefined && file.expect !== 'valid') {
              expect.fail(`${file.mutation}: accepted, expected ${file.expect}`);
            }
            expect(outcome.status).toMatch(/^(created|updated)$/);
            const written = await fingerprint(neo4j.db);
            const again = await importBy(way, file);
            expect(again.status, 'imported twice').toBe('unchanged');
            expect(await fingerprint(neo4j.db), 'an unchanged import wrote').toEqual(written);
            await expectReadBack(
              file,
              validation.matched.map((m) => m.fileId),
            );
            // Back to the seed, so the next case meets the same graph.
            await retractArticle(neo4j.db, outcome.articleId, 'fuzz');
          },
        ),
      );
    },
    30 * 60_000,
  );
});
