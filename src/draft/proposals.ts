/**
 * What a draft proposes: entities, facts and claims, each with the span of the text it was read
 * from, a confidence (0 to 1, how often a rule of its kind is right, not a probability) and, where
 * the editor must decide, a review note. Nothing here is invented: every span is in the text.
 */
import type { EntityType, FactType, Stance } from '../model/vocabulary.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** How a mention was linked to an entity the graph (or the gazetteer files) already holds. */
export interface KnownMatch {
  readonly id: string;
  /** "name", "alias" or "id" (the mention's slug is an id the graph knows). */
  readonly by: 'name' | 'alias' | 'id';
  /** The name, alias or id that matched. */
  readonly matched: string;
}

export interface EntityProposal {
  id: string;
  type: EntityType;
  kind?: string;
  name: string;
  aliases: string[];
  /** Dates of events (the day, month or year the text gives). */
  startDate?: string;
  mentions: Span[];
  known?: KnownMatch;
  /** Which rule typed it, for the review note and the confidence. */
  evidence: string;
  confidence: number;
  review?: string;
}

export interface FactProposal {
  type: FactType;
  from: string;
  to: string;
  role?: string;
  representing?: string;
  date?: string;
  /** When it started or stopped holding (WORKS_FOR), as the text gives it. */
  validFrom?: string;
  validTo?: string;
  /**
   * The text says it no longer holds ("former CTO", "stepped down", "replaced"), whether or not
   * it says when: such a post is not the speaker's current one.
   */
  ended?: boolean;
  quote: Span;
  rule: string;
  confidence: number;
  review?: string;
}

export interface ClaimProposal {
  id: string;
  speakers: { id: string; role?: string; organization?: string }[];
  targets: string[];
  stance: Stance;
  /** The reporting verb or cue that suggested the stance. */
  stanceCue: string;
  statement: string;
  quote: Span;
  event?: string;
  date?: string;
  rule: string;
  confidence: number;
  review?: string;
}

export interface Draft {
  article: { id: string; title: string; publishedAt?: string; text: string };
  entities: EntityProposal[];
  facts: FactProposal[];
  claims: ClaimProposal[];
  /** Capitalised names the rules could not type: listed for the editor, not proposed. */
  unclassified: Span[];
  /** The event the article reports, when it reports one. */
  event?: string;
}
