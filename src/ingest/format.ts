/**
 * The kg-article/1 import format: one news article per file, with the entities it mentions, the
 * facts it states and the claims it reports. These zod schemas are the single definition of the
 * format: validate.ts parses with them and scripts/write-json-schema.ts publishes them as
 * schema/article.schema.json, so every field carries its documentation here.
 *
 * The schemas check one file's shape. Rules that span the file (unique ids, entity types at both
 * ends of a fact, quotes found in the text) live in validate.ts.
 */
import { z } from 'zod';
import { DATE_PATTERN, dateProblem, isDateWithPrecision } from '../model/dates.ts';
import {
  ENTITY_TYPES,
  EVENT_KINDS,
  FACT_PROPERTIES,
  FACT_TYPES,
  ORGANIZATION_KINDS,
  PLACE_KINDS,
  REFERENCE_TYPES,
  STANCES,
  STANCE_NAMES,
  TOPIC_KINDS,
  describeEndpoints,
  type EntityType,
  type FactType,
  type Stance,
} from '../model/vocabulary.ts';

export const FORMAT = 'kg-article/1';
export const ARTICLE_SCHEMA_ID = 'urn:industry-knowledge-graph:schema:kg-article-1';
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ID_MAX_LENGTH = 120;
export const QUOTE_MAX_LENGTH = 1000;
/**
 * Names and aliases are indexed as they are (a RANGE index takes at most 8 KB) and normalised
 * (NFKD can make a character 18), so they are kept to what a name can be.
 */
export const NAME_MAX_LENGTH = 500;
/** Titles are indexed as they are: at most 4 KB in UTF-8, well within the index's 8 KB. */
export const TITLE_MAX_LENGTH = 1000;

// ---------------------------------------------------------------------------------------------
// Messages. Every message says what was expected and what was found.

/** A value as a message shows it: "Crosby" quoted, number 42, a list, an object, null. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 60
      ? `${JSON.stringify(`${value.slice(0, 57)}...`)} (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  if (Array.isArray(value)) return 'a list';
  return `an ${typeof value}`;
}

/** "expected X, found Y", or "required field is missing (expected X)" when nothing was found. */
export function expected(what: string, found: unknown): string {
  return found === undefined
    ? `required field is missing (expected ${what})`
    : `expected ${what}, found ${describeValue(found)}`;
}

/** A string schema whose every message names `what`: "expected a date ..., found number 2008". */
function stringOf(what: string) {
  return z.string({
    error: (iss) => (iss.code === 'invalid_type' ? expected(what, iss.input) : undefined),
  });
}

// ---------------------------------------------------------------------------------------------
// Scalars

const ID_WHAT =
  'a kebab-case id (lowercase letters and digits joined by single hyphens, e.g. simon-crosby)';

export const idSchema = stringOf(ID_WHAT)
  .regex(ID_PATTERN, { error: (iss) => expected(ID_WHAT, iss.input), abort: true })
  .max(ID_MAX_LENGTH, {
    error: (iss) =>
      `expected an id of at most ${ID_MAX_LENGTH} characters, found ${String(iss.input).length}`,
  })
  .meta({
    id: 'Id',
    description:
      'A stable, human-readable id in kebab-case (e.g. simon-crosby), at most 120 characters. ' +
      'The same id in two files is the same thing.',
  });

const DATE_WHAT = 'a date "YYYY", "YYYY-MM" or "YYYY-MM-DD" written as a string';

export const dateSchema = stringOf(DATE_WHAT)
  .regex(DATE_PATTERN, { error: (iss) => dateProblem(String(iss.input)), abort: true })
  .refine(isDateWithPrecision, { error: (iss) => dateProblem(String(iss.input)) })
  .meta({
    id: 'DateWithPrecision',
    description:
      'A real calendar date with its precision: "2008" (year), "2008-03" (month) or ' +
      '"2008-03-11" (day). Give only as much precision as the source does.',
  });

/** Free text that must say something. */
const text = (what = 'a non-empty string') =>
  stringOf(what).regex(/\S/, { error: (iss) => expected(what, iss.input) });

/** Free text that must say something in at most `max` characters. */
const shortText = (what: string, max: number) =>
  text().max(max, {
    error: (iss) =>
      `expected ${what} of at most ${max} characters, found ${String(iss.input).length}`,
  });

