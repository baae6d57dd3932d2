import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleFileInput } from '../../src/ingest/format.ts';
import { importDocument } from '../support/articles.ts';
import { dataOf, errorOf, graphqlClient } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

// Every Cypher statement sent through `counting` is counted (see the statement tests).
let statements = 0;
const neo4j = openTestNeo4j();
const counting = openTestNeo4j({
  onQuery: () => {
    statements++;
  },
});
const client = graphqlClient(neo4j.db);

// ---------------------------------------------------------------------------------------------
// The graph of this file, and nothing else: articles of one month, of a day in it, of the months
// around it, reporting claims of one speaker; and a chain of facts five hops long.

const ENTITIES: ArticleFileInput['entities'] = [
  { id: 'tie-speaker', type: 'Person', name: 'Tess Speaker' },
  { id: 'tie-topic', type: 'Topic', name: 'Tie Topic', kind: 'concept' },
];

const CLAIMS = {
  'claim-same-month': 'Two articles of March 2008 report this, and one of April.',
  'claim-month-and-day': 'An article of March 2008 and one of 11 March 2008 report this.',
  'claim-february-first': 'An article of February 2008 reports this before one of March.',
  'claim-one-report': 'Only one article reports this.',
} as const;
type ClaimId = keyof typeof CLAIMS;

/** An article that reports some of the claims above, each with a quote naming the article. */
function reportingArticle(id: string, publishedAt: string, claims: ClaimId[]): ArticleFileInput {
  return {
    format: 'kg-article/1',
    article: { id, title: `Report ${id}`, publisher: 'Test Gazette', publishedAt },
    entities: ENTITIES,
    claims: claims.map((claim) => ({
      id: claim,
      statement: CLAIMS[claim],
      stance: 'ASSERTS',
      speakers: ['tie-speaker'],
      targets: ['tie-topic'],
      quote: `${claim} as ${id} reports it`,
    })),
  };
}

// Ids chosen so that id order and date order disagree where it matters.
const REPORTS = [
  reportingArticle('report-march-b', '2008-03', ['claim-same-month', 'claim-month-and-day']),
  reportingArticle('report-march-a', '2008-03', ['claim-same-month', 'claim-february-first']),
  reportingArticle('report-april', '2008-04', ['claim-same-month', 'claim-one-report']),
  reportingArticle('report-a-march-11', '2008-03-11', ['claim-month-and-day']),
  reportingArticle('report-z-february', '2008-02', ['claim-february-first']),
];

/** ann -WORKS_FOR- org-a -PART_OF- org-b -PART_OF- org-c -WORKS_FOR- bob -WORKS_FOR- org-d */
const CHAIN: ArticleFileInput = {
  format: 'kg-article/1',
  article: { id: 'article-chain', title: 'A chain of five hops', publishedAt: '2009-05' },
  entities: [
    { id: 'chain-ann', type: 'Person', name: 'Ann Chain' },
    { id: 'chain-bob', type: 'Person', name: 'Bob Chain' },
    { id: 'chain-org-a', type: 'Organization', name: 'Chain Org A' },
    { id: 'chain-org-b', type: 'Organization', name: 'Chain Org B' },
    { id: 'chain-org-c', type: 'Organization', name: 'Chain Org C' },
    { id: 'chain-org-d', type: 'Organization', name: 'Chain Org D' },
    { id: 'chain-island', type: 'Organization', name: 'Chain Island' },
  ],
  facts: [
    { type: 'WORKS_FOR', from: 'chain-ann', to: 'chain-org-a' },
    { type: 'PART_OF', from: 'chain-org-a', to: 'chain-org-b' },
    { type: 'PART_OF', from: 'chain-org-b', to: 'chain-org-c' },
    { type: 'WORKS_FOR', from: 'chain-bob', to: 'chain-org-c' },
    { type: 'WORKS_FOR', from: 'chain-bob', to: 'chain-org-d' },
  ],
};
const CHAIN_NODES = [
  'chain-ann',
  'chain-org-a',
  'chain-org-b',
  'chain-org-c',
  'chain-bob',
  'chain-org-d',
];

