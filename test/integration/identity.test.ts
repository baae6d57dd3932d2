import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { projectRoot } from '../../src/config.ts';
import { holdsOn } from '../../src/model/records.ts';
import { relationReader } from '../../src/graph/relation-reader.ts';
import type { ArticleFileInput } from '../../src/ingest/format.ts';
import { collectArticleFiles } from '../../src/ingest/files.ts';
import { importFiles, retractArticle } from '../../src/ingest/importer.ts';
import { exportLines, importDocument, parseLine, SEED_ARTICLE } from '../support/articles.ts';
import { bearer, dataOf, errorOf, graphqlClient } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

/**
 * The identity rules (README, "Identity"), one finding each: ids kept as redirects, identity that
 * does not depend on import order, facts refined by precision and conflicts shown, errors with
 * their place in the file, and the seed's dates.
 */

const neo4j = openTestNeo4j();
const WRITE_KEY = 'identity-test-write-key-0123456789';
const api = graphqlClient(neo4j.db, { writeKey: WRITE_KEY });
const relations = relationReader(neo4j.db);
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-identity-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
});
beforeEach(() => wipeTestGraph(neo4j.db));

const BACKGROUND = path.join(projectRoot, 'seed', 'background');

async function importPaths(paths: string[]) {
  const { files } = await collectArticleFiles(paths);
  const outcomes = await importFiles(neo4j.db, files);
  const failed = outcomes.filter((o) => o.status === 'failed');
  expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
  return outcomes;
}

async function writeDocument(name: string, document: ArticleFileInput): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, stringify(document));
  return file;
}

const article = (id: string, publishedAt: string) => ({ id, title: id, publishedAt });

