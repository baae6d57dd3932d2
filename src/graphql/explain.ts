import { UserError } from '../model/errors.ts';
import type { TimelineRow } from '../graph/explore-reader.ts';
import type { NodeRecord, RelationRecord, SourceRecord } from '../model/records.ts';
import type { GraphQLContext } from './context.ts';

/** How each relation reads in a sentence, from its start to its end. */
const VERBS: Record<string, string> = {
  WORKS_FOR: 'works for',
  PART_OF: 'is part of',
  HOSTED: 'hosted',
  PARTICIPATED_IN: 'took part in',
  HELD_AT: 'was held at',
  LOCATED_IN: 'is located in',
  DEVELOPS: 'develops',
  CREATED: 'created',
  CONTRIBUTES_TO: 'contributes to',
  ACQUIRED: 'acquired',
  DISCUSSED: 'discussed',
  MADE: 'made the claim',
  ABOUT: 'is about',
  AT_EVENT: 'was made at',
};

/** A node in a sentence: its name, or a claim's statement in quotes. */
export function nameOf(node: NodeRecord | null | undefined, fallback: string): string {
  if (!node) return fallback;
  if (node.__typename === 'Claim') {
    const statement = String(node.statement ?? node.id);
    return `"${statement.length > 80 ? `${statement.slice(0, 77)}...` : statement}"`;
  }
  return String(node.name ?? node.title ?? node.id);
}

/** "Simon Crosby works for XenSource (CTO, from 2007-10)", its ends loaded. */
export async function explainHop(ctx: GraphQLContext, relation: RelationRecord): Promise<string> {
  const [from, to] = await Promise.all([
    ctx.loaders.node.load(relation.from),
    ctx.loaders.node.load(relation.to),
  ]);
  return hopInWords(relation, from, to);
}

/** A hop in words, given its relation and its ends (null: named by id). */
export function hopInWords(
  relation: RelationRecord,
  from: NodeRecord | null | undefined,
  to: NodeRecord | null | undefined,
): string {
  const { role, validFrom, validTo, date } = relation.props;
  const qualifiers = [
    role,
    validFrom && `from ${validFrom}`,
    validTo && `to ${validTo}`,
    date && `in ${date}`,
  ].filter(Boolean);
  const verb = VERBS[relation.type] ?? relation.type.toLowerCase();
  return `${nameOf(from, relation.from)} ${verb} ${nameOf(to, relation.to)}${qualifiers.length ? ` (${qualifiers.join(', ')})` : ''}`;
}

/**
 * What supports a hop: a fact's own sources, or, for the link between a claim and its speaker,
 * target or event, the articles that report the claim.
 */
export async function hopSources(
  ctx: GraphQLContext,
  relation: RelationRecord,
  factSources: (ctx: GraphQLContext, relation: RelationRecord) => Promise<SourceRecord[]>,
): Promise<SourceRecord[]> {
  if (relation.props.sources) return factSources(ctx, relation);
  const claimId = relation.type === 'MADE' ? relation.to : relation.from;
  const details = await ctx.loaders.claimDetails.load(claimId);
  if (!details) throw new UserError(`Claim "${claimId}" is no longer in the graph.`, 'NOT_FOUND');
  return details.sources;
}

/** A timeline entry in words. */
export function timelineSummary(row: TimelineRow): string {
  const { from, to, speakers } = row.names;
  switch (row.kind) {
    case 'EVENT':
      return nameOf(row.node, 'an event');
    case 'CLAIM':
      return `${speakers.join(', ') || 'Someone'} ${speakers.length > 1 ? 'claim' : 'claims'}: ${nameOf(row.node, 'a claim')}`;
    case 'ROLE_STARTED':
      return `${from} starts at ${to}${row.relation?.props.role ? ` as ${row.relation.props.role}` : ''}`;
    case 'ROLE_ENDED':
      return `${from} leaves ${to}${row.relation?.props.role ? ` (${row.relation.props.role})` : ''}`;
    case 'FACT':
      return `${from} ${VERBS[row.relation?.type ?? ''] ?? 'is linked to'} ${to}`;
  }
}
