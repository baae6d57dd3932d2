import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { articleFileSchema } from '../../src/ingest/format.ts';
import { factKey } from '../../src/ingest/facts.ts';
import { contentHash, mergeEntity, planArticle, primaryReport } from '../../src/ingest/plan.ts';
import { nameKeys } from '../../src/model/names.ts';
import { SEED_ARTICLE } from '../support/articles.ts';

const seed = articleFileSchema.parse(parse(readFileSync(SEED_ARTICLE, 'utf8')));

const decl = (article: string, publishedDay: string, declaredAs: string, value: object | null) => ({
  article,
  publishedDay,
  declaredAs,
  declaration: value === null ? null : JSON.stringify(value),
});

describe('planArticle', () => {
  it('plans every entity, fact and claim of the seed, each mention once', () => {
    const plan = planArticle(seed, new Map());
    expect(plan.entities).toHaveLength(seed.entities.length);
    expect(plan.facts).toHaveLength(seed.facts.length);
    expect(plan.claims.map((c) => c.id)).toEqual(seed.claims.map((c) => c.id));
    const keys = plan.mentions.map((m) => `${m.id}/${m.declaredAs}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(plan.mentions.filter((m) => m.declaration !== null)).toHaveLength(seed.entities.length);
    expect(plan.article).toMatchObject({
      id: 'article-n-square-dinner-2008',
      published: '2008-03',
      publishedPrecision: 'MONTH',
      publishedDay: '2008-03-01',
    });
  });

  it('writes to the entities the graph resolved, and keeps what the file stated in its own ids', () => {
    const plan = planArticle(seed, new Map([['citrix', 'citrix-systems']]));
    expect(plan.entities.map((e) => e.id)).toContain('citrix-systems');
    expect(plan.entities.map((e) => e.id)).not.toContain('citrix');
    expect(plan.facts.find((f) => f.type === 'PART_OF')).toMatchObject({
      from: 'xensource',
      to: 'citrix-systems',
      statement: { article: 'article-n-square-dinner-2008' },
    });
    expect(plan.mentions).toContainEqual(
      expect.objectContaining({ id: 'citrix-systems', declaredAs: 'citrix' }),
    );
    // Declarations and statements name entities as the file did, whatever they resolved to
    // this time, so they read the same in any import order.
    const claim = plan.claims.find(
      (c) => c.id === 'vmware-and-citrix-promote-virtualization-adoption',
    )!;
    expect(JSON.parse(claim.declaration).speakers).toEqual([{ id: 'vmware' }, { id: 'citrix' }]);
  });

  it('hashes meaning, not formatting or key order', () => {
    const reordered = {
      ...seed,
      claims: seed.claims,
      facts: seed.facts,
      entities: seed.entities,
      article: { ...seed.article },
    };
    expect(contentHash(reordered)).toBe(contentHash(seed));
    expect(contentHash({ ...seed, article: { ...seed.article, title: 'Other' } })).not.toBe(
      contentHash(seed),
    );
  });

  it('keys facts by their qualifiers', () => {
    expect(factKey({ role: 'CTO' })).toBe('cto||||');
    expect(factKey({ role: 'Cto' })).toBe(factKey({ role: 'CTO' }));
    expect(factKey({ role: 'CTO', validFrom: '2007' })).not.toBe(factKey({ role: 'CTO' }));
  });
});

describe('mergeEntity', () => {
  it('takes fields from the newest own declaration and unions every name as an alias', () => {
    const props = mergeEntity('citrix', {}, [
      decl('b', '2008-05-01', 'citrix', {
        type: 'Organization',
        name: 'Citrix Systems',
        description: 'newer',
      }),
      decl('a', '2008-03-01', 'citrix', {
        type: 'Organization',
        name: 'Citrix',
        aliases: ['CTXS'],
        kind: 'company',
      }),
      decl('c', '2009-01-01', 'citrix-inc', { type: 'Organization', name: 'Citrix Inc' }),
    ]);
    expect(props).toEqual({
      id: 'citrix',
      name: 'Citrix Systems',
      description: 'newer',
      kind: 'company',
      aliases: ['CTXS', 'Citrix', 'Citrix Inc'],
      nameKeys: ['citrix', 'citrix inc', 'citrix systems', 'ctxs'],
    });
  });

  it('does not depend on the order declarations arrive in', () => {
    const ds = [
      decl('a', '2008-03-01', 'x', { type: 'Topic', name: 'One', kind: 'product' }),
      decl('b', '2008-03-01', 'x', { type: 'Topic', name: 'Two', kind: 'product' }),
    ];
    expect(mergeEntity('x', {}, ds)).toEqual(mergeEntity('x', {}, [...ds].reverse()));
    expect(mergeEntity('x', {}, ds).name).toBe('Two');
  });

  it('keeps its fields when only references and other ids remain, and adds merged names', () => {
    const props = mergeEntity(
      'x',
      { id: 'x', name: 'Kept', kind: 'product', aliases: ['K'] },
      [decl('a', '2008-01-01', 'x', null)],
      ['Old Name'],
    );
    expect(props).toMatchObject({ name: 'Kept', kind: 'product', aliases: ['K', 'Old Name'] });
  });

  it('stores event dates with precision and the days they cover', () => {
    const props = mergeEntity('e', {}, [
      decl('a', '2008-01-01', 'e', {
        type: 'Event',
        name: 'E',
        kind: 'conference',
        startDate: '2008-04',
        endDate: '2008-04',
      }),
    ]);
    expect(props).toMatchObject({
      startDate: '2008-04',
      startDatePrecision: 'MONTH',
      startDateDay: '2008-04-01',
      endDateDay: '2008-04-30',
    });
  });
});

describe('primaryReport and nameKeys', () => {
  it('takes a claim from its first report', () => {
    const first = primaryReport([
      {
        article: 'b',
        publishedDay: '2008-05-01',
        declaration: JSON.stringify({ statement: 'later' }),
      },
      {
        article: 'a',
        publishedDay: '2008-03-01',
        declaration: JSON.stringify({ statement: 'first' }),
      },
    ]);
    expect(first?.statement).toBe('first');
    expect(primaryReport([])).toBeUndefined();
  });

  it('normalises and deduplicates names', () => {
    expect(nameKeys("Ming's Restaurant", ['Mings Restaurant', 'MING’S RESTAURANT'])).toEqual([
      'mings restaurant',
    ]);
  });
});
