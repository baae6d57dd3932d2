/**
 * Reads compiled into one statement per root field answer exactly what the field-by-field
 * resolvers answer: every example operation, a request of every nested field, and random
 * requests over the whole schema, on the seed and on generated articles (conflicting facts,
 * merge redirects, several sources). And each sends the statements it promises.
 */
import fc from 'fast-check';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, operationOf } from '../../src/graphql/examples.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { articleSetArbitrary, seededRandom } from '../support/article-world.ts';
import { importDocument } from '../support/articles.ts';
import { dataOf, type GraphQLResult, graphqlClient, loadSeed } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

let statements = 0;
const neo4j = openTestNeo4j({ onQuery: () => void statements++ });
const compiled = graphqlClient(neo4j.db);
const fieldByField = graphqlClient(neo4j.db, { compile: false });
const schema = buildSchema();
let ids: string[] = [];

beforeAll(async () => {
  await wipeTestGraph(neo4j.db);
  await loadSeed(neo4j.db);
  // Generated articles beside the seed: aliases that merge, facts that conflict, shared claims.
  const [set] = fc.sample(articleSetArbitrary(), { numRuns: 1, seed: 20261202 });
  for (const file of set!.files) await importDocument(neo4j.db, file.document, file.name);
  const rows = await neo4j.db.read('MATCH (n:Node) RETURN n.id AS id ORDER BY id');
  const redirects = await neo4j.db.read('MATCH (r:Redirect) RETURN r.id AS id ORDER BY id');
  ids = [...rows, ...redirects].map((r) => String(r.id));
}, 120_000);
afterAll(() => neo4j.close());

/**
 * Both answers of one operation, and the statements the compiled one sent. Errors of different
 * root fields come in the order their fields finish: they are compared by path.
 */
async function both(query: string, variables?: Record<string, unknown>) {
  const byPath = (result: GraphQLResult<Record<string, unknown>>) => {
    const key = (e: { path?: unknown }) => JSON.stringify(e.path ?? null);
    result.errors?.sort((a, b) => key(a).localeCompare(key(b)));
    return result;
  };
  statements = 0;
  const fast = byPath(await compiled.query(query, variables));
  const sent = statements;
  const slow = byPath(await fieldByField.query(query, variables));
  return { fast, slow, sent };
}