beforeAll(async () => {
  await wipeTestGraph(neo4j.db);
  for (const document of [...REPORTS, CHAIN]) {
    const outcome = await importDocument(neo4j.db, document);
    expect(outcome.status, JSON.stringify(outcome)).toBe('created');
  }
});
afterAll(async () => {
  await counting.close();
  await neo4j.close();
});

// ---------------------------------------------------------------------------------------------

interface ReportsShape {
  id: string;
  sources: { article: { id: string } }[];
  firstReport: {
    tie: boolean;
    sources: { quote: string | null; article: { id: string; published: { value: string } } }[];
  };
}

async function reportsOf(id: ClaimId): Promise<ReportsShape> {
  const { claim } = dataOf(
    await client.query<{ claim: ReportsShape | null }>(
      `query ($id: ID!) {
        claim(id: $id) {
          id
          sources { article { id } }
          firstReport { tie sources { quote article { id published { value } } } }
        }
      }`,
      { id },
    ),
  );
  if (!claim) throw new Error(`No claim ${id}`);
  return claim;
}

const ids = (sources: { article: { id: string } }[]) => sources.map((s) => s.article.id);

describe('the first report of a claim', () => {
  it('two articles of the same month tie, ordered by id; a later month does not', async () => {
    const claim = await reportsOf('claim-same-month');
    expect(ids(claim.sources)).toEqual(['report-march-a', 'report-march-b', 'report-april']);
    expect(ids(claim.firstReport.sources)).toEqual(['report-march-a', 'report-march-b']);
    expect(claim.firstReport.tie).toBe(true);
    expect(claim.firstReport.sources.map((s) => s.article.published.value)).toEqual([
      '2008-03',
      '2008-03',
    ]);
    expect(claim.firstReport.sources.map((s) => s.quote)).toEqual([
      'claim-same-month as report-march-a reports it',
      'claim-same-month as report-march-b reports it',
    ]);
  });

  it('a month and a day in it tie, though the month sorts first', async () => {
    const claim = await reportsOf('claim-month-and-day');
    // By first day, 2008-03 (the 1st) comes before 2008-03-11, whatever the ids say.
    expect(ids(claim.sources)).toEqual(['report-march-b', 'report-a-march-11']);
    expect(ids(claim.firstReport.sources)).toEqual(['report-march-b', 'report-a-march-11']);
    expect(claim.firstReport.tie).toBe(true);
  });

  it('a month before another is the first report alone', async () => {
    const claim = await reportsOf('claim-february-first');
    expect(ids(claim.sources)).toEqual(['report-z-february', 'report-march-a']);
    expect(ids(claim.firstReport.sources)).toEqual(['report-z-february']);
    expect(claim.firstReport.tie).toBe(false);
  });

  it('a single report is the first report, with no tie', async () => {
    const claim = await reportsOf('claim-one-report');
    expect(ids(claim.firstReport.sources)).toEqual(['report-april']);
    expect(claim.firstReport.tie).toBe(false);
  });

  it('costs the same statements for one claim as for all of them', async () => {
    const counted = graphqlClient(counting.db);
    const query = `query ($first: Int!) {
      claims(where: { speaker: "tie-speaker" }, orderBy: ID, first: $first) {
        edges { node { id firstReport { tie sources { article { id published { value } } } } } }
      }
    }`;
    type Answer = {
      claims: { edges: { node: { id: string; firstReport: { tie: boolean } } }[] };
    };
    statements = 0;
    const one = dataOf(await counted.query<Answer>(query, { first: 1 }));
    const forOne = statements;
    statements = 0;
    const all = dataOf(await counted.query<Answer>(query, { first: 10 }));
    const forAll = statements;

    expect(one.claims.edges).toHaveLength(1);
    expect(all.claims.edges.map((e) => [e.node.id, e.node.firstReport.tie])).toEqual([
      ['claim-february-first', false],
      ['claim-month-and-day', true],
      ['claim-one-report', false],
      ['claim-same-month', true],
    ]);
    // The speaker filter's id, the page, the claims' reports, their articles: one each.
    expect(forOne).toBeLessThanOrEqual(4);
    expect(forAll).toBe(forOne);
  });
});