const quoteSchema = text('a quote (a non-empty string)')
  .max(QUOTE_MAX_LENGTH, {
    error: (iss) =>
      `expected a short quote of at most ${QUOTE_MAX_LENGTH} characters, found ${String(iss.input).length}`,
  })
  .meta({
    id: 'Quote',
    description:
      'A short verbatim excerpt of the article that evidences this, at most 1000 characters. ' +
      'When article.text is given the quote must occur in it (whitespace and curly or straight ' +
      'quotation marks are compared loosely, everything else exactly).',
  });

const stanceSchema = z.enum(STANCE_NAMES).meta({
  id: 'Stance',
  description: `What the speaker does to the target. ${Object.entries(STANCES)
    .map(([name, meaning]) => `${name}: ${meaning}`)
    .join(' ')}`,
});

// ---------------------------------------------------------------------------------------------
// The article

export const articleSchema = z
  .strictObject({
    id: idSchema.describe(
      'The article id, unique among articles, entities and claims, e.g. article-n-square-dinner-2008.',
    ),
    title: shortText('a title', TITLE_MAX_LENGTH).describe(
      `The headline as published, at most ${TITLE_MAX_LENGTH} characters.`,
    ),
    url: z
      .url({
        protocol: /^https?$/,
        error: (iss) => expected('an http or https URL', iss.input),
      })
      .optional()
      .describe('Where the article can be read. Give it only when it is known to be right.'),
    publisher: text().optional().describe('The publication or site, e.g. "ServerWatch".'),
    author: text().optional().describe('The byline.'),
    publishedAt: dateSchema.describe('When the article was published, with precision.'),
    language: stringOf('a language tag such as en or en-GB')
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, {
        error: (iss) => expected('a language tag such as en or en-GB', iss.input),
      })
      .optional()
      .describe('The language of the text as a BCP 47 tag, e.g. en.'),
    text: z
      .string()
      .optional()
      .describe(
        'The full text. When present, every quote in the file must occur in it. Omit it for ' +
          'background sources whose text is not at hand.',
      ),
  })
  .meta({ id: 'Article', description: 'The source this file annotates: its metadata and text.' });

// ---------------------------------------------------------------------------------------------
// Entities

function entity<T extends EntityType, S extends z.ZodRawShape>(
  type: T,
  description: string,
  extra: S,
) {
  return z
    .strictObject({
      id: idSchema.describe('The entity id, e.g. simon-crosby.'),
      type: z.literal(type).describe(`Always "${type}".`),
      name: shortText('a name', NAME_MAX_LENGTH).describe(
        `The name it is best known by, at most ${NAME_MAX_LENGTH} characters.`,
      ),
      aliases: z
        .array(shortText('a name', NAME_MAX_LENGTH))
        .optional()
        .describe(
          `Other names and spellings that refer to it, e.g. "IRG", "Crosby"; each at most ${NAME_MAX_LENGTH} characters.`,
        ),
      description: text().optional().describe('One or two sentences about it, in our own words.'),
      ...extra,
    })
    .meta({ id: type, description });
}

export const personSchema = entity('Person', 'A person.', {});

export const organizationSchema = entity(
  'Organization',
  'A company, research group, government agency or other organization.',
  {
    kind: z
      .enum(ORGANIZATION_KINDS)
      .optional()
      .describe(`What sort of organization: ${ORGANIZATION_KINDS.join(', ')}.`),
  },
);

export const eventSchema = entity(
  'Event',
  'Something that happened at a time: a conference, a dinner, a release.',
  {
    kind: z.enum(EVENT_KINDS).describe(`What sort of event: ${EVENT_KINDS.join(', ')}.`),
    startDate: dateSchema.describe('When it started (or happened), with precision.'),
    endDate: dateSchema
      .optional()
      .describe('When it ended, for events longer than a day; not before startDate.'),
  },
);

export const placeSchema = entity('Place', 'A venue, city, region or country.', {
  kind: z.enum(PLACE_KINDS).describe(`What sort of place: ${PLACE_KINDS.join(', ')}.`),
});

