import type { Claim, Fact } from './format.ts';
import { speakerOf, targetOf } from './format.ts';
import {
  FACT_TYPES,
  REFERENCE_TYPES,
  type EntityType,
  type FactEndpoints,
} from '../model/vocabulary.ts';

/**
 * The one walker over the places a document uses an entity id without declaring it: both ends of
 * a fact, the organization a participant represented, a claim's speakers and their organizations,
 * its targets and its event. Validation (types and unknown ids), identity resolution (which ids to
 * look up) and planning (which entities an article mentions) all read references from here.
 */
export interface Reference {
  id: string;
  /** Where the id stands in the file, e.g. ['claims', 3, 'speakers', 1, 'id']. */
  path: (string | number)[];
  /** What the id is used as, in words: "at the from end of WORKS_FOR (Person -> Organization)". */
  use: ReferenceUse;
  /** The entity types the id may name there; for the to end of a fact, see `fromOf`. */
  allowed: readonly EntityType[];
}

export type ReferenceUse =
  'from' | 'to' | 'representing' | 'speaker' | 'speakerOrganization' | 'target' | 'event';

interface Document {
  facts: readonly Fact[];
  claims: readonly Claim[];
}

const endsOf = (fact: Fact, side: 'from' | 'to') => {
  const pairs: readonly FactEndpoints[] = FACT_TYPES[fact.type].endpoints;
  return [...new Set(pairs.flatMap((p) => p[side]))];
};

/** The references of one fact, in file order: from, to, representing. */
export function factReferences(fact: Fact, index: number): Reference[] {
  const at = (...rest: (string | number)[]) => ['facts', index, ...rest];
  const refs: Reference[] = [
    { id: fact.from, path: at('from'), use: 'from', allowed: endsOf(fact, 'from') },
    { id: fact.to, path: at('to'), use: 'to', allowed: endsOf(fact, 'to') },
  ];
  if ('representing' in fact && fact.representing) {
    refs.push({
      id: fact.representing,
      path: at('representing'),
      use: 'representing',
      allowed: REFERENCE_TYPES.representing,
    });
  }
  return refs;
}

/** The references of one claim, in file order: speakers (and organizations), targets, event. */
export function claimReferences(claim: Claim, index: number): Reference[] {
  const at = (...rest: (string | number)[]) => ['claims', index, ...rest];
  const refs: Reference[] = [];
  claim.speakers.forEach((ref, k) => {
    const speaker = speakerOf(ref);
    const path = typeof ref === 'string' ? at('speakers', k) : at('speakers', k, 'id');
    refs.push({ id: speaker.id, path, use: 'speaker', allowed: REFERENCE_TYPES.speaker });
    if (speaker.organization) {
      refs.push({
        id: speaker.organization,
        path: at('speakers', k, 'organization'),
        use: 'speakerOrganization',
        allowed: REFERENCE_TYPES.speakerOrganization,
      });
    }
  });
  claim.targets.forEach((ref, k) => {
    const id = targetOf(ref, claim.stance).id;
    const path = typeof ref === 'string' ? at('targets', k) : at('targets', k, 'id');
    refs.push({ id, path, use: 'target', allowed: REFERENCE_TYPES.target });
  });
  if (claim.event) {
    refs.push({ id: claim.event, path: at('event'), use: 'event', allowed: REFERENCE_TYPES.event });
  }
  return refs;
}

/** Every reference of a document (facts, then claims), in file order. */
export function documentReferences(document: Document): Reference[] {
  return [
    ...document.facts.flatMap((fact, i) => factReferences(fact, i)),
    ...document.claims.flatMap((claim, i) => claimReferences(claim, i)),
  ];
}

/** The distinct ids a document references, sorted. */
export function referencedIds(document: Document): string[] {
  return [...new Set(documentReferences(document).map((r) => r.id))].sort();
}
