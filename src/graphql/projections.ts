import { lastDayCypher } from '../graph/filters.ts';
import {
  type NodeRecord,
  nodeRecord,
  type RelationRecord,
  relationRecord,
} from '../model/records.ts';
import { FACT_TYPE_NAMES } from '../model/vocabulary.ts';
import { hopInWords } from './explain.ts';
import {
  type Compiler,
  type Field,
  type FieldCypher,
  limitClause,
  type Projections,
  type Scope,
  type TypeProjection,
} from './compiler.ts';

/**
 * What each field of the schema is in Cypher, for the compiler (src/graphql/compiler.ts): the
 * same answers, in the same order, as the field's resolver in resolvers.ts gives through the
 * loaders. A node type's scope is `{n}`, its node; a fact type's `{r, a, b}`, the relationship and
 * its start and end. Fields left out here (paths, hop explanations, timelines) are resolved by
 * their resolvers from the record each compiled node or fact carries.
 */

const prop =
  (name: string): FieldCypher =>
  (_c, s) =>
    `${s.n}.${name}`;

/** An object of a (possibly abstract) type standing on the node variable `node`. */
const nodeObject = (c: Compiler, type: string, node: string, f: Field) =>
  c.object(type, { n: node }, f.nodes, node);

/** The nodes a subquery finds as `x`, each projected as `type`; the subquery sorts and dedupes. */
function nodeList(
  c: Compiler,
  type: string,
  f: Field,
  subquery: (x: string) => string,
  bounded = true,
) {
  const x = c.fresh('x');
  const object = nodeObject(c, type, x, f);
  const limit = bounded ? limitClause(c, f) : '';
  return object && limit !== null && `COLLECT { ${subquery(x)} ${limit} RETURN ${object} }`;
}

/** The node with an id, or the node a merge redirect of that id points at; null when none. */
function nodeById(c: Compiler, type: string, id: string, f: Field) {
  const [x, direct, moved] = [c.fresh('x'), c.fresh('x'), c.fresh('x')];
  const object = nodeObject(c, type, x, f);
  return (
    object &&
    `head(COLLECT { OPTIONAL MATCH (${direct}:Node {id: ${id}})
      OPTIONAL MATCH (:Redirect {id: ${id}})-[:REDIRECTS_TO]->(${moved}:Node)
      WITH coalesce(${direct}, ${moved}) AS ${x} WHERE ${x} IS NOT NULL
      RETURN ${object} })`
  );
}

/** Claims found by a pattern over `c`, oldest first, each once. */
const claimList = (c: Compiler, f: Field, pattern: (claim: string) => string) =>
  nodeList(
    c,
    'Claim',
    f,
    (x) =>
      `${pattern(x)} WITH DISTINCT ${x} ORDER BY coalesce(${x}.dateDay, '9999-12-31'), ${x}.id`,
  );

/** A fact type list spliced into a pattern: only names from the closed vocabulary. */
function relTypes(types: unknown): string {
  const list = Array.isArray(types) && types.length > 0 ? types : FACT_TYPE_NAMES;
  const known = list.filter((t): t is string => FACT_TYPE_NAMES.includes(t as never));
  return known.join('|');
}

/** A relationship pattern from `n` in a direction. */
function arrow(n: string, r: string, types: string, direction: unknown, o: string): string {
  if (direction === 'OUT') return `(${n})-[${r}:${types}]->(${o})`;
  if (direction === 'IN') return `(${n})<-[${r}:${types}]-(${o})`;
  return `(${n})-[${r}:${types}]-(${o})`;
}

/**
 * The facts a pattern finds as `r`, projected as `type` ({r, a, b} with their ends); `order`
 * sorts them given the variables a and b (by default: type, ends, qualifiers).
 */
function factList(
  c: Compiler,
  type: string,
  f: Field,
  match: (r: string) => string,
  order?: (r: string, a: string, b: string) => string,
) {
  const [r, a, b] = [c.fresh('r'), c.fresh('a'), c.fresh('b')];
  const object = c.object(type, { r, a, b }, f.nodes);
  const limit = limitClause(c, f);
  if (!object || limit === null) return null;
  const sort = order?.(r, a, b) ?? `type(${r}), ${a}.id, ${b}.id, coalesce(${r}.key, '')`;
  return `COLLECT { ${match(r)} WITH DISTINCT ${r}
    WITH ${r}, startNode(${r}) AS ${a}, endNode(${r}) AS ${b} ORDER BY ${sort} ${limit}
    RETURN ${object} }`;
}

