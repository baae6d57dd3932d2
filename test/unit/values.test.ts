import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/db/values.ts';

describe('toPlain', () => {
  it('turns Neo4j integers into numbers, and huge ones into strings rather than rounding', () => {
    expect(toPlain(neo4j.int(42))).toBe(42);
    expect(toPlain(neo4j.int('9007199254740993'))).toBe('9007199254740993');
  });

  it('turns temporals into ISO strings', () => {
    expect(toPlain(new neo4j.types.Date(2008, 3, 11))).toBe('2008-03-11');
    expect(toPlain(new neo4j.types.DateTime(2008, 3, 11, 19, 30, 0, 0, 0))).toBe(
      '2008-03-11T19:30:00Z',
    );
    expect(toPlain(new neo4j.types.Duration(0, 2, 0, 0))).toBe('P2DT');
  });

  it('converts nested lists and maps, and null stays null', () => {
    expect(
      toPlain({
        a: [neo4j.int(1), { b: new neo4j.types.Date(2008, 1, 2) }],
        c: null,
        d: undefined,
      }),
    ).toEqual({
      a: [1, { b: '2008-01-02' }],
      c: null,
      d: null,
    });
  });

  it('turns nodes into their properties', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Person'], { id: 'x', n: neo4j.int(3) }, 'e1');
    expect(toPlain(node)).toEqual({ id: 'x', n: 3 });
  });
});
