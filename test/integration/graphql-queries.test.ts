import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config.ts';
import { collectArticleFiles } from '../../src/ingest/files.ts';
import {
  articleFileSchema,
  speakerOf,
  targetOf,
  type ArticleFile,
  type Entity,
  type Fact,
  type Speaker,
  type Target,
} from '../../src/ingest/format.ts';
import { EXAMPLES, operationOf } from '../../src/graphql/examples.ts';
import { retractArticle } from '../../src/ingest/importer.ts';
import {
  exportLines,
  followUpArticle,
  importDocument,
  parseLine,
  SEED_ARTICLE_ID,
} from '../support/articles.ts';
import {
  dataOf,
  errorOf,
  graphqlClient,
  loadSeed,
  type GraphQLErrorShape,
} from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

// Every Cypher statement sent through `counting` is counted (see the query-count test).
let statements = 0;
const neo4j = openTestNeo4j();
const counting = openTestNeo4j({
  onQuery: () => {
    statements++;
  },
});
const client = graphqlClient(neo4j.db);

beforeAll(async () => {
  await wipeTestGraph(neo4j.db);
  await loadSeed(neo4j.db);
});
afterAll(async () => {
  await counting.close();
  await neo4j.close();
});

// ---------------------------------------------------------------------------------------------
// What the graph holds: the seed files, read here so that expectations come from them.

const { files: seedFiles } = await collectArticleFiles([path.join(projectRoot, 'seed')]);
const seedDocs: ArticleFile[] = seedFiles.map((file) =>
  articleFileSchema.parse(parse(readFileSync(file, 'utf8'))),
);
const seedDoc = seedDocs.find((d) => d.article.id === SEED_ARTICLE_ID)!;
const seedText = seedDoc.article.text!;

const seedEntities = new Map<string, Entity>();
for (const doc of seedDocs) for (const entity of doc.entities) seedEntities.set(entity.id, entity);

interface SeedClaim {
  id: string;
  statement: string;
  stance: string;
  date: string | undefined;
  event: string | undefined;
  speakers: Speaker[];
  targets: Target[];
  articleId: string;
}
const seedClaims: SeedClaim[] = seedDocs.flatMap((doc) =>
  doc.claims.map((c) => ({
    id: c.id,
    statement: c.statement,
    stance: c.stance,
    date: c.date,
    event: c.event,
    speakers: c.speakers.map(speakerOf),
    targets: c.targets.map((t) => targetOf(t, c.stance)),
    articleId: doc.article.id,
  })),
);
const seedFacts: (Fact & { articleId: string })[] = seedDocs.flatMap((doc) =>
  doc.facts.map((f) => ({ ...f, articleId: doc.article.id })),
);

function nameOf(id: string): string {
  const entity = seedEntities.get(id);
  if (!entity) throw new Error(`The seed declares no entity "${id}"`);
  return entity.name;
}
const entitiesOfType = (type: Entity['type']) =>
  [...seedEntities.values()].filter((e) => e.type === type);
const sorted = (values: Iterable<string>) => [...values].sort();
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

interface PartialDateShape {
  value: string;
  precision: string;
  firstDay: string;
  lastDay: string;
}

/** What the API must answer for a date of the import format. */
function partialDate(value: string): PartialDateShape {
  const [year, month, day] = value.split('-');
  if (day) return { value, precision: 'DAY', firstDay: value, lastDay: value };
  if (month) {
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return {
      value,
      precision: 'MONTH',
      firstDay: `${year}-${month}-01`,
      lastDay: `${year}-${month}-${String(last).padStart(2, '0')}`,
    };
  }
  return { value, precision: 'YEAR', firstDay: `${year}-01-01`, lastDay: `${year}-12-31` };
}
const overlaps = (date: { firstDay: string; lastDay: string }, from: string, to: string) =>
  date.firstDay <= to && date.lastDay >= from;

const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------
// Shapes of the answers

interface Named {
  id: string;
  name: string;
}
interface SourceShape {
  quote: string | null;
  article: { id: string; title?: string };
}
interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: PageInfoShape;
  totalCount: number;
}

function expectNoInternals(error: GraphQLErrorShape) {
  const json = JSON.stringify(error);
  expect(json).not.toMatch(/\n\s*at\s/); // a stack trace's frames
  expect(json).not.toMatch(/\(?(file:\/\/)?\/[^\s"]+\.(ts|js|mjs|cjs):\d+(:\d+)?/);
  expect(json).not.toMatch(/node_modules|Neo4jError|Neo\.ClientError|Neo\.DatabaseError/);
  for (const key of ['stack', 'stacktrace', 'exception', 'originalError']) {
    expect(error.extensions ?? {}).not.toHaveProperty(key);
  }
}

function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const item of value) yield* objectsIn(item);
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    yield object;
    for (const item of Object.values(object)) yield* objectsIn(item);
  }
}

// ---------------------------------------------------------------------------------------------
// The acceptance operations, exactly as the issue gives them.