/** Holds on a day (a role "as of"); see holdsOn in src/model/records.ts. */
function holds(c: Compiler, r: string, day: unknown): string {
  if (day == null) return 'true';
  const p = c.param(day);
  return `(${r}.validFromDay IS NULL OR ${r}.validFromDay <= ${p}) AND (${r}.validToDay IS NULL OR ${r}.validToDay >= ${p})`;
}

/** A Source: an article and a quote. */
function source(c: Compiler, article: string, quote: string, f: Field) {
  return c.object('Source', { article, quote }, f.nodes);
}

/** A fact's sources, oldest article first (by the first day of publication, then id). */
const factSources: FieldCypher = (c, s, f) => {
  const [i, art, quote] = [c.fresh('i'), c.fresh('art'), c.fresh('q')];
  const object = source(c, art, quote, f);
  const limit = limitClause(c, f);
  return (
    object &&
    limit !== null &&
    `COLLECT { UNWIND range(0, size(coalesce(${s.r}.sources, [])) - 1) AS ${i}
      MATCH (${art}:Node:Article {id: ${s.r}.sources[${i}]})
      WITH ${art}, CASE WHEN ${s.r}.quotes[${i}] = '' THEN null ELSE ${s.r}.quotes[${i}] END AS ${quote}
      ORDER BY coalesce(${art}.publishedDay, ''), ${art}.id ${limit}
      RETURN ${object} }`
  );
};

/** A claim's reports, oldest first (claims keep the quote on the REPORTED_IN link). */
function claimSources(c: Compiler, claim: string, f: Field) {
  const [art, rep] = [c.fresh('art'), c.fresh('rep')];
  const object = source(c, art, `${rep}.quote`, f);
  const limit = limitClause(c, f);
  return (
    object &&
    limit !== null &&
    `COLLECT { MATCH (${claim})-[${rep}:REPORTED_IN]->(${art}:Article)
      WITH ${art}, ${rep} ORDER BY ${art}.publishedDay, ${art}.id ${limit} RETURN ${object} }`
  );
}

/** The facts of the same type, ends and role that contradict this one (other qualifiers). */
const conflicts =
  (type: string): FieldCypher =>
  (c, s, f) => {
    const [o, a, b] = [c.fresh('r'), c.fresh('a'), c.fresh('b')];
    const object = c.object(type, { r: o, a, b }, f.nodes);
    const limit = limitClause(c, f);
    return (
      object &&
      limit !== null &&
      `COLLECT { MATCH (${s.a})-[${o}]->(${s.b})
        WHERE type(${o}) = type(${s.r}) AND ${o} <> ${s.r}
          AND coalesce(${o}.roleKey, '') = coalesce(${s.r}.roleKey, '')
          AND coalesce(${o}.key, '') <> coalesce(${s.r}.key, '')
        WITH ${o}, ${s.a} AS ${a}, ${s.b} AS ${b} ORDER BY coalesce(${o}.key, '') ${limit}
        RETURN ${object} }`
    );
  };

const factFields = {
  sources: factSources,
  validFrom: (_c: Compiler, s: Scope) => `${s.r}.validFrom`,
  validTo: (_c: Compiler, s: Scope) => `${s.r}.validTo`,
  representing: (c: Compiler, s: Scope, f: Field) =>
    nodeById(c, 'Organization', `${s.r}.representing`, f),
};

const relation: TypeProjection = {
  record: (s) => relationRecord(s.r!),
  fields: {
    ...factFields,
    type: (_c, s) => `type(${s.r})`,
    from: (c, s, f) => nodeObject(c, 'Entity', s.a!, f),
    to: (c, s, f) => nodeObject(c, 'Entity', s.b!, f),
    role: (_c, s) => `${s.r}.role`,
    date: (_c, s) => `${s.r}.date`,
    conflicts: conflicts('Relation'),
  },
};

const role: TypeProjection = {
  record: (s) => relationRecord(s.r!),
  fields: {
    ...factFields,
    person: (c, s, f) => nodeObject(c, 'Person', s.a!, f),
    organization: (c, s, f) => nodeObject(c, 'Organization', s.b!, f),
    title: (_c, s) => `${s.r}.role`,
    conflicts: conflicts('Role'),
  },
};

const participation: TypeProjection = {
  record: (s) => relationRecord(s.r!),
  fields: {
    ...factFields,
    participant: (c, s, f) => nodeObject(c, 'Entity', s.a!, f),
    event: (c, s, f) => nodeObject(c, 'Event', s.b!, f),
    role: (_c, s) => `${s.r}.role`,
    conflicts: conflicts('Participation'),
  },
};

