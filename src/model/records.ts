import type { Stance } from './vocabulary.ts';
import { roleKey } from './names.ts';

/**
 * What the read repositories hand to the GraphQL layer: plain values, never driver types.
 * Nodes carry `__typename` (their type label), so interfaces resolve without another lookup, and
 * refer to other nodes by id: the GraphQL layer loads those in batches, one query per level.
 */
export interface NodeRecord {
  __typename: 'Person' | 'Organization' | 'Event' | 'Place' | 'Topic' | 'Claim' | 'Article';
  id: string;
  [property: string]: unknown;
}

/** Cypher that turns the node `n` into a NodeRecord (its type is its label other than Node). */
export const nodeRecord = (n: string) =>
  `${n} {.*, __typename: [l IN labels(${n}) WHERE l <> 'Node'][0]}`;

/** A typed relationship as stored, with its ends as ids. */
export interface RelationRecord {
  type: string;
  from: string;
  to: string;
  props: {
    role?: string;
    representing?: string;
    validFrom?: string;
    validFromDay?: string;
    validTo?: string;
    validToDay?: string;
    date?: string;
    sources?: string[];
    quotes?: string[];
    key?: string;
    roleKey?: string;
    organization?: string;
    stance?: string;
  };
}

/** Cypher that turns the relationship `r` into a RelationRecord. */
export const relationRecord = (r: string) =>
  `{type: type(${r}), from: startNode(${r}).id, to: endNode(${r}).id, props: properties(${r})}`;

/**
 * Whether a fact holds on a day (a role "as of"): from the first day of validFrom to the last day
 * of validTo; a bound no source gives is open. No day: it holds.
 */
export function holdsOn(relation: RelationRecord, day: string | null | undefined): boolean {
  if (!day) return true;
  const { validFromDay, validToDay } = relation.props;
  return (!validFromDay || validFromDay <= day) && (!validToDay || validToDay >= day);
}

/**
 * Whether two facts contradict each other: same type, ends and role, other qualifiers. Facts of
 * one group are stored apart only when their sources disagree (src/ingest/facts.ts).
 */
export function conflicting(a: RelationRecord, b: RelationRecord): boolean {
  const role = (r: RelationRecord) => r.props.roleKey ?? roleKey(r.props.role);
  return (
    a.type === b.type &&
    a.from === b.from &&
    a.to === b.to &&
    role(a) === role(b) &&
    a.props.key !== b.props.key
  );
}

export interface SourceRecord {
  article: string;
  quote: string | null;
}

/** A fact's sources (article ids, quotes aligned with them). */
export function factSources(relation: RelationRecord): SourceRecord[] {
  const { sources = [], quotes = [] } = relation.props;
  return sources.map((article, i) => ({ article, quote: quotes[i] || null }));
}

export interface ClaimDetails {
  id: string;
  attributions: { speaker: string; role: string | null; organization: string | null }[];
  targets: { entity: string; stance: Stance }[];
  event: string | null;
  /** First report first. */
  sources: SourceRecord[];
}
