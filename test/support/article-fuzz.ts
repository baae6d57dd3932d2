/**
 * kg-article/1 files for fuzzing, valid and not: a valid article with hostile strings in every
 * string field, then (most of the time) one mutation of its value or of its text, each mutation
 * naming the issue code the importer must answer, or none when either answer is right (a
 * truncated file may still be a valid one).
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { IssueCode } from '../../src/ingest/issues.ts';
import {
  EVENT_KINDS,
  ORGANIZATION_KINDS,
  PLACE_KINDS,
  STANCE_NAMES,
  TOPIC_KINDS,
} from '../../src/model/vocabulary.ts';
import { HOSTILE, hostileString, longString } from './fuzz.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: Json };

export interface FuzzedFile {
  /** The file name; its extension picks the syntax. */
  file: string;
  text: string;
  /** The document as an object, when the text is exactly its serialisation. */
  document?: Doc;
  /** What was done to the valid article. */
  mutation: string;
  /** 'valid': must be imported; a code: must be refused with it; undefined: either. */
  expect: 'valid' | IssueCode | 'invalid' | undefined;
}

/** Free text that says something (the format refuses blank strings). */
const words = hostileString({ long: 0, surrogates: false }).map((s) =>
  /\S/.test(s) ? s : `${s}x`,
);
const day = fc
  .record({
    y: fc.integer({ min: 1900, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .chain(({ y, m, d }) => {
    const mm = String(m).padStart(2, '0');
    return fc.constantFrom(String(y), `${y}-${mm}`, `${y}-${mm}-${String(d).padStart(2, '0')}`);
  });
const quote = words.map((s) => s.slice(0, 900)).filter((s) => /\S/.test(s));

/** A valid article about a person, an organization, a topic, an event and a place of its own. */
export const validArticle: fc.Arbitrary<Doc> = fc
  .record({
    nonce: fc.integer({ min: 0, max: 2 ** 40 }),
    title: words,
    publisher: fc.option(words, { nil: undefined }),
    author: fc.option(words, { nil: undefined }),
    publishedAt: day,
    withText: fc.boolean(),
    quotes: fc.tuple(quote, quote),
    between: fc.string({ maxLength: 20 }),
    names: fc.array(words, { minLength: 5, maxLength: 5 }),
    aliases: fc.array(words, { maxLength: 3 }),
    description: fc.option(words, { nil: undefined }),
    role: fc.option(words, { nil: undefined }),
    statement: words,
    stance: fc.constantFrom(...STANCE_NAMES),
    dates: fc.tuple(day, day),
    seedReference: fc.boolean(),
    speakerAsObject: fc.boolean(),
  })
  .map((g) => {
    const id = (what: string) => `fz-${g.nonce}-${what}`;
    const [start, end] = [...g.dates].sort((a, b) => (a.slice(0, 4) < b.slice(0, 4) ? -1 : 1));
    const withQuotes = g.withText;
    const optional = (key: string, value: Json | undefined) =>
      value === undefined ? {} : { [key]: value };
    const article: Doc = {
      id: id('article'),
      title: g.title,
      ...optional('publisher', g.publisher),
      ...optional('author', g.author),
      publishedAt: g.publishedAt,
      ...(g.withText ? { text: `${g.quotes[0]}${g.between}${g.quotes[1]}` } : {}),
    };
    const entity = (type: string, n: number, extra: Doc) => ({
      id: id(type.toLowerCase()),
      type,
      name: `${g.names[n]} ${type}`,
      ...extra,
    });
    const entities: Json[] = [
      entity('Person', 0, {
        aliases: g.aliases,
        ...optional('description', g.description),
      }),
      entity('Organization', 1, { kind: ORGANIZATION_KINDS[g.nonce % ORGANIZATION_KINDS.length]! }),
      entity('Topic', 2, { kind: TOPIC_KINDS[g.nonce % TOPIC_KINDS.length]! }),
      entity('Event', 3, {
        kind: EVENT_KINDS[g.nonce % EVENT_KINDS.length]!,
        startDate: start!,
        ...(end!.slice(0, 4) > start!.slice(0, 4) ? { endDate: end! } : {}),
      }),
      entity('Place', 4, { kind: PLACE_KINDS[g.nonce % PLACE_KINDS.length]! }),
    ];
    const facts: Json[] = [
      {
        type: 'WORKS_FOR',
        from: id('person'),
        to: id('organization'),
        ...optional('role', g.role),
        ...(withQuotes ? { quote: g.quotes[0] } : {}),
      },
      { type: 'DEVELOPS', from: id('organization'), to: id('topic') },
      { type: 'PARTICIPATED_IN', from: id('person'), to: id('event'), ...optional('role', g.role) },
      { type: 'HELD_AT', from: id('event'), to: id('place') },
      // The seed's organizations are in the graph: a reference needs no declaration.
      ...(g.seedReference ? [{ type: 'HOSTED', from: 'citrix', to: id('event') }] : []),
    ];
    const speaker = g.speakerAsObject
      ? { id: id('person'), ...optional('role', g.role), organization: id('organization') }
      : id('person');
    const claims: Json[] = [
      {
        id: id('claim'),
        statement: g.statement,
        stance: g.stance,
        speakers: [speaker],
        targets: [id('topic'), { id: id('organization'), stance: g.stance }],
        event: id('event'),
        date: start!,
        ...(withQuotes ? { quote: g.quotes[1] } : {}),
      },
    ];
    return { format: 'kg-article/1', article, entities, facts, claims };
  });

// ---------------------------------------------------------------------------------------------
// Mutations of the value

/** Every path to a value inside `value`, with the value. */
function pathsOf(
  value: Json,
  path: (string | number)[] = [],
): { path: (string | number)[]; value: Json }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...path, i]))];
  if (value && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, k]))];
  }
  return here;
}