describe('a declared id that matched an existing entity by name', () => {
  it('is kept as a redirect: later files reference it and queries answer it', async () => {
    await importPaths([SEED_ARTICLE]);
    const before = await exportLines(neo4j.db);
    const profile = await importDocument(neo4j.db, {
      format: 'kg-article/1',
      article: article('article-crosby-profile', '2026-01'),
      entities: [{ id: 'crosby-simon', type: 'Person', name: 'Simon Crosby' }],
    });
    expect(profile).toMatchObject({
      status: 'created',
      entitiesMatched: [{ fileId: 'crosby-simon', id: 'simon-crosby', by: 'name' }],
      entitiesRenamed: [],
    });

    // A second file uses the id without declaring it.
    const later = await importDocument(neo4j.db, {
      format: 'kg-article/1',
      article: article('article-crosby-later', '2026-02'),
      facts: [{ type: 'WORKS_FOR', from: 'crosby-simon', to: 'vmware', role: 'critic' }],
    });
    expect(later).toMatchObject({
      status: 'created',
      entitiesMatched: [{ fileId: 'crosby-simon', id: 'simon-crosby', by: 'redirect' }],
    });
    const roles = await relations.relations([
      { id: 'simon-crosby', types: ['WORKS_FOR'], direction: 'OUT' },
    ]);
    expect(roles[0]!.map((r) => r.to)).toContain('vmware');

    const answer = dataOf(
      await api.query<{ node: { id: string; name: string } | null }>(
        'query { node(id: "crosby-simon") { id ... on Person { name } } }',
      ),
    );
    expect(answer.node).toEqual({ id: 'simon-crosby', name: 'Simon Crosby' });

    // Retracting both restores the graph exactly, redirect included.
    await retractArticle(neo4j.db, 'article-crosby-later');
    await retractArticle(neo4j.db, 'article-crosby-profile');
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('an earlier article makes its id the canonical one; the other id redirects', async () => {
    await importPaths([SEED_ARTICLE]);
    const older = await importDocument(neo4j.db, {
      format: 'kg-article/1',
      article: article('article-crosby-2005', '2005-06'),
      entities: [{ id: 'crosby-simon', type: 'Person', name: 'Simon Crosby', aliases: ['SC'] }],
    });
    expect(older).toMatchObject({
      status: 'created',
      entitiesMatched: [{ fileId: 'crosby-simon', id: 'crosby-simon', by: 'name' }],
      entitiesRenamed: [{ from: 'simon-crosby', to: 'crosby-simon' }],
    });
    const [row] = await neo4j.db.read(
      `MATCH (r:Redirect {id: 'simon-crosby'})-[:REDIRECTS_TO]->(p:Person)
       RETURN p.id AS id, r.by AS by, p.aliases AS aliases`,
    );
    expect(row).toEqual({ id: 'crosby-simon', by: 'name', aliases: ['Crosby', 'SC'] });
    // What named the old id in properties follows: the claims he made for XenSource, his roles.
    const claims = dataOf(
      await api.query<{ claims: { edges: { node: { speakers: { id: string }[] } }[] } }>(
        'query { claims(where: { about: "blue-pill", speaker: "simon-crosby" }) { edges { node { speakers { id } } } } }',
      ),
    );
    expect(claims.claims.edges.map((e) => e.node.speakers.map((s) => s.id))).toEqual([
      ['crosby-simon'],
    ]);
  });
});

describe('identity does not depend on import order', () => {
  const xenProject: ArticleFileInput = {
    format: 'kg-article/1',
    article: article('article-xen-project-2013', '2013-04'),
    entities: [
      { id: 'xen-project', type: 'Topic', name: 'Xen', kind: 'technology' },
      { id: 'linux-foundation', type: 'Organization', name: 'Linux Foundation' },
    ],
    facts: [{ type: 'DEVELOPS', from: 'linux-foundation', to: 'xen-project' }],
  };

  it('seed, another file naming Xen, background: the same graph in every order, as one folder too', async () => {
    const other = await writeDocument('xen-project.yaml', xenProject);
    const orders = [
      [[SEED_ARTICLE], [other], [BACKGROUND]],
      [[SEED_ARTICLE], [BACKGROUND], [other]],
      [[SEED_ARTICLE, BACKGROUND, other]],
    ];
    const exports: string[][] = [];
    for (const order of orders) {
      await wipeTestGraph(neo4j.db);
      for (const step of order) await importPaths(step);
      exports.push(await exportLines(neo4j.db));
    }
    expect(exports[1]).toEqual(exports[0]);
    expect(exports[2]).toEqual(exports[0]);
    // "xen" comes from a 2007 article, "xen-project" from 2013: the older id is the entity's.
    const redirects = exports[0]!
      .map(parseLine)
      .filter((l) => l.kind === 'node' && l.labels?.includes('Redirect'));
    expect(redirects.map((r) => r.properties)).toContainEqual({ id: 'xen-project', by: 'name' });
    const developers = await relations.relations([
      { id: 'xen', types: ['DEVELOPS'], direction: 'IN' },
    ]);
    expect(developers[0]!.map((r) => r.from).sort()).toEqual(['linux-foundation', 'xensource']);
  });

  it('the order of two files that name one new person differently does not matter', async () => {
    const jane = (n: number, publishedAt: string): ArticleFileInput => ({
      format: 'kg-article/1',
      article: article(`article-jane-${n}`, publishedAt),
      entities: [{ id: `jane-doe-${n}`, type: 'Person', name: n === 1 ? 'Jane Doe' : 'JANE DOE' }],
    });
    const exports: string[][] = [];
    for (const order of [
      [1, 2],
      [2, 1],
    ]) {
      await wipeTestGraph(neo4j.db);
      for (const n of order) await importDocument(neo4j.db, jane(n, '2009-05'));
      exports.push(await exportLines(neo4j.db));
    }
    expect(exports[1]).toEqual(exports[0]);
    // Same publication month: the article id decides (article-jane-1), so jane-doe-1 is canonical.
    const people = exports[0]!.map(parseLine).filter((l) => l.labels?.includes('Person'));
    expect(people.map((p) => [p.properties.id, p.properties.name])).toEqual([
      ['jane-doe-1', 'Jane Doe'],
    ]);
  });
});

describe('facts that differ only in precision are one fact; contradictions are conflicts', () => {
  const world = {
    entities: [
      { id: 'ana-ruiz', type: 'Person', name: 'Ana Ruiz' },
      { id: 'widget-x', type: 'Topic', name: 'Widget X', kind: 'product' },
    ],
  } as const;
  const created = (id: string, publishedAt: string, date?: string): ArticleFileInput => ({
    format: 'kg-article/1',
    article: article(id, publishedAt),
    entities: [...world.entities],
    facts: [
      {
        type: 'CREATED',
        from: 'ana-ruiz',
        to: 'widget-x',
        ...(date ? { date } : {}),
        quote: `${id} says so`,
      },
    ],
  });

  type Fact = { date: { value: string } | null; sources: { article: { id: string } }[] };
  const factsQuery = `query {
    topic(id: "widget-x") {
      relations(types: [CREATED], first: 20) {
        date { value } sources { article { id } }
        conflicts(first: 10) { date { value } sources { article { id } } }
      }
    }
    singleSourced { facts { type sources { article { id } } } }
  }`;
  const facts = async () => {
    const data = dataOf(
      await api.query<{
        topic: { relations: (Fact & { conflicts: Fact[] })[] };
        singleSourced: { facts: { type: string }[] };
      }>(factsQuery),
    );
    const shape = (f: Fact) => [f.date?.value ?? null, f.sources.map((s) => s.article.id)];
    return {
      facts: data.topic.relations.map((r) => [...shape(r), r.conflicts.map(shape)]),
      singleSourced: data.singleSourced.facts.filter((f) => f.type === 'CREATED').length,
    };
  };

  it('undated and dated: one fact with both sources, in either order', async () => {
    for (const order of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      await wipeTestGraph(neo4j.db);
      for (const which of order) {
        await importDocument(
          neo4j.db,
          which === 'a'
            ? created('article-undated', '2010-01')
            : created('article-dated', '2006-09', '2006'),
        );
      }
      expect(await facts()).toEqual({
        facts: [['2006', ['article-dated', 'article-undated'], []]],
        singleSourced: 0,
      });
    }
  });

  it('2006, 2006-05 and 2007: a precise fact with its less precise source, and a conflict', async () => {
    const before = await exportLines(neo4j.db);
    await importDocument(neo4j.db, created('article-undated', '2010-01'));
    const withUndated = await exportLines(neo4j.db);
    await importDocument(neo4j.db, created('article-year', '2006-09', '2006'));
    await importDocument(neo4j.db, created('article-month', '2006-10', '2006-05'));
    const beforeConflict = await exportLines(neo4j.db);
    await importDocument(neo4j.db, created('article-other-year', '2007-03', '2007'));
    expect(await facts()).toEqual({
      facts: [
        [
          '2006-05',
          ['article-year', 'article-month', 'article-undated'],
          [['2007', ['article-other-year', 'article-undated']]],
        ],
        [
          '2007',
          ['article-other-year', 'article-undated'],
          [['2006-05', ['article-year', 'article-month', 'article-undated']]],
        ],
      ],
      singleSourced: 0,
    });
    // Retraction is exact under these rules, whichever article goes.
    await retractArticle(neo4j.db, 'article-other-year');
    expect(await exportLines(neo4j.db)).toEqual(beforeConflict);
    await retractArticle(neo4j.db, 'article-month');
    await retractArticle(neo4j.db, 'article-year');
    expect(await exportLines(neo4j.db)).toEqual(withUndated);
    await retractArticle(neo4j.db, 'article-undated');
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('a role with a start in one source and an end in another is one role, from start to end', async () => {
    await importPaths([SEED_ARTICLE, BACKGROUND]);
    const [roles] = await relations.relations([
      { id: 'simon-crosby', types: ['WORKS_FOR'], direction: 'OUT' },
    ]);
    const atCitrix = roles!.filter((r) => r.to === 'citrix');
    expect(atCitrix.map((r) => [r.props.role, r.props.validFrom, r.props.validTo])).toEqual([
      ['CTO', '2007-10', '2011-06-22'],
    ]);
    expect(atCitrix[0]!.props.sources).toEqual([
      'article-cnet-citrix-completes-xensource-buy-2007',
      'article-eweek-citrix-after-simon-2011',
    ]);
    // The seed's undated "XenSource at Citrix" and the dated one are one fact too.
    const [partOf] = await relations.relations([
      { id: 'xensource', types: ['PART_OF'], direction: 'OUT' },
    ]);
    expect(partOf!.map((r) => [r.to, r.props.validFrom, r.props.sources?.length])).toEqual([
      ['citrix', '2007-10', 2],
    ]);
  });
});

describe('the seed: roles hold only while their sources say', () => {
  it('Simon Crosby was not Citrix CTO before Citrix bought XenSource', async () => {
    await importPaths([SEED_ARTICLE, BACKGROUND]);
    const [roles] = await relations.relations([
      { id: 'simon-crosby', types: ['WORKS_FOR'], direction: 'OUT' },
    ]);
    const at = (day: string) =>
      roles!
        .filter((r) => holdsOn(r, day))
        .map((r) => `${r.props.role}@${r.to}`)
        .sort();
    expect(at('2007-06-01')).not.toContain('CTO@citrix');
    expect(at('2008-03-11')).toEqual(['CTO@citrix', 'CTO@xensource', 'co-founder@xensource']);
    expect(at('2012-01-01')).not.toContain('CTO@citrix');
  });
});

describe('errors say where', () => {
  it('importArticle: an unknown id in YAML source answers with its line and column', async () => {
    const source = stringify({
      format: 'kg-article/1',
      article: article('article-dangling', '2009'),
      entities: [{ id: 'ana-ruiz', type: 'Person', name: 'Ana Ruiz' }],
      facts: [{ type: 'WORKS_FOR', from: 'ana-ruiz', to: 'nobody-knows-this' }],
    });
    const result = await api.query(
      'mutation ($source: String!) { importArticle(source: $source) { status } }',
      { source },
      bearer(WRITE_KEY),
    );
    const error = errorOf(result, 'BAD_USER_INPUT');
    const line = source.split('\n').findIndex((l) => l.includes('to: nobody-knows-this')) + 1;
    expect(error.extensions?.issues).toEqual([
      {
        path: 'facts[0].to',
        code: 'UNKNOWN_REFERENCE',
        message: 'unknown id "nobody-knows-this": not declared in this file and not in the graph',
        line,
        column: expect.any(Number),
      },
    ]);
  });
});
