import { canonicalJson } from '../model/canonical-json.ts';
import { compare } from './facts.ts';
import type { EntityDeclaration, Props } from './plan.ts';

/**
 * What every declaration of an entity adds up to: exactly what identity rule 3 and mergeEntity
 * need to recompute the entity, in a size that does not grow with the number of articles that
 * mention it. The importer keeps it on the entity (`declared`, with `declaredMentions`, the number
 * of mentions it covers), so an article that only adds declarations folds its own into it
 * instead of reading every declaration of every entity it mentions: an entity a thousand articles
 * mention costs an import what an entity one article mentions does.
 *
 * A summary is a function of the set of declarations alone (summarize of a union is the combine
 * of the summaries, whatever the order), so the graph still does not depend on import order. It
 * cannot take a declaration away: an article that replaces or retracts another reads the
 * declarations of what that one mentioned (see READ_ENTITY).
 */
export interface DeclarationSummary {
  /** The id the summary counts as the entity's own: declarations made under it decide its fields. */
  id: string;
  /** How many declarations were made under that id. */
  own: number;
  /** Each field of the own declarations, from the newest that has it: [publishedDay, article, value]. */
  fields: Record<string, [string, string, unknown]>;
  /** Every name and alias of every declaration (sorted). */
  names: string[];
  /** Each id something was declared under, with its oldest declaration: [publishedDay, article]. */
  first: Record<string, [string, string]>;
  /** Every id the entity was declared or referenced as (sorted). */
  declaredAs: string[];
}

/** The properties of an entity that are the importer's bookkeeping, not what articles say. */
export const BOOKKEEPING = ['declared', 'declaredMentions'] as const;

/** `props` without the importer's bookkeeping. */
export function withoutBookkeeping(props: Props): Props {
  if (!BOOKKEEPING.some((k) => k in props)) return props;
  return Object.fromEntries(
    Object.entries(props).filter(([k]) => !(BOOKKEEPING as readonly string[]).includes(k)),
  );
}

/** Declarations in the order they apply: publication day, then article id. */
const newer = (a: readonly string[], b: readonly string[]) =>
  compare(a[0]!, b[0]!) || compare(a[1]!, b[1]!);

export const emptySummary = (id: string): DeclarationSummary => ({
  id,
  own: 0,
  fields: {},
  names: [],
  first: {},
  declaredAs: [],
});

/** `summary` with `declarations` added (a new object; `summary` is not changed). */
export function addDeclarations(
  summary: DeclarationSummary,
  declarations: readonly EntityDeclaration[],
): DeclarationSummary {
  if (declarations.length === 0) return summary;
  const fields = { ...summary.fields };
  const first = { ...summary.first };
  const names = new Set(summary.names);
  const declaredAs = new Set(summary.declaredAs);
  let own = summary.own;
  for (const d of declarations) {
    declaredAs.add(d.declaredAs);
    if (d.declaration === null) continue;
    const at: [string, string] = [d.publishedDay, d.article];
    const known = first[d.declaredAs];
    if (!known || newer(at, known) < 0) first[d.declaredAs] = at;
    const value = JSON.parse(d.declaration) as Props;
    names.add(String(value.name));
    for (const alias of (value.aliases as string[] | undefined) ?? []) names.add(alias);
    if (d.declaredAs !== summary.id) continue;
    own++;
    for (const [key, v] of Object.entries(value)) {
      if (key === 'type' || key === 'aliases') continue;
      const held = fields[key];
      if (!held || newer(at, [held[0], held[1]]) >= 0) fields[key] = [at[0], at[1], v];
    }
  }
  return {
    id: summary.id,
    own,
    fields,
    names: [...names].sort(compare),
    first,
    declaredAs: [...declaredAs].sort(compare),
  };
}

export const summarize = (id: string, declarations: readonly EntityDeclaration[]) =>
  addDeclarations(emptySummary(id), declarations);

/** The stored form: canonical JSON, so equal summaries are equal strings. */
export const serializeSummary = (summary: DeclarationSummary): string => canonicalJson(summary);

/** A stored summary, or undefined when there is none or it is not one of ours. */
export function parseSummary(stored: unknown): DeclarationSummary | undefined {
  if (typeof stored !== 'string') return undefined;
  try {
    const value = JSON.parse(stored) as DeclarationSummary;
    const ok =
      typeof value.id === 'string' &&
      typeof value.own === 'number' &&
      value.fields !== null &&
      typeof value.fields === 'object' &&
      Array.isArray(value.names) &&
      value.first !== null &&
      typeof value.first === 'object' &&
      Array.isArray(value.declaredAs);
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rule 3: the id an entity answers to: the id of its oldest declaration (ties by article, then by
 * id), leaving out ids merged into it; `currentId` when nothing is declared.
 */
export function canonicalFrom(
  summary: DeclarationSummary,
  currentId: string,
  mergedIds: ReadonlySet<string>,
): string {
  let best: [string, string, string] | undefined;
  for (const [id, [day, article]] of Object.entries(summary.first)) {
    if (mergedIds.has(id)) continue;
    const key: [string, string, string] = [day, article, id];
    if (!best || newer(key, best) < 0 || (newer(key, best) === 0 && compare(id, best[2]) < 0)) {
      best = key;
    }
  }
  return best?.[2] ?? currentId;
}
