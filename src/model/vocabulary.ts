/**
 * The closed vocabularies of the kg-article/1 import format: entity types and kinds, claim stances,
 * and the fact types with the entity types they connect. The zod schemas (format.ts), the
 * validator (validate.ts), the README and the graph writer all read these tables, so a new word is
 * added here once.
 */

export const ENTITY_TYPES = ['Person', 'Organization', 'Event', 'Place', 'Topic'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(type: string | undefined): type is EntityType {
  return ENTITY_TYPES.includes(type as EntityType);
}

export const ORGANIZATION_KINDS = [
  'company',
  'research-group',
  'government-agency',
  'nonprofit',
  'other',
] as const;
export const EVENT_KINDS = [
  'conference',
  'dinner',
  'meeting',
  'announcement',
  'release',
  'presentation',
  'other',
] as const;
export const PLACE_KINDS = ['venue', 'city', 'region', 'country'] as const;
export const TOPIC_KINDS = ['product', 'technology', 'threat', 'concept', 'standard'] as const;

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export type EventKind = (typeof EVENT_KINDS)[number];
export type PlaceKind = (typeof PLACE_KINDS)[number];
export type TopicKind = (typeof TOPIC_KINDS)[number];

/** What a speaker does to a target. Each value's meaning is part of the public contract. */
export const STANCES = {
  ASSERTS: 'States something as true about the target.',
  SUPPORTS: 'Agrees with or backs the target (an idea, a position, another party).',
  PROMOTES: 'Advocates the target, typically a product, technology or approach.',
  PREDICTS: 'Says something about the target will happen.',
  DISPUTES: 'Says a statement about the target is wrong.',
  CRITICIZES: 'Finds fault with the target.',
  DISMISSES: 'Says the target does not matter or is not worth attention.',
} as const;
export type Stance = keyof typeof STANCES;
export const STANCE_NAMES = Object.keys(STANCES) as [Stance, ...Stance[]];

/** The optional properties a fact may carry; which ones a fact type allows is in FACT_TYPES. */
export const FACT_PROPERTIES = {
  role: 'The role held, in the words of the source, e.g. "CTO" or "panelist".',
  validFrom: 'When the fact started to hold (a date with precision). Omit when not stated.',
  validTo: 'When the fact stopped holding (a date with precision). Omit when not stated.',
  representing:
    'The id of the Organization the participant represented at the event (must be an Organization).',
  date: 'When it happened (a date with precision).',
} as const;
export type FactProperty = keyof typeof FACT_PROPERTIES;

export interface FactEndpoints {
  readonly from: readonly EntityType[];
  readonly to: readonly EntityType[];
}

export interface FactTypeDefinition {
  readonly description: string;
  /** The allowed (from, to) pairs: a fact matches when its ends fit one pair. */
  readonly endpoints: readonly FactEndpoints[];
  readonly properties: readonly FactProperty[];
}

/** The fact vocabulary: each type, what it means, what it connects and what it may carry. */
export const FACT_TYPES = {
  WORKS_FOR: {
    description: 'A person works for an organization, in a role, over a period.',
    endpoints: [{ from: ['Person'], to: ['Organization'] }],
    properties: ['role', 'validFrom', 'validTo'],
  },
  PART_OF: {
    description: 'An organization belongs to another one, or a place lies within a larger place.',
    endpoints: [
      { from: ['Organization'], to: ['Organization'] },
      { from: ['Place'], to: ['Place'] },
    ],
    properties: ['validFrom', 'validTo'],
  },
  HOSTED: {
    description: 'An organization or a person hosted (organised) an event.',
    endpoints: [{ from: ['Organization', 'Person'], to: ['Event'] }],
    properties: [],
  },
  PARTICIPATED_IN: {
    description:
      'A person or an organization took part in an event, in a role, possibly representing an organization.',
    endpoints: [{ from: ['Person', 'Organization'], to: ['Event'] }],
    properties: ['role', 'representing'],
  },
  HELD_AT: {
    description: 'An event took place at a place (a venue or a city).',
    endpoints: [{ from: ['Event'], to: ['Place'] }],
    properties: [],
  },
  LOCATED_IN: {
    description: 'An organization, a place or an event is located in a place.',
    endpoints: [{ from: ['Organization', 'Place', 'Event'], to: ['Place'] }],
    properties: [],
  },
  DEVELOPS: {
    description: 'An organization or a person develops a product or technology.',
    endpoints: [{ from: ['Organization', 'Person'], to: ['Topic'] }],
    properties: [],
  },
  CREATED: {
    description: 'A person or an organization created a product, technology, threat or concept.',
    endpoints: [{ from: ['Person', 'Organization'], to: ['Topic'] }],
    properties: ['date'],
  },
  CONTRIBUTES_TO: {
    description: 'A person or an organization contributes to a technology or project.',
    endpoints: [{ from: ['Person', 'Organization'], to: ['Topic'] }],
    properties: ['validFrom', 'validTo'],
  },
  ACQUIRED: {
    description: 'An organization acquired another organization.',
    endpoints: [{ from: ['Organization'], to: ['Organization'] }],
    properties: ['date'],
  },
  DISCUSSED: {
    description: 'A topic was discussed at an event.',
    endpoints: [{ from: ['Event'], to: ['Topic'] }],
    properties: [],
  },
} as const satisfies Record<string, FactTypeDefinition>;

export type FactType = keyof typeof FACT_TYPES;
export const FACT_TYPE_NAMES = Object.keys(FACT_TYPES) as [FactType, ...FactType[]];

/** The entity types each reference of a fact property or a claim may point at. */
export const REFERENCE_TYPES = {
  representing: ['Organization'],
  speaker: ['Person', 'Organization'],
  speakerOrganization: ['Organization'],
  target: ENTITY_TYPES,
  event: ['Event'],
} as const satisfies Record<string, readonly EntityType[]>;

/** "Person -> Organization", "Organization -> Organization or Place -> Place". */
export function describeEndpoints(type: FactType): string {
  const pairs: readonly FactEndpoints[] = FACT_TYPES[type].endpoints;
  return pairs.map((p) => `${p.from.join('|')} -> ${p.to.join('|')}`).join(' or ');
}

/**
 * What the graph holds, beside the article format's words: every identified node carries :Node
 * and one of these types; a :Redirect (an id that answers for another after a match by name or a
 * merge) carries that label alone. :GraphVersion and :ImportLock are bookkeeping, never knowledge.
 */
export const NODE_TYPES = [...ENTITY_TYPES, 'Article', 'Claim'] as const;
export type NodeType = (typeof NODE_TYPES)[number];
export const IDENTIFIED_LABEL = 'Node';
export const REDIRECT_LABEL = 'Redirect';

/** The relationships that tie claims, articles and redirects to entities (facts are FACT_TYPES). */
export const LINK_TYPES = [
  'MENTIONS',
  'MADE',
  'ABOUT',
  'AT_EVENT',
  'REPORTED_IN',
  'REDIRECTS_TO',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** Every relationship type the graph holds: the facts and the links. */
export const RELATIONSHIP_TYPES: readonly (FactType | LinkType)[] = [
  ...FACT_TYPE_NAMES,
  ...LINK_TYPES,
];
