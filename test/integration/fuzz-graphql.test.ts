import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isRequiredArgument,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, fuzz, FUZZ_RUNS, hostileString, internalsIn } from '../support/fuzz.ts';
import { apiKey, bearer, dataOf, graphqlClient, loadSeed } from '../support/graphql.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

/**
 * Fuzzing every argument of every query and mutation field: the fields come from the server's
 * own introspection, so a new field is fuzzed without a change here. Values are hostile strings
 * (up to 1 MB), extreme numbers, malformed ids, dates and cursors, and values of the wrong type,
 * sent as variables or written into the document, with no key, a wrong key, or a key of each role.
 * Whatever is sent: no 5xx, no internal error, no stack or Neo4j text, errors that quote at most
 * an excerpt of what was sent, and no write unless an editor's import was accepted.
 * `npm run fuzz:graphql` runs 10,000 cases.
 */

const neo4j = openTestNeo4j();
const KEYS = {
  reader: 'fuzz-reader-key-0123456789abcdef',
  editor: 'fuzz-editor-key-0123456789abcdef',
  admin: 'fuzz-admin-key-0123456789abcdefgh',
  wrong: 'not-a-key-of-this-server-0123456789',
};
const client = graphqlClient(neo4j.db, {
  writeKey: KEYS.editor,
  apiKeys: [
    apiKey('fuzz-reader', 'reader', KEYS.reader),
    apiKey('fuzz-admin', 'admin', KEYS.admin),
  ],
});

let schema: GraphQLSchema;
/** Ids the graph has (entities and claims: an article id could be retracted by the editor). */
let knownIds: string[] = [];
/** endCursors of real pages, to be used and broken. */
let cursors: string[] = [];

beforeAll(async () => {
  await loadSeed(neo4j.db);
  const introspection = dataOf(await client.query<IntrospectionQuery>(getIntrospectionQuery()));
  schema = buildClientSchema(introspection);
  const pages = dataOf(
    await client.query<
      Record<string, { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } }>
    >(
      `{ people(first: 3) { edges { node { id } } pageInfo { endCursor } }
         organizations(first: 3) { edges { node { id } } pageInfo { endCursor } }
         claims(first: 3) { edges { node { id } } pageInfo { endCursor } }
         articles(first: 1) { edges { node { id } } pageInfo { endCursor } } }`,
    ),
  );
  knownIds = ['people', 'organizations', 'claims'].flatMap((k) =>
    pages[k]!.edges.map((e) => e.node.id),
  );
  cursors = Object.values(pages).map((p) => p.pageInfo.endCursor);
  expect(knownIds.length).toBeGreaterThan(5);
});
afterAll(() => neo4j.close());

// ---------------------------------------------------------------------------------------------
// Values

const EXTREME_INTS = [
  0,
  -1,
  1,
  2,
  100,
  101,
  500,
  501,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  1.5,
  1e-9,
];
const int = fc.oneof(fc.constantFrom(...EXTREME_INTS), fc.integer({ min: -1000, max: 1000 }));
const text = hostileString({ long: 3 });

/** A cursor of a real page, broken in one of the ways a client (or an attacker) might. */
const cursor = fc.oneof(
  fc.constantFrom(...['']).chain(() => fc.constantFrom(...cursors)),
  fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 3 })).map(([c, at, s]) => {
    const real = cursors[c % cursors.length]!;
    const i = at % (real.length + 1);
    return `${real.slice(0, i)}${s}${real.slice(i + 1)}`;
  }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  text.map((s) => Buffer.from(s).toString('base64')),
  text,
);

const id = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('').chain(() => fc.constantFrom(...knownIds)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'article-n-square-dinner-2008-x',
      'Simon-Crosby',
      'simon--crosby',
      '-',
      'a'.repeat(121),
      '0',
    ),
  },
  { weight: 2, arbitrary: text },
);
const date = fc.oneof(
  fc.constantFrom(
    '2008',
    '2008-03',
    '2008-03-11',
    '2008-02-30',
    '2008-13-01',
    '0000-01-01',
    '9999-12-31',
    '+2008-01-01',
    '2008-03-11T00:00:00Z',
    '',
  ),
  text,
);