const SEARCH = `query Search { search(text: "Blue Pill", first: 5) { id name __typename } }`;
const WHO_DISMISSED = `query WhoDismissed($topic: ID!) {
  claims(where: { about: $topic, stance: DISMISSES }, first: 20) {
    edges { cursor node { id statement stance speakers { id name } sources { quote article { id title } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const STANCES = `query Stances($topic: ID!) { stanceSummary(topic: $topic) { stance count } }`;
const ROLE_AS_OF = `query RoleAsOf($person: ID!) {
  node(id: $person) { ... on Person { name roles(asOf: "2008-03-11") { title organization { id name } } } }
}`;
const PATH = `query Path($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 4) { length nodes { id } hops { relation sources { article { id } } } }
}`;
const ARTICLE_ASSERTS = `query ArticleAsserts($id: ID!) { node(id: $id) { ... on Article { title claims { id statement } } } }`;

describe('the acceptance operations', () => {
  it('Search: "Blue Pill" finds the topic first', async () => {
    const { search } = dataOf(
      await client.query<{ search: { id: string; name: string; __typename: string }[] }>(SEARCH),
    );
    expect(search.length).toBeGreaterThan(0);
    expect(search.length).toBeLessThanOrEqual(5);
    expect(search[0]).toEqual({ id: 'blue-pill', name: nameOf('blue-pill'), __typename: 'Topic' });
  });

  it('WhoDismissed: exactly Simon Crosby, Nand Mulchandani and Peter Christy, each with the article and quote', async () => {
    interface Answer {
      claims: {
        edges: {
          cursor: string;
          node: {
            id: string;
            statement: string;
            stance: string;
            speakers: Named[];
            sources: SourceShape[];
          };
        }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }
    const { claims } = dataOf(await client.query<Answer>(WHO_DISMISSED, { topic: 'blue-pill' }));
    const nodes = claims.edges.map((e) => e.node);

    const speakers = new Set(nodes.flatMap((c) => c.speakers.map((s) => s.name)));
    expect(sorted(speakers)).toEqual(['Nand Mulchandani', 'Peter Christy', 'Simon Crosby']);

    const expected = seedClaims.filter((c) =>
      c.targets.some((t) => t.id === 'blue-pill' && t.stance === 'DISMISSES'),
    );
    expect(sorted(nodes.map((c) => c.id))).toEqual(sorted(expected.map((c) => c.id)));
    expect(sorted(new Set(expected.flatMap((c) => c.speakers.map((s) => nameOf(s.id)))))).toEqual(
      sorted(speakers),
    );

    for (const claim of nodes) {
      expect(claim.stance).toBe('DISMISSES');
      expect(claim.statement).toBe(seedClaims.find((c) => c.id === claim.id)?.statement);
      const fromSeed = claim.sources.filter((s) => s.article.id === SEED_ARTICLE_ID);
      expect(fromSeed.length).toBeGreaterThan(0);
      for (const source of fromSeed) {
        expect(source.article.title).toBe(seedDoc.article.title);
        expect(source.quote?.trim()).toBeTruthy();
        expect(squash(seedText)).toContain(squash(source.quote ?? ''));
      }
    }
    for (const edge of claims.edges) expect(edge.cursor).toBeTruthy();
    expect(claims.pageInfo.hasNextPage).toBe(false);
    expect(claims.pageInfo.endCursor).toBe(claims.edges.at(-1)?.cursor);
  });

  it('Stances: counts per stance, largest first, adding up to the claims about the topic', async () => {
    const { stanceSummary } = dataOf(
      await client.query<{ stanceSummary: { stance: string; count: number }[] }>(STANCES, {
        topic: 'blue-pill',
      }),
    );
    const counts = new Map<string, number>();
    for (const claim of seedClaims) {
      for (const target of claim.targets.filter((t) => t.id === 'blue-pill')) {
        counts.set(target.stance, (counts.get(target.stance) ?? 0) + 1);
      }
    }
    const expected = [...counts]
      .map(([stance, count]) => ({ stance, count }))
      .sort((a, b) => b.count - a.count || codePointOrder(a.stance, b.stance));
    expect(stanceSummary).toEqual(expected);
    expect(stanceSummary[0]?.stance).toBe('DISMISSES');
    for (let i = 1; i < stanceSummary.length; i++) {
      expect(stanceSummary[i]!.count).toBeLessThanOrEqual(stanceSummary[i - 1]!.count);
    }

    const { claims } = dataOf(
      await client.query<{ claims: Connection<{ id: string }> }>(
        `query { claims(where: { about: "blue-pill" }, first: 100) { totalCount edges { node { id } } } }`,
      ),
    );
    const total = stanceSummary.reduce((sum, s) => sum + s.count, 0);
    expect(claims.totalCount).toBe(total);
    expect(claims.edges).toHaveLength(total);
    for (const { stance, count } of stanceSummary) {
      const byStance = dataOf(
        await client.query<{ claims: { totalCount: number } }>(
          `query ($stance: Stance!) { claims(where: { about: "blue-pill", stance: $stance }, first: 100) { totalCount } }`,
          { stance },
        ),
      );
      expect(byStance.claims.totalCount).toBe(count);
    }
  });

  it("RoleAsOf: Crosby's role as of 2008-03-11 is CTO of XenSource", async () => {
    const { node } = dataOf(
      await client.query<{
        node: {
          name: string;
          roles: { title: string | null; organization: Named }[];
        } | null;
      }>(ROLE_AS_OF, { person: 'simon-crosby' }),
    );
    expect(node?.name).toBe('Simon Crosby');
    expect(node?.roles).toContainEqual({
      title: 'CTO',
      organization: { id: 'xensource', name: nameOf('xensource') },
    });
    // Bromium was founded in 2011: that role did not hold on 2008-03-11.
    expect(node?.roles.map((r) => r.organization.id)).not.toContain('bromium');
  });

  it('Path: Joanna Rutkowska is linked to Citrix, every hop sourced', async () => {
    interface Answer {
      paths: {
        length: number;
        nodes: { id: string }[];
        hops: { relation: string; sources: { article: { id: string } }[] }[];
      }[];
    }
    const { paths } = dataOf(
      await client.query<Answer>(PATH, { from: 'joanna-rutkowska', to: 'citrix' }),
    );
    expect(paths.length).toBeGreaterThan(0);
    const articleIds = new Set(seedDocs.map((d) => d.article.id));
    for (const p of paths) {
      expect(p.nodes[0]?.id).toBe('joanna-rutkowska');
      expect(p.nodes.at(-1)?.id).toBe('citrix');
      expect(p.length).toBe(p.hops.length);
      expect(p.nodes).toHaveLength(p.length + 1);
      expect(p.length).toBeGreaterThan(0);
      expect(p.length).toBeLessThanOrEqual(4);
      // All paths returned are shortest ones, so they have one length.
      expect(p.length).toBe(paths[0]!.length);
      for (const hop of p.hops) {
        expect(hop.sources.length).toBeGreaterThan(0);
        for (const source of hop.sources) expect(articleIds).toContain(source.article.id);
      }
      // Articles are not stepping stones.
      for (const node of p.nodes) expect(articleIds).not.toContain(node.id);
    }
  });

  it('ArticleAsserts: the claims of the seed article, exactly', async () => {
    const { node } = dataOf(
      await client.query<{
        node: { title: string; claims: { id: string; statement: string }[] } | null;
      }>(ARTICLE_ASSERTS, { id: SEED_ARTICLE_ID }),
    );
    expect(node?.title).toBe(seedDoc.article.title);
    expect(sorted(node?.claims.map((c) => c.id) ?? [])).toEqual(
      sorted(seedDoc.claims.map((c) => c.id)),
    );
    expect(new Set(node?.claims.map((c) => c.id)).size).toBe(seedDoc.claims.length);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the other questions of the product brief', () => {
  it('2: who took part in the N-Square dinner, in what role, for whom', async () => {
    interface Answer {
      event: {
        name: string;
        participants: {
          participant: Named & { __typename: string };
          event: { id: string };
          role: string | null;
          representing: Named | null;
          sources: SourceShape[];
        }[];
      } | null;
    }
    const { event } = dataOf(
      await client.query<Answer>(`query {
        event(id: "n-square-dinner-2008") {
          name
          participants {
            participant { __typename id name }
            event { id }
            role
            representing { id name }
            sources { quote article { id } }
          }
        }
      }`),
    );
    expect(event?.name).toBe(nameOf('n-square-dinner-2008'));
    const expected = seedFacts
      .filter((f) => f.type === 'PARTICIPATED_IN' && f.to === 'n-square-dinner-2008')
      .map((f) => ({
        id: f.from,
        name: nameOf(f.from),
        role: f.type === 'PARTICIPATED_IN' ? (f.role ?? null) : null,
        representing:
          f.type === 'PARTICIPATED_IN' && f.representing
            ? { id: f.representing, name: nameOf(f.representing) }
            : null,
      }))
      .sort((a, b) => codePointOrder(a.id, b.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(
      event?.participants.map((p) => ({
        id: p.participant.id,
        name: p.participant.name,
        role: p.role,
        representing: p.representing,
      })),
    ).toEqual(expected);
    for (const p of event?.participants ?? []) {
      expect(p.event.id).toBe('n-square-dinner-2008');
      expect(p.participant.__typename).toBe('Person');
      expect(p.sources.map((s) => s.article.id)).toContain(SEED_ARTICLE_ID);
    }
  });

  it('3: what VMware people claimed, about what, and where', async () => {
    interface ClaimNode {
      id: string;
      speakers: { id: string }[];
      attributions: { speaker: { id: string }; role: string | null; organization: Named | null }[];
      targets: { stance: string; entity: Named }[];
      event: Named | null;
    }
    const { claims } = dataOf(
      await client.query<{ claims: Connection<ClaimNode> }>(`query {
        claims(where: { organization: "vmware" }, first: 100) {
          totalCount
          edges { node {
            id
            speakers { id }
            attributions { speaker { id } role organization { id name } }
            targets { stance entity { id name } }
            event { id name }
          } }
        }
      }`),
    );
    const expected = seedClaims.filter((c) =>
      c.speakers.some((s) => s.id === 'vmware' || s.organization === 'vmware'),
    );
    expect(expected.length).toBeGreaterThan(1);
    const nodes = claims.edges.map((e) => e.node);
    expect(sorted(nodes.map((c) => c.id))).toEqual(sorted(expected.map((c) => c.id)));
    expect(claims.totalCount).toBe(expected.length);
    for (const node of nodes) {
      const seed = expected.find((c) => c.id === node.id)!;
      expect(sorted(node.targets.map((t) => t.entity.id))).toEqual(
        sorted(seed.targets.map((t) => t.id)),
      );
      for (const t of node.targets) expect(t.entity.name).toBe(nameOf(t.entity.id));
      expect(node.event?.id ?? null).toBe(seed.event ?? null);
      if (seed.event) expect(node.event?.name).toBe(nameOf(seed.event));
      const forVmware =
        node.speakers.some((s) => s.id === 'vmware') ||
        node.attributions.some((a) => a.organization?.id === 'vmware');
      expect(forVmware).toBe(true);
    }
  });

  it('5: claims that disagree on one target (Blue Pill: asserted and dismissed)', async () => {
    interface ClaimAboutShape {
      stance: string;
      claim: { id: string; date: { firstDay: string } | null; speakers: Named[] };
    }
    const { topic } = dataOf(
      await client.query<{
        topic: {
          claimsAbout: ClaimAboutShape[];
          asserted: ClaimAboutShape[];
          stanceSummary: { stance: string; count: number; claims: { id: string }[] }[];
        } | null;
      }>(`query {
        topic(id: "blue-pill") {
          claimsAbout { stance claim { id date { firstDay } speakers { id name } } }
          asserted: claimsAbout(stance: ASSERTS) { stance claim { id date { firstDay } speakers { id name } } }
          stanceSummary { stance count claims { id } }
        }
      }`),
    );
    const expected = seedClaims.flatMap((c) =>
      c.targets.filter((t) => t.id === 'blue-pill').map((t) => `${c.id}:${t.stance}`),
    );
    expect(sorted(topic?.claimsAbout.map((a) => `${a.claim.id}:${a.stance}`) ?? [])).toEqual(
      sorted(expected),
    );
    const stances = new Set(topic?.claimsAbout.map((a) => a.stance));
    expect(stances).toContain('DISMISSES');
    expect(stances).toContain('ASSERTS');
    // Oldest first: Rutkowska's 2006 claim comes before the 2008 dismissals.
    const days = topic?.claimsAbout.map((a) => a.claim.date?.firstDay ?? '9999') ?? [];
    expect(days).toEqual([...days].sort());
    expect(topic?.claimsAbout[0]?.claim.id).toBe('rutkowska-blue-pill-undetectable');
    expect(topic?.asserted.map((a) => a.claim.id)).toEqual(['rutkowska-blue-pill-undetectable']);
    expect(topic?.asserted[0]?.claim.speakers.map((s) => s.id)).toEqual(['joanna-rutkowska']);

    for (const group of topic?.stanceSummary ?? []) {
      expect(group.claims).toHaveLength(group.count);
      expect(sorted(group.claims.map((c) => c.id))).toEqual(
        sorted(
          seedClaims
            .filter((c) => c.targets.some((t) => t.id === 'blue-pill' && t.stance === group.stance))
            .map((c) => c.id),
        ),
      );
    }
  });

  it('8: what happened around Citrix, in date order', async () => {
    interface Entry {
      date: PartialDateShape;
      kind: string;
      summary: string;
      node: { id: string } | null;
      relation: {
        type: string;
        from: { id: string };
        to: { id: string };
        date: { value: string } | null;
      } | null;
      sources: { article: { id: string } }[];
    }
    const query = `query ($from: LocalDate, $to: LocalDate) {
      timeline(id: "citrix", from: $from, to: $to) {
        date { value precision firstDay lastDay }
        kind
        summary
        node { id }
        relation { type from { id } to { id } date { value } }
        sources { article { id } }
      }
    }`;
    const { timeline } = dataOf(await client.query<{ timeline: Entry[] | null }>(query));
    expect(timeline?.length).toBeGreaterThan(0);
    const entries = timeline ?? [];
    const days = entries.map((e) => e.date.firstDay);
    expect(days).toEqual([...days].sort());
    for (const entry of entries) {
      expect(entry.summary.trim()).not.toBe('');
      expect(entry.sources.length).toBeGreaterThan(0);
    }

    const acquired = seedFacts.find(
      (f) => f.type === 'ACQUIRED' && f.from === 'citrix' && f.to === 'xensource',
    );
    expect(acquired).toBeDefined(); // the background files state it
    const acquiredDate = acquired?.type === 'ACQUIRED' ? acquired.date : undefined;
    expect(entries).toContainEqual(
      expect.objectContaining({
        kind: 'FACT',
        date: partialDate(acquiredDate!),
        relation: expect.objectContaining({
          type: 'ACQUIRED',
          from: { id: 'citrix' },
          to: { id: 'xensource' },
        }),
      }),
    );
    // Claims Citrix made or that were made about it.
    const citrixClaims = seedClaims.filter(
      (c) =>
        c.date !== undefined &&
        (c.speakers.some((s) => s.id === 'citrix') || c.targets.some((t) => t.id === 'citrix')),
    );
    expect(citrixClaims.length).toBeGreaterThan(0);
    const claimEntries = entries.filter((e) => e.kind === 'CLAIM').map((e) => e.node?.id);
    expect(claimEntries).toEqual(expect.arrayContaining(citrixClaims.map((c) => c.id)));
    // The event it hosted, and the role that ended there (Crosby left in 2011).
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'EVENT', node: { id: 'citrix-iforum-2007' } }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'ROLE_ENDED', date: partialDate('2011-06-22') }),
    );

    // `first` keeps the earliest entries; reading on from the last one's date gives the rest.
    const firstTwo = `{ timeline(id: "citrix", first: 2) { date { firstDay } kind node { id } } }`;
    const head = dataOf(await client.query<{ timeline: Entry[] | null }>(firstTwo)).timeline;
    expect(head).toEqual(
      entries
        .slice(0, 2)
        .map((e) => ({ date: { firstDay: e.date.firstDay }, kind: e.kind, node: e.node })),
    );
    const tooMany = await client.query(`{ timeline(id: "citrix", first: 501) { kind } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const in2008 = dataOf(
      await client.query<{ timeline: Entry[] | null }>(query, {
        from: '2008-01-01',
        to: '2008-12-31',
      }),
    ).timeline;
    expect(in2008?.length).toBeGreaterThan(0);
    for (const entry of in2008 ?? []) {
      expect(overlaps(entry.date, '2008-01-01', '2008-12-31')).toBe(true);
    }
    expect(in2008?.map((e) => e.node?.id)).toContain(
      'vmware-and-citrix-promote-virtualization-adoption',
    );
    expect(in2008?.map((e) => e.relation?.type)).not.toContain('ACQUIRED');
  });

  it("9: which organizations' people appeared at the same events", async () => {
    const { events } = dataOf(
      await client.query<{
        events: Connection<{
          id: string;
          participants: { participant: { id: string }; representing: Named | null }[];
        }>;
      }>(`query {
        events(first: 100) {
          edges { node { id participants { participant { id } representing { id name } } } }
        }
      }`),
    );
    const answered = new Map(
      events.edges.map(({ node }) => [
        node.id,
        sorted(
          new Set(node.participants.flatMap((p) => (p.representing ? [p.representing.id] : []))),
        ),
      ]),
    );
    const expected = new Map<string, Set<string>>();
    for (const event of entitiesOfType('Event')) expected.set(event.id, new Set());
    for (const f of seedFacts) {
      if (f.type === 'PARTICIPATED_IN' && f.representing) expected.get(f.to)?.add(f.representing);
    }
    expect(sorted(answered.keys())).toEqual(sorted(expected.keys()));
    for (const [id, orgs] of expected) expect(answered.get(id)).toEqual(sorted(orgs));
    expect(answered.get('n-square-dinner-2008')).toEqual([
      'internet-research-group',
      'vmware',
      'xensource',
    ]);
  });

  it('10: what the seed article asserts, every fact and claim', async () => {
    interface Answer {
      article: {
        title: string;
        claims: { id: string }[];
        facts: {
          type: string;
          from: { id: string };
          to: { id: string };
          role: string | null;
          sources: SourceShape[];
        }[];
        mentions: { id: string }[];
      } | null;
    }
    const { article } = dataOf(
      await client.query<Answer>(
        `query ($id: ID!) {
          article(id: $id) {
            title
            claims { id }
            facts { type from { id } to { id } role sources { quote article { id } } }
            mentions { id }
          }
        }`,
        { id: SEED_ARTICLE_ID },
      ),
    );
    expect(article?.title).toBe(seedDoc.article.title);
    expect(sorted(article?.claims.map((c) => c.id) ?? [])).toEqual(
      sorted(seedDoc.claims.map((c) => c.id)),
    );
    const key = (type: string, from: string, to: string) => `${type} ${from} -> ${to}`;
    expect(article?.facts).toHaveLength(seedDoc.facts.length);
    expect(sorted(article?.facts.map((f) => key(f.type, f.from.id, f.to.id)) ?? [])).toEqual(
      sorted(seedDoc.facts.map((f) => key(f.type, f.from, f.to))),
    );
    expect(article?.facts).toContainEqual(
      expect.objectContaining({
        type: 'HOSTED',
        from: { id: 'internet-research-group' },
        to: { id: 'n-square-dinner-2008' },
      }),
    );
    for (const fact of article?.facts ?? []) {
      expect(fact.sources.map((s) => s.article.id)).toContain(SEED_ARTICLE_ID);
    }
    expect(article?.mentions.map((m) => m.id)).toEqual(
      expect.arrayContaining(seedDoc.entities.map((e) => e.id)),
    );
  });

  it('every GraphiQL example tab runs on the seed and answers data', async () => {
    for (const example of EXAMPLES) {
      const result = await client.query(operationOf(example), example.variables);
      expect(result.errors, example.name).toBeUndefined();
      expect(
        Object.values(result.data ?? {}).every((v) => v !== null),
        example.name,
      ).toBe(true);
    }
  });

  it('11: what rests on a single source, checked against the export', async () => {
    interface Answer {
      singleSourced: {
        facts: { type: string; from: { id: string }; to: { id: string }; sources: SourceShape[] }[];
        claims: { id: string; sources: SourceShape[] }[];
      };
    }
    const ask = async (article?: string) =>
      dataOf(
        await client.query<Answer>(
          `query ($article: ID) {
            singleSourced(article: $article, first: 500) {
              facts { type from { id } to { id } sources { article { id } } }
              claims { id sources { article { id } } }
            }
          }`,
          { article },
        ),
      ).singleSourced;

    // The oracle: the relationships of the export with exactly one source.
    const lines = (await exportLines(neo4j.db)).map(parseLine);
    const oneSource = lines.filter(
      (l) => l.kind === 'relationship' && l.properties.sources?.length === 1,
    );
    const reports = new Map<string, string[]>();
    for (const l of lines.filter((l) => l.type === 'REPORTED_IN')) {
      reports.set(l.from!, [...(reports.get(l.from!) ?? []), l.to!]);
    }
    const oneReport = [...reports].filter(([, articles]) => articles.length === 1);

    const all = await ask();
    expect(all.facts.length).toBeGreaterThan(0);
    expect(all.facts).toHaveLength(oneSource.length);
    expect(sorted(all.claims.map((c) => c.id))).toEqual(sorted(oneReport.map(([id]) => id)));
    for (const item of [...all.facts, ...all.claims]) expect(item.sources).toHaveLength(1);

    const ofSeed = await ask(SEED_ARTICLE_ID);
    expect(ofSeed.facts.length).toBeGreaterThan(0);
    expect(ofSeed.facts.length).toBeLessThan(all.facts.length);
    for (const item of [...ofSeed.facts, ...ofSeed.claims]) {
      expect(item.sources.map((s) => s.article.id)).toEqual([SEED_ARTICLE_ID]);
    }
    expect((await ask('no-such-article')).facts).toEqual([]);
  });

  it('12: search "xen" finds XenSource, XenServer and the people tied to them; "Crosby" finds Simon Crosby', async () => {
    const search = async (text: string, directOnly = false) =>
      dataOf(
        await client.query<{ search: { id: string; __typename: string }[] }>(
          `query ($text: String!, $directOnly: Boolean) {
            search(text: $text, directOnly: $directOnly, first: 50) { id __typename }
          }`,
          { text, directOnly },
        ),
      ).search.map((e) => e.id);

    const xen = await search('xen');
    expect(xen).toEqual(expect.arrayContaining(['xensource', 'xenserver', 'simon-crosby']));
    expect(new Set(xen).size).toBe(xen.length);
    // Direct matches first, then their neighbourhood.
    expect(xen.indexOf('xensource')).toBeLessThan(xen.indexOf('simon-crosby'));
    expect(xen.indexOf('xenserver')).toBeLessThan(xen.indexOf('simon-crosby'));
    // Nothing two or more facts away from a match.
    expect(xen).not.toContain('mings-restaurant');
    expect(xen).not.toContain('las-vegas');

    const direct = await search('xen', true);
    expect(direct).toEqual(expect.arrayContaining(['xensource', 'xenserver']));
    expect(direct).not.toContain('simon-crosby');

    const crosby = await search('Crosby');
    expect(crosby[0]).toBe('simon-crosby');

    const topics = dataOf(
      await client.query<{ search: { id: string; __typename: string }[] }>(
        `query { search(text: "xen", types: [Topic], first: 50) { id __typename } }`,
      ),
    ).search;
    expect(topics.map((t) => t.id)).toContain('xenserver');
    for (const hit of topics) expect(hit.__typename).toBe('Topic');
  });
});

