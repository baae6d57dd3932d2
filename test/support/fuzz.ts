/**
 * What the fuzz tests share: how many cases to run and with which seed (KG_FUZZ_RUNS,
 * KG_FUZZ_SEED, KG_FUZZ_PATH), the report they print, hostile strings, a cheap fingerprint of the
 * graph, and the test that no answer shows internals.
 */
import fc from 'fast-check';
import type { Database } from '../../src/db/database.ts';
import { STACK_FRAME } from './processes.ts';

/** A few hundred cases inside `npm test`; `npm run fuzz:import` and `fuzz:graphql` run 10,000. */
export const FUZZ_RUNS = Number(process.env.KG_FUZZ_RUNS) || 250;

/**
 * Runs `property` FUZZ_RUNS times and prints the seed, the cases run and the time. On failure the
 * error carries fast-check's counterexample and the seed and path that replay it.
 */
export async function fuzz<T>(name: string, property: fc.IAsyncPropertyWithHooks<T>) {
  const seed = Number(process.env.KG_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
  const path = process.env.KG_FUZZ_PATH || undefined;
  const started = performance.now();
  const details = await fc.check(property, {
    numRuns: FUZZ_RUNS,
    seed,
    ...(path ? { path } : {}),
    markInterruptAsFailure: true,
    interruptAfterTimeLimit: 6 * 60 * 60 * 1000,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `[fuzz] ${name}: seed ${seed}, ${details.numRuns} cases, ${seconds} s${details.failed ? ', FAILED' : ''}\n`,
  );
  if (details.failed) {
    const error = details.errorInstance;
    const cause = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw new Error(
      `${name} failed after ${details.numRuns} cases (shrunk ${details.numShrinks} times).\n\n` +
        `Counterexample (long strings cut): ${shortJson(details.counterexample)}\n\n` +
        `The failure: ${cause.slice(0, 4000)}\n\n` +
        `Replay: KG_FUZZ_SEED=${seed} KG_FUZZ_PATH=${JSON.stringify(details.counterexamplePath)} (with the same KG_FUZZ_RUNS)`,
    );
  }
}

/** JSON with every string over 300 characters cut to its start and its length. */
function shortJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) =>
      typeof v === 'string' && v.length > 300 ? `${v.slice(0, 200)}… (${v.length} characters)` : v,
    1,
  );
}

// ---------------------------------------------------------------------------------------------
// Hostile strings

/** Strings that broke, or could break, a parser, a query, a log or a terminal somewhere. */
export const HOSTILE = [
  "'",
  '"',
  '`',
  '\\',
  '}) DETACH DELETE n //',
  "' OR 1=1 //",
  '" } ] ) MATCH (n) DETACH DELETE n //',
  '$id',
  '${process.env}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '\u0000',
  'a\u0000b',
  '\r\n',
  '\t',
  '\u2028\u2029',
  '\u202Eevil',
  '\uFEFF',
  'e\u0301',
  'ﬁ',
  'İ',
  '🦄👩‍👩‍👧',
  '日本語の記事',
  'مرحبا',
  '__proto__',
  'constructor',
  '- item',
  ': colon',
  '# comment',
  '&anchor',
  '*alias',
  '!!js/function',
  '---',
  '...',
  '%TAG',
  'null',
  'true',
  '0x1F',
  '1e400',
  '~',
] as const;

/** A piece of a hostile string: a known one, or any code points, ASCII or not. */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
);

/** A UTF-16 code unit of a surrogate pair without its other half. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Sizes of long strings: 10 KB, 100 KB and 1 MB, one more or less than the round number. */
const LONG_LENGTHS = [10_000, 100_000, 1024 * 1024 - 1, 1024 * 1024 + 1] as const;

/**
 * A long string: a hostile piece repeated to a length of LONG_LENGTHS, cut where it makes no lone
 * surrogate (Neo4j stores UTF-8, which cannot hold one: see hostileString).
 */
export const longString = fc
  .tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...LONG_LENGTHS))
  .map(([s, length]) =>
    `long${s.repeat(Math.ceil(length / Math.max(1, s.length)))}`
      .slice(0, length)
      .replace(LONE_SURROGATE, '\uFFFD'),
  );

/**
 * A hostile string: a few hostile pieces joined, or (with `long`) now and then a long one. Without
 * `surrogates`, a lone surrogate becomes U+FFFD: an article holding one is refused (Neo4j stores
 * UTF-8, which cannot hold one; test/unit/ingest-validate.test.ts), so articles meant to be valid
 * have none. GraphQL inputs keep them.
 */
export function hostileString({ long = 0, surrogates = true } = {}): fc.Arbitrary<string> {
  const short = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
  const any =
    long > 0
      ? fc.oneof({ weight: 100 - long, arbitrary: short }, { weight: long, arbitrary: longString })
      : short;
  return surrogates ? any : any.map((s) => s.replace(LONE_SURROGATE, '\uFFFD'));
}

// ---------------------------------------------------------------------------------------------
// What must not leave the server

/** Text that belongs to the server's inside: stacks, Neo4j, Cypher, the driver, JavaScript errors. */
const INTERNALS = [
  /INTERNAL_SERVER_ERROR/,
  /Unexpected error\./,
  /Neo\.(ClientError|TransientError|DatabaseError)/,
  /Neo4jError/,
  /\bneo4j-driver\b/i,
  /\bCypher\b/i,
  /\bbolt:\/\//i,
  /node_modules/,
  /\.ts:\d+/,
  /\b(TypeError|RangeError|ReferenceError|SyntaxError): /,
  /Cannot read propert/,
  /is not a function/,
  /Maximum call stack/,
];

/** The first sign of the server's inside in `text`, if any. */
export function internalsIn(text: string): string | undefined {
  if (STACK_FRAME.test(text)) return `a stack frame: ${STACK_FRAME.exec(text)![0]}`;
  for (const pattern of INTERNALS) {
    const found = pattern.exec(text);
    if (found) {
      const at = Math.max(0, found.index - 80);
      return `${pattern}: …${text.slice(at, found.index + 120)}…`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The graph

export interface Fingerprint {
  nodes: number;
  relationships: number;
  version: string | null;
}

/** Counts of nodes and relationships (Neo4j keeps them), and the graph version: every write shows. */
export async function fingerprint(db: Database): Promise<Fingerprint> {
  // Each count comes from Neo4j's count store: a fraction of a millisecond, however large the graph.
  const [row] = await db.read(
    `/* fuzzFingerprint */ MATCH (n) WITH count(n) AS nodes
     MATCH ()-[r]->() WITH nodes, count(r) AS relationships
     OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
     RETURN nodes, relationships, v.version AS version`,
  );
  return {
    nodes: Number(row?.nodes),
    relationships: Number(row?.relationships),
    version: typeof row?.version === 'string' ? row.version : null,
  };
}