/** Anything at all: what a value of the wrong type might be. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  text,
  int,
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(text, int), { maxLength: 3 }),
  fc.dictionary(
    fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor')),
    fc.oneof(text, int),
    { maxKeys: 3 },
  ),
);

function scalar(name: string, argName: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return int;
    case 'Float':
      return fc.oneof(int, fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return id;
    case 'LocalDate':
      return date;
    case 'JSONObject':
      return fc.oneof(
        fc.object({ maxDepth: 3 }),
        fc.record({ format: fc.constant('kg-article/1'), article: fc.object({ maxDepth: 2 }) }),
      );
    default:
      return argName === 'after' ? cursor : text;
  }
}

/** A value for an input type: usually of that type, sometimes of any other. */
function valueOf(type: GraphQLInputType, argName: string, depth = 0): fc.Arbitrary<unknown> {
  const right = (): fc.Arbitrary<unknown> => {
    if (isNonNullType(type)) return valueOf(type.ofType, argName, depth);
    if (isListType(type)) {
      const item = valueOf(type.ofType, argName, depth + 1);
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(item, { maxLength: 5 }) },
        { weight: 1, arbitrary: item },
      );
    }
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
    if (isInputObjectType(type)) {
      if (depth > 3) return fc.constant({});
      const fields = Object.values(type.getFields());
      return fc.record(
        Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, f.name, depth + 1)])),
        { requiredKeys: [] },
      );
    }
    return scalar(type.name, argName);
  };
  return fc.oneof({ weight: 6, arbitrary: right() }, { weight: 1, arbitrary: anything });
}

// ---------------------------------------------------------------------------------------------
// Operations

