import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { claimReader } from '../../src/claims/claim-reader.ts';
import { projectRoot } from '../../src/config.ts';
import type { Stance } from '../../src/model/vocabulary.ts';
import { holdsOn, type RelationRecord } from '../../src/model/records.ts';
import { relationReader } from '../../src/graph/relation-reader.ts';
import { collectArticleFiles } from '../../src/ingest/files.ts';
import { importFiles, mergeEntities, retractArticle } from '../../src/ingest/importer.ts';
import {
  exportLines,
  followUpArticle,
  importDocument,
  parseLine,
  SEED_ARTICLE_ID,
  seedArticle,
} from '../support/articles.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

// The read side the GraphQL API uses, queried directly: the PRODUCT questions at repository level.
const claims = claimReader(neo4j.db);
const relations = relationReader(neo4j.db);

/** The claims about a target (with this stance towards it), with speakers and sources. */
async function claimsAbout(about: string, stance?: Stance) {
  const rows = await claims.page({ about, stance }, 'ID', { first: 100 });
  const details = await claims.details(rows.map((r) => r.node.id));
  return details.map((d) => d!);
}

async function relationsOf(id: string, type: string, direction: 'IN' | 'OUT') {
  const [found] = await relations.relations([{ id, types: [type], direction }]);
  return found!;
}

const rolesAsOf = async (person: string, day: string) =>
  (await relationsOf(person, 'WORKS_FOR', 'OUT')).filter((r) => holdsOn(r, day));

async function importSeed() {
  const { files } = await collectArticleFiles([path.join(projectRoot, 'seed')]);
  return importFiles(neo4j.db, files);
}

