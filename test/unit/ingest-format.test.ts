import { describe, expect, it } from 'vitest';
import { articleFileSchema, describeValue, speakerOf, targetOf } from '../../src/ingest/format.ts';
import { FACT_TYPES, describeEndpoints } from '../../src/model/vocabulary.ts';

describe('the format schemas', () => {
  it('default absent entities, facts and claims to empty lists', () => {
    const parsed = articleFileSchema.parse({
      format: 'kg-article/1',
      article: { id: 'a', title: 'A', publishedAt: '2008' },
    });
    expect(parsed).toMatchObject({ entities: [], facts: [], claims: [] });
  });

  it('describe fact endpoints from the vocabulary', () => {
    expect(describeEndpoints('WORKS_FOR')).toBe('Person -> Organization');
    expect(describeEndpoints('PART_OF')).toBe('Organization -> Organization or Place -> Place');
    expect(describeEndpoints('LOCATED_IN')).toBe('Organization|Place|Event -> Place');
    expect(Object.keys(FACT_TYPES)).toHaveLength(11);
  });
});

describe('speakerOf and targetOf', () => {
  it('spell out a speaker written as an id or as an object', () => {
    expect(speakerOf('simon-crosby')).toEqual({ id: 'simon-crosby' });
    expect(speakerOf({ id: 'simon-crosby', role: 'CTO', organization: 'xensource' })).toEqual({
      id: 'simon-crosby',
      role: 'CTO',
      organization: 'xensource',
    });
  });

  it("give a target its own stance, or else the claim's", () => {
    expect(targetOf('blue-pill', 'DISMISSES')).toEqual({ id: 'blue-pill', stance: 'DISMISSES' });
    expect(targetOf({ id: 'blue-pill' }, 'DISMISSES')).toEqual({
      id: 'blue-pill',
      stance: 'DISMISSES',
    });
    expect(targetOf({ id: 'vmsafe', stance: 'PROMOTES' }, 'DISMISSES')).toEqual({
      id: 'vmsafe',
      stance: 'PROMOTES',
    });
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    ['DISMISS', '"DISMISS"'],
    [42, 'number 42'],
    [true, 'boolean true'],
    [[1], 'a list'],
    [{ a: 1 }, 'an object'],
    ['x'.repeat(100), `"${'x'.repeat(57)}..." (100 characters)`],
  ])('shows %j as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});