// ---------------------------------------------------------------------------------------------

describe('lookups by id', () => {
  it('an unknown id is null, and so is an id of another type', async () => {
    const data = dataOf(
      await client.query<Record<string, unknown>>(`query {
        unknown: node(id: "no-such-id") { id }
        personIsOrg: person(id: "citrix") { id }
        orgIsPerson: organization(id: "simon-crosby") { id }
        eventIsTopic: event(id: "blue-pill") { id }
        placeIsEvent: place(id: "n-square-dinner-2008") { id }
        topicIsPlace: topic(id: "palo-alto") { id }
        articleIsClaim: article(id: "crosby-dismisses-blue-pill") { id }
        claimIsArticle: claim(id: "${SEED_ARTICLE_ID}") { id }
        unknownTimeline: timeline(id: "no-such-id") { kind }
        unknownStances: stanceSummary(topic: "no-such-id") { count }
        unknownPerson: person(id: "no-such-id") { id }
      }`),
    );
    expect(data).toEqual({
      unknown: null,
      personIsOrg: null,
      orgIsPerson: null,
      eventIsTopic: null,
      placeIsEvent: null,
      topicIsPlace: null,
      articleIsClaim: null,
      claimIsArticle: null,
      unknownTimeline: null,
      unknownStances: null,
      unknownPerson: null,
    });
  });

  it('typed lookups and node(id) answer known ids with their type', async () => {
    const data = dataOf(
      await client.query<Record<string, unknown>>(`query {
        node(id: "simon-crosby") { __typename id ... on Person { name } }
        person(id: "simon-crosby") { id name aliases description }
        organization(id: "citrix") { id name aliases kind }
        claim(id: "crosby-dismisses-blue-pill") { id stance }
        article(id: "${SEED_ARTICLE_ID}") { id title }
      }`),
    );
    const crosby = seedEntities.get('simon-crosby')!;
    const citrix = seedEntities.get('citrix')!;
    expect(data).toEqual({
      node: { __typename: 'Person', id: 'simon-crosby', name: crosby.name },
      person: {
        id: 'simon-crosby',
        name: crosby.name,
        aliases: sorted(crosby.aliases ?? []),
        description: crosby.description ?? null,
      },
      organization: {
        id: 'citrix',
        name: citrix.name,
        aliases: sorted(citrix.aliases ?? []),
        kind: citrix.type === 'Organization' ? (citrix.kind ?? null) : null,
      },
      claim: { id: 'crosby-dismisses-blue-pill', stance: 'DISMISSES' },
      article: { id: SEED_ARTICLE_ID, title: seedDoc.article.title },
    });
  });

  it('nodes(ids) keeps the order asked, with null for unknown ids', async () => {
    const { nodes } = dataOf(
      await client.query<{ nodes: ({ __typename: string; id: string } | null)[] }>(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
        {
          ids: [
            'citrix',
            'no-such-id',
            'simon-crosby',
            'crosby-dismisses-blue-pill',
            SEED_ARTICLE_ID,
            'another-unknown-id',
            'blue-pill',
          ],
        },
      ),
    );
    expect(nodes).toEqual([
      { __typename: 'Organization', id: 'citrix' },
      null,
      { __typename: 'Person', id: 'simon-crosby' },
      { __typename: 'Claim', id: 'crosby-dismisses-blue-pill' },
      { __typename: 'Article', id: SEED_ARTICLE_ID },
      null,
      { __typename: 'Topic', id: 'blue-pill' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('invalid arguments', () => {
  const invalid: [string, string][] = [
    ['claims(first: 0)', `{ claims(first: 0) { edges { cursor } } }`],
    ['claims(first: 1000)', `{ claims(first: 1000) { edges { cursor } } }`],
    ['people(first: 0)', `{ people(first: 0) { edges { cursor } } }`],
    ['organizations(first: 101)', `{ organizations(first: 101) { edges { cursor } } }`],
    ['search(first: 0)', `{ search(text: "xen", first: 0) { id } }`],
    [
      'paths(maxHops: 0)',
      `{ paths(from: "joanna-rutkowska", to: "citrix", maxHops: 0) { length } }`,
    ],
    [
      'paths(maxHops: 9)',
      `{ paths(from: "joanna-rutkowska", to: "citrix", maxHops: 9) { length } }`,
    ],
    ['paths(limit: 0)', `{ paths(from: "joanna-rutkowska", to: "citrix", limit: 0) { length } }`],
    ['neighborhood(depth: 5)', `{ neighborhood(id: "simon-crosby", depth: 5) { truncated } }`],
    ['neighborhood(depth: 0)', `{ neighborhood(id: "simon-crosby", depth: 0) { truncated } }`],
    ['neighborhood(limit: 0)', `{ neighborhood(id: "simon-crosby", limit: 0) { truncated } }`],
    [
      'claims(after: "not-a-cursor")',
      `{ claims(first: 2, after: "not-a-cursor") { edges { cursor } } }`,
    ],
    [
      'people(after: "not-a-cursor")',
      `{ people(first: 2, after: "not-a-cursor") { edges { cursor } } }`,
    ],
    [
      'organizations(after: "not-a-cursor")',
      `{ organizations(first: 2, after: "not-a-cursor") { edges { cursor } } }`,
    ],
    [
      'roles(asOf: "2008-02-30")',
      `{ person(id: "simon-crosby") { roles(asOf: "2008-02-30") { title } } }`,
    ],
  ];

  it.each(invalid)('%s answers BAD_USER_INPUT without internals', async (_name, query) => {
    const result = await client.query(query);
    const error = errorOf(result, 'BAD_USER_INPUT');
    expect(error.message.trim()).not.toBe('');
    expectNoInternals(error);
  });

  it('a bad date in a variable answers BAD_USER_INPUT too', async () => {
    const result = await client.query(
      `query ($day: LocalDate) { person(id: "simon-crosby") { roles(asOf: $day) { title } } }`,
      { day: '2008-02-30' },
    );
    expectNoInternals(errorOf(result, 'BAD_USER_INPUT'));
  });

  it('an unknown stance is a validation error, with no data for the field', async () => {
    for (const stance of ['LOVES', '"LOVES"']) {
      const result = await client.query<{ claims?: unknown }>(
        `{ claims(where: { stance: ${stance} }) { totalCount } }`,
      );
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(result.data?.claims ?? null).toBeNull();
      for (const error of result.errors ?? []) expectNoInternals(error);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('filters and sorts', () => {
  const ids = <N extends { id: string }>(c: Connection<N>) => c.edges.map((e) => e.node.id);

  it('people(where: { name: { startsWith: "S" } }) answers only names starting with S', async () => {
    const { people } = dataOf(
      await client.query<{ people: Connection<Named> }>(
        `query { people(where: { name: { startsWith: "S" } }, first: 100) { totalCount edges { node { id name } } } }`,
      ),
    );
    const names = people.edges.map((e) => e.node.name);
    const expected = entitiesOfType('Person')
      .map((p) => p.name)
      .filter((n) => n.startsWith('S'));
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(names)).toEqual(sorted(expected));
    for (const name of names) expect(name.startsWith('S')).toBe(true);
    expect(people.totalCount).toBe(expected.length);
  });

  it('string filters: eq, in, contains, and nameOrAlias', async () => {
    const data = dataOf(
      await client.query<Record<string, Connection<Named>>>(`query {
        contains: people(where: { name: { contains: "an" } }, first: 100) { edges { node { id name } } }
        eq: organizations(where: { name: { eq: "VMware" } }, first: 100) { edges { node { id name } } }
        in: organizations(where: { id: { in: ["ibm", "intel", "no-such-id"] } }, first: 100) { edges { node { id name } } }
        alias: organizations(where: { nameOrAlias: { eq: "IRG" } }, first: 100) { edges { node { id name } } }
        kind: organizations(where: { kind: { eq: "company" } }, first: 100) { edges { node { id name } } }
      }`),
    );
    const people = entitiesOfType('Person');
    const orgs = entitiesOfType('Organization');
    expect(sorted(ids(data.contains!))).toEqual(
      sorted(people.filter((p) => p.name.includes('an')).map((p) => p.id)),
    );
    expect(ids(data.eq!)).toEqual(['vmware']);
    expect(sorted(ids(data.in!))).toEqual(['ibm', 'intel']);
    expect(ids(data.alias!)).toEqual(['internet-research-group']);
    expect(sorted(ids(data.kind!))).toEqual(
      sorted(
        orgs.filter((o) => o.type === 'Organization' && o.kind === 'company').map((o) => o.id),
      ),
    );
  });

  it('OR, AND and NOT in EntityWhere', async () => {
    const data = dataOf(
      await client.query<Record<string, Connection<Named>>>(`query {
        or: organizations(where: { OR: [{ id: { eq: "vmware" } }, { name: { eq: "Citrix" } }] }, first: 100) { edges { node { id name } } }
        not: organizations(where: { NOT: { kind: { eq: "company" } } }, first: 100) { edges { node { id name } } }
        and: people(where: { AND: [{ name: { startsWith: "S" } }, { NOT: { id: { eq: "simon-crosby" } } }] }, first: 100) { edges { node { id name } } }
        orNot: people(where: { OR: [{ name: { startsWith: "S" } }, { NOT: { name: { contains: "a" } } }] }, first: 100) { edges { node { id name } } }
      }`),
    );
    const people = entitiesOfType('Person');
    const orgs = entitiesOfType('Organization');
    expect(ids(data.or!)).toEqual(['citrix', 'vmware']); // by name: Citrix, VMware
    const notCompanies = orgs
      .filter((o) => o.type === 'Organization' && o.kind !== 'company')
      .map((o) => o.id);
    expect(notCompanies.length).toBeGreaterThan(0);
    expect(sorted(ids(data.not!))).toEqual(sorted(notCompanies));
    expect(ids(data.and!)).toEqual(
      people.filter((p) => p.name.startsWith('S') && p.id !== 'simon-crosby').map((p) => p.id),
    );
    expect(sorted(ids(data.orNot!))).toEqual(
      sorted(
        people.filter((p) => p.name.startsWith('S') || !p.name.includes('a')).map((p) => p.id),
      ),
    );
  });

  it('organizations(orderBy: NAME) is sorted by name, orderBy: ID by id', async () => {
    const data = dataOf(
      await client.query<Record<string, Connection<Named>>>(`query {
        byName: organizations(orderBy: NAME, first: 100) { edges { node { id name } } }
        byId: organizations(orderBy: ID, first: 100) { edges { node { id name } } }
        byDefault: organizations(first: 100) { edges { node { id name } } }
      }`),
    );
    const names = data.byName!.edges.map((e) => e.node.name);
    expect(names).toEqual([...names].sort(codePointOrder));
    expect(sorted(ids(data.byName!))).toEqual(
      sorted(entitiesOfType('Organization').map((o) => o.id)),
    );
    expect(ids(data.byId!)).toEqual([...ids(data.byId!)].sort(codePointOrder));
    expect(ids(data.byDefault!)).toEqual(ids(data.byName!)); // NAME is the default
  });

  it('events(orderBy: START_DATE) is in date order, START_DATE_DESC the other way', async () => {
    interface EventNode {
      id: string;
      startDate: PartialDateShape | null;
    }
    const data = dataOf(
      await client.query<Record<string, Connection<EventNode>>>(`query {
        asc: events(orderBy: START_DATE, first: 100) { edges { node { id startDate { value precision firstDay lastDay } } } }
        desc: events(orderBy: START_DATE_DESC, first: 100) { edges { node { id startDate { value precision firstDay lastDay } } } }
        byDefault: events(first: 100) { edges { node { id startDate { value precision firstDay lastDay } } } }
        in2008: events(where: { date: { from: "2008-01-01", to: "2008-12-31" } }, first: 100) { edges { node { id startDate { value precision firstDay lastDay } } } }
      }`),
    );
    const seedEvents = entitiesOfType('Event').map((e) => ({
      id: e.id,
      day: e.type === 'Event' ? partialDate(e.startDate).firstDay : '9999-12-31',
    }));
    const expectedAsc = [...seedEvents]
      .sort((a, b) => codePointOrder(a.day, b.day) || codePointOrder(a.id, b.id))
      .map((e) => e.id);
    expect(ids(data.asc!)).toEqual(expectedAsc);
    expect(ids(data.byDefault!)).toEqual(expectedAsc);
    const days = data.asc!.edges.map((e) => e.node.startDate?.firstDay ?? '9999-12-31');
    expect(days).toEqual([...days].sort());
    const descDays = data.desc!.edges.map((e) => e.node.startDate?.firstDay ?? '');
    expect(descDays).toEqual([...descDays].sort().reverse());
    expect(sorted(ids(data.in2008!))).toEqual(
      sorted(
        entitiesOfType('Event')
          .filter(
            (e) =>
              e.type === 'Event' && overlaps(partialDate(e.startDate), '2008-01-01', '2008-12-31'),
          )
          .map((e) => e.id),
      ),
    );
  });

  interface ClaimNode {
    id: string;
    date: PartialDateShape | null;
    speakers: { id: string }[];
    event: { id: string } | null;
    sources: { article: { id: string } }[];
  }
  const claimsQuery = (where: string, orderBy = 'DATE') =>
    client.query<{ claims: Connection<ClaimNode> }>(`query {
      claims(where: ${where}, orderBy: ${orderBy}, first: 100) {
        totalCount
        edges { node { id date { value precision firstDay lastDay } speakers { id } event { id } sources { article { id } } } }
      }
    }`);

  it('claims(where: { speaker }) are all made by that speaker', async () => {
    const { claims } = dataOf(await claimsQuery(`{ speaker: "simon-crosby" }`));
    const expected = seedClaims.filter((c) => c.speakers.some((s) => s.id === 'simon-crosby'));
    expect(sorted(ids(claims))).toEqual(sorted(expected.map((c) => c.id)));
    for (const { node } of claims.edges) {
      expect(node.speakers.map((s) => s.id)).toContain('simon-crosby');
    }
    expect(claims.totalCount).toBe(expected.length);
  });

  it('claims(where: { date }) all overlap the range', async () => {
    const { claims } = dataOf(
      await claimsQuery(`{ date: { from: "2008-03-01", to: "2008-03-31" } }`),
    );
    const expected = seedClaims.filter(
      (c) => c.date !== undefined && overlaps(partialDate(c.date), '2008-03-01', '2008-03-31'),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(ids(claims))).toEqual(sorted(expected.map((c) => c.id)));
    for (const { node } of claims.edges) {
      expect(node.date).not.toBeNull();
      expect(overlaps(node.date!, '2008-03-01', '2008-03-31')).toBe(true);
    }
  });

  it('claims(where: { event }), { reportedIn } and { about, stanceIn }', async () => {
    const atDinner = dataOf(await claimsQuery(`{ event: "n-square-dinner-2008" }`)).claims;
    const expected = seedClaims.filter((c) => c.event === 'n-square-dinner-2008');
    expect(sorted(ids(atDinner))).toEqual(sorted(expected.map((c) => c.id)));
    for (const { node } of atDinner.edges) expect(node.event?.id).toBe('n-square-dinner-2008');

    const serverwatch = 'article-serverwatch-citrix-to-acquire-xensource-2007';
    const reported = dataOf(await claimsQuery(`{ reportedIn: "${serverwatch}" }`)).claims;
    expect(sorted(ids(reported))).toEqual(
      sorted(seedClaims.filter((c) => c.articleId === serverwatch).map((c) => c.id)),
    );
    for (const { node } of reported.edges) {
      expect(node.sources.map((s) => s.article.id)).toContain(serverwatch);
    }

    const asserted = dataOf(
      await claimsQuery(`{ about: "blue-pill", stanceIn: [ASSERTS, PREDICTS] }`),
    ).claims;
    expect(ids(asserted)).toEqual(['rutkowska-blue-pill-undetectable']);

    const both = dataOf(
      await claimsQuery(`{ speaker: "simon-crosby", about: "blue-pill" }`),
    ).claims;
    expect(ids(both)).toEqual(['crosby-dismisses-blue-pill']);
  });

  it('claims orderBy DATE is oldest first, DATE_DESC newest first', async () => {
    const asc = dataOf(await claimsQuery('{}', 'DATE')).claims;
    const desc = dataOf(await claimsQuery('{}', 'DATE_DESC')).claims;
    expect(asc.edges).toHaveLength(seedClaims.length);
    const ascDays = asc.edges.map((e) => e.node.date?.firstDay ?? '9999-12-31');
    expect(ascDays).toEqual([...ascDays].sort());
    const descDays = desc.edges.map((e) => e.node.date?.firstDay ?? '');
    expect(descDays).toEqual([...descDays].sort().reverse());
    expect(sorted(ids(desc))).toEqual(sorted(ids(asc)));
  });
});

// ---------------------------------------------------------------------------------------------

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: PageInfoShape;
  totalCount: number;
}

/** Walks a connection page by page; `between` runs after each page but the last. */
async function walk(
  field: string,
  args: string,
  size: number,
  between?: (pageNumber: number) => Promise<void>,
): Promise<{ ids: string[]; pages: Page[] }> {
  const list = [args, 'first: $first', 'after: $after'].filter(Boolean).join(', ');
  const query = `query Walk($first: Int!, $after: String) {
    page: ${field}(${list}) {
      totalCount
      edges { cursor node { id } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  const ids: string[] = [];
  const pages: Page[] = [];
  let after: string | undefined;
  for (let n = 1; ; n++) {
    if (n > 200) throw new Error(`${field}: still more pages after 200`);
    const { page } = dataOf(await client.query<{ page: Page }>(query, { first: size, after }));
    pages.push(page);
    ids.push(...page.edges.map((e) => e.node.id));
    expect(page.edges.length).toBeLessThanOrEqual(size);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
    if (page.edges.length > 0) {
      expect(page.pageInfo.startCursor).toBe(page.edges[0]!.cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    }
    if (!page.pageInfo.hasNextPage) break;
    expect(page.pageInfo.endCursor).toBeTruthy();
    after = page.pageInfo.endCursor!;
    await between?.(n);
  }
  return { ids, pages };
}

async function onePage(field: string, args: string): Promise<{ ids: string[]; total: number }> {
  const list = [args, 'first: 100'].filter(Boolean).join(', ');
  const { page } = dataOf(
    await client.query<{ page: Page }>(
      `query { page: ${field}(${list}) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`,
    ),
  );
  expect(page.pageInfo.hasNextPage).toBe(false);
  return { ids: page.edges.map((e) => e.node.id), total: page.totalCount };
}

describe('pagination', () => {
  const cases: { field: string; args: string; size: number }[] = [
    { field: 'claims', args: '', size: 2 },
    { field: 'claims', args: 'orderBy: DATE_DESC', size: 3 },
    { field: 'claims', args: 'where: { about: "blue-pill" }', size: 2 },
    { field: 'people', args: '', size: 1 },
    { field: 'organizations', args: '', size: 2 },
    { field: 'organizations', args: 'orderBy: ID', size: 4 },
    { field: 'events', args: 'orderBy: START_DATE', size: 1 },
    { field: 'topics', args: '', size: 3 },
    { field: 'places', args: '', size: 2 },
    { field: 'articles', args: '', size: 2 },
  ];

  it.each(cases)(
    '$field($args) walked $size at a time gives every item once, as one big page does',
    async ({ field, args, size }) => {
      const big = await onePage(field, args);
      expect(big.ids.length).toBeGreaterThan(size); // more than one page to walk
      expect(big.total).toBe(big.ids.length);
      const { ids, pages } = await walk(field, args, size);
      expect(ids).toEqual(big.ids);
      expect(new Set(ids).size).toBe(ids.length);
      for (const page of pages) expect(page.totalCount).toBe(big.total);
      for (const page of pages.slice(0, -1)) expect(page.edges).toHaveLength(size);
      expect(pages.length).toBe(Math.ceil(big.ids.length / size));
    },
  );

  it('the seed holds what the walks expect', async () => {
    expect((await onePage('claims', '')).total).toBe(seedClaims.length);
    expect((await onePage('people', '')).total).toBe(entitiesOfType('Person').length);
    expect((await onePage('organizations', '')).total).toBe(entitiesOfType('Organization').length);
  });
});

// ---------------------------------------------------------------------------------------------

describe('neighborhood', () => {
  interface Hood {
    center: { id: string };
    nodes: { id: string; type: string; label: string; distance: number; node: { id: string } }[];
    edges: {
      id: string;
      relation: string;
      source: string;
      target: string;
      role: string | null;
      sourceArticles: string[];
    }[];
    truncated: boolean;
  }
  const hood = async (limit: number) =>
    dataOf(
      await client.query<{ neighborhood: Hood | null }>(
        `query ($limit: Int!) {
          neighborhood(id: "simon-crosby", depth: 1, limit: $limit) {
            center { id }
            nodes { id type label distance node { id } }
            edges { id relation source target role sourceArticles }
            truncated
          }
        }`,
        { limit },
      ),
    ).neighborhood;

  it('depth 1 around Simon Crosby: the center, its neighbours, edges between them', async () => {
    const n = await hood(500);
    expect(n).not.toBeNull();
    expect(n!.center.id).toBe('simon-crosby');
    expect(n!.truncated).toBe(false);
    const ids = n!.nodes.map((node) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(n!.nodes.find((node) => node.id === 'simon-crosby')).toMatchObject({
      distance: 0,
      type: 'Person',
      label: 'Simon Crosby',
    });
    for (const node of n!.nodes) {
      expect(node.node.id).toBe(node.id);
      expect(node.distance).toBe(node.id === 'simon-crosby' ? 0 : 1);
      expect(node.type).not.toBe('Article');
      expect(node.label.trim()).not.toBe('');
    }
    const articleIds = new Set(seedDocs.map((d) => d.article.id));
    for (const id of ids) expect(articleIds).not.toContain(id);
    // A fact (WORKS_FOR) and a claim he made (MADE) are one hop away.
    expect(ids).toEqual(expect.arrayContaining(['xensource', 'crosby-dismisses-blue-pill']));
    expect(n!.nodes.find((node) => node.id === 'crosby-dismisses-blue-pill')?.type).toBe('Claim');

    expect(n!.edges.length).toBeGreaterThan(0);
    expect(new Set(n!.edges.map((e) => e.id)).size).toBe(n!.edges.length);
    for (const edge of n!.edges) {
      expect(ids).toContain(edge.source);
      expect(ids).toContain(edge.target);
      expect(edge.sourceArticles.length).toBeGreaterThan(0);
      for (const article of edge.sourceArticles) expect(articleIds).toContain(article);
    }
    expect(n!.edges).toContainEqual(
      expect.objectContaining({
        relation: 'WORKS_FOR',
        source: 'simon-crosby',
        target: 'xensource',
      }),
    );
  });

  it('a small limit truncates, and the edges still join returned nodes', async () => {
    const n = await hood(2);
    expect(n!.truncated).toBe(true);
    expect(n!.nodes.length).toBeLessThanOrEqual(2);
    const ids = n!.nodes.map((node) => node.id);
    expect(ids).toContain('simon-crosby');
    for (const edge of n!.edges) {
      expect(ids).toContain(edge.source);
      expect(ids).toContain(edge.target);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('round-trips to Neo4j', () => {
  it('a deeply nested request stays within the statement bound for 2 items as for 20', async () => {
    const deep = graphqlClient(counting.db);
    const query = `query Deep($first: Int!) {
      claims(where: { speaker: "simon-crosby" }, first: $first) {
        edges { node {
          id
          speakers(first: 5) {
            id
            ... on Person {
              roles(first: 5) {
                title
                organization {
                  id
                  people(first: 3) {
                    person {
                      id
                      claimsMade(first: 3) {
                        id
                        targets(first: 3) { stance entity { id name mentionedIn(first: 3) { id title } } }
                      }
                    }
                  }
                }
              }
            }
          }
          sources(first: 10) { quote article { id mentions(first: 10) { id name } } }
        } }
      }
    }`;
    interface Deep {
      claims: {
        edges: {
          node: {
            speakers: {
              roles?: {
                organization: {
                  people: {
                    person: { claimsMade: { targets: { entity: { mentionedIn: unknown[] } }[] }[] };
                  }[];
                };
              }[];
            }[];
            sources: { article: { mentions: unknown[] } }[];
          };
        }[];
      };
    }

    statements = 0;
    const few = dataOf(await deep.query<Deep>(query, { first: 2 }));
    const forFew = statements;

    statements = 0;
    const many = dataOf(await deep.query<Deep>(query, { first: 20 }));
    const forMany = statements;

    expect(few.claims.edges).toHaveLength(2);
    const crosbyClaims = seedClaims.filter((c) => c.speakers.some((s) => s.id === 'simon-crosby'));
    expect(many.claims.edges).toHaveLength(Math.min(20, crosbyClaims.length));
    expect(many.claims.edges.length).toBeGreaterThan(few.claims.edges.length);
    // Every level of the request has data in both answers, so both reach the same depth.
    for (const answer of [few, many]) {
      const mentionedIn = answer.claims.edges.flatMap((e) =>
        e.node.speakers.flatMap((s) =>
          (s.roles ?? []).flatMap((r) =>
            r.organization.people.flatMap((p) =>
              p.person.claimsMade.flatMap((c) => c.targets.flatMap((t) => t.entity.mentionedIn)),
            ),
          ),
        ),
      );
      expect(mentionedIn.length).toBeGreaterThan(0);
      const mentions = answer.claims.edges.flatMap((e) =>
        e.node.sources.flatMap((s) => s.article.mentions),
      );
      expect(mentions.length).toBeGreaterThan(0);
    }

    expect(forFew).toBeGreaterThan(0);
    // The bound is per level of nesting (a batch per loader and level), not per item: the request
    // above has about ten levels. Which loads share a batch depends on when their promises settle,
    // so the two counts may differ by a batch or two, but never grow with the items.
    expect(forFew).toBeLessThanOrEqual(25);
    expect(forMany).toBeLessThanOrEqual(25);
    // One statement per object would be far more: count the objects the large answer holds.
    const objects = JSON.stringify(many).match(/"id":/g)?.length ?? 0;
    expect(objects).toBeGreaterThan(4 * forMany);
  });
});

// ---------------------------------------------------------------------------------------------

describe('dates', () => {
  const DATE = '{ value precision firstDay lastDay }';

  it('partial dates answer value, precision and first and last day, as the seed gives them', async () => {
    const data = dataOf(
      await client.query<{
        events: Connection<{ id: string; startDate: PartialDateShape | null; endDate: unknown }>;
        articles: Connection<{ id: string; published: PartialDateShape | null }>;
        person: {
          roles: {
            organization: { id: string };
            title: string | null;
            validFrom: PartialDateShape | null;
            validTo: PartialDateShape | null;
          }[];
        } | null;
      }>(`query {
        events(first: 100) { edges { node { id startDate ${DATE} endDate ${DATE} } } }
        articles(first: 100) { edges { node { id published ${DATE} } } }
        person(id: "simon-crosby") { roles { organization { id } title validFrom ${DATE} validTo ${DATE} } }
      }`),
    );
    for (const { node } of data.events.edges) {
      const seed = seedEntities.get(node.id);
      expect(seed?.type).toBe('Event');
      if (seed?.type !== 'Event') continue;
      expect(node.startDate).toEqual(partialDate(seed.startDate));
      expect(node.endDate).toEqual(seed.endDate ? partialDate(seed.endDate) : null);
    }
    expect(data.events.edges).toHaveLength(entitiesOfType('Event').length);
    for (const { node } of data.articles.edges) {
      const doc = seedDocs.find((d) => d.article.id === node.id);
      expect(node.published).toEqual(partialDate(doc!.article.publishedAt));
    }
    expect(data.articles.edges).toHaveLength(seedDocs.length);
    // One of each precision is in the seed.
    const precisions = new Set(data.articles.edges.map((e) => e.node.published?.precision));
    expect(sorted(precisions as Set<string>)).toEqual(['DAY', 'MONTH', 'YEAR']);

    const roles = data.person?.roles ?? [];
    expect(roles).toContainEqual(
      expect.objectContaining({
        organization: { id: 'citrix' },
        // One source gives the start (the acquisition), another the end: one role.
        validFrom: partialDate('2007-10'),
        validTo: partialDate('2011-06-22'),
      }),
    );
    expect(roles).toContainEqual(
      expect.objectContaining({
        organization: { id: 'bromium' },
        validFrom: partialDate('2011-06'),
        validTo: null,
      }),
    );
  });

  it('no value anywhere in a big answer is a raw Neo4j integer or date', async () => {
    const result = await client.query(`query {
      events(first: 100) { totalCount edges { cursor node { id startDate ${DATE} endDate ${DATE} participants { role representing { id } } } } }
      claims(first: 100) { totalCount edges { cursor node { id date ${DATE} targets { stance } attributions { role } } } }
      articles(first: 100) { totalCount edges { node { id published ${DATE} } } }
      people(first: 100) { totalCount edges { node { id roles { title validFrom ${DATE} validTo ${DATE} } participations { role } } } }
      organization(id: "citrix") { relations { type date ${DATE} validFrom ${DATE} validTo ${DATE} sources { quote } } }
      timeline(id: "citrix") { date ${DATE} kind }
      stanceSummary(topic: "blue-pill") { stance count }
      paths(from: "joanna-rutkowska", to: "citrix") { length hops { relation reversed } }
      neighborhood(id: "xensource", depth: 2) { nodes { id distance } truncated }
    }`);
    const data = dataOf(result);
    let dates = 0;
    for (const object of objectsIn(data)) {
      expect(object).not.toHaveProperty('low');
      expect(object).not.toHaveProperty('high');
      if ('precision' in object) {
        dates++;
        expect(['YEAR', 'MONTH', 'DAY']).toContain(object.precision);
        expect(object.firstDay).toMatch(LOCAL_DATE);
        expect(object.lastDay).toMatch(LOCAL_DATE);
        expect(object).toEqual(partialDate(String(object.value)));
      }
      for (const key of ['totalCount', 'count', 'length', 'distance']) {
        if (key in object) expect(typeof object[key]).toBe('number');
      }
    }
    expect(dates).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------------------------
// These two change the graph while they run, and leave it exactly as they found it.

describe('while the graph changes', () => {
  it('6: where a claim comes from, first report first', async () => {
    const before = await exportLines(neo4j.db);
    const followUp = followUpArticle();
    const outcome = await importDocument(neo4j.db, followUp);
    expect(outcome.status).toBe('created');
    try {
      const { claim } = dataOf(
        await client.query<{
          claim: {
            id: string;
            sources: (SourceShape & { article: { published: { value: string } | null } })[];
          } | null;
        }>(`query {
          claim(id: "crosby-dismisses-blue-pill") {
            id
            sources { quote article { id published { value } } }
          }
        }`),
      );
      expect(claim?.sources.map((s) => s.article.id)).toEqual([
        SEED_ARTICLE_ID,
        followUp.article.id,
      ]);
      expect(squash(seedText)).toContain(squash(claim?.sources[0]?.quote ?? '(none)'));
      expect(claim?.sources[1]?.quote).toBe(followUp.claims?.[0]?.quote);
      expect(claim?.sources[0]?.article.published?.value).toBe(seedDoc.article.publishedAt);
    } finally {
      await retractArticle(neo4j.db, followUp.article.id);
    }
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('a walk over organizations sees every one that existed once, while others are inserted', async () => {
    const before = await exportLines(neo4j.db);
    const existing = (await onePage('organizations', '')).ids;
    // Names that sort before every seed organization, and after every one.
    const batches = [
      {
        page: 1,
        id: 'article-pagination-insert-1',
        orgs: [
          ['aaa-test-holdings', 'AAA Test Holdings'],
          ['zzz-test-systems', 'Zzz Test Systems'],
        ],
      },
      {
        page: 3,
        id: 'article-pagination-insert-2',
        orgs: [
          ['aab-test-partners', 'AAB Test Partners'],
          ['zzy-test-works', 'Zzy Test Works'],
        ],
      },
    ];
    const imported: string[] = [];
    try {
      const { ids } = await walk('organizations', 'orderBy: NAME', 2, async (pageNumber) => {
        for (const batch of batches.filter((b) => b.page === pageNumber)) {
          const outcome = await importDocument(neo4j.db, {
            format: 'kg-article/1',
            article: { id: batch.id, title: `Pagination test ${batch.id}`, publishedAt: '2009-01' },
            entities: batch.orgs.map(([id, name]) => ({
              id,
              type: 'Organization',
              name,
              kind: 'company',
            })),
          });
          expect(outcome.status).toBe('created');
          imported.push(batch.id);
        }
      });
      expect(imported).toHaveLength(batches.length); // the walk was long enough to insert twice
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of existing) expect(ids.filter((x) => x === id)).toHaveLength(1);
    } finally {
      for (const id of imported.reverse()) await retractArticle(neo4j.db, id);
    }
    expect(await exportLines(neo4j.db)).toEqual(before);
  });
});