describe('importing seed/', () => {
  beforeEach(() => wipeTestGraph(neo4j.db));

  it('imports every seed file, and importing again changes nothing', async () => {
    const first = await importSeed();
    expect(first.map((o) => [path.basename(o.file), o.status])).toEqual(
      first.map((o) => [path.basename(o.file), 'created']),
    );
    const before = await exportLines(neo4j.db);
    const again = await importSeed();
    expect(again.every((o) => o.status === 'unchanged')).toBe(true);
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('answers who dismissed Blue Pill, with the article and quote (question 1)', async () => {
    await importSeed();
    const dismissals = await claimsAbout('blue-pill', 'DISMISSES');
    const speakers = new Set(dismissals.flatMap((c) => c.attributions.map((a) => a.speaker)));
    expect([...speakers].sort()).toEqual(['nand-mulchandani', 'peter-christy', 'simon-crosby']);
    for (const claim of dismissals) {
      expect(claim.sources[0]?.article).toBe(SEED_ARTICLE_ID);
      expect(claim.sources[0]?.quote).toBeTruthy();
    }
  });

  it('answers who took part in the N-Square dinner, in what role, for whom (question 2)', async () => {
    await importSeed();
    const participants = await relationsOf('n-square-dinner-2008', 'PARTICIPATED_IN', 'IN');
    expect(participants.map((p) => [p.from, p.props.role, p.props.representing])).toEqual([
      ['nand-mulchandani', 'panelist', 'vmware'],
      ['peter-christy', 'moderator', 'internet-research-group'],
      ['simon-crosby', 'panelist', 'xensource'],
    ]);
  });

  it("answers Simon Crosby's role as of 2008-03-11 (question 4)", async () => {
    await importSeed();
    const roles = await rolesAsOf('simon-crosby', '2008-03-11');
    expect(roles).toContainEqual(
      expect.objectContaining({ to: 'xensource', props: expect.objectContaining({ role: 'CTO' }) }),
    );
    const later = await rolesAsOf('simon-crosby', '2012-01-01');
    expect(later.map((r) => r.to)).not.toContain('citrix');
  });

  it('answers where a claim comes from, first report first (question 6)', async () => {
    await importSeed();
    await importDocument(neo4j.db, followUpArticle());
    const [details] = await claims.details(['crosby-dismisses-blue-pill']);
    const sources = details!.sources;
    expect(sources.map((s) => s.article)).toEqual([SEED_ARTICLE_ID, 'article-follow-up-2008']);
    expect(sources[1]?.quote).toBe('Crosby repeated that Blue Pill should be ignored');
  });

  it('answers what an article asserts (question 10) and what rests on a single source (question 11)', async () => {
    await importSeed();
    const [assertedFacts] = await relations.articleFacts([SEED_ARTICLE_ID]);
    const [assertedClaims] = await claims.linked([{ id: SEED_ARTICLE_ID, link: 'REPORTED_IN' }]);
    const seed = seedArticle();
    expect(assertedClaims!.map((c) => c.claim.id).sort()).toEqual(
      seed.claims!.map((c) => c.id).sort(),
    );
    expect(assertedFacts).toHaveLength(seed.facts!.length);
    expect(assertedFacts).toContainEqual(
      expect.objectContaining({
        type: 'HOSTED',
        from: 'internet-research-group',
        to: 'n-square-dinner-2008',
      }),
    );

    await importDocument(neo4j.db, followUpArticle());
    const single = {
      facts: await relations.singleSourced(null, 500),
      claims: await claims.singleSourced(null, 500),
    };
    const crosbyCto = (f: RelationRecord) =>
      f.type === 'WORKS_FOR' &&
      f.from === 'simon-crosby' &&
      f.to === 'xensource' &&
      f.props.role === 'CTO';
    expect(single.facts.some(crosbyCto)).toBe(false); // now stated by two articles
    expect(single.facts).toContainEqual(
      expect.objectContaining({
        type: 'HOSTED',
        props: expect.objectContaining({ sources: [SEED_ARTICLE_ID] }),
      }),
    );
    expect(single.claims.map((c) => c.id)).not.toContain('crosby-dismisses-blue-pill');
    expect(single.claims.map((c) => c.id)).toContain('christy-dismisses-blue-pill');
  });
});

describe('corrections, retraction and merges', () => {
  beforeEach(async () => {
    await wipeTestGraph(neo4j.db);
    await importSeed();
  });

  it('a corrected article replaces exactly what changed, and the original restores the graph', async () => {
    const original = await exportLines(neo4j.db);
    const corrected = seedArticle();
    corrected.facts = corrected.facts!.filter((f) => f.type !== 'DISCUSSED');
    corrected.facts.push({ type: 'LOCATED_IN', from: 'internet-research-group', to: 'palo-alto' });
    const claim = corrected.claims!.find((c) => c.id === 'christy-dismisses-blue-pill')!;
    claim.stance = 'DISPUTES';
    claim.targets = [{ id: 'blue-pill', stance: 'DISPUTES' }];

    const outcome = await importDocument(neo4j.db, corrected, 'seed-corrected.yaml');
    expect(outcome.status).toBe('updated');
    const after = await exportLines(neo4j.db);
    const removed = original.filter((l) => !after.includes(l));
    const added = after.filter((l) => !original.includes(l));
    const kinds = (lines: string[]) => lines.map(parseLine);
    // Gone: the DISCUSSED facts only the seed stated, and the old version of Christy's claim.
    expect(kinds(removed).filter((l) => l.type === 'DISCUSSED')).toHaveLength(
      seedArticle().facts!.filter((f) => f.type === 'DISCUSSED').length,
    );
    expect(
      kinds(removed).every((l) =>
        ['DISCUSSED', 'ABOUT', 'REPORTED_IN', undefined].includes(l.type),
      ),
    ).toBe(true);
    // New: the added fact, and Christy's claim with its new stance.
    expect(
      kinds(added)
        .map((l) => l.type ?? l.properties.id)
        .sort(),
    ).toEqual(
      ['ABOUT', 'LOCATED_IN', 'REPORTED_IN', 'christy-dismisses-blue-pill', SEED_ARTICLE_ID].sort(),
    );
    const christy = await claimsAbout('blue-pill', 'DISPUTES');
    expect(christy.map((c) => c.id)).toEqual(['christy-dismisses-blue-pill']);

    const restored = await importDocument(neo4j.db, seedArticle(), 'seed-again.yaml');
    expect(restored.status).toBe('updated');
    expect(await exportLines(neo4j.db)).toEqual(original);
  });

  it('import then retract leaves the graph exactly as before', async () => {
    const before = await exportLines(neo4j.db);
    const outcome = await importDocument(neo4j.db, followUpArticle());
    expect(outcome).toMatchObject({
      status: 'created',
      entitiesCreated: ['xenserver-4-1'],
      entitiesMatched: [{ fileId: 'citrix-systems', id: 'citrix', by: 'name' }],
    });
    const during = await exportLines(neo4j.db);
    expect(during).not.toEqual(before);
    expect(during.join('\n')).toContain('"CTXS"'); // the alias the follow-up adds to Citrix

    const retracted = await retractArticle(neo4j.db, 'article-follow-up-2008');
    expect(retracted.entitiesDeleted).toEqual(['xenserver-4-1']);
    expect(retracted.claimsDeleted).toEqual([]);
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('retracting the seed article keeps what background sources still support', async () => {
    await retractArticle(neo4j.db, SEED_ARTICLE_ID);
    const lines = (await exportLines(neo4j.db)).map(parseLine);
    const ids = lines.filter((l) => l.kind === 'node').map((l) => l.properties.id);
    expect(ids).not.toContain(SEED_ARTICLE_ID);
    expect(ids).not.toContain('crosby-dismisses-blue-pill');
    expect(ids).not.toContain('n-square-dinner-2008');
    expect(ids).toEqual(
      expect.arrayContaining(['citrix', 'xensource', 'simon-crosby', 'blue-pill']),
    );
    for (const rel of lines.filter((l) => l.kind === 'relationship' && l.properties.sources)) {
      expect(rel.properties.sources).not.toContain(SEED_ARTICLE_ID);
    }
  });

  it('merge: both ids answer, no relationship or source is lost', async () => {
    await importDocument(neo4j.db, {
      format: 'kg-article/1',
      article: { id: 'article-citrix-inc', title: 'Citrix Inc. notes', publishedAt: '2008-05' },
      entities: [{ id: 'citrix-inc', type: 'Organization', name: 'Citrix Incorporated' }],
      facts: [
        { type: 'ACQUIRED', from: 'citrix-inc', to: 'xensource', date: '2007-10' },
        { type: 'DEVELOPS', from: 'citrix-inc', to: 'xenserver' },
      ],
      claims: [
        {
          id: 'citrix-inc-promotes-xenserver',
          statement: 'XenServer is ready.',
          stance: 'PROMOTES',
          speakers: ['citrix-inc'],
          targets: ['xenserver'],
        },
      ],
    });
    const sourcesOf = async (id: string) =>
      (await exportLines(neo4j.db))
        .map(parseLine)
        .filter((l) => l.kind === 'relationship' && l.type !== 'REDIRECTS_TO')
        .filter((l) => l.from === id || l.to === id)
        .flatMap((l) => (l.properties.sources ?? [String(l.type)]).map((s) => `${l.type}:${s}`));
    const expected = [...(await sourcesOf('citrix')), ...(await sourcesOf('citrix-inc'))].sort();

    const result = await mergeEntities(neo4j.db, 'citrix', 'citrix-inc');
    expect(result.aliases).toEqual(
      expect.arrayContaining(['Citrix Incorporated', 'Citrix Systems']),
    );
    expect((await sourcesOf('citrix')).sort()).toEqual(expected);
    expect(await sourcesOf('citrix-inc')).toEqual([]);

    const [redirect] = await neo4j.db.read(
      `MATCH (:Redirect {id: 'citrix-inc'})-[:REDIRECTS_TO]->(n) RETURN n.id AS id`,
    );
    expect(redirect?.id).toBe('citrix');
    const aboutXenServer = await claimsAbout('xenserver');
    expect(
      aboutXenServer
        .find((c) => c.id === 'citrix-inc-promotes-xenserver')
        ?.attributions.map((a) => a.speaker),
    ).toEqual(['citrix']);

    // The old id keeps working in files too: it resolves to the kept entity.
    const again = await importDocument(neo4j.db, {
      format: 'kg-article/1',
      article: { id: 'article-after-merge', title: 'After the merge', publishedAt: '2008-06' },
      facts: [{ type: 'DEVELOPS', from: 'citrix-inc', to: 'vmsafe' }],
    });
    expect(again).toMatchObject({
      status: 'created',
      entitiesMatched: [{ fileId: 'citrix-inc', id: 'citrix', by: 'redirect' }],
    });
    const [develops] = await neo4j.db.read(
      `MATCH (:Organization {id: 'citrix'})-[r:DEVELOPS]->(:Topic {id: 'vmsafe'}) RETURN r.sources AS sources`,
    );
    expect(develops?.sources).toEqual(['article-after-merge']);
  });

  it('attaches a new id to the one existing entity with that name, and refuses an ambiguous one', async () => {
    const attach = await importDocument(neo4j.db, {
      format: 'kg-article/1',
      article: { id: 'article-crosby-profile', title: 'Profile', publishedAt: '2008-05' },
      entities: [{ id: 'crosby-simon', type: 'Person', name: 'SIMON CROSBY' }],
      facts: [{ type: 'WORKS_FOR', from: 'crosby-simon', to: 'citrix', role: 'CTO' }],
    });
    expect(attach).toMatchObject({
      status: 'created',
      entitiesMatched: [
        { fileId: 'crosby-simon', id: 'simon-crosby', name: 'Simon Crosby', by: 'name' },
      ],
    });
    const [people] = await neo4j.db.read(
      `MATCH (p:Person) WHERE p.name =~ '(?i)simon crosby' RETURN count(p) AS n`,
    );
    expect(people?.n).toBe(1);

    await neo4j.db.write(
      `MATCH (p:Person {id: 'peter-christy'}) SET p.nameKeys = p.nameKeys + ['the speaker']`,
    );
    await neo4j.db.write(
      `MATCH (p:Person {id: 'simon-crosby'}) SET p.nameKeys = p.nameKeys + ['the speaker']`,
    );
    const before = await exportLines(neo4j.db);
    const ambiguous = await importDocument(
      neo4j.db,
      {
        format: 'kg-article/1',
        article: { id: 'article-ambiguous', title: 'Who?', publishedAt: '2008-05' },
        entities: [{ id: 'the-speaker', type: 'Person', name: 'The Speaker' }],
      },
      'ambiguous.yaml',
    );
    expect(ambiguous.status).toBe('failed');
    expect(ambiguous.status === 'failed' && ambiguous.errors[0]).toMatchObject({
      file: 'ambiguous.yaml',
      path: 'entities[0]',
      message: expect.stringContaining(
        'peter-christy (Peter Christy), simon-crosby (Simon Crosby)',
      ),
    });
    expect(await exportLines(neo4j.db)).toEqual(before);
  });
});
