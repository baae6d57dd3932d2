import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  articleCondition,
  entityCondition,
  type EntityWhere,
  Params,
} from '../../src/graph/filters.ts';

/** Arbitrary `where` trees, with any text in every value. */
const stringFilter = fc.record(
  {
    eq: fc.string(),
    in: fc.array(fc.string(), { maxLength: 3 }),
    contains: fc.string(),
    startsWith: fc.string(),
  },
  { requiredKeys: [] },
);
function whereOf(depth: number): fc.Arbitrary<EntityWhere> {
  const leaf = {
    id: fc.record({ eq: fc.string(), in: fc.array(fc.string()) }, { requiredKeys: [] }),
    name: stringFilter,
    nameOrAlias: stringFilter,
    kind: stringFilter,
  };
  if (depth === 0) return fc.record(leaf, { requiredKeys: [] });
  const inner = whereOf(depth - 1);
  return fc.record(
    {
      ...leaf,
      AND: fc.array(inner, { maxLength: 2 }),
      OR: fc.array(inner, { maxLength: 2 }),
      NOT: inner,
    },
    { requiredKeys: [] },
  );
}
const where = whereOf(3);

describe('entityCondition', () => {
  it('puts every value in a parameter, never in the Cypher text', () => {
    fc.assert(
      fc.property(where, (w) => {
        const params = new Params();
        const cypher = entityCondition('n', w, params);
        // The text is built from fixed fragments and parameter names only.
        const withoutParams = cypher.replace(/\$w\d+/g, '');
        expect(withoutParams).toMatch(/^[\w\s().=<>,'|[\]-]*$/);
        expect(withoutParams).not.toMatch(/'[^']*[^A-Z'][^']*'/);
        for (const name of cypher.match(/\$w\d+/g) ?? []) {
          expect(params.values).toHaveProperty(name.slice(1));
        }
      }),
      { numRuns: 300 },
    );
    // 300 generated filters take seconds on a busy machine: vitest's 5 s is too tight.
  }, 60_000);

  it('compiles each operator, and AND, OR, NOT', () => {
    const params = new Params();
    const cypher = entityCondition(
      'n',
      {
        name: { startsWith: 'S', in: ['Simon Crosby'] },
        OR: [{ kind: { eq: 'company' } }, { id: { eq: 'vmware' } }],
        NOT: { nameOrAlias: { contains: 'Xen' } },
      },
      params,
    );
    expect(cypher).toContain('n.name IN $w0');
    expect(cypher).toContain('n.name STARTS WITH $w1');
    expect(cypher).toContain('((n.kind = $w2)) OR ((n.id = $w3))');
    expect(cypher).toContain('NOT (');
    expect(cypher).toContain('any(alias IN coalesce(n.aliases, [])');
    expect(params.values).toEqual({
      w0: ['Simon Crosby'],
      w1: 'S',
      w2: 'company',
      w3: 'vmware',
      w4: 'Xen',
      w5: 'Xen',
    });
  });

  it('matches everything without a filter, nothing with an empty OR', () => {
    expect(entityCondition('n', undefined, new Params())).toBe('true');
    expect(entityCondition('n', { OR: [] }, new Params())).toBe('(false)');
  });

  it('refuses a filter nested deeper than eight levels', () => {
    let deep: EntityWhere = { name: { eq: 'x' } };
    for (let i = 0; i < 10; i++) deep = { NOT: deep };
    expect(() => entityCondition('n', deep, new Params())).toThrow(
      'where: nested deeper than 8 levels.',
    );
  });

  it('refuses a date range that ends before it starts', () => {
    expect(() =>
      entityCondition('n', { date: { from: '2009-01-01', to: '2008-01-01' } }, new Params()),
    ).toThrow('date: from (2009-01-01) is after to (2008-01-01).');
  });
});

describe('articleCondition', () => {
  it('filters on what articles have: title, publisher, date, mentions', () => {
    const params = new Params();
    const cypher = articleCondition(
      'a',
      { title: { contains: 'Xen' }, published: { from: '2008-01-01' }, mentions: 'citrix' },
      params,
    );
    expect(cypher).toContain('a.title CONTAINS $w0');
    expect(cypher).toContain('a.publishedDay IS NOT NULL');
    expect(cypher).toContain('EXISTS { (a)-[:MENTIONS]->(:Node {id: $w2}) }');
    expect(params.values).toEqual({ w0: 'Xen', w1: '2008-01-01', w2: 'citrix' });
  });
});
