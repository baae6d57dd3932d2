/**
 * A draft against a hand annotation of the same article, for the evaluation (`npm run
 * eval:draft`) and `kg draft --diff`:
 *
 * - entities by id (the draft's id is the graph's when the gazetteer linked it, else its slug):
 *   declared or referenced, on both sides;
 * - facts by (type, from, to);
 * - claims by speaker and target: a draft claim (one speaker) is right when an annotated claim has
 *   that speaker among its speakers and shares a target; an annotated claim is found when a draft
 *   claim is right about it; its stance is right when one of those draft claims has its stance.
 */
import type { ArticleFile } from '../ingest/format.ts';
import { speakerOf, targetOf } from '../ingest/format.ts';
import { referencedIds } from '../ingest/references.ts';
import type { ClaimProposal, Draft, EntityProposal, FactProposal } from './proposals.ts';

export interface Score {
  /** Right proposals / proposals. */
  precision: number;
  /** Annotated items found / annotated items. */
  recall: number;
  proposed: number;
  annotated: number;
  right: number;
  found: number;
}

export interface Comparison {
  entities: Score;
  facts: Score;
  claims: Score & { stanceRight: number };
  /** What the draft proposes that the annotation lacks. */
  extra: { entities: EntityProposal[]; facts: FactProposal[]; claims: ClaimProposal[] };
  /** Annotated claims found with another stance: [draft, annotated stance]. */
  otherStance: { claim: ClaimProposal; annotated: string; annotatedId: string }[];
  /** What the annotation has that the draft missed. */
  missed: { entities: string[]; facts: string[]; claims: string[] };
}

const score = (proposed: number, right: number, annotated: number, found: number): Score => ({
  precision: proposed === 0 ? 1 : right / proposed,
  recall: annotated === 0 ? 1 : found / annotated,
  proposed,
  annotated,
  right,
  found,
});

const factKey = (f: { type: string; from: string; to: string }) => `${f.type} ${f.from} -> ${f.to}`;

export function compareDraft(draft: Draft, annotation: ArticleFile): Comparison {
  const annotatedIds = new Set([
    ...annotation.entities.map((e) => e.id),
    ...referencedIds(annotation),
  ]);
  const draftIds = new Set(draft.entities.map((e) => e.id));
  const entityRight = draft.entities.filter((e) => annotatedIds.has(e.id));

  const annotatedFacts = new Set(annotation.facts.map(factKey));
  const draftFacts = new Set(draft.facts.map(factKey));
  const factRight = draft.facts.filter((f) => annotatedFacts.has(factKey(f)));

  const annotatedClaims = annotation.claims.map((c) => ({
    id: c.id,
    stance: c.stance,
    speakers: new Set(c.speakers.map((s) => speakerOf(s).id)),
    targets: new Set(c.targets.map((t) => targetOf(t, c.stance).id)),
  }));
  const matches = (d: ClaimProposal, c: (typeof annotatedClaims)[number]) =>
    d.speakers.some((s) => c.speakers.has(s.id)) && d.targets.some((t) => c.targets.has(t));
  const claimRight = draft.claims.filter((d) => annotatedClaims.some((c) => matches(d, c)));
  const found = annotatedClaims.filter((c) => draft.claims.some((d) => matches(d, c)));
  const stanceRight = found.filter((c) =>
    draft.claims.some((d) => matches(d, c) && d.stance === c.stance),
  );
  const otherStance = found
    .filter((c) => !stanceRight.includes(c))
    .map((c) => ({
      claim: draft.claims.find((d) => matches(d, c))!,
      annotated: c.stance,
      annotatedId: c.id,
    }));

  return {
    entities: score(
      draft.entities.length,
      entityRight.length,
      annotatedIds.size,
      [...annotatedIds].filter((id) => draftIds.has(id)).length,
    ),
    facts: score(
      draft.facts.length,
      factRight.length,
      annotatedFacts.size,
      [...annotatedFacts].filter((k) => draftFacts.has(k)).length,
    ),
    claims: {
      ...score(draft.claims.length, claimRight.length, annotatedClaims.length, found.length),
      stanceRight: found.length === 0 ? 1 : stanceRight.length / found.length,
    },
    extra: {
      entities: draft.entities.filter((e) => !annotatedIds.has(e.id)),
      facts: draft.facts.filter((f) => !annotatedFacts.has(factKey(f))),
      claims: draft.claims.filter((d) => !claimRight.includes(d)),
    },
    otherStance,
    missed: {
      entities: [...annotatedIds].filter((id) => !draftIds.has(id)),
      facts: [...annotatedFacts].filter((k) => !draftFacts.has(k)),
      claims: annotatedClaims.filter((c) => !found.includes(c)).map((c) => c.id),
    },
  };
}

/** `kg draft --diff`: what the draft proposes that the annotation lacks, one line each. */
export function describeDiff(comparison: Comparison): string[] {
  const lines: string[] = [];
  for (const e of comparison.extra.entities) {
    lines.push(`+ entity ${e.id} (${e.type}) "${e.mentions[0]?.text ?? e.name}"`);
  }
  for (const f of comparison.extra.facts) {
    lines.push(`+ fact ${factKey(f)}${f.role ? ` (${f.role})` : ''}: "${f.quote.text}"`);
  }
  for (const c of comparison.extra.claims) {
    lines.push(
      `+ claim ${c.speakers.map((s) => s.id).join(', ')} ${c.stance} ${c.targets.join(', ') || '(no target)'}: "${c.quote.text}"`,
    );
  }
  for (const o of comparison.otherStance) {
    lines.push(
      `~ claim ${o.annotatedId}: annotated ${o.annotated}, the draft suggests ${o.claim.stance} (${o.claim.stanceCue})`,
    );
  }
  return lines;
}
