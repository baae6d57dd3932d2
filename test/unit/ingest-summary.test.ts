import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/canonical-json.ts';
import { compare } from '../../src/ingest/facts.ts';
import { type EntityDeclaration, entityFromSummary, type Props } from '../../src/ingest/plan.ts';
import {
  addDeclarations,
  canonicalFrom,
  parseSummary,
  serializeSummary,
  summarize,
  withoutBookkeeping,
} from '../../src/ingest/summary.ts';

/**
 * An entity's summary stands for all of its declarations: what is computed from it must be what
 * is computed from the declarations themselves, however they were split between imports.
 */

/** The rules as the import format states them, applied to every declaration in order. */
function oracle(id: string, current: Props, ds: readonly EntityDeclaration[], merged: string[]) {
  const ordered = [...ds].sort(
    (a, b) => compare(a.publishedDay, b.publishedDay) || compare(a.article, b.article),
  );
  const declared = ordered.filter((d) => d.declaration !== null);
  const own = declared.filter((d) => d.declaredAs === id);
  const fields: Props = {};
  for (const d of own) {
    const { type: _type, aliases: _aliases, ...rest } = JSON.parse(d.declaration!) as Props;
    Object.assign(fields, rest);
  }
  const names = new Set<string>();
  for (const d of declared) {
    const value = JSON.parse(d.declaration!) as Props;
    names.add(String(value.name));
    for (const alias of (value.aliases as string[] | undefined) ?? []) names.add(alias);
  }
  if (own.length === 0) for (const a of (current.aliases as string[]) ?? []) names.add(a);
  for (const n of merged) names.add(n);
  const name = String((own.length ? fields.name : current.name) ?? id);
  names.delete(name);
  const canonical =
    [...declared]
      .filter((d) => !merged.includes(d.declaredAs))
      .sort(
        (a, b) =>
          compare(a.publishedDay, b.publishedDay) ||
          compare(a.article, b.article) ||
          compare(a.declaredAs, b.declaredAs),
      )[0]?.declaredAs ?? id;
  return { name, names: [...names].sort(compare), canonical, fields: own.length ? fields : null };
}

const declarationArb = fc.record({
  article: fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5', 'a6'),
  publishedDay: fc.constantFrom('2007-01-01', '2008-03-11', '2008-03-12'),
  declaredAs: fc.constantFrom('x', 'x-inc', 'the-x'),
  declaration: fc.option(
    fc
      .record(
        {
          type: fc.constant('Organization'),
          name: fc.constantFrom('X', 'X Inc', 'The X', 'x'),
          aliases: fc.array(fc.constantFrom('XX', 'X Corp', '—'), { maxLength: 2 }),
          kind: fc.constantFrom('company', 'nonprofit'),
          description: fc.string({ maxLength: 6 }),
        },
        { requiredKeys: ['type', 'name'] },
      )
      .map((value) => canonicalJson(value)),
    { nil: null, freq: 4 },
  ),
});

// One article declares an entity once under each id it uses.
const declarationsArb = fc.uniqueArray(declarationArb, {
  maxLength: 12,
  selector: (d) => `${d.article}/${d.declaredAs}`,
});

describe('declaration summaries', () => {
  it('recompute an entity as its declarations do, in any split and order', () => {
    fc.assert(
      fc.property(
        declarationsArb,
        fc.nat(),
        fc.subarray(['the-x']),
        fc.array(fc.constantFrom('Old X', 'Kept'), { maxLength: 2 }),
        (ds, cut, merged, mergedNames) => {
          const current = { id: 'x', name: 'Kept', aliases: ['K'], declared: '{}' };
          const whole = summarize('x', ds);
          const at = ds.length ? cut % (ds.length + 1) : 0;
          const folded = addDeclarations(summarize('x', ds.slice(at)), ds.slice(0, at));
          expect(serializeSummary(folded)).toBe(serializeSummary(whole));
          expect(serializeSummary(summarize('x', [...ds].reverse()))).toBe(serializeSummary(whole));
          expect(parseSummary(serializeSummary(whole))).toEqual(whole);

          const want = oracle('x', current, ds, [...merged, ...mergedNames]);
          expect(canonicalFrom(whole, 'x', new Set(merged))).toBe(want.canonical);
          const props = entityFromSummary(whole, current, mergedNames);
          const expectedNames = oracle('x', current, ds, mergedNames);
          expect(props.name).toBe(expectedNames.name);
          expect([String(props.name), ...(props.aliases as string[])].sort(compare)).toEqual(
            [expectedNames.name, ...expectedNames.names].filter((n) => n !== '—').sort(compare),
          );
          if (want.fields) {
            for (const [key, value] of Object.entries(want.fields))
              expect(props[key]).toEqual(value);
          } else {
            expect(props.kind).toBeUndefined();
          }
          expect(props).not.toHaveProperty('declared');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays out of what an entity says', () => {
    expect(withoutBookkeeping({ id: 'x', declared: '{}', declaredMentions: 2 })).toEqual({
      id: 'x',
    });
    expect(parseSummary('not json')).toBeUndefined();
    expect(parseSummary('{"id":"x"}')).toBeUndefined();
    expect(parseSummary(undefined)).toBeUndefined();
  });
});