/** The scalar fields of a type that need no argument, and one level of its object fields. */
function selectionOf(type: GraphQLNamedType, depth = 0): string {
  if (!isCompositeType(type)) return '';
  if (!isObjectType(type) && !isInterfaceType(type)) return '{ __typename }';
  const fields = Object.values(type.getFields()).filter((f) => !f.args.some(isRequiredArgument));
  const parts = ['__typename'];
  for (const f of fields) {
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (depth < 1) parts.push(`${f.name} ${selectionOf(named, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** A value written into the document, as a GraphQL literal. */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return isEnumType(named) && /^[_A-Za-z]\w*$/.test(value) ? value : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner =
    isListType(type) || (isNonNullType(type) && isListType(type.ofType))
      ? (type as { ofType: GraphQLInputType }).ofType
      : type;
  if (Array.isArray(value))
    return `[${value.map((v) => literal(v, isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  const fields = isInputObjectType(named) ? named.getFields() : {};
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? (named as GraphQLInputType))}`)
    .join(', ')}}`;
}

interface Case {
  operation: 'query' | 'mutation';
  field: string;
  args: Record<string, unknown>;
  inline: boolean;
  key: keyof typeof KEYS | 'none';
  body: 'json' | 'variables-as-string' | 'variables-as-list';
}

function caseOf(
  operation: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
): fc.Arbitrary<Case> {
  const args = fc.record(
    Object.fromEntries(field.args.map((a: GraphQLArgument) => [a.name, valueOf(a.type, a.name)])),
    { requiredKeys: [] },
  );
  // Mutations never get the admin key: a merge of two real entities would be a real write.
  const keys =
    operation === 'query'
      ? (['none', 'reader', 'admin', 'wrong'] as const)
      : (['none', 'reader', 'editor', 'wrong'] as const);
  return fc.record({
    operation: fc.constant(operation),
    field: fc.constant(field.name),
    args,
    inline: fc.boolean(),
    key: fc.constantFrom(...keys),
    body: fc.constantFrom(
      'json',
      'json',
      'json',
      'json',
      'json',
      'variables-as-string',
      'variables-as-list',
    ),
  });
}

function request(c: Case): { query: string; variables: Record<string, unknown> } {
  const root = c.operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const field = root.getFields()[c.field]!;
  const given = field.args.filter((a) => a.name in c.args);
  const selection = selectionOf(getNamedType(field.type));
  if (c.inline) {
    const args = given.map((a) => `${a.name}: ${literal(c.args[a.name], a.type)}`).join(', ');
    return {
      query: `${c.operation} Fuzz { f: ${c.field}${args ? `(${args})` : ''} ${selection} }`,
      variables: {},
    };
  }
  const defs = given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = given.map((a) => `${a.name}: $${a.name}`).join(', ');
  return {
    query: `${c.operation} Fuzz${defs ? `(${defs})` : ''} { f: ${c.field}${args ? `(${args})` : ''} ${selection} }`,
    variables: c.args,
  };
}

/** Every string of a value, to check that no long one comes back whole. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  return [];
}

/** An error's message may quote 100 characters of input, within a message of at most 500. */
const MAX_MESSAGE = 600;

describe(`fuzzing GraphQL arguments (${FUZZ_RUNS} cases; npm run fuzz:graphql for 10,000)`, () => {
  it(
    'every field of the schema: no 5xx, no internals, short errors, no write without a key',
    async () => {
      const roots = [
        ...Object.values(schema.getQueryType()!.getFields()).map((f) => caseOf('query', f)),
        ...Object.values(schema.getMutationType()!.getFields()).map((f) => caseOf('mutation', f)),
      ];
      expect(roots.length).toBeGreaterThan(20);
      await fuzz(
        'graphql',
        fc.asyncProperty(fc.oneof(...roots), async (c) => {
          const before = await fingerprint(neo4j.db);
          const { query, variables } = request(c);
          const body =
            c.body === 'json'
              ? JSON.stringify({ query, variables })
              : `{"query": ${JSON.stringify(query)}, "variables": ${c.body === 'variables-as-list' ? '[1, "two"]' : JSON.stringify(JSON.stringify(variables))}}`;
          const response = await client.yoga.fetch('http://localhost/graphql', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/graphql-response+json, application/json',
              ...(c.key === 'none' ? {} : bearer(KEYS[c.key])),
            },
            body,
          });
          const text = await response.text();
          const what = `${response.status} ${text.slice(0, 1500)}`;
          expect(response.status, what).toBeLessThan(500);
          expect(internalsIn(text), what).toBeUndefined();
          const answer = JSON.parse(text) as {
            data?: { f?: unknown } | null;
            errors?: { message: string; extensions?: { code?: string } }[];
          };
          for (const error of answer.errors ?? []) {
            expect(error.message.length, what).toBeLessThanOrEqual(MAX_MESSAGE);
            expect(error.extensions?.code, what).not.toBe('INTERNAL_SERVER_ERROR');
          }
          if (answer.errors?.length) expect(text.length, what).toBeLessThan(50_000);
          // A draft answers its text (in the file and its spans) by design; errors never echo it.
          const echoes = !(c.field === 'draftArticle' && !answer.errors?.length);
          for (const sent of echoes ? stringsIn(variables).concat(stringsIn(c.args)) : []) {
            if (sent.length < 300) continue;
            // 150 characters of it, as JSON writes them: more than the 100 an error may quote.
            const quoted = JSON.stringify(sent.slice(0, 150)).slice(1, -1);
            expect(text.includes(quoted), `${what}: echoes ${sent.length} characters`).toBe(false);
          }
          const accepted = c.operation === 'mutation' && answer.data?.f != null;
          if (accepted) {
            // Only an editor's import can be accepted (a merge needs an admin, who is never sent).
            expect([c.field, c.key]).toEqual(['importArticle', 'editor']);
          } else {
            expect(await fingerprint(neo4j.db), `${c.operation} ${c.field} wrote: ${what}`).toEqual(
              before,
            );
          }
        }),
      );
    },
    60 * 60_000,
  );
});