function at(doc: Doc, path: (string | number)[]): Json {
  let node: Json = doc;
  for (const key of path) node = (node as Record<string | number, Json>)[key]!;
  return node;
}

/** A deep copy of `doc` with the value at `path` replaced (or removed, for undefined). */
function setAt(doc: Doc, path: (string | number)[], value: Json | undefined): Doc {
  const copy = structuredClone(doc);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else parent[key] = value;
  return copy;
}

/** Picks one of `items` by a number drawn elsewhere, so shrinking keeps a valid choice. */
const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** A list nested `depth` deep. */
const nested = (depth: number): Json =>
  JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as Json;

const BAD_DATES = [
  '2008-13',
  '2008-02-30',
  '2008-00-01',
  '20080',
  '2008-1',
  '1900-02-29',
  '',
  ' 2008',
  '2008-03-11T00:00:00Z',
  '0000',
  '99999-01-01',
  '-2008',
];

type Mutation = (doc: Doc) => fc.Arbitrary<{
  doc: Doc;
  mutation: string;
  expect: FuzzedFile['expect'];
  /** Written as JSON only: JSON.stringify escapes what UTF-8 text could not carry. */
  json?: boolean;
}>;

const mutations: Mutation[] = [
  (doc) => fc.constant({ doc, mutation: 'none', expect: 'valid' }),
  // A field no schema knows, in any object of the document.
  (doc) =>
    fc
      .tuple(
        fc.nat(),
        fc.oneof(
          fc.constantFrom(...HOSTILE),
          fc.string({ unit: 'binary', maxLength: 20 }),
          longString,
        ),
        wrongValue,
      )
      .map(([n, name, value]) => {
        const objects = pathsOf(doc).filter(
          (p) => p.value && typeof p.value === 'object' && !Array.isArray(p.value),
        );
        const target = pick(objects, n);
        const key = `zz-${name}`;
        return {
          doc: setAt(doc, [...target.path, key], value),
          mutation: `unknown field at ${JSON.stringify(target.path)}`,
          expect: 'UNKNOWN_FIELD' as const,
        };
      }),
  // A reference to an id nobody declared.
  (doc) =>
    fc.tuple(fc.nat(), fc.nat()).map(([n, m]) => {
      const refs: (string | number)[][] = [
        ['facts', 0, 'from'],
        ['facts', 1, 'to'],
        ['claims', 0, 'event'],
        ['claims', 0, 'targets', 0],
      ];
      const path = pick(refs, n);
      return {
        doc: setAt(doc, path, `fz-nobody-${m}`),
        mutation: `undeclared id at ${JSON.stringify(path)}`,
        expect: 'UNKNOWN_REFERENCE' as const,
      };
    }),
  // The same id declared twice (an entity, or a claim with an entity's id).
  (doc) =>
    fc.nat().map((n) => {
      const entities = doc.entities as Doc[];
      const copy = structuredClone(pick(entities, n));
      const twice =
        n % 2 === 0
          ? setAt(doc, ['entities', entities.length], copy)
          : setAt(doc, ['claims', 0, 'id'], copy.id!);
      return { doc: twice, mutation: 'duplicate id', expect: 'DUPLICATE' as const };
    }),
  // A date that is not a date.
  (doc) =>
    fc.tuple(fc.nat(), fc.constantFrom(...BAD_DATES)).map(([n, date]) => {
      const path = pick(
        [
          ['article', 'publishedAt'],
          ['claims', 0, 'date'],
          ['entities', 3, 'startDate'],
        ],
        n,
      );
      return {
        doc: setAt(doc, path, date),
        mutation: `date ${JSON.stringify(date)} at ${JSON.stringify(path)}`,
        expect: 'INVALID_VALUE' as const,
      };
    }),
  // An event that ends before it starts.
  (doc) =>
    fc.constant({
      doc: setAt(
        setAt(doc, ['entities', 3, 'startDate'], '2010-05-02'),
        ['entities', 3, 'endDate'],
        '2010-05-01',
      ),
      mutation: 'endDate before startDate',
      expect: 'DATE_ORDER' as const,
    }),
  // A value of the wrong type anywhere (the top-level format is NOT_AN_ARTICLE's).
  (doc) =>
    fc.tuple(fc.nat(), wrongValue).map(([n, value]) => {
      const leaves = pathsOf(doc).filter((p) => p.path.length > 1 && typeof p.value === 'string');
      const target = pick(leaves, n);
      return {
        doc: setAt(doc, target.path, value),
        mutation: `wrong type at ${JSON.stringify(target.path)}`,
        expect: 'invalid' as const,
      };
    }),
  // A required field missing.
  (doc) =>
    fc.nat().map((n) => {
      const required = [
        ['article', 'id'],
        ['article', 'title'],
        ['article', 'publishedAt'],
        ['entities', 0, 'name'],
        ['entities', 1, 'type'],
        ['entities', 2, 'id'],
        ['facts', 0, 'to'],
        ['facts', 1, 'type'],
        ['claims', 0, 'stance'],
        ['claims', 0, 'speakers'],
        ['claims', 0, 'statement'],
        ['article'],
      ];
      const path = pick(required, n);
      return {
        doc: setAt(doc, path, undefined),
        mutation: `missing ${JSON.stringify(path)}`,
        expect: 'invalid' as const,
      };
    }),
  // An id that is not kebab-case.
  (doc) =>
    fc.tuple(fc.nat(), hostileString()).map(([n, id]) => {
      const path = pick(
        [
          ['article', 'id'],
          ['entities', 0, 'id'],
          ['claims', 0, 'id'],
          ['facts', 0, 'from'],
        ],
        n,
      );
      return {
        doc: setAt(doc, path, `${id}Not Kebab`),
        mutation: `bad id at ${JSON.stringify(path)}`,
        expect: 'INVALID_VALUE' as const,
      };
    }),
  // A quote the text does not hold.
  (doc) =>
    fc.constant(
      (doc.article as Doc).text === undefined
        ? { doc, mutation: 'none (no text for a quote)', expect: 'valid' as const }
        : {
            doc: setAt(doc, ['claims', 0, 'quote'], 'zq words found nowhere qz'),
            mutation: 'quote not in text',
            expect: 'QUOTE_NOT_IN_TEXT' as const,
          },
    ),
  // A fact between entities of the wrong types.
  (doc) =>
    fc.constant({
      doc: setAt(doc, ['facts', 0, 'from'], (doc.facts as Doc[])[0]!.to!),
      mutation: 'WORKS_FOR from an organization',
      expect: 'WRONG_ENTITY_TYPE' as const,
    }),
  // Nesting deep enough to hurt a recursive walker.
  (doc) =>
    fc.tuple(fc.nat(), fc.constantFrom(40, 70, 1_000)).map(([n, depth]) => {
      const target = pick(
        pathsOf(doc).filter((p) => p.path.length > 0),
        n,
      );
      return {
        doc: setAt(doc, target.path, nested(depth)),
        mutation: `${depth} nested lists at ${JSON.stringify(target.path)}`,
        expect: 'invalid' as const,
      };
    }),
  // Half a surrogate pair in a free-text field. Written as JSON (`\uD800`), it reaches the
  // validator by every way in; as raw UTF-8 it could not be written at all.
  (doc) =>
    fc
      .tuple(
        fc.nat(),
        fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDFFF\uD800'),
        fc.boolean(),
      )
      .map(([n, half, before]) => {
        const path = pick(
          [
            ['article', 'title'],
            ['entities', 0, 'name'],
            ['claims', 0, 'statement'],
            ['entities', 2, 'name'],
          ],
          n,
        );
        const value = at(doc, path) as string;
        return {
          doc: setAt(doc, path, before ? `${half}${value}` : `${value}${half}`),
          mutation: `lone surrogate ${JSON.stringify(half)} in ${JSON.stringify(path)}`,
          expect: 'INVALID_VALUE' as const,
          json: true,
        };
      }),
  // A long string (10 KB to 1 MB) in any string field: either answer, but a right one.
  (doc) =>
    fc.tuple(fc.nat(), longString).map(([n, long]) => {
      const target = pick(
        pathsOf(doc).filter((p) => typeof p.value === 'string' && p.path[0] !== 'format'),
        n,
      );
      return {
        doc: setAt(doc, target.path, long),
        mutation: `${long.length} characters at ${JSON.stringify(target.path)}`,
        expect: undefined,
      };
    }),
  // Anything anywhere.
  (doc) =>
    fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>).map(([n, value]) => {
      const target = pick(
        pathsOf(doc).filter((p) => p.path.length > 0),
        n,
      );
      return {
        doc: setAt(doc, target.path, value),
        mutation: `${JSON.stringify(value).slice(0, 40)} at ${JSON.stringify(target.path)}`,
        expect: undefined,
      };
    }),
];