export const topicSchema = entity(
  'Topic',
  'Something people talk about: a product, technology, threat, concept or standard.',
  { kind: z.enum(TOPIC_KINDS).describe(`What sort of topic: ${TOPIC_KINDS.join(', ')}.`) },
);

export const entitySchema = z
  .discriminatedUnion('type', [
    personSchema,
    organizationSchema,
    eventSchema,
    placeSchema,
    topicSchema,
  ])
  .meta({
    id: 'Entity',
    description: `Something the article mentions. type is one of ${ENTITY_TYPES.join(', ')}.`,
  });

// ---------------------------------------------------------------------------------------------
// Facts: one schema per type of the vocabulary, built from FACT_TYPES so the two cannot differ.

const factPropertySchemas = {
  role: text().describe(FACT_PROPERTIES.role),
  validFrom: dateSchema.describe(FACT_PROPERTIES.validFrom),
  validTo: dateSchema.describe(`${FACT_PROPERTIES.validTo} Not before validFrom.`),
  representing: idSchema.describe(FACT_PROPERTIES.representing),
  date: dateSchema.describe(FACT_PROPERTIES.date),
};

type FactPropertiesOf<T extends FactType> = (typeof FACT_TYPES)[T]['properties'][number];
type OptionalProperties<T extends FactType> = {
  [K in FactPropertiesOf<T>]: z.ZodOptional<(typeof factPropertySchemas)[K]>;
};

function fact<T extends FactType>(type: T) {
  const definition = FACT_TYPES[type];
  const ends = (side: 'from' | 'to') =>
    [...new Set(definition.endpoints.flatMap((pair) => pair[side]))].join(' or ');
  const properties = Object.fromEntries(
    definition.properties.map((name) => [name, factPropertySchemas[name].optional()]),
  ) as OptionalProperties<T>;
  return z
    .strictObject({
      type: z.literal(type).describe(`Always "${type}".`),
      from: idSchema.describe(`The id of the ${ends('from')} the fact goes from.`),
      to: idSchema.describe(`The id of the ${ends('to')} the fact goes to.`),
      ...properties,
      quote: quoteSchema.optional(),
    })
    .meta({
      id: `${type}`,
      description: `${definition.description} Connects ${describeEndpoints(type)}.`,
    });
}

export const factSchema = z
  .discriminatedUnion('type', [
    fact('WORKS_FOR'),
    fact('PART_OF'),
    fact('HOSTED'),
    fact('PARTICIPATED_IN'),
    fact('HELD_AT'),
    fact('LOCATED_IN'),
    fact('DEVELOPS'),
    fact('CREATED'),
    fact('CONTRIBUTES_TO'),
    fact('ACQUIRED'),
    fact('DISCUSSED'),
  ])
  .meta({
    id: 'Fact',
    description:
      'A typed relationship the article states as fact, from the closed vocabulary. Each type ' +
      'allows only the properties listed for it.',
  });

// ---------------------------------------------------------------------------------------------
// Claims

const speakerRefSchema = z
  .union(
    [
      idSchema.describe('The id of the Person or Organization who made the claim.'),
      z
        .strictObject({
          id: idSchema.describe('The id of the Person or Organization who made the claim.'),
          role: text()
            .optional()
            .describe('The role the speaker held when making the claim, e.g. "CTO".'),
          organization: idSchema
            .optional()
            .describe('The id of the Organization the speaker spoke for when making the claim.'),
        })
        .meta({ id: 'Speaker', description: 'A speaker with the role they held at the time.' }),
    ],
    {
      error: (iss) =>
        iss.code === 'invalid_union'
          ? expected('a speaker id or an object { id, role?, organization? }', iss.input)
          : undefined,
    },
  )
  .describe(`A speaker (a ${REFERENCE_TYPES.speaker.join(' or ')}): an id, or an object.`);

const targetRefSchema = z
  .union(
    [
      idSchema.describe('The id of the entity the claim is about.'),
      z
        .strictObject({
          id: idSchema.describe('The id of the entity the claim is about.'),
          stance: stanceSchema
            .optional()
            .describe("The stance towards this target, when it differs from the claim's stance."),
        })
        .meta({ id: 'Target', description: 'A target with its own stance.' }),
    ],
    {
      error: (iss) =>
        iss.code === 'invalid_union'
          ? expected('a target id or an object { id, stance? }', iss.input)
          : undefined,
    },
  )
  .describe('What the claim is about (an entity of any type): an id, or an object.');

