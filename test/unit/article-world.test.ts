import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatIssue } from '../../src/ingest/issues.ts';
import { validateArticleText } from '../../src/ingest/validate.ts';
import {
  articleSetArbitrary,
  fileDeclares,
  fileReferences,
  normaliseName,
  seededRandom,
  validOrder,
  worldIndex,
  type GeneratedSet,
} from '../support/article-world.ts';

const RUNS = 100;

/** Whether two files state the same true fact with dates of different precision. */
function hasSameFactWithDifferentPrecision(set: GeneratedSet): boolean {
  const trueEntity = worldIndex(set);
  const precisions = new Map<string, Set<number>>();
  for (const { document } of set.files) {
    for (const fact of document.facts ?? []) {
      const date = 'date' in fact ? fact.date : 'validFrom' in fact ? fact.validFrom : undefined;
      if (date === undefined) continue;
      const role = 'role' in fact ? (fact.role ?? '') : '';
      const key = [fact.type, trueEntity.get(fact.from), trueEntity.get(fact.to), role].join('|');
      const seen = precisions.get(key) ?? new Set<number>();
      seen.add(date.length);
      precisions.set(key, seen);
    }
  }
  return [...precisions.values()].some((seen) => seen.size > 1);
}

describe('articleSetArbitrary', () => {
  it('generates files that each pass validation on their own', () => {
    fc.assert(
      fc.property(articleSetArbitrary(), (set) => {
        expect(set.files.length).toBeGreaterThanOrEqual(4);
        expect(set.files.length).toBeLessThanOrEqual(8);
        expect(set.world.length).toBeGreaterThanOrEqual(6);
        expect(set.world.length).toBeLessThanOrEqual(14);
        for (const { name, document } of set.files) {
          const result = validateArticleText(stringify(document), name);
          const problems = result.ok ? [] : result.errors.map(formatIssue);
          expect(problems).toEqual([]);
          expect(document.entities?.length).toBeGreaterThanOrEqual(1);
          expect(document.entities?.length).toBeLessThanOrEqual(4);
        }
      }),
      { numRuns: RUNS },
    );
    // Generating and validating sets takes seconds on a busy machine: vitest's 5 s is too tight.
  }, 60_000);

  it('respects the file count options', () => {
    fc.assert(
      fc.property(articleSetArbitrary({ minFiles: 2, maxFiles: 3 }), (set) => {
        expect(set.files.length).toBeGreaterThanOrEqual(2);
        expect(set.files.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 20 },
    );
  });

  it('never gives two true entities the same normalised name or the same id', () => {
    fc.assert(
      fc.property(articleSetArbitrary(), (set) => {
        const owner = new Map<string, number>();
        set.world.forEach((entity, i) => {
          for (const key of [...entity.names.map(normaliseName), ...entity.ids]) {
            expect(owner.get(key) ?? i, `${key} belongs to two entities`).toBe(i);
            owner.set(key, i);
          }
          for (const id of entity.ids) expect(id).not.toMatch(/^(article|claim)-gen-/);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('declares true entities consistently: their type, their canonical name, one id per file', () => {
    fc.assert(
      fc.property(articleSetArbitrary(), (set) => {
        const trueEntity = worldIndex(set);
        for (const { document } of set.files) {
          const used = [...fileDeclares({ document }), ...fileReferences({ document })];
          const entities = used.map((id) => trueEntity.get(id));
          expect(entities).not.toContain(undefined);
          expect(new Set(entities).size).toBe(entities.length);
          for (const entity of document.entities ?? []) {
            const truth = set.world[trueEntity.get(entity.id)!]!;
            expect(entity.type).toBe(truth.type);
            expect([entity.name, ...(entity.aliases ?? [])]).toContain(truth.names[0]);
            for (const name of [entity.name, ...(entity.aliases ?? [])]) {
              expect(truth.names).toContain(name);
            }
          }
          for (const fact of document.facts ?? []) {
            expect(trueEntity.get(fact.from)).not.toBe(trueEntity.get(fact.to));
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('orders files so that every reference is declared by an earlier file', () => {
    fc.assert(
      fc.property(articleSetArbitrary(), fc.integer(), (set, seed) => {
        // Index order is valid by construction.
        const declared = new Set<string>();
        for (const file of set.files) {
          for (const id of fileReferences(file)) expect(declared).toContain(id);
          for (const id of fileDeclares(file)) declared.add(id);
        }
        const order = validOrder(set, seededRandom(seed));
        expect(order.map((f) => f.name).sort()).toEqual(set.files.map((f) => f.name).sort());
        const seen = new Set<string>();
        for (const file of order) {
          for (const id of fileReferences(file)) expect(seen).toContain(id);
          for (const id of fileDeclares(file)) seen.add(id);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('varies the order, and references ids declared by other files', () => {
    const samples = fc.sample(fc.tuple(articleSetArbitrary(), fc.integer()), 200);
    const reordered = samples.filter(([set, seed]) =>
      validOrder(set, seededRandom(seed)).some((file, i) => file !== set.files[i]),
    );
    const referencing = samples.filter(([set]) =>
      set.files.some((file) => fileReferences(file).length > 0),
    );
    expect(reordered.length).toBeGreaterThan(100);
    expect(referencing.length).toBeGreaterThan(100);
  });

  it('often states the same fact with different date precision in different files', () => {
    const samples = fc.sample(articleSetArbitrary(), 200);
    const hits = samples.filter(hasSameFactWithDifferentPrecision).length;
    expect(hits).toBeGreaterThan(200 * 0.2);
  });

  it('often reports the same claim id in several files', () => {
    const samples = fc.sample(articleSetArbitrary(), 200);
    const shared = samples.filter((set) => {
      const ids = set.files.flatMap((f) => (f.document.claims ?? []).map((c) => c.id));
      return new Set(ids).size < ids.length;
    });
    expect(shared.length).toBeGreaterThan(200 * 0.2);
  });
});