const DEEP = `query Deep($speaker: ID!) {
  claims(where: { speaker: $speaker }, first: 20) {
    totalCount
    edges { cursor node { id statement date { value precision firstDay lastDay }
      speakers(first: 5) { id name ... on Person { roles(first: 10) { title organization { id name people(first: 20) { person { id name } } } } } }
      attributions { role speaker { id } organization { id name } }
      targets(first: 10) { stance entity { id name mentionedIn(first: 20) { id title } } }
      event { id name startDate { value } places { id } hosts { id } }
      firstReport { tie sources { quote article { id } } }
      sources(first: 10) { quote article { id title published { value } mentions(first: 20) { id name } } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const EVERY_FIELD = `query Everything($person: ID!, $org: ID!, $topic: ID!, $article: ID!) {
  p: node(id: $person) { __typename id ... on Person { name aliases description
    roles { title validFrom { value } validTo { value } organization { id kind } sources { quote article { id } } conflicts { title validFrom { value } } person { id } }
    asOf: roles(asOf: "2008-03-11") { title organization { id } }
    relations { type from { id } to { id __typename } role validFrom { value } validTo { value } date { value } representing { id } sources { article { id } } conflicts { type role } }
    out: relations(direction: OUT, types: [WORKS_FOR, PART_OF]) { type to { id } }
    into: relations(direction: IN) { type from { id } }
    claimsAbout { stance claim { id } } dismissed: claimsAbout(stance: DISMISSES) { claim { id } }
    mentionedIn { id title published { value } }
    claimsMade { id event { id } targets { stance entity { id } } }
    participations { role event { id startDate { value } } representing { id } participant { id } sources { article { id } } conflicts { role } }
  } }
  o: organization(id: $org) { id name kind people { title person { id } } then: people(asOf: "2006-01-01") { person { id } }
    claimsMade { id } participations { event { id } } relations { type } }
  t: topic(id: $topic) { id kind stanceSummary { stance count claims { id } } claimsAbout { stance claim { id } } }
  a: article(id: $article) { id title url publisher author language published { value } text
    claims { id } facts { type from { id } to { id } sources { article { id } } } mentions { id __typename } }
  wrongType: person(id: $org) { id }
  n: nodes(ids: [$person, "no-such-node", $org]) { id __typename ... on Entity { name } ... on Claim { statement } }
  s: stanceSummary(topic: $topic) { stance count claims { id statement } }
  e: events(first: 5) { totalCount edges { node { id startDate { value } participants { role participant { id } } } } }
  ar: articles(first: 3) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } }
  pe: people(first: 3, orderBy: ID) { totalCount edges { node { id name } } }
  cl: claims(where: { about: $topic }, orderBy: DATE_DESC, first: 4) { totalCount edges { node { id stance } } }
  unknown: claims(where: { speaker: "no-such-node" }) { totalCount edges { node { id } } }
}`;

describe('compiled reads', () => {
  it('every example operation answers the same, in one statement', async () => {
    for (const example of EXAMPLES) {
      const { fast, slow, sent } = await both(operationOf(example), example.variables);
      expect(fast, example.name).toEqual(slow);
      dataOf(fast);
      expect(sent, `${example.name}: statements`).toBe(1);
    }
  });

  it('a six-level request of every claim field answers the same, in one statement', async () => {
    const { fast, slow, sent } = await both(DEEP, { speaker: 'simon-crosby' });
    expect(fast).toEqual(slow);
    expect(
      dataOf(fast as GraphQLResult<{ claims: { totalCount: number } }>).claims.totalCount,
    ).toBeGreaterThan(0);
    expect(sent).toBe(1);
  });

  it('every nested field of every node type answers the same, one statement per root field', async () => {
    const variables = {
      person: 'simon-crosby',
      org: 'citrix',
      topic: 'blue-pill',
      article: 'article-n-square-dinner-2008',
    };
    const { fast, slow, sent } = await both(EVERY_FIELD, variables);
    expect(fast).toEqual(slow);
    dataOf(fast);
    expect(sent).toBe(12);
  });

  it('paths answer the same (hops explained, sources of facts and of claims), in one statement', async () => {
    const query = `query ($from: ID!, $to: ID!) {
      paths(from: $from, to: $to, maxHops: 4, limit: 50) { length nodes { id __typename }
        hops { relation reversed role explanation from { id } to { id } sources { quote article { id } } } }
    }`;
    const { fast, slow, sent } = await both(query, { from: 'joanna-rutkowska', to: 'citrix' });
    expect(fast).toEqual(slow);
    expect(dataOf(fast as GraphQLResult<{ paths: unknown[] }>).paths.length).toBeGreaterThan(0);
    expect(sent).toBe(1);
    for (const [from, to] of [
      ['no-such-node', 'citrix'],
      ['citrix', 'no-such-node'],
      ['citrix', 'citrix'],
    ]) {
      const pair = await both(
        `{ paths(from: "${from}", to: "${to}") { length } pathLength(from: "${from}", to: "${to}") }`,
      );
      expect(pair.fast, `${from} -> ${to}`).toEqual(pair.slow);
    }
  });

  it('aliases of one list with different arguments, fragments and skipped fields answer the same', async () => {
    const query = `query ($skip: Boolean!) {
      node(id: "simon-crosby") { ...Named ... on Person { a: roles(asOf: "2005-01-01") { title } b: roles { title } } }
      claims(first: 2) { x: edges { node { id } } y: edges { node { id statement @skip(if: $skip) } } }
    }
    fragment Named on Entity { name aliases @include(if: $skip) }`;
    for (const skip of [true, false]) {
      const { fast, slow } = await both(query, { skip });
      expect(fast).toEqual(slow);
      dataOf(fast);
    }
  });

  it('every list below the root is bounded by its first, checked where it is asked', async () => {
    const query = `query ($first: Int!) {
      organization(id: "citrix") { people(first: $first) { person { id } } relations(first: $first) { type } }
      node(id: "simon-crosby") { ... on Person { roles { title } mentionedIn(first: $first) { id }
        claimsMade(first: $first) { id sources(first: $first) { article { id } } } } }
    }`;
    const all = await both(query, { first: 500 });
    expect(all.fast).toEqual(all.slow);
    const one = await both(query, { first: 1 });
    expect(one.fast).toEqual(one.slow);
    type Answer = {
      organization: { people: unknown[]; relations: unknown[] };
      node: { mentionedIn: unknown[]; claimsMade: { sources: unknown[] }[] };
    };
    const many = dataOf(all.fast as GraphQLResult<Answer>);
    const few = dataOf(one.fast as GraphQLResult<Answer>);
    expect(many.organization.relations.length).toBeGreaterThan(1);
    expect(many.node.mentionedIn.length).toBeGreaterThan(1);
    expect(few.organization.people).toEqual(many.organization.people.slice(0, 1));
    expect(few.organization.relations).toEqual(many.organization.relations.slice(0, 1));
    expect(few.node.mentionedIn).toEqual(many.node.mentionedIn.slice(0, 1));
    expect(few.node.claimsMade.length).toBe(1);
    for (const first of [0, 501]) {
      const bad = await both(query, { first });
      expect(bad.fast).toEqual(bad.slow);
      expect(bad.fast.errors?.[0]).toMatchObject({
        message: `first must be an integer from 1 to 500; got ${first}.`,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });

  it('random requests over the schema answer the same', async () => {
    const runs = Number(process.env.KG_COMPILE_RUNS ?? 60);
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const query = randomRequest(schema, seededRandom(seed), ids);
        const { fast, slow } = await both(query);
        expect(fast, query).toEqual(slow);
      }),
      { numRuns: runs, seed: Number(process.env.KG_COMPILE_SEED ?? 7) },
    );
  }, 600_000);
});

// ---------------------------------------------------------------------------------------------
// Random requests: a root field from a fixed list, then random fields of the schema to depth 4.

const ROOTS = [
  (id: string) => `node(id: "${id}")`,
  (id: string) => `nodes(ids: ["${id}", "no-such-node"])`,
  (id: string) => `claims(where: { about: "${id}" }, first: 5)`,
  (id: string) => `claims(where: { speaker: "${id}" }, orderBy: DATE_DESC, first: 3)`,
  () => `people(first: 4)`,
  () => `organizations(first: 3, orderBy: ID)`,
  () => `events(first: 3)`,
  () => `articles(first: 2)`,
  () => `topics(first: 3)`,
  (id: string) => `stanceSummary(topic: "${id}")`,
  (id: string) => `search(text: "${id.split('-')[0]}", first: 6)`,
];

const ARGUMENTS: Record<string, (pick: <T>(xs: readonly T[]) => T) => string> = {
  asOf: (pick) => pick(['', '(asOf: "2008-03-11")', '(asOf: "2001-01-01")']),
  stance: (pick) => pick(['', '(stance: DISMISSES)', '(stance: ASSERTS)']),
  relations: (pick) =>
    pick([
      '',
      '(direction: OUT)',
      '(direction: IN, types: [WORKS_FOR])',
      '(types: [PART_OF, HOSTED, PARTICIPATED_IN])',
    ]),
};

function randomRequest(schema: GraphQLSchema, random: () => number, ids: readonly string[]) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const root = pick(ROOTS)(pick(ids));
  const name = root.slice(0, root.indexOf('('));
  const field = schema.getQueryType()!.getFields()[name]!;
  return `{ ${root} ${selection(getNamedType(field.type), 1)} }`;

  function selection(type: GraphQLNamedType, depth: number): string {
    if (isLeafType(type)) return '';
    if (isAbstractType(type)) {
      const fragments = schema
        .getPossibleTypes(type)
        .filter(() => random() < 0.4)
        .map((t) => `... on ${t.name} ${selection(t, depth)}`);
      return `{ id __typename ${fragments.join(' ')} }`;
    }
    if (!isObjectType(type)) return '';
    const fields = Object.values(type.getFields()).filter(
      (f) => askable(f) && (depth < 4 || isLeafType(getNamedType(f.type))),
    );
    const chosen = fields.filter(() => random() < 0.35);
    if (chosen.length === 0)
      chosen.push(fields.find((f) => isLeafType(getNamedType(f.type))) ?? fields[0]!);
    const parts = chosen.map((f, i) => {
      const alias = random() < 0.2 ? `k${i}: ` : '';
      const args = argumentsOf(f);
      return `${alias}${f.name}${args} ${selection(getNamedType(f.type), depth + 1)}`;
    });
    return `{ ${parts.join(' ')} }`;
  }

  function argumentsOf(f: GraphQLField<unknown, unknown>): string {
    const parts: string[] = [];
    if (f.name === 'relations') parts.push(ARGUMENTS.relations!(pick));
    const arg = f.args.find((a) => a.name === 'asOf' || a.name === 'stance');
    if (arg) parts.push(ARGUMENTS[arg.name]!(pick));
    if (f.args.some((a) => a.name === 'first') && random() < 0.3)
      parts.push(`first: ${pick([1, 2, 3])}`);
    const inside = parts.map((p) => p.replace(/^\(|\)$/g, '')).filter((p) => p !== '');
    return inside.length ? `(${inside.join(', ')})` : '';
  }
}

/** A field random requests may ask: every argument it requires is one we make up. */
function askable(f: GraphQLField<unknown, unknown>): boolean {
  const known = new Set(['asOf', 'stance', 'types', 'direction']);
  return f.args.every((a) => known.has(a.name) || !isNonNullType(a.type));
}