export const claimSchema = z
  .strictObject({
    id: idSchema.describe(
      'The claim id, e.g. crosby-dismisses-blue-pill. Keep it stable across corrected versions ' +
        'of the file, so a re-import replaces the claim instead of adding another.',
    ),
    statement: text().describe('What was claimed, in our own words (not copied from the article).'),
    stance: stanceSchema.describe("The speakers' stance towards the targets."),
    speakers: z
      .array(speakerRefSchema)
      .min(1)
      .describe('Who made the claim: one or more people or organizations.'),
    targets: z
      .array(targetRefSchema)
      .min(1)
      .describe('What the claim is about: one or more entities.'),
    event: idSchema.optional().describe('The id of the Event at which the claim was made.'),
    date: dateSchema.optional().describe('When the claim was made, with precision.'),
    quote: quoteSchema.optional(),
  })
  .meta({
    id: 'Claim',
    description:
      'Something a person or organization stated, with a stance towards one or more targets.',
  });

// ---------------------------------------------------------------------------------------------
// The file

export const articleFileSchema = z.strictObject({
  format: z
    .literal(FORMAT)
    .describe(
      `The format and its version. Always "${FORMAT}"; a file without it is not an article.`,
    ),
  article: articleSchema,
  entities: z
    .array(entitySchema)
    .default([])
    .describe(
      'The entities the article mentions. An entity declared by an earlier import may be ' +
        'referenced by id without being declared again.',
    ),
  facts: z.array(factSchema).default([]).describe('The facts the article states.'),
  claims: z.array(claimSchema).default([]).describe('The claims the article reports.'),
  $schema: z.string().optional().describe('The address of this JSON Schema, for editors. Ignored.'),
});

export type ArticleFile = z.output<typeof articleFileSchema>;
/** A file as written, before defaults are applied (entities, facts and claims may be absent). */
export type ArticleFileInput = z.input<typeof articleFileSchema>;
export type Article = z.output<typeof articleSchema>;
export type Entity = z.output<typeof entitySchema>;
export type Person = z.output<typeof personSchema>;
export type Organization = z.output<typeof organizationSchema>;
export type Event = z.output<typeof eventSchema>;
export type Place = z.output<typeof placeSchema>;
export type Topic = z.output<typeof topicSchema>;
export type Fact = z.output<typeof factSchema>;
export type FactOf<T extends FactType> = Extract<Fact, { type: T }>;
export type Claim = z.output<typeof claimSchema>;
export type SpeakerRef = Claim['speakers'][number];
export type TargetRef = Claim['targets'][number];

// Every fact type of the vocabulary has its schema in the union above.
const everyFactTypeHasASchema: [Exclude<FactType, Fact['type']>] extends [never] ? true : never =
  true;
void everyFactTypeHasASchema;

/** A speaker with its optional fields spelled out, whichever way the file wrote it. */
export interface Speaker {
  id: string;
  role?: string | undefined;
  organization?: string | undefined;
}

/** A target with its effective stance (its own, or else the claim's). */
export interface Target {
  id: string;
  stance: Stance;
}

export function speakerOf(ref: SpeakerRef): Speaker {
  return typeof ref === 'string' ? { id: ref } : ref;
}

export function targetOf(ref: TargetRef, claimStance: Stance): Target {
  return typeof ref === 'string'
    ? { id: ref, stance: claimStance }
    : { id: ref.id, stance: ref.stance ?? claimStance };
}

/** The JSON Schema of the format (draft 2020-12), as published in schema/article.schema.json. */
export function articleJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(articleFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: ARTICLE_SCHEMA_ID,
    title: `Article annotation file (${FORMAT})`,
    description:
      'One news article per file (YAML or JSON): its metadata and optional text, the entities ' +
      'it mentions, the facts it states between them (a closed vocabulary) and the claims it ' +
      'reports (speakers, stance, targets, event, date, quote). Besides this shape, the importer ' +
      'checks that ids are unique within the file, that both ends of a fact have the entity ' +
      'types its type allows, that quotes occur in article.text when it is given, and that ' +
      'date ranges do not end before they start.',
    ...rest,
  };
}