/** Participations in event date order (undated last), then by participant. */
const participations: FieldCypher = (c, s, f) =>
  factList(
    c,
    'Participation',
    f,
    (r) => `MATCH (${s.n})-[${r}:PARTICIPATED_IN]->()`,
    (r, a, b) =>
      `coalesce(${b}.startDateDay, '9999-12-31'), ${a}.id, ${b}.id, coalesce(${r}.key, '')`,
  );

/**
 * The roles held on `asOf` (all without it) from one end of WORKS_FOR: a person's roles go OUT to
 * their organizations, an organization's people come IN from the persons.
 */
const worksFor =
  (direction: 'OUT' | 'IN'): FieldCypher =>
  (c, s, f) =>
    factList(
      c,
      'Role',
      f,
      (r) =>
        `MATCH ${arrow(s.n!, r, 'WORKS_FOR', direction, '')} WHERE ${holds(c, r, f.args.asOf)}`,
    );

/** Claims made by a person or an organization, or by people speaking for the organization. */
const claimsMade: FieldCypher = (c, s, f) =>
  claimList(
    c,
    f,
    (x, m = c.fresh('m')) => `CALL (${s.n}) {
        MATCH (${s.n})-[:MADE]->(${x}:Claim) RETURN ${x}
        UNION
        MATCH ()-[${m}:MADE]->(${x}:Claim) WHERE ${m}.organization = ${s.n}.id RETURN ${x}
      }`,
  );

const entityFields: Record<string, FieldCypher> = {
  id: prop('id'),
  name: prop('name'),
  aliases: (_c, s) => `coalesce(${s.n}.aliases, [])`,
  description: prop('description'),
  kind: prop('kind'),
  relations: (c, s, f) =>
    factList(
      c,
      'Relation',
      f,
      (r) => `MATCH ${arrow(s.n!, r, relTypes(f.args.types), f.args.direction, '')}`,
    ),
  claimsAbout: (c, s, f) => {
    const [x, ab, stance] = [c.fresh('x'), c.fresh('ab'), c.fresh('st')];
    const object = c.object('ClaimAbout', { claim: x, stance }, f.nodes);
    const only = f.args.stance == null ? 'true' : `${ab}.stance = ${c.param(f.args.stance)}`;
    const limit = limitClause(c, f);
    return (
      object &&
      limit !== null &&
      `COLLECT { MATCH (${x}:Claim)-[${ab}:ABOUT]->(${s.n}) WHERE ${only}
        WITH DISTINCT ${x}, ${ab}.stance AS ${stance}
        ORDER BY coalesce(${x}.dateDay, '9999-12-31'), ${x}.id ${limit}
        RETURN ${object} }`
    );
  },
  mentionedIn: (c, s, f) =>
    nodeList(
      c,
      'Article',
      f,
      (x) =>
        `MATCH (${x}:Article)-[:MENTIONS]->(${s.n}) WITH DISTINCT ${x} ORDER BY ${x}.publishedDay DESC, ${x}.id`,
    ),
};

const withRecord = (fields: Record<string, FieldCypher>): TypeProjection => ({
  record: (s) => nodeRecord(s.n!),
  fields,
});

