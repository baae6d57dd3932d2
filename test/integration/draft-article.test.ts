import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArticle } from '../../src/ingest/importer.ts';
import { validateArticleText } from '../../src/ingest/validate.ts';
import { importDocument, seedArticle } from '../support/articles.ts';
import { dataOf, graphqlClient } from '../support/graphql.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

let statements = 0;
const neo4j = openTestNeo4j({
  onQuery: () => {
    statements++;
  },
});
const client = graphqlClient(neo4j.db);
afterAll(() => neo4j.close());

beforeAll(async () => {
  const outcome = await importDocument(neo4j.db, seedArticle());
  expect(outcome.status).toBe('created');
});

const DRAFT = `query Draft($text: String!, $publishedAt: String) {
  draftArticle(text: $text, title: "Crosby on Hyper-V", publishedAt: $publishedAt) {
    yaml
    articleId
    entities { id type known { id by matched } mentions { start end text } }
    facts { type from to role quote { text } confidence }
    claims { id speakers { id role organization } targets stance stanceCue quote { start end text } review }
  }
}`;

interface DraftAnswer {
  draftArticle: {
    yaml: string;
    articleId: string;
    entities: {
      id: string;
      type: string;
      known: { id: string; by: string; matched: string } | null;
    }[];
    facts: { type: string; from: string; to: string; role: string | null }[];
    claims: {
      speakers: { id: string }[];
      targets: string[];
      stance: string;
      quote: { start: number; end: number; text: string };
    }[];
  };
}

const TEXT =
  'Simon Crosby, the CTO of Citrix Systems, spoke in London. Crosby dismissed Blue Pill, saying ' +
  'that it was only a research toy. Rich Green, a vice president at Sun, said that VirtualBox is better.';

describe('draftArticle', () => {
  it('links names to the graph in one statement, and proposes claims with their spans', async () => {
    statements = 0;
    const data = dataOf(
      await client.query<DraftAnswer>(DRAFT, { text: TEXT, publishedAt: '2008-06' }),
    );
    expect(statements).toBe(1);
    const draft = data.draftArticle;
    const byId = new Map(draft.entities.map((e) => [e.id, e]));
    expect(byId.get('simon-crosby')?.known).toEqual({
      id: 'simon-crosby',
      by: 'name',
      matched: 'Simon Crosby',
    });
    expect(byId.get('citrix')?.known).toEqual({
      id: 'citrix',
      by: 'alias',
      matched: 'Citrix Systems',
    });
    expect(byId.get('blue-pill')?.known?.by).toBe('name');
    expect(draft.facts).toContainEqual(
      expect.objectContaining({
        type: 'WORKS_FOR',
        from: 'simon-crosby',
        to: 'citrix',
        role: 'CTO',
      }),
    );
    const dismissal = draft.claims.find((c) => c.stance === 'DISMISSES');
    expect(dismissal?.speakers.map((s) => s.id)).toEqual(['simon-crosby']);
    expect(dismissal?.targets).toEqual(['blue-pill']);
    for (const claim of draft.claims) {
      expect(TEXT.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.text);
    }
    // The known entities are referenced, not declared again; what the file lacks is what the
    // draft marked for the editor (a claim with no target found), and nothing else.
    expect(draft.yaml).not.toMatch(/id: simon-crosby\n\s+type: Person/);
    const checked = validateArticleText(draft.yaml, 'draft.yaml');
    const problems = checked.ok ? [] : checked.errors.map((e) => `${e.path}: ${e.message}`);
    for (const problem of problems) expect(problem).toMatch(/targets: expected at least 1 item/);
  });

  it('gives a post its start and end, and says when the text says it has ended', async () => {
    const text =
      'Widgetco named Jane Doe its chief executive in March 2008. John Roe stepped down as CEO ' +
      "of Widgetco in February 2008. Mary Major, Widgetco's former CTO, spoke.";
    const answer = await client.query<{
      draftArticle: { facts: Record<string, unknown>[]; yaml: string };
    }>(
      `query Posts($text: String!) { draftArticle(text: $text, publishedAt: "2008-06") {
        yaml facts { type from to role validFrom validTo ended review }
      } }`,
      { text },
    );
    const { facts, yaml } = dataOf(answer).draftArticle;
    const post = (from: string) => facts.find((f) => f.type === 'WORKS_FOR' && f.from === from);
    expect(post('jane-doe')).toMatchObject({
      to: 'widgetco',
      role: 'chief executive',
      validFrom: '2008-03',
      validTo: null,
      ended: false,
    });
    expect(post('john-roe')).toMatchObject({ role: 'CEO', validTo: '2008-02', ended: true });
    // "former": ended, with no end date made up, and the editor asked for one.
    expect(post('mary-major')).toMatchObject({ role: 'CTO', validTo: null, ended: true });
    expect(post('mary-major')?.review).toMatch(/validTo/);
    expect(yaml).toMatch(/validFrom: "?2008-03"?/);
    expect(yaml).toMatch(/validTo: "?2008-02"?/);
  });

  it('refuses a text over the limit and a bad date as BAD_USER_INPUT', async () => {
    const long = await client.query(DRAFT, { text: 'word '.repeat(20_001) });
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.message).toMatch(/at most 100,000 characters/);
    const date = await client.query(DRAFT, { text: TEXT, publishedAt: 'June 2008' });
    expect(date.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the evaluation articles (npm run eval:draft)', () => {
  it('validate against the graph and import after the seed', async () => {
    const files = ['seed/background', 'eval/articles', 'eval/held-out'].flatMap((folder) =>
      readdirSync(folder)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => path.join(folder, f)),
    );
    for (const file of files) {
      const outcome = await importArticle(neo4j.db, readFileSync(file, 'utf8'), file);
      expect(outcome.status === 'failed' ? outcome : outcome.status).toBe('created');
    }
  });
});