// ---------------------------------------------------------------------------------------------
// Text

const serialise = fc.constantFrom('yaml', 'json', 'json-pretty', 'json-as-yaml', 'yml');

function write(doc: Doc, how: string): { file: string; text: string } {
  switch (how) {
    case 'yaml':
      return { file: 'fuzz.yaml', text: stringify(doc) };
    case 'yml':
      return { file: 'fuzz.yml', text: stringify(doc, { lineWidth: 0 }) };
    case 'json':
      return { file: 'fuzz.json', text: JSON.stringify(doc) };
    case 'json-pretty':
      return { file: 'fuzz.json', text: JSON.stringify(doc, null, 2) };
    default:
      return { file: 'fuzz.yaml', text: JSON.stringify(doc, null, 1) };
  }
}

/** A change to the text itself; undefined: the text stays as written. */
const textMutation: fc.Arbitrary<
  ((text: string) => { text: string; what: string; expect?: FuzzedFile['expect'] }) | undefined
> = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (text: string) => ({
      text: text.slice(0, Math.floor(text.length * f)),
      what: `cut at ${f.toFixed(3)}`,
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(
          fc.constantFrom(
            ...HOSTILE,
            '{',
            '[',
            ']',
            '}',
            ',',
            ':',
            '"',
            '\n  - ',
            '\n---\n',
            '&a [*a, *a]',
          ),
          fc.string({ unit: 'binary', maxLength: 4 }),
        ),
      )
      .map(([f, s]) => (text: string) => {
        const at = Math.floor(text.length * f);
        return {
          text: `${text.slice(0, at)}${s}${text.slice(at)}`,
          what: `${JSON.stringify(s)} inserted at ${at}`,
        };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.constant((text: string) => ({
      text: text.replaceAll('\n', '\r\n'),
      what: 'CRLF line ends',
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constant((text: string) => ({
      text: `\uFEFF${text}`,
      what: 'a byte order mark',
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constant((text: string) => ({
      text: `${text}\n---\n${text}`,
      what: 'two documents',
      expect: 'invalid' as const,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constant((text: string) => ({
      text: text.replaceAll('\n', '\n\u0000'),
      what: 'null bytes after every line end',
      expect: 'invalid' as const,
    })),
  },
);

/** An article file: a valid article, maybe mutated as a value, then written, maybe mutated as text. */
export const fuzzedFile: fc.Arbitrary<FuzzedFile> = validArticle
  .chain((doc) =>
    fc.oneof(
      { weight: 4, arbitrary: mutations[0]!(doc) },
      ...mutations.slice(1).map((m) => ({ weight: 1, arbitrary: m(doc) })),
    ),
  )
  .chain((mutated) =>
    fc.tuple(serialise, textMutation).map(([how, change]) => {
      const written = write(mutated.doc, mutated.json ? 'json' : how);
      if (!change)
        return {
          ...written,
          document: mutated.doc,
          mutation: mutated.mutation,
          expect: mutated.expect,
        };
      const changed = change(written.text);
      if (changed.text === written.text) {
        return {
          ...written,
          document: mutated.doc,
          mutation: mutated.mutation,
          expect: mutated.expect,
        };
      }
      return {
        file: written.file,
        text: changed.text,
        mutation: `${mutated.mutation}; ${changed.what}`,
        // A change to the text makes the outcome open, unless it must break the file.
        expect: changed.expect === 'invalid' ? 'invalid' : undefined,
      };
    }),
  );
