import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/canonical-json.ts';
import { type EntityState, entityUpdates } from '../../src/ingest/store.ts';

const declaration = (article: string, day: string, declaredAs: string, value: object | null) => ({
  article,
  publishedDay: day,
  declaredAs,
  declaration: value === null ? null : canonicalJson(value),
});

describe('entityUpdates', () => {
  const fresh: EntityState = {
    id: 'ada',
    current: { id: 'ada', name: 'ada' },
    declarations: [
      declaration('a1', '2001-01-01', 'ada', { type: 'Person', name: 'Ada Lovelace' }),
      declaration('a2', '2002-01-01', 'lovelace', { type: 'Person', name: 'A. Lovelace' }),
    ],
    redirects: [],
  };

  it('writes an entity whose properties or redirects change', () => {
    const { updates, deleted, renamed } = entityUpdates([fresh]);
    expect(deleted).toEqual([]);
    expect(renamed.size).toBe(0);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.props.name).toBe('Ada Lovelace');
    expect(updates[0]!.redirects).toEqual(['lovelace']);
  });

  it('skips an entity the graph already holds as it would be written', () => {
    const [update] = entityUpdates([fresh]).updates;
    const stored: EntityState = {
      ...fresh,
      current: update!.props,
      redirects: [{ id: 'lovelace', by: 'name' }],
    };
    expect(entityUpdates([stored]).updates).toEqual([]);
    // A redirect too many, or one missing, is written.
    const extra = { ...stored, redirects: [...stored.redirects, { id: 'old', by: 'name' }] };
    expect(entityUpdates([extra]).updates).toHaveLength(1);
    expect(entityUpdates([{ ...stored, redirects: [] }]).updates).toHaveLength(1);
    // A merge redirect is the user's: it stays as it is, so it asks for no write.
    const merged = { ...stored, redirects: [...stored.redirects, { id: 'x', by: 'merge' }] };
    expect(entityUpdates([merged]).updates).toEqual([]);
  });

  it('deletes an entity without declarations and reports a rename', () => {
    const older = declaration('a0', '2000-01-01', 'lovelace-ada', {
      type: 'Person',
      name: 'Ada',
    });
    const result = entityUpdates([
      { ...fresh, id: 'gone', declarations: [] },
      { ...fresh, declarations: [...fresh.declarations, older] },
    ]);
    expect(result.deleted).toEqual(['gone']);
    expect([...result.renamed]).toEqual([['ada', 'lovelace-ada']]);
  });
});