// ---------------------------------------------------------------------------------------------

describe('paths beyond maxHops', () => {
  const pathsQuery = `query ($from: ID!, $to: ID!, $maxHops: Int) {
    paths(from: $from, to: $to, maxHops: $maxHops) { length nodes { id } }
  }`;
  const lengthQuery = `query ($from: ID!, $to: ID!, $maxHops: Int) {
    pathLength(from: $from, to: $to, maxHops: $maxHops)
  }`;
  type PathsAnswer = { paths: { length: number; nodes: { id: string }[] }[] };
  type LengthAnswer = { pathLength: number | null };
  const pathLength = async (from: string, to: string, maxHops?: number) =>
    dataOf(await client.query<LengthAnswer>(lengthQuery, { from, to, maxHops })).pathLength;

  it('paths finds nothing within 4 hops of a path of 5, and pathLength says it is 5', async () => {
    const within4 = dataOf(
      await client.query<PathsAnswer>(pathsQuery, {
        from: 'chain-ann',
        to: 'chain-org-d',
        maxHops: 4,
      }),
    );
    expect(within4.paths).toEqual([]);
    expect(await pathLength('chain-ann', 'chain-org-d')).toBe(5);
    expect(await pathLength('chain-org-d', 'chain-ann')).toBe(5);
    expect(await pathLength('chain-ann', 'chain-org-d', 5)).toBe(5);
    expect(await pathLength('chain-ann', 'chain-org-d', 4)).toBeNull();
  });

  it('paths with that many hops finds the path', async () => {
    const within5 = dataOf(
      await client.query<PathsAnswer>(pathsQuery, {
        from: 'chain-ann',
        to: 'chain-org-d',
        maxHops: 5,
      }),
    );
    expect(within5.paths).toEqual([{ length: 5, nodes: CHAIN_NODES.map((id) => ({ id })) }]);
  });

  it('pathLength gives the length of shorter paths too, and 0 for the same node', async () => {
    expect(await pathLength('chain-ann', 'chain-org-a')).toBe(1);
    expect(await pathLength('chain-ann', 'chain-org-c')).toBe(3);
    expect(await pathLength('chain-ann', 'chain-org-c', 3)).toBe(3);
    expect(await pathLength('chain-ann', 'chain-ann')).toBe(0);
  });

  it('pathLength is null between entities that nothing connects', async () => {
    expect(await pathLength('chain-ann', 'chain-island')).toBeNull();
    expect(await pathLength('chain-island', 'tie-topic', 6)).toBeNull();
  });

  it('pathLength sends one statement, its ends looked up in it', async () => {
    const counted = graphqlClient(counting.db);
    statements = 0;
    const answer = dataOf(
      await counted.query<LengthAnswer>(lengthQuery, { from: 'chain-ann', to: 'chain-org-d' }),
    );
    expect(answer.pathLength).toBe(5);
    expect(statements).toBe(1);
  });

  it.each([0, 7, -1])('pathLength(maxHops: %i) answers BAD_USER_INPUT', async (maxHops) => {
    const result = await client.query<LengthAnswer>(lengthQuery, {
      from: 'chain-ann',
      to: 'chain-org-d',
      maxHops,
    });
    expect(errorOf(result, 'BAD_USER_INPUT').message).toMatch(/maxHops must be .* 1 to 6/);
    expect(result.data?.pathLength ?? null).toBeNull();
  });

  it.each([
    ['from', 'no-such-entity', 'chain-org-d'],
    ['to', 'chain-ann', 'no-such-entity'],
  ])('an unknown %s answers NOT_FOUND, as paths does', async (end, from, to) => {
    for (const query of [lengthQuery, pathsQuery]) {
      const result = await client.query(query, { from, to });
      expect(errorOf(result, 'NOT_FOUND').message).toBe(
        `${end}: no node "no-such-entity" in the graph.`,
      );
    }
  });
});
