import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRange, decodeCursor, encodeCursor, keyset, toPage } from '../../src/graph/paging.ts';

describe('keyset cursors', () => {
  it('decode what they encode, for any key and id', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (key, id) => {
        expect(decodeCursor('NAME', encodeCursor('NAME', { key, id }))).toEqual({ key, id });
      }),
    );
  });

  it('refuse anything that is not a cursor with BAD_USER_INPUT, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let cursor: unknown;
        try {
          cursor = decodeCursor('NAME', text);
        } catch (error) {
          expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
          return;
        }
        // The rare text that decodes to a well-formed cursor is one.
        expect(cursor).toEqual({ key: expect.any(String), id: expect.any(String) });
      }),
    );
    expect(() => decodeCursor('NAME', 'not-a-cursor')).toThrow(/is not a cursor/);
  });

  it('refuse a cursor of a list sorted another way', () => {
    const cursor = encodeCursor('DATE', { key: '2008-03-11', id: 'x' });
    expect(() => decodeCursor('ID', cursor)).toThrow(/sorted by DATE, not ID/);
  });
});

describe('toPage', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ node: { id: `n${i}` }, sortKey: `k${i}` }));

  it('uses the extra row only to say there is a next page', () => {
    const page = toPage('ID', rows(3), { first: 2 });
    expect(page.edges.map((e) => e.node.id)).toEqual(['n0', 'n1']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page.pageInfo.endCursor).toBe(page.edges[1]?.cursor);
    expect(decodeCursor('ID', page.pageInfo.endCursor!)).toEqual({ key: 'k1', id: 'n1' });
  });

  it('says there is no next page when the rows fit, and a previous one after a cursor', () => {
    const page = toPage('ID', rows(2), { first: 2, after: 'c' });
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(toPage('ID', [], { first: 2 }).pageInfo).toMatchObject({
      startCursor: null,
      endCursor: null,
    });
  });

  it('builds seek conditions in the direction of the sort, with the id breaking ties', () => {
    expect(keyset({ key: 'n.day', descending: false }, 'n', true)).toMatchObject({
      after: '(n.day > $afterKey OR (n.day = $afterKey AND n.id > $afterId))',
      orderBy: 'n.day ASC, n.id ASC',
    });
    expect(keyset({ key: 'c.day', descending: true }, 'c', true).orderBy).toBe(
      'c.day DESC, c.id DESC',
    );
    expect(keyset({ key: 'n.day', descending: false }, 'n', false).after).toBe('true');
  });

  it('seeks an indexed key as a range from the cursor, leaving out its ties up to the cursor', () => {
    expect(keyset({ key: 'n.name', descending: false, indexed: true }, 'n', true).after).toBe(
      'n.name >= $afterKey AND NOT (n.name = $afterKey AND n.id <= $afterId)',
    );
    expect(keyset({ key: 'n.day', descending: true, indexed: true }, 'n', true).after).toBe(
      'n.day <= $afterKey AND NOT (n.day = $afterKey AND n.id >= $afterId)',
    );
    // The first page reads the index in order: it needs the key to exist.
    expect(keyset({ key: 'n.name', descending: false, indexed: true }, 'n', false).after).toBe(
      'n.name IS NOT NULL',
    );
  });
});

describe('checkRange', () => {
  it('names the argument, its range and the value', () => {
    expect(checkRange('first', 5, 1, 100)).toBe(5);
    expect(() => checkRange('first', 0, 1, 100)).toThrow(
      'first must be an integer from 1 to 100; got 0.',
    );
    expect(() => checkRange('depth', 1.5, 1, 3)).toThrow(/depth/);
  });
});