export const PROJECTIONS: Projections = {
  Person: withRecord({
    ...entityFields,
    roles: worksFor('OUT'),
    claimsMade,
    participations,
  }),
  Organization: withRecord({
    ...entityFields,
    people: worksFor('IN'),
    claimsMade,
    participations,
  }),
  Event: withRecord({
    ...entityFields,
    startDate: prop('startDate'),
    endDate: prop('endDate'),
    participants: (c, s, f) =>
      factList(c, 'Participation', f, (r) => `MATCH (${s.n})<-[${r}:PARTICIPATED_IN]-()`),
    places: (c, s, f) =>
      nodeList(
        c,
        'Place',
        f,
        (x, h = c.fresh('h')) =>
          `MATCH (${s.n})-[${h}:HELD_AT]->(${x}) WITH ${x}, ${h} ORDER BY ${x}.id, coalesce(${h}.key, '')`,
      ),
    hosts: (c, s, f) =>
      nodeList(
        c,
        'Entity',
        f,
        (x, h = c.fresh('h')) =>
          `MATCH (${s.n})<-[${h}:HOSTED]-(${x}) WITH ${x}, ${h} ORDER BY ${x}.id, coalesce(${h}.key, '')`,
      ),
    claims: (c, s, f) => claimList(c, f, (x) => `MATCH (${x}:Claim)-[:AT_EVENT]->(${s.n})`),
  }),
  Place: withRecord(entityFields),
  Topic: withRecord({
    ...entityFields,
    stanceSummary: (c, s, f) => {
      const [stances, stance, count, ab] = ['sts', 'st', 'n', 'ab'].map((v) => c.fresh(v)) as [
        string,
        string,
        string,
        string,
      ];
      const object = c.object('StanceCount', { stance, count, target: s.n! }, f.nodes);
      // One pass over the claims' links, counted in the list: count() is refused inside a
      // projection, and a COUNT {} per stance would walk the links once per stance.
      return (
        object &&
        `COLLECT { WITH COLLECT { MATCH (:Claim)-[${ab}:ABOUT]->(${s.n}) RETURN ${ab}.stance } AS ${stances}
          UNWIND ${stances} AS ${stance}
          WITH DISTINCT ${stance}, ${stances}
          WITH ${stance}, size([x IN ${stances} WHERE x = ${stance}]) AS ${count}
          ORDER BY ${count} DESC, ${stance}
          RETURN ${object} }`
      );
    },
  }),
  Article: withRecord({
    id: prop('id'),
    title: prop('title'),
    url: prop('url'),
    publisher: prop('publisher'),
    author: prop('author'),
    language: prop('language'),
    published: prop('published'),
    text: prop('text'),
    claims: (c, s, f) => claimList(c, f, (x) => `MATCH (${x}:Claim)-[:REPORTED_IN]->(${s.n})`),
    facts: (c, s, f) =>
      factList(
        c,
        'Relation',
        f,
        (r) => `MATCH (${s.n})-[:MENTIONS]->()-[${r}]->() WHERE ${s.n}.id IN ${r}.sources`,
      ),
    mentions: (c, s, f) =>
      nodeList(
        c,
        'Entity',
        f,
        (x) => `MATCH (${s.n})-[:MENTIONS]->(${x}:Node) WITH DISTINCT ${x} ORDER BY ${x}.id`,
      ),
  }),
  Claim: withRecord({
    id: prop('id'),
    statement: prop('statement'),
    stance: prop('stance'),
    date: prop('date'),
    speakers: (c, s, f) =>
      nodeList(
        c,
        'Entity',
        f,
        (x) => `MATCH (${x}:Node)-[:MADE]->(${s.n}) WITH ${x} ORDER BY ${x}.id`,
      ),
    attributions: (c, s, f) => {
      const [x, m] = [c.fresh('x'), c.fresh('m')];
      const object = c.object('Attribution', { speaker: x, made: m }, f.nodes);
      const limit = limitClause(c, f);
      return (
        object &&
        limit !== null &&
        `COLLECT { MATCH (${x}:Node)-[${m}:MADE]->(${s.n}) WITH ${x}, ${m} ORDER BY ${x}.id ${limit}
          RETURN ${object} }`
      );
    },
    targets: (c, s, f) => {
      const [x, ab] = [c.fresh('x'), c.fresh('ab')];
      const object = c.object('ClaimTarget', { entity: x, about: ab }, f.nodes);
      const limit = limitClause(c, f);
      return (
        object &&
        limit !== null &&
        `COLLECT { MATCH (${s.n})-[${ab}:ABOUT]->(${x}:Node) WITH ${x}, ${ab} ORDER BY ${x}.id ${limit}
          RETURN ${object} }`
      );
    },
    event: (c, s, f) => {
      const x = c.fresh('x');
      const object = nodeObject(c, 'Event', x, f);
      return (
        object &&
        `head(COLLECT { MATCH (${s.n})-[:AT_EVENT]->(${x}:Node) WITH ${x} ORDER BY ${x}.id LIMIT 1
          RETURN ${object} })`
      );
    },
    sources: (c, s, f) => claimSources(c, s.n!, f),
    firstReport: (c, s, f) => {
      const [art, rep, reps, first] = [
        c.fresh('art'),
        c.fresh('rep'),
        c.fresh('rs'),
        c.fresh('fr'),
      ];
      const object = c.object('FirstReport', { reports: first }, f.nodes);
      // The rule of src/claims/first-report.ts: the earliest report, and the others that no
      // report was published strictly before (at their precisions); an undated earliest is alone.
      return (
        object &&
        `head(COLLECT {
          WITH COLLECT { MATCH (${s.n})-[${rep}:REPORTED_IN]->(${art}:Article)
            WITH ${art}, ${rep} ORDER BY ${art}.publishedDay, ${art}.id
            RETURN {article: ${art}, quote: ${rep}.quote, published: ${art}.published,
              first: ${art}.publishedDay,
              last: ${lastDayCypher(`${art}.published`, `${art}.publishedPrecision`)}} } AS ${reps}
          WITH [i IN range(0, size(${reps}) - 1) WHERE i = 0
            OR (${reps}[0].published IS NOT NULL AND ${reps}[i].published IS NOT NULL
              AND none(d IN ${reps} WHERE d.published IS NOT NULL AND d.last < ${reps}[i].first))
            | ${reps}[i]] AS ${first}
          RETURN ${object} })`
      );
    },
  }),

  Relation: relation,
  Role: role,
  Participation: participation,

  Path: {
    fields: {
      length: (_c, s) => `length(${s.p})`,
      nodes: (c, s, f) => nodeList(c, 'Node', f, (x) => `UNWIND nodes(${s.p}) AS ${x}`, false),
      hops: (c, s, f) => {
        const [i, r, a, b, prev] = ['i', 'r', 'a', 'b', 'prev'].map((v) => c.fresh(v)) as [
          string,
          string,
          string,
          string,
          string,
        ];
        const object = c.object('Hop', { r, a, b, prev }, f.nodes);
        return (
          object &&
          `COLLECT { UNWIND range(0, length(${s.p}) - 1) AS ${i}
            WITH relationships(${s.p})[${i}] AS ${r}, nodes(${s.p})[${i}] AS ${prev}
            WITH ${r}, ${prev}, startNode(${r}) AS ${a}, endNode(${r}) AS ${b}
            RETURN ${object} }`
        );
      },
    },
  },
  Hop: {
    fields: {
      relation: (_c, s) => `type(${s.r})`,
      from: (c, s, f) => nodeObject(c, 'Node', s.a!, f),
      to: (c, s, f) => nodeObject(c, 'Node', s.b!, f),
      reversed: (_c, s) => `${s.a} <> ${s.prev}`,
      role: (_c, s) => `${s.r}.role`,
      explanation: (_c, s) =>
        `{relation: ${relationRecord(s.r!)}, from: ${nodeRecord(s.a!)}, to: ${nodeRecord(s.b!)}}`,
      // A fact's sources, or, for the link of a claim to its speaker, target or event, the
      // claim's reports (see hopSources).
      sources: (c, s, f) => {
        const claim = c.fresh('cl');
        const fact = factSources(c, s, f);
        const reports = claimSources(c, claim, f);
        return (
          fact &&
          reports &&
          `CASE WHEN ${s.r}.sources IS NOT NULL THEN ${fact}
            ELSE head(COLLECT { WITH CASE WHEN type(${s.r}) = 'MADE' THEN ${s.b} ELSE ${s.a} END AS ${claim}
              RETURN ${reports} }) END`
        );
      },
    },
    finish: {
      explanation: (v: { relation: RelationRecord; from: NodeRecord; to: NodeRecord }) =>
        hopInWords(v.relation, v.from, v.to),
    },
  },
  Source: {
    fields: {
      article: (c, s, f) => nodeObject(c, 'Article', s.article!, f),
      quote: (_c, s) => s.quote!,
    },
  },
  FirstReport: {
    fields: {
      sources: (c, s, f) => {
        const [x, art, quote] = [c.fresh('x'), c.fresh('art'), c.fresh('q')];
        const object = source(c, art, quote, f);
        return (
          object &&
          `COLLECT { UNWIND ${s.reports} AS ${x}
            WITH ${x}.article AS ${art}, ${x}.quote AS ${quote} RETURN ${object} }`
        );
      },
      tie: (_c, s) => `size(${s.reports}) > 1`,
    },
  },
  Attribution: {
    fields: {
      speaker: (c, s, f) => nodeObject(c, 'Entity', s.speaker!, f),
      role: (_c, s) => `${s.made}.role`,
      organization: (c, s, f) => nodeById(c, 'Organization', `${s.made}.organization`, f),
    },
  },
  ClaimTarget: {
    fields: {
      entity: (c, s, f) => nodeObject(c, 'Entity', s.entity!, f),
      stance: (_c, s) => `${s.about}.stance`,
    },
  },
  ClaimAbout: {
    fields: {
      claim: (c, s, f) => nodeObject(c, 'Claim', s.claim!, f),
      stance: (_c, s) => s.stance!,
    },
  },
  StanceCount: {
    fields: {
      stance: (_c, s) => s.stance!,
      count: (_c, s) => s.count!,
      claims: (c, s, f) =>
        claimList(
          c,
          f,
          (x, ab = c.fresh('ab')) =>
            `MATCH (${x}:Claim)-[${ab}:ABOUT]->(${s.target}) WHERE ${ab}.stance = ${s.stance}`,
        ),
    },
  },
};
