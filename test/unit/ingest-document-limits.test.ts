import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Composer, LineCounter, parseDocument, stringify } from 'yaml';
import { projectRoot } from '../../src/config.ts';
import {
  DOCUMENT_LIMITS,
  type DocumentLimits,
  limitedYamlTokens,
  measureJson,
  measureValue,
} from '../../src/ingest/document-limits.ts';
import { validateArticleText } from '../../src/ingest/validate.ts';

const DEEP = 2_400_000;
const deepText = (open: string, close: string) =>
  `{"format": "kg-article/1", "article": ${open.repeat(DEEP)}${close.repeat(DEEP)}}`;

/** The limited first stage, composed as `parse.ts` composes it. */
function yamlThroughLimits(text: string, limits: DocumentLimits) {
  const { tokens, measure } = limitedYamlTokens(text, new LineCounter(), limits);
  const [doc] = new Composer().compose(tokens, true, text.length);
  return { measure, value: measure.exceeded ? undefined : doc?.toJS() };
}

/** Levels of lists and mappings, and keys and values, counted on the value. */
function reference(value: unknown): { depth: number; entries: number } {
  if (typeof value !== 'object' || value === null) return { depth: 0, entries: 1 };
  const children = Array.isArray(value) ? value : Object.values(value);
  const keys = Array.isArray(value) ? 0 : children.length;
  const inner = children.map(reference);
  return {
    depth: 1 + Math.max(0, ...inner.map((r) => r.depth)),
    entries: 1 + keys + inner.reduce((n, r) => n + r.entries, 0),
  };
}

const SMALL: DocumentLimits = { depth: 4, entries: 40 };
const values = fc.jsonValue({ maxDepth: 6 });
/** Text made mostly of the characters that open, close, quote and indent structure. */
const structured = fc
  .array(
    fc.oneof(
      fc.constantFrom('[', ']', '{', '}', '- ', '? ', ': ', ',', '"', "'", '\\', '#', '|', '>'),
      fc.constantFrom('\n', '  ', '\t', '&a ', '*a', '!t ', '---\n', '...\n', 'x', '0'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('document limits', () => {
  it('the 2.4 million deep document of 4.8 MB fails at once, saying where', () => {
    for (const [name, text] of [
      ['deep.json', deepText('[', ']')],
      ['deep.yaml', deepText('[', ']')],
      ['deep.yaml', `format: kg-article/1\narticle:\n${'- '.repeat(DEEP)}x\n`],
    ] as const) {
      const started = performance.now();
      const result = validateArticleText(text, name);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(result).toMatchObject({
        ok: false,
        errors: [
          { code: 'TOO_DEEPLY_NESTED', path: expect.stringMatching(/^line \d+, column \d+$/) },
        ],
      });
      const [issue] = result.ok ? [] : result.errors;
      expect(issue?.message).toMatch(/nested more than 64 levels deep here; the limit is 64/);
    }
  });

  it('a document of more entries than the limit fails at the first one over it', () => {
    const wide = `{"format": "kg-article/1", "article": [${Array(300_000).fill('0').join(', ')}]}`;
    for (const name of ['wide.json', 'wide.yaml']) {
      const result = validateArticleText(wide, name);
      expect(result).toMatchObject({
        ok: false,
        errors: [{ code: 'TOO_MANY_ENTRIES', line: 1, column: 40 + 3 * 249_995 }],
      });
    }
  }, 60_000);

  it('a valid article is far within the limits', () => {
    const seed = readFileSync(
      path.join(projectRoot, 'seed', '000-n-square-dinner-2008.yaml'),
      'utf8',
    );
    const { measure, value } = yamlThroughLimits(seed, DOCUMENT_LIMITS);
    expect(measure.exceeded).toBeUndefined();
    expect(measure.depth).toBeLessThanOrEqual(6);
    expect(measureJson(JSON.stringify(value))).toEqual({ ...reference(value) });
  });

  it('a parsed value is measured without recursion, naming the path over the limit', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(measureValue({ format: 'kg-article/1', article: deep }).exceeded).toEqual({
      path: `article${'[0]'.repeat(63)}`,
      message: 'lists and mappings are nested more than 64 levels deep here; the limit is 64',
      code: 'TOO_DEEPLY_NESTED',
    });
    expect(measureValue({ a: Array(300_000).fill(1) }).exceeded).toMatchObject({
      path: 'a[249997]',
      code: 'TOO_MANY_ENTRIES',
    });
  });

  it('never throws, whatever the text or value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), structured), (text) => {
        for (const _ of limitedYamlTokens(text, new LineCounter(), SMALL).tokens);
        measureJson(text, SMALL);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => void measureValue(value, SMALL)),
      { numRuns: 500 },
    );
  }, 60_000);

  it('agrees with the parsers: the same levels and entries, and the same value within the limits', () => {
    fc.assert(
      fc.property(values, fc.constantFrom(0, 2), (value, indent) => {
        const counted = reference(value);
        const over = counted.depth > SMALL.depth || counted.entries > SMALL.entries;
        const json = JSON.stringify(value, null, indent);
        const measured = measureJson(json, SMALL);
        expect(measured.exceeded !== undefined).toBe(over);
        if (!over) expect(measured).toEqual(counted);
        expect(measureValue(value, SMALL)).toEqual(measured.exceeded ? expect.anything() : counted);
        expect(measureValue(value, SMALL).exceeded?.code).toBe(measured.exceeded?.code);

        for (const text of [
          json,
          stringify(value),
          stringify(value, { collectionStyle: 'flow' }),
        ]) {
          const roomy = yamlThroughLimits(text, { depth: SMALL.depth, entries: 1e6 });
          expect(roomy.measure.exceeded !== undefined).toBe(counted.depth > SMALL.depth);
          if (roomy.measure.exceeded) continue;
          expect(roomy.measure.depth).toBe(counted.depth);
          expect(roomy.measure.entries).toBeLessThanOrEqual(2 * counted.entries);
          expect(roomy.value).toEqual(parseDocument(text).toJS());
        }
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
