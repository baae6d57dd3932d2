/**
 * The seven questions of the benchmark, each asked three ways over the same graph:
 *
 * - raw: the best single hand-written Cypher statement we know for it, run with the plain driver
 *   (behind a minimal HTTP endpoint, so every contender pays HTTP and JSON alike);
 * - ours: the GraphQL operation of this project's API (`src/`, whatever the working tree holds);
 * - neo4j-graphql: the closest operation `@neo4j/graphql` offers over equivalent type definitions
 *   (`neo4j-graphql-schema.ts`), or none where it has no such operation (paths).
 *
 * Each question also says how to reduce each answer to a comparable value (normalised ids, sorted
 * where order is not part of the question), so the run can check that all contenders agree.
 */

/** The ids and values the questions are asked about, chosen from the loaded graph at start. */
export interface Picks {
  topic: string;
  stance: string;
  person: string;
  pathFrom: string;
  pathTo: string;
  searchWord: string;
  depth: number;
  /** The id of the claim at position `depth` - 1 in id order (for the raw keyset page). */
  afterId: string;
  /** Our API's cursor after `depth` claims in id order. */
  afterCursor: string;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Operation {
  query: string;
  variables: (p: Picks) => Record<string, unknown>;
  normalize: (data: Json) => unknown;
}

export interface Question {
  key: string;
  title: string;
  raw: {
    cypher: string;
    params: (p: Picks) => Record<string, unknown>;
    normalize: (rows: Json[]) => unknown;
  };
  ours: Operation;
  neo4jGraphql: (Operation & { note?: string }) | { unsupported: string };
}

const sorted = <T>(xs: T[]): T[] => [...xs].sort();
const ids = (xs: { id: string }[] | null | undefined) => sorted((xs ?? []).map((x) => x.id));

/** Claims in list order, each with its speakers (and whom they spoke for) and sources, sorted. */
const claimSummary = (id: string, speakers: string[], sources: string[]) => ({
  id,
  speakers: sorted(speakers),
  sources: sorted(sources),
});

const FACT_TYPES =
  'WORKS_FOR|PART_OF|HOSTED|PARTICIPATED_IN|HELD_AT|LOCATED_IN|DEVELOPS|CREATED|CONTRIBUTES_TO|ACQUIRED|DISCUSSED';
const STANCES = [
  'ASSERTS',
  'SUPPORTS',
  'PROMOTES',
  'PREDICTS',
  'DISPUTES',
  'CRITICIZES',
  'DISMISSES',
];

export const QUESTIONS: Question[] = [
  {
    key: 'who-dismissed',
    title: 'Who dismissed a popular topic (claims, speakers, their organizations, sources)',
    raw: {
      cypher: `MATCH (:Node {id: $topic})<-[:ABOUT {stance: $stance}]-(c:Claim)
        WITH c ORDER BY coalesce(c.dateDay, '9999-12-31'), c.id LIMIT 20
        RETURN c.id AS id, c.statement AS statement, c.stance AS stance,
          COLLECT {
            MATCH (s)-[m:MADE]->(c) OPTIONAL MATCH (o:Organization {id: m.organization})
            RETURN {id: s.id, name: s.name, role: m.role, organization: o {.id, .name}}
          } AS speakers,
          COLLECT { MATCH (c)-[r:REPORTED_IN]->(a:Article) RETURN {quote: r.quote, id: a.id, title: a.title} } AS sources`,
      params: (p) => ({ topic: p.topic, stance: p.stance }),
      normalize: (rows) =>
        rows.map((r) =>
          claimSummary(
            r.id,
            r.speakers.map((s: Json) => `${s.id}@${s.organization?.id ?? ''}`),
            r.sources.map((s: Json) => s.id),
          ),
        ),
    },
    ours: {
      query: `query WhoDismissed($topic: ID!, $stance: Stance!) {
        claims(where: { about: $topic, stance: $stance }, first: 20) {
          edges { node { id statement stance
            attributions { speaker { id name } role organization { id name } }
            sources { quote article { id title } } } }
        }
      }`,
      variables: (p) => ({ topic: p.topic, stance: p.stance }),
      normalize: (d) =>
        d.claims.edges.map(({ node: c }: Json) =>
          claimSummary(
            c.id,
            c.attributions.map((a: Json) => `${a.speaker.id}@${a.organization?.id ?? ''}`),
            c.sources.map((s: Json) => s.article.id),
          ),
        ),
    },
    neo4jGraphql: {
      query: `query WhoDismissed($topic: ID!, $stance: String!) {
        claims(
          where: { targetsConnection: { some: { node: { id: { eq: $topic } }, edge: { stance: { eq: $stance } } } } }
          sort: [{ dateDay: ASC }, { id: ASC }]
          limit: 20
        ) {
          id statement stance
          speakersConnection { edges { properties { role organization } node { id name } } }
          sourcesConnection { edges { properties { quote } node { id title } } }
        }
      }`,
      variables: (p) => ({ topic: p.topic, stance: p.stance }),
      note: 'organization names need a second query: MADE.organization is an id property',
      normalize: (d) =>
        d.claims.map((c: Json) =>
          claimSummary(
            c.id,
            c.speakersConnection.edges.map(
              (e: Json) => `${e.node.id}@${e.properties.organization ?? ''}`,
            ),
            c.sourcesConnection.edges.map((e: Json) => e.node.id),
          ),
        ),
    },
  },
  {
    key: 'entity',
    title: 'A very connected person with roles and neighbours (facts)',
    raw: {
      cypher: `MATCH (p:Node {id: $person})
        RETURN p.id AS id, p.name AS name,
          COLLECT { MATCH (p)-[w:WORKS_FOR]->(o) RETURN {title: w.role, validFrom: w.validFrom,
            validTo: w.validTo, organization: o {.id, .name}} } AS roles,
          COLLECT { MATCH (p)-[r:${FACT_TYPES}]-(x) RETURN {type: type(r), from: startNode(r).id,
            to: endNode(r).id, other: x.name} } AS relations`,
      params: (p) => ({ person: p.person }),
      normalize: ([r]) => ({
        roles: sorted(r.roles.map((x: Json) => `${x.title}@${x.organization.id}`)),
        relations: sorted(r.relations.map((x: Json) => `${x.type}:${x.from}>${x.to}`)),
      }),
    },
    ours: {
      query: `query Entity($person: ID!) {
        person(id: $person) { id name
          roles { title validFrom { value } validTo { value } organization { id name } }
          relations(first: 500) { type from { id name } to { id name } } }
      }`,
      variables: (p) => ({ person: p.person }),
      normalize: (d) => ({
        roles: sorted(d.person.roles.map((x: Json) => `${x.title}@${x.organization.id}`)),
        relations: sorted(d.person.relations.map((x: Json) => `${x.type}:${x.from.id}>${x.to.id}`)),
      }),
    },
    neo4jGraphql: {
      query: `query Entity($person: ID!) {
        people(where: { id: { eq: $person } }) { id name
          worksForConnection { edges { properties { role validFrom validTo } node { id name } } }
          participatedInConnection { edges { properties { role representing } node { id name } } }
          created { id name }
        }
      }`,
      variables: (p) => ({ person: p.person }),
      normalize: ({ people: [p] }) => ({
        roles: sorted(
          p.worksForConnection.edges.map((e: Json) => `${e.properties.role}@${e.node.id}`),
        ),
        relations: sorted([
          ...p.worksForConnection.edges.map((e: Json) => `WORKS_FOR:${p.id}>${e.node.id}`),
          ...p.participatedInConnection.edges.map(
            (e: Json) => `PARTICIPATED_IN:${p.id}>${e.node.id}`,
          ),
          ...p.created.map((t: Json) => `CREATED:${p.id}>${t.id}`),
        ]),
      }),
    },
  },
  {
    key: 'path',
    title: 'Shortest paths between two entities (up to 4 hops)',
    raw: {
      cypher: `MATCH (a:Node {id: $from}), (b:Node {id: $to})
        MATCH p = allShortestPaths((a)-[:${FACT_TYPES}|MADE|ABOUT|AT_EVENT*..4]-(b))
        RETURN [n IN nodes(p) | n.id] AS nodes LIMIT 10`,
      params: (p) => ({ from: p.pathFrom, to: p.pathTo }),
      normalize: (rows) => pathsSummary(rows.map((r) => r.nodes)),
    },
    ours: {
      query: `query Path($from: ID!, $to: ID!) {
        paths(from: $from, to: $to, maxHops: 4, limit: 10) { length nodes { id } hops { relation sources { article { id } } } }
      }`,
      variables: (p) => ({ from: p.pathFrom, to: p.pathTo }),
      normalize: (d) => pathsSummary(d.paths.map((p: Json) => p.nodes.map((n: Json) => n.id))),
    },
    neo4jGraphql: { unsupported: 'no path operation' },
  },
  {
    key: 'search',
    title: 'Search by a name prefix (entities, best match first)',
    raw: {
      cypher: `CALL db.index.fulltext.queryNodes('entity_names_fulltext', $text) YIELD node, score
        WHERE NOT node:Article
        RETURN node.id AS id, node.name AS name ORDER BY score DESC, id LIMIT 10`,
      // Our API's Lucene query for one word: exact (boosted), prefix, or one typo from 5 letters.
      params: (p) => {
        const w = p.searchWord.toLowerCase();
        return { text: `(${w}^3 OR ${w}*${w.length >= 5 ? ` OR ${w}~1` : ''})` };
      },
      normalize: (rows) => ids(rows),
    },
    ours: {
      query: `query Search($text: String!) { search(text: $text, directOnly: true, first: 10) { id name __typename } }`,
      variables: (p) => ({ text: p.searchWord }),
      normalize: (d) => ids(d.search),
    },
    neo4jGraphql: {
      query: `query Search($prefix: String!, $word: String!) {
        entities(where: { OR: [{ name: { startsWith: $prefix } }, { name: { contains: $word } }] }, limit: 10) { id name __typename }
      }`,
      variables: (p) => ({ prefix: p.searchWord, word: ` ${p.searchWord}` }),
      note: 'name STARTS WITH / CONTAINS filter on the Entity interface: no typo tolerance, no ranking, case-sensitive',
      normalize: (d) => ids(d.entities),
    },
  },
  {
    key: 'deep-page',
    title: 'A page of 20 claims at depth 10,000 in id order (less when the list is shorter)',
    raw: {
      cypher: `MATCH (c:Node:Claim) WHERE c.id > $after
        RETURN c.id AS id, c.statement AS statement ORDER BY c.id LIMIT 20`,
      params: (p) => ({ after: p.afterId }),
      normalize: (rows) => rows.map((r) => r.id),
    },
    ours: {
      query: `query Page($after: String!) {
        claims(orderBy: ID, first: 20, after: $after) { edges { cursor node { id statement } } pageInfo { hasNextPage endCursor } }
      }`,
      variables: (p) => ({ after: p.afterCursor }),
      normalize: (d) => d.claims.edges.map((e: Json) => e.node.id),
    },
    neo4jGraphql: {
      query: `query Page($offset: Int!) { claims(sort: [{ id: ASC }], offset: $offset, limit: 20) { id statement } }`,
      variables: (p) => ({ offset: p.depth }),
      note: 'offset',
      normalize: (d) => d.claims.map((c: Json) => c.id),
    },
  },
  {
    key: 'stances',
    title: 'Stance summary of a popular topic',
    raw: {
      cypher: `MATCH (:Node {id: $topic})<-[a:ABOUT]-(:Claim)
        RETURN a.stance AS stance, count(*) AS count ORDER BY count DESC, stance`,
      params: (p) => ({ topic: p.topic }),
      normalize: (rows) => rows.map((r) => `${r.stance}:${r.count}`),
    },
    ours: {
      query: `query Stances($topic: ID!) { stanceSummary(topic: $topic) { stance count } }`,
      variables: (p) => ({ topic: p.topic }),
      normalize: (d) => d.stanceSummary.map((r: Json) => `${r.stance}:${r.count}`),
    },
    neo4jGraphql: {
      query: `query Stances($topic: ID!) { topics(where: { id: { eq: $topic } }) { ${STANCES.map(
        (s) =>
          `${s}: claimsAboutConnection(where: { edge: { stance: { eq: "${s}" } } }) { totalCount }`,
      ).join(' ')} } }`,
      variables: (p) => ({ topic: p.topic }),
      note: 'one totalCount per stance (7 aliases), sorted client-side',
      normalize: ({ topics: [t] }) =>
        STANCES.map((s) => ({ s, n: Number(t[s].totalCount) }))
          .filter((x) => x.n > 0)
          .sort((a, b) => b.n - a.n || (a.s < b.s ? -1 : 1))
          .map((x) => `${x.s}:${x.n}`),
    },
  },
  {
    key: 'deep',
    title: 'A 6-level request of a front end (claims of a person, nested)',
    raw: {
      cypher: `MATCH (:Node {id: $person})-[:MADE]->(c:Claim)
        WITH c ORDER BY coalesce(c.dateDay, '9999-12-31'), c.id LIMIT 20
        RETURN c.id AS id, c.statement AS statement,
          COLLECT { MATCH (s)-[:MADE]->(c) RETURN {id: s.id, name: s.name,
            roles: COLLECT { MATCH (s)-[w:WORKS_FOR]->(o) RETURN {title: w.role, organization: {id: o.id, name: o.name,
              people: COLLECT { MATCH (q)-[:WORKS_FOR]->(o) RETURN {id: q.id, name: q.name} }}} }} } AS speakers,
          COLLECT { MATCH (c)-[a:ABOUT]->(t) RETURN {stance: a.stance, id: t.id, name: t.name,
            mentionedIn: COLLECT { MATCH (m:Article)-[:MENTIONS]->(t) RETURN {id: m.id, title: m.title} }} } AS targets,
          COLLECT { MATCH (c)-[r:REPORTED_IN]->(a:Article) RETURN {quote: r.quote, id: a.id, title: a.title,
            mentions: COLLECT { MATCH (a)-[:MENTIONS]->(e) RETURN {id: e.id, name: e.name} }} } AS sources`,
      params: (p) => ({ person: p.person }),
      normalize: (rows) =>
        deepSummary(
          rows.map((c) => ({
            id: c.id,
            orgs: c.speakers.flatMap((s: Json) => s.roles.map((r: Json) => r.organization)),
            targets: c.targets,
            sources: c.sources,
          })),
        ),
    },
    ours: {
      query: `query Deep($person: ID!) {
        claims(where: { speaker: $person }, first: 20) {
          edges { node { id statement
            speakers(first: 10) { id name ... on Person { roles(first: 10) { title organization { id name people { person { id name } } } } } }
            targets(first: 10) { stance entity { id name mentionedIn { id title } } }
            sources(first: 10) { quote article { id title mentions { id name } } } } }
        }
      }`,
      variables: (p) => ({ person: p.person }),
      normalize: (d) =>
        deepSummary(
          d.claims.edges.map(({ node: c }: Json) => ({
            id: c.id,
            orgs: c.speakers.flatMap((s: Json) =>
              (s.roles ?? []).map((r: Json) => ({
                id: r.organization.id,
                people: r.organization.people.map((x: Json) => x.person),
              })),
            ),
            targets: c.targets.map((t: Json) => ({
              stance: t.stance,
              id: t.entity.id,
              mentionedIn: t.entity.mentionedIn,
            })),
            sources: c.sources.map((s: Json) => ({
              id: s.article.id,
              mentions: s.article.mentions,
            })),
          })),
        ),
    },
    neo4jGraphql: {
      query: `query Deep($person: ID!) {
        claims(
          where: { speakers: { some: { id: { eq: $person } } } }
          sort: [{ dateDay: ASC }, { id: ASC }]
          limit: 20
        ) { id statement
          speakers { id name worksForConnection { edges { properties { role } node { id name people { id name } } } } }
          targetsConnection { edges { properties { stance } node { id name
            ... on Topic { mentionedIn { id title } } ... on Organization { mentionedIn { id title } } } } }
          sourcesConnection { edges { properties { quote } node { id title mentions { id name } } } }
        }
      }`,
      variables: (p) => ({ person: p.person }),
      normalize: (d) =>
        deepSummary(
          d.claims.map((c: Json) => ({
            id: c.id,
            orgs: c.speakers.flatMap((s: Json) =>
              s.worksForConnection.edges.map((e: Json) => ({
                id: e.node.id,
                people: e.node.people,
              })),
            ),
            targets: c.targetsConnection.edges.map((e: Json) => ({
              stance: e.properties.stance,
              id: e.node.id,
              mentionedIn: e.node.mentionedIn ?? [],
            })),
            sources: c.sourcesConnection.edges.map((e: Json) => ({
              id: e.node.id,
              mentions: e.node.mentions,
            })),
          })),
        ),
    },
  },
];

/** Paths compare by length and, when fewer than the limit came back, by their node sequences. */
function pathsSummary(paths: string[][]) {
  const length = paths.length > 0 ? paths[0]!.length - 1 : null;
  return {
    length,
    count: paths.length,
    paths: paths.length < 10 ? sorted(paths.map((p) => p.join('>'))) : 'many',
  };
}

/** A 6-level answer as its claims in order, plus the set of ids met at each level. */
function deepSummary(claims: { id: string; orgs: Json[]; targets: Json[]; sources: Json[] }[]) {
  const levels = new Set<string>();
  for (const c of claims) {
    for (const o of c.orgs) {
      levels.add(`org:${o.id}`);
      for (const p of o.people) levels.add(`colleague:${p.id}`);
    }
    for (const t of c.targets) {
      levels.add(`target:${t.id}:${t.stance}`);
      for (const a of t.mentionedIn) levels.add(`mentioned-in:${a.id}`);
    }
    for (const s of c.sources) {
      levels.add(`source:${s.id}`);
      for (const e of s.mentions) levels.add(`mention:${e.id}`);
    }
  }
  return { claims: claims.map((c) => c.id), levels: sorted([...levels]) };
}
